"""Background work for the window: one Job class, a runner, and `Op`, the one way to start it.

    op(window, fn, *args).success(cb).failure(cb).progress(cb).run(write=False) -> Job

fn runs in a pool thread and opens its own database connection (sqlite connections do not
cross threads). Callbacks run on the GUI thread. Without .failure() a failure goes to the
runner's default handler (the window's: a translated sentence, or the crash report). A guard
(`.guard(lambda: ...)`) drops every late callback of a job the window no longer cares about.

fn may take a `Task` as its first argument (`.with_task()`): task.progress(item) sends a
(throttled) progress item, task.check() raises Cancelled once cancel() was called - the way a
long core function stops between its steps. A generator fn is driven item by item (its None
items are heartbeats); cancel() closes it, which rolls the current file back (the importer).
Write jobs run one at a time on their own single-thread pool. Modelled on anki's
QueryOp/CollectionOp (aqt/operations).
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wa_audit.errors import Cancelled, WaAuditError
from wa_audit.store.faults import user_error

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05  # seconds between progress signals


class JobSignals(QObject):
    progress = Signal(object)  # Progress
    result = Signal(object)
    failed = Signal(object)  # WaAuditError (user can act on it) or other Exception
    cancelled = Signal()
    finished = Signal()


class Task:
    """What a running function may use: progress(item) and check()."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._last = 0.0

    def progress(self, item: Any) -> None:
        self.check()
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            self._job.signals.progress.emit(item)

    def check(self) -> None:
        if self._job.is_cancelled:
            raise Cancelled()

    @property
    def cancelled(self) -> bool:
        return self._job.is_cancelled


class Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any, workspace: str | None = None) -> None:
        super().__init__()
        self.fn, self.args = fn, args
        self.workspace = workspace  # named in the user's error message
        self.takes_task = False
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the runner keeps a reference until finished

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            args = (Task(self), *self.args) if self.takes_task else self.args
            value = self.fn(*args)
            if inspect.isgenerator(value):
                value = self._drive(value)
            self.signals.result.emit(value)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            err = user_error(exc, self.workspace)
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
                    raise Cancelled()
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


class JobRunner(QObject):
    """Starts jobs; write jobs run one at a time on their own single-thread pool."""

    def __init__(
        self,
        parent: QObject | None = None,
        on_failure: Callable[[BaseException], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_failure = on_failure
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


class Op:
    """Builder for one background job; see the module docstring."""

    def __init__(self, runner: JobRunner, fn: Callable[..., Any], *args: Any) -> None:
        self.runner = runner
        self.job = Job(fn, *args)
        self._guard: Callable[[], bool] = lambda: True
        self._failure: Callable[[BaseException], Any] | None = runner.on_failure

    def _guarded(self, cb: Callable[..., Any]) -> Callable[..., None]:
        def slot(*a: Any) -> None:  # returns None: PySide 6.12 drops a returned bool once too often
            if self._guard():
                cb(*a)

        return slot

    def with_task(self) -> Op:
        self.job.takes_task = True
        return self

    def workspace(self, path: str | None) -> Op:
        self.job.workspace = path
        return self

    def guard(self, still_wanted: Callable[[], bool]) -> Op:
        self._guard = still_wanted
        return self

    def success(self, cb: Callable[[Any], Any]) -> Op:
        self.job.signals.result.connect(self._guarded(cb))
        return self

    def progress(self, cb: Callable[[Any], Any]) -> Op:
        self.job.signals.progress.connect(self._guarded(cb))
        return self

    def cancelled(self, cb: Callable[[], Any]) -> Op:
        self.job.signals.cancelled.connect(self._guarded(cb))
        return self

    def failure(self, cb: Callable[[BaseException], Any]) -> Op:
        self._failure = cb
        return self

    def run(self, write: bool = False) -> Job:
        if self._failure is not None:
            self.job.signals.failed.connect(self._guarded(self._failure))
        return self.runner.start(self.job, write=write)


def op(owner: Any, fn: Callable[..., Any], *args: Any) -> Op:
    """owner: anything with a `runner` (the main window or a controller)."""
    return Op(owner.runner, fn, *args)
