"""Opt-out register: every customer who asked to stop, when, and whether messages followed.

The very reading of rule R11 (`wa_audit.rules.lexicons.is_optout_text`, lists in
wa_audit/data/lexicons.toml): an inbound message in a one-to-one chat that is a short message
starting or ending with a keyword (STOP, AFMELDEN, ABMELDEN...) or contains an opt-out phrase.
After it, one acknowledgement within 24 h is fine, and so are replies within 24 h to a
later message of the customer; every other outbound message is a violation.
Reads the database directly (indexed SQL plus one text filter), so it stays fast on big
workspaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

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


def make_matcher() -> Callable[[str | None], bool]:
    """R11's opt-out reading for one text."""
    from wa_audit.rules.lexicons import is_optout_text

    return is_optout_text


def _optout_rows(rows: list[tuple]) -> list[bool]:
    import pandas as pd

    from wa_audit.rules.lexicons import is_optout

    if not rows:
        return []
    return is_optout(pd.Series([r[4] or "" for r in rows], dtype=object)).tolist()


def optout_register(db, owner: str | None = None) -> list[OptOut]:
    """One entry per one-to-one chat whose customer asked to stop (first request), by date."""
    from wa_audit.store.db import OWNER, get_setting

    owner = owner if owner is not None else get_setting(db, OWNER)
    rows = db.execute(
        "SELECT m.id, m.chat_id, m.ts, m.sender, m.text, COALESCE(c.title, '') "
        "FROM messages m JOIN chats c ON c.id = m.chat_id "
        "WHERE c.is_group = 0 AND m.kind = 'text' AND m.sender IS NOT NULL "
        "AND m.sender IS NOT ? ORDER BY m.chat_id, m.ts, m.line",
        [owner],
    ).fetchall()
    # R11's reading, every distinct text scanned once
    hits = [row for row, hit in zip(rows, _optout_rows(rows), strict=True) if hit]
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
