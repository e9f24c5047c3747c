"""R09 cold_outreach_no_reply: starting chats with people who never wrote and don't answer."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, counted, pct
from wa_audit.rules.derive.windows import ANSWER_WINDOW, DAY


class R09ColdOutreachNoReply(Rule):
    meta = RuleMeta(
        id="R09",
        slug="cold_outreach_no_reply",
        family=Family.CONSENT,
        strength=Strength.STRONG,
        title=N_("Writing first to people who never wrote to you"),
        what=N_(
            "Counts chats that you started (complete chats whose first message is yours) per "
            "day and per 30 days, and how many of those people answered within a week."
        ),
        why=N_(
            "WhatsApp allows business messages only to people who gave you their number and "
            "agreed to hear from you. It bans numbers that message many strangers, and now caps "
            "messages to people who do not answer."
        ),
        instead=N_(
            "Collect opt-in first (shop counter, website checkbox, a QR code to your wa.me "
            "link) and let customers write first."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        ch = ctx.chats
        fc = ch[ch["first_contact"]].copy()
        if fc.empty:
            return self.result(
                Light.GREEN,
                N_("Every complete chat was started by the customer."),
                figures={"first_contact_chats": 0},
            )
        m = ctx.m
        out_idx = np.flatnonzero(m["is_out"].to_numpy())
        chat_o = m["chat_id"].to_numpy()[out_idx]
        fo = out_idx[np.concatenate([[True], np.diff(chat_o) != 0])] if len(out_idx) else out_idx
        first_out = m.iloc[fo][["chat_id", "t", "msg_id", "next_in"]].set_index("chat_id")
        fc["t0"] = first_out["t"].reindex(fc.index).to_numpy()
        fc["msg"] = first_out["msg_id"].reindex(fc.index).to_numpy()
        fc = fc[~np.isnan(fc["t0"].to_numpy(dtype=float))]
        nxt = first_out["next_in"].reindex(fc.index).to_numpy()
        t0 = fc["t0"].to_numpy().astype(np.int64)
        ans = np.where(nxt - t0 <= ANSWER_WINDOW, 1.0, 0.0)
        known = t0 <= ctx.newest_t - ANSWER_WINDOW
        order = np.argsort(t0, kind="stable")
        t0, ans, known = t0[order], ans[order], known[order]
        fc = fc.iloc[order]
        n = len(t0)
        cum_a = np.concatenate([[0.0], np.cumsum(ans * known)])
        cum_k = np.concatenate([[0.0], np.cumsum(known)])
        e24 = np.searchsorted(t0, t0 + DAY, side="left")
        e30 = np.searchsorted(t0, t0 + 30 * DAY, side="left")
        i = np.arange(n)
        c24 = e24 - i
        c30 = e30 - i
        k30 = cum_k[e30] - cum_k[i]
        ar30 = np.where(k30 > 0, (cum_a[e30] - cum_a[i]) / np.maximum(k30, 1), 1.0)
        max24 = int(c24.max())
        max30 = int(c30.max())
        red = (max24 >= th["red_24h"]) or bool(
            ((c30 >= th["red_30d"]) & (ar30 < th["red_answer_rate"])).any()
        )
        amber = (max24 >= th["amber_24h"]) or bool(
            ((c30 >= th["amber_30d"]) & (ar30 < th["amber_answer_rate"])).any()
        )
        light = Light.RED if red else Light.AMBER if amber else Light.GREEN
        j = int(c30.argmax())
        win = fc.iloc[j : e30[j]]
        overall_ar = float(ans[known].mean()) if known.any() else float("nan")
        unanswered = 1 - (ar30[j] if k30[j] else 1.0)
        params = {
            "chats": max30,
            "unanswered_pct": pct(unanswered),
            "day_chats": max24,
            "people": counted("new_people", max30),
            "all_answered": counted("all_answered", max30),
        }
        figures = {
            "first_contact_chats": n,
            "max_24h": max24,
            "max_30d": max30,
            "answer_rate": pct(overall_ar) if known.any() else None,
            "answer_rate_busiest_30d": pct(ar30[j]) if k30[j] else None,
        }
        if k30[j] and round(unanswered * 100) > 0:
            key = N_(
                "Within 30 days you wrote first to {people}, and {unanswered_pct} never "
                "answered; at most {day_chats} in one day."
            )
        elif k30[j]:
            key = N_(
                "Within 30 days you wrote first to {people}, {all_answered}; at most "
                "{day_chats} in one day."
            )
        else:  # every first contact is younger than a week: nobody could have answered yet
            del params["unanswered_pct"]
            key = N_(
                "Within 30 days you wrote first to {people}; at most {day_chats} in one day "
                "(too recent to tell who answers)."
            )
        ev = [int(x) for x in win.sort_values("t0")["msg"].to_numpy() if x == x]
        return self.result(
            light,
            key,
            params=params,
            figures=figures,
            evidence=ev,
            confidence=confidence(ctx, n, 10),
        )
