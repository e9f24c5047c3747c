"""The audit job: in the job's thread, or for a large workspace in a child process (no Qt).

The audit's pandas work holds Python's GIL for long stretches and needs most of a gigabyte at a
million messages. In a thread of the app that froze the window for half a second at a time and
left the memory with the app; in its own process the window stays responsive and the memory
goes back to the system when the audit ends. Small workspaces audit in the job's thread (the
child's start-up, about two seconds, would be most of their audit).

The protocol mirrors the thread's: progress items come back through a queue, a stop sets an
event the child checks between the rules (Cancelled there, so the run is never stored), and
the child sends its AuditOutcome, or the exception, when done. Spawned (not forked: the app has
threads), daemonic, and it exits when the app goes away.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
from dataclasses import dataclass, field
from typing import Any

from wa_audit.errors import Cancelled
from wa_audit.model import Progress
from wa_audit.ui.chart_data import ChartData, compute_chart_data

PROCESS_FROM = 200_000  # messages: from here on the audit runs in a child process


@dataclass
class AuditOutcome:
    report: Any  # wa_audit.audit.AuditReport
    charts: ChartData
    stored_at: str | None = None  # a stored run shown as it was: when it ran
    stale: bool = False  # the data, settings or app changed since that run
    changes: dict = field(default_factory=dict)  # per rule, since earlier runs (history)
    notes: dict = field(default_factory=dict)  # per rule, the consultant's "explained" note


def _charts_to_json(charts: ChartData) -> dict:
    return {
        "daily": [[d.day.isoformat(), d.business, d.replies] for d in charts.daily],
        "heatmap": charts.heatmap,
        "gaps": [list(g) for g in charts.gaps],
        "business_initiated": charts.business_initiated,
        "replies": charts.replies,
    }


def _charts_from_json(data: dict) -> ChartData:
    from datetime import date

    from wa_audit.ui.charts import DayCount

    return ChartData(
        daily=[DayCount(date.fromisoformat(d), b, r) for d, b, r in data["daily"]],
        heatmap=data["heatmap"],
        gaps=[tuple(g) for g in data["gaps"]],
        business_initiated=data["business_initiated"],
        replies=data["replies"],
    )


def audit_in_thread(task, db_path: str, sensitivity: str | None = None) -> AuditOutcome:
    """task.check() between the rules stops the audit (the run is saved after the last one)."""
    from wa_audit import audit
    from wa_audit.audit.store import save_extra
    from wa_audit.store.db import OWNER, get_setting, open_db

    db = open_db(db_path)
    try:
        charts = compute_chart_data(db, get_setting(db, OWNER))
        task.check()
        report = audit.run_audit(
            db,
            sensitivity=sensitivity,
            progress=lambda d, t, s: task.progress(Progress(int(d), int(t), str(s))),
        )
        if report.run_id is not None:
            save_extra(db, report.run_id, _charts_to_json(charts))
        changes, notes = history_for(db, report.run_id)
        return AuditOutcome(report, charts, changes=changes, notes=notes)
    finally:
        db.close()


def history_for(db, run_id: int | None) -> tuple[dict, dict]:
    """(changes per rule since earlier runs, explained notes per rule); empty when unknown."""
    from wa_audit.report import history

    try:
        return history.changes(db, run_id), history.explained_rules(db)
    except Exception:  # history is a bonus: never let it break the dashboard
        return {}, {}


def release_memory() -> None:
    """After an audit in this process: collect, and give freed heap back to the system (glibc
    keeps it otherwise, and the app would grow with every re-audit)."""
    import contextlib
    import ctypes
    import gc
    import sys

    gc.collect()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc (musl): nothing to trim
            ctypes.CDLL("libc.so.6").malloc_trim(0)


class _ChildTask:
    """The child's side of ui.background.Task."""

    def __init__(self, events, stop, parent: int) -> None:
        self.events, self.stop, self.parent = events, stop, parent

    def progress(self, item: Any) -> None:
        self.check()
        self.events.put(("progress", item))

    def check(self) -> None:
        if self.stop.is_set() or os.getppid() != self.parent:  # stopped, or the app is gone
            raise Cancelled()

    @property
    def cancelled(self) -> bool:
        return self.stop.is_set() or os.getppid() != self.parent


def _child(fn, args: tuple, events, stop, parent: int) -> None:
    try:
        events.put(("done", fn(_ChildTask(events, stop, parent), *args)))
    except Cancelled:
        events.put(("cancelled", None))
    except BaseException as exc:  # the parent maps it to the user's error
        try:
            events.put(("error", exc))
        except Exception:  # not picklable: only its kind
            events.put(("error", RuntimeError(type(exc).__name__)))


def audit_in_process(task, db_path: str, sensitivity: str | None = None):
    """Same contract as audit_in_thread, the work in a child process."""
    return in_process(task, audit_in_thread, db_path, sensitivity)


def in_process(task, fn, *args):
    """fn(task, *args) in a child process (fn: a module-level function); its result, or its
    exception, comes back; task.cancelled stops it at its next task.check()."""
    ctx = multiprocessing.get_context("spawn")
    events, stop = ctx.Queue(), ctx.Event()
    child = ctx.Process(target=_child, args=(fn, args, events, stop, os.getpid()), daemon=True)
    child.start()
    try:
        while True:
            if task.cancelled:
                stop.set()  # the child stops at its next check, between two rules
            try:
                kind, value = events.get(timeout=0.1)
            except queue_module.Empty:
                if not child.is_alive():
                    raise RuntimeError("child process ended") from None
                continue
            if kind == "progress":
                if not task.cancelled:
                    task.progress(value)
            elif kind == "done":
                return value
            elif kind == "cancelled":
                raise Cancelled()
            else:
                raise value
    finally:
        stop.set()
        child.join(timeout=30)
        if child.is_alive():
            child.terminate()
            child.join(timeout=5)
        events.close()
