"""Audit history: "explained" marks with their audit trail, and the change per rule between runs.

Marks live in the finding_notes table and are never deleted: marking and re-opening each add a
row, so the trail shows who decided what and when. The latest row per rule decides whether the
rule is currently explained. The audit excludes explained findings from the lights
(RuleResult.explained); `apply_explanations` does the same for a report loaded from older runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wa_audit.i18n import N_
from wa_audit.store.notes import EXPLAINED, REOPENED, Note, explained_rules, notes

__all__ = [
    "EXPLAINED",
    "REOPENED",
    "Change",
    "Note",
    "apply_explanations",
    "changes",
    "explained_rules",
    "mark_explained",
    "notes",
    "reopen",
]

MSG_CHANGED = N_("{rule} {old} → {new} since {date}")
MSG_NEW = N_("{rule} first checked on {date}")


@dataclass(frozen=True)
class Change:
    rule: str
    old: str | None  # light in the run before the current streak (None: no earlier run)
    new: str
    since: str  # started_at / audit date (ISO) of the first run with the current light
    since_run: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def mark_explained(db, rule: str, reason: str) -> Note:
    """Mark a rule's finding "explained" (kept out of the light on later runs)."""
    return _add(db, rule, EXPLAINED, reason)


def reopen(db, rule: str, reason: str = "") -> Note:
    """Withdraw an "explained" mark; the earlier mark stays in the trail."""
    return _add(db, rule, REOPENED, reason)


def _add(db, rule: str, status: str, reason: str) -> Note:
    rule = rule.strip().upper()
    if not rule:
        raise ValueError("rule")
    created = _now()
    with db.conn:
        cur = db.execute(
            "INSERT INTO finding_notes(rule, status, reason, created_at) VALUES (?, ?, ?, ?)",
            [rule, status, reason.strip(), created],
        )
    return Note(cur.lastrowid, rule, status, reason.strip(), created)


def apply_explanations(report: Any, explained: dict[str, Note]) -> None:
    """Set RuleResult.explained on a report's findings (for runs loaded from the store)."""
    for finding in getattr(report, "findings", []):
        if finding.rule in explained:
            finding.result.explained = True


def rule_lights(db) -> list[tuple[int, str, dict[str, str]]]:
    """[(run_id, started_at or audit_date, {rule: light})] oldest first."""
    runs = list(
        db.execute("SELECT id, COALESCE(started_at, audit_date, '') FROM audit_runs ORDER BY id")
    )
    lights: dict[int, dict[str, str]] = {rid: {} for rid, _ in runs}
    for rid, rule, light in db.execute("SELECT run_id, rule, light FROM rule_results"):
        if rid in lights:
            lights[rid][rule] = light
    return [(rid, when, lights[rid]) for rid, when in runs]


def changes(db, run_id: int | None = None) -> dict[str, Change]:
    """Per rule: the current light, since when, and what it was before (up to run_id)."""
    history = rule_lights(db)
    if run_id is not None:
        history = [h for h in history if h[0] <= run_id]
    if not history:
        return {}
    current_id, _when, current = history[-1]
    out: dict[str, Change] = {}
    for rule, light in current.items():
        since_run, since, old = current_id, history[-1][1], None
        for rid, when, lights in reversed(history[:-1]):
            if lights.get(rule) == light:
                since_run, since = rid, when
                continue
            old = lights.get(rule)
            break
        out[rule] = Change(rule, old, light, since, since_run)
    return out


def previous_run_id(db, run_id: int) -> int | None:
    row = db.execute("SELECT MAX(id) FROM audit_runs WHERE id < ?", [run_id]).fetchone()
    return row[0] if row and row[0] is not None else None
