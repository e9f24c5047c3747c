"""Reports: the audit as a document for the business or its consultant.

    build_report(db, report, pseudonymize=False) -> Document   (report.builder; current language)
    render_html(doc) -> str                                     (report.html; self-contained)
    export_report(db, path, report=None, lang=None, pseudonymize=False) -> Path
        .html here; .pdf through wa_audit.ui.pdf_report (Qt, imported only then)
    history: mark_explained / reopen / notes / changes         (report.history)

The builder produces a plain document model (report.document); the HTML renderer and the Qt
PDF writer both render that model, and both escape every string.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def export_report(
    db,
    path: Path | str,
    report: Any = None,
    *,
    lang: str | None = None,
    pseudonymize: bool = False,
    kind: str = "report",
    steps: list[str] | None = None,
    progress: Any = None,
) -> Path:
    """Write the report (kind="report") or the appeal summary (kind="appeal") to .html or .pdf.

    report: an AuditReport; None = the latest stored run (or a new audit if there is none).
    lang: "en" | "nl" | "de"; None = the current language. The language is restored after.
    """
    from wa_audit import i18n

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise ValueError(suffix)
    previous = i18n.current_language()
    if lang:
        i18n.set_language(lang)
    try:
        if report is None:
            report = latest_report(db)
        if kind == "appeal":
            from wa_audit.exports.appeal import build_appeal

            doc = build_appeal(db, report, steps, pseudonymize=pseudonymize)
        else:
            from wa_audit.report.builder import build_report

            doc = build_report(db, report, pseudonymize=pseudonymize)
        if suffix == ".pdf":
            from wa_audit.ui.pdf_report import write_pdf  # Qt only for PDF

            return write_pdf(doc, path, progress=progress)
        from wa_audit.report.html import render_html

        path.write_text(render_html(doc), encoding="utf-8")
        return path
    finally:
        i18n.set_language(previous)


def latest_report(db, rerun: bool = False) -> Any:
    """The latest stored audit run, unless messages were imported or findings marked/reopened
    after it (then audit again, so the lights count the marks)."""
    from wa_audit.audit import load_run, run_audit

    if not rerun:
        row = db.execute(
            "SELECT id, started_at FROM audit_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row:
            newest_import = db.execute(
                "SELECT MAX(imported_at) FROM imports WHERE status != 'error'"
            ).fetchone()[0]
            newest_note = db.execute("SELECT MAX(created_at) FROM finding_notes").fetchone()[0]
            started = row[1] or ""
            # Both are UTC ISO strings, compared to the second (a mark in the same second as
            # the run counts as newer: re-running is cheap, missing a mark is not).
            fresh = (not newest_import or newest_import[:19] <= started[:19]) and (
                not newest_note or newest_note[:19] < started[:19]
            )
            if fresh:
                report = load_run(db, row[0])
                if report is not None:
                    return report
    return run_audit(db)
