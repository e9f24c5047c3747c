"""One definition each: reply vs business-initiated is counted the same by the audit, the
dashboard charts and the report's traffic tables; each rule works on a fresh context alone."""

from __future__ import annotations

import pytest

from tests.rules.conftest import build_persona_db, persona_report
from wa_audit.audit.thresholds import effective
from wa_audit.exports.traffic import Traffic
from wa_audit.rules.derive.context import build_context
from wa_audit.rules.registry import REGISTRY
from wa_audit.store.db import open_db
from wa_audit.store.queries import load_frames
from wa_audit.ui.chart_data import compute_chart_data

PERSONAS = ["normal_shop", "bot_on_app", "group_spammer", "broadcast_heavy", "nagging"]


def _frames(name):
    db = open_db(build_persona_db(name))
    try:
        return db, load_frames(db)
    except Exception:
        db.close()
        raise


@pytest.mark.parametrize("name", PERSONAS)
def test_audit_charts_and_report_count_the_same_replies_and_business_initiated(name):
    db, frames = _frames(name)
    try:
        ctx = build_context(frames.messages, frames.chats, frames.owner)
        charts = compute_chart_data(db, frames.owner)
        traffic = Traffic(db, frames.owner)
    finally:
        db.close()
    bi = int(ctx.m["is_bi"].sum())
    replies = int(ctx.m["is_reply"].sum())
    assert replies > 0
    assert (charts.business_initiated, charts.replies) == (bi, replies)
    days = traffic.days()
    assert sum(d[3] for d in days) == bi
    assert sum(d[2] for d in days) == replies
    assert sum(d[1] for d in days) == int(ctx.m["is_in"].sum())
    assert sum(map(sum, traffic.heatmap)) == bi == sum(map(sum, charts.heatmap))
    # the template drafts read the business-initiated texts to one person
    to_one_texts = ctx.m["is_bi"] & ctx.m["is_text"]
    assert len(traffic.bi_texts) == int(to_one_texts.sum())


def test_group_posts_are_neither_replies_nor_business_initiated():
    db, frames = _frames("group_spammer")
    try:
        ctx = build_context(frames.messages, frames.chats, frames.owner)
    finally:
        db.close()
    m = ctx.m
    posts = m["grp"] & m["is_out"] & ~m["is_reply"]
    assert posts.any()
    assert not (m["is_bi"] & m["grp"]).any()


@pytest.mark.parametrize("name", ["bot_on_app", "bulk_tool", "nagging", "spammer"])
def test_every_rule_alone_on_a_fresh_context_matches_the_full_audit(name):
    """Features are computed on first use: no rule may rely on another having run first."""
    full = persona_report(name)
    db, frames = _frames(name)
    db.close()
    th = effective("standard")
    for rule_cls in REGISTRY:
        ctx = build_context(frames.messages, frames.chats, frames.owner)
        ctx.cache["global"] = th["global"]
        res = rule_cls().evaluate(ctx, th.get(rule_cls.meta.id, {}))
        if not rule_cls.meta.can_be_red and res.light == "red":
            res.light = "amber"
        ref = full.finding(rule_cls.meta.id).result
        assert (res.light, res.params) == (ref.light, ref.params), rule_cls.meta.id
