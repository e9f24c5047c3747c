"""Self-assessment answers per workspace (with their date), and what they did to each run."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from wa_audit.audit.assess.apply import Assessment

if TYPE_CHECKING:
    import sqlite_utils


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_answers(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    """{question id: (answer, answered_at)} - the latest answer per question; a withdrawn
    (skipped again) answer is absent."""
    out: dict[str, tuple[str, str]] = {}
    for qid, answer, when in db.execute(
        "SELECT question, answer, answered_at FROM self_assessment ORDER BY id"
    ).fetchall():
        if answer is None:
            out.pop(qid, None)
        else:
            out[qid] = (answer, when)
    return out


def save_answers(
    db: sqlite_utils.Database, answers: dict[str, str | None], when: str | None = None
) -> int:
    """Store the answers that differ from the current ones (None withdraws an answer).
    Returns how many changed. Older answers stay in the table, as the history."""
    current = current_answers(db)
    when = when or _now()
    rows = [
        (qid, value, when)
        for qid, value in answers.items()
        if (current.get(qid) or (None,))[0] != value
    ]
    with db.conn:
        db.conn.executemany(
            "INSERT INTO self_assessment (question, answer, answered_at) VALUES (?, ?, ?)", rows
        )
    return len(rows)


def record_run(db: sqlite_utils.Database, run_id: int | None, assessment: Assessment) -> None:
    if run_id is None:
        return
    with db.conn:
        db.conn.execute(
            "INSERT OR REPLACE INTO self_assessment_runs (run_id, assessment_json) VALUES (?, ?)",
            [run_id, json.dumps(assessment.to_json(), ensure_ascii=False, sort_keys=True)],
        )


def load_run_assessment(db: sqlite_utils.Database, run_id: int | None) -> Assessment | None:
    if run_id is None:
        return None
    row = db.execute(
        "SELECT assessment_json FROM self_assessment_runs WHERE run_id = ?", [run_id]
    ).fetchone()
    return Assessment.from_json(json.loads(row[0])) if row else None
