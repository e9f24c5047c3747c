"""R03 business_initiated_volume: how many people you contact on your own initiative."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, counted, ids
from wa_audit.rules.derive.windows import (
    DAY,
    HOUR,
    rolling_max_count,
    rolling_max_distinct,
    rolling_max_sum,
)


def _window_rows(t: np.ndarray, start: int, window: int) -> np.ndarray:
    return (t >= start) & (t < start + window)


def peak_bi_recipients(ctx) -> tuple[int, int]:
    """Peak distinct business-initiated recipients in any rolling 24 h (also used by the
    guidance's messaging tier). Broadcast-list messages count their stated recipients."""
    if "peak_bi" not in ctx.cache:
        bi = ctx.bi
        o2o = bi[bi["o2o"]]
        n1, t1 = rolling_max_distinct(o2o["t"].to_numpy(), o2o["chat_id"].to_numpy(), DAY)
        bc = bi[bi["bcast"]]
        n2, t2 = 0, 0
        if len(bc):
            s, t2 = rolling_max_sum(bc["t"].to_numpy(), bc["weight"].to_numpy(), DAY)
            n2 = int(s)
        ctx.cache["peak_bi"] = (n1, t1) if n1 >= n2 else (n2, t2)
    return ctx.cache["peak_bi"]


class R03BusinessInitiatedVolume(Rule):
    meta = RuleMeta(
        id="R03",
        slug="business_initiated_volume",
        family=Family.BULK,
        strength=Strength.MEDIUM,
        title=N_("Messages you start, per day and per hour"),
        what=N_(
            "Counts the people you messaged first (not answers to a customer within 24 hours) "
            "in any 24 hours, and your messages of that kind in any hour."
        ),
        why=N_(
            "WhatsApp judges an account by how many messages it sends on its own initiative. "
            "Even on the official Platform a new business may start conversations with only "
            "250 people a day."
        ),
        instead=N_(
            "Plan volume sends on the Platform, where limits grow with verification and good "
            "quality. In the app, answer customers and contact only a few people yourself."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        bi = ctx.bi
        if bi.empty:
            return self.result(
                Light.GREEN,
                N_("You never started a conversation yourself."),
                figures={"bi_messages": 0},
            )
        chats24, t24 = peak_bi_recipients(ctx)
        w = bi["weight"].to_numpy()
        t = bi["t"].to_numpy()
        # messages per hour: every copy counts (a broadcast list's message counts once per
        # recipient), the same count R01 gives for a campaign
        s1h, t1h = rolling_max_sum(t, w, HOUR)
        msgs1h = round(s1h)
        notes = []
        if chats24 >= th["red_chats_24h"] or msgs1h >= th["red_msgs_1h"]:
            light = Light.RED
        elif chats24 >= th["amber_chats_24h"] or msgs1h >= th["amber_msgs_1h"]:
            light = Light.AMBER
        else:
            light = Light.GREEN
        cap = ctx.glob("broadcast_list_cap")
        if light == Light.RED and chats24 < th["red_chats_24h"] and msgs1h <= cap:
            # red only through the copies of broadcasts (the identical text to a list at once,
            # one send from the phone; R02 judges broadcasts): amber unless the sends alone
            # were that many
            fan = bi["fanout"].to_numpy()
            one_send = bi[(fan < 0) | ~pd.Series(fan).duplicated().to_numpy()]
            sends1h, _ = rolling_max_count(one_send["t"].to_numpy(), HOUR)
            if sends1h < th["red_msgs_1h"]:
                light = Light.AMBER
        if light == Light.AMBER and chats24 <= cap and msgs1h <= cap:
            # HEURISTICS §3 mitigation: customers start most conversations and the peak day and
            # hour reached people who had written to you before, no more than one broadcast
            # list holds: appointment reminders and a newsletter to customers, not bulk outreach
            o2o = bi["o2o"].to_numpy()
            peak = bi[(_window_rows(t, t24, DAY) | _window_rows(t, t1h, HOUR)) & o2o]
            cold_share = float(peak["cold"].mean()) if len(peak) else 0.0
            if cold_share <= 0.1 and ctx.customer_started_share >= ctx.glob(
                "mitigation_customer_share"
            ):
                light = Light.GREEN
                notes.append(
                    N_(
                        "Shown green: the busiest day reached customers who had written to you "
                        "before, and customers start most of your conversations."
                    )
                )
        if chats24 >= th["amber_chats_24h"] or msgs1h < th["amber_msgs_1h"]:
            ev = ids(bi[_window_rows(t, t24, DAY)])
        else:
            ev = ids(bi[_window_rows(t, t1h, HOUR)])
        days = max(1, (ctx.newest_t - ctx.oldest_t) / DAY)
        params = {
            "chats": chats24,
            "day_t": t24,
            "messages_hour": msgs1h,
            "people": counted("people", chats24),
            "per_hour": counted("such_messages_hour", msgs1h),
        }
        figures = {
            "bi_messages": int(np.round(w).sum()),
            "bi_sent": len(bi),
            "bi_share_of_outbound": round(len(bi) / max(1, int(ctx.m["is_out"].sum())), 3),
            "max_chats_24h": chats24,
            "max_msgs_1h": msgs1h,
            "bi_per_day_avg": round(float(np.round(w).sum()) / days, 1),
        }
        key = N_("On {day_t} you started conversations with {people} within 24 hours; {per_hour}.")
        return self.result(
            light,
            key,
            params=params,
            figures=figures,
            evidence=ev,
            confidence=confidence(ctx, len(bi), 20),
            notes=notes,
        )
