"""R08 unfilled_placeholders: mail-merge leftovers ({{1}}, {name}) and spintax."""

from __future__ import annotations

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids


class R08UnfilledPlaceholders(Rule):
    meta = RuleMeta(
        id="R08",
        slug="unfilled_placeholders",
        family=Family.AUTO,
        strength=Strength.STRONG,
        title=N_("Unfilled name fields and spun texts"),
        what=N_(
            "Looks in your messages for fields a sending tool failed to fill in, such as "
            "'Hi {{1}}', '{name}' or '[NAME]', and for spun text like '{Hi|Hello|Hey}'."
        ),
        why=N_(
            "Such leftovers show that a bulk-sending tool filled in names, which WhatsApp bans "
            "- and customers see it, which leads to blocks and reports."
        ),
        instead=N_(
            "Use Platform templates, where WhatsApp fills the variables for you and checks the "
            "template before it is sent."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        m = ctx.features("campaign")
        out = m.loc[m["is_out"] & m["is_text"], ["lex", "chat_id", "msg_id", "campaign", "t"]]
        ph, sp, marker = lexicons.placeholder_of(out["lex"].to_numpy())
        # every pattern needs one of the marker characters
        out, ph, sp = out[marker], ph[marker], sp[marker]
        if out.empty:
            return self.result(Light.GREEN, N_("No placeholders in your messages."))
        hits = out[ph | sp]
        chats = int(hits["chat_id"].nunique())
        spin = int(sp.sum())
        in_big = False
        if len(hits) and not ctx.campaigns.empty:
            c = ctx.campaigns.set_index("campaign")["recipients"]
            camp = hits["campaign"]
            camp = camp[camp >= 0]
            in_big = bool(
                len(camp) and (c.reindex(camp).fillna(0) >= th["red_campaign_recipients"]).any()
            )
        if chats >= th["red_chats"] or spin or in_big:
            light = Light.RED
        elif chats:
            light = Light.AMBER
        else:
            light = Light.GREEN
        params = {"messages": len(hits), "chats": chats, "spintax": spin}
        key = (
            N_("Messages with unfilled fields or spun text: {messages}; chats affected: {chats}.")
            if len(hits)
            else N_("No placeholders in your messages.")
        )
        return self.result(
            light,
            key,
            params=params,
            figures={"messages": len(hits), "chats": chats, "spintax": spin, "in_campaign": in_big},
            evidence=ids(hits),
            confidence=confidence(ctx, max(len(hits), 20), 20),
        )
