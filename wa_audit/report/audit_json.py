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
            t["name"] = pseudo.label(t["name"])
            t["body"] = pseudo.text(t["body"])
            for v in t["variables"]:
                v["example"] = pseudo.text(v["example"])
        audit.pop("evidence", None)  # message texts: leave them out of a shared file
        findings = [f for f in audit.get("findings", []) if isinstance(f, dict)]
        for finding in findings:
            evidence = finding.pop("evidence", None)
            finding["evidence_count"] = len(evidence) if isinstance(evidence, list | dict) else 0
        audit = _walk(audit, pseudo.label)
        # summaries again from their parameters (numbers stay, names become pseudonyms)
        from wa_audit.report.builder import finding_sentence

        by_rule = {f.rule: f for f in report.findings}
        for finding in audit.get("findings", []):
            if finding.get("rule") in by_rule:
                finding["summary"] = finding_sentence(by_rule[finding["rule"]], pseudo)
    return {
        "format": "wa-audit-full",
        "format_version": FORMAT_VERSION,
        "audit": audit,
        "changes": {
            r: {"old": c.old, "new": c.new, "since": c.since, "since_run": c.since_run}
            for r, c in history.changes(db, report.run_id).items()
        },
        "notes": [_note(n, pseudo) for n in history.notes(db)],
        "optout_register": optouts,
        "draft_templates": templates,
    }


def write_full_json(db, report: Any, path: Path | str, pseudo=None, *, force: bool = False) -> Path:
    from wa_audit.outputs import check_target, workspace_files, write_text

    protected = workspace_files(db)
    check_target(path, protected=protected, force=force)
    data = full_audit_json(db, report, pseudo)
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return write_text(path, text, protected=protected, force=force)


def _walk(value: Any, fn) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {k: _walk(v, fn) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_walk(v, fn) for v in value]
    return value


def _note(note: Any, pseudo) -> dict[str, Any]:
    """An audit-trail note; the reason is the user's own text, withheld when pseudonymised."""
    data = dict(note.__dict__)
    if pseudo is not None:
        data["reason"] = pseudo.text(data.get("reason") or "")
    return data
