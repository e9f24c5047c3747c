"""Persona fixtures: export text -> importer -> frames -> audit (cached per test session)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.rules.personas import PERSONAS as _BASE
from tests.rules.personas_trust import PERSONAS as _TRUST

PERSONAS = {**_BASE, **_TRUST}

_CACHE: dict[tuple, object] = {}
_TMP = Path(tempfile.mkdtemp(prefix="wa-audit-personas-"))


def build_persona_db(name: str, params: dict | None = None) -> Path:
    """Write the persona's exports, import them into a fresh workspace, return its path."""
    from wa_audit.importer import import_paths

    params = dict(params or {})
    key = ("db", name, tuple(sorted(params.items())))
    if key in _CACHE:
        return _CACHE[key]
    owner, chats = PERSONAS[name](**params)
    folder = _TMP / f"{name}-{len(_CACHE)}"
    folder.mkdir(parents=True)
    files = [c.write(folder, i) for i, c in enumerate(chats)]
    db_path = folder / "ws.db"
    gen = import_paths(files, db_path, owner=owner)
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        summary = stop.value
    bad = [r for r in summary.files if r.status == "error"]
    assert not bad, [(r.file_name, r.error) for r in bad]
    _CACHE[key] = db_path
    return db_path


def persona_report(name: str, params: dict | None = None, sensitivity: str = "standard"):
    from wa_audit.audit import run_audit_frames
    from wa_audit.store.db import open_db
    from wa_audit.store.queries import load_frames

    key = ("report", name, tuple(sorted((params or {}).items())), sensitivity)
    if key not in _CACHE:
        db = open_db(build_persona_db(name, params))
        try:
            frames = load_frames(db)
        finally:
            db.close()
        _CACHE[key] = run_audit_frames(frames, sensitivity=sensitivity)
    return _CACHE[key]


@pytest.fixture(scope="session")
def persona():
    return persona_report


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_TMP, ignore_errors=True)
