"""The importer's per-file warnings in plain words: one sentence per code, the one source for
the command line (`wa-audit import`, `wa-audit parse --stats`) and the app's import page.

The codes are what `FileFacts.warnings` holds and `imports.warnings_json` stores:

- `date_order_guessed`: the dates leave the day/month order open; `date_order` says how the
  file was read ("dmy" or "mdy"), so the sentence follows the order actually used;
- `probably_truncated`: the export is at WhatsApp's size limit;
- `probable_broadcast_list`: only the business writes in the chat;
- `encoding:<name>`: the file is not UTF-8 and was read as <name>;
- `fallback_lines:<n>,<n>,…[+<more>]`: lines of a UTF-8 file that were not valid UTF-8 and
  were read as Windows-1252 (the first few named, the rest counted);
- `control_characters_removed`: NUL bytes or terminal codes were removed from the text.

The sentences do not name the file: the command line prints them under the file's line and the
app under the file's sentence. tests/ui/test_import_warnings.py fails when the importer can
emit a code that has no sentence here.
"""

from __future__ import annotations

from wa_audit.i18n import N_, _, format_number, ngettext

DATE_ORDER_GUESSED = "date_order_guessed"
FALLBACK_LINES = "fallback_lines:"
ENCODING = "encoding:"

FIXED = {
    "probably_truncated": N_(
        "This export stops at WhatsApp's size limit, so its oldest messages are probably "
        "missing. The results for this chat are less certain."
    ),
    "probable_broadcast_list": N_(
        "Only your business writes in this chat, so it is probably a broadcast list. It is "
        "counted as one."
    ),
    "control_characters_removed": N_(
        "Invisible control characters (such as NUL bytes or terminal codes) were removed from "
        "names and messages. The readable text is complete."
    ),
}
DATE_ORDER_TEXT = {
    "dmy": N_(
        "The dates in this file do not show whether the day or the month comes first; they "
        "were read day first (31-12)."
    ),
    "mdy": N_(
        "The dates in this file do not show whether the day or the month comes first; they "
        "were read month first (12/31)."
    ),
}
# how the user knows an encoding; any other name is shown as the importer wrote it
ENCODING_NAMES = {
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
}
# codes that make a file's import a problem worth showing first (the others are notes)
SERIOUS = frozenset({"probably_truncated", "probable_broadcast_list"})


def is_known(code: str) -> bool:
    """True when `warning_text` has a sentence for this code."""
    return (
        code in FIXED
        or code == DATE_ORDER_GUESSED
        or (code.startswith(ENCODING) and len(code) > len(ENCODING))
        or (code.startswith(FALLBACK_LINES) and bool(_fallback_lines(code)[0]))
    )


def is_serious(code: str) -> bool:
    return code in SERIOUS


def warning_text(code: str, date_order: str = "") -> str:
    """The sentence for one warning code ("" for a code this version does not know).

    date_order: the order the file was read in ("dmy", "mdy"), for `date_order_guessed`.
    """
    if code == DATE_ORDER_GUESSED:
        return _(DATE_ORDER_TEXT.get(date_order, DATE_ORDER_TEXT["dmy"]))
    if code in FIXED:
        return _(FIXED[code])
    if code.startswith(ENCODING) and len(code) > len(ENCODING):
        name = code[len(ENCODING) :]
        if name.startswith("utf-16"):
            return _("The file was saved as UTF-16 text and was read as such.")
        return _(
            "The file was not saved as UTF-8 text; it was read as {encoding}. If letters such "
            "as ü or é look wrong in its messages, export the chat again."
        ).format(encoding=ENCODING_NAMES.get(name, name))
    if code.startswith(FALLBACK_LINES):
        lines, more = _fallback_lines(code)
        if lines:
            return ngettext(
                "Line {lines} was not saved as UTF-8 like the rest of the file; it was read as "
                "Windows-1252 text. Letters such as ü or é may look wrong in that line.",
                "Lines {lines} were not saved as UTF-8 like the rest of the file; they were "
                "read as Windows-1252 text. Letters such as ü or é may look wrong in those "
                "lines.",
                len(lines) + more,
            ).format(lines=_line_list(lines, more))
    return ""


def _fallback_lines(code: str) -> tuple[list[int], int]:
    """("fallback_lines:3,7,12+5") -> ([3, 7, 12], 5); ([], 0) when it cannot be read."""
    listed, _sep, rest = code[len(FALLBACK_LINES) :].partition("+")
    try:
        lines = [int(n) for n in listed.split(",") if n.strip()]
        more = int(rest) if rest else 0
    except ValueError:
        return [], 0
    return lines, max(more, 0)


def _line_list(lines: list[int], more: int) -> str:
    text = ", ".join(str(n) for n in lines)  # line numbers, not amounts: no grouping
    if not more:
        return text
    return ngettext("{lines} and {n} more", "{lines} and {n} more", more).format(
        lines=text, n=format_number(more)
    )
