"""Opt-out register: every customer who asked to stop, when, and whether messages followed.

The very reading of rule R11 (`wa_audit.rules.derive.optouts.optout_followups`, word lists in
wa_audit/data/lexicons.toml): the first opt-out of each person in a one-to-one chat, and of
each member of a group the business filled with people. After it, one acknowledgement within
24 h is fine, and so are replies within 24 h to a later message of the customer; every other
message of the business to them is a violation. Reads the audit's frames of the workspace
(after an audit in the app they are in memory already), so register and audit never differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from wa_audit.i18n import N_, _

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
    in_group: bool = False  # a member of a group you filled with people

    @property
    def ok(self) -> bool:
        return self.violations == 0

    def as_json(self) -> dict:
        return asdict(self)


def make_matcher() -> Callable[[str | None], bool]:
    """R11's opt-out reading for one text."""
    from wa_audit.rules.lexicons import is_optout_text

    return is_optout_text


def _context(db):
    """The audit's context of the whole workspace (no cut-off date), reused from the last
    audit when nothing changed."""
    from wa_audit.audit import cache
    from wa_audit.audit.thresholds import effective, get_overrides, get_sensitivity

    th = effective(get_sensitivity(db), get_overrides(db))
    frames = cache.frames(db)
    ctx = cache.context(
        frames, frames.messages, frames.owner, None, th["global"]["fuzzy_similarity"]
    )
    return ctx, th["R11"]["ack_window_s"]


def _iso(t: int) -> str:
    return datetime.fromtimestamp(int(t), UTC).replace(tzinfo=None).isoformat()


def optout_register(db, owner: str | None = None) -> list[OptOut]:
    """One entry per person who asked to stop (first request), by date: customers in
    one-to-one chats and members of groups you filled with people, as rule R11 reads them.
    `owner` is accepted for callers; the workspace's owner setting decides, as in the audit."""
    del owner
    from wa_audit.rules.derive.optouts import optout_followups

    ctx, ack_window = _context(db)
    people, after = optout_followups(ctx, ack_window)
    if people.empty:
        return []
    m = ctx.m
    row_of = pd.Index(m["msg_id"].to_numpy())
    text = m["text"].to_numpy()
    by_person = {p: g for p, g in after.groupby("person", sort=False)}
    out = []
    for p in people.itertuples(index=False):
        g = by_person.get(p.person)
        sent = 0 if g is None else len(g)
        bad = [] if g is None else g.loc[~g["ack"].astype(bool) & ~g["reply"].astype(bool)]
        pos = row_of.get_indexer([p.opt_msg])[0]
        out.append(
            OptOut(
                chat_id=int(p.chat_id),
                chat=ctx.chat_title(p.chat_id),
                customer=str(p.sender),
                msg_id=int(p.opt_msg),
                opted_out_at=_iso(p.opt_t),
                request=str(text[pos]) if pos >= 0 else "",
                acknowledged=bool(sent and g["ack"].astype(bool).any()),
                messages_after=sent,
                violations=len(bad),
                violation_ids=[int(x) for x in (bad["msg_id"] if len(bad) else [])],
                last_after=_iso(g["t"].max()) if sent else None,
                in_group=bool(p.in_group),
            )
        )
    out.sort(key=lambda o: (o.opted_out_at, o.chat_id, o.customer))
    return out


def register_rows(entries: list[OptOut], pseudo=None) -> list[list]:
    """Rows for the CSV and the report (rendered in the current language)."""
    from wa_audit.i18n import format_timestamp

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
                format_timestamp(datetime.fromisoformat(e.opted_out_at)),
                text(e.request)[:200],
                _("yes") if e.acknowledged else _("no"),
                e.messages_after,
                e.violations,
                format_timestamp(datetime.fromisoformat(e.last_after)) if e.last_after else "",
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
