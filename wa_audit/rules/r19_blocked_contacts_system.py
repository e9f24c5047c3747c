"""R19 blocked_contacts_system: your own blocks and business-account notices (context only)."""

from __future__ import annotations

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import ids


class R19BlockedContactsSystem(Rule):
    meta = RuleMeta(
        id="R19",
        slug="blocked_contacts_system",
        family=Family.CONTEXT,
        strength=Strength.CONTEXT,
        can_be_red=False,
        title=N_("Blocks and business notices in the exports"),
        what=N_(
            "Counts the system lines 'You blocked this contact' / 'You unblocked this contact' "
            "and notices that a chat is handled through Meta's hosted service (the Platform)."
        ),
        why=N_(
            "Context for the opt-out and complaint checks. Blocks and reports by your customers "
            "are invisible in exports; only your own blocks appear."
        ),
        instead=N_(
            "If your number already uses the Platform (or coexistence), send volume there "
            "rather than from the app."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        m = ctx.m
        ev = m["event"].to_numpy()
        blocked = m[ev == "blocked"]
        unblocked = m[ev == "unblocked"]
        hosted = m[(ev == "meta_hosted") | (ev == "business_notice")]
        params = {
            "blocked": int(blocked["chat_id"].nunique()),
            "unblocked": int(unblocked["chat_id"].nunique()),
            "hosted": int(hosted["chat_id"].nunique()),
        }
        key = N_(
            "Contacts you blocked: {blocked}; unblocked: {unblocked}; chats with a "
            "business-platform notice: {hosted}. Customers' own blocks and reports are not in "
            "exports."
        )
        return self.result(
            Light.GREEN,
            key,
            params=params,
            figures=dict(params),
            evidence=ids(blocked) + ids(hosted),
        )
