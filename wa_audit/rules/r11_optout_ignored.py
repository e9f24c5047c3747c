"""R11 optout_ignored: a customer asked to stop and the business kept sending."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence
from wa_audit.rules.derive.optouts import optout_followups


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
        opt, after = optout_followups(ctx, th["ack_window_s"])
        if opt.empty:
            return self.result(
                Light.GREEN, N_("No customer asked you to stop."), figures={"optouts": 0}
            )
        viol = after[~after["ack"].astype(bool) & ~after["reply"].astype(bool)]
        gviol = viol[viol["person"].isin(opt.loc[opt["in_group"], "person"])]
        n_v = len(viol)
        v_chats = int(viol["person"].nunique()) if n_v else 0
        g_people = int(gviol["person"].nunique()) if len(gviol) else 0
        lex = viol.loc[viol["kind"] == "text", "lex"].to_numpy(dtype=np.int64)
        promo = int(lexicons.promo_of(lex).sum())
        if promo or n_v >= th["red_violations"] or v_chats >= 2:
            light = Light.RED
        elif n_v:
            light = Light.AMBER
        else:
            light = Light.GREEN
        ev = []
        opt_msg: dict[str, int] = {}  # each person's first opt-out message
        for person, msg in zip(opt["person"].tolist(), opt["opt_msg"].tolist(), strict=True):
            opt_msg.setdefault(person, msg)
        for person, grp in viol.groupby("person", sort=False):
            ev.append(int(opt_msg[person]))
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
        if g_people:
            params["in_groups"] = {"plural": "group_people", "n": g_people}
            key = N_(
                "Customers who asked you to stop and still got messages: {chats}; messages "
                "sent after their request: {violations} ({promotional} promotional). {in_groups}"
            )
        elif n_v:
            key = N_(
                "Customers who asked you to stop and still got messages: {chats}; messages "
                "sent after their request: {violations} ({promotional} promotional)."
            )
        else:
            key = N_("Opt-outs handled correctly: {handled}.")
        return self.result(
            light,
            key,
            params=params,
            figures={
                "optouts": len(opt),
                "violations": n_v,
                "violation_chats": v_chats,
                "promotional_violations": promo,
                "violations_in_groups": g_people,
                "max_days_after": round(float(((viol["t"] - viol["opt_t"]) / 86400).max()), 1)
                if n_v
                else 0.0,
            },
            evidence=ev,
            confidence=confidence(ctx, max(20, len(opt)), 20),
        )
