"""Small helpers shared by rule modules (not a rule itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wa_audit.i18n import N_
from wa_audit.rules.base import Confidence, Light, RuleResult

if TYPE_CHECKING:
    from wa_audit.rules.derive.context import AuditContext


def confidence(ctx: AuditContext, events: int, enough: int = 20, needs_seconds: bool = False):
    """high: enough events (and seconds where they matter), complete chats; low: few events."""
    if events < max(3, enough // 4):
        return Confidence.LOW
    truncated = bool(ctx.chats["truncated"].any()) if len(ctx.chats) else False
    if events < enough or (needs_seconds and ctx.minute_only) or truncated:
        return Confidence.MEDIUM
    if ctx.minute_only and not needs_seconds:
        return Confidence.MEDIUM
    return Confidence.HIGH


def ids(frame: pd.DataFrame, order: str | None = "t", limit: int | None = None) -> list[int]:
    """Message ids of the rows, in order (all of them unless limit)."""
    if frame is None or frame.empty:
        return []
    if order:
        frame = frame.sort_values(order, kind="stable")
    return [int(x) for x in frame["msg_id"].to_numpy()[:limit]]


def pct(x: float) -> float:
    return round(float(x), 3) if x == x else 0.0  # NaN -> 0


def night_mask(t: np.ndarray, start_hour: int, end_hour: int) -> np.ndarray:
    hour = (np.asarray(t) % 86400) // 3600
    if start_hour > end_hour:
        return (hour >= start_hour) | (hour < end_hour)
    return (hour >= start_hour) & (hour < end_hour)


TOOL_KEY = N_(
    "This looks like an unofficial automation or bulk-sending tool, which WhatsApp bans "
    "outright: {finding} Your number wrote to {chats} chats in {hours} different hours of the "
    "day, and nobody on your side ever typed an answer by hand. Stop using the tool on this "
    "number; send through the WhatsApp Business Platform with an official provider instead."
)


def name_the_tool(ctx: AuditContext, result: RuleResult) -> RuleResult:
    """A machine-behaviour finding (amber or red) on a number that writes to many chats at any
    hour with nobody typing: the summary says in plain words that this looks like an
    unofficial tool, and what to use instead (the finding's own sentence stays inside)."""
    from wa_audit.rules.derive.tooling import looks_like_tool

    if result.light not in (Light.AMBER, Light.RED):
        return result
    act = looks_like_tool(ctx)
    if act is None:
        return result
    result.params = {
        "finding": {"key": result.summary_key, "params": dict(result.params)},
        "chats": act["chats"],
        "hours": act["hours"],
    }
    result.summary_key = TOOL_KEY
    result.triggers = [*result.triggers, "tool"]
    return result


def counted(name: str, n: int, **params) -> dict:
    """A counted phrase inside a summary (wa_audit.audit.render.PLURAL_TEXTS): rendered
    with the plural form of each language, e.g. counted("people", 1) -> "1 person"."""
    return {"plural": name, "n": int(n), "params": params}


def phrase(name: str, n: int, **params) -> dict:
    """A phrase that depends on a number (wa_audit.audit.render.PHRASES), e.g. the time a
    campaign took: phrase("within", 0, minute_only=True) -> "within the same minute"."""
    return {"phrase": name, "n": int(n), "params": params}
