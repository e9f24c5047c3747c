"""Numbers behind the dashboard charts, read from the workspace in a worker (no Qt here).

"Reply" and "business-initiated" are the audit's own definition
(wa_audit.rules.derive.conversation, read through exports.traffic), so the charts count the
messages the rules count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from wa_audit.i18n import N_

DAYS_SHOWN = 90
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
    """One pass over the owner's and customers' messages, classified by the audit's own
    definition (`exports.traffic.classified`)."""
    import numpy as np

    from wa_audit.exports.traffic import classified
    from wa_audit.ui.charts import DayCount

    data = ChartData()
    if not owner:
        return data
    c = classified(db, owner)
    per_day: dict[date, list[int]] = {}
    for i in np.flatnonzero(c.is_reply | c.is_bi).tolist():
        when = datetime.fromisoformat(c.ts[i])
        counts = per_day.setdefault(when.date(), [0, 0])
        if c.is_reply[i]:
            counts[1] += 1
        else:
            counts[0] += 1
            data.heatmap[when.weekday()][when.hour] += 1
    data.replies = int(c.is_reply.sum())
    data.business_initiated = int(c.is_bi.sum())
    if per_day:
        last = max(per_day)
        first = max(min(per_day), last - timedelta(days=DAYS_SHOWN - 1))
        day = first
        while day <= last:
            b, r = per_day.get(day, (0, 0))
            data.daily.append(DayCount(day, b, r))
            day += timedelta(days=1)
    # gaps between consecutive business-initiated messages to different chats
    order = np.argsort(c.t[c.is_bi], kind="stable")
    bt = c.t[c.is_bi][order]
    bc = c.chat[c.is_bi][order]
    gaps = np.diff(bt)[bc[1:] != bc[:-1]]
    counts = [0] * len(GAP_BINS)
    lower = 0
    for i, (upper, _label, _human) in enumerate(GAP_BINS):
        counts[i] = int(((gaps >= lower) & (gaps < upper)).sum())
        lower = upper
    data.gaps = [(label, n, human) for (_u, label, human), n in zip(GAP_BINS, counts, strict=True)]
    return data


def gap_bins(data: ChartData) -> list:
    """Translated histogram bins for charts.paint_histogram."""
    from wa_audit.i18n import _
    from wa_audit.ui.charts import GapBin

    return [GapBin(_(label), n, human) for label, n, human in data.gaps]
