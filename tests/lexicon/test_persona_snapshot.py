"""The speed work on the lexicons changes nothing the audit says on any persona.

`persona_snapshot.json` holds every persona's lights, figures and evidence as computed by the
code before the combined lexicon scan and the text-feature cache; see persona_snapshot.py.
"""

from __future__ import annotations

import json

import pytest

from tests.lexicon.persona_snapshot import SNAPSHOT, cases, summarise
from tests.rules.conftest import persona_report

STORED = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
CASES = cases()


@pytest.mark.parametrize("key", sorted(STORED))
def test_persona_result_unchanged(key):
    if key not in CASES:
        pytest.skip(f"persona {key} no longer exists")
    name, params = CASES[key]
    now = summarise(persona_report(name, params))
    before = STORED[key]
    assert now["overall"] == before["overall"]
    for rule, was in before["rules"].items():
        assert now["rules"].get(rule) == was, rule
