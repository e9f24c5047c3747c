"""Keep Python's None, True and False alive under PySide6 6.12 on Python 3.11.

PySide6 6.12.0 gives back one reference too many to None, True or False on some calls that
return them to or from Qt (QCoreApplication.processEvents(), a model's data() returning None,
a slot's return value, QRunnable.__init__). On Python 3.12+ these objects are immortal and
nothing happens; on 3.11 their reference count runs down and the process aborts with "Fatal
Python error: none_dealloc / bool_dealloc" after a few hundred to a few hundred thousand such
calls - a long session, a long benchmark. A timer tops the counts up with extra references
long before they could reach zero, and for good: the added references are never given back,
not even when the interpreter shuts down (a list of references would be, and the process would
then abort on exit). benchmarks/bench_gui_scale.py met the crash; tests/ui/test_scale.py checks.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

LOW = 1_000_000  # top up below this many references
STEP = 10_000_000


def top_up() -> None:
    """CPython 3.11: ob_refcnt is the object's first field; None/True/False are never freed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        if sys.getrefcount(obj) < LOW:
            ctypes.c_ssize_t.from_address(id(obj)).value += STEP


def install(parent: QObject) -> QTimer | None:
    """Top up now and every second (nothing to do on Python 3.12+)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return None
    top_up()
    timer = QTimer(parent)
    timer.setInterval(1000)
    timer.timeout.connect(top_up)
    timer.start()
    return timer
