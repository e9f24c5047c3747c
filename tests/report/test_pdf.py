from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest

from tests.report.workspace import NASTY
from wa_audit.report.builder import build_report

pytestmark = pytest.mark.usefixtures("qapp")


def _text(pdf) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", out)  # Qt writes "fi" as a ligature


def _pages(pdf) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def test_pdf_sections_numbers_and_footer(ws_ids, report, tmp_path):
    from wa_audit.ui.pdf_report import write_pdf

    ws, ids = ws_ids
    report.findings[0].result.evidence = ids["nasty"] + ids["promo"]
    pdf = write_pdf(build_report(ws.db, report), tmp_path / "r.pdf")
    text = _text(pdf)
    pages = _pages(pdf)
    assert pages >= 4
    for section in (
        "WhatsApp Business audit",
        "Summary",
        "Fix first (1)",
        "Findings",
        "Evidence",
        "Moving to the WhatsApp Business Platform",
        "Cost estimate",
        "Limits of this audit",
        "Methodology and thresholds",
        "Appendix: opt-out register",
    ):
        assert section in text, section
    assert re.search(r"Messages analysed\s+45", text)
    assert re.search(r"Chats analysed\s+14", text)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    flat = " ".join(text.split())
    for nasty in NASTY:
        assert " ".join(nasty.split()) in flat  # message text shown literally


def test_pdf_fonts_are_embedded(ws_ids, report, tmp_path):
    from wa_audit.ui.pdf_report import write_pdf

    ws, _ids = ws_ids
    pdf = write_pdf(build_report(ws.db, report), tmp_path / "r.pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows)


def test_table_header_repeats_on_every_page(ws_ids, report, tmp_path):
    from wa_audit.report.document import Document, Table
    from wa_audit.ui.pdf_report import write_pdf

    doc = Document("Long", "en", footer="x")
    doc.add(Table(["Col-Head-A", "Col-Head-B"], [[f"row {i}", "x"] for i in range(300)]))
    pdf = write_pdf(doc, tmp_path / "t.pdf")
    pages = _pages(pdf)
    assert pages >= 3
    assert _text(pdf).count("Col-Head-A") == pages


def test_page_one_renders(ws_ids, report, tmp_path):
    from wa_audit.ui.pdf_report import write_pdf

    ws, _ids = ws_ids
    pdf = write_pdf(build_report(ws.db, report), tmp_path / "r.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    png = next(tmp_path.glob("p*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000
