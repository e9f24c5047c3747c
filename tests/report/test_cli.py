from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.report.workspace import fake_report, shop
from wa_audit.cli import main


@pytest.fixture
def db_file(tmp_path, monkeypatch):
    path = tmp_path / "w.db"
    ws, ids = shop(path)
    ws.db.close()
    # The CLI normally audits or loads the latest run; here the stand-in report is used.
    import wa_audit.report as report_pkg

    monkeypatch.setattr(report_pkg, "latest_report", lambda db, rerun=False: fake_report(ids))
    return path


def test_report_html_and_exports(db_file, tmp_path, capsys):
    out = tmp_path / "r.html"
    rc = main(
        [
            "report", "--db", str(db_file), "--out", str(out), "--optout-csv",
            str(tmp_path / "o.csv"), "--templates", str(tmp_path / "t.json"),
            "--json", str(tmp_path / "a.json"), "--appeal", str(tmp_path / "appeal.html"),
            "--step", "Removed Ruud from every broadcast list",
        ]
    )  # fmt: skip
    assert rc == 0
    assert "<!DOCTYPE html>" in out.read_text("utf-8")
    rows = list(csv.reader(io.StringIO((tmp_path / "o.csv").read_text("utf-8-sig"))))
    assert len(rows) == 2
    assert json.loads((tmp_path / "t.json").read_text())["templates"][0]["category"] == "marketing"
    full = json.loads((tmp_path / "a.json").read_text())
    assert full["format"] == "wa-audit-full" and full["optout_register"][0]["violations"] == 2
    appeal = (tmp_path / "appeal.html").read_text("utf-8")
    assert "Summary for a review request" in appeal
    assert "Removed Ruud from every broadcast list" in appeal and "What the audit found" in appeal


def test_explain_reopen_and_trail(db_file, capsys):
    assert main(["report", "--db", str(db_file), "--explain", "r01"]) == 2  # reason required
    assert main(["report", "--db", str(db_file), "--explain", "r01", "--reason", "Xmas card"]) == 0
    assert main(["report", "--db", str(db_file), "--reopen", "R01"]) == 0
    assert main(["report", "--db", str(db_file), "--trail"]) == 0
    out = capsys.readouterr().out
    assert "R01  explained  Xmas card" in out and "R01  reopened" in out


def test_bad_arguments(db_file, tmp_path):
    assert main(["report", "--db", str(db_file)]) == 2
    assert main(["report", "--db", str(db_file), "--out", str(tmp_path / "r.docx")]) == 2


def test_lang_option_reaches_the_report(db_file, tmp_path):
    out = tmp_path / "r.html"
    assert main(["report", "--db", str(db_file), "--out", str(out), "--lang", "de"]) == 0
    page = out.read_text("utf-8")
    assert '<html lang="de">' in page
    assert "12.10.2026" in page or "12. Okt. 2026" in page  # German date formats


def test_core_modules_do_not_import_qt():
    mods = [
        "wa_audit.report", "wa_audit.report.builder", "wa_audit.report.html",
        "wa_audit.report.history", "wa_audit.report.pseudonym", "wa_audit.report.cli",
        "wa_audit.exports.optout", "wa_audit.exports.templates", "wa_audit.report.appeal",
        "wa_audit.report.audit_json", "wa_audit.exports.csvsafe",
    ]  # fmt: skip
    code = "import sys\n" + "".join(f"import {m}\n" for m in mods)
    code += "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
