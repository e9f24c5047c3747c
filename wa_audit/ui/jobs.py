"""The functions the workers run (pool threads). Each opens its own database connection.

No Qt and no widgets here; results are plain objects handed to the GUI thread by workers.Job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wa_audit.model import Progress
from wa_audit.ui.chart_data import ChartData, compute_chart_data

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


@dataclass
class AuditOutcome:
    report: Any  # wa_audit.audit.AuditReport
    charts: ChartData


def audit_workspace(db_path: str, sensitivity: str | None = None):
    """Generator: runs the audit, yielding Progress; returns AuditOutcome."""
    import queue
    import threading

    from wa_audit.store.db import OWNER, get_setting, open_db

    # run_audit reports through a callback; turn it into yielded Progress items
    events: queue.Queue = queue.Queue()
    box: dict[str, Any] = {}

    def work() -> None:
        from wa_audit.audit import run_audit

        db = open_db(db_path)
        try:
            box["report"] = run_audit(
                db,
                sensitivity=sensitivity,
                progress=lambda d, t, s: events.put(Progress(int(d), int(t), str(s))),
            )
            box["charts"] = compute_chart_data(db, get_setting(db, OWNER))
        except BaseException as exc:  # handed to the job, which reports it
            box["error"] = exc
        finally:
            db.close()
            events.put(None)

    thread = threading.Thread(target=work, name="audit", daemon=True)
    thread.start()
    while True:
        try:
            item = events.get(timeout=0.1)
        except queue.Empty:
            yield None  # heartbeat: lets the job notice a cancel while a rule is busy
            continue
        if item is None:
            break
        yield item
    thread.join()
    if "error" in box:
        raise box["error"]
    return AuditOutcome(box["report"], box["charts"])


def export_report(db_path: str, out: str, report: Any, progress: Any = None) -> str:
    """Write the PDF/HTML report (wa_audit.report) in the current language. The save dialog
    asked before replacing a file (force); progress(page, pages) -> False cancels."""
    from wa_audit.report import export_report as _export
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        return str(_export(db, out, report=report, force=True, progress=progress))
    finally:
        db.close()


def history_for(db, run_id: int | None) -> tuple[dict, dict]:
    """(changes per rule since earlier runs, explained notes per rule); empty when unknown."""
    try:
        from wa_audit.report import history
    except ImportError:
        return {}, {}
    try:
        return history.changes(db, run_id), history.explained_rules(db)
    except Exception:  # history is a bonus: never let it break the dashboard
        return {}, {}


@dataclass
class Lists:
    optouts: list  # exports.optout.OptOut
    templates: list  # exports.templates.DraftTemplate


def load_lists(db_path: str) -> Lists:
    """The opt-out register and the draft templates (wa_audit.exports), read in a worker."""
    from wa_audit.exports.optout import optout_register
    from wa_audit.exports.templates import draft_templates
    from wa_audit.i18n import current_language
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        return Lists(optout_register(db), draft_templates(db, default_lang=current_language()))
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
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        try:
            from wa_audit.audit import set_override, set_sensitivity

            set_sensitivity(db, sensitivity)
            set_override(db, "R15.night_start_hour", float(night_start))
            set_override(db, "R15.night_end_hour", float(night_end))
        except ImportError:
            from wa_audit.store.db import set_setting

            set_setting(db, "sensitivity", sensitivity)
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
