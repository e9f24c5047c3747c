"""The one report module allowed to reach Qt: it loads the Qt PDF writer (wa_audit.ui.pdf_report,
QTextDocument + QPdfWriter) only when a PDF is asked for. Every other report module is Qt-free,
so the HTML report, the JSON and the exports work without Qt installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wa_audit.report.document import Document


def write_pdf(
    doc: Document, path: Path | str, progress: Any = None, shown_name: str | None = None
) -> Path:
    """Paginate and write `doc` as PDF; progress(page, pages) returning False cancels
    (ExportCancelled, no file left); an unwritable target raises OutputFailed."""
    from wa_audit.ui.pdf_report import write_pdf as qt_write_pdf

    return qt_write_pdf(doc, path, progress=progress, shown_name=shown_name)
