"""Dates and times of export headers: resolving the day/month order once per file."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import pairwise

_FIELDS = re.compile(r"[RHS]\d{1,2}|\d+")
# Japanese eras: year 1 of each era
_ERAS = {"R": 2018, "H": 1988, "S": 1925}
MONTHS = {
    # en
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # nl
    "mrt": 3, "mei": 5, "okt": 10,
    # de
    "mär": 3, "mrz": 3, "mai": 5, "dez": 12,
    # fr
    "janv": 1, "févr": 2, "fév": 2, "mars": 3, "avr": 4, "juin": 6, "juil": 7, "août": 8,
    "déc": 12,
    # es / it / pt
    "ene": 1, "abr": 4, "ago": 8, "dic": 12, "gen": 1, "mag": 5, "giu": 6, "lug": 7, "set": 9,
    "ott": 10, "fev": 2, "out": 10, "dez.": 12,
}  # fmt: skip


@dataclass(frozen=True)
class DateOrder:
    order: str  # dmy | mdy | ymd
    confidence: str  # high | medium | low
    reason: str  # short code for the import report


def fields(date: str) -> tuple[int, int, int] | None:
    """The three numbers of a numeric date, with eras and Buddhist years already resolved."""
    parts = _FIELDS.findall(date)
    if len(parts) != 3:
        return None
    out = []
    for p in parts:
        if p[0] in _ERAS:
            out.append(_ERAS[p[0]] + int(p[1:]))
        else:
            out.append(int(p))
    return out[0], out[1], out[2]


def _year(value: int, buddhist: bool) -> int:
    if value < 100:
        return 2000 + value if value < 70 else 1900 + value
    if buddhist or value > 2400:
        return value - 543
    return value


def resolve_order(
    dates: list[str], has_ampm: bool, separator: str, day_first_cue: bool = False
) -> DateOrder:
    """Decide d/m/y order from ALL distinct header dates of a file, in file order.

    `day_first_cue`: the file's own WhatsApp texts are in a day-first language (Spanish, Dutch,
    Turkish, ...) or its AM/PM markers are dotted ("a. m."): used only when the dates leave the
    order open (a one-day chat), before the weaker "AM/PM with slashes is US" cue."""
    triples = [t for t in (fields(d) for d in dates) if t]
    if not triples:
        return DateOrder("dmy", "low", "no_dates")
    if any(a > 31 or a >= 1000 for a, _, _ in triples):
        return DateOrder("ymd", "high", "year_first")
    first_gt12 = any(a > 12 for a, _, _ in triples)
    second_gt12 = any(b > 12 for _, b, _ in triples)
    if first_gt12 and not second_gt12:
        return DateOrder("dmy", "high", "day_over_12_first")
    if second_gt12 and not first_gt12:
        return DateOrder("mdy", "high", "day_over_12_second")
    if first_gt12 and second_gt12:
        # contradictory: keep the reading with fewer impossible dates
        bad_dmy = sum(1 for _, b, _ in triples if b > 12)
        bad_mdy = sum(1 for a, _, _ in triples if a > 12)
        return DateOrder("dmy" if bad_dmy <= bad_mdy else "mdy", "low", "contradictory")
    # Sequence test: within a year the month field never decreases; the day field does.
    dec_first = dec_second = 0
    for (a1, b1, c1), (a2, b2, c2) in pairwise(triples):
        if c1 != c2:
            continue
        dec_first += a2 < a1
        dec_second += b2 < b1
    if dec_first and not dec_second:
        return DateOrder("dmy", "medium", "sequence")
    if dec_second and not dec_first:
        return DateOrder("mdy", "medium", "sequence")
    changes_first = sum(t1[0] != t2[0] for t1, t2 in pairwise(triples))
    changes_second = sum(t1[1] != t2[1] for t1, t2 in pairwise(triples))
    if changes_first > changes_second:
        return DateOrder("dmy", "low", "change_frequency")
    if changes_second > changes_first:
        return DateOrder("mdy", "low", "change_frequency")
    # Locale cues: the file's language; US style is "/" with AM/PM; dots and dashes are
    # day-first regions.
    if day_first_cue:
        return DateOrder("dmy", "low", "language_cue")
    if has_ampm and separator == "/":
        return DateOrder("mdy", "low", "locale_cue")
    return DateOrder("dmy", "low", "locale_cue")


class DateParser:
    """Turns header date/time strings into ISO text; caches, since values repeat."""

    def __init__(self, order: str, month_names: bool = False) -> None:
        self.order = order
        self.month_names = month_names
        self._dates: dict[str, str | None] = {}
        self._times: dict[tuple[str, str], str | None] = {}
        self.buddhist = False

    def date(self, raw: str) -> str | None:
        cached = self._dates.get(raw, "")
        if cached != "":
            return cached
        value = self._parse_date(raw)
        self._dates[raw] = value
        return value

    def _parse_date(self, raw: str) -> str | None:
        if self.month_names:
            return self._parse_month_name(raw)
        t = fields(raw)
        if t is None:
            return None
        buddhist = "BE" in raw
        if self.order == "ymd":
            y, m, d = t
        elif self.order == "mdy":
            m, d, y = t
        else:
            d, m, y = t
        y = _year(y, buddhist)
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        return f"{y:04d}-{m:02d}-{d:02d}"

    def _parse_month_name(self, raw: str) -> str | None:
        parts = raw.replace(".", " ").split()
        if len(parts) < 2:
            return None
        day = int(parts[0])
        month = MONTHS.get(parts[1].lower()[:4]) or MONTHS.get(parts[1].lower()[:3])
        year = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1900
        if not month:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"

    def time(self, raw: str, ampm: str | None) -> str | None:
        key = (raw, ampm or "")
        cached = self._times.get(key, "")
        if cached != "":
            return cached
        value = _parse_time(raw, ampm)
        self._times[key] = value
        return value


_PM = ("p", "م", "午後", "下午", "오후", "in the afternoon", "in the evening")


@functools.lru_cache(maxsize=100_000)  # shared by all files of an import: times repeat
def _parse_time(raw: str, ampm: str | None) -> str | None:
    parts = [int(p) for p in re.split(r"[:.]", raw)]
    h, mi = parts[0], parts[1]
    s = parts[2] if len(parts) > 2 else 0
    if ampm:
        marker = ampm.strip().lower()
        pm = marker.startswith(_PM)
        if h == 12:
            h = 0
        if pm:
            h += 12
    if not (0 <= h <= 23 and 0 <= mi <= 59 and 0 <= s <= 59):
        return None
    return f"{h:02d}:{mi:02d}:{s:02d}"
