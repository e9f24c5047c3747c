"""Issue 9: per persona, the rules that must be red and those that must not be red."""

from __future__ import annotations

import pytest

from tests.rules.conftest import build_persona_db, persona_report
from wa_audit.audit.render import render_finding, render_reason
from wa_audit.rules import lexicons
from wa_audit.rules.base import Light
from wa_audit.store.db import open_db

R = Light.RED


def reds(report) -> set[str]:
    return {f.rule for f in report.findings if f.result.light == R}


def check(report, must: set[str], must_not: set[str]) -> None:
    red = reds(report)
    assert must <= red, (must - red, red)
    assert not (must_not & red), (must_not & red, red)


def test_bulk_sender_with_byte_identical_chats_counts_every_chat():
    db = open_db(build_persona_db("identical_bulk"))
    try:
        chats = db.execute("SELECT COUNT(*) FROM chats").fetchone()[0]
    finally:
        db.close()
    assert chats == 474 + 20  # every export is a chat, identical or not
    report = persona_report("identical_bulk")
    check(report, {"R01", "R03", "R09"}, {"R06", "R07", "R10", "R11", "R12", "R16", "R18"})
    assert report.finding("R01").result.params["recipients"] == 474
    assert report.finding("R09").result.figures["first_contact_chats"] == 474


@pytest.mark.skipif(
    not hasattr(lexicons, "text_flags"),
    reason="needs whole-word lexicon matching ('ich melde mich' is no threat): lexicon branch",
)
@pytest.mark.parametrize("lang", ["de", "nl"])
def test_polite_customers_are_no_complaints(lang):
    report = persona_report("polite_customers", {"lang": lang})
    check(report, set(), {"R11", "R12"})
    assert report.overall != R


def test_complaints_and_stop_in_a_group_the_business_filled():
    report = persona_report("filled_group")
    check(report, {"R11", "R12"}, {"R01", "R03", "R06", "R09"})
    r12 = report.finding("R12").result
    assert r12.figures["people_in_groups"] == 8
    assert "group" in render_finding(report.finding("R12"))
    r11 = report.finding("R11").result
    assert r11.figures["violations_in_groups"] == 1
    assert "group" in render_finding(report.finding("R11"))


def test_a_quiet_group_the_business_filled_is_not_red():
    report = persona_report("filled_group", {"complainers": 0, "stop": False})
    check(report, set(), {"R11", "R12"})
    assert report.finding("R12").result.figures["chats"] == 0


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_menu_bot_answering_every_message_is_seen(lang):
    report = persona_report("menu_bot", {"lang": lang})
    check(report, {"R06", "R07"}, {"R01", "R02", "R03", "R09", "R10", "R11", "R12"})
    r06 = report.finding("R06").result
    assert r06.figures["events"] >= 100 and r06.figures["instant_share"] >= 0.9
    # none of the bot's answers is passed off as the app's greeting or away message
    assert not [a for a in report.allowed_automation if a["kind"] == "away"]
    greetings = [a for a in report.allowed_automation if a["kind"] == "greeting"]
    assert all(a["messages"] <= a["chats"] for a in greetings)  # at most once per conversation


def test_spun_pitches_are_one_campaign():
    report = persona_report("spintax_campaign")
    check(report, {"R01", "R09"}, {"R06", "R07", "R10", "R11", "R12", "R16", "R18"})
    assert report.finding("R01").result.figures["max_recipients_24h"] >= 380


def test_two_spun_pitches_stay_two_campaigns():
    report = persona_report("spintax_campaign", {"pitches": ("en", "en_insurance")})
    figures = report.finding("R01").result.figures
    assert 180 <= figures["max_recipients_24h"] <= 220
    assert figures["campaigns_20plus"] == 2


def test_unanswered_follow_up_streaks_are_counted():
    report = persona_report("followup_streaks")
    check(report, {"R10"}, {"R06", "R07", "R11", "R12"})
    f = report.finding("R10").result.figures
    # days 0, 3 and 10 form a series; day 24 is more than a week later: a new contact
    assert f["longest_streak"] == 3 and f["chats_streak3"] >= 35


def test_a_monthly_newsletter_nobody_answers_is_no_nagging():
    report = persona_report("silent_subscribers")
    check(report, set(), {"R10", "R06", "R07", "R11", "R12"})
    assert report.finding("R10").result.figures["longest_streak"] == 1


def test_round_the_clock_tool_is_named():
    report = persona_report("round_the_clock_tool")
    check(report, {"R05"}, {"R06", "R07", "R11", "R12", "R16"})
    assert "tool" in report.finding("R05").result.triggers
    text = render_finding(report.finding("R05"))
    assert "unofficial automation or bulk-sending tool" in text and "Platform" in text
    assert "unofficial" in render_reason(report)
    # every send was a promotion to hundreds of people: R13 is not green at 100 %
    r13 = report.finding("R13").result
    assert r13.figures["share"] == 1.0 and str(r13.light) == "amber"


@pytest.mark.parametrize("name", ["normal_shop", "bulk_tool", "reminder_round", "broadcast_heavy"])
def test_no_tool_named_where_someone_types(name):
    report = persona_report(name)
    assert not [f.rule for f in report.findings if "tool" in f.result.triggers]
    assert "unofficial" not in render_reason(report)
