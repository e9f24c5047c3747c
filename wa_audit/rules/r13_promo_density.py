"""R13 promo_density: share of promotions among the messages you start (hint only)."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids, pct
from wa_audit.rules.derive.windows import DAY, rolling_max_sum


def sends(bi):
    """Business-initiated sends: a campaign counts once, every other message once."""
    camp = bi["campaign"].to_numpy()
    key = np.where(camp >= 0, -1 - camp, bi["msg_id"].to_numpy())
    return bi.assign(_send=key).drop_duplicates("_send")


class R13PromoDensity(Rule):
    meta = RuleMeta(
        id="R13",
        slug="promo_density",
        family=Family.CONTENT,
        strength=Strength.WEAK,
        can_be_red=False,
        title=N_("Share of promotions in what you send"),
        what=N_(
            "Classifies the messages you start as promotional (discounts, offers, 'order now', "
            "in Dutch, German and English) and measures their share; a campaign counts once."
        ),
        why=N_(
            "Promotions are marketing in WhatsApp's terms: they need opt-in, and promotions in "
            "volume belong on the Platform, where they are a paid, limited category."
        ),
        instead=N_(
            "Send promotions as marketing templates on the Platform to people who opted in, or "
            "post them in your Status or Channel."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        bi = ctx.bi
        if bi.empty:
            return self.result(Light.GREEN, N_("You never started a conversation yourself."))
        s = sends(bi)
        promo = s[s["promo"]]
        share = len(promo) / len(s)
        # the share is of sends (a campaign counts once, so one newsletter does not outweigh
        # everything else); the volume counts every copy delivered, as R01 and R03 do
        copies = bi[bi["promo"]]
        p30f, _ = rolling_max_sum(copies["t"].to_numpy(), copies["weight"].to_numpy(), 30 * DAY)
        p30 = round(p30f)
        total = round(float(copies["weight"].sum()))
        if share >= th["amber_share"] and p30 >= th["amber_30d"]:
            light = Light.AMBER
        else:
            light = Light.GREEN
        params = {
            "promos": len(promo),
            "sends": len(s),
            "share_pct": pct(share),
            "per30": p30,
            "copies": total,
        }
        key = (
            N_(
                "Promotions among the sends you started: {promos} of {sends} ({share_pct}; a "
                "campaign counts once); promotional messages in all: {copies}, at most {per30} "
                "within 30 days."
            )
            if len(promo)
            else N_("None of the sends you started was a promotion (a campaign counts once).")
        )
        return self.result(
            light,
            key,
            params=params,
            figures={
                "promotional_sends": len(promo),
                "sends": len(s),
                "share": pct(share),
                "max_30d": p30,
                "promotional_messages": total,
            },
            evidence=ids(promo),
            confidence=confidence(ctx, len(s), 20),
        )
