"""R01 bulk_identical_outbound: the same or templated message sent to many chats."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids, pct, phrase
from wa_audit.rules.derive.optouts import optout_times
from wa_audit.rules.derive.windows import DAY


class R01BulkIdenticalOutbound(Rule):
    meta = RuleMeta(
        id="R01",
        slug="bulk_identical_outbound",
        family=Family.BULK,
        strength=Strength.STRONG,
        title=N_("Same message to many people"),
        what=N_(
            "Looks for the same or nearly the same message that you sent on your own initiative "
            "to many different chats within 24 hours (a campaign), how many of those people had "
            "never written to you, and how many answered."
        ),
        why=N_(
            "WhatsApp's terms ban bulk messaging in the Business app; WhatsApp says the app is "
            "not meant for sending the same message to many people, and it bans numbers whose "
            "messages go unanswered or to people who never wrote first."
        ),
        instead=N_(
            "Send announcements as a marketing template on the WhatsApp Business Platform, only "
            "to customers who opted in, or post them as a Status or Channel update. Keep the app "
            "for answering customers."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        c = ctx.campaigns
        if c.empty:
            return self.result(
                Light.GREEN,
                N_("No message went to several chats at once."),
                figures={"campaigns": 0},
            )
        c = c.copy()
        min_ans = th["min_answer_events"]
        ans_known = c["answered_n"] >= min_ans
        low_answer = ans_known & (c["answer_rate"] < th["amber_answer_rate"])
        big = c["recipients"] >= th["amber_recipients"]
        # campaigns that reached people who had asked to stop (R11)
        opt = optout_times(ctx)
        reached_optout = np.zeros(len(c), dtype=bool)
        if len(opt):
            rows = ctx.m[ctx.m["campaign"] >= 0][["campaign", "chat_id", "t"]]
            rows = rows.merge(opt, on="chat_id")
            hit = rows.loc[rows["t"] > rows["opt_t"], "campaign"].unique()
            reached_optout = c["campaign"].isin(hit).to_numpy()
        red = (
            (c["recipients"] >= th["red_recipients"])
            | (
                (c["recipients"] >= th["red_cold_recipients"])
                & (c["cold_share"] >= th["red_cold_share"])
            )
            | (reached_optout & (c["recipients"] >= 2))
            # issue 3: "the same promotion pasted into hundreds of chats" is red - more than
            # one broadcast list's worth of a promotion in 24 h, unless recipients are seen to
            # answer (>= 10 %)
            | (
                (c["recipients"] >= th["red_promo_recipients"])
                & c["promo"]
                & ~(ans_known & (c["answer_rate"] >= th["amber_answer_rate"]))
            )
        )
        amber_c = big & ((c["cold_share"] >= th["amber_cold_share"]) | low_answer)
        amber_c |= c["recipients"] >= th["amber_any_recipients"]
        # >= 3 campaigns of 20+ recipients in any 30 days
        starts = np.sort(c.loc[big, "start"].to_numpy())
        per30 = 0
        if len(starts):
            end = np.searchsorted(starts, starts + 30 * DAY, side="left")
            per30 = int((end - np.arange(len(starts))).max())
        count_amber = per30 >= th["amber_campaigns_30d"]
        triggers = []
        notes = []
        if red.any():
            light = Light.RED
            worst = c[red].sort_values("recipients", ascending=False).iloc[0]
            triggers.append("optout" if reached_optout[red.to_numpy()].any() else "volume")
        elif amber_c.any() or count_amber:
            light = Light.AMBER
            if amber_c.any():
                worst = c[amber_c].sort_values("recipients", ascending=False).iloc[0]
                triggers.append("campaign")
            else:
                worst = c[big].sort_values("recipients", ascending=False).iloc[0]
                triggers.append("count")
                # HEURISTICS §3 mitigation: customers start most conversations and every
                # campaign went to people who had written before, at most 256 per day
                if (
                    ctx.customer_started_share >= ctx.glob("mitigation_customer_share")
                    and float(c["cold_share"].max()) == 0.0
                    and int(c["recipients"].max()) <= ctx.glob("broadcast_list_cap")
                ):
                    light = Light.GREEN
                    notes.append(
                        N_(
                            "Downgraded to green: customers start most conversations and every "
                            "campaign went only to people who had written to you before."
                        )
                    )
        else:
            light = Light.GREEN
            worst = c.sort_values("recipients", ascending=False).iloc[0]
        rows = ctx.m[ctx.m["campaign"] == worst["campaign"]]
        cold_n = int(rows.loc[rows["o2o"] & rows["cold"], "chat_id"].nunique())
        params = {
            "messages": int(worst["msgs"]),
            "recipients": int(worst["recipients"]),
            "span_s": int(worst["end"] - worst["start"]),
            "cold": cold_n,
            "campaigns": len(c),
            "within": phrase(
                "within", int(worst["end"] - worst["start"]), minute_only=ctx.minute_only
            ),
            "cold_part": phrase("never_wrote", cold_n, of=int(worst["recipients"])),
        }
        figures = {
            "campaigns": len(c),
            "campaigns_20plus": int(big.sum()),
            "max_recipients_24h": int(c["recipients"].max()),
            "worst_cold_share": pct(worst["cold_share"]),
            "worst_answer_rate": pct(worst["answer_rate"]),
            "max_campaigns_30d": per30,
            "campaigns_to_opted_out": int(reached_optout.sum()),
            "worst_start_t": int(worst["start"]),
            "worst_end_t": int(worst["end"]),
        }
        # many campaigns: say how many and how big before describing the largest (issue 16)
        series = c[big]
        if len(series) >= 2:
            params["series"] = {
                "plural": "campaign_series",
                "n": len(series),
                "params": {
                    "size": round(float(series["recipients"].median())),
                    "within": phrase(
                        "within",
                        int((series["end"] - series["start"]).max()),
                        minute_only=ctx.minute_only,
                    ),
                },
            }
        if "optout" in triggers and "series" in params:
            key = N_(
                "{series} The largest: {messages} near-identical messages to {recipients} "
                "contacts {within}, including people who had asked you to stop."
            )
        elif "series" in params and (light != Light.GREEN or notes):
            key = N_(
                "{series} The largest: {messages} near-identical messages to {recipients} "
                "contacts {within}; {cold_part}."
            )
        elif "optout" in triggers:
            key = N_(
                "{messages} near-identical messages to {recipients} contacts {within}, "
                "including people who had asked you to stop."
            )
        elif light == Light.GREEN and not notes:
            key = (
                N_("{campaigns} small campaigns; the largest reached {recipients} chats.")
                if len(c) > 1
                else N_("One small campaign, to {recipients} chats.")
            )
        else:
            key = N_(
                "{messages} near-identical messages to {recipients} contacts {within}; {cold_part}."
            )
        # best first: messages to people who had asked to stop, then cold recipients
        opted = set(opt["chat_id"].tolist()) if len(opt) else set()
        evidence = ids(
            rows.assign(_o=~rows["chat_id"].isin(opted), _c=~rows["cold"]).sort_values(
                ["_o", "_c", "t"]
            ),
            order=None,
        )
        return self.result(
            light,
            key,
            params=params,
            figures=figures,
            evidence=evidence,
            confidence=confidence(ctx, int(worst["chats"]), 20),
            notes=notes,
            triggers=triggers,
        )
