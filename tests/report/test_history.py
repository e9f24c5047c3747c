from __future__ import annotations

import html

from wa_audit.report import history
from wa_audit.report.builder import build_report
from wa_audit.report.html import render_html
from wa_audit.rules.base import Light


def add_run(db, run_id: int, started: str, lights: dict[str, str]) -> None:
    db.execute(
        "INSERT INTO audit_runs(id, started_at, audit_date, overall) VALUES (?, ?, ?, 'red')",
        [run_id, started, started[:10]],
    )
    for rule, light in lights.items():
        db.execute(
            "INSERT INTO rule_results(run_id, rule, light) VALUES (?, ?, ?)", [run_id, rule, light]
        )
    db.conn.commit()


def test_mark_and_reopen_keep_a_trail(ws_ids):
    ws, _ids = ws_ids
    history.mark_explained(ws.db, "r01", "Yearly Christmas card to our regular customers")
    assert set(history.explained_rules(ws.db)) == {"R01"}
    history.reopen(ws.db, "R01", "Sent again in spring")
    assert history.explained_rules(ws.db) == {}
    trail = history.notes(ws.db)
    assert [n.status for n in trail] == ["explained", "reopened"]
    assert trail[0].reason.startswith("Yearly")
    # the first mark was in force before the reopening
    assert set(history.explained_rules(ws.db, as_of=trail[0].created_at)) == {"R01"}


def test_changes_since_previous_runs(ws_ids):
    ws, _ids = ws_ids
    add_run(ws.db, 1, "2026-09-20T10:00:00", {"R01": "red", "R11": "green"})
    add_run(ws.db, 2, "2026-10-03T10:00:00", {"R01": "amber", "R11": "green"})
    add_run(ws.db, 3, "2026-10-13T10:00:00", {"R01": "amber", "R11": "amber"})
    ch = history.changes(ws.db, 3)
    assert (ch["R01"].old, ch["R01"].new, ch["R01"].since_run) == ("red", "amber", 2)
    assert (ch["R11"].old, ch["R11"].new, ch["R11"].since_run) == ("green", "amber", 3)
    assert history.changes(ws.db, 1)["R01"].old is None
    assert history.previous_run_id(ws.db, 3) == 2


def test_report_shows_change_and_explained(ws_ids):
    from tests.report.workspace import fake_report

    ws, ids = ws_ids
    add_run(ws.db, 1, "2026-09-20T10:00:00", {"R01": "red"})
    add_run(ws.db, 2, "2026-10-03T10:00:00", {"R01": "amber"})
    history.mark_explained(ws.db, "R11", "Customer asked again <b>by phone</b>")
    report = fake_report(ids, run_id=2, r01=Light.AMBER)
    page = render_html(build_report(ws.db, report))
    text = html.unescape(page)
    assert "R01 fix first → review since 3 Oct" in text  # the app's status words
    assert "Explained by you (1)" in text and "Marked as explained" in text
    assert "Customer asked again <b>by phone</b>" in text and "<b>by phone" not in page
    assert "Audit trail of explained findings" in text
    assert report.finding("R11").result.explained
