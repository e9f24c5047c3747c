"""The self-test's machinery: check results, the shared context, running the checks one by one
and printing one line per check. The checks themselves are in wa_audit/selftest.py."""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wa_audit.i18n import _

OK, FAIL, SKIP = "ok", "FAIL", "skipped"


class Skip(Exception):
    """A piece of the app is not available in this installation."""


class CheckFailed(Exception):
    """A piece is there but its result is wrong."""


@dataclass
class CheckResult:
    name: str
    status: str
    detail: str
    seconds: float = 0.0


@dataclass
class Context:
    """What earlier checks produced for later ones."""

    tmp: Path
    db_path: Path
    demo_paths: list[Path] = field(default_factory=list)
    imported: bool = False
    report: Any = None
    app: Any = None


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        # Only "this piece is missing" is a skip; a missing dependency inside it is a failure.
        if exc.name and (exc.name == name or name.startswith(exc.name + ".")):
            raise Skip(_("{module} is not available").format(module=name)) from None
        raise


def _attr(module_name: str, *names: str) -> Any:
    mod = _module(module_name)
    for name in names:
        if hasattr(mod, name):
            return getattr(mod, name)
    raise Skip(_("{module}.{name} is not available").format(module=module_name, name=names[0]))


def run_checks(
    ctx: Context, checks: list[tuple[str, Callable[[Context], str]]]
) -> list[CheckResult]:
    results = []
    for name, fn in checks:
        start = time.perf_counter()
        try:
            status, detail = OK, fn(ctx)
        except Skip as exc:
            status, detail = SKIP, _("not available ({reason})").format(reason=exc)
        except CheckFailed as exc:
            status, detail = FAIL, str(exc)
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("wa_audit."):
                status, detail = FAIL, _describe(exc)
            else:  # one of our own modules is not there (yet): that piece is missing
                reason = _("{module} is not available").format(module=exc.name)
                status, detail = SKIP, _("not available ({reason})").format(reason=reason)
        except Exception as exc:  # an unexpected error is a failure; only its type and place
            status, detail = FAIL, _describe(exc)
        results.append(CheckResult(name, status, detail, time.perf_counter() - start))
        _print(f"  {status:<8} {name}: {detail} ({results[-1].seconds:.1f} s)")
    return results


def _describe(exc: BaseException) -> str:
    """Exception type and where it happened, never its message (it may hold user data)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" at {Path(last.filename).name}:{last.lineno} in {last.name}"
    return _("unexpected {error}{where}").format(error=type(exc).__name__, where=where)


def _print(line: str) -> None:
    if sys.stdout is not None:  # a windowed Windows program has no stdout
        print(line, flush=True)
