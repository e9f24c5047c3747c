"""CSV that is safe to open in Excel / LibreOffice (no formula injection).

A text cell starting with = + - @ tab or CR is a formula to a spreadsheet (OWASP "CSV
injection"); we prefix it with an apostrophe, which spreadsheets show as plain text.
Numbers stay numbers (a negative amount is not text, so it is not touched).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(DANGEROUS):
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
    path: Path | str, headers: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ","
) -> Path:
    """Write UTF-8 with BOM, so Excel shows umlauts and accents correctly."""
    path = Path(path)
    path.write_text(csv_text(headers, rows, delimiter), encoding="utf-8-sig", newline="")
    return path
