"""The first opt-out message of each one-to-one chat (R01, R11)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from wa_audit.rules import lexicons

if TYPE_CHECKING:
    from wa_audit.rules.derive.context import AuditContext


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
