"""The real audit engine feeding the report: run, mark explained, re-run, export."""

from __future__ import annotations

import html

import pytest

from tests.report.workspace import shop
from wa_audit.report import export_report, history, latest_report

audit = pytest.importorskip("wa_audit.audit.runner")


def test_explained_mark_is_honoured_and_reported(tmp_path):
    ws, _ids = shop(tmp_path / "w.db")
    first = latest_report(ws.db)
    assert first.run_id is not None
    r11 = first.finding("R11")
    assert r11 is not None and str(r11.result.light) in ("amber", "red")
    assert latest_report(ws.db).run_id == first.run_id  # stored run is reused
    history.mark_explained(ws.db, "R11", "Ruud asked again by phone to get offers")
    second = latest_report(ws.db)  # a new mark: audit again
    assert second.run_id != first.run_id
    assert second.finding("R11").result.explained
    out = export_report(ws.db, tmp_path / "r.html", second)
    text = html.unescape(out.read_text("utf-8"))
    assert "Explained by you (1)" in text
    assert "Ruud asked again by phone to get offers" in text
    assert "Cost estimate" in text and "Prices as of" in text  # the audit's own estimate
