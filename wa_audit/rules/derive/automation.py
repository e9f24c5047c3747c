"""Allowed automation of the Business app versus bots, labelled by definition (HEURISTICS §1).

The label is per message, never per text alone, so one text can be a greeting where it greets
and evidence everywhere else:
- *greeting*: a recurring text (3+ chats) sent within a minute after a customer's first message
  of a conversation (the chat's first message or after 14 days of silence), at most once per
  conversation; a text that mostly answers other messages is not a greeting at all.
- *away*: a recurring text sent within a minute after a customer message **outside the
  business's hours** (outside the span of the day holding 90 % of the owner's typed answers,
  or on a weekday without typed answers), at
  most once per customer-service window (24 h) in a chat. Without typed answers there are no
  known business hours, and so no away messages.
- *bot*: the same text answering two or more different customer messages of one chat within
  6 hours, in 3+ chats (greetings and away messages do not repeat like that).
- *quick replies*: the same reply text reused in 3+ chats at human pace (listed only).
A fast automatic answer to every customer message is none of the allowed kinds: it stays
unlabelled and the automation rules (R06, R07) see it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from wa_audit.rules.derive.conversation import REPLY_WINDOW
from wa_audit.rules.derive.windows import DAY, HOUR

INSTANT_S = 60  # the Business app sends its greeting/away message within seconds
MIN_CHATS = 3
GREETING_SHARE = 0.8  # share of a greeting text's sends that answer a conversation start
AWAY_SHARE = 0.8  # share of an away text's sends outside business hours
BOT_REPEAT_S = 6 * HOUR
MIN_TYPED = 10  # typed answers needed before business hours are known
OPEN_QUANTILE = 0.05
CLOSED_LEVEL = 0.1  # a weekday with < 10 % of the busiest one's typed answers is closed


def closed_hours(m: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """(closed[24], closed[7]) from the hours and weekdays of the owner's typed answers
    (replies slower than a minute), or None when there are too few to know the hours."""
    typed = m["is_reply"].to_numpy() & (m["latency"].to_numpy() > INSTANT_S)
    t = m["t"].to_numpy()[typed]
    if len(t) < MIN_TYPED:
        return None
    # opening hours: the hours between the 5th and the 95th percentile of the typed answers
    # (a late answer now and then does not open the evening); closed weekdays: days with
    # under 10 % of the busiest weekday's typed answers
    lo, hi = np.quantile((t % DAY) // HOUR, [OPEN_QUANTILE, 1 - OPEN_QUANTILE])
    hours = np.arange(24)
    per_day = np.bincount((t // DAY + 3) % 7, minlength=7)  # 1970-01-01 was a Thursday
    return (hours < int(lo)) | (hours > int(hi)), per_day < CLOSED_LEVEL * per_day.max()


def automations(m: pd.DataFrame) -> list[dict[str, Any]]:
    """Adds column `auto` ("" | greeting | away | bot) and returns the texts found, most chats
    first: [{kind, chats, messages, example, allowed}]."""
    auto = np.full(len(m), "", dtype=object)
    out: list[dict[str, Any]] = []
    lat = m["latency"].to_numpy()
    is_text = m["is_text"].to_numpy()
    chat_all = m["chat_id"].to_numpy()
    inst = np.flatnonzero(m["is_out"].to_numpy() & (lat <= INSTANT_S) & is_text)
    if len(inst):
        _label(m, inst, auto, out)
    m["auto"] = auto
    out += _quick_replies(m, auto, lat, is_text, chat_all)
    return out


def _label(m: pd.DataFrame, inst: np.ndarray, auto: np.ndarray, out: list) -> None:
    chat_all = m["chat_id"].to_numpy()
    codes, uniq = pd.factorize(pd.Series(m["text"].to_numpy()[inst]))
    ulen = np.array([len(u.strip()) for u in uniq])
    d = pd.DataFrame({"code": codes, "chat": chat_all[inst], "row": inst})[ulen[codes] >= 10]
    nch = d.drop_duplicates(["code", "chat"]).groupby("code").size()
    d = d[np.isin(d["code"].to_numpy(), nch[nch >= MIN_CHATS].index.to_numpy())]
    if d.empty:
        return
    rows = d["row"].to_numpy()
    d = d.assign(t=m["t"].to_numpy()[rows], last_in=m["last_in"].to_numpy()[rows])
    d = d.sort_values(["code", "chat", "t"], kind="stable")
    code = d["code"].to_numpy()
    chat = d["chat"].to_numpy()
    tt = d["t"].to_numpy()
    li = d["last_in"].to_numpy()
    same = np.zeros(len(d), dtype=bool)
    same[1:] = (code[1:] == code[:-1]) & (chat[1:] == chat[:-1])
    gap = np.full(len(d), np.inf)
    gap[1:] = np.where(same[1:], tt[1:] - tt[:-1], np.inf)
    # the same text answering two different customer messages of a chat within 6 h: a bot
    rep = same & (gap < BOT_REPEAT_S) & np.r_[False, li[1:] != li[:-1]]
    rep_chats = pd.Series(chat[rep]).groupby(code[rep]).nunique()
    # does the message answer a conversation start (first message / 14 days of silence)?
    cs = m["conv_start"].to_numpy()
    conv_keys = chat_all[cs].astype(np.int64) * 10**10 + m["t"].to_numpy()[cs]
    li_key = chat.astype(np.int64) * 10**10 + np.nan_to_num(li, nan=-1).astype(np.int64)
    at_start = np.isin(li_key, conv_keys)
    # ... and is it sent outside the business's hours?
    hours = closed_hours(m)
    if hours is None:
        closed = np.zeros(len(d), dtype=bool)
    else:
        c_hour, c_day = hours
        closed = c_hour[(tt % DAY) // HOUR] | c_day[(tt // DAY + 3) % 7]
    per = pd.DataFrame({"code": code, "start": at_start, "closed": closed, "chat": chat})
    g = per.groupby("code")
    summary = pd.DataFrame(
        {"start": g["start"].mean(), "closed": g["closed"].mean(), "chats": g["chat"].nunique()}
    )
    summary["rep_chats"] = rep_chats.reindex(summary.index).fillna(0)
    # short texts ("graag gedaan!") are a human's quick reply, never a bot
    bot = (summary["rep_chats"] >= MIN_CHATS) & (ulen[summary.index.to_numpy()] >= 30)
    greeting = ~bot & (summary["start"] >= GREETING_SHARE)
    away = ~bot & ~greeting & (summary["closed"] >= AWAY_SHARE) & (hours is not None)
    kind = pd.Series("", index=summary.index, dtype=object)
    kind[bot] = "bot"
    kind[greeting] = "greeting"
    kind[away] = "away"
    text_kind = kind.reindex(code).to_numpy()
    # per message: greeting once per conversation, away once per window outside hours
    label = np.where(text_kind == "bot", "bot", "")
    first_in_conv = at_start & ~(same & np.r_[False, li[1:] == li[:-1]])
    label = np.where((text_kind == "greeting") & first_in_conv, "greeting", label)
    once = ~(same & (gap < REPLY_WINDOW))
    label = np.where((text_kind == "away") & closed & once, "away", label)
    rowv = d["row"].to_numpy()
    auto[rowv] = label
    found = pd.DataFrame({"label": label, "code": code, "chat": chat, "row": rowv})
    found = found[found["label"] != ""]
    grp = found.groupby(["label", "code"])
    table = grp.agg(chats=("chat", "nunique"), messages=("row", "size"), row=("row", "first"))
    table = table.reset_index().sort_values("chats", ascending=False, kind="stable").head(20)
    for r in table.itertuples(index=False):
        out.append(
            {
                "kind": r.label,
                "chats": int(r.chats),
                "messages": int(r.messages),
                "example": int(m["msg_id"].iat[int(r.row)]),
                "allowed": r.label != "bot",
            }
        )


def _quick_replies(m, auto, lat, is_text, chat_all) -> list[dict[str, Any]]:
    """The same reply text reused in >= 3 chats at human pace (listed only)."""
    out: list[dict[str, Any]] = []
    rep = np.flatnonzero(m["is_reply"].to_numpy() & is_text & (auto == "") & ~(lat <= INSTANT_S))
    if not len(rep):
        return out
    codes, uniq = pd.factorize(pd.Series(m["text"].to_numpy()[rep]))
    ulen = np.array([len(u) for u in uniq])
    d = pd.DataFrame({"code": codes, "chat_id": chat_all[rep], "row": rep})
    d = d[ulen[codes] >= 20]
    nch = d.drop_duplicates(["code", "chat_id"]).groupby("code").size()
    cnt = d.groupby("code").size()
    first = d.drop_duplicates("code").set_index("code")["row"]
    for code in nch[nch >= MIN_CHATS].sort_values(ascending=False).index[:20]:
        out.append(
            {
                "kind": "quick_reply",
                "chats": int(nch[code]),
                "messages": int(cnt[code]),
                "example": int(m["msg_id"].iat[int(first[code])]),
                "allowed": True,
            }
        )
    return out
