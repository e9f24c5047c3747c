"""The full audit as JSON for other tools: the audit's own JSON plus history, notes, the
opt-out register and the draft templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1


def full_audit_json(db, report: Any, pseudo=None) -> dict[str, Any]:
    from wa_audit.exports.optout import optout_register
    from wa_audit.exports.templates import draft_templates
    from wa_audit.report import history

    try:
        from wa_audit.audit import audit_to_json

        audit = audit_to_json(report)
    except (ImportError, AttributeError):  # audit.render not there yet
        audit = {
            "overall": str(report.overall),
            "run_id": report.run_id,
            "audit_date": report.audit_date,
            "findings": [f.result.as_json() for f in report.findings],
        }
    optouts = [e.as_json() for e in optout_register(db)]
    templates = [d.as_json() for d in draft_templates(db)]
    if pseudo is not None:
        for e in optouts:
            e["customer"], e["chat"] = pseudo.name(e["customer"]), pseudo.name(e["chat"])
            e["request"] = pseudo.text(e["request"])
        for t in templates:
            t["body"] = pseudo.text(t["body"])
            for v in t["variables"]:
                v["example"] = pseudo.text(v["example"])
        audit.pop("evidence", None)  # message texts: leave them out of a shared file
        audit = _walk(audit, pseudo.label)
    return {
        "format": "wa-audit-full",
        "format_version": FORMAT_VERSION,
        "audit": audit,
        "changes": {
            r: {"old": c.old, "new": c.new, "since": c.since, "since_run": c.since_run}
            for r, c in history.changes(db, report.run_id).items()
        },
        "notes": [n.__dict__ for n in history.notes(db)],
        "optout_register": optouts,
        "draft_templates": templates,
    }


def write_full_json(db, report: Any, path: Path | str, pseudo=None) -> Path:
    path = Path(path)
    data = full_audit_json(db, report, pseudo)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path


def _walk(value: Any, fn) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {k: _walk(v, fn) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_walk(v, fn) for v in value]
    return value
