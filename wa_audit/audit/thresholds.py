"""Thresholds: defaults from wa_audit/data/thresholds.toml, sensitivity, workspace overrides."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from wa_audit.rules.base import threshold_file

if TYPE_CHECKING:
    import sqlite_utils

LEVELS = ("relaxed", "standard", "strict")
SENSITIVITY_KEY = "sensitivity"
OVERRIDES_KEY = "threshold_overrides"


def load_defaults() -> dict[str, Any]:
    return threshold_file()


def reasons() -> dict[str, dict[str, str]]:
    data = load_defaults()
    return {
        rule: {k: spec["reason"] for k, spec in vals.items()}
        for rule, vals in data.items()
        if rule != "sensitivity"
    }


def effective(sensitivity: str = "standard", overrides: dict[str, float] | None = None):
    """{rule_or_global: {name: value}} at a sensitivity, with overrides ("R01.name": value)."""
    data = load_defaults()
    if sensitivity not in LEVELS:
        sensitivity = "standard"
    f = float(data["sensitivity"][sensitivity])
    out: dict[str, dict[str, float]] = {}
    for section, vals in data.items():
        if section == "sensitivity":
            continue
        sec: dict[str, float] = {}
        for name, spec in vals.items():
            v = float(spec["value"])
            worse = spec.get("worse", "fixed")
            is_share = 0 < v < 1
            if worse == "higher":
                v = v * f
            elif worse == "lower":
                v = v / f
            if is_share:
                v = min(v, 0.99)
            elif worse != "fixed" and float(spec["value"]) >= 2:
                v = round(v)
            sec[name] = v
        out[section] = sec
    for key, value in (overrides or {}).items():
        section, _, name = key.partition(".")
        if section in out and name in out[section]:
            out[section][name] = float(value)
    return out


def get_sensitivity(db: sqlite_utils.Database) -> str:
    from wa_audit.store.db import get_setting

    level = get_setting(db, SENSITIVITY_KEY) or "standard"
    return level if level in LEVELS else "standard"


def set_sensitivity(db: sqlite_utils.Database, level: str) -> None:
    from wa_audit.store.db import set_setting

    if level not in LEVELS:
        raise ValueError(level)
    set_setting(db, SENSITIVITY_KEY, level)


def get_overrides(db: sqlite_utils.Database) -> dict[str, float]:
    from wa_audit.store.db import get_setting

    raw = get_setting(db, OVERRIDES_KEY)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {str(k): float(v) for k, v in data.items()}


def set_override(db: sqlite_utils.Database, key: str, value: float | None) -> None:
    from wa_audit.store.db import set_setting

    section, _, name = key.partition(".")
    if name not in load_defaults().get(section, {}):
        raise KeyError(key)
    data = get_overrides(db)
    if value is None:
        data.pop(key, None)
    else:
        data[key] = float(value)
    set_setting(db, OVERRIDES_KEY, json.dumps(data, sort_keys=True) if data else None)
