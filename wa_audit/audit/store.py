"""Store audit runs (audit_runs + rule_results + finding_evidence) and load them back.

Every message id behind a finding goes to finding_evidence (one compact row each);
rule_results.evidence_json keeps the first EVIDENCE_SAMPLE of them, and the report's quoted
EvidenceItems are only those samples. inputs_key(db) says what a run was made from: the stored
run is shown as is while the key is unchanged.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import sqlite_utils

from wa_audit.audit.model import AuditReport, EvidenceItem, FamilyLight, Finding
from wa_audit.rules import RULES_BY_ID
from wa_audit.rules.base import Confidence, Light, RuleResult

EVIDENCE_SAMPLE = 50  # ids per finding quoted with their text (report, CLI); all are stored
# settings that do not change an audit's result (renaming the workspace re-audits nothing)
_NOT_INPUTS = ("workspace_name",)


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=_default)


def _default(o: Any) -> Any:
    if hasattr(o, "item"):  # numpy scalars
        return o.item()
    if isinstance(o, set | frozenset):
        return sorted(o)
    return str(o)


def explained_rules(db: sqlite_utils.Database) -> set[str]:
    """Rules whose latest consultant note says 'explained' (excluded from the lights)."""
    from wa_audit.store.notes import explained_rules as explained

    return set(explained(db))


def inputs_key(db: sqlite_utils.Database) -> str:
    """A short hash of everything an audit depends on: the messages and imports (ids only
    grow), the workspace settings (owner, sensitivity, thresholds), the consultant's notes and
    the app version. Cheap at a million messages (index lookups, no scan)."""
    from wa_audit import __version__

    parts = [
        __version__,
        db.execute("SELECT max(id) FROM messages").fetchone()[0],
        db.execute("SELECT max(id), count(*) FROM imports").fetchone(),
        db.execute("SELECT max(id) FROM finding_notes").fetchone()[0],
        db.execute(
            f"SELECT key, value FROM settings WHERE key NOT IN "
            f"({','.join('?' * len(_NOT_INPUTS))}) ORDER BY key",
            list(_NOT_INPUTS),
        ).fetchall(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def latest_run(db: sqlite_utils.Database) -> tuple[int, str, str | None] | None:
    """(run_id, started_at, inputs_key) of the newest stored run, or None."""
    row = db.execute(
        "SELECT id, started_at, inputs_key FROM audit_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return (int(row[0]), row[1], row[2]) if row else None


def save_extra(db: sqlite_utils.Database, run_id: int, charts: dict) -> None:
    """The dashboard's chart numbers of a run (shown again when the run is opened)."""
    with db.conn:
        db.execute("UPDATE audit_runs SET charts_json = ? WHERE id = ?", [_json(charts), run_id])


def load_extra(db: sqlite_utils.Database, run_id: int) -> dict | None:
    row = db.execute("SELECT charts_json FROM audit_runs WHERE id = ?", [run_id]).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def save_run(db: sqlite_utils.Database, report: AuditReport, key: str | None = None) -> int:
    families = {
        fam: {"light": str(f.light), "points": f.points, "rules": f.rules, "note_key": f.note_key}
        for fam, f in report.families.items()
    }
    meta = {
        "families": families,
        "overall_reason_key": report.overall_reason_key,
        "overall_reason_params": report.overall_reason_params,
        "points": report.points,
    }
    coverage = dict(report.coverage)
    coverage["allowed_automation"] = report.allowed_automation
    with db.conn:
        cur = db.conn.execute(
            "INSERT INTO audit_runs (started_at, audit_date, app_version, sensitivity, "
            "thresholds_json, overall, families_json, guidance_json, coverage_json, inputs_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                report.started_at,
                report.audit_date,
                report.app_version,
                report.sensitivity,
                _json(report.thresholds),
                str(report.overall),
                _json(meta),
                _json(report.guidance),
                _json(coverage),
                key,
            ],
        )
        run_id = int(cur.lastrowid)
        db.conn.executemany(
            "INSERT INTO rule_results (run_id, rule, light, confidence, summary_key, params_json, "
            "figures_json, evidence_json, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    run_id,
                    f.rule,
                    str(f.result.light),
                    str(f.result.confidence),
                    f.result.summary_key,
                    _json(
                        {
                            "params": f.result.params,
                            "notes": f.result.notes,
                            "triggers": f.result.triggers,
                            "explained": f.result.explained,
                            "points": f.points,
                        }
                    ),
                    _json(f.result.figures),
                    _json(f.result.evidence[:EVIDENCE_SAMPLE]),
                    f.result.error_code,
                )
                for f in report.findings
            ],
        )
        db.conn.executemany(
            "INSERT INTO finding_evidence (run_id, rule, ord, msg_id) VALUES (?, ?, ?, ?)",
            (
                (run_id, f.rule, i, int(mid))
                for f in report.findings
                for i, mid in enumerate(f.result.evidence)
            ),
        )
    return run_id


def evidence_ids(db: sqlite_utils.Database, run_id: int) -> dict[str, list[int]]:
    """Every stored message id per rule of a run, best first."""
    out: dict[str, list[int]] = {}
    for rule, mid in db.execute(
        "SELECT rule, msg_id FROM finding_evidence WHERE run_id = ? ORDER BY rule, ord", [run_id]
    ):
        out.setdefault(rule, []).append(mid)
    return out


def list_runs(db: sqlite_utils.Database | str | Path) -> list[dict[str, Any]]:
    db = _open(db)
    rows = db.execute(
        "SELECT id, started_at, audit_date, overall, sensitivity, app_version FROM audit_runs "
        "ORDER BY id DESC"
    ).fetchall()
    keys = ["id", "started_at", "audit_date", "overall", "sensitivity", "app_version"]
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _open(db: sqlite_utils.Database | str | Path) -> sqlite_utils.Database:
    if isinstance(db, str | Path):
        from wa_audit.store.db import open_db

        return open_db(db)
    return db


def load_run(db: sqlite_utils.Database | str | Path, run_id: int | None = None):
    db = _open(db)
    if run_id is None:
        row = db.execute("SELECT max(id) FROM audit_runs").fetchone()
        run_id = row[0] if row else None
        if run_id is None:
            return None
    row = db.execute(
        "SELECT started_at, audit_date, app_version, sensitivity, thresholds_json, overall, "
        "families_json, guidance_json, coverage_json FROM audit_runs WHERE id = ?",
        [run_id],
    ).fetchone()
    if not row:
        return None
    started, audit_date, version, sens, th_j, overall, fam_j, guid_j, cov_j = row
    meta = json.loads(fam_j or "{}")
    coverage = json.loads(cov_j or "{}")
    findings = []
    wanted: set[int] = set()
    full = evidence_ids(db, run_id)
    for rule, light, conf, key, params_j, fig_j, ev_j, err in db.execute(
        "SELECT rule, light, confidence, summary_key, params_json, figures_json, evidence_json, "
        "error_code FROM rule_results WHERE run_id = ?",
        [run_id],
    ).fetchall():
        if rule not in RULES_BY_ID:
            continue  # a rule removed since: keep the rest of the history readable
        extra = json.loads(params_j or "{}")
        evidence = json.loads(ev_j or "[]")
        wanted.update(evidence[:EVIDENCE_SAMPLE])
        evidence = full.get(rule, evidence)  # runs stored before finding_evidence: the sample
        res = RuleResult(
            rule=rule,
            light=Light(light),
            summary_key=key or "",
            params=extra.get("params", {}),
            figures=json.loads(fig_j or "{}"),
            evidence=evidence,
            confidence=Confidence(conf or "low"),
            notes=extra.get("notes", []),
            triggers=extra.get("triggers", []),
            error_code=err,
            explained=bool(extra.get("explained", False)),
        )
        findings.append(
            Finding(meta=RULES_BY_ID[rule].meta, result=res, points=extra.get("points", 0.0))
        )
    order = list(RULES_BY_ID)
    findings.sort(key=lambda f: order.index(f.rule))
    for a in coverage.get("allowed_automation", []):
        wanted.add(int(a["example"]))
    families = {
        fam: FamilyLight(fam, Light(v["light"]), v["points"], v["rules"], v.get("note_key"))
        for fam, v in meta.get("families", {}).items()
    }
    return AuditReport(
        overall=Light(overall),
        overall_reason_key=meta.get("overall_reason_key", ""),
        overall_reason_params=meta.get("overall_reason_params", {}),
        families=families,
        findings=findings,
        guidance=json.loads(guid_j or "{}"),
        coverage=coverage,
        points=meta.get("points", 0.0),
        run_id=int(run_id),
        audit_date=audit_date or "",
        sensitivity=sens or "standard",
        thresholds=json.loads(th_j or "{}"),
        app_version=version or "",
        started_at=started or "",
        allowed_automation=coverage.pop("allowed_automation", []),
        evidence=_evidence_from_db(db, wanted),
    )


def _evidence_from_db(db: sqlite_utils.Database, wanted: set[int]) -> dict[int, EvidenceItem]:
    out: dict[int, EvidenceItem] = {}
    ids = sorted(wanted)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for mid, title, ts, sender, text in db.execute(
            f"SELECT m.id, c.title, m.ts, m.sender, m.text FROM messages m "
            f"JOIN chats c ON c.id = m.chat_id WHERE m.id IN ({marks})",
            chunk,
        ).fetchall():
            out[int(mid)] = EvidenceItem(int(mid), title or "", ts, sender, text)
    return out
