"""Runner: error isolation, determinism, audit date, storage and reload, settings, JSON, CLI."""

from __future__ import annotations

import json

import pytest

from tests.rules.conftest import build_persona_db, persona_report
from wa_audit.audit import (
    audit_to_json,
    get_overrides,
    get_sensitivity,
    list_runs,
    load_run,
    render_summary,
    rule_description,
    rule_title,
    run_audit,
    run_audit_frames,
    set_override,
    set_sensitivity,
)
from wa_audit.rules import REGISTRY
from wa_audit.rules.base import Light
from wa_audit.store.db import open_db
from wa_audit.store.queries import load_frames


@pytest.fixture
def shop_db(tmp_path):
    import shutil

    src = build_persona_db("optout_ignored")
    dst = tmp_path / "ws.db"
    shutil.copy(src, dst)
    return dst


def frames_of(name):
    db = open_db(build_persona_db(name))
    try:
        return load_frames(db)
    finally:
        db.close()


def test_a_failing_rule_becomes_an_error_and_the_audit_goes_on(monkeypatch):
    from wa_audit.rules.r02_broadcast_fanout import R02BroadcastFanout

    def boom(self, ctx, th):
        raise RuntimeError("secret customer text must not leak")

    monkeypatch.setattr(R02BroadcastFanout, "evaluate", boom)
    report = run_audit_frames(frames_of("optout_ignored"))
    r02 = report.finding("R02").result
    assert r02.light == Light.ERROR and r02.error_code == "RuntimeError"
    assert "secret" not in json.dumps(audit_to_json(report), default=str)
    assert report.light_of("R11") == Light.RED
    assert len(report.findings) == len(REGISTRY)


def test_same_data_same_result():
    a = run_audit_frames(frames_of("cold_outreach"))
    b = run_audit_frames(frames_of("cold_outreach"))

    def strip(r):
        return [(f.rule, f.result.light, f.result.evidence, f.result.figures) for f in r.findings]

    assert strip(a) == strip(b) and a.overall == b.overall


def test_audit_date_cuts_off_later_messages():
    frames = frames_of("optout_ignored")
    full = run_audit_frames(frames)
    stop_day = full.evidence[full.finding("R11").result.evidence[0]].timestamp[:10]
    early = run_audit_frames(frames, audit_date=stop_day)
    assert early.light_of("R11") == Light.GREEN
    assert early.audit_date <= stop_day + "T23:59:59"


def test_run_is_stored_and_loads_back(shop_db):
    report = run_audit(shop_db)
    assert report.run_id
    loaded = load_run(shop_db, report.run_id)
    assert loaded.overall == report.overall
    assert [f.result.light for f in loaded.findings] == [f.result.light for f in report.findings]
    assert loaded.finding("R11").result.evidence == report.finding("R11").result.evidence
    ev = loaded.evidence[loaded.finding("R11").result.evidence[0]]
    assert ev.text and ev.chat
    assert (
        audit_to_json(loaded)["findings"][10]["summary"]
        == audit_to_json(report)["findings"][10]["summary"]
    )
    assert list_runs(shop_db)[0]["id"] == report.run_id
    assert load_run(shop_db).run_id == report.run_id


def test_sensitivity_and_overrides_live_in_the_workspace(shop_db):
    db = open_db(shop_db)
    try:
        assert get_sensitivity(db) == "standard"
        set_sensitivity(db, "strict")
        set_override(db, "R11.red_violations", 5)
        assert get_overrides(db) == {"R11.red_violations": 5.0}
        with pytest.raises(KeyError):
            set_override(db, "R11.nonsense", 1)
        report = run_audit(db)
        assert report.sensitivity == "strict"
        assert report.thresholds["R11"]["red_violations"] == 5.0
        stored = load_run(db, report.run_id)
        assert stored.thresholds["R11"]["red_violations"] == 5.0
        set_override(db, "R11.red_violations", None)
        assert get_overrides(db) == {}
    finally:
        db.close()


def test_sensitivity_moves_thresholds():
    frames = frames_of("nagging")
    relaxed = run_audit_frames(frames, sensitivity="relaxed")
    strict = run_audit_frames(frames, sensitivity="strict")
    order = ["green", "amber", "red"]
    assert order.index(str(relaxed.light_of("R10"))) <= order.index(str(strict.light_of("R10")))
    assert relaxed.thresholds["R10"]["red_chats"] > strict.thresholds["R10"]["red_chats"]


def test_explained_findings_leave_the_light(shop_db):
    db = open_db(shop_db)
    try:
        db.execute(
            "INSERT INTO finding_notes (rule, status, reason, created_at) VALUES "
            "('R11', 'explained', 'customer asked again by phone', '2026-11-01T10:00:00')"
        )
        db.conn.commit()
        report = run_audit(db)
    finally:
        db.close()
    assert report.finding("R11").result.explained
    assert report.overall != Light.RED


def test_json_shape():
    data = audit_to_json(persona_report("bulk_tool"))
    assert data["overall"] == "red"
    assert set(data["families"]) == {"BULK", "AUTO", "CONSENT", "CONTENT", "GROUPS"}
    f = next(x for x in data["findings"] if x["rule"] == "R08")
    assert f["light"] == "red" and f["confidence"] in ("high", "medium", "low")
    assert "{name}" in f["evidence"][0]["text"]
    assert set(f["evidence"][0]) == {"chat", "timestamp", "sender", "text"}
    assert f["summary"] and "{" not in f["summary"].replace("{name}", "")
    g = data["guidance"]
    assert g["tier"]["peak_recipients_24h"] >= 250 and g["tier"]["needed_tier"] == 2000
    assert g["cost"]["as_of"] and g["cost"]["eur_per_month"] > 0
    json.dumps(data)


def test_summary_table_and_titles_render_in_dutch():
    from wa_audit import i18n

    report = persona_report("optout_ignored")
    text = render_summary(report)
    assert "R11" in text and "Red" in text
    assert rule_title("R11") and "What to do instead" in rule_description("R11")
    i18n.set_language("nl")
    try:
        assert render_summary(report)  # renders with whatever the catalog has
    finally:
        i18n.set_language("en")


def test_cli_json(shop_db, capsys):
    from wa_audit.cli import main

    assert main(["audit", "--db", str(shop_db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"] == "red"
    assert any(f["rule"] == "R11" and f["light"] == "red" for f in data["findings"])
    assert main(["audit", "--db", str(shop_db), "--sensitivity", "relaxed"]) == 0
    assert "R11" in capsys.readouterr().out


def test_progress_is_reported():
    seen = []
    run_audit_frames(frames_of("normal_shop"), progress=lambda d, t, s: seen.append((d, t)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] and len(seen) == len(REGISTRY) + 2


@pytest.mark.parametrize("name", ["normal_shop", "spammer", "bulk_tool", "group_spammer"])
def test_every_summary_renders_with_its_parameters(name):
    from wa_audit.audit.render import format_params
    from wa_audit.i18n import _

    for f in persona_report(name).findings:
        key = f.result.summary_key
        text = _(key).format(**format_params(f.result.params))  # raises on a missing param
        assert "{" not in text, (f.rule, text)
        for note in f.result.notes:
            assert "{" not in _(note)
