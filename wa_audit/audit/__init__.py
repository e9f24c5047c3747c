"""Audit engine: run the R01-R19 rules over a workspace and combine them into traffic lights.

Public API (for the UI, the CLI and the report; all imports of pandas happen inside the calls):

    run_audit(db, sensitivity=None, audit_date=None, progress=None) -> AuditReport
        db: a sqlite_utils.Database or a path to a workspace file. sensitivity: "relaxed" |
        "standard" | "strict" (None = the workspace's stored setting, default "standard").
        audit_date: datetime/date/ISO string the rules treat as "today" (None = the newest
        message timestamp, so the same DB always gives the same result). progress: optional
        callable(done, total, stage_msgid) called while rules run. The run is stored in
        audit_runs + rule_results; report.run_id is its id. A failing rule becomes an
        "error" result; the audit goes on.
    run_audit_frames(frames, ...) -> AuditReport   same, on wa_audit.store.queries.AuditFrames
        (nothing stored, run_id None) - for tests and benchmarks.
    load_run(db, run_id=None) -> AuditReport | None   a stored run (None = the latest).
    list_runs(db) -> list[dict]   id, started_at, overall, sensitivity for the history view.

    AuditReport (wa_audit.audit.model): overall (Light), overall_reason_key/params, families
        {family: FamilyLight(light, points, rules)}, findings [Finding(meta: RuleMeta,
        result: RuleResult, points)], guidance (dict, see audit.guidance), coverage (chats and
        messages analysed, one-to-one chats, period_start/period_end, has_seconds share),
        allowed_automation, evidence {msg_id: EvidenceItem(chat, timestamp, sender, text)},
        run_id, audit_date, sensitivity, thresholds.

    Rendering in the current language (wa_audit.i18n `_()`), done at display time:
        rule_title(rule_id) / rule_description(rule_id) -> str   (what / why / instead)
        render_finding(finding) -> str        the one-line summary naming its evidence
        render_summary(report) -> str         a plain-text table for the terminal
        light_label(light) -> str             "Green" / "Amber" / ... translated
        audit_to_json(report) -> dict         the CLI's JSON shape (issue 3)
        audit_limits() -> list[str]           the "limits of this audit" box

    Settings (stored in the workspace, so an audit can be reproduced):
        get_sensitivity(db) / set_sensitivity(db, level)
        get_overrides(db) / set_override(db, "R01.red_recipients", value | None)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime
    from pathlib import Path

    import sqlite_utils

    from wa_audit.audit.model import AuditReport, Finding
    from wa_audit.rules.base import Light
    from wa_audit.store.queries import AuditFrames

# The data types are re-exported on first use (module __getattr__), so that the CLI, which
# imports this package to register `wa-audit audit`, does not load pandas at start-up.
_TYPES = {
    "AuditReport": "wa_audit.audit.model",
    "EvidenceItem": "wa_audit.audit.model",
    "FamilyLight": "wa_audit.audit.model",
    "Finding": "wa_audit.audit.model",
    "Confidence": "wa_audit.rules.base",
    "Light": "wa_audit.rules.base",
    "RuleMeta": "wa_audit.rules.base",
    "RuleResult": "wa_audit.rules.base",
}


def __getattr__(name: str):
    if name in _TYPES:
        import importlib

        return getattr(importlib.import_module(_TYPES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AuditReport",
    "Confidence",
    "EvidenceItem",
    "FamilyLight",
    "Finding",
    "Light",
    "RuleMeta",
    "RuleResult",
    "audit_limits",
    "audit_to_json",
    "get_overrides",
    "get_sensitivity",
    "light_label",
    "list_runs",
    "load_run",
    "render_finding",
    "render_summary",
    "rule_description",
    "rule_title",
    "run_audit",
    "run_audit_frames",
    "set_override",
    "set_sensitivity",
]


def run_audit(
    db: sqlite_utils.Database | str | Path,
    sensitivity: str | None = None,
    audit_date: date | datetime | str | None = None,
    progress: Callable[[int, int, str], Any] | None = None,
) -> AuditReport:
    from wa_audit.audit.runner import run_audit as _run

    return _run(db, sensitivity=sensitivity, audit_date=audit_date, progress=progress)


def run_audit_frames(
    frames: AuditFrames,
    sensitivity: str = "standard",
    audit_date: date | datetime | str | None = None,
    progress: Callable[[int, int, str], Any] | None = None,
    overrides: dict[str, float] | None = None,
) -> AuditReport:
    from wa_audit.audit.runner import run_audit_frames as _run

    return _run(
        frames,
        sensitivity=sensitivity,
        audit_date=audit_date,
        progress=progress,
        overrides=overrides,
    )


def load_run(
    db: sqlite_utils.Database | str | Path, run_id: int | None = None
) -> AuditReport | None:
    from wa_audit.audit.store import load_run as _load

    return _load(db, run_id)


def list_runs(db: sqlite_utils.Database | str | Path) -> list[dict[str, Any]]:
    from wa_audit.audit.store import list_runs as _list

    return _list(db)


def get_sensitivity(db: sqlite_utils.Database) -> str:
    from wa_audit.audit.thresholds import get_sensitivity as _g

    return _g(db)


def set_sensitivity(db: sqlite_utils.Database, level: str) -> None:
    from wa_audit.audit.thresholds import set_sensitivity as _s

    _s(db, level)


def get_overrides(db: sqlite_utils.Database) -> dict[str, float]:
    from wa_audit.audit.thresholds import get_overrides as _g

    return _g(db)


def set_override(db: sqlite_utils.Database, key: str, value: float | None) -> None:
    from wa_audit.audit.thresholds import set_override as _s

    _s(db, key, value)


def rule_title(rule_id: str) -> str:
    from wa_audit.audit.render import rule_title as _t

    return _t(rule_id)


def rule_description(rule_id: str) -> str:
    from wa_audit.audit.render import rule_description as _d

    return _d(rule_id)


def render_finding(finding: Finding) -> str:
    from wa_audit.audit.render import render_finding as _r

    return _r(finding)


def render_summary(report: AuditReport) -> str:
    from wa_audit.audit.render import render_summary as _r

    return _r(report)


def light_label(light: Light | str) -> str:
    from wa_audit.audit.render import light_label as _l

    return _l(light)


def audit_limits() -> list[str]:
    from wa_audit.audit.render import limits

    return limits()


def audit_to_json(report: AuditReport) -> dict[str, Any]:
    from wa_audit.audit.render import audit_to_json as _j

    return _j(report)
