"""A tiny document model: the report is built once as blocks, then rendered to HTML or PDF.

Blocks hold plain, already translated text. Renderers escape every string they output, so no
builder ever has to think about markup (and message text can never become markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Badge:
    """A traffic light shown as coloured shape + word (never colour alone)."""

    light: str  # green | amber | red | grey | error | explained
    label: str


Cell = str | Badge


@dataclass
class Heading:
    text: str
    level: int = 2
    anchor: str = ""


@dataclass
class Para:
    text: str
    style: str = ""  # "" | lead | small | muted | quote


@dataclass
class Bullets:
    items: list[str]


@dataclass
class KeyValues:
    """Two-column facts table without a header row (cover, figures)."""

    rows: list[tuple[str, Cell]]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    widths: list[int] | None = None  # percentages
    style: str = ""  # "" | evidence


@dataclass
class Box:
    """A framed note: the "limits of this audit" box, warnings."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    style: str = "note"  # note | warning


@dataclass
class Chart:
    """Data for one chart; each renderer draws it its own way (SVG in HTML, QPainter in PDF)."""

    kind: str  # "daily" (stacked bars, labels are ISO dates) | "heatmap" (7 x 24 grid) | "bars"
    title: str
    labels: list[str] = field(default_factory=list)
    series: list[tuple[str, list[float], str]] = field(default_factory=list)  # name, values, colour
    caption: str = ""
    grid: list[list[int]] = field(default_factory=list)  # heatmap rows Mon..Sun x 24 hours
    row_labels: list[str] = field(default_factory=list)


@dataclass
class PageBreak:
    pass


@dataclass
class Cover:
    title: str
    subtitle: str
    light: Badge
    facts: list[tuple[str, str]]
    note: str = ""


Block = Heading | Para | Bullets | KeyValues | Table | Box | Chart | PageBreak | Cover


@dataclass
class Document:
    title: str
    lang: str
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""  # left part of the PDF footer (business name, date)
    meta: dict[str, Any] = field(default_factory=dict)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def text(self) -> str:
        """All visible text, one string (tests and search)."""
        out: list[str] = [self.title]
        for b in self.blocks:
            out.extend(_texts(b))
        return "\n".join(out)


def _texts(b: Block) -> list[str]:
    def cell(c: Cell) -> str:
        return c.label if isinstance(c, Badge) else c

    if isinstance(b, Heading | Para):
        return [b.text]
    if isinstance(b, Bullets):
        return list(b.items)
    if isinstance(b, KeyValues):
        return [f"{k} {cell(v)}" for k, v in b.rows]
    if isinstance(b, Table):
        return [" ".join(b.headers)] + [" ".join(cell(c) for c in r) for r in b.rows]
    if isinstance(b, Box):
        return [b.title, *b.paragraphs, *b.items]
    if isinstance(b, Chart):
        return [b.title, b.caption, *b.labels]
    if isinstance(b, Cover):
        return [b.title, b.subtitle, b.light.label, *(f"{k} {v}" for k, v in b.facts), b.note]
    return []
