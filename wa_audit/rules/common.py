"""Small helpers shared by rule modules (not a rule itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wa_audit.rules.base import Confidence

if TYPE_CHECKING:
    from wa_audit.rules.derived import AuditContext


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
