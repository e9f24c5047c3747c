"""Business-initiated versus reply, straight from SQL (one window query, no pandas needed).

Reply = an outbound message within 24 h after the customer's latest message in the same chat
(HEURISTICS.md "Derived concepts"); every other outbound message is business-initiated (BI).
"""

from __future__ import annotations

from collections.abc import Iterator

_INNER = """
  SELECT m.id, m.chat_id, m.ts, {text} AS text, m.kind, m.sender, c.is_group,
         MAX(CASE WHEN m.sender IS NOT :owner THEN m.ts END)
           OVER (PARTITION BY m.chat_id ORDER BY m.ts, m.line ROWS UNBOUNDED PRECEDING) AS last_in
  FROM messages m JOIN chats c ON c.id = m.chat_id
  WHERE m.sender IS NOT NULL AND m.kind != 'system'
"""
_IS_BI = "CASE WHEN last_in IS NULL OR julianday(ts) - julianday(last_in) > 1.0 THEN 1 ELSE 0 END"


def _query(select: str, with_text: bool = False, tail: str = "") -> str:
    inner = _INNER.format(text="m.text" if with_text else "''")
    return f"SELECT {select} FROM ({inner}) WHERE sender IS :owner {tail}"


def outbound(db, owner: str | None, with_text: bool = True) -> Iterator[tuple]:
    """(msg_id, chat_id, ts, text, kind, is_group, is_bi) for every outbound message."""
    if owner is None:
        return iter(())
    sql = _query(f"id, chat_id, ts, text, kind, is_group, {_IS_BI}", with_text)
    return db.execute(sql, {"owner": owner})


def daily_counts(db, owner: str | None) -> list[tuple[str, int, int, int]]:
    """[(day, inbound, replies, business-initiated)] for the charts."""
    inbound = dict(
        db.execute(
            "SELECT substr(ts, 1, 10), COUNT(*) FROM messages WHERE sender IS NOT NULL "
            "AND kind != 'system' AND sender IS NOT ? GROUP BY 1",
            [owner],
        ).fetchall()
    )
    rep: dict[str, int] = {}
    bi: dict[str, int] = {}
    if owner is not None:
        sql = _query(f"substr(ts, 1, 10), SUM(1 - {_IS_BI}), SUM({_IS_BI})", tail="GROUP BY 1")
        for day, r, b in db.execute(sql, {"owner": owner}):
            rep[day], bi[day] = r, b
    days = sorted(set(inbound) | set(rep) | set(bi))
    return [(d, inbound.get(d, 0), rep.get(d, 0), bi.get(d, 0)) for d in days]


def hourly_bi(db, owner: str | None) -> list[int]:
    """Business-initiated messages per hour of day (0-23)."""
    hours = [0] * 24
    if owner is None:
        return hours
    sql = _query(f"CAST(substr(ts, 12, 2) AS INTEGER), SUM({_IS_BI})", tail="GROUP BY 1")
    for hour, n in db.execute(sql, {"owner": owner}):
        if hour is not None and 0 <= hour < 24:
            hours[hour] = n or 0
    return hours


def hourly_heatmap(db, owner: str | None) -> list[list[int]]:
    """Business-initiated messages per weekday (Mon..Sun rows) and hour (24 columns)."""
    grid = [[0] * 24 for _ in range(7)]
    if owner is None:
        return grid
    # strftime('%w'): 0 = Sunday; shift so Monday is row 0.
    sql = _query(
        f"(CAST(strftime('%w', ts) AS INTEGER) + 6) % 7, CAST(substr(ts, 12, 2) AS INTEGER), "
        f"SUM({_IS_BI})",
        tail="GROUP BY 1, 2",
    )
    for wd, hour, n in db.execute(sql, {"owner": owner}):
        if wd is not None and hour is not None and 0 <= hour < 24:
            grid[wd][hour] = n or 0
    return grid


class Traffic:
    """One pass of the window query, shared by the charts and the template drafts."""

    def __init__(self, db, owner: str | None) -> None:
        self.daily: dict[str, list[int]] = {}  # day -> [inbound, replies, business-initiated]
        self.heatmap = [[0] * 24 for _ in range(7)]
        self.bi_texts: list[tuple[int, int, str, str]] = []  # one-to-one BI text messages
        self.months: set[str] = set()
        for day, n in db.execute(
            "SELECT substr(ts, 1, 10), COUNT(*) FROM messages WHERE sender IS NOT NULL "
            "AND kind != 'system' AND sender IS NOT ? GROUP BY 1",
            [owner],
        ):
            self.daily[day] = [n, 0, 0]
        if owner is None:
            return
        from datetime import date

        sql = _query(
            f"id, chat_id, ts, kind, is_group, {_IS_BI} AS b, "
            f"CASE WHEN {_IS_BI} = 1 AND is_group = 0 AND kind = 'text' THEN text END",
            with_text=True,
        )
        weekday: dict[str, int] = {}
        for msg_id, chat_id, ts, _kind, _group, is_bi, text in db.execute(sql, {"owner": owner}):
            day = ts[:10]
            counts = self.daily.get(day)
            if counts is None:
                counts = self.daily[day] = [0, 0, 0]
            if is_bi:
                counts[2] += 1
                wd = weekday.get(day)
                if wd is None:
                    wd = weekday[day] = date.fromisoformat(day).weekday()
                self.heatmap[wd][int(ts[11:13])] += 1
                if text is not None:
                    self.bi_texts.append((msg_id, chat_id, ts, text))
            else:
                counts[1] += 1
            self.months.add(ts[:7])

    def days(self) -> list[tuple[str, int, int, int]]:
        return [(d, *self.daily[d]) for d in sorted(self.daily)]
