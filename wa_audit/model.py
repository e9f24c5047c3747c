"""Plain data objects shared by the importer, the store, the audit and the UI."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Kind(enum.StrEnum):
    TEXT = "text"
    MEDIA = "media"
    SYSTEM = "system"
    DELETED = "deleted"


class Event(enum.StrEnum):
    """Normalised system events (rules consume these, never the localised phrases)."""

    NONE = ""
    ENCRYPTION = "encryption"
    BROADCAST_ENCRYPTION = "broadcast_encryption"
    BROADCAST_CREATED = "broadcast_created"
    GROUP_CREATED = "group_created"
    ADDED = "added"
    REMOVED = "removed"
    LEFT = "left"
    JOINED_LINK = "joined_link"
    SUBJECT = "subject"
    ICON = "icon"
    DESCRIPTION = "description"
    ADMIN = "admin"
    SETTINGS = "settings"
    NUMBER_CHANGED = "number_changed"
    SECURITY_CODE = "security_code"
    DISAPPEARING = "disappearing"
    BLOCKED = "blocked"
    UNBLOCKED = "unblocked"
    BUSINESS_NOTICE = "business_notice"
    META_HOSTED = "meta_hosted"
    MISSED_CALL = "missed_call"
    CALL = "call"
    OTHER = "other"


@dataclass(slots=True)
class Message:
    ts: str  # export's local wall-clock time, ISO 8601 "2026-11-24T14:05:09"
    sender: str | None  # None for system lines without a human sender
    text: str
    kind: Kind = Kind.TEXT
    edited: bool = False
    line: int = 0  # 1-based line number of the header line in the export
    attachment: str | None = None
    event: Event = Event.NONE
    actor_is_owner: bool = False  # system line the exporter did ("You added ...")
    not_in_contacts: bool = False  # sender was written with WhatsApp's "~ " prefix

    @property
    def timestamp(self) -> datetime:
        return datetime.fromisoformat(self.ts)

    def as_json(self) -> dict:
        return {
            "timestamp": self.ts,
            "sender": self.sender,
            "text": self.text,
            "kind": str(self.kind),
            "edited": self.edited,
            "line": self.line,
        }


@dataclass(slots=True)
class UnparsedLine:
    line: int
    reason: str  # a short code, never the line's content


@dataclass
class FileFacts:
    """What the parser learnt about one export file (filled while parsing)."""

    layout: str = ""
    platform: str = ""  # android | ios
    date_order: str = ""  # dmy | mdy | ymd
    date_order_confidence: str = ""  # high | medium | low
    has_seconds: bool = False
    encoding: str = "utf-8"
    language: str = ""  # language of the system phrases, if any was seen
    title_hint: str | None = None  # chat partner or group name from the file name
    is_group: bool = False
    broadcast: str = ""  # "" | "yes" | "probable"
    broadcast_recipients: int | None = None
    starts_with_encryption_notice: bool = False
    message_count: int = 0
    line_count: int = 0
    unparsed: list[UnparsedLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # message ids, rendered by the UI
    attachments_listed: int = 0
    attachments_missing: int = 0
    probably_truncated: bool = False
    senders: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    stage: str  # message id of what is happening
    file: str = ""
