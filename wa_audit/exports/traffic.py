"""Business-initiated versus reply per day and hour, read straight from the workspace.

The definition is `wa_audit.rules.derive.conversation.classify` (HEURISTICS.md §1), the same
function the audit uses, so the charts, the report's tables and the rules count the same
messages: a reply is an owner message within 24 h after the other side's latest message in
the chat; an owner message to one person (one-to-one chat or broadcast list) that is not a
reply is business-initiated; an owner post in a group that is not a reply is neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from wa_audit.rules.derive.conversation import REAL_KINDS, classify_rows

_ROWS = """
  SELECT m.id, m.chat_id, m.ts, m.sender IS :owner AS mine, m.kind IN ({real}) AS real,
         c.is_group = 0 AS to_one,
         CASE WHEN m.sender IS :owner AND m.kind = 'text' THEN m.text END AS text
  FROM messages m JOIN chats c ON c.id = m.chat_id
  WHERE m.kind != 'system'
  ORDER BY m.chat_id, m.ts, m.line
""".format(real=", ".join(f"'{k}'" for k in REAL_KINDS))


@dataclass
class Classified:
    """Every non-system message in chat and file order, classified once."""

    msg_id: np.ndarray
    chat: np.ndarray
    ts: np.ndarray  # ISO strings as stored
    t: np.ndarray  # seconds
    is_in: np.ndarray
    is_out: np.ndarray
    is_reply: np.ndarray
    is_bi: np.ndarray
    to_one: np.ndarray  # one-to-one chat (or broadcast list): not a group
    text: list  # owner text (None for other rows)


def classified(db, owner: str | None) -> Classified:
    rows = db.execute(_ROWS, {"owner": owner}).fetchall() if owner is not None else []
    if rows:
        msg_id, chat, ts, mine, real, to_one, text = (list(c) for c in zip(*rows, strict=True))
    else:
        msg_id, chat, ts, mine, real, to_one, text = [], [], [], [], [], [], []
    chat_a = np.asarray(chat, dtype=np.int64)
    ts_a = np.asarray(ts, dtype=object)
    t = np.asarray(ts, dtype="datetime64[s]").astype(np.int64) if ts else np.zeros(0, np.int64)
    mine_a = np.asarray(mine, dtype=bool)
    real_a = np.asarray(real, dtype=bool)
    one = np.asarray(to_one, dtype=bool)
    out = classify_rows(chat_a, t, mine_a, real_a, one)
    return Classified(
        msg_id=np.asarray(msg_id, dtype=np.int64),
        chat=chat_a,
        ts=ts_a,
        t=t,
        is_in=real_a & ~mine_a,
        is_out=real_a & mine_a,
        is_reply=out.is_reply,
        is_bi=out.is_bi,
        to_one=one,
        text=text,
    )


class Traffic:
    """One pass over the workspace, shared by the report's charts and the template drafts."""

    def __init__(self, db, owner: str | None) -> None:
        self.daily: dict[str, list[int]] = {}  # day -> [inbound, replies, business-initiated]
        self.heatmap = [[0] * 24 for _ in range(7)]
        self.bi_texts: list[tuple[int, int, str, str]] = []  # BI text messages to one person
        self.months: set[str] = set()
        if owner is None:
            # without an owner nobody is "the business": every message counts as inbound
            for day, n in db.execute(
                "SELECT substr(ts, 1, 10), COUNT(*) FROM messages WHERE kind IN ('text', "
                "'media') GROUP BY 1"
            ):
                self.daily[day] = [n, 0, 0]
            return
        c = classified(db, owner)
        day = np.array([s[:10] for s in c.ts], dtype=object)
        for col, mask in ((0, c.is_in), (1, c.is_reply), (2, c.is_bi)):
            days, counts = np.unique(day[mask].astype(str), return_counts=True)
            for d, n in zip(days.tolist(), counts.tolist(), strict=True):
                self.daily.setdefault(d, [0, 0, 0])[col] = n
        self.months = {s[:7] for s in c.ts[c.is_out].tolist()}
        weekday: dict[str, int] = {}
        for i in np.flatnonzero(c.is_bi).tolist():
            ts = c.ts[i]
            wd = weekday.get(ts[:10])
            if wd is None:
                wd = weekday[ts[:10]] = date.fromisoformat(ts[:10]).weekday()
            self.heatmap[wd][int(ts[11:13])] += 1
            if c.text[i] is not None:
                self.bi_texts.append((int(c.msg_id[i]), int(c.chat[i]), ts, c.text[i]))

    def days(self) -> list[tuple[str, int, int, int]]:
        return [(d, *self.daily[d]) for d in sorted(self.daily)]
