"""Issue 12: one opt-out reading for rule R11 and the exported opt-out register.

The shared list is every opt-out example in wa_audit/data/lexicons.toml (positives and
negatives, all languages) plus the sentences where the two readings used to disagree. Both
the register (SQL over the workspace) and R11 (the audit's frames) must find exactly the
chats whose customer wrote a positive.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from tests.report.workspace import OWNER, Workspace
from wa_audit.exports.optout import make_matcher, optout_register
from wa_audit.rules import lexicons
from wa_audit.rules.derive.context import build_context
from wa_audit.rules.derive.optouts import optout_times
from wa_audit.store.queries import load_frames

# where the register (<= 6 words, keyword anywhere) and R11 (<= 4, first or last) disagreed
FORMER_DISAGREEMENTS = [
    ("kun je de levering stop zetten?", False),
    ("stop, ik heb het al gevonden, dank", False),
    ("Ik wil graag stoppen met de nieuwsbrief", False),
    ("Stop alsjeblieft", True),
]


def shared_examples() -> list[tuple[str, bool]]:
    out = list(FORMER_DISAGREEMENTS)
    for _lex, _lang, pos, neg in lexicons.examples("optout"):
        out += [(t, True) for t in pos] + [(t, False) for t in neg]
    return out


def test_examples_cover_every_language_and_both_kinds():
    ex = shared_examples()
    assert any(e for _, e in ex) and any(not e for _, e in ex)
    assert len(lexicons.examples("optout")) >= 7


def test_register_matcher_and_rule_reading_agree_on_every_example():
    texts = [t for t, _ in shared_examples()]
    expected = [e for _, e in shared_examples()]
    rule = list(lexicons.is_optout(pd.Series(texts)))
    register = [make_matcher()(t) for t in texts]
    assert rule == expected
    assert register == expected


def test_rule_and_register_find_the_same_chats_in_a_workspace():
    ws = Workspace()
    want = set()
    for i, (text, expected) in enumerate(shared_examples()):
        c = ws.chat(f"Klant {i}")
        ws.msg(c, datetime(2026, 10, 1, 9, 0), OWNER, "Nieuw deze week: verse taarten!")
        ws.msg(c, datetime(2026, 10, 1, 10, 0), f"Klant {i}", text)
        if expected:
            want.add(c)
    ws.commit()
    register = {e.chat_id for e in optout_register(ws.db)}
    frames = load_frames(ws.db)
    ctx = build_context(frames.messages, frames.chats, frames.owner)
    rule = set(optout_times(ctx)["chat_id"].tolist())
    assert register == want
    assert rule == want


def test_rule_and_register_agree_on_a_group_the_business_filled():
    """Issue 12: members of a group the business filled who write STOP are in the register,
    with the same messages afterwards as R11 counts."""
    from tests.rules.conftest import build_persona_db, persona_report
    from wa_audit.store.db import open_db

    params = {"stop": True, "seed": 31}
    r11 = persona_report("filled_group", params).finding("R11").result
    db = open_db(build_persona_db("filled_group", params))
    try:
        register = optout_register(db)
    finally:
        db.close()
    groups = [e for e in register if e.in_group]
    assert groups, "the group member's STOP is in the register"
    assert len(register) == r11.figures["optouts"]
    assert sum(e.violations for e in register) == r11.figures["violations"]
    assert sum(1 for e in register if not e.ok) == r11.figures["violation_chats"]
    assert sum(1 for e in groups if not e.ok) == r11.figures["violations_in_groups"] == 1
    ids = {i for e in register for i in e.violation_ids}
    assert ids <= set(r11.evidence)
    assert {e.msg_id for e in register if not e.ok} <= set(r11.evidence)
