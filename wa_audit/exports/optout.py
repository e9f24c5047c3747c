"""Opt-out register: every customer who asked to stop, when, and whether messages followed.

Same reading as rule R11 (HEURISTICS.md): an inbound message in a one-to-one chat that is a
short keyword message (<= 6 words with STOP, AFMELDEN, ABMELDEN...) or contains an opt-out
phrase. After it, one acknowledgement within 24 h is fine, and so are replies within 24 h to a
later message of the customer; every other outbound message is a violation.
Reads the database directly (indexed SQL plus one text filter), so it stays fast on big
workspaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from wa_audit.exports.phrases import KEYWORD_MAX_WORDS, optout_lexicon
from wa_audit.i18n import N_, _

DAY = timedelta(hours=24)

HEADERS = [
    N_("Customer"),
    N_("Chat"),
    N_("Asked to stop on"),
    N_("Their message"),
    N_("Acknowledged"),
    N_("Messages sent afterwards"),
    N_("Of which not allowed"),
    N_("Last message afterwards"),
    N_("Status"),
]
STATUS_OK = N_("Handled correctly")
STATUS_BAD = N_("Messages followed: remove from your lists")


@dataclass
class OptOut:
    chat_id: int
    chat: str
    customer: str
    msg_id: int
    opted_out_at: str  # ISO 8601
    request: str
    acknowledged: bool
    messages_after: int
    violations: int
    violation_ids: list[int]
    last_after: str | None

    @property
    def ok(self) -> bool:
        return self.violations == 0

    def as_json(self) -> dict:
        return asdict(self)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def make_matcher() -> Callable[[str], bool]:
    keywords, phrases = optout_lexicon()
    kw = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(_fold(k)) for k in keywords) + r")(?!\w)")
    variants = sorted({v for p in phrases for v in (p.casefold(), _fold(p))}, key=len, reverse=True)
    ph = re.compile("|".join(re.escape(v) for v in variants)) if variants else None

    @lru_cache(maxsize=100_000)  # "ok", "thanks", "STOP": short texts repeat a lot
    def is_optout(text: str | None) -> bool:
        if not text:
            return False
        # The phrase regex holds accented and plain spellings, so casefold is enough for it;
        # accents are folded only for short texts (the keyword rule).
        low = text.casefold().replace("’", "'")
        if ph is not None and ph.search(low):
            return True
        words = low.split()
        if not words or len(words) > KEYWORD_MAX_WORDS:
            return False
        folded = low if low.isascii() else _fold(low)
        return bool(kw.search(" ".join(re.findall(r"\w+", folded))))

    return is_optout


def optout_register(db, owner: str | None = None) -> list[OptOut]:
    """One entry per one-to-one chat whose customer asked to stop (first request), by date."""
    from wa_audit.store.db import OWNER, get_setting

    owner = owner if owner is not None else get_setting(db, OWNER)
    matcher = make_matcher()
    db.conn.create_function("wa_is_optout", 1, matcher, deterministic=True)
    hits = list(
        db.execute(
            "SELECT m.id, m.chat_id, m.ts, m.sender, m.text, COALESCE(c.title, '') "
            "FROM messages m JOIN chats c ON c.id = m.chat_id "
            "WHERE c.is_group = 0 AND m.kind = 'text' AND m.sender IS NOT NULL "
            "AND m.sender IS NOT ? AND wa_is_optout(m.text) ORDER BY m.chat_id, m.ts, m.line",
            [owner],
        )
    )
    first: dict[int, tuple] = {}
    for row in hits:
        first.setdefault(row[1], row)
    out = []
    for msg_id, chat_id, ts, sender, text, title in first.values():
        out.append(_follow_up(db, owner, msg_id, chat_id, ts, sender, text, title))
    out.sort(key=lambda o: (o.opted_out_at, o.chat_id))
    return out


def _follow_up(db, owner, msg_id, chat_id, ts, sender, text, title) -> OptOut:
    t0 = datetime.fromisoformat(ts)
    later = db.execute(
        "SELECT id, ts, sender FROM messages WHERE chat_id = ? AND kind != 'system' "
        "AND sender IS NOT NULL AND (ts > ? OR (ts = ? AND id > ?)) ORDER BY ts, line",
        [chat_id, ts, ts, msg_id],
    )
    ack = False
    last_in: datetime | None = None
    sent = 0
    bad: list[int] = []
    last_after = None
    for mid, mts, msender in later:
        when = datetime.fromisoformat(mts)
        if msender != owner:
            last_in = when
            continue
        sent += 1
        last_after = mts
        if last_in is not None and when - last_in <= DAY:
            continue  # a reply to the customer writing again
        if last_in is None and not ack and when - t0 <= DAY:
            ack = True  # the one confirmation
            continue
        bad.append(mid)
    return OptOut(
        chat_id=chat_id,
        chat=title,
        customer=sender,
        msg_id=msg_id,
        opted_out_at=ts,
        request=text,
        acknowledged=ack,
        messages_after=sent,
        violations=len(bad),
        violation_ids=bad,
        last_after=last_after,
    )


def register_rows(entries: list[OptOut], pseudo=None) -> list[list]:
    """Rows for the CSV and the report (rendered in the current language)."""
    from wa_audit.i18n import format_datetime

    def name(n):
        return pseudo.name(n) if pseudo else n

    def text(t):
        return pseudo.text(t) if pseudo else t

    rows = []
    for e in entries:
        rows.append(
            [
                name(e.customer),
                name(e.chat),
                format_datetime(datetime.fromisoformat(e.opted_out_at), "short"),
                text(e.request)[:200],
                _("yes") if e.acknowledged else _("no"),
                e.messages_after,
                e.violations,
                format_datetime(datetime.fromisoformat(e.last_after), "short")
                if e.last_after
                else "",
                _(STATUS_OK) if e.ok else _(STATUS_BAD),
            ]
        )
    return rows


def write_register_csv(
    db, path: Path | str, pseudo=None, delimiter: str = ",", *, force: bool = False
) -> int:
    from wa_audit.exports.csvsafe import write_csv
    from wa_audit.outputs import check_target, workspace_files

    safe = {"protected": workspace_files(db), "force": force}
    check_target(path, **safe)
    entries = optout_register(db)
    write_csv(path, [_(h) for h in HEADERS], register_rows(entries, pseudo), delimiter, **safe)
    return len(entries)
