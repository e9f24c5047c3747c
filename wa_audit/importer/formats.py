"""The registry of export line layouts: one entry per layout, each with a sample line.

Adding a layout = one `register(...)` call here and one fixture in tests/importer/fixtures/.
Every pattern has the named groups `date`, `time`, `rest` (and optionally `ampm`, `ampm_pre`).
Direction marks, BOM and NBSP/NNBSP are tolerated where WhatsApp puts them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_LEAD = r"^[\u200e\u200f\ufeff]*"
_SP = r"[ \u00a0\u202f]"
# d/m/y in any order and separator; year may be 2 or 4 digits, Japanese era (R8) or Buddhist (+BE)
_DATE = (
    r"(?P<date>\d{1,4}\u200f?(?P<sep>[./\-]|\. )\u200f?\d{1,2}\u200f?(?:[./\-]|\. )\u200f?"
    r"(?:\d{1,4}|[RHS]\d{1,2})\.?(?: BE)?)"
)
_TIME = r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
_AMPM = (
    r"(?:"
    + _SP
    + r"?(?P<ampm>[AaPp]\.?"
    + _SP
    + r"?[Mm]\.?|ص|م|in the (?:morning|afternoon|evening)))?"
)
_AMPM_PRE = r"(?:(?P<ampm_pre>午前|午後|上午|下午|오전|오후)" + _SP + r"?)?"
_DATE_TIME_SEP = (
    r"(?:," + _SP + r"?|" + _SP + r"|،" + _SP + r"?|" + _SP + r"(?:klo|à|um|kl\.)" + _SP + ")"
)
_MONTH = r"(?P<month>[^\W\d_]{3,9}\.?)"


@dataclass(frozen=True)
class Layout:
    name: str
    platform: str  # android | ios
    sample: str
    pattern: re.Pattern[str]
    month_names: bool = False  # date has a month name instead of a number
    time_first: bool = False


REGISTRY: list[Layout] = []


@functools.cache
def date_only(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The header without its text, capturing only the date: `findall` gives the dates."""
    source = pattern.pattern.replace("(?P<rest>.*)$", "")
    source = re.sub(r"\(\?P<(?!date>)\w+>", "(?:", source)
    return re.compile(source, re.M)


def register(name: str, platform: str, sample: str, regex: str, **flags: bool) -> Layout:
    layout = Layout(name, platform, sample, re.compile(regex, re.M), **flags)
    if not layout.pattern.match(sample):
        raise ValueError(f"sample of layout {name} does not match its pattern")
    REGISTRY.append(layout)
    return layout


# Most specific first: detection prefers the earliest layout among equal match counts.
register(
    "ios_bracketed",
    "ios",
    "[24/11/2026, 14:05:09] Anna de Vries: Is de taart klaar?",
    _LEAD
    + r"\["
    + _DATE
    + _DATE_TIME_SEP
    + _AMPM_PRE
    + _TIME
    + _AMPM
    + r"\]"
    + _SP
    + r"(?P<rest>.*)$",
)
register(
    "ios_bracketed_time_first",
    "ios",
    "[14:05:09, 24/11/26] Anna: xin chào",
    _LEAD + r"\[" + _TIME + _AMPM + r"," + _SP + r"?" + _DATE + r"\]" + _SP + r"(?P<rest>.*)$",
    time_first=True,
)
_DASH = _SP + r"[-–]" + _SP
_DASH_REST = _DASH + r"(?P<rest>.*)$"  # Android: " - " then the text
_MONTH_DATE = r"(?P<date>\d{1,2}\.?" + _SP + _MONTH + r"(?:" + _SP + r"\d{4})?)"

register(
    "android",
    "android",
    "24/11/2026, 14:05 - Anna de Vries: Is de taart klaar?",
    _LEAD + _DATE + _DATE_TIME_SEP + _AMPM_PRE + _TIME + _AMPM + _DASH_REST,
)
register(
    "android_month_name",
    "android",
    "24 Nov 2013, 14:05 - Anna: hello",
    _LEAD + _MONTH_DATE + ",?" + _SP + _TIME + _AMPM + _DASH_REST,
    month_names=True,
)
register(
    "android_time_first_month_name",
    "android",
    "14:05, 24 Nov 2013 - Anna: hello",
    _LEAD + _TIME + _AMPM + "," + _SP + _MONTH_DATE + _DASH_REST,
    month_names=True,
    time_first=True,
)
register(
    "ios_legacy_colon",
    "ios",
    "11/24/16, 2:05:09 PM: Anna: hello",
    _LEAD + _DATE + r"," + _SP + _TIME + _AMPM + r":" + _SP + r"(?P<rest>.*)$",
)
register(
    "dotted_no_dash",
    "ios",
    "24. 11. 2026. 14:05:09 Anna: dobar dan",
    _LEAD
    + r"(?P<date>\d{1,2}\.(?P<sep> )\d{1,2}\. \d{4}\.)"
    + _SP
    + _TIME
    + _AMPM
    + _SP
    + r"(?P<rest>.*)$",
)

# A loose "starts like a header" check, used to flag continuation lines worth a look.
LOOSE_HEADER = re.compile(
    _LEAD + r"\[?\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4},?" + _SP + r"\d{1,2}[:.]\d{2}.*[-\]:]"
)


def detect_layout(lines: list[str]) -> tuple[Layout | None, int]:
    """The layout whose header matches most of the sample lines, with its match count."""
    best: Layout | None = None
    best_hits = 0
    for layout in REGISTRY:
        hits = sum(map(bool, map(layout.pattern.match, lines)))  # counted in C
        if hits > best_hits:
            best, best_hits = layout, hits
    return best, best_hits


def specialise(layout: Layout, lines: list[str]) -> re.Pattern[str]:
    """A faster header pattern for this one file: the separators it actually uses.

    The generic pattern accepts every variant; a file uses one. Trying fewer alternatives per
    line makes the scan about twice as fast. Falls back to the generic pattern if the narrow one
    would miss more than a few of the sample lines.
    """
    generic = layout.pattern
    matches = [m for m in map(generic.match, lines) if m]
    if not matches:
        return generic
    source = generic.pattern
    first = matches[0]
    text = first.group(0)
    date = first.group("date")
    if (
        "sep" in generic.groupindex
        and first.group("sep")
        and not re.search(r"[RHS]\d|BE|\u200f", date)
    ):
        sep = re.escape(first.group("sep"))
        narrow_date = (
            rf"(?P<date>\d{{1,4}}(?P<sep>{sep})\d{{1,2}}{sep}\d{{1,4}}"
            + (r"\." if date.endswith(".") else "")
            + ")"
        )
        source = source.replace(_DATE, narrow_date)
    between = text[first.end("date") : first.start("time")]
    if _DATE_TIME_SEP in source and re.fullmatch(_DATE_TIME_SEP, between):
        source = source.replace(_DATE_TIME_SEP, re.escape(between))
    if _DASH in source:  # Android's " - " between the time and the text, as this file has it
        after_time = first.end("ampm") if first.group("ampm") else first.end("time")
        gap = text[after_time : first.start("rest")]
        if re.fullmatch(_DASH, gap):
            source = source.replace(_DASH, re.escape(gap))
    if not any(m.group("ampm") for m in matches):
        source = source.replace(_AMPM, "(?P<ampm>)")
    if "ampm_pre" in generic.groupindex and not any(m.group("ampm_pre") for m in matches):
        source = source.replace(_AMPM_PRE, "")
    narrow = re.compile(source, re.M)
    # A file uses one header shape; a few lines of another shape (a pasted message, a second
    # export glued on) must not change how the whole file is read: they become continuation
    # lines flagged "looks_like_header". Keep the narrow pattern if it covers nearly all.
    if sum(map(bool, map(narrow.match, lines))) < 0.9 * len(matches):
        return generic
    return narrow
