"""R12 complaint_signals: customers asking who you are, how you got their number, 'spam'."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, pct
from wa_audit.rules.derive.conversation import prev_index


class R12ComplaintSignals(Rule):
    meta = RuleMeta(
        id="R12",
        slug="complaint_signals",
        family=Family.CONSENT,
        strength=Strength.MEDIUM,
        title=N_("Customers who complain or ask who you are"),
        what=N_(
            "Finds answers to your messages such as 'who is this?', 'how did you get my "
            "number?', 'spam', 'I'll block you' or a threat to report you or go to a lawyer."
        ),
        why=N_(
            "These people are likely to block or report you, and WhatsApp bans numbers on "
            "blocks and reports. The export cannot show the blocks themselves."
        ),
        instead=N_("Stop messaging people who did not clearly give you permission."),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        m = ctx.m
        o2o = m["o2o"].to_numpy()
        # the latest owner message before each row, and whether it was business-initiated
        start = m["_start"].to_numpy()
        prev_out = prev_index(m["is_out"].to_numpy(), start)
        t = m["t"].to_numpy()
        is_bi = m["is_bi"].to_numpy()
        base = m["is_in"].to_numpy() & o2o & m["is_text"].to_numpy() & (prev_out >= 0)
        safe_prev = np.where(prev_out >= 0, prev_out, 0)
        # a complaint reacts to one of your business-initiated messages (within 7 days);
        # legal threats count after any message of yours
        after_bi = base & is_bi[safe_prev] & (t - t[safe_prev] <= th["lookback_s"])
        bi_chats = int(m.loc[m["is_bi"] & m["o2o"], "chat_id"].nunique())
        cand = m.loc[base, ["chat_id", "msg_id", "lex"]]
        if cand.empty:
            return self.result(Light.GREEN, N_("No complaints found."), figures={"chats": 0})
        comp, legal = lexicons.complaint_of(cand["lex"].to_numpy())
        hit = comp & (after_bi[base] | legal)
        pr = safe_prev[base]
        rows = cand[hit]

        chats = int(rows["chat_id"].nunique())
        legal_n = int(legal[hit].sum())
        share = chats / bi_chats if bi_chats else 0.0
        if chats >= th["red_chats"] or (share >= th["red_share"] and chats >= 2) or legal_n:
            light = Light.RED
        elif chats >= th["amber_chats"] or (share >= th["amber_share"] and chats >= 2):
            light = Light.AMBER
        else:
            light = Light.GREEN
        ev = []
        for i, r in zip(np.flatnonzero(hit), rows["msg_id"].to_numpy(), strict=True):
            ev += [int(m["msg_id"].iat[pr[i]]), int(r)]
        params = {"chats": chats, "legal": legal_n, "bi_chats": bi_chats}
        key = (
            N_(
                "People who asked who you are or how you got their number, or complained: "
                "{chats} (with a threat to report you or take legal steps: {legal})."
            )
            if chats
            else N_("No complaints found.")
        )
        return self.result(
            light,
            key,
            params=params,
            figures={"chats": chats, "legal_threats": legal_n, "share_of_bi_chats": pct(share)},
            evidence=ev,
            confidence=confidence(ctx, max(bi_chats, 1), 20),
        )
