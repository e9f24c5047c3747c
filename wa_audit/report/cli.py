"""`wa-audit report`: the audit report (PDF/HTML) and the actionable exports.

    wa-audit report [--db FILE] --out FILE.pdf|FILE.html [--lang nl|de|en] [--pseudonymize]
    wa-audit report --optout-csv FILE | --templates FILE.csv|FILE.json | --json FILE
    wa-audit report --appeal FILE.pdf|FILE.html [--step TEXT]...
    wa-audit report --explain R01 --reason TEXT | --reopen R01 [--reason TEXT] | --trail
Several outputs can be asked for at once. Heavy modules load inside run().
"""

from __future__ import annotations

import argparse
import sys

HELP = {"report": "write the audit report (PDF or HTML) and exports (opt-out register, templates)"}


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    p.add_argument("--db", help="workspace database file (default: the default workspace)")
    p.add_argument("--out", metavar="FILE", help="report file: .pdf or .html")
    # SUPPRESS keeps a top-level `wa-audit --lang nl report ...` working too.
    p.add_argument(
        "--lang",
        choices=["en", "nl", "de"],
        default=argparse.SUPPRESS,
        help="language of the report",
    )
    p.add_argument(
        "--pseudonymize",
        "--pseudonymise",
        action="store_true",
        help="replace customer names and phone numbers by stable pseudonyms",
    )
    p.add_argument("--run", type=int, help="report on this stored audit run (default: latest)")
    p.add_argument("--rerun", action="store_true", help="run a new audit first")
    p.add_argument("--country", help="recipients' country for the cost estimate (NL, DE, GB)")
    p.add_argument("--appeal", metavar="FILE", help="appeal summary (.pdf or .html)")
    p.add_argument(
        "--step",
        action="append",
        default=[],
        help="a corrective step taken, for the appeal summary (repeatable)",
    )
    p.add_argument("--optout-csv", metavar="FILE", help="opt-out register as CSV")
    p.add_argument("--templates", metavar="FILE", help="draft Platform templates (.csv or .json)")
    p.add_argument("--json", metavar="FILE", dest="json_out", help="full audit as JSON")
    p.add_argument("--explain", metavar="RULE", help="mark a rule's finding as explained")
    p.add_argument("--reopen", metavar="RULE", help="withdraw an explained mark")
    p.add_argument("--reason", default="", help="reason for --explain / --reopen")
    p.add_argument("--trail", action="store_true", help="print the audit trail of explained marks")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace output files that already exist (never the workspace or an input)",
    )


RULE_RE = r"[Rr]\d{2}"


def run(args: argparse.Namespace) -> int:
    """Faults end as WaAuditError / sqlite3 / OSError and are told by cli.run_guarded."""
    import re
    from pathlib import Path

    from wa_audit.errors import BadArgument
    from wa_audit.i18n import _, current_language, set_language
    from wa_audit.outputs import check_target, plain, workspace_files
    from wa_audit.report import export_report, history, latest_report
    from wa_audit.store.db import default_db_path, open_existing

    if getattr(args, "lang", None):
        set_language(args.lang)
    wanted = [args.out, args.appeal, args.optout_csv, args.templates, args.json_out]
    if not any(wanted) and not (args.explain or args.reopen or args.trail):
        print(
            _("Nothing to do: give --out FILE.pdf or FILE.html, or an export option."),
            file=sys.stderr,
        )
        return 2
    for target in (args.out, args.appeal):
        if target and Path(target).suffix.lower() not in (".pdf", ".html", ".htm"):
            print(
                plain(_("The report file must end in .pdf or .html: {file}").format(file=target)),
                file=sys.stderr,
            )
            return 2
    for option, rule in (("--explain", args.explain), ("--reopen", args.reopen)):
        if rule and not re.fullmatch(RULE_RE, rule.strip()):
            hint = _("Give a rule code from R01 to R19, for example R03.")
            raise BadArgument(plain(rule), option=option, hint=hint)
    if args.country and not re.fullmatch(r"[A-Za-z]{2}", args.country.strip()):
        hint = _("Give a two-letter country code, for example NL or DE.")
        raise BadArgument(plain(args.country), option="--country", hint=hint)
    if args.explain and not args.reason.strip():
        print(_("Give the reason with --reason."), file=sys.stderr)
        return 2
    db = open_existing(args.db or default_db_path())
    try:
        # Every output is checked before any work is done or anything is written.
        targets = [Path(t) for t in wanted if t]
        protected = workspace_files(db)
        for i, target in enumerate(targets):
            check_target(target, protected=protected + targets[:i], force=args.force)
        return _run(args, db, wanted, latest_report, export_report, history, current_language)
    finally:
        db.close()


def _run(args, db, wanted, latest_report, export_report, history, current_language) -> int:
    from wa_audit.i18n import _
    from wa_audit.outputs import plain

    if args.explain:
        history.mark_explained(db, args.explain, args.reason)
        print(_("{rule} is marked as explained.").format(rule=args.explain.upper()))
    if args.reopen:
        history.reopen(db, args.reopen, args.reason)
        print(_("{rule} is open again.").format(rule=args.reopen.upper()))
    if args.trail:
        for n in history.notes(db):
            print(plain(f"{n.created_at}  {n.rule}  {n.status}  {n.reason}"))
    if not any(wanted):
        return 0
    report = None
    if args.run:
        from wa_audit.audit import load_run

        report = load_run(db, args.run)
        if report is None:
            print(_("There is no audit run {run}.").format(run=args.run), file=sys.stderr)
            return 2
    needs_report = args.out or args.appeal or args.json_out
    if needs_report and report is None:
        report = latest_report(db, rerun=args.rerun)
    pseudo = None
    if args.pseudonymize:
        from wa_audit.report.pseudonym import pseudonymizer_for
        from wa_audit.store.db import OWNER, get_setting

        pseudo = pseudonymizer_for(db, get_setting(db, OWNER))
    force = args.force
    if args.out:
        path = export_report(db, args.out, report, pseudonymize=args.pseudonymize, force=force)
        print(plain(_("Report written to {file}").format(file=path)))
    if args.appeal:
        path = export_report(
            db,
            args.appeal,
            report,
            pseudonymize=args.pseudonymize,
            kind="appeal",
            steps=args.step,
            force=force,
        )
        print(plain(_("Appeal summary written to {file}").format(file=path)))
    if args.optout_csv:
        from wa_audit.exports.optout import write_register_csv

        n = write_register_csv(db, args.optout_csv, pseudo, force=force)
        print(
            plain(
                _("Opt-out register ({n} customers) written to {file}").format(
                    n=n, file=args.optout_csv
                )
            )
        )
    if args.templates:
        from wa_audit.exports.templates import write_templates

        n = write_templates(db, args.templates, pseudo, current_language(), force=force)
        print(plain(_("{n} draft templates written to {file}").format(n=n, file=args.templates)))
    if args.json_out:
        from wa_audit.report.audit_json import write_full_json

        write_full_json(db, report, args.json_out, pseudo, force=force)
        print(plain(_("Audit JSON written to {file}").format(file=args.json_out)))
    return 0
