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
        self.omitted = {s.lower() for s in media["omitted"]}
        self.attached = _union(media["attached"])
        self.file_attached = _union(media["file_attached"])
        self.document_omitted = _union(media["document_omitted"])
        self.deleted = _union(data["deleted"]["patterns"])
        # Exact whole-body texts (lower-case, no direction marks): one dict lookup per message
        # decides the common case; only bodies that start with "<"/LRM or end in ")" go further.
        self.exact: dict[str, Classification] = {
            s: Classification(Kind.MEDIA) for s in self.omitted
        }
        for s in data["deleted"]["exact"]:
            self.exact[s] = self.exact[s + "."] = Classification(Kind.DELETED)
        for s in data["calls"]["exact"]:
            self.exact[s] = self.exact[s + "."] = CALL
        self.exact_max = max(len(s) for s in self.exact)
        self.edited = re.compile(
            r"\s*\u200e?(?:" + "|".join(data["edited"]["markers"]) + r")\s*$", re.I
        )
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

    def media(self, body: str) -> Classification | None:
        """Media placeholder or attachment line (whole body), else None."""
        if len(body) > 300:
            return None
        text = clean(body)
        first = text.split("\n", 1)[0]
        if first.lower() in self.omitted:
            return Classification(Kind.MEDIA)
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


@cache
def phrasebook() -> PhraseBook:
    with PHRASES_FILE.open("rb") as f:
        return PhraseBook(tomllib.load(f))
