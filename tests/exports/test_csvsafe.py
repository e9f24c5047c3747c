from __future__ import annotations

import csv
import io

import pytest

from wa_audit.exports.csvsafe import csv_text, neutralise, write_csv


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x","a")', "+31612345678", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1+1"],
)
def test_dangerous_cells_are_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["hello", "a=b", "3", "€ 5", "x-y", "e-mail"])
def test_harmless_text_unchanged(value):
    assert neutralise(value) == value


def test_numbers_stay_numbers():
    assert neutralise(-5) == -5 and neutralise(2.5) == 2.5 and neutralise(None) == ""


def test_csv_round_trip_and_bom(tmp_path):
    path = write_csv(tmp_path / "x.csv", ["Name", "Text"], [["Jürgen", "=cmd|' /C calc'!A0"]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["Name", "Text"], ["Jürgen", "'=cmd|' /C calc'!A0"]]


def test_semicolon_delimiter():
    assert csv_text(["a", "b"], [[1, "x;y"]], delimiter=";").splitlines()[1] == '1;"x;y"'
