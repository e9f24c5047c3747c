"""Audit rules, one module per rule (rNN_slug.py); the list of them is rules/registry.py.

REGISTRY, RULES_BY_ID and meta() are loaded on first use: importing wa_audit.rules.base (for the
Light enum, say) must not load pandas and all nineteen rules, or the app starts slower.
"""

from __future__ import annotations

_LAZY = ("REGISTRY", "RULES_BY_ID", "meta")


def __getattr__(name: str):
    if name in _LAZY:
        from wa_audit.rules import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
