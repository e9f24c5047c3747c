"""Table-driven test of the family and overall lights (HEURISTICS.md §3)."""

from __future__ import annotations

import pytest

from wa_audit.audit.lights import LightInput, combine
from wa_audit.rules.base import Light, Strength

S, M, W, C = Strength.STRONG, Strength.MEDIUM, Strength.WEAK, Strength.CONTEXT
G, A, R, X, E = Light.GREEN, Light.AMBER, Light.RED, Light.GREY, Light.ERROR


def item(rule, family, strength, light, explained=False):
    return LightInput(rule, family, strength, light, explained)


# (name, items, o2o chats, days, expected overall, expected family lights, expected total)
TABLE = [
    (
        "all green",
        [item("R01", "BULK", S, G), item("R13", "CONTENT", W, G)],
        50,
        90,
        G,
        {"BULK": G, "CONTENT": G},
        0,
    ),
    ("one strong red", [item("R01", "BULK", S, R)], 50, 90, R, {"BULK": R}, 6),
    ("one medium red is amber", [item("R02", "BULK", M, R)], 50, 90, A, {"BULK": R}, 3),
    (
        "medium red + medium amber in two families is red",
        [item("R02", "BULK", M, R), item("R10", "CONSENT", M, A), item("R12", "CONSENT", M, A)],
        50,
        90,
        R,
        {"BULK": R, "CONSENT": A},
        6,
    ),
    (
        "6 points in one family only is amber",
        [item("R02", "BULK", M, R), item("R03", "BULK", M, R)],
        50,
        90,
        A,
        {"BULK": R},
        6,
    ),
    (
        "one weak amber is a note, not a colour",
        [item("R13", "CONTENT", W, A)],
        50,
        90,
        G,
        {"CONTENT": G},
        0.5,
    ),
    (
        "two weak ambers make the family amber",
        [item("R13", "CONTENT", W, A), item("R14", "CONTENT", W, A)],
        50,
        90,
        G,
        {"CONTENT": A},
        1.0,
    ),
    (
        "four weak ambers reach 2 points: amber",
        [
            item("R13", "CONTENT", W, A),
            item("R14", "CONTENT", W, A),
            item("R15", "CONSENT", W, A),
            item("R18", "CONTENT", W, A),
        ],
        50,
        90,
        A,
        {"CONTENT": A},
        2.0,
    ),
    (
        "a weak rule can never be red",
        [item("R13", "CONTENT", W, R)],
        50,
        90,
        G,
        {"CONTENT": G},
        0.5,
    ),
    ("context never changes a light", [item("R19", "CONTEXT", C, R)], 50, 90, G, {}, 0),
    (
        "grey and error count nothing",
        [item("R05", "AUTO", S, X), item("R06", "AUTO", M, E)],
        50,
        90,
        G,
        {"AUTO": X},
        0,
    ),
    ("medium amber is amber", [item("R03", "BULK", M, A)], 50, 90, A, {"BULK": A}, 1.5),
    (
        "an explained finding is left out",
        [item("R01", "BULK", S, R, True)],
        50,
        90,
        G,
        {"BULK": X},
        0,
    ),
    (
        "too few chats: grey instead of amber",
        [item("R03", "BULK", M, A)],
        5,
        90,
        X,
        {"BULK": A},
        1.5,
    ),
    (
        "too short a history: grey instead of green",
        [item("R01", "BULK", S, G)],
        50,
        7,
        X,
        {"BULK": G},
        0,
    ),
    (
        "little data but a strong red stays red",
        [item("R09", "CONSENT", S, R)],
        60,
        1,
        R,
        {"CONSENT": R},
        6,
    ),
]


@pytest.mark.parametrize(
    ("name", "items", "chats", "days", "overall", "families", "total"),
    TABLE,
    ids=[row[0] for row in TABLE],
)
def test_combine(name, items, chats, days, overall, families, total):
    res = combine(items, chats, days)
    assert res.overall == overall
    for fam, light in families.items():
        assert res.families[fam][0] == light
    assert res.total == pytest.approx(total)


def test_reason_names_the_red_rules():
    res = combine([item("R11", "CONSENT", S, R), item("R01", "BULK", S, R)], 50, 90)
    assert res.reason_params["rules"] == "R11, R01"


def test_overall_sentence_names_the_unofficial_tool():
    items = [item("R05", "AUTO", S, R), item("R01", "BULK", S, R)]
    comb = combine(items, 50, 90, tool_rules=["R05"])
    assert comb.overall == R
    assert "unofficial automation" in comb.reason_key and comb.reason_params["rules"] == "R05"
    # a tool trigger on a rule that ended green (or was explained) names nothing
    quiet = combine(
        [item("R05", "AUTO", S, G), item("R01", "BULK", S, R)], 50, 90, tool_rules=["R05"]
    )
    assert "unofficial" not in quiet.reason_key
    explained = combine(
        [item("R05", "AUTO", S, R, explained=True), item("R01", "BULK", S, R)],
        50,
        90,
        tool_rules=["R05"],
    )
    assert "unofficial" not in explained.reason_key
    # not enough data stays grey, tool or not
    grey = combine([item("R05", "AUTO", S, A)], 3, 5, tool_rules=["R05"])
    assert grey.overall == X and "unofficial" not in grey.reason_key
