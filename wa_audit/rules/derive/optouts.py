"""Who asked to stop, and what the business sent afterwards: one reading for R01, R11 and
the exported opt-out register.

An opt-out is the first message of a person that the opt-out lexicon reads as "stop"
(`lexicons.optout_of`): in a one-to-one chat, or by a member of a group the business filled
with people (`groups.group_optouts`). After it, every message of the business to that person
counts (in a group: while the member is still in it), except
- one acknowledgement within the window (`ack_window`, 24 h by default), and
- answers within 24 h after the person wrote again (the customer asked something).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wa_audit.rules import lexicons
from wa_audit.rules.derive.conversation import REPLY_WINDOW
from wa_audit.rules.derive.groups import group_optouts

if TYPE_CHECKING:
    from wa_audit.rules.derive.context import AuditContext

PEOPLE_COLS = ["person", "chat_id", "sender", "opt_t", "opt_msg", "in_group"]
AFTER_COLS = ["person", "chat_id", "t", "msg_id", "lex", "kind", "opt_t", "ack", "reply"]


def optout_times(ctx: AuditContext) -> pd.DataFrame:
    """First opt-out message per one-to-one chat: columns chat_id, opt_t, opt_msg."""
    if "optouts" not in ctx.cache:
        m = ctx.m
        sel = m["is_in"].to_numpy() & m["o2o"].to_numpy() & m["is_text"].to_numpy()
        cand = m.loc[sel, ["chat_id", "t", "msg_id", "lex"]]
        hit = lexicons.optout_of(cand["lex"].to_numpy())
        opt = cand[hit].drop_duplicates("chat_id")
        ctx.cache["optouts"] = pd.DataFrame(
            {
                "chat_id": opt["chat_id"].to_numpy(),
                "opt_t": opt["t"].to_numpy(),
                "opt_msg": opt["msg_id"].to_numpy(),
            }
        )
    return ctx.cache["optouts"]


def optout_followups(ctx: AuditContext, ack_window: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(people, after): one row per person who asked to stop (one-to-one chats first, then
    members of filled groups) with columns PEOPLE_COLS; and one row per message of yours to
    them after the request, AFTER_COLS, where `ack` marks the one allowed acknowledgement and
    `reply` an answer to the person writing again. A message with neither is a violation."""
    key = ("optout_followups", float(ack_window))
    if key not in ctx.cache:
        people_o, after_o = _one_to_one(ctx, ack_window)
        people_g, after_g = _groups(ctx, ack_window)
        people = pd.concat([people_o, people_g], ignore_index=True)
        after = pd.concat([a for a in (after_o, after_g) if len(a)] or [after_o], ignore_index=True)
        ctx.cache[key] = (people, after)
    return ctx.cache[key]


def _one_to_one(ctx: AuditContext, ack_window: float):
    opt = optout_times(ctx)
    m = ctx.m
    sender = m["sender"].astype(str).to_numpy()
    people = pd.DataFrame(
        {
            "person": opt["chat_id"].astype(str).to_numpy(),
            "chat_id": opt["chat_id"].to_numpy(),
            "sender": [sender[i] for i in _rows_of(m, opt["opt_msg"].to_numpy())],
            "opt_t": opt["opt_t"].to_numpy(),
            "opt_msg": opt["opt_msg"].to_numpy(),
            "in_group": np.zeros(len(opt), dtype=bool),
        },
        columns=PEOPLE_COLS,
    )
    out = m[m["is_out"] & m["chat_id"].isin(opt["chat_id"])][
        ["chat_id", "t", "msg_id", "last_in", "latency", "lex", "kind"]
    ].merge(opt[["chat_id", "opt_t"]], on="chat_id")
    after = out[out["t"] > out["opt_t"]].sort_values(["chat_id", "t"], kind="stable")
    first = ~after.duplicated("chat_id")
    ack = first & (after["t"] - after["opt_t"] <= ack_window)
    # the opt-out message itself is the latest inbound: replying to it is the acknowledgement
    reply = (after["last_in"] > after["opt_t"]) & (after["latency"] <= REPLY_WINDOW)
    after = after.assign(person=after["chat_id"].astype(str), ack=ack & ~reply, reply=reply)
    return people, after[AFTER_COLS].reset_index(drop=True)


def _rows_of(m: pd.DataFrame, msg_ids: np.ndarray) -> np.ndarray:
    pos = pd.Index(m["msg_id"].to_numpy()).get_indexer(msg_ids)
    return np.maximum(pos, 0)


def _groups(ctx: AuditContext, ack_window: float):
    """Your messages in a group after a member asked you to stop there, while they were still
    in it."""
    gopt = group_optouts(ctx)
    people = pd.DataFrame(
        {
            "person": [f"{c}:{s}" for c, s in zip(gopt["chat_id"], gopt["sender"], strict=True)],
            "chat_id": gopt["chat_id"].to_numpy(),
            "sender": gopt["sender"].to_numpy(),
            "opt_t": gopt["opt_t"].to_numpy(),
            "opt_msg": gopt["opt_msg"].to_numpy(),
            "in_group": np.ones(len(gopt), dtype=bool),
        },
        columns=PEOPLE_COLS,
    )
    m = ctx.m
    out = []
    chat_ids = m["chat_id"].to_numpy()
    t = m["t"].to_numpy()
    is_out = m["is_out"].to_numpy()
    is_in = m["is_in"].to_numpy()
    for chat, sender, opt_t, gone_t in gopt[["chat_id", "sender", "opt_t", "gone_t"]].to_numpy():
        in_chat = chat_ids == chat
        end = gone_t if gone_t == gone_t else np.inf
        mine = in_chat & is_out & (t > opt_t) & (t < end)
        if not mine.any():
            continue
        rows = m[mine]
        again = np.sort(
            t[in_chat & is_in & (m["sender"].astype(str) == sender).to_numpy() & (t > opt_t)]
        )
        rt = rows["t"].to_numpy()
        k = np.searchsorted(again, rt, side="right") - 1
        prev_again = np.append(again, np.nan)[np.where(k >= 0, k, len(again))]
        reply = rt - prev_again <= REPLY_WINDOW  # NaN (never wrote again) compares False
        ack = np.zeros(len(rows), dtype=bool)
        ack[0] = rt[0] - opt_t <= ack_window
        keep = rows[["chat_id", "t", "msg_id", "lex", "kind"]]
        out.append(
            keep.assign(opt_t=opt_t, person=f"{chat}:{sender}", ack=ack & ~reply, reply=reply)
        )
    if not out:
        return people, pd.DataFrame(columns=AFTER_COLS)
    return people, pd.concat(out, ignore_index=True)[AFTER_COLS]
