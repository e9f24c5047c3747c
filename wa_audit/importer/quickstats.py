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

import io
import multiprocessing
import operator
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
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
_MARKED = ("<", "\u200e", "\u200f")


@cache
def _split_pattern(header: re.Pattern[str]) -> re.Pattern[str]:
    """The header pattern, its text split at the first ": " into sender and body (in C)."""
    source = header.pattern.replace("(?P<rest>.*)$", "(?:(?P<sender>[^\\n]*?): )?(?P<body>.*)$")
    source = re.sub(r"\(\?P<(?!(?:" + "|".join(_KEEP) + r")>)\w+>", "(?:", source)
    return re.compile(source, re.M)


def quick_stats(path: Path | str) -> FileFacts | None:
    path = Path(path)
    source = open_export(path)
    facts = FileFacts(title_hint=source.title_hint)
    parsed = ParsedExport(source.open_bytes, source.display_name, facts, scan_dates=False)
    try:
        split = _split_point(path, source, parsed)
        if split is None:
            part = _count(parsed)
            return None if part is None else _merge(parsed, [part])
        # a big file: the second half is counted in another process at the same time
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
            tail = pool.submit(_count_window, path, split, source.size, parsed.shape)
            head = ParsedExport(
                _Window.opener(path, 0, split), source.display_name, facts, like=_head_shape(parsed)
            )
            parts = [_count(head), tail.result()]
        if None in parts:
            return None
        return _merge(head, parts)
    except UnicodeDecodeError:
        return None  # the normal path retries with another encoding


SPLIT_FROM = 16 << 20  # bytes; real exports are a few MB and are counted in one process


def _head_shape(parsed: ParsedExport) -> tuple:
    # the head keeps the file's own encoding name (a BOM is only at the start)
    layout, pattern, _, *rest = parsed.shape
    return (layout, pattern, parsed.facts.encoding, *rest)


def _split_point(path: Path, source, parsed: ParsedExport) -> int | None:
    """A byte offset near the middle where a message starts, for UTF-8 files on disk."""
    if (
        source.size < SPLIT_FROM
        or source.entry is not None
        or parsed.facts.encoding not in ("utf-8", "utf-8-sig")
        or (os.cpu_count() or 1) < 2
    ):
        return None
    middle = source.size // 2
    with path.open("rb") as f:
        f.seek(middle)
        block = f.read(1 << 18)
    pos = block.find(b"\n")
    while pos != -1:
        end = block.find(b"\n", pos + 1)
        if end == -1:
            return None
        line = block[pos + 1 : end].decode("utf-8", errors="replace")
        if parsed._pattern.match(line):
            return middle + pos + 1
        pos = end
    return None


def _count_window(path: Path, start: int, end: int, shape: tuple) -> Part | None:
    """In the helper process: count [start, end) of a file whose head this process never saw."""
    parsed = ParsedExport(_Window.opener(path, start, end), path.name, FileFacts(), like=shape)
    parsed._seen_first = True  # the file's first message is in the other half
    try:
        return _count(parsed, at_start=False)
    except UnicodeDecodeError:
        return None


class _Window(io.RawIOBase):
    """Bytes [start, end) of a file, as a stream."""

    def __init__(self, path: Path, start: int, end: int) -> None:
        self._f = path.open("rb")
        self._f.seek(start)
        self._left = end - start

    @classmethod
    def opener(cls, path: Path, start: int, end: int):
        return lambda: io.BufferedReader(cls(path, start, end), buffer_size=1 << 20)

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        data = self._f.read(min(len(b), self._left))
        self._left -= len(data)
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._f.close()
        super().close()


@dataclass
class Part:
    """What one stretch of a file contributed (picklable, to come back from a process)."""

    kinds: Counter
    senders: Counter
    languages: Counter
    dates: list[str]
    order: str | None
    first_ts: str
    last_ts: str
    lines: int
    attachments_listed: int
    is_group: bool
    broadcast: str
    broadcast_recipients: int | None
    starts_with_encryption_notice: bool
    first_is_unknown_system: bool


def _count(parsed: ParsedExport, at_start: bool = True) -> Part | None:
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
            if first_chunk and at_start:
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
    kinds, senders_total = parsed._kinds, parsed._senders
    count_plain = sum(plain.values())
    if count_plain:
        kinds["text"] += count_plain
    for raw, n in plain.items():
        senders_total[_normalise(raw)] += n
    languages = parsed._languages
    for (raw, cls), n in table.items():
        kinds[cls.kind] += n
        senders_total[_normalise(raw)] += n
        if cls.language:  # as `_build` counts them
            languages[cls.language] += n
    facts = parsed.facts
    return Part(
        kinds=Counter({str(k): v for k, v in kinds.items()}),
        senders=senders_total,
        languages=parsed._languages,
        dates=list(dates_seen),
        order=order.order if order else None,
        first_ts=first_ts,
        last_ts=last_ts,
        lines=lines,
        attachments_listed=facts.attachments_listed,
        is_group=facts.is_group,
        broadcast=facts.broadcast,
        broadcast_recipients=facts.broadcast_recipients,
        starts_with_encryption_notice=facts.starts_with_encryption_notice,
        first_is_unknown_system=parsed._first_is_unknown_system,
    )


def _merge(parsed: ParsedExport, parts: list[Part]) -> FileFacts | None:
    """The file's facts from its parts, in file order, as one full parse would give them."""
    dates = list(dict.fromkeys(d for part in parts for d in part.dates))
    final = parsed.resolve_dates(dates, parsed._layout)
    if any(part.order not in (None, final.order) for part in parts):
        return None  # a date late in the file changed the day/month order: full parse
    facts = parsed.facts
    kinds: Counter[str] = Counter()
    senders: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for part in parts:
        kinds.update(part.kinds)
        senders.update(part.senders)
        languages.update(part.languages)
    count = sum(kinds.values())
    head = parts[0]
    facts.line_count = sum(part.lines for part in parts)
    facts.message_count = count
    facts.senders = dict(senders)
    facts.kinds = dict(kinds)
    facts.attachments_listed = sum(part.attachments_listed for part in parts)
    facts.is_group = any(part.is_group for part in parts)
    facts.broadcast = "yes" if any(p.broadcast == "yes" for p in parts) else head.broadcast
    facts.broadcast_recipients = next(
        (p.broadcast_recipients for p in parts if p.broadcast_recipients), None
    )
    facts.starts_with_encryption_notice = head.starts_with_encryption_notice
    if count:
        facts.first = datetime.fromisoformat(min(part.first_ts for part in parts))
        facts.last = datetime.fromisoformat(max(part.last_ts for part in parts))
    parsed._languages = languages
    parsed._first_is_unknown_system = head.first_is_unknown_system
    parsed._finish(count)
    return facts


def _normalise(raw: str) -> str:
    name = raw.strip(_SENDER_STRIP)
    if name.startswith("~"):
        name = name[1:].strip(_SENDER_STRIP)
    return name
