"""The "explained" marks on findings, as stored (table finding_notes): the one reading of
which rules are explained, used by the audit (lights) and the report (trail, appeal).

Marks are never deleted: marking and re-opening each add a row; the latest row per rule decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EXPLAINED = "explained"
REOPENED = "reopened"


@dataclass(frozen=True)
class Note:
    id: int
    rule: str
    status: str  # explained | reopened
    reason: str
    created_at: str  # ISO 8601 UTC


def notes(db, rule: str | None = None) -> list[Note]:
    """The whole audit trail, oldest first."""
    sql = "SELECT id, rule, status, COALESCE(reason, ''), created_at FROM finding_notes"
    params: list[Any] = []
    if rule:
        sql += " WHERE rule = ?"
        params.append(rule.upper())
    return [Note(*row) for row in db.execute(sql + " ORDER BY id", params)]


def explained_rules(db, as_of: str | None = None) -> dict[str, Note]:
    """Rules whose latest note (up to `as_of`, ISO) is an "explained" mark."""
    latest: dict[str, Note] = {}
    for note in notes(db):
        if as_of is None or note.created_at <= as_of:
            latest[note.rule] = note
    return {r: n for r, n in latest.items() if n.status == EXPLAINED}
