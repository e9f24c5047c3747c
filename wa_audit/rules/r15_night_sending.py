"""R15 night_sending: messages you start at night (hint only)."""

from __future__ import annotations

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids, night_mask, pct
from wa_audit.rules.derive.windows import DAY, rolling_max_count


class R15NightSending(Rule):
    meta = RuleMeta(
        id="R15",
        slug="night_sending",
        family=Family.CONSENT,
        strength=Strength.WEAK,
        can_be_red=False,
        title=N_("Messages you start at night"),
        what=N_(
            "Counts messages you started between 22:00 and 07:00. Answers to customers at "
            "night never count."
        ),
        why=N_(
            "People block more readily when woken by a business, and mass sending at night is a "
            "known spam signal."
        ),
        instead=N_("Send announcements in the daytime."),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        bi = ctx.bi
        if bi.empty:
            return self.result(Light.GREEN, N_("You never started a conversation yourself."))
        sh, eh = int(th["night_start_hour"]), int(th["night_end_hour"])
        night = night_mask(bi["t"].to_numpy(), sh, eh)
        nb = bi[night]
        share = len(nb) / len(bi)
        n30, _ = rolling_max_count(nb["t"].to_numpy(), 30 * DAY)
        c = ctx.campaigns
        night_camps = 0
        if not c.empty:
            night_camps = int(
                (c["night_start"] & (c["recipients"] >= th["campaign_min_chats"])).sum()
            )
        if (share >= th["amber_share"] and n30 >= th["amber_30d"]) or night_camps:
            light = Light.AMBER
        else:
            light = Light.GREEN
        params = {"messages": len(nb), "share_pct": pct(share), "campaigns": night_camps}
        if not len(nb):
            key = N_("You started no messages at night.")
        elif night_camps:
            key = N_(
                "Messages you started at night: {messages} ({share_pct}); campaigns started at "
                "night: {campaigns}."
            )
        else:
            key = N_(
                "Messages you started at night: {messages} ({share_pct}), none of them part of a "
                "campaign."
            )
        return self.result(
            light,
            key,
            params=params,
            figures={
                "night_messages": len(nb),
                "share": pct(share),
                "max_30d": n30,
                "night_campaigns": night_camps,
            },
            evidence=ids(nb),
            confidence=confidence(ctx, len(bi), 20),
        )
