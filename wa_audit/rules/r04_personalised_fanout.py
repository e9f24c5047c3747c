"""R04 personalised_fanout: many different texts to many chats within a minute."""

from __future__ import annotations

import pandas as pd

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids, name_the_tool
from wa_audit.rules.derive.windows import rolling_max_count, rolling_max_distinct


class R04PersonalisedFanout(Rule):
    meta = RuleMeta(
        id="R04",
        slug="personalised_fanout",
        family=Family.BULK,
        strength=Strength.STRONG,
        title=N_("Many personalised messages within a minute"),
        what=N_(
            "Counts how many different chats received different messages you started within "
            "one minute. Bulk tools personalise each message to dodge duplicate detection."
        ),
        why=N_(
            "A person types one to a few messages a minute. Many unique messages per minute can "
            "only come from software, and WhatsApp bans automated messaging; its own example "
            "is 100 messages in 15 seconds."
        ),
        instead=N_(
            "Personalised mass messages belong in Platform templates with variables (for "
            "example the first name), sent through an official provider."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        bi = ctx.bi
        never = bi.empty
        bi = bi[bi["o2o"] & bi["is_text"]]
        if bi.empty:
            return self.result(
                Light.GREEN,
                N_("You never started a conversation yourself.")
                if never
                else N_("No minute with several different texts you started."),
                figures={"max_chats_per_minute": 0},
            )
        seconds = not ctx.minute_only
        # identical copies (a broadcast) count once: R02 handles those
        minute = bi["t"].to_numpy() // 60
        uniq = bi.assign(_m=minute).drop_duplicates(["text", "_m"])
        tt = uniq["t"].to_numpy()
        if seconds:
            peak, peak_t = rolling_max_distinct(tt, uniq["chat_id"].to_numpy(), 60, 1)
        else:
            peak, peak_t = rolling_max_distinct(tt, uniq["chat_id"].to_numpy(), 60, 60)
        # busy minutes per day (>= 4 distinct chats in one minute bucket)
        per_min = uniq.groupby(tt // 60)["chat_id"].nunique()
        busy = per_min[per_min >= th["busy_minute_chats"]]
        busy_day = int(pd.Series(busy.index // 1440).value_counts().max()) if len(busy) else 0
        burst15 = 0
        if seconds:
            out = ctx.m[ctx.m["is_out"] & ctx.m["has_seconds"]]
            burst15, _ = rolling_max_count(out["t"].to_numpy(), 15)
        win = bi[(bi["t"] >= peak_t) & (bi["t"] < peak_t + 60)]
        template = 0.0
        if len(win) and (win["dup"] >= 0).any():
            template = float(win["dup"].where(win["dup"] >= 0).value_counts().iloc[0]) / len(win)
        triggers = []
        if peak >= th["red_chats_per_min"]:
            triggers.append("per_minute")
        if burst15 >= th["red_msgs_15s"]:
            triggers.append("burst15")
        if peak >= th["amber_chats_per_min"] and template >= th["template_share"]:
            triggers.append("template")
        if triggers:
            light = Light.RED
        elif peak >= th["amber_chats_per_min"] or busy_day >= th["amber_busy_minutes"]:
            light = Light.AMBER
        else:
            light = Light.GREEN
        if light == Light.GREEN and peak <= 1:
            key = N_("Never several different messages you started in one minute.")
        elif light == Light.GREEN:
            key = N_("At most {chats} different personalised messages in one minute.")
        else:
            key = N_("{chats} different messages to {chats} chats within one minute on {minute_t}.")
        params = {"chats": peak, "minute_t": peak_t}
        figures = {
            "max_chats_per_minute": peak,
            "busy_minutes_max_per_day": busy_day,
            "max_out_msgs_15s": burst15,
            "template_share_peak": round(template, 3),
            "seconds_resolution": seconds,
        }
        conf = confidence(ctx, len(bi), 20)
        return name_the_tool(
            ctx,
            self.result(
                light,
                key,
                params=params,
                figures=figures,
                evidence=ids(win),
                confidence=conf,
                triggers=triggers,
            ),
        )
