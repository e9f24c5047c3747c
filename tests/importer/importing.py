"""Helpers shared by the import tests (tests/importer is on sys.path, see conftest)."""

from __future__ import annotations

from wa_audit.importer import import_paths


def run_import(paths, db_path, **kw):
    """Run an import to the end; the ImportSummary."""
    gen = import_paths(paths, db_path, **kw)
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value
