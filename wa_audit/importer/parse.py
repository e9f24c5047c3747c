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
from typing import BinaryIO

from wa_audit import errors
from wa_audit.importer.dates import DateParser, resolve_order
from wa_audit.importer.formats import LOOSE_HEADER, Layout, detect_layout
from wa_audit.importer.phrases import BIDI, phrasebook
from wa_audit.model import Event, FileFacts, Kind, Message, UnparsedLine

CHUNK_CHARS = 1 << 20
SAMPLE_LINES = 400
TRUNCATION_WITHOUT_MEDIA = 39_900  # WhatsApp exports at most 40,000 messages without media
TRUNCATION_WITH_MEDIA = 9_900  # and 10,000 with media

_CALLS = {
    "missed voice call", "missed video call", "gemiste spraakoproep", "gemiste video-oproep",
    "gemiste videooproep", "verpasster sprachanruf", "verpasster videoanruf",
    "appel vocal manqué", "appel vidéo manqué", "llamada perdida", "chiamata persa",
}  # fmt: skip
_SENDER_STRIP = BIDI + " "


def decode_stream(raw: BinaryIO, encoding: str) -> io.TextIOWrapper:
    # newline=None: CRLF, CR and LF all become "\n"
    return io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline=None)


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

    def __init__(self, open_bytes: Callable[[], BinaryIO], name: str, facts: FileFacts) -> None:
        self._open_bytes = open_bytes
        self.name = name
        self.facts = facts
        self._layout, self._dates = self._first_pass()
        self._seen_first = False
        self._first_is_unknown_system = False

    # ---------------------------------------------------------------- pass 1
    def _open_text(self) -> io.TextIOWrapper:
        return decode_stream(self._open_bytes(), self.facts.encoding)

    def _first_pass(self) -> tuple[Layout, DateParser]:
        with self._open_bytes() as raw:
            head = raw.read(64 * 1024)
        if not head.strip(b"\x00 \t\r\n\xef\xbb\xbf"):
            raise errors.EmptyFile(self.name)
        self.facts.encoding = sniff_encoding(head)
        if self.facts.encoding == "utf-8" and head.count(b"\x00") > 0:
            raise errors.NotAChatExport(self.name)
        for encoding in (self.facts.encoding, "cp1252", "latin-1"):
            self.facts.encoding = encoding
            try:
                return self._scan_dates()
            except UnicodeDecodeError:
                continue
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
            has_ampm = False
            seconds = False
            separator = ""
            seen: dict[str, None] = {}
            finder = layout.pattern.finditer
            lines = 0
            for chunk in _chain(first, chunks):
                lines += chunk.count("\n")
                for m in finder(chunk):
                    seen.setdefault(m.group("date"), None)
                    if not separator:
                        groups = m.groupdict()
                        separator = (groups.get("sep") or "").strip() or "?"
                        has_ampm = bool(groups.get("ampm") or groups.get("ampm_pre"))
                        seconds = m.group("time").count(":") + m.group("time").count(".") >= 2
        if self.facts.encoding not in ("utf-8", "utf-8-sig"):
            self.facts.warnings.append(f"encoding:{self.facts.encoding}")
        self.total_lines = lines + 1
        dates = list(seen)
        if layout.month_names:
            order, confidence = "dmy", "high"
        else:
            resolved = resolve_order(dates, has_ampm, separator)
            order, confidence = resolved.order, resolved.confidence
            if confidence == "low":
                self.facts.warnings.append("date_order_guessed")
        self.facts.layout = layout.name
        self.facts.platform = layout.platform
        self.facts.date_order = order
        self.facts.date_order_confidence = confidence
        self.facts.has_seconds = seconds
        return layout, DateParser(order, layout.month_names)

    # ---------------------------------------------------------------- pass 2
    def __iter__(self) -> Iterator[Message]:
        facts = self.facts
        book = phrasebook()
        is_ios = self._layout.platform == "ios"
        finder = self._layout.pattern.finditer
        dates = self._dates
        senders: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        languages: Counter[str] = Counter()
        sender_cache: dict[str, tuple[str, bool]] = {}
        unparsed = facts.unparsed
        pending: list | None = None  # [line, ts, rest, continuation_parts]
        count = 0
        line = 1  # line number at `pos`
        first_ts = last_ts = None

        def finish(p: list) -> Message | None:
            nonlocal count, first_ts, last_ts
            msg = self._build(p, book, is_ios, sender_cache, languages)
            if msg is None:
                return None
            count += 1
            kinds[msg.kind] += 1
            if msg.sender is not None:
                senders[msg.sender] += 1
            ts = msg.ts
            if first_ts is None or ts < first_ts:
                first_ts = ts
            if last_ts is None or ts > last_ts:
                last_ts = ts
            return msg

        with self._open_text() as text:
            for chunk in _chunks(text):
                pos = 0
                for m in finder(chunk):
                    start = m.start()
                    if start != pos:
                        gap = chunk[pos:start]
                        self._gap(gap, line, pos > 0, pending, unparsed)
                        line += gap.count("\n")
                    if pending is not None:
                        msg = finish(pending)
                        if msg is not None:
                            yield msg
                    ts_date = dates.date(m.group("date"))
                    groups = m.groupdict()
                    ts_time = dates.time(
                        m.group("time"), groups.get("ampm") or groups.get("ampm_pre")
                    )
                    if ts_date is None or ts_time is None:
                        # a header-shaped line with an impossible date: keep it as text
                        pending_line = m.group(0)
                        if pending is not None:
                            pending[3].append(pending_line)
                        else:
                            unparsed.append(UnparsedLine(line, "invalid_date"))
                        pending = pending if pending is not None else None
                    else:
                        pending = [line, f"{ts_date}T{ts_time}", m.group("rest"), None]
                    pos = m.end()
                if pos < len(chunk):
                    gap = chunk[pos:]
                    self._gap(gap, line, pos > 0, pending, unparsed)
                    line += gap.count("\n")
            if pending is not None:
                msg = finish(pending)
                if msg is not None:
                    yield msg
        facts.line_count = line - 1 if line > 1 else line
        facts.message_count = count
        facts.senders = dict(senders)
        facts.kinds = {str(k): v for k, v in kinds.items()}
        if first_ts:
            from datetime import datetime

            facts.first = datetime.fromisoformat(first_ts)
            facts.last = datetime.fromisoformat(last_ts)
        if languages:
            facts.language = languages.most_common(1)[0][0]
        cap = TRUNCATION_WITH_MEDIA if facts.attachments_listed else TRUNCATION_WITHOUT_MEDIA
        facts.probably_truncated = count >= cap
        if facts.probably_truncated:
            facts.warnings.append("probably_truncated")
        self._finalize_shape()

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

    @staticmethod
    def _gap(gap: str, line: int, after_header: bool, pending: list | None, unparsed: list):
        """Whole lines between two headers: continuation lines of the pending message.

        Right after a header match the gap starts with that header line's own "\n"; every
        line in it then ends with "\n" (chunks end at line ends), except at the end of the file.
        """
        if after_header:
            gap = gap[1:]
            line += 1
        if not gap:
            return
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

    def _build(self, p, book, is_ios, sender_cache, languages) -> Message | None:
        line, ts, rest, cont = p
        facts = self.facts
        sender: str | None
        i = rest.find(": ")
        system = None
        if i == -1:
            if rest.endswith(":") and rest.count(":") == 1:
                sender, body = rest[:-1], ""
            else:
                j = rest.find(":")
                if 0 < j <= 40 and book.system_event(rest) is None:
                    sender, body = rest[:j], rest[j + 1 :]
                else:
                    sender, body = None, rest
        else:
            sender, body = rest[:i], rest[i + 2 :]
            if len(sender) > 12 and book.looks_like_system_with_colon(sender):
                sender, body = None, rest
        if cont:
            body = body + "\n" + "\n".join(cont)
        not_in_contacts = False
        if sender is not None:
            cached = sender_cache.get(sender)
            if cached is None:
                clean_name = sender.strip(_SENDER_STRIP)
                tilde = clean_name.startswith("~")
                if tilde:
                    clean_name = clean_name[1:].strip(_SENDER_STRIP)
                cached = sender_cache[sender] = (clean_name, tilde)
            sender, not_in_contacts = cached
        kind = Kind.TEXT
        event = Event.NONE
        attachment = None
        actor_is_owner = False
        edited = False
        if sender is None:
            system = book.system_event(body)
            kind = Kind.SYSTEM
            body = body.lstrip(BIDI)
            if system is None:
                event = Event.OTHER
        else:
            marked = body.startswith("\u200e")
            if marked or (
                len(body) < 300
                and (body[:1] == "<" or ")" in body[-20:] or "omitted" in body or len(body) < 40)
            ):
                media = book.media(body)
                if media is not None:
                    kind, attachment = Kind.MEDIA, media.attachment
                    body = body.lstrip(BIDI)
                    if attachment:
                        facts.attachments_listed += 1
                elif book.is_deleted(body):
                    kind = Kind.DELETED
                    body = body.strip(BIDI)
                elif marked and is_ios:
                    system = book.system_event(body)
                    if system is not None:
                        kind, sender = Kind.SYSTEM, None
                        body = body.lstrip(BIDI)
                if (
                    kind is Kind.TEXT
                    and len(body) < 60
                    and body.strip(BIDI + " .").lower() in _CALLS
                ):
                    kind, event = Kind.SYSTEM, Event.MISSED_CALL
            if kind is Kind.TEXT:
                body, edited = book.split_edited(body)
        if system is not None:
            event = system.event
            actor_is_owner = system.actor_is_owner
            languages[system.language] += 1
            if event is Event.BROADCAST_CREATED and system.count:
                facts.broadcast = "yes"
                facts.broadcast_recipients = system.count
            elif event is Event.BROADCAST_ENCRYPTION:
                facts.broadcast = "yes"
            elif event in (Event.GROUP_CREATED, Event.ADDED, Event.REMOVED, Event.LEFT,
                           Event.JOINED_LINK, Event.SUBJECT):  # fmt: skip
                facts.is_group = True
        if not self._seen_first:
            self._seen_first = True
            if event in (Event.ENCRYPTION, Event.BROADCAST_ENCRYPTION):
                facts.starts_with_encryption_notice = True
            self._first_is_unknown_system = event is Event.OTHER
        return Message(
            ts=ts,
            sender=sender,
            text=body,
            kind=kind,
            edited=edited,
            line=line,
            attachment=attachment,
            event=event,
            actor_is_owner=actor_is_owner,
            not_in_contacts=not_in_contacts,
        )


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest
