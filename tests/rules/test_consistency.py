"""Issue 9 point 5: figures that describe the same thing agree across rules, the dashboard,
the report and the guidance, on every persona."""

from __future__ import annotations

import pytest

from tests.rules.conftest import PERSONAS, build_persona_db, persona_report
from wa_audit.audit.render import render_finding
from wa_audit.audit.thresholds import effective
from wa_audit.store.db import open_db

NEVER = "You never started a conversation yourself."


def fig(report, rule, name, default=0):
    return report.finding(rule).result.figures.get(name, default)


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_figures_agree_across_rules_and_screens(name):
    report = persona_report(name)
    th = effective("standard")
    r03 = report.finding("R03").result
    bi_sent = r03.figures.get("bi_sent", 0)

    # business-initiated: "you never started" only where nothing was started, anywhere
    never = {f.rule for f in report.findings if f.result.summary_key == NEVER}
    if bi_sent:
        assert not never, never
    else:
        assert fig(report, "R09", "first_contact_chats") == 0
    assert fig(report, "R09", "first_contact_chats") <= bi_sent

    # the people reached in 24 h and the messages in one hour count every copy
    r01 = report.finding("R01").result
    if r01.figures.get("campaigns"):
        assert r03.figures["max_chats_24h"] >= r01.figures["max_recipients_24h"]
        span = r01.figures["worst_end_t"] - r01.figures["worst_start_t"]
        if span < 3600:
            assert r03.figures["max_msgs_1h"] >= r01.params["messages"]

    # R13: a figure above both thresholds is never shown green
    r13 = report.finding("R13").result
    if r13.figures.get("sends"):
        above = (
            r13.figures["share"] >= th["R13"]["amber_share"]
            and r13.figures["max_30d"] >= th["R13"]["amber_30d"]
        )
        assert (str(r13.light) == "amber") == above, r13.figures

    # guidance: the tier's peak is R03's peak; monthly volumes add up to the same messages
    g = report.guidance
    assert g["tier"]["peak_recipients_24h"] == r03.figures.get("max_chats_24h", 0)
    months = max(1.0, report.coverage["days"] / 30)
    rows = {row["type"]: row["per_month"] for row in g["traffic"]}
    total_bi = (rows["marketing"] + rows["utility"]) * months
    assert total_bi == pytest.approx(r03.figures.get("bi_messages", 0), rel=0.03, abs=1)
    if r13.figures.get("sends"):
        promo = rows["marketing"] * months
        assert promo == pytest.approx(r13.figures["promotional_messages"], rel=0.03, abs=1)


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_dashboard_report_and_charts_say_what_the_rules_say(name):
    from wa_audit.report.builder import finding_sentence
    from wa_audit.ui.chart_data import compute_chart_data
    from wa_audit.ui.presenter import dashboard

    report = persona_report(name)
    cards = {c.rule: c for c in dashboard(report).cards}
    for f in report.findings:
        text = render_finding(f)
        assert cards[f.rule].summary == text
        assert cards[f.rule].light == str(f.result.light)
        assert finding_sentence(f, None) == text
    db = open_db(build_persona_db(name))
    try:
        charts = compute_chart_data(db, report_owner(db))
    finally:
        db.close()
    assert charts.business_initiated == report.finding("R03").result.figures.get("bi_sent", 0)


def report_owner(db):
    from wa_audit.store.db import get_setting

    return get_setting(db, "owner")
