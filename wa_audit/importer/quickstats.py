"""`wa-audit parse FILE --stats` in one pass, without a Message object per line.

The normal parser does Python work per message; a file summary does not need it. Here one
`findall` per chunk splits every header line into date, time, sender and text in C, and the
columns are counted with C-level `map`/`Counter`. The lines that need a real decision - system
lines, placeholders, attachments, names that may hide a system phrase - go through the parser's
own `_build`, so both paths decide every line alike (tests compare them on every fixture).
Anything unusual (lines before the first message, undecodable bytes, impossible dates, a
continuation line that looks like a header, a day/month order that changes late in the file)
returns None, and the caller reads the file message by message.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from datetime import datetime
from functools import cache
from itertools import compress, repeat
from pathlib import Path

from wa_audit.importer.archive import open_export
from wa_audit.importer.dates import DateParser, _parse_time
from wa_audit.importer.formats import LOOSE_HEADER
from wa_audit.importer.parse import _SENDER_STRIP, ParsedExport, _chunks
from wa_audit.model import FileFacts

_LOOSE = re.compile(LOOSE_HEADER.pattern, re.M)
# a line that starts like every header does: only such continuation lines can look like one
_DIGIT_START = re.compile(r"[\u200e\u200f\ufeff]*\[?\d")
# counted after a "\n" literal: the regex engine then jumps from line end to line end
_NL_DIGIT_START = re.compile(r"\n[\u200e\u200f\ufeff]*\[?\d")
_KEEP = ("date", "time", "ampm", "ampm_pre", "sender", "body")
_MARKED = ("<", "\u200e")


@cache
def _split_pattern(header: re.Pattern[str]) -> re.Pattern[str]:
    """The header pattern, its text split at the first ": " into sender and body (in C)."""
    source = header.pattern.replace("(?P<rest>.*)$", "(?:(?P<sender>[^\\n]*?): )?(?P<body>.*)$")
    source = re.sub(r"\(\?P<(?!(?:" + "|".join(_KEEP) + r")>)\w+>", "(?:", source)
    return re.compile(source, re.M)


def quick_stats(path: Path | str) -> FileFacts | None:
    source = open_export(Path(path))
    facts = FileFacts(title_hint=source.title_hint)
    parsed = ParsedExport(source.open_bytes, source.display_name, facts, scan_dates=False)
    try:
        return _count(parsed)
    except UnicodeDecodeError:
        return None  # the normal path retries with another encoding


def _count(parsed: ParsedExport) -> FileFacts | None:
    facts = parsed.facts
    layout = parsed._layout
    pattern = _split_pattern(parsed._pattern)
    names = sorted(pattern.groupindex, key=pattern.groupindex.get)
    has_pre = "ampm_pre" in names
    book = parsed._book
    exact = book.exact
    with_colon = book.with_colon.search
    build = parsed._build
    plain: Counter[str] = Counter()  # raw sender -> plain text messages
    dates_seen: dict[str, None] = {}
    order: DateParser | None = None
    date_iso: dict[str, str | None] = {}
    bad: set[str] = set()  # sender-like text that hides a system line (or no sender at all)
    good: set[str] = set()
    table: Counter[tuple] = Counter()  # (raw sender, Classification) -> messages
    first_ts, last_ts = "~", ""
    lines = 0
    first_chunk = True
    header_is_loose: bool | None = None
    with parsed._open_text() as text:
        for chunk in _chunks(text):
            rows = pattern.findall(chunk)
            if first_chunk:
                first_chunk = False
                start = pattern.search(chunk)
                if start is None or chunk[: start.start()].strip():
                    return None  # lines before the first message: the parser lists them
            lines += chunk.count("\n") + (not chunk.endswith("\n"))
            if not rows:
                continue
            cols = dict(zip(names, zip(*rows, strict=True), strict=True))
            if header_is_loose is None:
                header_is_loose = bool(LOOSE_HEADER.match(pattern.search(chunk).group(0)))
            starts = len(_NL_DIGIT_START.findall(chunk)) + bool(_DIGIT_START.match(chunk))
            if starts != len(rows):
                # a continuation line starts like a header does: does one look like a header?
                # (every header line of a file has the same shape: all match LOOSE or none do)
                suspicious = len(_LOOSE.findall(chunk)) - (len(rows) if header_is_loose else 0)
                if suspicious:
                    return None
            # the day/month order as far as the dates so far tell; decided again at the end
            new_dates = [d for d in dict.fromkeys(cols["date"]) if d not in dates_seen]
            if new_dates:
                dates_seen.update(dict.fromkeys(new_dates))
                if order is None:
                    order = parsed.resolve_dates(list(dates_seen), layout)
                for d in new_dates:
                    date_iso[d] = order.date(d)
                if None in date_iso.values():
                    return None  # an impossible date (or the order must change): full parse
            ampm = cols["ampm"]
            if has_pre:
                ampm = tuple(a or p for a, p in zip(ampm, cols["ampm_pre"], strict=True))
            times = list(map(_parse_time, cols["time"], ampm))
            if None in times:
                return None
            days = list(map(date_iso.__getitem__, cols["date"]))
            lo = min(zip(days, times, strict=True))
            hi = max(zip(days, times, strict=True))
            first_ts = min(first_ts, f"{lo[0]}T{lo[1]}")
            last_ts = max(last_ts, f"{hi[0]}T{hi[1]}")
            senders, bodies = cols["sender"], cols["body"]
            for name in set(senders) - good - bad:
                ok = bool(name) and not (len(name) > 12 and with_colon(name))
                (good if ok else bad).add(name)
            # WhatsApp's fixed texts ("<Media omitted>", "This message was deleted", missed
            # calls) from a real sender are counted from the phrase table directly
            hits = list(map(exact.get, map(str.lower, bodies)))
            by_table = list(map(operator.and_, map(bool, hits), map(good.__contains__, senders)))
            marked = map(
                any,
                zip(
                    map(str.startswith, bodies, repeat(_MARKED)),
                    map(str.endswith, bodies, repeat(")")),
                    map(operator.contains, bodies, repeat("\u2022")),
                    map(operator.not_, bodies),
                    map(bad.__contains__, senders),
                    hits,
                    strict=True,
                ),
            )
            plain_rows = list(map(operator.not_, marked))
            if not parsed._seen_first:
                # the file's first message always goes through the parser: it decides on the
                # encryption notice and the chat's shape
                plain_rows[0] = by_table[0] = False
            plain.update(compress(senders, plain_rows))
            table.update(zip(compress(senders, by_table), compress(hits, by_table), strict=True))
            to_build = map(operator.not_, map(operator.or_, plain_rows, by_table))
            for i in compress(range(len(rows)), to_build):
                sender, body = senders[i], bodies[i]
                build(0, "", f"{sender}: {body}" if sender else body, None)
    if order is not None and parsed.resolve_dates(list(dates_seen), layout).order != order.order:
        return None  # a date late in the file changed the day/month order
    count_plain = sum(plain.values())
    kinds, senders_total = parsed._kinds, parsed._senders
    if count_plain:
        kinds["text"] += count_plain
    for raw, n in plain.items():
        senders_total[_normalise(raw)] += n
    for (raw, cls), n in table.items():
        kinds[cls.kind] += n
        senders_total[_normalise(raw)] += n
    count = sum(kinds.values())
    facts.line_count = lines
    facts.message_count = count
    facts.senders = dict(senders_total)
    facts.kinds = {str(k): v for k, v in kinds.items()}
    if count:
        facts.first = datetime.fromisoformat(first_ts)
        facts.last = datetime.fromisoformat(last_ts)
    parsed._finish(count)
    return facts


def _normalise(raw: str) -> str:
    name = raw.strip(_SENDER_STRIP)
    if name.startswith("~"):
        name = name[1:].strip(_SENDER_STRIP)
    return name
