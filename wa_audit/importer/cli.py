"""`wa-audit parse` and `wa-audit import`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wa_audit.i18n import N_, _, ngettext
from wa_audit.importer.warning_texts import DATE_ORDER_GUESSED as DATE_GUESS
from wa_audit.importer.warning_texts import warning_text as _warning_sentence

HELP = {
    "parse": "read one export and print its messages (--json) or a summary (--stats)",
    "import": "import exports (files, zips, folders) into a workspace database",
}

DATE_ORDER_CHOICES = {"day-first": "dmy", "month-first": "mdy", "year-first": "ymd"}
STATUS_TEXT = {
    "redated": N_("dates read again in the order you chose"),
    "imported": N_("imported"),
    "updated": N_("updated with new messages"),
    "already": N_("already imported, nothing new"),
    "error": N_("not imported"),
}


def warning_text(code: str, date_order: str = "") -> str:
    """One warning's sentence (see importer.warning_texts, shared with the app); a code this
    version has no sentence for is printed as it is."""
    return _warning_sentence(code, date_order) or code


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    if name == "parse":
        p.add_argument("file", help="a WhatsApp export (.txt or .zip)")
        mode = p.add_mutually_exclusive_group()
        mode.add_argument("--json", action="store_true", help="one JSON object per message")
        mode.add_argument("--stats", action="store_true", help="counts, layout, date range")
    else:
        p.add_argument("paths", nargs="+", help="export files, zips or folders")
        p.add_argument("--db", dest="sub_db", help="workspace database file")
        p.add_argument("--owner", help="the business's own display name in the exports")
        p.add_argument(
            "--date-order",
            choices=sorted(DATE_ORDER_CHOICES),
            help="how the phone writes dates, when the import could not tell day and month "
            "apart; files already imported are read again",
        )


def run(args: argparse.Namespace) -> int:
    try:
        return _parse(args) if args.command == "parse" else _import(args)
    except BrokenPipeError:  # e.g. `wa-audit parse x --json | head`
        sys.stderr.close()
        return 0


def _parse(args: argparse.Namespace) -> int:
    from wa_audit.errors import WaAuditError
    from wa_audit.importer import parse_file

    try:
        if args.stats:
            from wa_audit.importer.quickstats import quick_stats

            facts = quick_stats(args.file)
            if facts is None:  # an unusual file: read it message by message
                parsed = parse_file(args.file)
                for _msg in parsed:
                    pass
                facts = parsed.facts
            _print_stats(facts)
            return 0
        parsed = parse_file(args.file)
        out = sys.stdout
        dumps = json.dumps
        for msg in parsed:
            out.write(dumps(msg.as_json(), ensure_ascii=False))
            out.write("\n")
        return 0
    except WaAuditError as exc:
        print(exc.user_message(), file=sys.stderr)
        return 2


ORDER_TEXT = {
    "dmy": N_("day-month-year"),
    "mdy": N_("month-day-year"),
    "ymd": N_("year-month-day"),
}
CONFIDENCE_TEXT = {
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "user": N_("set by you"),
}
KIND_TEXT = {
    "text": N_("text"),
    "media": N_("media"),
    "system": N_("system lines"),
    "deleted": N_("deleted"),
}
BROADCAST_TEXT = {"yes": N_("yes"), "probable": N_("probably (please confirm)")}
REASON_TEXT = {
    "before_first_message": N_("before the first message"),
    "looks_like_header": N_(
        "looks like a message start in another format; kept in the message above"
    ),
    "invalid_date": N_("a message start with an impossible date; kept as text"),
}


def _text(table: dict[str, str], code: str) -> str:
    return _(table[code]) if code in table else code


def _print_stats(facts) -> None:
    print(_("Layout: {layout} ({platform}), dates {order} ({confidence} confidence)").format(
        layout=facts.layout, platform=facts.platform, order=_text(ORDER_TEXT, facts.date_order),
        confidence=_text(CONFIDENCE_TEXT, facts.date_order_confidence)))  # fmt: skip
    print(_("Encoding: {encoding}").format(encoding=facts.encoding))
    if facts.first:
        print(_("Period: {first} to {last}").format(first=facts.first, last=facts.last))
    print(_("Messages: {n}").format(n=facts.message_count))
    for kind, n in sorted(facts.kinds.items()):
        print(f"  {_text(KIND_TEXT, kind)}: {n}")
    print(_("Senders: {n}").format(n=len(facts.senders)))
    for sender, n in sorted(facts.senders.items(), key=lambda kv: -kv[1]):
        print(f"  {sender}: {n}")
    if facts.broadcast:
        print(_("Broadcast list: {state}, recipients: {n}").format(
            state=_text(BROADCAST_TEXT, facts.broadcast),
            n=facts.broadcast_recipients or "?"))  # fmt: skip
    print(_("Unparsed lines: {n}").format(n=len(facts.unparsed)))
    for u in facts.unparsed[:20]:
        print(
            "  "
            + _("line {line}: {reason}").format(line=u.line, reason=_text(REASON_TEXT, u.reason))
        )
    for w in facts.warnings:
        print(_("Warning: {text}").format(text=warning_text(w, facts.date_order)))


def _drive(gen, show_bar: bool):
    """Run an import-like generator to its end, with a progress bar on a terminal."""
    try:
        while True:
            progress = next(gen)
            if show_bar:
                pct = 100 * progress.done // max(progress.total, 1)
                bar = "#" * (pct // 4)
                sys.stderr.write(f"\r[{bar:<25}] {pct:3d}% {progress.file[:40]:<40}")
                sys.stderr.flush()
    except StopIteration as stop:
        return stop.value


def _apply_date_order(files: list, db_path: Path, order: str, show_bar: bool) -> list:
    """Read again, in the order the user gave, the files whose dates left it open (imported
    now or before). A file whose dates decide the order (a day above 12) keeps it: forcing
    the other order on it would turn its dates invalid and lose its messages."""
    from wa_audit.importer.reorder import reimport_with_date_order
    from wa_audit.store.db import open_db

    done = [f for f in files if f.status != "error" and f.import_id is not None]
    if not done:
        return files
    db = open_db(db_path)
    try:
        marks = ",".join("?" * len(done))
        stored = {
            row[0]: row[1:]
            for row in db.execute(
                f"SELECT id, date_order, date_order_confidence FROM imports WHERE id IN ({marks})",
                [f.import_id for f in done],
            ).fetchall()
        }
        targets = sorted(
            {
                f.import_id
                for f in done
                if f.import_id in stored
                and stored[f.import_id][0] != order
                and stored[f.import_id][1] != "high"
            }
        )
        if not targets:
            return files
        redated = _drive(reimport_with_date_order(db, targets, order), show_bar)
    finally:
        db.close()
    again = {(str(r.path), r.file_name): r for r in redated}
    out = []
    for f in files:
        r = again.pop((str(f.path), f.file_name), None)
        if r is None:
            out.append(f)
        elif f.status in ("imported", "updated"):  # new in this import: say so, as read now
            f.facts, f.warnings = r.facts, r.warnings
            out.append(f)
        else:
            out.append(r)
    return out + list(again.values())  # other files of the same chats, read again too


def _import(args: argparse.Namespace) -> int:
    from wa_audit.errors import WaAuditError
    from wa_audit.importer.store_import import import_paths
    from wa_audit.store.db import default_db_path

    db_path = Path(args.sub_db or args.db or default_db_path())
    show_bar = sys.stderr.isatty()
    order = DATE_ORDER_CHOICES.get(getattr(args, "date_order", None) or "")
    order_chosen = bool(order)
    # every file is read as its dates say; the order given is then applied to the files whose
    # dates leave it open (see _apply_date_order), never forced on dates that contradict it
    gen = import_paths([Path(p) for p in args.paths], db_path, owner=args.owner)
    try:
        summary = _drive(gen, show_bar)
        files = list(summary.files)
        if order:
            files = _apply_date_order(files, db_path, order, show_bar)
    except KeyboardInterrupt:
        gen.close()
        print("\n" + _("Cancelled. The file being imported was not saved."), file=sys.stderr)
        return 130
    except WaAuditError as exc:
        print(f"✗ {exc.user_message()}")
        return 1
    if show_bar:
        sys.stderr.write("\r" + " " * 75 + "\r")
    for f in files:
        if f.error is not None:
            print(f"✗ {f.error.user_message()}")
            continue
        line = _("{file}: {status}, {added} of {total} messages new").format(
            file=f.file_name, status=_(STATUS_TEXT[f.status]), added=f.messages_added,
            total=f.messages_in_file)  # fmt: skip
        print(f"✓ {line}")
        if f.unparsed:
            print("  " + ngettext("{n} line could not be read (line {lines})",
                                  "{n} lines could not be read (lines {lines})",
                                  len(f.unparsed)).format(
                n=len(f.unparsed), lines=", ".join(str(u.line) for u in f.unparsed[:10])))  # fmt: skip
        order = f.facts.date_order if f.facts else ""
        for w in f.warnings:
            print("  ! " + warning_text(w, order))
    guessed = {f.facts.date_order for f in files if f.facts and DATE_GUESS in f.warnings}
    if guessed and not order_chosen:
        other = "day-first" if guessed == {"mdy"} else "month-first"
        print(
            _(
                "If your phone writes dates the other way round, import again with "
                "--date-order {order}: those files are read again."
            ).format(order=other)
        )
    print(_("Workspace: {path}").format(path=db_path))
    if summary.owner:
        print(_("Business (owner): {owner}").format(owner=summary.owner))
    failed = sum(1 for f in summary.files if f.status == "error")
    if failed and summary.ok:
        print(
            ngettext(
                "{n} file was not imported (see above); the others were.",
                "{n} files were not imported (see above); the others were.",
                failed,
            ).format(n=failed),
            file=sys.stderr,
        )
    return 1 if failed or not summary.ok else 0
