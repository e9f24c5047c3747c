"""R11 optout_ignored: a customer asked to stop and the business kept sending."""

from __future__ import annotations

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence
from wa_audit.rules.derive.optouts import optout_times


class R11OptoutIgnored(Rule):
    meta = RuleMeta(
        id="R11",
        slug="optout_ignored",
        family=Family.CONSENT,
        strength=Strength.STRONG,
        title=N_("Messages after someone asked you to stop"),
        what=N_(
            "Finds customers who asked you to stop ('STOP', 'afmelden', 'keine Nachrichten "
            "mehr'...) and checks whether you kept sending afterwards. One acknowledgement and "
            "answers to later questions of the customer are fine."
        ),
        why=N_(
            "WhatsApp requires businesses to honour every opt-out and remove the contact. Dutch "
            "and German law require consent for promotional messages."
        ),
        instead=N_(
            "Delete the contact from your broadcast lists now. On the Platform, add an opt-out "
            "button to every marketing template."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        opt = optout_times(ctx)
        if opt.empty:
            return self.result(
                Light.GREEN, N_("No customer asked you to stop."), figures={"optouts": 0}
            )
        m = ctx.m
        out = m[m["is_out"] & m["chat_id"].isin(opt["chat_id"])][
            ["chat_id", "t", "msg_id", "last_in", "latency", "lex", "kind"]
        ].merge(opt, on="chat_id")
        after = out[out["t"] > out["opt_t"]].sort_values(["chat_id", "t"])
        # one acknowledgement within 24 h is allowed
        first = ~after.duplicated("chat_id")
        ack = first & (after["t"] - after["opt_t"] <= th["ack_window_s"])
        # replies to a later customer message are allowed (the customer wrote again)
        reply_later = (after["last_in"] > after["opt_t"]) & (after["latency"] <= 86400)
        # the opt-out message itself is the latest inbound: replying to it is the ack
        viol = after[~ack & ~reply_later]
        n_v = len(viol)
        v_chats = int(viol["chat_id"].nunique())
        promo = int(lexicons.promo_of(viol.loc[viol["kind"] == "text", "lex"].to_numpy()).sum())
        if promo or n_v >= th["red_violations"] or v_chats >= 2:
            light = Light.RED
        elif n_v:
            light = Light.AMBER
        else:
            light = Light.GREEN
        ev = []
        opt_msg = dict(zip(opt["chat_id"].tolist(), opt["opt_msg"].tolist(), strict=True))
        for chat_id, grp in viol.groupby("chat_id", sort=False):
            ev.append(int(opt_msg[chat_id]))
            ev += [int(x) for x in grp["msg_id"].to_numpy()[:10]]
        if not n_v:
            ev = [int(x) for x in opt["opt_msg"].to_numpy()]
        params = {
            "optouts": len(opt),
            "violations": n_v,
            "chats": v_chats,
            "promotional": promo,
            "handled": len(opt) - v_chats,
        }
        key = (
            N_(
                "Customers who asked you to stop and still got messages: {chats}; messages "
                "sent after their request: {violations} ({promotional} promotional)."
            )
            if n_v
            else N_("Opt-outs handled correctly: {handled}.")
        )
        return self.result(
            light,
            key,
            params=params,
            figures={
                "optouts": len(opt),
                "violations": n_v,
                "violation_chats": v_chats,
                "promotional_violations": promo,
                "max_days_after": round(float(((viol["t"] - viol["opt_t"]) / 86400).max()), 1)
                if n_v
                else 0.0,
            },
            evidence=ev,
            confidence=confidence(ctx, max(20, len(opt)), 20),
        )
