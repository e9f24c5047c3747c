"""`wa-audit parse FILE --stats` in one pass, without a Message object per line.

The normal parser does Python work per message; a file summary does not need it. Here one
`findall` per chunk splits every header line into date, time and sender in C, and sorts its text
in the same pass (`_sorted_pattern`): plain text is counted per sender without ever becoming a
Python string; only texts that may be one of WhatsApp's fixed texts (short ones), marked texts
(placeholders, attachments, edits) and system lines come back to be looked at. The columns are
counted with C-level `map`/`compress`/`Counter`; the first and last moment are read from the rows
of each chunk's first and last day only. The lines that need a real decision go through the
parser's own `_build`, so both paths decide every line alike (tests compare them on every
fixture and on generated chats). A chunk with a name that may hide a system phrase is counted
row by row (`_split_pattern`). Anything unusual (lines before the first message, undecodable
bytes, impossible dates, a continuation line that looks like a header, a day/month order that
changes late in the file) returns None, and the caller reads the file message by message.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import operator
import os
import re
import sys
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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

# how every header starts: only continuation lines that start so can look like one
_HEADER_START = r"[\u200e\u200f\ufeff]*\[?\d"
SENDER = r"[^\n:]*(?::(?! |\n)[^\n:]*)*"
SENDER_BODY = rf"(?:(?P<sender>{SENDER}): )?(?P<body>.*)$"
# What a text may be beyond plain text, decided in C while the header is split: a mark first,
# a ")" last (attachments, some placeholders) or a "•" (polls, locations). The parser's own test
# (`_build`) is the same; possessive, so a plain line is read once for each test. The "•" test
# is left out for a chunk without any "•".
_MARK_TEST = r"[<\u200e\u200f]|.*+(?<=\))"
_BULLET_TEST = r"|[^\n\u2022]*+\u2022"
_MARKED = ("<", "\u200e", "\u200f")
_GENERAL = ("date", "time", "ampm", "ampm_pre", "named", "sender", "body")
_SORTED = ("date", "time", "ampm", "ampm_pre", "sender", "marked", "short", "system", "odd")


def _rewrite(source: str, rest: str, keep: tuple[str, ...]) -> re.Pattern[str]:
    """`source` with `rest` for its text and only the groups in `keep`."""
    source = source.replace("(?P<rest>.*)$", rest)
    source = re.sub(r"\(\?P<(?!(?:" + "|".join(keep) + r")>)\w+>", "(?:", source)
    return re.compile(source, re.M)


@cache
def _split_pattern(header: re.Pattern[str]) -> re.Pattern[str]:
    """The header pattern, its text split at the first ": " into sender and body (in C);
    `named` is "" when the line has no "name: " at all."""
    # the sender ends at the first ": ": written without a lazy quantifier (a third faster in
    # `findall`; the same matches, checked against the lazy form in tests)
    return _rewrite(
        header.pattern, SENDER_BODY.replace("(?:(?P<sender>", "(?P<named>(?P<sender>"), _GENERAL
    )


@cache
def _sorted_pattern(
    header: re.Pattern[str], exact_max: int, bullets: bool = True
) -> re.Pattern[str]:
    """The header pattern with its text sorted in C into four groups, all "" but at most one:
    `marked` (the text, if it may be a placeholder or attachment), `short` (the text, if it is
    short enough to be one of WhatsApp's fixed texts), `system` (the line, if it has no
    "name: text"), or none of them: plain text of `sender`, counted without a Python step.

    The continuation lines of a message are passed over with it, but for those that start like
    a header does: they come back as `odd` rows, to be looked at."""
    rest = (
        rf"(?:(?P<sender>{SENDER}): (?:(?=(?:{_MARK_TEST}{_BULLET_TEST if bullets else ''}))"
        r"(?P<marked>.+)"
        rf"|(?!.{{{exact_max + 1}}})(?P<short>.+)|.+)|(?P<system>.*))"
        rf"(?:\n(?!{_HEADER_START}).*)*+|(?P<odd>{_HEADER_START}.*))$"
    )
    source = header.pattern.replace("(?P<ampm>)", "")  # a file without AM/PM
    if not source.startswith("^") or not source.endswith("(?P<rest>.*)$"):
        raise ValueError(f"not a header pattern: {source}")
    return _rewrite("^(?:" + source[1:], rest, _SORTED)


def quick_stats(path: Path | str) -> FileFacts | None:
    path = Path(path)
    try:
        return _quick_stats(path, may_split=True)
    except (BrokenProcessPool, OSError):
        # no helper process here (a sandbox, a process limit): count it all in this one (a
        # file that cannot be read fails again, and says so)
        return _quick_stats(path, may_split=False)


def _quick_stats(path: Path, may_split: bool) -> FileFacts | None:
    source = open_export(path)
    facts = FileFacts(title_hint=source.title_hint)
    parsed = ParsedExport(source.open_bytes, source.display_name, facts, scan_dates=False)
    try:
        ctx, head_start = _helper_context()
        split = _split_point(path, source, parsed, head_start) if may_split else None
        if split is None:
            part = _count(parsed)
            return None if part is None else _merge(parsed, [part])
        # a big file: the second half is counted in another process at the same time
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
# about what this process counts while a spawned helper process starts (a new interpreter and
# the importer's modules): the head is that much longer than the tail, so both end together
HEAD_START = 8 << 20


def _helper_context():
    """How to start the helper process, and the head start it needs.

    A copy of this process (fork) starts at once; only on Linux (macOS' system libraries are
    not fork-safe) and only while this process has no other thread (the desktop app has some).
    Elsewhere a new interpreter (spawn)."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork"), 0
    return multiprocessing.get_context("spawn"), HEAD_START


def _head_shape(parsed: ParsedExport) -> tuple:
    # the head keeps the file's own encoding name (a BOM is only at the start)
    layout, pattern, _, *rest = parsed.shape
    return (layout, pattern, parsed.facts.encoding, *rest)


def _split_point(path: Path, source, parsed: ParsedExport, head_start: int) -> int | None:
    """A byte offset a little past the middle where a message starts, for UTF-8 files on
    disk."""
    if (
        source.size < SPLIT_FROM
        or source.entry is not None
        or parsed.facts.encoding not in ("utf-8", "utf-8-sig")
        or (os.cpu_count() or 1) < 2
    ):
        return None
    middle = min(source.size // 2 + head_start // 2, source.size * 3 // 4)
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


class _Tally:
    """What the messages of one stretch of a file add up to, chunk by chunk."""

    def __init__(self, parsed: ParsedExport) -> None:
        self.parsed = parsed
        self.exact = parsed._book.exact
        self.with_colon = parsed._book.with_colon.search
        self.plain: Counter[str] = Counter()  # raw sender -> plain text messages
        # (raw sender, lower-case text of a phrase-table entry) -> messages
        self.table: Counter[tuple[str, str]] = Counter()
        self.good: set[str] = set()
        self.bad: set[str] = set()  # sender-like text that hides a system line (or no sender)

    def _sort_names(self, names: set[str]) -> None:
        for name in names - self.good - self.bad:
            ok = bool(name) and not (len(name) > 12 and self.with_colon(name))
            (self.good if ok else self.bad).add(name)

    def sorted_rows(self, cols: dict[str, tuple[str, ...]]) -> bool:
        """Count rows of `_sorted_pattern`, in C but for the few the parser must decide. False
        (nothing counted) if a name may hide a system line: the general split decides then."""
        senders, marked, short, system = (cols[k] for k in ("sender", "marked", "short", "system"))
        n_system = len(system) - system.count("")
        if senders.count("") != n_system:
            return False  # an empty name, or an empty line after the header
        names = set(senders)
        names.discard("")
        self._sort_names(names)
        if not names <= self.good:
            return False
        build = self.parsed._build
        for rest in compress(system, system) if n_system else ():
            build(0, "", rest, None)
        is_phrase = self.exact.__contains__
        not_plain: Counter[str] = Counter()
        if len(marked) != marked.count(""):
            bodies = list(compress(marked, marked))
            who = list(compress(senders, marked))
            lowered = list(map(str.lower, bodies))
            hits = list(map(is_phrase, lowered))
            not_plain.update(who)
            self.table.update(zip(compress(who, hits), compress(lowered, hits), strict=True))
            misses = list(map(operator.not_, hits))
            for sender, body in zip(compress(who, misses), compress(bodies, misses), strict=True):
                build(0, "", f"{sender}: {body}", None)
        if len(short) != short.count(""):
            # WhatsApp's fixed texts ("This message was deleted", missed calls) from a real
            # sender are counted from the phrase table directly
            lowered = list(map(str.lower, compress(short, short)))
            hits = list(map(is_phrase, lowered))
            if True in hits:
                who = list(compress(compress(senders, short), hits))
                not_plain.update(who)
                self.table.update(zip(who, compress(lowered, hits), strict=True))
        per_sender = Counter(senders)
        for name in names:
            n = per_sender[name] - not_plain[name]
            if n:
                self.plain[name] += n
        return True

    def general_rows(self, cols: dict[str, tuple[str, ...]]) -> None:
        """Count rows of `_split_pattern`: the parser decides every row a name may mislead."""
        senders, bodies = cols["sender"], cols["body"]
        self._sort_names(set(senders))
        good, bad = self.good, self.bad
        lowered = list(map(str.lower, bodies))
        hits = list(map(self.exact.get, lowered))
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
        self.plain.update(compress(senders, plain_rows))
        self.table.update(
            zip(compress(senders, by_table), compress(lowered, by_table), strict=True)
        )
        to_build = map(operator.not_, map(operator.or_, plain_rows, by_table))
        build, named = self.parsed._build, cols["named"]
        for i in compress(range(len(bodies)), to_build):
            build(0, "", f"{named[i]}{bodies[i]}", None)


def _count(parsed: ParsedExport, at_start: bool = True) -> Part | None:
    # a million rows make a million tuples: the cyclic collector would walk them again and
    # again for nothing (none of them is part of a cycle)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _count_rows(parsed, at_start)
    finally:
        if collecting:
            gc.enable()


def _count_rows(parsed: ParsedExport, at_start: bool) -> Part | None:
    layout = parsed._layout
    pattern = _sorted_pattern(parsed._pattern, parsed._book.exact_max)
    no_bullets = _sorted_pattern(parsed._pattern, parsed._book.exact_max, bullets=False)
    general = _split_pattern(parsed._pattern)
    names = sorted(pattern.groupindex, key=pattern.groupindex.get)
    general_names = sorted(general.groupindex, key=general.groupindex.get)
    tally = _Tally(parsed)
    dates_seen: dict[str, None] = {}
    order: DateParser | None = None
    date_iso: dict[str, str | None] = {}
    clock: dict = {}  # time (and am/pm) as written -> "HH:MM:SS"
    first_ts, last_ts = "~", ""
    lines = 0
    first_chunk = at_start
    with parsed._open_text() as text:
        for chunk in _chunks(text):
            if first_chunk:
                first_chunk = False
                start = parsed._pattern.search(chunk)
                if start is None or chunk[: start.start()].strip():
                    return None  # lines before the first message: the parser lists them
            lines += chunk.count("\n") + (not chunk.endswith("\n"))
            rows = (pattern if "\u2022" in chunk else no_bullets).findall(chunk)
            if not rows:
                continue
            cols = dict(zip(names, zip(*rows, strict=True), strict=True))
            count = len(rows)
            del rows
            odd = cols.pop("odd")
            if len(odd) != odd.count(""):
                # continuation lines that start like a header: does one look like a header?
                if any(map(LOOSE_HEADER.match, compress(odd, odd))):
                    return None  # the full parse names it in its warnings
                keep = list(map(operator.not_, odd))
                cols = {k: tuple(compress(v, keep)) for k, v in cols.items()}
                count = len(cols["date"])
                if not count:
                    continue
            # the day/month order as far as the dates so far tell; decided again at the end
            dates = cols["date"]
            chunk_dates = dict.fromkeys(dates)
            new_dates = [d for d in chunk_dates if d not in dates_seen]
            if new_dates:
                dates_seen.update(dict.fromkeys(new_dates))
                if order is None:
                    order = parsed.resolve_dates(list(dates_seen), layout)
                for d in new_dates:
                    date_iso[d] = order.date(d)
                if None in date_iso.values():
                    return None  # an impossible date (or the order must change): full parse
            # every distinct time is read once; the first and last moment come from the rows
            # of the chunk's first and last day
            keys = _clock_keys(cols, count)
            for key in set(keys).difference(clock):
                clock[key] = _parse_time(*key) if isinstance(key, tuple) else _parse_time(key, "")
                if clock[key] is None:
                    return None
            days = {d: date_iso[d] for d in chunk_dates}
            lo, hi = min(days.values()), max(days.values())
            if lo <= first_ts[:10]:
                first_ts = min(first_ts, f"{lo}T{_clock_on(lo, days, dates, keys, clock, min)}")
            if hi >= last_ts[:10]:
                last_ts = max(last_ts, f"{hi}T{_clock_on(hi, days, dates, keys, clock, max)}")
            skip = 0
            if not parsed._seen_first:
                # the file's first message always goes through the parser: it decides on the
                # encryption notice and the chat's shape
                parsed._build(0, "", parsed._pattern.search(chunk).group("rest"), None)
                skip = 1
                cols = {k: v[1:] for k, v in cols.items()}
            if count > skip and not tally.sorted_rows(cols):
                rows = general.findall(chunk)[skip:]
                if len(rows) != count - skip:
                    return None  # cannot happen: both patterns match the same header lines
                columns = zip(*rows, strict=True)
                tally.general_rows(dict(zip(general_names, columns, strict=True)))
        if text.fallback_lines or text.controls_removed:
            return None  # the full parse names those lines in its warnings
    kinds, senders_total = parsed._kinds, parsed._senders
    count_plain = sum(tally.plain.values())
    if count_plain:
        kinds["text"] += count_plain
    for raw, n in tally.plain.items():
        senders_total[_normalise(raw)] += n
    languages = parsed._languages
    for (raw, text_lower), n in tally.table.items():
        cls = tally.exact[text_lower]
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


def _clock_keys(cols: dict[str, tuple[str, ...]], count: int):
    """Per row, the time as written (with its AM/PM marker if the file has them)."""
    times, ampm, pre = cols["time"], cols.get("ampm"), cols.get("ampm_pre")
    if pre is not None:
        ampm = tuple(a or p for a, p in zip(ampm, pre, strict=True))
    if ampm is None or ampm.count("") == count:
        return times
    return list(zip(times, ampm, strict=True))


def _clock_on(day: str, days: dict, dates: tuple, keys, clock: dict, pick) -> str:
    """The earliest (`min`) or latest (`max`) time of the rows on one (ISO) day."""
    raw = {d for d, iso in days.items() if iso == day}
    # no row before the first one of that day (usually near the chunk's start or its end)
    start = min(map(dates.index, raw))
    rows = compress(keys[start:], map(raw.__contains__, dates[start:]))
    return pick(map(clock.__getitem__, set(rows)))


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
