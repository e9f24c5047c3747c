"""Streaming parser: export text -> Message stream, in file order, nothing dropped silently.

Two passes over the file, both streaming (memory stays flat whatever the file size):
  1. detect the layout on the first lines and collect every distinct header date, so the
     day/month order is decided on the whole file (the only day > 12 may be on the last line);
  2. `finditer` the header pattern over large text chunks: the text between two headers is the
     continuation of the previous message, which keeps the per-line work in C.
"""

from __future__ import annotations

import codecs
import io
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO

from wa_audit import errors
from wa_audit.importer.dates import DateParser, resolve_order
from wa_audit.importer.formats import (
    LOOSE_HEADER,
    Layout,
    date_only,
    detect_layout,
    specialise,
)
from wa_audit.importer.phrases import BIDI, Classification, clean, is_ios_human, phrasebook
from wa_audit.importer.textio import open_text
from wa_audit.model import Event, FileFacts, Kind, Message, UnparsedLine

if TYPE_CHECKING:
    from wa_audit.importer.archive import ExportSource

CHUNK_CHARS = 1 << 20
MAX_LISTED_LINES = 20  # line numbers named in a warning; the rest is counted
SNIFF_HITS = 3  # WhatsApp texts in one language enough to call it the file's language
SAMPLE_LINES = 200
TRUNCATION_WITHOUT_MEDIA = 39_900  # WhatsApp exports at most 40,000 messages without media
TRUNCATION_WITH_MEDIA = 9_900  # and 10,000 with media

_SENDER_STRIP = BIDI + " \u00a0\u202f"
_DELETED = Classification(Kind.DELETED)
_LIKELY_SYSTEM = Classification(Kind.SYSTEM, Event.OTHER)
_DIRECTION_MARKS = ("\u200e", "\u200f")
_MARKED_START = frozenset(("<", "\u200e", "\u200f"))
# languages whose phones write dates day-first (used only when no date of a file decides it)
DAY_FIRST_LANGUAGES = frozenset(
    ("nl", "de", "fr", "es", "pt", "it", "tr", "ar", "pl", "ru", "uk", "ro", "sv", "cs")
)
# enum member access is an attribute lookup per use; the hot loop uses plain module constants
_TEXT, _SYSTEM, _NO_EVENT, _OTHER = Kind.TEXT, Kind.SYSTEM, Event.NONE, Event.OTHER
_NOTICES = frozenset(
    (Event.ENCRYPTION, Event.BROADCAST_ENCRYPTION, Event.BUSINESS_NOTICE, Event.META_HOSTED)
)
_GROUP_EVENTS = frozenset(
    (Event.GROUP_CREATED, Event.ADDED, Event.REMOVED, Event.LEFT, Event.JOINED_LINK, Event.SUBJECT)
)


def sniff_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4000]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
            return "utf-16-le"
        if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
            return "utf-16-be"
    return "utf-8"


def _chunks(text: io.TextIOWrapper) -> Iterator[str]:
    """Text in large pieces that always end at a line end (the last one may not)."""
    carry = ""
    while True:
        block = text.read(CHUNK_CHARS)
        if not block:
            if carry:
                yield carry
            return
        block = carry + block
        cut = block.rfind("\n")
        if cut == -1:
            carry = block
            continue
        carry = block[cut + 1 :]
        yield block[: cut + 1]


class ParsedExport:
    """Iterate over it for the messages; `facts` is complete once iteration has finished."""

    def __init__(
        self,
        open_bytes: Callable[[], BinaryIO],
        name: str,
        facts: FileFacts,
        scan_dates: bool = True,
        like: tuple | None = None,
        date_order: str | None = None,
    ) -> None:
        """scan_dates=False: detect the layout on the first chunk only; the caller collects the
        dates itself and calls `resolve_dates` (the one-pass statistics do).
        date_order: "dmy" / "mdy" / "ymd" chosen by the user, instead of detecting it."""
        self._forced_order = date_order
        self._open_bytes = open_bytes
        self.name = name
        self.facts = facts
        self._scan = scan_dates
        self._book = phrasebook()
        # cues for the day/month order when no date decides it: the language of WhatsApp's own
        # texts near the top of the file, and dotted "a. m." markers (both mean day-first)
        self._language_hint: str | None = None  # None: not looked at yet (see _day_first_cue)
        self._sample: list[str] = []
        self._dotted_ampm = False
        if like is None:
            self._layout, self._dates = self._first_pass()
        else:  # a window of a file whose head was already read: same layout, no detection
            self._layout, self._pattern, self.facts.encoding = like[:3]
            self._separator, self._has_ampm, day_first, self._dotted_ampm = like[3:]
            self._language_hint = "nl" if day_first else ""  # only its day-first-ness counts
            self.facts.layout, self.facts.platform = self._layout.name, self._layout.platform
            self.total_lines = 0
            self._dates = DateParser("dmy")
        self._seen_first = False
        self._first_is_unknown_system = False
        self._sender_cache: dict[str, tuple[str, bool]] = {}
        self._languages: Counter[str] = Counter()
        self._kinds: Counter[str] = Counter()
        self._senders: Counter[str] = Counter()

    @property
    def shape(self) -> tuple:
        """What a window of the same file needs to be read like this one (see `like`)."""
        encoding = "utf-8" if self.facts.encoding == "utf-8-sig" else self.facts.encoding
        return (
            self._layout, self._pattern, encoding, self._separator, self._has_ampm,
            self._day_first_language(), self._dotted_ampm,
        )  # fmt: skip

    # ---------------------------------------------------------------- pass 1
    def _open_text(self):
        """The export as text (see textio: UTF-8 line by line, control characters removed)."""
        self._text = open_text(self._open_bytes(), self.facts.encoding)
        return self._text

    def _first_pass(self) -> tuple[Layout, DateParser]:
        with self._open_bytes() as raw:
            head = raw.read(64 * 1024)
        if not head.strip(b"\x00 \t\r\n\xef\xbb\xbf"):
            raise errors.EmptyFile(self.name)
        self.facts.encoding = sniff_encoding(head)
        if self.facts.encoding == "utf-8" and head.count(b"\x00") > max(16, len(head) // 50):
            raise errors.NotAChatExport(self.name)  # binary; a stray NUL is removed instead
        for encoding in (self.facts.encoding, "cp1252", "latin-1"):
            self.facts.encoding = encoding
            try:
                found = self._scan_dates()
            except UnicodeDecodeError:
                continue
            text = self._text
            if encoding.startswith("utf-8") and text.fallback_lines and not text.saw_utf8:
                continue  # no line is UTF-8 beyond ASCII: a Windows-1252 file as a whole
            return found
        raise errors.UndecodableText(self.name)

    def _scan_dates(self) -> tuple[Layout, DateParser]:
        with self._open_text() as text:
            chunks = _chunks(text)
            first = next(chunks, "")
            sample = [ln for ln in first.split("\n", SAMPLE_LINES * 2)[: SAMPLE_LINES * 2] if ln]
            layout, hits = detect_layout(sample[:SAMPLE_LINES])
            if layout is None or hits == 0:
                if any(LOOSE_HEADER.match(ln) for ln in sample):
                    raise errors.UnknownLayout(self.name)
                raise errors.NotAChatExport(self.name)
            if hits < 2 and len(sample) > 20:
                raise errors.NotAChatExport(self.name)
            self._pattern = specialise(layout, sample[:SAMPLE_LINES])
            m = next(layout.pattern.finditer(first))
            groups = m.groupdict()
            separator = (groups.get("sep") or "").strip() or "?"
            has_ampm = bool(groups.get("ampm") or groups.get("ampm_pre"))
            seconds = m.group("time").count(":") + m.group("time").count(".") >= 2
            self._separator, self._has_ampm = separator, has_ampm
            self._dotted_ampm = "." in (groups.get("ampm") or "")
            self._sample = sample
            self.facts.has_seconds = seconds
            self.facts.layout = layout.name
            self.facts.platform = layout.platform
            seen: dict[str, None] = {}
            find_dates = date_only(self._pattern).findall
            lines = 0
            for chunk in _chain(first, chunks) if self._scan else ():
                lines += chunk.count("\n")
                seen.update(dict.fromkeys(find_dates(chunk)))
        if self.facts.encoding not in ("utf-8", "utf-8-sig"):
            self.facts.warnings.append(f"encoding:{self.facts.encoding}")
        self.total_lines = lines + 1
        return layout, self.resolve_dates(list(seen), layout)

    def resolve_dates(self, dates: list[str], layout: Layout | None = None) -> DateParser:
        """Decide the day/month order from all distinct header dates of the file, in order."""
        layout = layout or self._layout
        if layout.month_names:
            order, confidence = "dmy", "high"
        elif self._forced_order:
            order, confidence = self._forced_order, "user"
        else:
            resolved = resolve_order(dates, self._has_ampm, self._separator)
            if resolved.reason == "locale_cue":  # the dates leave it open: the language decides
                resolved = resolve_order(
                    dates, self._has_ampm, self._separator,
                    day_first_cue=self._dotted_ampm or self._day_first_language(),
                )  # fmt: skip
            order, confidence = resolved.order, resolved.confidence
            guessed = "date_order_guessed" in self.facts.warnings
            if confidence == "low" and not guessed:
                self.facts.warnings.append("date_order_guessed")
            elif confidence != "low" and guessed:  # decided after all, on more dates
                self.facts.warnings.remove("date_order_guessed")
        self.facts.date_order = order
        self.facts.date_order_confidence = confidence
        self._dates = DateParser(order, layout.month_names)
        return self._dates

    def _day_first_language(self) -> bool:
        """Are WhatsApp's own texts near the top of the file in a day-first language?"""
        if self._language_hint is None:
            self._language_hint = self._sniff_language(self._sample)
        return self._language_hint in DAY_FIRST_LANGUAGES

    def _sniff_language(self, sample: list[str]) -> str:
        """The language of WhatsApp's own texts (placeholders, deleted markers, system lines)
        among the sample lines, or "" if there are none. Stops at a few clear hits."""
        book, exact = self._book, self._book.exact
        seen: Counter[str] = Counter()
        for m in map(self._pattern.match, sample):
            if m is None:
                continue
            rest = m.group("rest")
            i = rest.find(": ")
            body = rest[i + 2 :] if i > 0 else rest
            hit = exact.get(body.lower())
            if hit is None and (i <= 0 or body[:1] in _MARKED_START):
                body = clean(body)
                hit = exact.get(body.lower()) or book.system_event(body)
            if hit is not None and hit.language:
                seen[hit.language] += 1
                if seen[hit.language] >= SNIFF_HITS:
                    break
        return seen.most_common(1)[0][0] if seen else ""

    # ---------------------------------------------------------------- pass 2
    def __iter__(self) -> Iterator[Message]:
        facts = self.facts
        pattern = self._pattern
        finder = pattern.finditer
        index = pattern.groupindex
        group_ids = (index["date"], index["time"], index["ampm"], index["rest"])
        pre_id = index.get("ampm_pre")
        date_of, time_of = self._dates.date, self._dates.time
        build = self._build
        unparsed = facts.unparsed
        pending: list | None = None  # [line, ts, rest, continuation lines or None]
        line = 1  # line number at `pos`
        first_ts, last_ts = "~", ""
        ts_cache: dict[tuple, str] = {}  # (date, time, am/pm) as written -> ISO; values repeat

        with self._open_text() as text:
            for chunk in _chunks(text):
                pos = 0
                for m in finder(chunk):
                    start = m.start()
                    if start != pos:
                        gap = chunk[pos:start]
                        self._gap(gap, line, pending, unparsed)
                        line += gap.count("\n")
                    pos = m.end() + 1  # past the header line's own "\n"
                    raw_date, raw_time, ampm, rest = m.group(*group_ids)
                    if pre_id is not None and ampm is None:
                        ampm = m.group(pre_id)
                    key = (raw_date, raw_time, ampm)
                    ts = ts_cache.get(key)
                    if ts is None:
                        if len(ts_cache) > 50_000:  # one entry per minute: keep memory flat
                            ts_cache.clear()
                        day = date_of(raw_date)
                        clock = time_of(raw_time, ampm)
                        ts = ts_cache[key] = f"{day}T{clock}" if day and clock else ""
                    if not ts:
                        # header-shaped, impossible date: keep the line as text of the message
                        self._gap(m.group(0), line, pending, unparsed)
                        if pending is None:
                            unparsed[-1] = UnparsedLine(line, "invalid_date")
                        line += 1
                        continue
                    if pending is not None:
                        yield build(*pending)
                    if ts < first_ts:
                        first_ts = ts
                    if ts > last_ts:
                        last_ts = ts
                    pending = [line, ts, rest, None]
                    line += 1
                if pos < len(chunk):
                    gap = chunk[pos:]
                    self._gap(gap, line, pending, unparsed)
                    # the file's last line may have no "\n" of its own
                    line += gap.count("\n") + (not gap.endswith("\n"))
            if pending is not None:
                yield build(*pending)
            self._note_decoding(text)
        kinds, senders = self._kinds, self._senders
        count = sum(kinds.values())
        facts.line_count = line - 1 if line > 1 else line
        facts.message_count = count
        facts.senders = dict(senders)
        facts.kinds = {str(k): v for k, v in kinds.items()}
        if count:
            facts.first = datetime.fromisoformat(first_ts)
            facts.last = datetime.fromisoformat(last_ts)
        self._finish(count)

    def _finish(self, count: int) -> None:
        """Language, truncation and chat shape, once every message is counted."""
        facts = self.facts
        if self._languages:
            facts.language = self._languages.most_common(1)[0][0]
        cap = TRUNCATION_WITH_MEDIA if facts.attachments_listed else TRUNCATION_WITHOUT_MEDIA
        facts.probably_truncated = count >= cap
        if facts.probably_truncated:
            facts.warnings.append("probably_truncated")
        self._finalize_shape()

    def _note_decoding(self, text) -> None:
        """Say which lines were not UTF-8 and that control characters were removed."""
        warnings = self.facts.warnings
        if text.fallback_lines:
            lines = text.fallback_lines
            more = f"+{len(lines) - MAX_LISTED_LINES}" if len(lines) > MAX_LISTED_LINES else ""
            warnings.append("fallback_lines:" + ",".join(map(str, lines[:MAX_LISTED_LINES])) + more)
        if text.controls_removed:
            warnings.append("control_characters_removed")

    @staticmethod
    def _gap(gap: str, line: int, pending: list | None, unparsed: list) -> None:
        """Whole lines between two headers (each ends in "\n" but at the end of the file):
        continuation lines of the pending message, or unparsed lines before the first one."""
        lines = (gap[:-1] if gap.endswith("\n") else gap).split("\n")
        if pending is None:
            for i, text in enumerate(lines):
                if text.strip(BIDI + " \t"):
                    unparsed.append(UnparsedLine(line + i, "before_first_message"))
            return
        if pending[3] is None:
            pending[3] = lines
        else:
            pending[3].extend(lines)
        for i, text in enumerate(lines):
            if LOOSE_HEADER.match(text):
                unparsed.append(UnparsedLine(line + i, "looks_like_header"))

    def _build(self, line: int, ts: str, rest: str, cont: list[str] | None) -> Message:
        book = self._book
        i = rest.find(": ")
        cached = None
        if i > 0:
            sender: str | None = rest[:i]
            body = rest[i + 2 :]
            cached = self._sender_cache.get(sender)
            if cached is None and len(sender) > 12 and book.with_colon.search(sender):
                sender, body = None, rest
        elif rest.endswith(":") and rest.count(":") == 1:
            sender, body = rest[:-1], ""
        else:
            j = rest.find(":")
            if 0 < j <= 40 and book.system_event(rest) is None:
                sender, body = rest[:j], rest[j + 1 :]  # "Name:text" without the space
            else:
                sender, body = None, rest
        not_in_contacts = False
        if sender is not None:
            if cached is None:
                cached = self._sender_cache.get(sender)
            if cached is None:
                name = sender.strip(_SENDER_STRIP)
                tilde = name.startswith("~")
                if tilde:
                    name = name[1:].strip(_SENDER_STRIP)
                cached = self._sender_cache[sender] = (name, tilde)
            sender, not_in_contacts = cached
        kind = _TEXT
        event = _NO_EVENT
        attachment = None
        actor_is_owner = False
        if sender is None:
            kind = _SYSTEM
            body = body.lstrip(BIDI)
            system = book.system_event(body)
            event = self._note_system(system) if system else _OTHER
            actor_is_owner = bool(system and system.actor_is_owner)
        else:
            first = body[:1]
            special = None
            if len(body) <= book.exact_max:
                special = book.exact.get(body.lower())
            if special is None and (first in _MARKED_START or body[-1:] == ")" or "\u2022" in body):
                special = self._classify_marked(body)
            if special is None and not self._seen_first and self._layout.platform == "ios":
                # iOS puts the encryption notice first, attributed to the chat or the other
                # party; some versions leave out the direction mark that usually flags it
                notice = book.system_event(body)
                if notice is not None and notice.event in _NOTICES:
                    special = notice
            if special is not None:
                kind, event, attachment = special.kind, special.event, special.attachment
                if kind is _SYSTEM and special.event is not Event.MISSED_CALL:
                    sender = None
                    event = self._note_system(special)
                    actor_is_owner = special.actor_is_owner
                elif special.language:
                    self._languages[special.language] += 1
                if kind is not _TEXT:
                    body = body.strip(BIDI)
                if attachment:
                    self.facts.attachments_listed += 1
        if cont:
            body = body + "\n" + "\n".join(cont)
        edited = False
        if kind is _TEXT and body[-1:] in (">", "\u200e"):
            body, edited = book.split_edited(body)
        self._kinds[kind] += 1
        if sender is not None:
            self._senders[sender] += 1
        if not self._seen_first:
            self._seen_first = True
            if event in (Event.ENCRYPTION, Event.BROADCAST_ENCRYPTION):
                self.facts.starts_with_encryption_notice = True
            self._first_is_unknown_system = event is _OTHER
        return Message(
            ts, sender, body, kind, edited, line, attachment, event, actor_is_owner,
            not_in_contacts,
        )  # fmt: skip

    def _classify_marked(self, body: str):
        """Bodies that may be a placeholder, an attachment or (iOS) an attributed system line."""
        book = self._book
        media = book.media(body)
        if media is not None:
            return media
        if book.is_deleted(body):
            return book.exact.get(clean(body).lower(), _DELETED)
        if body[:1] in _DIRECTION_MARKS:
            cleaned = clean(body).lower()
            if cleaned in book.exact:
                return book.exact[cleaned]
            if self._layout.platform == "ios":
                # iOS marks its own texts with a direction mark; one we have no phrase for is
                # still WhatsApp's, unless it is something a person shares (a location, a link)
                system = book.system_event(body)
                if system is None and cleaned and not is_ios_human(book, body):
                    return _LIKELY_SYSTEM
                return system
        return None

    def _note_system(self, system) -> Event:
        facts = self.facts
        event = system.event
        if system.language:
            self._languages[system.language] += 1
        if event is Event.BROADCAST_CREATED:
            facts.broadcast = "yes"
            if system.count:
                facts.broadcast_recipients = system.count
        elif event is Event.BROADCAST_ENCRYPTION:
            facts.broadcast = "yes"
        elif event in _GROUP_EVENTS:
            facts.is_group = True
        return event

    def _finalize_shape(self) -> None:
        """Group / broadcast-list shape, from the whole file."""
        facts = self.facts
        humans = [s for s in facts.senders if s]
        if len(humans) > 2:
            facts.is_group = True
        # A broadcast list's own chat: only the owner writes, under a WhatsApp notice. When the
        # notice is in a language we have no phrase for, flag it for the user to confirm.
        one_sender = not facts.broadcast and not facts.is_group and len(humans) == 1
        if one_sender and self._first_is_unknown_system and facts.message_count >= 2:
            facts.broadcast = "probable"
            facts.warnings.append("probable_broadcast_list")
        if facts.broadcast:
            facts.is_group = False


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def parse_source(source: ExportSource, date_order: str | None = None) -> ParsedExport:
    """date_order: the day/month order the user chose ("dmy", "mdy", "ymd"); None detects it."""
    facts = FileFacts(title_hint=source.title_hint)
    return ParsedExport(source.open_bytes, source.display_name, facts, date_order=date_order)
