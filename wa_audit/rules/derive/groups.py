"""Groups the business filled with people, and what their members write (R11, R12).

A group counts as *filled by the business* when its export shows the owner adding people or
creating it. Its members did not write to the business first: "who added me to this group?",
"how did you get my number?", "STOP" and "reported" there are the same signals as in a
one-to-one chat, counted per person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wa_audit.rules import lexicons

if TYPE_CHECKING:
    from wa_audit.rules.derive.context import AuditContext

FILLED_EVENTS = ("added", "group_created")
GONE_EVENTS = ("left", "removed")


def filled_groups(ctx: AuditContext) -> np.ndarray:
    """chat ids of the groups the owner created or added people to."""
    if "filled_groups" not in ctx.cache:
        m = ctx.m
        sel = (
            m["grp"].to_numpy()
            & m["actor_is_owner"].to_numpy(dtype=bool)
            & m["event"].isin(FILLED_EVENTS).to_numpy()
        )
        ctx.cache["filled_groups"] = np.unique(m["chat_id"].to_numpy()[sel])
    return ctx.cache["filled_groups"]


def member_texts(ctx: AuditContext) -> pd.DataFrame:
    """Text messages of members of filled groups: chat_id, sender, t, msg_id, text, row."""
    m = ctx.m
    sel = (
        m["is_in"].to_numpy()
        & m["is_text"].to_numpy()
        & np.isin(m["chat_id"].to_numpy(), filled_groups(ctx))
    )
    rows = np.flatnonzero(sel)
    out = m.iloc[rows][["chat_id", "sender", "t", "msg_id", "text", "lex"]].copy()
    out["sender"] = out["sender"].astype(str)
    out["row"] = rows
    return out


def group_optouts(ctx: AuditContext) -> pd.DataFrame:
    """First opt-out per member of a filled group: chat_id, sender, opt_t, opt_msg, gone_t
    (when the member left or was removed afterwards; NaN while still in the group)."""
    if "group_optouts" not in ctx.cache:
        cand = member_texts(ctx)
        hit = lexicons.optout_of(cand["lex"].to_numpy(dtype=np.int64))
        opt = cand[hit].drop_duplicates(["chat_id", "sender"])
        opt = pd.DataFrame(
            {
                "chat_id": opt["chat_id"].to_numpy(),
                "sender": opt["sender"].to_numpy(),
                "opt_t": opt["t"].to_numpy(),
                "opt_msg": opt["msg_id"].to_numpy(),
            }
        )
        opt["gone_t"] = [
            _gone(ctx, c, s, t) for c, s, t in opt[["chat_id", "sender", "opt_t"]].to_numpy()
        ]
        ctx.cache["group_optouts"] = opt
    return ctx.cache["group_optouts"]


def _gone(ctx: AuditContext, chat: int, sender: str, after: int) -> float:
    """When the member left or was removed after `after` (the system line names them)."""
    m = ctx.m
    sel = (
        (m["chat_id"].to_numpy() == chat)
        & (m["t"].to_numpy() >= after)
        & m["event"].isin(GONE_EVENTS).to_numpy()
    )
    if not sel.any():
        return float("nan")
    name = sender.lower()
    for t, text in zip(m["t"].to_numpy()[sel], m["text"].to_numpy()[sel], strict=True):
        if name and name in str(text).lower():
            return float(t)
    return float("nan")
