"""Render messages as export text in each layout (the inverse of the parser, for tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

LRM = "\u200e"
NNBSP = "\u202f"


@dataclass
class Msg:
    ts: datetime
    sender: str | None
    text: str


def _h12(ts: datetime, sep: str = " ", upper: bool = True, seconds: bool = False) -> str:
    h = ts.hour % 12 or 12
    marker = ("PM" if ts.hour >= 12 else "AM") if upper else ("pm" if ts.hour >= 12 else "am")
    clock = f"{h}:{ts.minute:02d}" + (f":{ts.second:02d}" if seconds else "")
    return f"{clock}{sep}{marker}"


# name -> (header function, has_seconds, platform)
LAYOUTS = {
    "android_en_gb": (lambda t: f"{t:%d/%m/%Y}, {t:%H:%M} - ", False),
    "android_it": (lambda t: f"{t:%d/%m/%y}, {t:%H:%M} - ", False),
    "android_en_us_12h_nnbsp": (
        lambda t: f"{t.month}/{t.day}/{t:%y}, {_h12(t, NNBSP)} - ",
        False,
    ),
    "android_en_us_12h_space": (lambda t: f"{t.month}/{t.day}/{t:%y}, {_h12(t)} - ", False),
    "android_en_in_12h_lower": (lambda t: f"{t:%d/%m/%y}, {_h12(t, ' ', False)} - ", False),
    "android_nl": (lambda t: f"{t:%d-%m-%Y} {t:%H:%M} - ", False),
    "android_de": (lambda t: f"{t:%d.%m.%y}, {t:%H:%M} - ", False),
    "android_cs": (lambda t: f"{t:%d.%m.%y} {t:%H:%M} - ", False),
    "android_iso": (lambda t: f"{t:%Y-%m-%d} {t:%H:%M} - ", False),
    "android_cjk": (lambda t: f"{t:%Y/%m/%d} {t:%H:%M} - ", False),
    "android_es_mx": (
        lambda t: f"{t.day}/{t.month}/{t:%Y} {t.hour % 12 or 12}:{t:%M} "
        + ("p.\u00a0m." if t.hour >= 12 else "a.\u00a0m.")
        + " - ",
        False,
    ),
    "ios_en_gb": (lambda t: f"[{t:%d/%m/%Y}, {t:%H:%M:%S}] ", True),
    "ios_nl": (lambda t: f"[{t:%d-%m-%y} {t:%H:%M:%S}] ", True),
    "ios_de": (lambda t: f"[{t:%d.%m.%y}, {t:%H:%M:%S}] ", True),
    "ios_fr_no_comma": (lambda t: f"[{t:%d/%m/%Y} {t:%H:%M:%S}] ", True),
    "ios_en_us": (lambda t: f"[{t.month}/{t.day}/{t:%y}, {_h12(t, NNBSP, seconds=True)}] ", True),
    "ios_fi_klo": (lambda t: f"[{t.day}.{t.month}.{t:%Y} klo {t.hour}.{t:%M.%S}] ", True),
    "ios_id_dots": (lambda t: f"[{t:%d/%m/%y} {t:%H.%M.%S}] ", True),
    "ios_vi_time_first": (lambda t: f"[{t:%H:%M:%S}, {t:%d/%m/%y}] ", True),
    "ios_th_buddhist": (lambda t: f"[{t.month}/{t.day}/{t.year + 543} BE, {t:%H:%M:%S}] ", True),
    "ios_legacy_colon": (lambda t: f"{t.month}/{t.day}/{t:%y}, {_h12(t, seconds=True)}: ", True),
    "hr_dotted": (lambda t: f"{t.day}. {t.month}. {t.year}. {t:%H:%M:%S} ", True),
    "android_month_name": (lambda t: f"{t.day} {t:%b} {t.year}, {t:%H:%M} - ", False),
}


def render(layout: str, messages: list[Msg], newline: str = "\n") -> str:
    header, _ = LAYOUTS[layout]
    out = []
    for m in messages:
        lead = header(m.ts)
        body = m.text.replace("\n", newline)
        out.append(f"{lead}{m.sender}: {body}" if m.sender else f"{lead}{body}")
    return newline.join(out) + newline
