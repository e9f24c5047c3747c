"""Command line: the same core calls the desktop app makes.

    wa-audit                       open the app (or, without a display, say so)
    wa-audit --demo                open the bundled demo workspace
    wa-audit parse FILE --json|--stats
    wa-audit import PATH... [--db FILE] [--owner NAME]
    wa-audit audit [--db FILE] [--json] [--sensitivity LEVEL]
    wa-audit report [--db FILE] --out FILE.pdf|FILE.html [--lang nl|de|en] [--pseudonymize]
    wa-audit --self-test | --version | --licenses

Subcommands are implemented next to the code they drive (importer/cli.py, audit/cli.py,
report/cli.py); heavy modules are imported only when their command runs, so start-up stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import sys

from wa_audit import __version__
from wa_audit.i18n import set_language, system_language

SUBCOMMANDS = {
    "parse": "wa_audit.importer.cli",
    "import": "wa_audit.importer.cli",
    "audit": "wa_audit.audit.cli",
    "report": "wa_audit.report.cli",
    "assess": "wa_audit.audit.assess.cli",  # issue 14: self-assessment
    "batch": "wa_audit.portfolio.cli",  # issue 14: many clients at once
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wa-audit",
        description="Check WhatsApp Business app chat exports against WhatsApp's rules "
        "on bulk, automated and unsolicited messaging. Works offline.",
    )
    parser.add_argument("--version", action="version", version=f"wa-audit {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo workspace")
    parser.add_argument("--db", help="workspace database file to open")
    parser.add_argument("--lang", choices=["en", "nl", "de"], help="user interface language")
    parser.add_argument("--screenshot", metavar="DIR", help="with --demo: render every screen")
    parser.add_argument("--self-test", action="store_true", help="check this installation")
    parser.add_argument(
        "--licenses", action="store_true", help="print the licences of wa-audit and what it ships"
    )
    sub = parser.add_subparsers(dest="command")
    for name, module in SUBCOMMANDS.items():
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue  # a command whose package is not part of this build
        mod.add_arguments(sub.add_parser(name, help=mod.HELP[name]), name)
    return parser


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # the bundled app's import starts a parser process
    args = build_parser().parse_args(argv)
    set_language(args.lang or system_language())
    if args.command:
        mod = importlib.import_module(SUBCOMMANDS[args.command])
        return run_guarded(mod.run, args)
    if args.licenses:
        from wa_audit.licenses import print_notices

        return print_notices()
    if args.self_test:
        from wa_audit.selftest import run_self_test

        return run_self_test()
    from wa_audit.launch import launch

    return launch(args)


def run_guarded(run, args: argparse.Namespace) -> int:
    """Run a subcommand; every fault a user can cause or fix ends in one translated sentence
    naming the file, exit code 1, no traceback (and nothing half-written: see outputs)."""
    import sqlite3

    from wa_audit.errors import WaAuditError
    from wa_audit.outputs import plain

    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except (WaAuditError, sqlite3.Error, OSError) as exc:
        # imported here: the store's package loads sqlite-utils and pandas, which a command
        # that never opens a workspace (`parse --stats`) would wait for
        from wa_audit.store.faults import user_error

        db = getattr(args, "db", None) or _default_db()
        other_file = isinstance(exc, OSError) and exc.filename and str(exc.filename) != str(db)
        mapped = exc if other_file else user_error(exc, db)
        if isinstance(mapped, WaAuditError):
            print(plain(mapped.user_message()), file=sys.stderr)
            return 1
        from wa_audit.i18n import _

        name = getattr(exc, "filename", None) or getattr(args, "db", None) or _default_db()
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        print(
            plain(
                _("{file} could not be used ({reason}). Check the file and try again.").format(
                    file=name, reason=reason
                )
            ),
            file=sys.stderr,
        )
        return 1


def _default_db() -> str:
    from wa_audit.store.db import default_db_path

    return str(default_db_path())


if __name__ == "__main__":
    sys.exit(main())
