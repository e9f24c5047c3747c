from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest

from tests.report.workspace import OWNER
from wa_audit.report.builder import build_report
from wa_audit.report.html import render_html
from wa_audit.report.pseudonym import Pseudonymizer, pseudonymizer_for, workspace_salt

ORIGINAL_NUMBERS = ["12345678", "98765432", "06-98765432", "+31 6 12345678"]


def _originals(ws) -> list[str]:
    names = [r[0] for r in ws.db.execute("SELECT DISTINCT name FROM participants")]
    names += [r[0] for r in ws.db.execute("SELECT title FROM chats")]
    out = set()
    for n in names:
        if n == OWNER:
            continue
        out.add(n)
        out.update(t for t in re.findall(r"\w+", n) if len(t) >= 3 and not t.isdigit())
    return sorted(out) + ORIGINAL_NUMBERS


def _assert_clean(blob: str, originals: list[str]) -> None:
    import html

    text = html.unescape(blob)
    for o in originals:
        # whole words: "Tom" must not be found inside "Customer"
        assert not re.search(r"(?<!\w)" + re.escape(o) + r"(?!\w)", text, re.IGNORECASE), o


def test_pseudonyms_are_stable_and_salted():
    a = Pseudonymizer(b"salt-a", names=["Anna de Vries"])
    b = Pseudonymizer(b"salt-b", names=["Anna de Vries"])
    assert a.name("Anna de Vries") == a.name("anna de vries ")
    assert a.name("Anna de Vries") != b.name("Anna de Vries")
    assert a.name("Anna de Vries").startswith("Customer ")
    assert a.name("+31 6 12345678").startswith("Number ")
    # free text is never quoted in a pseudonymised output
    assert a.text("Hoi Anna, bel 06-12345678 of mail anna@x.nl") == (
        "(text not shown in a pseudonymised report)"
    )


@pytest.mark.parametrize(
    ("known", "written"),
    [("Jürgen Weiß", "JÜRGEN WEISS"), ("İbrahim Yılmaz", "ibrahim yılmaz"), ("Zoë", "Zoe\u0308")],
)
def test_names_match_normalised_and_case_folded(known, written):
    p = Pseudonymizer(b"s", names=[known])
    assert p.name(written) == p.name(known)
    assert p.label(written) == p.name(known)


def test_label_keeps_app_words_dates_and_codes_masks_the_rest():
    p = Pseudonymizer(b"s", names=["Hoi Bo"])
    assert p.label("2026-10-13T10:00:00") == "2026-10-13T10:00:00"
    assert p.label("NL") == "NL" and p.label("broadcast_fanout") == "broadcast_fanout"
    assert "wiltrud" not in p.label("hoi_wiltrud_taart")
    masked = p.label("Bo lives at Kerkstraat 12, 1012 AB, NL91ABNA0417164300")
    for token in ("Bo", "Kerkstraat", "12", "1012", "NL91ABNA0417164300", "0417164300"):
        assert token not in masked


def test_salt_is_created_once_per_workspace(ws_ids):
    ws, _ids = ws_ids
    assert workspace_salt(ws.db) == workspace_salt(ws.db)
    assert len(workspace_salt(ws.db)) == 32


def test_owner_name_is_kept(ws_ids):
    ws, _ids = ws_ids
    p = pseudonymizer_for(ws.db, OWNER)
    assert p.name(OWNER) == OWNER
    assert p.name("Anna de Vries") != "Anna de Vries"


def test_no_original_name_or_number_in_html(ws_ids, report):
    ws, _ids = ws_ids
    page = render_html(build_report(ws.db, report, pseudonymize=True))
    _assert_clean(page, _originals(ws))
    assert "Customer " in page and OWNER in page


def test_no_original_name_or_number_in_pdf(ws_ids, report, tmp_path, qapp):
    pytest.importorskip("PySide6")
    from wa_audit.ui.pdf_report import write_pdf

    ws, _ids = ws_ids
    pdf = write_pdf(build_report(ws.db, report, pseudonymize=True), tmp_path / "r.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = unicodedata.normalize("NFKC", text)
    assert "Customer " in text
    _assert_clean(text, _originals(ws))
    raw = pdf.read_bytes()
    for o in _originals(ws):  # also not in metadata or uncompressed strings
        assert not re.search(rb"(?<![A-Za-z])" + re.escape(o.encode()) + rb"(?![A-Za-z])", raw), o


def test_exports_pseudonymised(ws_ids, report, tmp_path):
    from wa_audit.exports.optout import write_register_csv
    from wa_audit.exports.templates import write_templates
    from wa_audit.report.audit_json import write_full_json

    ws, _ids = ws_ids
    p = pseudonymizer_for(ws.db, OWNER)
    write_register_csv(ws.db, tmp_path / "o.csv", p)
    write_templates(ws.db, tmp_path / "t.json", p)
    write_templates(ws.db, tmp_path / "t.csv", p)
    write_full_json(ws.db, report, tmp_path / "a.json", p)
    for f in ("o.csv", "t.json", "t.csv", "a.json"):
        _assert_clean((tmp_path / f).read_text("utf-8-sig"), _originals(ws))


def test_rule_parameters_in_lists_and_dicts_are_pseudonymised_too():
    from wa_audit.report.builder import _pseudo_value

    p = Pseudonymizer(b"s", names=["Anna de Vries", "Hoi Bo"])
    shown = _pseudo_value(
        {"chats": ["Anna de Vries", "Hoi Bo"], "top": ("Hoi Bo", 3), "n": 7, "at": "2026-10-13"},
        p,
    )
    assert shown["chats"] == [p.name("Anna de Vries"), p.name("Hoi Bo")]
    assert shown["top"] == (p.name("Hoi Bo"), 3) and shown["n"] == 7
    assert shown["at"] == "2026-10-13"
