"""R10 unanswered_followups: messages on several days into chats that stay silent."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids
from wa_audit.rules.derive.windows import DAY


class R10UnansweredFollowups(Rule):
    meta = RuleMeta(
        id="R10",
        slug="unanswered_followups",
        family=Family.CONSENT,
        strength=Strength.MEDIUM,
        title=N_("Follow-ups nobody answers"),
        what=N_(
            "For each chat, finds the longest series of messages you started on different days "
            "(at most a week apart) with no answer in between."
        ),
        why=N_(
            "Every unanswered message now counts against a WhatsApp limit, and people who keep "
            "getting messages they never answer block and report the sender."
        ),
        instead=N_("Stop after one reminder. If someone does not answer, leave it."),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        m = ctx.features("fanout")
        started = m["is_bi"].to_numpy() & m["o2o"].to_numpy()
        if not started.any():
            return self.result(Light.GREEN, N_("You never started a conversation yourself."))
        # broadcasts to customers who wrote before are R02's business (how often one customer
        # gets broadcasts); to someone who never answered at all, every message counts, copy
        # of a broadcast or not: each one counts against WhatsApp's cap on unanswered messages
        keep = started & ((m["fanout"].to_numpy() < 0) | m["cold"].to_numpy())
        bi = m[keep]
        if bi.empty:
            return self.result(
                Light.GREEN,
                N_("No chat got several messages from you in a row without an answer."),
                params={"streak": int(th["streak"])},
                figures={"chats_streak3": 0, "longest_streak": 0, "chats_streak6": 0},
            )
        bi = bi.sort_values(["chat_id", "t"], kind="stable")
        # an inbound message ends a series (the latest inbound before the message changes)
        n_in = bi["last_in"].fillna(-1).to_numpy()
        day = bi["t"].to_numpy() // DAY
        chat = bi["chat_id"].to_numpy()
        # messages more than a week apart are separate contacts (a monthly newsletter is not
        # nagging)
        seg = np.ones(len(bi), dtype=bool)
        seg[1:] = (
            (chat[1:] != chat[:-1])
            | (n_in[1:] != n_in[:-1])
            | (day[1:] - day[:-1] > th["max_gap_days"])
        )
        sid = np.cumsum(seg)
        d = pd.DataFrame({"sid": sid, "day": day, "chat": chat})
        streak = d.drop_duplicates(["sid", "day"]).groupby("sid").size()
        per_chat = streak.groupby(d.drop_duplicates("sid").set_index("sid")["chat"]).max()
        s3 = int((per_chat >= th["streak"]).sum())
        longest = int(per_chat.max())
        s6 = int((per_chat >= th["red_long_streak"]).sum())
        if s3 >= th["red_chats"] or s6 >= th["red_long_chats"]:
            light = Light.RED
        elif s3 >= th["amber_chats"] or longest >= th["amber_longest"]:
            light = Light.AMBER
        else:
            light = Light.GREEN
        # evidence: the series of 3+, longest first (each series in time order)
        long_sids = streak[streak >= th["streak"]].sort_values(ascending=False, kind="stable")
        if long_sids.empty:
            long_sids = streak.sort_values(ascending=False, kind="stable").head(1)
        rank = pd.Series(np.arange(len(long_sids)), index=long_sids.index)
        worst = bi.assign(_r=rank.reindex(sid).to_numpy())
        worst = worst[worst["_r"].notna()].sort_values(["_r", "t"], kind="stable")
        params = {"chats": s3, "longest": longest, "streak": int(th["streak"])}
        key = (
            N_(
                "Customers who got {streak} or more messages in a row on different days "
                "without answering: {chats}; longest series: {longest}."
            )
            if s3
            else N_(
                "No customer got {streak} or more messages in a row on different days without "
                "answering."
            )
        )
        return self.result(
            light,
            key,
            params=params,
            figures={"chats_streak3": s3, "longest_streak": longest, "chats_streak6": s6},
            evidence=ids(worst, order=None),
            confidence=confidence(ctx, len(per_chat), 10),
        )
