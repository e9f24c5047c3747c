"""HEURISTICS.md §5 personas: overall lights and the rules that must carry them."""

from __future__ import annotations

import pytest

from tests.rules.conftest import persona_report
from wa_audit.rules.base import Light

G, A, R, X = Light.GREEN, Light.AMBER, Light.RED, Light.GREY
AT_LEAST_AMBER = {A, R}


@pytest.mark.parametrize(
    "params",
    [
        {"lang": "nl"},
        {"lang": "de"},
        {"lang": "en"},
        {"lang": "nl", "platform": "ios"},
        {"lang": "de", "platform": "ios", "seed": 3},
        {"lang": "en", "n": 200, "seed": 9},
    ],
)
def test_normal_shop_is_green_on_every_rule(params):
    report = persona_report("normal_shop", params)
    assert report.overall == G, report.overall_reason_params
    assert {f.rule for f in report.findings if f.result.light in (A, R)} == set()
    kinds = {a["kind"] for a in report.allowed_automation}
    assert kinds & {"greeting", "away"}  # found, and listed as allowed


def test_reminder_rounds_stay_green():
    assert persona_report("reminder_round").overall == G


def test_broadcast_heavy_is_amber_because_of_r02():
    report = persona_report("broadcast_heavy")
    assert report.overall == A
    assert report.light_of("R02") == R


def test_cold_outreach_is_red():
    report = persona_report("cold_outreach")
    assert report.overall == R
    assert report.light_of("R09") == R
    assert report.light_of("R01") in AT_LEAST_AMBER
    assert len(report.finding("R09").result.evidence) >= 40


def test_bulk_tool_is_red_with_evidence():
    report = persona_report("bulk_tool")
    assert report.overall == R
    for rule in ("R04", "R08"):
        assert report.light_of(rule) == R
        assert report.finding(rule).result.evidence
    assert report.light_of("R05") in AT_LEAST_AMBER


def test_minute_resolution_bulk_tool():
    report = persona_report("minute_resolution_android")
    assert report.light_of("R05") == X
    assert report.light_of("R04") == R
    assert report.overall == R


def test_bot_on_app_is_red():
    report = persona_report("bot_on_app")
    assert report.overall == R
    assert report.light_of("R07") == R and report.light_of("R06") in AT_LEAST_AMBER
    assert not any(a["allowed"] for a in report.allowed_automation if a["kind"] == "bot")


def test_optout_ignored_is_red_and_names_the_stop_message():
    report = persona_report("optout_ignored")
    assert report.overall == R and report.light_of("R11") == R
    first = report.evidence[report.finding("R11").result.evidence[0]]
    assert first.text.strip() == "STOP"


def test_group_spammer_is_red():
    report = persona_report("group_spammer")
    assert report.overall == R and report.light_of("R16") == R


def test_findings_carry_confidence_and_numbers():
    report = persona_report("bulk_tool")
    for f in report.findings:
        assert str(f.result.confidence) in ("high", "medium", "low")
        assert f.result.summary_key


def test_spammer_is_red_with_evidence_for_each_habit():
    report = persona_report("spammer")
    assert report.overall == R
    for rule in ("R01", "R07", "R09", "R11", "R16"):
        assert report.light_of(rule) == R, rule
        assert report.finding(rule).result.evidence, rule


def test_pasting_one_promotion_into_300_chats_is_red():
    report = persona_report("warm_paste")
    assert report.overall == R and report.light_of("R01") == R


def test_shipping_notices_are_never_red():
    report = persona_report("shipping_notices")
    assert report.overall != R
    assert report.light_of("R01") in (G, A)
