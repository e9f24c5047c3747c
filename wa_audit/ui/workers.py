"""One job type for everything long: a QRunnable with a signals object.

The function runs in a pool thread and must open its own database connection (sqlite
connections do not cross threads). If it returns a generator, the job iterates it, forwards
Progress items (None items are heartbeats that only give cancel() a chance) (throttled, so the GUI event queue never floods) and delivers the generator's
return value. cancel() makes the job close() the generator, which rolls the current file back.
Never touch widgets inside a job; signals arrive on the GUI thread.
"""

from __future__ import annotations

import inspect
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wa_audit.errors import Cancelled, DatabaseLocked, DiskFull, WaAuditError

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05  # seconds between progress signals


class JobSignals(QObject):
    progress = Signal(object)  # Progress
    result = Signal(object)
    failed = Signal(object)  # WaAuditError (user can act on it) or other Exception
    cancelled = Signal()
    finished = Signal()


class Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the caller keeps a reference until finished

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            value = self.fn(*self.args, **self.kwargs)
            if inspect.isgenerator(value):
                value = self._drive(value)
                if value is _CANCELLED:
                    self.signals.cancelled.emit()
                    return
            self.signals.result.emit(value)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            err = as_user_error(exc)
            if not isinstance(err, WaAuditError):
                log.error("job failed: %s", type(exc).__name__)  # never the message: privacy
            self.signals.failed.emit(err)  # err.__traceback__ is kept for the crash report
        finally:
            self.signals.finished.emit()

    def _drive(self, gen) -> Any:
        last = 0.0
        pending = None
        try:
            while True:
                if self._cancel.is_set():
                    gen.close()  # GeneratorExit inside: the current file rolls back
                    return _CANCELLED
                try:
                    item = next(gen)
                except StopIteration as stop:
                    if pending is not None:
                        self.signals.progress.emit(pending)
                    return stop.value
                if item is None:  # heartbeat from the generator, nothing to show
                    continue
                now = time.monotonic()
                if now - last >= PROGRESS_INTERVAL:
                    self.signals.progress.emit(item)
                    last, pending = now, None
                else:
                    pending = item
        finally:
            gen.close()


_CANCELLED = object()


def as_user_error(exc: BaseException) -> BaseException:
    """Map errors the user can fix (locked database, full disk) to our typed errors."""
    if isinstance(exc, WaAuditError):
        return exc
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return DatabaseLocked()
        if "full" in text:
            return DiskFull()
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
        return DiskFull()
    return exc


class JobRunner(QObject):
    """Starts jobs; write jobs run one at a time on their own single-thread pool."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self.read_pool = QThreadPool(self)
        self.read_pool.setMaxThreadCount(2)
        self._jobs: set[Job] = set()

    def start(self, job: Job, write: bool = False) -> Job:
        self._jobs.add(job)
        job.signals.finished.connect(lambda: self._jobs.discard(job))
        (self.write_pool if write else self.read_pool).start(job)
        return job

    def active(self) -> int:
        return len(self._jobs)

    def wait(self, msecs: int = 30000) -> bool:
        ok = self.write_pool.waitForDone(msecs)
        return self.read_pool.waitForDone(msecs) and ok

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.cancel()
