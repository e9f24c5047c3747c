"""Numbers behind the dashboard charts, read from the workspace in a worker (no Qt here).

"Reply" follows HEURISTICS.md §1: an owner message within 24 h after the latest customer
message of the same chat; every other owner message is business-initiated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from wa_audit.i18n import N_

DAYS_SHOWN = 90
REPLY_WINDOW = timedelta(hours=24)
# (upper bound in seconds, label msgid, human pace?)
GAP_BINS = (
    (2, N_("<2 s"), False),
    (5, N_("2–5 s"), False),
    (10, N_("5–10 s"), False),
    (30, N_("10–30 s"), False),
    (60, N_("30–60 s"), True),
    (120, N_("1–2 min"), True),
    (300, N_("2–5 min"), True),
    (600, N_("5–10 min"), True),
)


@dataclass
class ChartData:
    daily: list = field(default_factory=list)  # [DayCount]
    heatmap: list = field(default_factory=lambda: [[0] * 24 for _ in range(7)])
    gaps: list = field(default_factory=list)  # [(label msgid, count, human)]
    business_initiated: int = 0
    replies: int = 0


def compute_chart_data(db, owner: str | None) -> ChartData:
    """One pass over the owner's and customers' messages, in chat and time order."""
    from wa_audit.ui.charts import DayCount

    data = ChartData()
    if not owner:
        return data
    per_day: dict[date, list[int]] = {}
    bi_times: list[tuple[datetime, int]] = []
    last_chat, last_inbound = None, None
    rows = db.execute(
        "SELECT chat_id, ts, sender FROM messages WHERE kind != 'system' ORDER BY chat_id, ts, line"
    )
    for chat_id, ts, sender in rows:
        if chat_id != last_chat:
            last_chat, last_inbound = chat_id, None
        when = datetime.fromisoformat(ts)
        if sender != owner:
            last_inbound = when
            continue
        counts = per_day.setdefault(when.date(), [0, 0])
        if last_inbound is not None and when - last_inbound <= REPLY_WINDOW:
            counts[1] += 1
            data.replies += 1
        else:
            counts[0] += 1
            data.business_initiated += 1
            data.heatmap[when.weekday()][when.hour] += 1
            bi_times.append((when, chat_id))
    if per_day:
        last = max(per_day)
        first = max(min(per_day), last - timedelta(days=DAYS_SHOWN - 1))
        day = first
        while day <= last:
            b, r = per_day.get(day, (0, 0))
            data.daily.append(DayCount(day, b, r))
            day += timedelta(days=1)
    bi_times.sort()
    counts = [0] * len(GAP_BINS)
    for (t0, c0), (t1, c1) in pairwise(bi_times):
        if c0 == c1:
            continue
        gap = (t1 - t0).total_seconds()
        for i, (upper, _label, _human) in enumerate(GAP_BINS):
            if gap < upper:
                counts[i] += 1
                break
    data.gaps = [(label, n, human) for (_u, label, human), n in zip(GAP_BINS, counts, strict=True)]
    return data


def gap_bins(data: ChartData) -> list:
    """Translated histogram bins for charts.paint_histogram."""
    from wa_audit.i18n import _
    from wa_audit.ui.charts import GapBin

    return [GapBin(_(label), n, human) for label, n, human in data.gaps]
