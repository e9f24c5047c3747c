"""R11 optout_ignored: a customer asked to stop and the business kept sending."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence
from wa_audit.rules.derive.conversation import REPLY_WINDOW
from wa_audit.rules.derive.groups import group_optouts
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
        gopt = group_optouts(ctx)
        if opt.empty and gopt.empty:
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
        reply_later = (after["last_in"] > after["opt_t"]) & (after["latency"] <= REPLY_WINDOW)
        # the opt-out message itself is the latest inbound: replying to it is the ack
        viol = after[~ack & ~reply_later].assign(person=lambda d: d["chat_id"].astype(str))
        gviol = _group_violations(ctx, gopt, th["ack_window_s"])
        viol = pd.concat([viol, gviol], ignore_index=True) if len(gviol) else viol
        opt = pd.concat([opt, gopt], ignore_index=True) if len(gopt) else opt
        opt["person"] = [
            f"{c}:{s}" if isinstance(s, str) else str(c)
            for c, s in zip(opt["chat_id"], opt.get("sender", [None] * len(opt)), strict=True)
        ]
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


def _group_violations(ctx, gopt: pd.DataFrame, ack_window: float) -> pd.DataFrame:
    """Your messages in a group after a member asked you to stop there, while they were still
    in it: one acknowledgement within the window is fine, and so are answers within 24 h
    after the member wrote again."""
    cols = ["chat_id", "t", "msg_id", "lex", "kind", "opt_t", "person"]
    if gopt.empty:
        return pd.DataFrame(columns=cols)
    m = ctx.m
    out = []
    for chat, sender, opt_t, gone_t in gopt[["chat_id", "sender", "opt_t", "gone_t"]].to_numpy():
        in_chat = m["chat_id"].to_numpy() == chat
        t = m["t"].to_numpy()
        end = gone_t if gone_t == gone_t else np.inf
        mine = in_chat & m["is_out"].to_numpy() & (t > opt_t) & (t < end)
        if not mine.any():
            continue
        rows = m[mine]
        again = np.sort(
            t[
                in_chat
                & m["is_in"].to_numpy()
                & (m["sender"].astype(str) == sender).to_numpy()
                & (t > opt_t)
            ]
        )
        rt = rows["t"].to_numpy()
        k = np.searchsorted(again, rt, side="right") - 1
        prev_again = np.append(again, np.nan)[np.where(k >= 0, k, len(again))]
        reply = rt - prev_again <= REPLY_WINDOW  # NaN (never wrote again) compares False
        ack = np.zeros(len(rows), dtype=bool)
        ack[0] = rt[0] - opt_t <= ack_window
        keep = rows[~reply & ~ack][["chat_id", "t", "msg_id", "lex", "kind"]]
        out.append(keep.assign(opt_t=opt_t, person=f"{chat}:{sender}"))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=cols)
