"""What an import did, in plain words: one summary line, the problems, the per-file sentences.

No Qt here: the import page lays these sentences out, the tests read them directly.
"""

from __future__ import annotations

from wa_audit.i18n import N_, _, format_number, ngettext

DATE_ORDER_GUESSED = "date_order_guessed"

WARNINGS = {
    # importer warning code -> (sentence, makes the file's light amber?)
    DATE_ORDER_GUESSED: (
        N_(
            "No day in this file is above 12, so wa-audit read it with the day before the "
            "month (31-12), as most phones outside the US write dates."
        ),
        False,
    ),
    "probably_truncated": (
        N_(
            "This export seems to stop at WhatsApp's limit, so the oldest messages may be "
            "missing. Results for this chat are less certain."
        ),
        True,
    ),
    "probable_broadcast_list": (
        N_("This looks like a broadcast list (only your own messages). It is counted as one."),
        True,
    ),
}


def warning_text(code: str) -> tuple[str, bool]:
    if code.startswith("encoding:"):
        return _("The file was read as {encoding} text.").format(encoding=code[9:]), False
    if code in WARNINGS:
        text, serious = WARNINGS[code]
        return _(text), serious
    return "", False  # unknown code: never show a raw code to the user


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
    if status == "already":
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
        numbers = ", ".join(format_number(u.line) for u in unparsed[:8])
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
    for code in report.warnings or []:
        text, serious = warning_text(code)
        if text:
            lines.append(text)
            light = "amber" if serious else light
    return light, lines


def is_ok(report) -> bool:
    return str(report.status) in ("imported", "updated", "already") and report.error is None


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


def date_order_files(files) -> list[str]:
    """Paths of the files whose day/month order was a guess (every day is 12 or lower)."""
    return [str(f.path) for f in files if is_ok(f) and DATE_ORDER_GUESSED in (f.warnings or [])]
