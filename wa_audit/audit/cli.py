"""`wa-audit audit [--db FILE] [--json] [--sensitivity LEVEL] [--date YYYY-MM-DD]`."""

from __future__ import annotations

import argparse

from wa_audit.i18n import N_, _

HELP = {"audit": N_("run the terms-of-service audit on a workspace")}


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("--db", help=_("workspace database file (default: your workspace)"))
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.add_argument(
        "--sensitivity",
        choices=["relaxed", "standard", "strict"],
        help=_("how much evidence a rule needs (default: the workspace's setting)"),
    )
    parser.add_argument(
        "--date", help=_("audit as of this date (YYYY-MM-DD); default: the newest message")
    )


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from wa_audit.audit import audit_to_json, render_summary, run_audit
    from wa_audit.store.db import default_db_path, open_existing

    audit_date = parse_date_option(args.date, "--date")
    path = getattr(args, "db", None) or default_db_path()
    db = open_existing(path)
    try:
        report = run_audit(db, sensitivity=args.sensitivity, audit_date=audit_date)
        from wa_audit.audit.assess.cli import for_audit  # issue 14: self-assessment

        extra, lines = for_audit(db, report)
    finally:
        db.close()
    from wa_audit.outputs import plain

    if args.json:
        # json escapes C0 controls itself; plain() also catches C1 and bidi controls
        out = {**audit_to_json(report), **extra}
        text = json.dumps(out, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write(plain(text) + "\n")
    else:
        print(plain("\n".join([*lines, render_summary(report)])))
    return 0


def parse_date_option(value: str | None, option: str) -> str | None:
    """A --date value as ISO YYYY-MM-DD, or BadArgument saying how to write it."""
    if value is None:
        return None
    from datetime import date

    from wa_audit.errors import BadArgument
    from wa_audit.outputs import plain

    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        hint = _("Write the date as YYYY-MM-DD, for example 2026-10-13.")
        raise BadArgument(plain(value), option=option, hint=hint) from None
