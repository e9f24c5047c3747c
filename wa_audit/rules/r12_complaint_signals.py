"""R12 complaint_signals: customers asking who you are, how you got their number, 'spam'."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, pct
from wa_audit.rules.derive.conversation import prev_index
from wa_audit.rules.derive.groups import member_texts


class R12ComplaintSignals(Rule):
    meta = RuleMeta(
        id="R12",
        slug="complaint_signals",
        family=Family.CONSENT,
        strength=Strength.MEDIUM,
        title=N_("Customers who complain or ask who you are"),
        what=N_(
            "Finds answers to your messages such as 'who is this?', 'how did you get my "
            "number?', 'who added me to this group?', 'spam', 'I'll block you' or a threat to "
            "report you or go to a lawyer, in one-to-one chats and in groups you filled with "
            "people."
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
        group = _group_complaints(ctx)
        if cand.empty and group.empty:
            return self.result(Light.GREEN, N_("No complaints found."), figures={"chats": 0})
        comp, legal = lexicons.complaint_of(cand["lex"].to_numpy(dtype=np.int64))
        hit = comp & (after_bi[base] | legal)
        pr = safe_prev[base]
        rows = cand[hit]

        g_people = int(group["person"].nunique()) if len(group) else 0
        chats = int(rows["chat_id"].nunique()) + g_people
        legal_n = int(legal[hit].sum()) + (int(group["legal"].sum()) if len(group) else 0)
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
        for prev, r in group[["prev_msg", "msg_id"]].to_numpy():
            ev += ([int(prev)] if prev >= 0 else []) + [int(r)]
        params = {"chats": chats, "legal": legal_n, "bi_chats": bi_chats}
        if g_people:
            params["in_groups"] = {"plural": "group_people", "n": g_people}
            key = N_(
                "People who asked who you are or how you got their number, or complained: "
                "{chats} (with a threat to report you or take legal steps: {legal}). {in_groups}"
            )
        elif chats:
            key = N_(
                "People who asked who you are or how you got their number, or complained: "
                "{chats} (with a threat to report you or take legal steps: {legal})."
            )
        else:
            key = N_("No complaints found.")
        return self.result(
            light,
            key,
            params=params,
            figures={
                "chats": chats,
                "legal_threats": legal_n,
                "share_of_bi_chats": pct(share),
                "people_in_groups": g_people,
            },
            evidence=ev,
            confidence=confidence(ctx, max(bi_chats, 1), 20),
        )


def _group_complaints(ctx):
    """Complaints, legal threats and report threats by members of groups you filled with
    people (they never wrote to you first), one row per message with the latest message or
    add of yours before it: person, msg_id, prev_msg, legal."""
    cand = member_texts(ctx)
    if cand.empty:
        return cand.assign(person="", prev_msg=-1, legal=False)
    comp, legal = lexicons.complaint_of(cand["lex"].to_numpy(dtype=np.int64))
    m = ctx.m
    mine = m["is_out"].to_numpy() | m["actor_is_owner"].to_numpy(dtype=bool)
    prev = prev_index(mine, m["_start"].to_numpy())[cand["row"].to_numpy()]
    msg = m["msg_id"].to_numpy()
    out = cand[comp].copy()
    out["legal"] = legal.astype(bool)[comp]
    out["prev_msg"] = np.where(prev[comp] >= 0, msg[np.maximum(prev[comp], 0)], -1)
    out["person"] = out["chat_id"].astype(str) + ":" + out["sender"]
    return out
