"""Time constants of HEURISTICS.md §1 and rolling-window counts used by several rules."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wa_audit.rules.derive.conversation import DAY, HOUR, REPLY_WINDOW

__all__ = [
    "ANSWER_WINDOW",
    "COLD_START_SILENCE",
    "DAY",
    "HOUR",
    "NEW_CONVERSATION_SILENCE",
    "REPLY_WINDOW",
    "rolling_max_count",
    "rolling_max_distinct",
    "rolling_max_sum",
]

ANSWER_WINDOW = 7 * DAY
COLD_START_SILENCE = 60 * 60
NEW_CONVERSATION_SILENCE = 14 * DAY


def rolling_max_count(t: np.ndarray, window: int) -> tuple[int, int]:
    """Max number of events in any window [x, x + window); returns (count, window start)."""
    if len(t) == 0:
        return 0, 0
    t = np.sort(np.asarray(t))
    end = np.searchsorted(t, t + window, side="left")
    cnt = end - np.arange(len(t))
    i = int(cnt.argmax())
    return int(cnt[i]), int(t[i])


def rolling_max_distinct(
    t: np.ndarray, key: np.ndarray, window: int, resolution: int = 1
) -> tuple[int, int]:
    """Max number of distinct keys with an event in any window of `window` seconds, at
    `resolution`-second buckets (exact at that resolution). Returns (count, window start).

    Each key contributes +1 to the windows that contain one of its events; overlapping
    contributions of the same key are merged, then a sweep over the sorted change points.
    """
    if len(t) == 0:
        return 0, 0
    k = max(1, window // resolution)
    b = np.asarray(t, dtype=np.int64) // resolution
    d = pd.DataFrame({"k": pd.factorize(pd.Series(key))[0], "b": b}).drop_duplicates()
    d = d.sort_values(["k", "b"], kind="stable")
    kv = d["k"].to_numpy()
    bv = d["b"].to_numpy()
    prev = np.full(len(bv), np.iinfo(np.int64).min // 2, dtype=np.int64)
    same = np.zeros(len(bv), dtype=bool)
    same[1:] = kv[1:] == kv[:-1]
    prev[1:][same[1:]] = bv[:-1][same[1:]]
    # a window "ending" at bucket h covers buckets h-k+1 .. h
    s = np.maximum(bv, prev + k)
    e = bv + k
    ok = s < e
    pos = np.concatenate([s[ok], e[ok]])
    val = np.concatenate([np.ones(ok.sum(), dtype=np.int64), -np.ones(ok.sum(), dtype=np.int64)])
    order = np.lexsort((val, pos))  # at equal position the -1 (window end) goes first
    cum = np.cumsum(val[order])
    i = int(cum.argmax())
    h = int(pos[order][i])
    return int(cum[i]), (h - k + 1) * resolution


def rolling_max_sum(t: np.ndarray, w: np.ndarray, window: int) -> tuple[float, int]:
    """Max sum of weights of events in any window [x, x + window); returns (sum, start)."""
    if len(t) == 0:
        return 0.0, 0
    order = np.argsort(t, kind="stable")
    t = np.asarray(t)[order]
    cw = np.concatenate([[0.0], np.cumsum(np.asarray(w, dtype=float)[order])])
    end = np.searchsorted(t, t + window, side="left")
    sums = cw[end] - cw[: len(t)]
    i = int(sums.argmax())
    return float(sums[i]), int(t[i])
