"""What an import did, in plain words: one summary line, the problems, the per-file sentences.

No Qt here: the import page lays these sentences out, the tests read them directly.
"""

from __future__ import annotations

from datetime import date, datetime

from wa_audit.i18n import N_, _, format_number, ngettext
from wa_audit.importer.warning_texts import DATE_ORDER_GUESSED, is_serious
from wa_audit.importer.warning_texts import warning_text as warning_sentence

ORDER_PHRASE = {"dmy": N_("day first (31-12)"), "mdy": N_("month first (12/31)")}


def warning_text(code: str, date_order: str = "") -> tuple[str, bool]:
    """(sentence, makes the file's light amber?) for one importer warning code; an unknown code
    gives "" (never show a raw code to the user)."""
    return warning_sentence(code, date_order), is_serious(code)


def read_order(report) -> str:
    """The day/month order the file was read in ("dmy", "mdy", …; "" when not known)."""
    facts = getattr(report, "facts", None)
    return str(getattr(facts, "date_order", "") or "")


def file_report_lines(report) -> tuple[str, list[str]]:
    """(status light, sentences) for one FileReport, in plain words."""
    name = report.file_name
    chat = report.chat_title or _("unknown chat")
    n = int(report.messages_added or 0)
    lines: list[str] = []
    status = str(report.status)
    if status == "error" or report.error is not None:
        err = report.error
        text = (
            err.user_message()
            if hasattr(err, "user_message")
            else _("{file} could not be imported.").format(file=name)
        )
        return "red", [text]
    if status == "redated":
        lines.append(_redated_line(report, name, chat, n))
    elif status == "already":
        lines.append(_("{file}: already in this workspace, nothing new to add.").format(file=name))
    elif status == "updated":
        lines.append(
            ngettext(
                "{file}: {n} new message added to the chat with {chat}.",
                "{file}: {n} new messages added to the chat with {chat}.",
                n,
            ).format(file=name, n=format_number(n), chat=chat)
        )
    else:
        lines.append(
            ngettext(
                "{file}: {n} message imported from the chat with {chat}.",
                "{file}: {n} messages imported from the chat with {chat}.",
                n,
            ).format(file=name, n=format_number(n), chat=chat)
        )
    light = "green"
    unparsed = list(report.unparsed or [])
    if unparsed:
        numbers = ", ".join(str(u.line) for u in unparsed[:8])  # line numbers: no grouping
        if len(unparsed) > 8:
            numbers += ", …"
        lines.append(
            ngettext(
                "{n} line could not be read and was kept aside (line {lines}).",
                "{n} lines could not be read and were kept aside (lines {lines}).",
                len(unparsed),
            ).format(n=format_number(len(unparsed)), lines=numbers)
        )
        light = "amber"
    order = read_order(report)
    for code in report.warnings or []:
        text, serious = warning_text(code, order)
        if text:
            lines.append(text)
            light = "amber" if serious else light
    return light, lines


OK_STATUS = ("imported", "updated", "already", "redated")


def is_ok(report) -> bool:
    return str(report.status) in OK_STATUS and report.error is None


def summary_line(files) -> str:
    """'801 files, 800 chats, 4,600 messages, 2 problems' (messages new in this workspace)."""
    files = list(files)
    ok = [f for f in files if is_ok(f)]
    chats = len({f.chat_id if f.chat_id is not None else f.chat_title for f in ok})
    messages = sum(int(f.messages_added or 0) for f in ok)
    problems = sum(1 for f in files if file_report_lines(f)[0] in ("red", "amber"))
    parts = [
        ngettext("{n} file", "{n} files", len(files)).format(n=format_number(len(files))),
        ngettext("{n} chat", "{n} chats", chats).format(n=format_number(chats)),
        ngettext("{n} message", "{n} messages", messages).format(n=format_number(messages))
        if messages
        else _("no new messages"),
        ngettext("{n} problem", "{n} problems", problems).format(n=format_number(problems))
        if problems
        else _("no problems"),
    ]
    return ", ".join(parts)


def date_order_files(files) -> list[tuple[str, str]]:
    """(path, order it was read in) of the files whose day/month order was a guess."""
    return [
        (str(f.path), read_order(f) or "dmy")
        for f in files
        if is_ok(f) and DATE_ORDER_GUESSED in (f.warnings or [])
    ]


def any_redated(files) -> bool:
    """True for the report of a re-read in another date order."""
    return any(str(f.status) == "redated" for f in files)


def date_example(report) -> tuple[date, date] | None:
    """(read day first, read month first) of the file's first message, to choose by."""
    first = getattr(getattr(report, "facts", None), "first", None)
    if first is None:
        return None
    as_read = first.date() if isinstance(first, datetime) else first
    try:
        swapped = as_read.replace(month=as_read.day, day=as_read.month)
    except ValueError:  # a day above 12: the order was not open after all
        return None
    return (swapped, as_read) if read_order(report) == "mdy" else (as_read, swapped)


def merge_reread(previous, reread) -> list:
    """The import's report with the files read again in their new state (same path and
    name), so that what the import found (a damaged file, notes) stays in view."""
    key = lambda f: (str(f.path), f.file_name)  # noqa: E731
    new = {key(f): f for f in reread}
    merged = [new.pop(key(f), f) for f in previous]
    return merged + list(new.values())  # other files of the same chats, read again too


def _redated_line(report, name: str, chat: str, n: int) -> str:
    order = ORDER_PHRASE.get(read_order(report))
    if order is None:
        return ngettext(
            "{file}: the dates of {n} message in the chat with {chat} were read again.",
            "{file}: the dates of {n} messages in the chat with {chat} were read again.",
            n,
        ).format(file=name, n=format_number(n), chat=chat)
    return ngettext(
        "{file}: the dates of {n} message in the chat with {chat} were read again, {order}.",
        "{file}: the dates of {n} messages in the chat with {chat} were read again, {order}.",
        n,
    ).format(file=name, n=format_number(n), chat=chat, order=_(order))
