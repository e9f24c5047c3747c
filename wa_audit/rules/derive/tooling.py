"""Does the number look driven by an unofficial tool? (issue 9, point 8)

Rules that measure machine behaviour (R04 personalised fan-out, R05 regular timing, R06 instant
answers at any hour, R07 menus) find *that* software sends; this module adds what makes it an
unofficial tool rather than a busy person: the number writes to many chats, at almost every
hour of the day, and nobody on the business side ever types an answer by hand (no reply at a
human pace). WhatsApp bans such tools outright (Facts §1, §5.3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from wa_audit.rules.derive.automation import INSTANT_S
from wa_audit.rules.derive.windows import DAY, HOUR

if TYPE_CHECKING:
    from wa_audit.rules.derive.context import AuditContext


def owner_activity(ctx: AuditContext) -> dict[str, int]:
    """chats: chats with your messages; hours: hours of the day you sent in; messages: your
    messages; typed: answers at a human pace (slower than a minute, not an app automation)."""
    if "owner_activity" not in ctx.cache:
        m = ctx.features("auto")
        out = m["is_out"].to_numpy()
        t = m["t"].to_numpy()[out]
        typed = (
            m["is_reply"].to_numpy()
            & (m["latency"].to_numpy() > INSTANT_S)
            & (m["auto"].to_numpy() == "")
        )
        ctx.cache["owner_activity"] = {
            "chats": len(np.unique(m["chat_id"].to_numpy()[out])),
            "hours": len(np.unique((t % DAY) // HOUR)),
            "messages": int(out.sum()),
            "typed": int(typed.sum()),
        }
    return ctx.cache["owner_activity"]


def looks_like_tool(ctx: AuditContext) -> dict[str, Any] | None:
    """The activity figures when many chats, (almost) every hour and no typing come together."""
    a = owner_activity(ctx)
    untyped = a["typed"] <= ctx.glob("tool_max_typed_share") * a["messages"]
    if (
        untyped
        and a["chats"] >= ctx.glob("tool_min_chats")
        and a["hours"] >= ctx.glob("tool_min_hours")
    ):
        return a
    return None
