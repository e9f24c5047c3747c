"""Each self-assessment question's effect on the lights (table-driven)."""

from __future__ import annotations

import pytest

from tests.assess.reports import report_with
from wa_audit.audit.assess import apply_answers, questions
from wa_audit.rules.base import Light

R, A, G, GR = "red", "amber", "green", "grey"

# (name, answers, rule lights before, expected rule lights after, expected families after,
#  expected overall after)
CASES = [
    (
        "unofficial tool makes Automation and the verdict red on clean chats",
        {"sending_tool": "yes"}, {}, {}, {"AUTO": R}, R,
    ),
    ("no unofficial tool changes nothing", {"sending_tool": "no"}, {}, {}, {"AUTO": G}, G),
    ("don't know changes nothing", {"sending_tool": "unknown"}, {}, {}, {"AUTO": G}, G),
    (
        "written opt-in lowers a red R09 to amber, never to green",
        {"written_optin": "yes"}, {"R09": R}, {"R09": A}, {"CONSENT": A}, A,
    ),
    (
        "written opt-in lowers an amber R09 to green",
        {"written_optin": "yes"}, {"R09": A}, {"R09": G}, {"CONSENT": G}, G,
    ),
    (
        "written opt-in does not touch other consent rules",
        {"written_optin": "yes"}, {"R11": R}, {"R11": R}, {"CONSENT": R}, R,
    ),
    (
        "no written opt-in raises an amber R09 to red",
        {"written_optin": "no"}, {"R09": A}, {"R09": R}, {"CONSENT": R}, R,
    ),
    (
        "no written opt-in never makes a green R09 a finding",
        {"written_optin": "no"}, {}, {"R09": G}, {"CONSENT": G}, G,
    ),
    (
        "bought numbers make Unwanted messages red",
        {"bought_numbers": "yes"}, {}, {}, {"CONSENT": R}, R,
    ),
    (
        "ignoring stop requests makes Unwanted messages at least amber",
        {"stop_requests": "no"}, {}, {}, {"CONSENT": A}, A,
    ),
    (
        "ignoring stop requests keeps an already red family red",
        {"stop_requests": "no"}, {"R11": R}, {"R11": R}, {"CONSENT": R}, R,
    ),
    (
        "broadcasts to people who asked lower R02 one step",
        {"broadcast_saved": "yes"}, {"R02": A}, {"R02": G}, {"BULK": G}, G,
    ),
    (
        "broadcasts to people who did not ask raise R02 one step",
        {"broadcast_saved": "no"}, {"R02": A}, {"R02": R}, {"BULK": R}, A,
    ),
    (
        "a new number raises an amber R17",
        {"number_age": "under_1_month"}, {"R17": A}, {"R17": R}, {"BULK": R}, A,
    ),
    (
        "an old number lowers R17 from red to amber",
        {"number_age": "over_6_months"}, {"R17": R}, {"R17": A}, {"BULK": A}, A,
    ),
    (
        "a number of one to six months changes nothing",
        {"number_age": "1_to_6_months"}, {"R17": A}, {"R17": A}, {"BULK": A}, A,
    ),
    (
        "a team on linked devices lowers R06",
        {"shared_number": "yes"}, {"R06": R}, {"R06": A}, {"AUTO": A}, A,
    ),
    (
        "the app's quick replies lower R07",
        {"quick_replies": "yes"}, {"R07": A}, {"R07": G}, {"AUTO": G}, G,
    ),
    (
        "restricted goods make R18 at least amber",
        {"restricted_goods": "yes"}, {}, {"R18": A}, {"CONTENT": A}, A,
    ),
    (
        "restricted goods leave a red R18 red",
        {"restricted_goods": "yes"}, {"R18": R}, {"R18": R}, {"CONTENT": R}, A,
    ),
    ("a warning makes a green verdict amber", {"warned": "yes"}, {}, {}, {}, A),
    ("a warning leaves a red verdict red", {"warned": "yes"}, {"R01": R}, {}, {}, R),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "answers", "before", "rules", "families", "overall"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_effect(name, answers, before, rules, families, overall):
    base = report_with(before)
    new, result = apply_answers(base, answers)
    for rule, light in rules.items():
        assert new.light_of(rule) == Light(light), rule
    for fam, light in families.items():
        assert new.families[fam].light == Light(light), fam
    assert new.overall == Light(overall)
    # the given report is never changed
    assert base.light_of("R09") == Light(before.get("R09", G))
    assert base.families == report_with(before).families
    changed = {c.target for c in result.changes if c.kind == "rule"}
    assert changed == {r for r, lt in rules.items() if lt != before.get(r, G)}
    if new.overall != base.overall:
        [o] = [c for c in result.changes if c.kind == "overall"]
        assert (o.before, o.after) == (str(base.overall), overall)
        assert o.question == next(iter(answers))


def test_every_question_has_an_effect_case_and_a_no_effect_answer():
    covered = {q for c in CASES for q in c[1]}
    assert covered == {q.id for q in questions()}
    assert 8 <= len(questions()) <= 12
    for q in questions():
        assert q.effects, q.id
        assert all(q.text[lang] and q.help[lang] for lang in ("en", "nl", "de")), q.id
        assert q.policy, q.id


def test_dont_know_is_listed_not_applied():
    base = report_with({"R09": R})
    new, result = apply_answers(base, {"written_optin": "unknown", "warned": "unknown"})
    assert new.light_of("R09") == Light.RED
    assert result.unknown == ["warned", "written_optin"]
    assert not result.changes and result.headline is None


def test_warning_is_the_headline():
    _new, result = apply_answers(report_with(), {"warned": "yes"})
    assert "warned" in result.headline["en"]
    assert result.headline["nl"] and result.headline["de"]


def test_grey_and_explained_rules_are_not_moved():
    base = report_with({"R09": A, "R06": GR})
    base.finding("R09").result.explained = True
    new, result = apply_answers(base, {"written_optin": "yes", "shared_number": "yes"})
    assert new.light_of("R09") == Light.AMBER
    assert new.light_of("R06") == Light.GREY
    assert not result.changes


def test_changed_rule_carries_a_note_and_points_follow():
    base = report_with({"R09": R})
    new, _r = apply_answers(base, {"written_optin": "yes"})
    assert new.finding("R09").points < base.finding("R09").points
    assert any("self-assessment" in n for n in new.finding("R09").result.notes)
    assert not base.finding("R09").result.notes


def test_unknown_question_ids_and_values_are_ignored():
    base = report_with({"R09": A})
    new, result = apply_answers(base, {"nope": "yes", "written_optin": "maybe"})
    assert new.light_of("R09") == Light.AMBER
    assert result.answers == {}
