"""`wa-audit` without a subcommand: open the desktop app, or explain why it cannot.

On a machine without a screen (a server, CI, an SSH session) the app cannot open a window;
instead of a Qt plugin traceback the user gets one sentence and the demo audit in the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wa_audit.i18n import _


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # the caller chose a platform (offscreen for screenshots and tests)
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("WAYLAND_DISPLAY"):
        return True
    return _x_display_reachable(os.environ.get("DISPLAY", ""))


def _x_display_reachable(display: str) -> bool:
    """A local X display (":0") has a socket; a stale DISPLAY (an old SSH session) would make
    Qt abort with a plugin error instead of letting us explain."""
    if not display:
        return False
    host, _, rest = display.rpartition(":")
    if host and host not in ("unix", "localhost"):
        return True  # a remote display: let Qt try
    number = rest.split(".", 1)[0]
    return Path(f"/tmp/.X11-unix/X{number}").exists() or host == "localhost"


def launch(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not has_display():
        print(_("No display found, so the window cannot open. Here is the audit in text form."))
        return print_terminal_audit(args)
    try:
        from wa_audit.ui.app import run
    except ImportError as exc:  # Qt's system libraries are missing
        print(_("The desktop app could not start ({reason}).").format(reason=exc.name or exc))
        return print_terminal_audit(args)
    return run(args)


def print_terminal_audit(args: argparse.Namespace) -> int:
    from wa_audit.audit import render_summary, run_audit
    from wa_audit.store.db import default_db_path, open_db

    if args.demo or not args.db:
        from wa_audit.demo import demo_workspace

        if not args.demo:
            print(_("No workspace was given (--db), so this is the demo business."))
        path = demo_workspace()
    else:
        path = args.db or default_db_path()
    db = open_db(path)
    try:
        report = run_audit(db)
    finally:
        db.close()
    print(render_summary(report))
    print()
    print(_("Workspace: {path}").format(path=path))
    return 0
