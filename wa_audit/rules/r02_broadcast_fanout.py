"""R02 broadcast_fanout: broadcast-list-like sends and how often the same people get them."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids, pct
from wa_audit.rules.derive.windows import DAY, rolling_max_count, rolling_max_sum


class R02BroadcastFanout(Rule):
    meta = RuleMeta(
        id="R02",
        slug="broadcast_fanout",
        family=Family.BULK,
        strength=Strength.MEDIUM,
        title=N_("Broadcasts and how often customers get them"),
        what=N_(
            "Finds broadcasts - the same text or photo in five or more chats within two minutes, "
            "or any message in an exported broadcast list - and counts how many you send a "
            "month and how many each customer receives."
        ),
        why=N_(
            "Broadcast lists only reach people who saved your number, are capped at 256 "
            "contacts, and WhatsApp now limits and charges for business broadcasts. Frequent "
            "broadcasts get reported, and reported numbers get banned."
        ),
        instead=N_(
            "Keep broadcasts for rare, expected news to existing customers. Move regular "
            "promotions to marketing templates on the Platform, with opt-in and an opt-out "
            "button."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        f = ctx.fanouts
        if f.empty:
            return self.result(Light.GREEN, N_("No broadcasts found."), figures={"events": 0})
        starts = f["start"].to_numpy()
        ev30, ev30_t = rolling_max_count(starts, 30 * DAY)
        rec10, _ = rolling_max_sum(starts, f["recipients"].to_numpy(), 600)
        rec24, _ = rolling_max_sum(starts, f["recipients"].to_numpy(), DAY)
        # broadcasts received per recipient (one-to-one chats) in any 30 days
        m = ctx.m
        rows = m[(m["fanout"].to_numpy() >= 0) & m["o2o"].to_numpy()][
            ["chat_id", "t", "msg_id", "next_in"]
        ].sort_values(["chat_id", "t"])
        per_max = 0
        silent_max = 0
        worst_chat = None
        if len(rows):
            key = rows["chat_id"].to_numpy().astype(np.int64) * 10**11 + rows["t"].to_numpy()
            end = np.searchsorted(key, key + 30 * DAY, side="left")
            cnt = end - np.arange(len(key))
            rows = rows.assign(cnt=cnt)
            per_chat = rows.groupby("chat_id")["cnt"].max()
            per_max = int(per_chat.max())
            # "never answering": no inbound at all after the chat's first broadcast
            never = rows.groupby("chat_id")["next_in"].first().isna()
            silent = per_chat[never.reindex(per_chat.index).fillna(False).astype(bool)]
            silent_max = int(silent.max()) if len(silent) else 0
            worst_chat = int(per_chat.idxmax())
        receivers = int(rows["chat_id"].nunique()) if len(rows) else 0
        triggers = []
        if ev30 >= th["red_events_30d"]:
            triggers.append("red_events")
        if rec24 >= th["red_recipients_24h"]:
            triggers.append("red_recipients")
        if silent_max >= th["red_per_recipient_30d"]:
            triggers.append("red_per_recipient")
        notes = []
        if triggers:
            light = Light.RED
        else:
            if ev30 >= th["amber_events_30d"]:
                triggers.append("count")
            if per_max >= th["amber_per_recipient_30d"]:
                triggers.append("per_recipient")
            if rec10 >= th["amber_recipients_10min"]:
                triggers.append("stitched")
            light = Light.AMBER if triggers else Light.GREEN
            if triggers == ["count"]:
                c = ctx.campaigns
                warm = c.empty or float(c["cold_share"].max()) == 0.0
                small = c.empty or int(c["recipients"].max()) <= ctx.glob("broadcast_list_cap")
                if (
                    ctx.customer_started_share >= ctx.glob("mitigation_customer_share")
                    and warm
                    and small
                ):
                    light = Light.GREEN
                    notes.append(
                        N_(
                            "Downgraded to green: customers start most conversations and every "
                            "broadcast went only to people who had written to you before."
                        )
                    )
        params = {
            "events": ev30,
            "per_recipient": per_max,
            "receivers": receivers,
            "total_events": len(f),
        }
        figures = {
            "events_total": len(f),
            "max_events_30d": ev30,
            "max_recipients_10min": int(rec10),
            "max_recipients_24h": int(rec24),
            "max_per_recipient_30d": per_max,
            "max_per_silent_recipient_30d": silent_max,
            "receivers": receivers,
            "answer_rate": pct(
                m.loc[m["fanout"].to_numpy() >= 0, "answered"].mean()
                if (m["fanout"].to_numpy() >= 0).any()
                else float("nan")
            ),
        }
        if "per_recipient" in triggers or "red_per_recipient" in triggers:
            ev = ids(rows[rows["chat_id"] == worst_chat]) if worst_chat is not None else []
            key = N_(
                "One customer received {per_recipient} broadcasts within 30 days; you sent "
                "{events} broadcasts in your busiest 30 days."
            )
        else:
            sel = f[(f["start"] >= ev30_t) & (f["start"] < ev30_t + 30 * DAY)]
            ev = [int(x) for x in sel["example"].to_numpy()]
            key = (
                N_(
                    "{events} broadcasts in your busiest 30 days; the most any one customer "
                    "received was {per_recipient}."
                )
                if ev30 > 1
                else N_("One broadcast in your busiest 30 days.")
            )
        return self.result(
            light,
            key,
            params=params,
            figures=figures,
            evidence=ev,
            confidence=confidence(ctx, len(f), 5),
            notes=notes,
            triggers=triggers,
        )
