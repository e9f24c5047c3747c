"""Platform migration guidance (HEURISTICS.md §4) computed from the business's own data.

Output (a plain dict, stored with the run and put in the CLI JSON):
    traffic: per traffic type (marketing, utility, service) monthly volume, where it belongs
             (template category / Channels / app), and the rules that found it
    actions: per finding (amber/red), what to do instead: {rule, light, where, key}
    tier:    peak distinct business-initiated recipients in 24 h and the messaging tier needed
    cost:    monthly estimate per recipient country with the price file's as-of date
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from wa_audit.i18n import N_
from wa_audit.resources import resource_path
from wa_audit.rules.base import Light

if TYPE_CHECKING:
    from wa_audit.audit.model import Finding
    from wa_audit.rules.derive.context import AuditContext

DEFAULT_COUNTRY = "NL"
_PHONE_LIKE = re.compile(r"^\s*\+?[\d\s\-()./\u202f\u00a0]{7,}\s*$")

WHERE = {
    "marketing": N_(
        "WhatsApp Business Platform: marketing template with opt-in and an opt-out "
        "button, or a Status/Channel update"
    ),
    "utility": N_(
        "WhatsApp Business Platform: utility template (orders, deliveries, appointments)"
    ),
    "service": N_("Keep in the app (or Platform service messages)"),
    "bot": N_(
        "WhatsApp Business Platform through a provider: service messages and flows; "
        "task-specific bots only"
    ),
    "optin": N_(
        "Nowhere without opt-in: collect permission first (QR code or wa.me link, "
        "checkbox, shop counter)"
    ),
    "groups": N_("Channels or Community announcement groups that people join themselves"),
    "prohibited": N_("Not on WhatsApp in the Netherlands or Germany"),
    "platform_already": N_("Your number already shows a Platform notice: send volume there"),
}

RULE_WHERE = {
    "R01": "marketing",
    "R02": "marketing",
    "R13": "marketing",
    "R14": "marketing",
    "R03": "marketing",
    "R17": "marketing",
    "R15": "marketing",
    "R04": "bot",
    "R05": "bot",
    "R06": "bot",
    "R07": "bot",
    "R08": "bot",
    "R09": "optin",
    "R10": "optin",
    "R11": "optin",
    "R12": "optin",
    "R16": "groups",
    "R18": "prohibited",
}


@cache
def load_prices() -> dict[str, Any]:
    with resource_path("prices.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def country_of(title: str | None, default: str = DEFAULT_COUNTRY) -> str | None:
    """Region code of a phone-number-like chat title, else None (unknown)."""
    if not title or not _PHONE_LIKE.match(title):
        return None
    import phonenumbers

    try:
        num = phonenumbers.parse(title.replace("\u202f", " ").replace("\u00a0", " "), default)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(num):
        return None
    # fictional/unassigned ranges have no region: fall back to the country calling code
    region = phonenumbers.region_code_for_number(num) or phonenumbers.region_code_for_country_code(
        num.country_code
    )
    return None if region in (None, "ZZ", "001") else region


def needed_tier(peak: int, prices: dict[str, Any]) -> int | None:
    for level in prices["tiers"]["levels"]:
        if peak <= level:
            return int(level)
    return None  # unlimited


def _rate_eur(prices: dict[str, Any], country: str, category: str) -> tuple[float, dict]:
    markets = prices["markets"]
    entry = markets.get(country, markets["OTHER"])[category]
    fx = prices["fx_to_eur"].get(entry["currency"], 1.0)
    return float(entry["amount"]) * float(fx), entry


def build_guidance(ctx: AuditContext, findings: list[Finding], owner_country: str | None = None):
    prices = load_prices()
    default = owner_country or DEFAULT_COUNTRY
    m = ctx.m
    months = max(1.0, (ctx.newest_t - ctx.oldest_t) / (30 * 86400))
    bi = m["is_bi"].to_numpy()
    w = m["weight"].to_numpy()
    promo = m["promo"].to_numpy()
    reply = m["is_reply"].to_numpy() & m["o2o"].to_numpy()
    # recipient country per chat (phone-number-like titles), default the owner's country
    chats = ctx.chats
    countries = {
        cid: country_of(t if isinstance(t, str) else None, default)
        for cid, t in zip(chats.index, chats["title"], strict=True)
    }
    known = sum(1 for c in countries.values() if c)
    # one small integer code per chat's country, then per message (no string work on 1M rows)
    names = sorted({c or default for c in countries.values()} | {default})
    code_of = {c: i for i, c in enumerate(names)}
    cc = pd.Series({cid: code_of[c or default] for cid, c in countries.items()}, dtype=float)
    chat_country = (
        cc.reindex(m["chat_id"].to_numpy()).fillna(code_of[default]).to_numpy().astype(np.int64)
    )
    traffic = {
        "marketing": float((w * (bi & promo)).sum() / months),
        "utility": float((w * (bi & ~promo)).sum() / months),
        "service": float(reply.sum() / months),
    }
    lights = {f.rule: f.result.light for f in findings}
    traffic_rows = [
        {
            "type": t,
            "per_month": round(v, 1),
            "where": WHERE[t],
            "where_code": t,
            "rules": [
                r
                for r, k in RULE_WHERE.items()
                if k == t and lights.get(r) in (Light.AMBER, Light.RED)
            ],
        }
        for t, v in traffic.items()
    ]
    actions = []
    for f in findings:
        if f.result.light in (Light.AMBER, Light.RED) and f.rule in RULE_WHERE:
            code = RULE_WHERE[f.rule]
            actions.append(
                {
                    "rule": f.rule,
                    "light": str(f.result.light),
                    "where_code": code,
                    "where": WHERE[code],
                    "instead": f.meta.instead,
                }
            )
    r19 = next((f for f in findings if f.rule == "R19"), None)
    if r19 and r19.result.params.get("hosted"):
        actions.append(
            {
                "rule": "R19",
                "light": "green",
                "where_code": "platform_already",
                "where": WHERE["platform_already"],
                "instead": r19.meta.instead,
            }
        )
    # messaging tier from peak distinct BI recipients in 24 h
    from wa_audit.rules.r03_business_initiated_volume import peak_bi_recipients

    peak, peak_t = peak_bi_recipients(ctx)
    tier = {
        "peak_recipients_24h": int(peak),
        "peak_day_t": int(peak_t),
        "needed_tier": needed_tier(int(peak), prices),
        "starting_tier": int(prices["tiers"]["levels"][0]),
        "as_of": prices["tiers"]["as_of"],
    }
    # monthly cost per recipient country
    per_country: dict[str, dict[str, float]] = {}
    for cat, mask in (("marketing", bi & promo), ("utility", bi & ~promo), ("service", reply)):
        if not len(m):
            break
        sel = mask
        if not sel.any():
            continue
        sums = np.bincount(
            chat_country[sel], weights=w[sel] if cat != "service" else None, minlength=len(names)
        )
        for i, total_n in enumerate(sums.tolist()):
            if total_n:
                c = names[i]
                per_country.setdefault(c, {"marketing": 0.0, "utility": 0.0, "service": 0.0})
                per_country[c][cat] = total_n / months
    free = float(prices["service_messages"]["free_per_number_per_month"])
    service_total = sum(v["service"] for v in per_country.values())
    paid_share = max(0.0, service_total - free) / service_total if service_total else 0.0
    rows = []
    total = 0.0
    for c, v in sorted(per_country.items(), key=lambda kv: -sum(kv[1].values())):
        mk, mk_e = _rate_eur(prices, c, "marketing")
        ut, _ = _rate_eur(prices, c, "utility")
        cost_m = v["marketing"] * mk
        cost_u = v["utility"] * ut
        cost_s = v["service"] * paid_share * ut
        sub = cost_m + cost_u + cost_s
        total += sub
        rows.append(
            {
                "country": c,
                "marketing_per_month": round(v["marketing"], 1),
                "utility_per_month": round(v["utility"], 1),
                "service_per_month": round(v["service"], 1),
                "marketing_rate_eur": round(mk, 4),
                "utility_rate_eur": round(ut, 4),
                "eur_per_month": round(sub, 2),
                "rate_as_of": mk_e.get("as_of", prices["as_of"]),
                "confidence": mk_e.get("confidence", "low"),
                "marketing_paused": bool(mk_e.get("paused", False)),
                "rate_known": c in prices["markets"],
            }
        )
    cost = {
        "currency": "EUR",
        "as_of": prices["as_of"],
        "eur_per_month": round(total, 2),
        "countries": rows,
        "country_source": "phone numbers" if known else "default",
        "default_country": default,
        "chats_with_known_country": known,
        "note_key": _cost_note(len(countries) - known),
        "note_params": {
            "unknown": len(countries) - known,
            "country": default,
            "as_of": prices["as_of"],
        },
        "free_service_per_month": free,
    }
    notes = [
        N_(
            "Coexistence lets you keep using the Business app on the same number for one-to-one "
            "chats while the Platform sends templates, where your country is eligible."
        ),
        N_(
            "Marketing templates need the customer's opt-in and an opt-out button; replies to "
            "customers who wrote you stay free in the app."
        ),
    ]
    return {
        "notes": notes,
        "traffic": traffic_rows,
        "actions": actions,
        "tier": tier,
        "cost": cost,
        "prices_as_of": prices["as_of"],
    }


def _cost_note(unknown: int) -> str:
    """The cost note, with a natural sentence for none and one chat without a number."""
    if unknown <= 0:
        return N_(
            "Recipient countries come from phone-number chat names. Meta fees only (providers "
            "add their own), prices as of {as_of}."
        )
    if unknown == 1:
        return N_(
            "Recipient countries come from phone-number chat names; one chat without a number "
            "was counted as {country}. Meta fees only (providers add their own), prices as of "
            "{as_of}."
        )
    return N_(
        "Recipient countries come from phone-number chat names; {unknown} chats without a "
        "number were counted as {country}. Meta fees only (providers add their own), prices "
        "as of {as_of}."
    )
