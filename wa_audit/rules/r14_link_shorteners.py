"""R14 link_shorteners: bit.ly and friends in the messages you start (hint only)."""

from __future__ import annotations

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids


class R14LinkShorteners(Rule):
    meta = RuleMeta(
        id="R14",
        slug="link_shorteners",
        family=Family.CONTENT,
        strength=Strength.WEAK,
        can_be_red=False,
        title=N_("Shortened links"),
        what=N_("Looks for shortened links (bit.ly, tinyurl.com ...) in messages you start."),
        why=N_(
            "Shortened links look like phishing to recipients and are not accepted in Platform "
            "templates; WhatsApp's abuse systems watch link patterns."
        ),
        instead=N_("Use your own domain in links."),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        bi = ctx.bi
        bi = bi[bi["is_text"]]
        if bi.empty:
            return self.result(Light.GREEN, N_("No shortened links."))
        hit = bi[lexicons.shortener_of(bi["lex"].to_numpy())]
        in_campaign = bool((hit["campaign"] >= 0).any())
        light = Light.AMBER if (len(hit) >= th["amber_msgs"] or in_campaign) else Light.GREEN
        key = (
            N_("Messages you started with shortened links: {messages}.")
            if len(hit)
            else N_("No shortened links.")
        )
        return self.result(
            light,
            key,
            params={"messages": len(hit)},
            figures={"messages": len(hit), "in_campaign": in_campaign},
            evidence=ids(hit),
            confidence=confidence(ctx, max(20, len(hit)), 20),
        )
