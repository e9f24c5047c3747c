"""Answers stored per workspace with their date; `wa-audit assess`; `audit --json`; report."""

from __future__ import annotations

import io
import json
import shutil

import pytest

from tests.rules.conftest import build_persona_db
from wa_audit.audit.assess import current_answers, questions, save_answers
from wa_audit.audit.assess.questions import by_id, normalise, parse
from wa_audit.cli import main
from wa_audit.store.db import open_db


@pytest.fixture
def cold(tmp_path):
    path = tmp_path / "cold.wa-audit.db"
    shutil.copy(build_persona_db("cold_outreach"), path)
    return path


def test_answers_keep_their_date_and_history():
    db = open_db(memory=True)
    assert save_answers(db, {"warned": "no", "written_optin": "yes"}, "2026-11-01T10:00:00") == 2
    assert save_answers(db, {"warned": "no"}, "2026-11-02T10:00:00") == 0  # unchanged: no row
    assert save_answers(db, {"warned": "yes", "written_optin": None}, "2026-11-03T10:00:00") == 2
    assert current_answers(db) == {"warned": ("yes", "2026-11-03T10:00:00")}
    assert db.execute("SELECT count(*) FROM self_assessment").fetchone()[0] == 4


@pytest.mark.parametrize(
    ("qid", "typed", "stored"),
    [
        ("warned", "ja", "yes"),
        ("warned", "Nee", "no"),
        ("warned", "nein", "no"),
        ("warned", "weet niet", "unknown"),
        ("warned", "?", "unknown"),
        ("warned", "maybe", None),
        ("number_age", "1", "under_1_month"),
        ("number_age", "over_6_months", "over_6_months"),
        ("number_age", "4", None),
        ("number_age", "yes", None),
        ("number_age", "weiß nicht", "unknown"),
    ],
)
def test_typed_answers(qid, typed, stored):
    assert normalise(by_id()[qid], typed) == stored


@pytest.mark.parametrize(
    "bad",
    [
        {"question": [{"id": "a", "type": "yes_no", "text": {"en": "?"}}] * 2},
        {"question": [{"id": "a", "type": "maybe", "text": {"en": "?"}}]},
        {"question": [{"id": "a", "type": "choice", "text": {"en": "?"}}]},
        {
            "question": [
                {
                    "id": "a",
                    "type": "yes_no",
                    "text": {"en": "?"},
                    "effect": [{"answer": "perhaps", "action": "rule_down", "rules": ["R01"]}],
                }
            ]
        },
        {
            "question": [
                {
                    "id": "a",
                    "type": "yes_no",
                    "text": {"en": "?"},
                    "effect": [{"answer": "yes", "action": "family_red"}],
                }
            ]
        },
        {
            "question": [
                {
                    "id": "a",
                    "type": "yes_no",
                    "text": {"en": "?"},
                    "effect": [{"answer": "yes", "action": "explode", "rules": ["R01"]}],
                }
            ]
        },
    ],
)
def test_a_broken_question_file_is_refused(bad):
    with pytest.raises(ValueError):
        parse(bad)


def test_every_effect_names_real_rules():
    from wa_audit.rules import RULES_BY_ID

    for q in questions():
        for e in q.effects:
            assert set(e.rules) <= set(RULES_BY_ID), q.id
            assert all(e.why.get(lang) for lang in ("en", "nl", "de")), q.id


def test_assess_answer_list_and_audit_json(cold, capsys):
    assert main(["assess", "--db", str(cold), "--answer", "written_optin=ja", "warned=yes",
                 "bought_numbers=?"]) == 0  # fmt: skip
    assert "3 answers saved" in capsys.readouterr().out
    assert main(["assess", "--db", str(cold), "--list"]) == 0
    listing = capsys.readouterr().out
    assert "[written_optin]" in listing and "Answer: yes (20" in listing
    assert "Answer: not answered" in listing
    assert main(["audit", "--db", str(cold)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("!! WhatsApp has already warned")
    assert "Self-assessment: Writing first to people who never wrote to you (R09): Red → Amber" in (
        text
    )
    assert main(["audit", "--db", str(cold), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    sa = data["self_assessment"]
    assert sa["headline"].startswith("WhatsApp has already warned")
    assert sa["answered"] == 3 and sa["unanswered"] == len(questions()) - 3
    items = {q["id"]: q for q in sa["questions"]}
    assert items["written_optin"]["changes"][0]["target"] == "R09"
    assert items["written_optin"]["changes"][0]["before"] == "red"
    assert items["written_optin"]["changes"][0]["after"] == "amber"
    assert items["written_optin"]["answered_at"]
    assert items["bought_numbers"]["effect"] is None
    assert any("numbers you bought" in line for line in sa["limits"])
    assert [f["light"] for f in data["findings"] if f["rule"] == "R09"] == ["amber"]


def test_assess_refuses_bad_answers_and_needs_a_terminal(cold, capsys, monkeypatch):
    assert main(["assess", "--db", str(cold), "--answer", "nope=yes", "warned=perhaps"]) == 2
    err = capsys.readouterr().err
    assert "Unknown question nope" in err and "perhaps is not a possible answer" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["assess", "--db", str(cold)]) == 2
    assert "--answer" in capsys.readouterr().err


def test_assess_asks_in_a_terminal(cold, capsys, monkeypatch):
    typed = iter(["", "j", "perhaps", "n", "", "", "", "3"])  # Enter skips; a bad answer asks again

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Tty(""))

    def fake_input(prompt=""):
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None  # Ctrl-D after question 8: what was answered is kept

    monkeypatch.setattr("builtins.input", fake_input)
    assert main(["assess", "--db", str(cold)]) == 0
    out = capsys.readouterr().out
    assert "Please answer with one of: yes, no, unknown" in out
    db = open_db(cold)
    try:
        answers = {k: v for k, (v, _w) in current_answers(db).items()}
    finally:
        db.close()
    assert answers == {"warned": "yes", "written_optin": "no", "number_age": "over_6_months"}


def test_report_says_the_warning_first_and_lists_dont_know(cold, tmp_path):
    from wa_audit.report import export_report

    db = open_db(cold)
    try:
        save_answers(db, {"warned": "yes", "sending_tool": "unknown", "written_optin": "yes"})
        path = export_report(db, tmp_path / "r.html", lang="en")
    finally:
        db.close()
    page = path.read_text(encoding="utf-8")
    summary = page[page.index('id="summary"') :]
    assert summary.index("already warned") < summary.index("Writing first to people")
    assert "What your self-assessment answers changed" in page
    assert "Red → Amber" in page
    assert "You answered &quot;don&#x27;t know&quot;" in page or 'You answered "don' in page


def test_an_older_workspace_gets_the_answers_table(tmp_path):
    """A workspace made before the self-assessment existed is upgraded when opened."""
    import sqlite_utils
    from sqlite_utils import Migrations

    from wa_audit.store import migrations

    path = tmp_path / "old.wa-audit.db"
    old = sqlite_utils.Database(path)
    before = Migrations("wa_audit")
    before()(migrations.m001_initial)
    before.apply(old)
    assert "self_assessment" not in old.table_names()
    old.close()
    db = open_db(path)
    try:
        assert {"self_assessment", "self_assessment_runs"} <= set(db.table_names())
        save_answers(db, {"warned": "no"})
        assert current_answers(db)["warned"][0] == "no"
    finally:
        db.close()


def test_a_report_after_new_answers_is_audited_again(cold):
    from wa_audit.audit import run_audit
    from wa_audit.report import latest_report

    db = open_db(cold)
    try:
        first = run_audit(db)
        assert latest_report(db).run_id == first.run_id
        save_answers(db, {"written_optin": "yes"}, when="2999-01-01T00:00:00+00:00")
        again = latest_report(db)
        assert again.run_id != first.run_id and again.light_of("R09") == "amber"
    finally:
        db.close()
