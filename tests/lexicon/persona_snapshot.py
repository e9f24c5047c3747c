"""Snapshot of every persona's audit result: lights and key figures per rule.

The speed work on the lexicons (one combined scan, cached text features) must not change what
the audit says. `persona_snapshot.json` was written by this module from the code before that
work; `test_persona_snapshot.py` compares today's results with it.

Regenerate only when a rule's logic or a persona changes on purpose (say so in the commit):

    .venv/bin/python -m tests.lexicon.persona_snapshot
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("persona_snapshot.json")


def _plain(value):
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def summarise(report, evidence_cap: int | None = None) -> dict:
    """What a user sees: the overall light, each rule's light, figures and evidence
    (evidence_cap: only the first N messages, as a finding kept before issue 16)."""
    rules = {}
    for f in report.findings:
        ev = [int(i) for i in f.result.evidence][:evidence_cap]
        rules[f.rule] = {
            "light": str(f.result.light),
            "figures": _plain(f.result.figures),
            "params": _plain({k: v for k, v in f.result.params.items() if k != "code"}),
            "evidence_n": len(ev),
            "evidence_sha": hashlib.sha1(json.dumps(sorted(ev)).encode()).hexdigest()[:12],
        }
    return {"overall": str(report.overall), "points": _plain(report.points), "rules": rules}


# content-heavy personas again in each main language (the lexicons differ per language)
ALL = ("nl", "de", "en")
LANG_VARIANTS = {
    "normal_shop": ALL,
    "optout_ignored": ALL,
    "optout_respected": ALL,
    "prohibited_shop": ALL,
    "promo_heavy": ALL,
    "bot_on_app": ALL,
    "spammer": ALL,
    "cold_outreach": ALL,
    "polite_customers": ("nl", "de"),
    "filled_group": ("nl", "de"),
}


def cases() -> dict[str, tuple[str, dict]]:
    """Snapshot key -> (persona, parameters)."""
    from tests.rules.conftest import PERSONAS

    out = {name: (name, {}) for name in sorted(PERSONAS)}
    for name, langs in LANG_VARIANTS.items():
        if name in PERSONAS:
            for lang in langs:
                out[f"{name}[{lang}]"] = (name, {"lang": lang})
    return out


def snapshot() -> dict:
    from tests.rules.conftest import persona_report

    return {key: summarise(persona_report(n, p)) for key, (n, p) in cases().items()}


def main() -> int:
    data = snapshot()
    SNAPSHOT.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"wrote {len(data)} personas to {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
