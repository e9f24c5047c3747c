"""Compiled phrase tables (from wa_audit/data/phrases.toml) and text classification."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wa_audit.model import Event, Kind

PHRASES_FILE = Path(__file__).resolve().parent.parent / "data" / "phrases.toml"

# Direction marks and isolates WhatsApp puts around headers, names and markers.
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_BIDI_TABLE = {ord(c): None for c in BIDI}
_SPACE_TABLE = {0x00A0: " ", 0x202F: " ", 0x2007: " "}


def clean(text: str) -> str:
    """The copy used for matching: no bidi marks, NBSP/NNBSP as spaces, trimmed."""
    return text.translate(_BIDI_TABLE).translate(_SPACE_TABLE).strip()


@dataclass(frozen=True)
class Classification:
    kind: Kind
    event: Event = Event.NONE
    attachment: str | None = None
    actor_is_owner: bool = False
    language: str = ""
    count: int | None = None


TEXT = Classification(Kind.TEXT)
CALL = Classification(Kind.SYSTEM, Event.MISSED_CALL)


class PhraseBook:
    def __init__(self, data: dict) -> None:
        media = data["media"]
        # Exact whole-body texts (lower-case, no direction marks): one dict lookup per message
        # decides the common case; only bodies that start with "<"/a direction mark or end in
        # ")" go further. Each carries the language it is written in (a cue for the file).
        self.exact: dict[str, Classification] = {}
        for lang, texts in media["omitted"].items():
            for s in texts:
                self._add(s, Classification(Kind.MEDIA, language=lang))
                if not s.startswith("<"):  # old iOS: "<\u200eimage omitted>"
                    self._add(f"<{s}>", Classification(Kind.MEDIA, language=lang))
        self.omitted = {s for s, c in self.exact.items() if c.kind is Kind.MEDIA}
        self.attached = _words(r"<(?:{})\s?:\s?(?P<file>[^>]+)>", media["attached"])
        self.file_attached = _words(r"(?P<file>.+?) \((?:{})\)", media["file_attached"])
        self.document_omitted = _words(
            r"(?P<file>.+?\.\w{{2,5}}) • .*(?:{})", media["document_omitted"]
        )
        for lang, texts in data["deleted"]["exact"].items():
            for s in texts:
                deleted = Classification(Kind.DELETED, language=lang)
                self._add(s, deleted)
                self._add(s + ".", deleted)
        self.deleted = _union([p for ps in data["deleted"]["patterns"].values() for p in ps])
        for lang, texts in data["calls"]["exact"].items():
            call = Classification(Kind.SYSTEM, Event.MISSED_CALL, language=lang)
            for s in texts:
                self._add(s, call)
                self._add(s + ".", call)
        self.exact_max = max(len(s) for s in self.exact)
        markers = [m for ms in data["edited"]["markers"].values() for m in ms]
        self.edited = re.compile(r"\s*[\u200e\u200f]?(?:" + "|".join(markers) + r")\s*$", re.I)
        self.ios_human = _union(data["ios_human"]["patterns"])
        # (event, language, compiled) in table order; "you" patterns mark the owner as actor
        self.system: list[tuple[Event, str, re.Pattern[str]]] = []
        self.system_you: dict[Event, re.Pattern[str]] = {}
        for name, langs in data["system"].items():
            event = Event(name)
            for lang, patterns in langs.items():
                if lang == "you":
                    self.system_you[event] = _union(patterns)
                else:
                    self.system.append((event, lang, _union(patterns)))
        self.with_colon = re.compile("|".join(data["system_with_colon"]["patterns"]), re.I)

    def _add(self, text: str, classification: Classification) -> None:
        # the first language that uses a text keeps it ("video omitido" is es and pt)
        self.exact.setdefault(text.lower(), classification)

    def media(self, body: str) -> Classification | None:
        """Media placeholder or attachment line (whole body), else None."""
        if len(body) > 300:
            return None
        text = clean(body)
        first = text.split("\n", 1)[0]
        hit = self.exact.get(first.lower())
        if hit is not None and hit.kind is Kind.MEDIA:
            return hit
        # iOS documents put the name and page count before the tag: "X.pdf • 3 pages <attached: F>"
        m = self.attached.search(first) if first.endswith(">") else None
        m = m or self.file_attached.fullmatch(first)
        if m is None:
            m = self.document_omitted.fullmatch(first)
        if m is not None:
            return Classification(Kind.MEDIA, attachment=clean(m.group("file")))
        return None

    def is_deleted(self, body: str) -> bool:
        text = clean(body)
        return self.exact.get(text.lower(), TEXT).kind is Kind.DELETED or (
            len(text) < 160 and self.deleted.fullmatch(text) is not None
        )

    def split_edited(self, body: str) -> tuple[str, bool]:
        if body.endswith(">") or body.endswith(">\u200e"):
            m = self.edited.search(body)
            if m:
                return body[: m.start()], True
        return body, False

    def system_event(self, text: str) -> Classification | None:
        """Classify a text as a WhatsApp system line; None when no known phrase matches."""
        t = clean(text)
        for event, lang, pattern in self.system:
            m = pattern.fullmatch(t)
            if m:
                you = self.system_you.get(event)
                count = m.groupdict().get("n")
                return Classification(
                    Kind.SYSTEM,
                    event=event,
                    actor_is_owner=bool(you and you.fullmatch(t)),
                    language=lang,
                    count=int(count) if count else None,
                )
        return None

    def looks_like_system_with_colon(self, candidate_sender: str) -> bool:
        return self.with_colon.search(candidate_sender) is not None


def _union(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I | re.S)


def _words(template: str, by_language: dict[str, list[str]]) -> re.Pattern[str]:
    """A pattern with one alternation of every language's words (escaped) at "{}"."""
    words = sorted({w for ws in by_language.values() for w in ws}, key=len, reverse=True)
    return re.compile(template.format("|".join(map(re.escape, words))), re.I | re.S)


def is_ios_human(book: PhraseBook, text: str) -> bool:
    """A body starting with a direction mark that a person sent (a location, a link, a poll)."""
    return book.ios_human.fullmatch(clean(text)) is not None


@cache
def phrasebook() -> PhraseBook:
    with PHRASES_FILE.open("rb") as f:
        return PhraseBook(tomllib.load(f))
