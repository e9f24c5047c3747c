"""`wa-audit batch CLIENTS_DIR --out OUT_DIR [--lang nl|de|en] [--format pdf|html]
[--pseudonymize]`: one workspace, audit and report per client subfolder, then the portfolio."""

from __future__ import annotations

import argparse
import sys

from wa_audit.i18n import N_, _

HELP = {"batch": N_("audit every client folder at once and write a portfolio overview")}

STAGES = {
    "import": N_("importing"),
    "audit": N_("auditing"),
    "report": N_("writing the report"),
}


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("clients_dir", metavar="CLIENTS_DIR", help=_("one subfolder per client"))
    parser.add_argument("--out", required=True, metavar="OUT_DIR", help=_("output folder"))
    parser.add_argument(
        "--lang", choices=["en", "nl", "de"], default=argparse.SUPPRESS, help=_("report language")
    )
    parser.add_argument("--format", choices=["pdf", "html"], default="pdf", dest="fmt")
    parser.add_argument(
        "--pseudonymize",
        "--pseudonymise",
        action="store_true",
        help=_("replace customer names and phone numbers by stable pseudonyms"),
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from wa_audit.audit import light_label
    from wa_audit.i18n import set_language
    from wa_audit.portfolio.batch import client_folders, run_batch
    from wa_audit.portfolio.table import change_text

    lang = getattr(args, "lang", None)
    if lang:
        set_language(lang)
    clients = Path(args.clients_dir)
    if not clients.is_dir():
        print(
            _("{folder} is not a folder. Give the folder that holds one subfolder per client.")
            .format(folder=clients), file=sys.stderr)  # fmt: skip
        return 2
    if not client_folders(clients):
        print(_("{folder} has no client subfolders.").format(folder=clients), file=sys.stderr)
        return 2

    def progress(i: int, total: int, client: str, stage: str) -> None:
        if stage == "done":
            return
        print(f"[{i + 1}/{total}] {client}: {_(STAGES.get(stage, stage))}…", file=sys.stderr)

    result = run_batch(clients, args.out, args.fmt, lang, args.pseudonymize, progress)
    print()
    for row in result.rows:
        light = light_label(row.overall) if row.overall else _("not audited")
        print(f"{row.client}: {light} ({change_text(row.change, row.change_detail)})")
    if result.problems:
        print()
        print(_("Problems (the other clients were not affected):"))
        for client, problem in result.problems:
            print(f"  ✗ {client}: {problem}")
    print()
    print(_("Portfolio written to {csv} and {html}").format(
        csv=result.csv_path, html=result.html_path))  # fmt: skip
    audited = sum(1 for r in result.rows if r.overall)
    return 0 if audited else 1
