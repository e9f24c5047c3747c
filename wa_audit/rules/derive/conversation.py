"""Reply versus business-initiated: the ONE definition (HEURISTICS.md §1), numpy only.

A *reply* is an owner message sent within 24 h (`REPLY_WINDOW`) after the latest message of the
other side in the same chat (WhatsApp's customer-service window). Every other owner message is
*business-initiated* (BI) when it goes to one person: a one-to-one chat or an exported
broadcast list. An owner message in a group that is not a reply is neither (a group post).
Only real messages (text or media, never system lines) count on either side.

The audit (`context.build_context`), the dashboard charts (`ui.chart_data`) and the report's
traffic tables (`exports.traffic`) all call `classify` on the same columns, so their numbers
agree by construction.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

HOUR = 3600
DAY = 24 * HOUR
REPLY_WINDOW = 24 * HOUR
REAL_KINDS = ("text", "media")


class Outbound(NamedTuple):
    last_in: np.ndarray  # seconds of the chat's latest inbound before the row (NaN: none)
    latency: np.ndarray  # seconds since the latest inbound of the chat (NaN: none), owner rows
    is_reply: np.ndarray
    is_bi: np.ndarray


def chat_bounds(chat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: index of its chat's first row and one past its last row (rows sorted by chat)."""
    n = len(chat)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    brk = np.flatnonzero(np.diff(chat)) + 1
    starts = np.concatenate([[0], brk])
    ends = np.concatenate([brk, [n]])
    sizes = ends - starts
    return np.repeat(starts, sizes), np.repeat(ends, sizes)


def prev_index(mask: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Per row: index of the latest earlier row of the same chat where mask is true, or -1."""
    n = len(mask)
    idx = np.where(mask, np.arange(n), -1)
    prev = np.maximum.accumulate(np.concatenate([[-1], idx[:-1]])) if n else idx
    return np.where(prev >= start, prev, -1)


def next_index(mask: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Per row: index of the next later row of the same chat where mask is true, or -1."""
    n = len(mask)
    idx = np.where(mask, np.arange(n), n)
    nxt = np.minimum.accumulate(np.concatenate([idx[1:], [n]])[::-1])[::-1] if n else idx
    return np.where(nxt < end, nxt, -1)


def take_t(t: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """t[idx] as float with NaN where idx == -1."""
    out = np.full(len(idx), np.nan)
    ok = idx >= 0
    out[ok] = t[idx[ok]]
    return out


def classify(
    t: np.ndarray,
    is_in: np.ndarray,
    is_out: np.ndarray,
    to_one: np.ndarray,
    start: np.ndarray,
) -> Outbound:
    """Rows sorted by chat and file order. t: seconds; is_in/is_out: real messages of the other
    side / the owner; to_one: the row's chat is one-to-one or a broadcast list; start: from
    `chat_bounds`."""
    last_in = take_t(t, prev_index(is_in, start))
    latency = np.where(is_out, t - last_in, np.nan)
    is_reply = is_out & (latency <= REPLY_WINDOW)
    return Outbound(last_in, latency, is_reply, is_out & ~is_reply & to_one)


def classify_rows(
    chat: np.ndarray, t: np.ndarray, mine: np.ndarray, real: np.ndarray, to_one: np.ndarray
) -> Outbound:
    """`classify` for rows read straight from the workspace (sorted by chat, file order)."""
    start, _ = chat_bounds(chat)
    return classify(t, real & ~mine, real & mine, to_one, start)
