"""One workspace in a line: its latest audit, the one before, and its top finding.

Read straight from audit_runs / rule_results (no audit is run), so a list of dozens
of workspaces opens quickly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

RANK = {"grey": 0, "error": 0, "green": 1, "amber": 2, "red": 3}


@dataclass
class RunFacts:
    run_id: int
    overall: str
    started_at: str
    red: list[str] = field(default_factory=list)
    amber: list[str] = field(default_factory=list)
    top_rule: str | None = None
    top_light: str | None = None
    red_families: list[str] = field(default_factory=list)


@dataclass
class WorkspaceSummary:
    path: str
    name: str
    chats: int = 0
    messages: int = 0
    period_start: str | None = None
    period_end: str | None = None
    latest: RunFacts | None = None
    previous: RunFacts | None = None
    problem: str | None = None  # a sentence when the workspace could not be read

    @property
    def overall(self) -> str | None:
        return self.latest.overall if self.latest else None

    @property
    def trend(self) -> str:
        """new (one audit or none) | better | worse | same - latest against the previous run."""
        if self.latest is None or self.previous is None:
            return "new"
        return compare(self.previous, self.latest)


def compare(old: RunFacts, new: RunFacts) -> str:
    a, b = RANK.get(old.overall, 0), RANK.get(new.overall, 0)
    if a != b:
        return "worse" if b > a else "better"
    score_old = (len(old.red_families), len(old.red), len(old.amber))
    score_new = (len(new.red_families), len(new.red), len(new.amber))
    if score_old == score_new:
        return "same"
    return "worse" if score_new > score_old else "better"


def _run(db: sqlite_utils.Database, run_id: int, overall: str, started: str, fams: str) -> RunFacts:
    facts = RunFacts(run_id=run_id, overall=overall or "grey", started_at=started or "")
    try:
        families = json.loads(fams or "{}").get("families", {})
        facts.red_families = sorted(f for f, v in families.items() if v.get("light") == "red")
    except (ValueError, AttributeError):
        pass
    best = (-1.0, "")
    for rule, light, extra in db.execute(
        "SELECT rule, light, params_json FROM rule_results WHERE run_id = ? ORDER BY rule",
        [run_id],
    ).fetchall():
        if light == "red":
            facts.red.append(rule)
        elif light == "amber":
            facts.amber.append(rule)
        else:
            continue
        try:
            points = float(json.loads(extra or "{}").get("points", 0.0))
        except (ValueError, TypeError):
            points = 0.0
        key = (RANK[light] * 100 + points, rule)
        if key[0] > best[0]:
            best = key
            facts.top_rule, facts.top_light = rule, light
    return facts


def summarize(db: sqlite_utils.Database, path: str | Path, name: str | None = None):
    path = Path(path)
    s = WorkspaceSummary(path=str(path), name=name or workspace_name(path))
    row = db.execute("SELECT count(*), coalesce(sum(message_count), 0) FROM chats").fetchone()
    s.chats, s.messages = int(row[0]), int(row[1])
    runs = db.execute(
        "SELECT id, overall, started_at, coverage_json, families_json FROM audit_runs "
        "ORDER BY id DESC LIMIT 2"
    ).fetchall()
    if runs:
        s.latest = _run(db, runs[0][0], runs[0][1], runs[0][2], runs[0][4])
        cov = json.loads(runs[0][3] or "{}")
        s.period_start, s.period_end = cov.get("period_start"), cov.get("period_end")
        s.messages = int(cov.get("messages", s.messages))
    if len(runs) > 1:
        s.previous = _run(db, runs[1][0], runs[1][1], runs[1][2], runs[1][4])
    return s


def workspace_name(path: Path) -> str:
    name = path.name
    for suffix in (".wa-audit.db", ".db"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def summarize_path(path: str | Path, name: str | None = None) -> WorkspaceSummary:
    """Summary of a workspace file; a file that cannot be read gives a summary with `problem`."""
    import sqlite3

    from wa_audit.errors import WaAuditError
    from wa_audit.i18n import _
    from wa_audit.store.db import open_db

    path = Path(path)
    try:
        db = open_db(path)
    except (WaAuditError, sqlite3.DatabaseError, OSError):
        s = WorkspaceSummary(path=str(path), name=name or workspace_name(path))
        s.problem = _(
            "{file} could not be opened as a workspace. It may be damaged or from a newer "
            "version; open it on its own to see why."
        ).format(file=path.name)
        return s
    try:
        return summarize(db, path, name)
    finally:
        db.close()
