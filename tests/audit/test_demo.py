"""The demo shop: deterministic exports that import cleanly and audit in all three colours."""

from __future__ import annotations

import hashlib

from wa_audit.audit import run_audit
from wa_audit.demo import demo_workspace, write_demo_exports
from wa_audit.rules.base import Light


def _digest(files):
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.name.encode())
        h.update(f.read_bytes() if f.suffix == ".txt" else b"")
    return h.hexdigest()


def test_exports_are_deterministic_and_small(tmp_path):
    a = write_demo_exports(tmp_path / "a")
    b = write_demo_exports(tmp_path / "b")
    assert _digest(a) == _digest(b)
    assert 60 <= len(a) <= 150
    assert sum(f.stat().st_size for f in a) < 1_000_000
    assert any(f.suffix == ".zip" for f in a) and any(f.suffix == ".txt" for f in a)


def test_demo_workspace_audits_with_all_colours(tmp_path):
    path = demo_workspace(tmp_path / "demo.db")
    assert demo_workspace(path) == path  # up to date: not rebuilt
    report = run_audit(path)
    lights = {f.result.light for f in report.findings}
    assert {Light.GREEN, Light.AMBER, Light.RED} <= lights
    assert report.overall in (Light.RED, Light.AMBER)
    assert report.coverage["broadcast_lists"] == 1 and report.coverage["groups"] == 1
    assert report.light_of("R11") == Light.RED  # a newsletter reached someone who said STOP
    assert any(a["kind"] in ("greeting", "away") for a in report.allowed_automation)
