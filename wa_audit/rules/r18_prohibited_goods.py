"""R18 prohibited_goods: offers of goods WhatsApp does not allow businesses to sell."""

from __future__ import annotations

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids

CATEGORY_LABELS = {
    "tobacco": N_("tobacco and e-cigarettes"),
    "alcohol": N_("alcohol"),
    "drugs": N_("drugs, CBD or cannabis"),
    "medicine": N_("prescription medicine"),
    "weapons": N_("weapons or ammunition"),
    "gambling": N_("gambling or betting"),
    "adult": N_("adult services"),
    "financial": N_("crypto, forex, MLM or quick loans"),
    "animals": N_("live animals"),
    "counterfeit": N_("counterfeit goods"),
}


class R18ProhibitedGoods(Rule):
    meta = RuleMeta(
        id="R18",
        slug="prohibited_goods",
        family=Family.CONTENT,
        strength=Strength.MEDIUM,
        title=N_("Offers of goods WhatsApp does not allow"),
        what=N_(
            "Looks for offers of tobacco and vapes, alcohol, drugs, prescription medicine, "
            "weapons, gambling, adult services, risky financial products, live animals or "
            "counterfeit goods - only together with a price, an order word or a link, sent on "
            "your own initiative or as a promotion (not plain answers to customers' questions)."
        ),
        why=N_(
            "WhatsApp's Business Messaging and Commerce policies forbid promoting or selling "
            "these in the Business app, whatever your licence; in the EU there is no exception."
        ),
        instead=N_("Remove such catalog items and stop such promotions on WhatsApp."),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        m = ctx.features("campaign")
        out = m.loc[m["is_out"] & m["is_text"], ["lex", "msg_id", "t", "is_bi", "campaign"]]
        if out.empty:
            return self.result(Light.GREEN, N_("No offers of prohibited goods."))
        flags = out["lex"].to_numpy()
        cats = lexicons.prohibited_of(flags, index=out.index)
        # An offer is sent on the business's own initiative, or pushed as a promotion. A plain
        # answer to a customer's question ("a bottle of wine is 24 euro" from a restaurant)
        # is service, not selling through WhatsApp (HEURISTICS R18 false-alarm guard).
        offered = out["is_bi"].to_numpy(dtype=bool) | lexicons.promo_of(flags)
        intent = cats.pop("intent").to_numpy() & offered
        counts = {}
        rows_by = {}
        camp_hit = False
        for cat in cats.columns:
            hit = cats[cat].to_numpy() & intent
            if hit.any():
                rows = out[hit]
                counts[cat] = len(rows)
                rows_by[cat] = rows
                camp_hit |= bool((rows["is_bi"] & (rows["campaign"] >= 0)).any())
        if not counts:
            return self.result(
                Light.GREEN, N_("No offers of prohibited goods."), figures={"offers": 0}
            )
        top = max(counts, key=counts.get)
        n = counts[top]
        light = Light.RED if (n >= th["red_msgs"] or camp_hit) else Light.AMBER
        params = {"offers": n, "category": CATEGORY_LABELS[top]}
        key = N_("Messages offering {category} for sale: {offers}.")
        return self.result(
            light,
            key,
            params=params,
            figures={"offers_by_category": counts, "in_campaign": camp_hit},
            evidence=ids(rows_by[top]),
            confidence=confidence(ctx, 20, 20),
        )
