"""Render a report Document to HTML.

Two flavours from one code path, so escaping is written (and tested) once:
- "browser": one self-contained file (inline CSS, charts as SVG data URIs), prints well;
- "qt": the rich-text subset QTextDocument understands, charts as `chart:N` image resources
  that wa_audit.ui.pdf_report paints and registers.
Every string from a Document goes through `esc()`; nothing is ever inserted raw.
"""

from __future__ import annotations

import base64
import html
import re

from wa_audit.outputs import plain
from wa_audit.report.document import (
    Badge,
    Block,
    Box,
    Bullets,
    Cell,
    Chart,
    Cover,
    Document,
    Heading,
    KeyValues,
    PageBreak,
    Para,
    Table,
)
from wa_audit.report.svg import svg_for

LIGHT_COLOURS = {
    "green": "#1e7b34",
    "amber": "#b86e00",
    "red": "#b3261e",
    "grey": "#6b6b6b",
    "error": "#6b6b6b",
    "explained": "#3b5bab",
}
# Shapes so a light never relies on colour alone (also readable on a black-and-white print).
LIGHT_SHAPES = {
    "green": "●",
    "amber": "▲",
    "red": "■",
    "grey": "○",
    "error": "✕",
    "explained": "◆",
}

CSS = """
:root { --ink:#1d1d1f; --muted:#5b5b60; --line:#d0d0d5; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.9em; margin: .2em 0; } h2 { font-size: 1.35em; margin-top: 1.6em;
  border-bottom: 2px solid var(--line); padding-bottom: .2em; } h3 { font-size: 1.1em; margin-top: 1.3em; }
.lead { font-size: 1.1em; } .small, .muted { color: var(--muted); font-size: .9em; }
.quote { border-left: 3px solid var(--line); padding-left: .7em; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; }
th, td { border: 1px solid var(--line); padding: .3em .5em; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; word-break: break-word; }
thead th { background: #f0f0f3; }
table.kv td:first-child { width: 35%; color: var(--muted); }
table.evidence td { font-size: .92em; } table.evidence td.msg { white-space: pre-wrap;
  overflow-wrap: anywhere; }
.badge { font-weight: bold; white-space: nowrap; }
.box { border: 2px solid var(--line); border-radius: 6px; padding: .6em 1em; margin: 1em 0;
  background: #fafafa; } .box.warning { border-color: #b86e00; } .box h4 { margin: .1em 0 .4em; }
.cover { border: 2px solid var(--line); border-radius: 8px; padding: 1.5em; margin-bottom: 2em; }
.cover .light { font-size: 1.6em; margin: .4em 0; }
figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9em; }
.pagebreak { page-break-after: always; break-after: page; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; } tr, .box, figure { page-break-inside: avoid; }
  h2, h3 { page-break-after: avoid; }
  @page { size: A4; margin: 15mm; }
}
"""


LONG_TOKEN = re.compile(r"\S{40}")


def esc(text: object) -> str:
    """Escape text for element content and quoted attributes (quotes included); NUL, terminal
    control characters and bidi overrides become U+FFFD (outputs.plain)."""
    return html.escape(plain(text), quote=True)


def _breakable(text: str) -> str:
    """Long unbroken tokens (a URL, a hash, a row of emoji) get a zero-width space every 40
    characters, so a table cell wraps also where CSS overflow-wrap is not supported (Qt)."""
    return LONG_TOKEN.sub(lambda m: m.group(0) + "\u200b", text)


def badge_html(b: Badge, flavour: str = "browser", size: str = "") -> str:
    colour = LIGHT_COLOURS.get(b.light, "#6b6b6b")
    shape = LIGHT_SHAPES.get(b.light, "○")
    big = f"; font-size:{size}" if size else ""
    if flavour == "qt":
        return f'<span style="color:{colour}; font-weight:bold{big}">{shape} {esc(b.label)}</span>'
    return f'<span class="badge" style="color:{colour}{big}">{shape} {esc(b.label)}</span>'


def _cell(c: Cell, flavour: str) -> str:
    if isinstance(c, Badge):
        return badge_html(c, flavour)
    # Newlines in message text stay visible as line breaks.
    return esc(_breakable(str(c))).replace("\n", "<br>")


def render_html(doc: Document, flavour: str = "browser") -> str:
    """The whole document as one HTML string."""
    parts: list[str] = []
    charts = 0
    for block in doc.blocks:
        if isinstance(block, Chart):
            parts.append(_chart(block, flavour, charts))
            charts += 1
        else:
            parts.append(_block(block, flavour))
    body = "\n".join(parts)
    if flavour == "qt":
        return f"<html><body>{body}</body></html>"
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # No scripts at all; the CSP makes sure nothing injected could run either.
        f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"img-src data:; style-src 'unsafe-inline'\">\n"
        f"<title>{esc(doc.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f'<footer class="small">{esc(doc.footer)}</footer>\n</body>\n</html>\n'
    )


def _block(b: Block, flavour: str) -> str:
    qt = flavour == "qt"
    if isinstance(b, Heading):
        level = min(max(b.level, 1), 4)
        anchor = f' id="{esc(b.anchor)}"' if b.anchor and not qt else ""
        return f"<h{level}{anchor}>{esc(b.text)}</h{level}>"
    if isinstance(b, Para):
        text = esc(b.text).replace("\n", "<br>")
        if qt:
            style = {
                "lead": "font-size:12pt",
                "small": "color:#5b5b60; font-size:9pt",
                "muted": "color:#5b5b60",
                "quote": "color:#5b5b60; margin-left:12px",
            }.get(b.style, "")
            return f'<p style="{style}">{text}</p>' if style else f"<p>{text}</p>"
        cls = f' class="{esc(b.style)}"' if b.style else ""
        return f"<p{cls}>{text}</p>"
    if isinstance(b, Bullets):
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in b.items) + "</ul>"
    if isinstance(b, KeyValues):
        rows = "".join(
            f"<tr><td{_qt_td(qt, muted=True)}>{esc(k)}</td><td{_qt_td(qt)}>{_cell(v, flavour)}</td></tr>"
            for k, v in b.rows
        )
        if qt:  # a plain two-column list; Qt draws collapsed borders unevenly here
            return f'<table border="0" cellspacing="0" cellpadding="3" width="100%">{rows}</table>'
        return f'<table class="kv">{rows}</table>'
    if isinstance(b, Table):
        return _table(b, flavour)
    if isinstance(b, Box):
        return _box(b, flavour)
    if isinstance(b, Cover):
        return _cover(b, flavour)
    if isinstance(b, PageBreak):
        if qt:
            return '<p style="page-break-after: always"></p>'
        return '<div class="pagebreak"></div>'
    raise TypeError(type(b).__name__)


def _qt_table(qt: bool) -> str:
    return (
        ' border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse:collapse;'
        ' border-color:#d0d0d5"'
        if qt
        else ""
    )


def _qt_td(qt: bool, muted: bool = False, width: int | None = None) -> str:
    if not qt:
        return f' style="width:{width}%"' if width else ""
    attrs = f' width="{width}%"' if width else ""
    return attrs + (' style="color:#5b5b60"' if muted else "")


def _table(t: Table, flavour: str) -> str:
    qt = flavour == "qt"
    widths = t.widths or [None] * len(t.headers)
    shade = ' bgcolor="#f0f0f3"' if qt else ""
    head_cells = "".join(
        f"<th{_qt_td(qt, width=w)}{shade}>{esc(h)}</th>"
        for h, w in zip(t.headers, widths, strict=False)
    )
    body = []
    for row in t.rows:
        cells = []
        for i, c in enumerate(row):
            cls = ' class="msg"' if t.style == "evidence" and i == len(row) - 1 and not qt else ""
            cells.append(
                f"<td{cls}{_qt_td(qt, width=widths[i] if i < len(widths) else None)}>"
                f"{_cell(c, flavour)}</td>"
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    cls = f' class="{esc(t.style)}"' if t.style else ""
    return (
        f"<table{_qt_table(qt)}{cls}><thead><tr>{head_cells}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _box(b: Box, flavour: str) -> str:
    inner = f"<h4>{esc(b.title)}</h4>" if flavour != "qt" else f"<p><b>{esc(b.title)}</b></p>"
    inner += "".join(f"<p>{esc(p)}</p>" for p in b.paragraphs)
    if b.items:
        inner += "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in b.items) + "</ul>"
    if flavour == "qt":
        colour = "#b86e00" if b.style == "warning" else "#9a9aa0"
        return (
            f'<table border="2" cellspacing="0" cellpadding="8" width="100%" '
            f'style="border-color:{colour}; border-style:solid" bgcolor="#fafafa">'
            f"<tr><td>{inner}</td></tr></table>"
        )
    return f'<div class="box {esc(b.style)}">{inner}</div>'


def _cover(c: Cover, flavour: str) -> str:
    facts = KeyValues(rows=list(c.facts))
    note = f'<p class="small">{esc(c.note)}</p>' if c.note else ""
    if flavour == "qt":
        note = f'<p style="color:#5b5b60">{esc(c.note)}</p>' if c.note else ""
        return (
            f'<h1 style="font-size:24pt">{esc(c.title)}</h1>'
            f'<p style="font-size:14pt">{esc(c.subtitle)}</p>'
            f'<p style="font-size:20pt">{badge_html(c.light, "qt", "22pt")}</p>'
            f"{_block(facts, 'qt')}{note}"
        )
    return (
        f'<section class="cover"><h1>{esc(c.title)}</h1><p class="lead">{esc(c.subtitle)}</p>'
        f'<p class="light">{badge_html(c.light)}</p>{_block(facts, "browser")}{note}</section>'
    )


def _chart(c: Chart, flavour: str, index: int) -> str:
    caption = esc(c.caption or c.title)
    if flavour == "qt":
        return (
            f'<p><b>{esc(c.title)}</b></p><p><img src="chart:{index}" width="640"></p>'
            f'<p style="color:#5b5b60; font-size:9pt">{esc(c.caption)}</p>'
        )
    data = base64.b64encode(svg_for(c).encode("utf-8")).decode("ascii")
    return (
        f'<figure><img alt="{esc(c.title)}" src="data:image/svg+xml;base64,{data}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )
