"""The report's charts: daily (or weekly) traffic, the weekday-hour heatmap, lights per run.

Each section takes `b`, the report.builder.ReportBuilder (not imported: no cycle).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from wa_audit.i18n import N_, _
from wa_audit.report import history
from wa_audit.report.document import Chart, Document, Heading, PageBreak
from wa_audit.report.texts import LIGHTS

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def charts_section(b: Any, doc: Document) -> None:
    days = b.traffic().days()
    doc.add(PageBreak(), Heading(_("Charts"), 1, "charts"))
    labels, bi, rep = _bucket(days)
    doc.add(
        Chart(
            kind="daily",
            title=_("Messages from the business"),
            labels=labels,
            series=[
                (_("Started by the business"), bi, "#d9792b"),
                (_("Replies"), rep, "#2f7d6d"),
            ],
            caption=_(
                "Per week: messages the business started itself versus replies within 24 "
                "hours of a customer's message."
            )
            if len(labels) < len(_fill(days))
            else _(
                "Per day: messages the business started itself versus replies within 24 "
                "hours of a customer's message."
            ),
        )
    )
    grid = b.traffic().heatmap
    doc.add(
        Chart(
            kind="heatmap",
            title=_("When the business starts conversations"),
            grid=grid,
            row_labels=[_(d) for d in WEEKDAYS],
            caption=_("Messages the business started, by weekday and hour (darker = more)."),
        )
    )
    runs = history.rule_lights(b.db)
    if len(runs) >= 2:
        runs = runs[-12:]
        doc.add(
            Chart(
                kind="bars",
                title=_("Findings per audit run"),
                labels=[b._short_date(w) for _r, w, _l in runs],
                series=[
                    (
                        _(LIGHTS["red"]),
                        [sum(v == "red" for v in lt.values()) for _r, _w, lt in runs],
                        "#b3261e",
                    ),
                    (
                        _(LIGHTS["amber"]),
                        [sum(v == "amber" for v in lt.values()) for _r, _w, lt in runs],
                        "#b86e00",
                    ),
                ],
                caption=_("Number of red and amber checks in each audit run."),
            )
        )


def _fill(days: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    """Every calendar day from the first to the last, quiet days as zeros."""
    if not days:
        return []
    known = {d[0]: d for d in days}
    first, last = date.fromisoformat(days[0][0]), date.fromisoformat(days[-1][0])
    out = []
    while first <= last:
        key = first.isoformat()
        out.append(known.get(key, (key, 0, 0, 0)))
        first += timedelta(days=1)
    return out


def _bucket(days: list[tuple[str, int, int, int]]) -> tuple[list[str], list[float], list[float]]:
    """Daily counts, or weekly sums (Monday dates) when there are more than 120 days."""
    days = _fill(days)
    if len(days) <= 120:
        return [d[0] for d in days], [d[3] for d in days], [d[2] for d in days]
    weeks: dict[str, list[int]] = {}
    for day, _inb, rep, bi in days:
        d = date.fromisoformat(day)
        key = (d - timedelta(days=d.weekday())).isoformat()
        w = weeks.setdefault(key, [0, 0])
        w[0] += bi
        w[1] += rep
    keys = sorted(weeks)
    return keys, [weeks[k][0] for k in keys], [weeks[k][1] for k in keys]
