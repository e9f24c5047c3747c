"""Charts as SVG text (core, no Qt): stacked bars with a legend and a few axis labels."""

from __future__ import annotations

from xml.sax.saxutils import escape

from wa_audit.report.document import Chart

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 50, 10, 30, 50


def nice_max(value: float) -> float:
    """A round axis maximum >= value (1, 2, 5 x 10^n)."""
    if value <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= value:
        step *= 10
    for m in (1, 2, 5, 10):
        if m * step >= value:
            return m * step
    return 10 * step


def chart_svg(c: Chart) -> str:
    n = max(len(c.labels), 1)
    totals = [sum(s[1][i] for s in c.series if i < len(s[1])) for i in range(n)]
    top = nice_max(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar = max(slot * 0.75, 1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="11">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for k in range(5):  # grid lines with values
        v = top * k / 4
        y = TOP + plot_h - plot_h * k / 4
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#e3e3e8"/>'
        )
        out.append(
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#5b5b60">'
            f"{_num(v)}</text>"
        )
    for i in range(n):
        x = LEFT + i * slot + (slot - bar) / 2
        base = 0.0
        for _name, values, colour in c.series:
            v = values[i] if i < len(values) else 0
            if v <= 0:
                continue
            h = plot_h * v / top
            y = TOP + plot_h - plot_h * base / top - h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{escape(colour)}"/>'
            )
            base += v
    every = max(1, round(n / 12))  # at most ~12 labels, so they never overlap
    for i, label in enumerate(c.labels):
        if i % every:
            continue
        if c.kind == "daily":
            label = _day(label)
        x = LEFT + i * slot + slot / 2
        out.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'fill="#5b5b60">{escape(label)}</text>'
        )
    lx = LEFT
    for name, _values, colour in c.series:
        out.append(f'<rect x="{lx}" y="8" width="12" height="12" fill="{escape(colour)}"/>')
        out.append(f'<text x="{lx + 16}" y="18">{escape(name)}</text>')
        lx += 24 + 7 * len(name)
    out.append("</svg>")
    return "\n".join(out)


def _num(v: float) -> str:
    return f"{v:,.0f}" if v >= 10 or v == int(v) else f"{v:.1f}"


def heatmap_svg(c: Chart) -> str:
    rows = c.grid or [[0] * 24 for _ in range(7)]
    peak = max((v for r in rows for v in r), default=0) or 1
    cell_w, cell_h, left, top = 26, 22, 50, 24
    w, h = left + 24 * cell_w + 10, top + len(rows) * cell_h + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="10">',
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
    ]
    for hour in range(0, 24, 3):
        out.append(
            f'<text x="{left + hour * cell_w + cell_w / 2}" y="{top - 8}" text-anchor="middle" '
            f'fill="#5b5b60">{hour:02d}</text>'
        )
    for r, row in enumerate(rows):
        label = c.row_labels[r] if r < len(c.row_labels) else ""
        y = top + r * cell_h
        out.append(
            f'<text x="{left - 6}" y="{y + cell_h * 0.68:.1f}" text-anchor="end" fill="#5b5b60">'
            f"{escape(label)}</text>"
        )
        for hour, v in enumerate(row[:24]):
            shade = v / peak
            # white -> dark green
            rgb = tuple(round(a + (b - a) * shade) for a, b in ((238, 11), (244, 107), (242, 85)))
            out.append(
                f'<rect x="{left + hour * cell_w}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="rgb{rgb}"/>'
            )
    out.append("</svg>")
    return "\n".join(out)


def svg_for(c: Chart) -> str:
    return heatmap_svg(c) if c.kind == "heatmap" else chart_svg(c)


def _day(iso: str) -> str:
    from datetime import date

    from wa_audit.i18n import format_day_month

    try:
        return format_day_month(date.fromisoformat(iso))
    except ValueError:
        return iso
