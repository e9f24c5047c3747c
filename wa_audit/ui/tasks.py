"""The functions the window runs in the background (ui.background). Each opens its own
database connection; no widgets here. Results are plain objects handed to the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wa_audit.i18n import N_
from wa_audit.model import Progress
from wa_audit.ui.audit_process import (
    AuditOutcome,
    _charts_from_json,
    history_for,
)

OWNER_CONFIRMED = "owner_confirmed"  # workspace setting: the user confirmed the owner once
WORKSPACE_NAME = "workspace_name"


@dataclass
class WorkspaceInfo:
    path: str
    name: str
    owner: str | None
    owner_confirmed: bool
    chats: int
    messages: int


def open_workspace(path: str) -> WorkspaceInfo:
    """Open (create or migrate) a workspace and read what the window shows first."""
    from wa_audit.store.db import OWNER, get_setting, open_db

    db = open_db(path)
    try:
        chats = db.execute("SELECT COUNT(*) FROM chats").fetchone()[0]
        messages = db.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        name = get_setting(db, WORKSPACE_NAME)
        owner = get_setting(db, OWNER)
        if not name and Path(path).name.startswith("demo") and owner:
            from wa_audit.i18n import _

            name = _("Demo: {business}").format(business=owner)
        return WorkspaceInfo(
            path=str(path),
            name=name or workspace_stem(path),
            owner=get_setting(db, OWNER),
            owner_confirmed=bool(get_setting(db, OWNER_CONFIRMED)),
            chats=chats,
            messages=messages,
        )
    finally:
        db.close()


def workspace_stem(path: str | Path) -> str:
    name = Path(path).name
    for suffix in (".wa-audit.db", ".db"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return Path(path).stem


def import_files(paths: list[str], db_path: str, owner: str | None):
    """Generator (Progress ...) -> ImportSummary; closing it rolls the current file back."""
    from wa_audit.importer import import_paths

    return import_paths(paths, db_path, owner=owner)


def stored_audit(db_path: str) -> AuditOutcome | None:
    """The newest stored run with its charts, and whether it is out of date; None when the
    workspace has no run yet (or one without its charts: then an audit runs)."""
    from wa_audit.audit.store import inputs_key, latest_run, load_extra, load_run
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        latest = latest_run(db)
        if latest is None:
            return None
        run_id, started_at, key = latest
        charts = load_extra(db, run_id)
        report = load_run(db, run_id)
        if charts is None or report is None:
            return None
        stale = key != inputs_key(db)
        changes, notes = history_for(db, run_id)
        return AuditOutcome(report, _charts_from_json(charts), started_at, stale, changes, notes)
    finally:
        db.close()


def audit_workspace(task, db_path: str, sensitivity: str | None = None) -> AuditOutcome:
    """The audit of the workspace, stored as a new run: in the job's thread, or for a large
    workspace in a child process (ui.audit_process). A stop (task.cancelled) takes effect
    between two rules and stores nothing."""
    from wa_audit.ui import audit_process

    if _large(db_path):
        return audit_process.audit_in_process(task, db_path, sensitivity)
    try:
        return audit_process.audit_in_thread(task, db_path, sensitivity)
    finally:
        audit_process.release_memory()


def export_report(task, db_path: str, out: str, report: Any) -> str:
    """Write the PDF/HTML report (wa_audit.report) in the current language. Progress by page
    (Progress(page, pages)); a stop leaves no file: wa_audit.outputs writes beside the target
    and moves it in place only when complete, never over the workspace or an input. The save
    dialog asked before replacing a file (force)."""
    from wa_audit.report import export_report as _export
    from wa_audit.store.db import open_db

    def pages(page: int, total: int) -> bool:
        task.progress(Progress(page, total, "page"))  # raises Cancelled when stopped
        return True

    db = open_db(db_path)
    try:
        return str(_export(db, out, report=report, force=True, progress=pages))
    finally:
        db.close()


def search_messages(task, db_path: str, text: str):
    """SearchResult: the true total (FTS5 count) and every match's id, newest first."""
    from wa_audit.store.db import open_db
    from wa_audit.store.messages import search

    db = open_db(db_path)
    try:
        return search(db, text, check=task.check)
    finally:
        db.close()


def order_messages(db_path: str, ids: list[int], column: int, descending: bool) -> list[int]:
    from wa_audit.store.db import open_db
    from wa_audit.store.messages import order_ids

    db = open_db(db_path)
    try:
        return order_ids(db, ids, column, descending)
    finally:
        db.close()


EVIDENCE_HEADERS = (N_("Chat"), N_("Time"), N_("Sender"), N_("Message"))


def save_evidence(task, db_path: str, ids: list[int], out: str) -> int:
    """Every message of a finding (or search) as CSV, in the order shown; the row count.
    Written through wa_audit.outputs: never over the workspace or an input, no partial file."""
    from wa_audit.exports.csvsafe import write_csv
    from wa_audit.i18n import _
    from wa_audit.outputs import workspace_files
    from wa_audit.store.db import open_db
    from wa_audit.store.messages import rows_by_ids

    db = open_db(db_path)

    def rows():
        for i in range(0, len(ids), 2000):
            task.check()
            for r in rows_by_ids(db, ids[i : i + 2000], marked=False):
                yield (r.chat, r.ts, r.sender or "", r.text)

    try:
        write_csv(
            out,
            [_(h) for h in EVIDENCE_HEADERS],
            rows(),
            protected=workspace_files(db),
            force=True,  # the save dialog asked
        )
        return len(ids)
    finally:
        db.close()


@dataclass
class Lists:
    optouts: list  # exports.optout.OptOut
    templates: list  # exports.templates.DraftTemplate


def load_lists(task, db_path: str) -> Lists:
    """The opt-out register and the draft templates (wa_audit.exports); for a large workspace
    in a child process, like the audit (a scan of every message keeps Python busy)."""
    from wa_audit.i18n import current_language
    from wa_audit.ui import audit_process

    if _large(db_path):
        return audit_process.in_process(task, lists_here, db_path, current_language())
    return lists_here(task, db_path, current_language())


def lists_here(task, db_path: str, lang: str) -> Lists:
    from wa_audit.exports.optout import optout_register
    from wa_audit.exports.templates import draft_templates
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        optouts = optout_register(db)
        task.check()
        return Lists(optouts, draft_templates(db, default_lang=lang))
    finally:
        db.close()


def save_list(db_path: str, kind: str, out: str) -> int:
    """kind: "optouts" (CSV) or "templates" (CSV or JSON by suffix); returns the row count."""
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        if kind == "optouts":
            from wa_audit.exports.optout import write_register_csv

            return write_register_csv(db, out, force=True)  # the save dialog asked
        from wa_audit.exports.templates import write_templates
        from wa_audit.i18n import current_language

        return write_templates(db, out, default_lang=current_language(), force=True)
    finally:
        db.close()


def save_audit_settings(db_path: str, sensitivity: str, night_start: int, night_end: int) -> None:
    from wa_audit.audit import set_override, set_sensitivity
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        set_sensitivity(db, sensitivity)
        set_override(db, "R15.night_start_hour", float(night_start))
        set_override(db, "R15.night_end_hour", float(night_end))
    finally:
        db.close()


def read_audit_settings(db) -> tuple[str, tuple[int, int]]:
    try:
        from wa_audit.audit import get_overrides, get_sensitivity

        sens = get_sensitivity(db)
        over = get_overrides(db)
    except Exception:
        return "standard", (22, 7)
    return sens, (int(over.get("R15.night_start_hour", 22)), int(over.get("R15.night_end_hour", 7)))


def set_settings(db_path: str, values: dict[str, str | None]) -> None:
    """Workspace settings (name, owner, ...) written in the background."""
    from wa_audit.store.db import open_db, set_setting

    db = open_db(db_path)
    try:
        for key, value in values.items():
            set_setting(db, key, value)
    finally:
        db.close()


def add_note(db_path: str, rule: str, reason: str | None) -> None:
    """Mark a finding explained (with the reason) or, without a reason, count it again."""
    from wa_audit.report import history
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        if reason is None:
            history.reopen(db, rule)
        else:
            history.mark_explained(db, rule, reason)
    finally:
        db.close()


def _large(db_path: str) -> bool:
    """Work on this workspace goes to a child process (ui.audit_process.PROCESS_FROM)."""
    from wa_audit.store.db import open_db
    from wa_audit.ui import audit_process

    db = open_db(db_path)
    try:
        messages = db.execute("SELECT max(id) FROM messages").fetchone()[0] or 0
    finally:
        db.close()
    return messages >= audit_process.PROCESS_FROM


def open_with_stored_audit(path: str) -> tuple[WorkspaceInfo, AuditOutcome | None]:
    """What the window shows first: the workspace's facts and its latest stored audit."""
    info = open_workspace(path)
    return info, (stored_audit(path) if info.messages else None)


def demo_workspace() -> str:
    from wa_audit.demo import demo_workspace as make

    return str(make())
