"""Pseudonymisation that holds (issue 10, second section): a pseudonymised report (HTML, PDF
text and bytes), appeal summary, CSV and JSON made from a workspace full of hard cases carries
no original name, number, address or free text."""

from __future__ import annotations

import contextlib
import html
import re
import shutil
import subprocess
import unicodedata
import zlib

import pytest

from tests.faults.conftest import CUSTOMERS, ORIGINAL_TOKENS, REASON, STEP


def _variants(token: str) -> set[str]:
    out = {token, unicodedata.normalize("NFC", token), unicodedata.normalize("NFKD", token)}
    out |= {v.upper() for v in out} | {v.casefold() for v in out}
    return out


TOKENS = sorted(
    {v for t in ORIGINAL_TOKENS for v in _variants(t)}
    | {w for name, _l, _p in CUSTOMERS for w in re.findall(r"\w+", name) if not w.isdigit()}
    | {w for text in (REASON, STEP) for w in re.findall(r"[^\W\d_]{4,}|\d{3,}", text)}
    - {"Removed", "from", "every", "list", "bestelde", "zelf", "REMOVED", "FROM", "EVERY", "LIST"}
)


def _leaks(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", html.unescape(text))
    return [
        t
        for t in TOKENS
        if re.search(r"(?<![^\W_])" + re.escape(t) + r"(?![^\W_])", text, re.IGNORECASE)
    ]


def _pdf_plain_parts(raw: bytes) -> str:
    """The PDF's uncompressed parts (metadata, dictionaries) and its inflated streams. Glyphs
    in content streams are font indexes, so the text layer is checked with pdftotext."""
    parts = [re.sub(rb"stream\r?\n.*?\r?\nendstream", b"", raw, flags=re.S).decode("latin-1")]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(m.group(1)).decode("latin-1"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def outputs(built, tmp_path_factory):
    from wa_audit.cli import main

    out = tmp_path_factory.mktemp("shared")
    files = {
        "report.html": "--out",
        "report.pdf": "--out",
        "appeal.html": "--appeal",
        "appeal.pdf": "--appeal",
        "optouts.csv": "--optout-csv",
        "templates.csv": "--templates",
        "templates.json": "--templates",
        "audit.json": "--json",
    }
    for name, option in files.items():
        args = ["report", "--db", str(built.db), option, str(out / name), "--pseudonymize"]
        assert main([*args, "--step", STEP]) == 0, name
    return out


def test_the_hard_cases_are_really_in_the_workspace(built, tmp_path):
    """Negative control: without pseudonymisation the same outputs do carry the originals."""
    from wa_audit.cli import main

    args = ["report", "--db", str(built.db), "--out", str(tmp_path / "r.html")]
    assert main([*args, "--json", str(tmp_path / "a.json"), "--step", STEP]) == 0
    plain_text = (tmp_path / "r.html").read_text("utf-8") + (tmp_path / "a.json").read_text()
    found = set(_leaks(plain_text))
    for expected in ("Jürgen", "Weiß", "Wiltrud", "Bo"):
        assert expected in found or expected.casefold() in {f.casefold() for f in found}


@pytest.mark.parametrize(
    "name",
    ["report.html", "appeal.html", "optouts.csv", "templates.csv", "templates.json", "audit.json"],
)
def test_no_original_token_in_text_outputs(outputs, name):
    raw = (outputs / name).read_bytes()
    assert _leaks(raw.decode("utf-8-sig")) == []
    for token in TOKENS:
        assert token.encode("utf-8") not in raw or not re.search(
            rb"(?<![A-Za-z0-9])" + re.escape(token.encode()) + rb"(?![A-Za-z0-9])", raw
        ), token


@pytest.mark.parametrize("name", ["report.pdf", "appeal.pdf"])
def test_no_original_token_in_pdf_text_or_bytes(outputs, name):
    raw = (outputs / name).read_bytes()
    # short tokens ("Bo") occur by chance in binary font data; names of 4+ letters do not
    assert [t for t in _leaks(_pdf_plain_parts(raw)) if len(t) >= 4] == []
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(outputs / name), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Customer " in text or name.startswith("appeal")
        assert _leaks(unicodedata.normalize("NFKC", text)) == []


def test_json_has_no_evidence_texts_and_notes_are_withheld(outputs):
    import json

    data = json.loads((outputs / "audit.json").read_text("utf-8"))
    assert "evidence" not in data["audit"]
    assert all("evidence" not in f for f in data["audit"]["findings"])
    assert data["notes"] and all(
        n["reason"] == "(text not shown in a pseudonymised report)" for n in data["notes"]
    )


def test_dates_are_kept_not_masked(outputs):
    page = (outputs / "report.html").read_text("utf-8")
    data = (outputs / "audit.json").read_text("utf-8")
    assert "•••T" not in page + data
    assert re.search(r"2026-09-\d\dT\d\d:\d\d", data)  # ISO timestamps in the JSON
    assert "2026" in page and "Customer " in page


def test_typed_steps_and_reasons_are_not_printed(outputs):
    page = (outputs / "appeal.html").read_text("utf-8")
    assert "(text not shown in a pseudonymised report)" in page
    assert "Lindengracht" not in page and "Kasimirsen" not in page
