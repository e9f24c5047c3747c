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
    from wa_audit.store.db import default_db_path, open_db

    path = getattr(args, "db", None) or default_db_path()
    db = open_db(path)
    try:
        report = run_audit(db, sensitivity=args.sensitivity, audit_date=args.date)
        from wa_audit.assess.cli import for_audit  # issue 14: self-assessment

        extra, lines = for_audit(db, report)
    finally:
        db.close()
    if args.json:
        out = {**audit_to_json(report), **extra}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print("\n".join([*lines, render_summary(report)]))
    return 0
