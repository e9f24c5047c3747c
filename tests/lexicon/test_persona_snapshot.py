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
SNAPSHOT_EVIDENCE_CAP = 50
CASES = cases()
# Personas whose result the lexicon corrections (not the speed work) change on purpose, with
# the rule that changes; every other rule must be as before, this one must no longer be red.
INTENDED = {
    # issue 9.2: "ich melde mich morgen" / "ik meld me" are no threats to report anyone
    "polite_customers": "R12",
}


@pytest.mark.parametrize("key", sorted(STORED))
def test_persona_result_unchanged(key):
    if key not in CASES:
        pytest.skip(f"persona {key} no longer exists")
    name, params = CASES[key]
    # the snapshot was taken when a finding kept at most 50 messages; today it keeps all of them
    # (issue 16), so its first 50 are what the snapshot compares
    now = summarise(persona_report(name, params), evidence_cap=SNAPSHOT_EVIDENCE_CAP)
    before = STORED[key]
    changed = INTENDED.get(name)
    if changed:
        assert before["rules"][changed]["light"] == "red"  # what the old lexicons said
        assert now["rules"][changed]["light"] != "red"
    else:
        assert now["overall"] == before["overall"]
    for rule, was in before["rules"].items():
        if rule != changed:
            assert _behaviour(now["rules"].get(rule)) == _behaviour(was), rule


def _behaviour(rule: dict | None) -> dict | None:
    """A rule's result without its wording: parameters that are phrases or counted phrases
    (dicts such as {"plural": ..., "n": ...}) say the same numbers in other words (issue 11),
    and "*_key" parameters are texts (a rule's title); lights, figures, evidence and the
    numeric parameters must stay the same."""
    if rule is None:
        return None
    params = {
        k: v
        for k, v in rule["params"].items()
        if not isinstance(v, dict) and not k.endswith("_key")
    }
    return {**rule, "params": params}
