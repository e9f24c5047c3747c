"""Meta-tests that keep the rule list honest (STYLE.md §4)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import wa_audit.rules as rules_pkg
from tests.rules.test_cases import CASES
from wa_audit.audit.thresholds import load_defaults
from wa_audit.rules import REGISTRY
from wa_audit.rules.base import Family, Rule, Strength

RULES_DIR = Path(rules_pkg.__file__).parent
MODULE_RE = re.compile(r"^r(\d\d)_[a-z0-9_]+\.py$")


def test_every_rule_module_is_registered():
    modules = sorted(p.name for p in RULES_DIR.glob("r*.py") if MODULE_RE.match(p.name))
    assert len(modules) == 19
    registered = {cls.__module__.rsplit(".", 1)[1] + ".py" for cls in REGISTRY}
    assert set(modules) == registered
    for name in modules:
        mod = importlib.import_module(f"wa_audit.rules.{name[:-3]}")
        classes = [v for v in vars(mod).values() if isinstance(v, type) and issubclass(v, Rule)]
        assert any(c in REGISTRY for c in classes), name


def test_module_name_matches_rule_id_and_slug():
    for cls in REGISTRY:
        mod = cls.__module__.rsplit(".", 1)[1]
        assert mod == f"{cls.meta.id.lower()}_{cls.meta.slug}"


def test_ids_are_unique_and_ordered():
    ids = [cls.meta.id for cls in REGISTRY]
    assert ids == [f"R{i:02d}" for i in range(1, 20)]


def test_metadata_is_complete():
    for cls in REGISTRY:
        m = cls.meta
        assert isinstance(m.family, Family) and isinstance(m.strength, Strength)
        for text in (m.title, m.what, m.why, m.instead):
            assert text and text[0].isupper(), (m.id, text)
        if m.strength == Strength.WEAK or m.strength == Strength.CONTEXT:
            assert not m.can_be_red


def test_every_rule_has_thresholds_with_reasons_or_none_needed():
    data = load_defaults()
    for section, values in data.items():
        if section == "sensitivity":
            continue
        for name, spec in values.items():
            assert spec["reason"], (section, name)
            assert spec.get("worse", "fixed") in ("higher", "lower", "fixed")


def test_every_rule_has_a_green_and_a_failing_case():
    by_rule: dict[str, set[str]] = {}
    for rule, case in CASES:
        by_rule.setdefault(rule, set()).add(case["light"])
    for cls in REGISTRY:
        lights = by_rule.get(cls.meta.id, set())
        assert "green" in lights, cls.meta.id
        if cls.meta.can_be_red:
            assert "red" in lights, cls.meta.id
        elif cls.meta.strength != Strength.CONTEXT:
            assert "amber" in lights, cls.meta.id


def test_rule_metadata_exposes_its_thresholds():
    for cls in REGISTRY:
        th = cls.meta.thresholds
        if cls.meta.id != "R19":  # context only, nothing to tune
            assert th, cls.meta.id
        for spec in th.values():
            assert "value" in spec and spec["reason"]
