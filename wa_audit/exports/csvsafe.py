"""CSV that is safe to open in Excel / LibreOffice (no formula injection, no control codes).

A text cell whose first visible character is = + - @ (also their full-width forms ＝ ＋ － ＠)
is a formula to a spreadsheet (OWASP "CSV injection"), even after leading spaces, no-break
spaces, zero-width characters, a byte-order mark, quotes or line breaks, which spreadsheets
skip; so is a cell starting with tab or CR. Such a cell gets a leading apostrophe, which
spreadsheets show as plain text. NUL and terminal control characters become U+FFFD. Numbers
stay numbers (a negative amount is not text, so it is not touched).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from wa_audit.outputs import plain, write_text

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
# skipped by spreadsheets before they look for a formula sign
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\"'\r\n\t"


def _first_visible(text: str) -> str:
    for ch in text:
        if ch in _INVISIBLE or ch.isspace() or unicodedata.category(ch) in ("Zs", "Cf"):
            continue
        return unicodedata.normalize("NFKC", ch)
    return ""


def neutralise(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    raw = str(value)
    text = plain(raw, keep_cr=True)
    if raw.startswith(("\t", "\r")) or _first_visible(text) in DANGEROUS[:4]:
        return "'" + text
    return text


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise(c) for c in row])
    return buf.getvalue()


def write_csv(
    path: Path | str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    delimiter: str = ",",
    *,
    protected: Iterable[Path | str] = (),
    force: bool = False,
) -> Path:
    """Write UTF-8 with BOM, so Excel shows umlauts and accents correctly (wa_audit.outputs:
    atomically, never over a protected file, an existing file only with force)."""
    return write_text(
        path,
        csv_text(headers, rows, delimiter),
        encoding="utf-8-sig",
        protected=protected,
        force=force,
    )
