"""Hostile text in names and messages (issue 10, third section): control characters never
reach the terminal, a CSV or the HTML raw; long tokens wrap; CSV formulas are neutralised in
every disguise."""

from __future__ import annotations

import csv
import io
import re

import pytest

from wa_audit.exports.csvsafe import csv_text, neutralise
from wa_audit.report.document import Document, Para, Table
from wa_audit.report.html import render_html

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "Anna\x1b[2J\x1b]0;pwned\x07\x00 \u202egnp.exe\x9b31m"


def test_terminal_never_gets_control_characters(ws, cli):
    rc, _out, _err = cli("report", "--db", str(ws.db), "--explain", "R02", "--reason", HOSTILE)
    assert rc == 0
    rc, out, err = cli("report", "--db", str(ws.db), "--trail")
    assert rc == 0 and "Anna" in out and "\ufffd" in out
    assert not CONTROL.search(out.replace("\n", "")) and not CONTROL.search(err)


def test_terminal_error_naming_a_hostile_file_is_clean(cli, tmp_path):
    db = tmp_path / "x\x1b[31mred.db"
    db.write_text("no database", "utf-8")
    rc, _out, err = cli("audit", "--db", str(db))
    assert rc == 1 and "red.db" in err and "\x1b" not in err


def test_audit_summary_is_clean(ws, cli):
    rc, out, _err = cli("audit", "--db", str(ws.db))
    assert rc == 0 and not CONTROL.search(out.replace("\n", ""))


def test_html_never_gets_control_characters():
    doc = Document(title=HOSTILE, lang="en", footer=HOSTILE)
    doc.add(Para(HOSTILE), Table(["a", "b"], [[HOSTILE, "x"]]))
    for flavour in ("browser", "qt"):
        page = render_html(doc, flavour)
        assert not CONTROL.search(page.replace("\n", "")), flavour
        assert "Anna" in page and "\ufffd" in page


def test_csv_never_gets_control_characters():
    text = csv_text(["h"], [[HOSTILE], ["line one\r\nline two"]])
    rows = list(csv.reader(io.StringIO(text)))
    assert not CONTROL.search(rows[1][0]) and rows[2][0] == "line one\r\nline two"


def test_long_tokens_wrap_in_every_table_cell():
    token = "https://example.com/" + "a" * 300
    doc = Document(title="t", lang="en")
    doc.add(Table(["Link"], [[token]]))
    page = render_html(doc)
    assert "overflow-wrap: anywhere" in page.split("th, td {")[1].split("}")[0]
    cell = page.split("<td")[1].split("</td>")[0]
    assert max(len(part) for part in cell.split("\u200b")) <= 60
    assert cell.replace("\u200b", "").endswith(token)  # nothing lost, only break chances


@pytest.mark.parametrize(
    "value",
    [
        "=1+1", " =1+1", "\u00a0=1+1", "\u200b=1+1", "\ufeff=1+1", '"=1+1', "'=1+1",
        "\n=1+1", "\r\n@SUM(A1)", "\t=1", "＝1+1", "＋31612345678", "－2", "＠SUM(A1)",
        "\u2060 \u00a0 -2+3", "\u3000=HYPERLINK(\"x\")",
    ],
)  # fmt: skip
def test_formula_in_disguise_is_neutralised(value):
    out = neutralise(value)
    assert out.startswith("'"), repr(value)


@pytest.mark.parametrize("value", ["hello", "a=b", "3 - 2", "e-mail", "Zoë", "x@y.nl", "€ -5"])
def test_harmless_text_is_left_alone(value):
    assert neutralise(value) == value
