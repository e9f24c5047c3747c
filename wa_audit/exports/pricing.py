"""Indicative Meta rates per delivered template (WHATSAPP_POLICY_FACTS.md §7.8). Verify before
quoting: the report always prints them as "about" with their as-of date."""

from __future__ import annotations

from dataclasses import dataclass

from wa_audit.i18n import N_


@dataclass(frozen=True)
class Rate:
    country: str
    currency: str
    marketing: float
    utility: float
    as_of: str  # ISO date the rate card took effect
    source: str


RATES = {
    "NL": Rate("NL", "USD", 0.1597, 0.05, "2026-04-01", N_("Meta rate card via vendor price page")),
    "DE": Rate(
        "DE", "EUR", 0.1131, 0.0456, "2025-07-01", N_("Meta EUR rate card via a Berlin provider")
    ),
    "GB": Rate("GB", "USD", 0.05, 0.02, "2026-04-01", N_("estimate, no reliable source")),
}
COUNTRY_BY_LANG = {"nl": "NL", "de": "DE", "en": "NL"}
FREE_SERVICE_UNTIL = "2026-09-30"  # replies free until then; charged again from 1 Oct 2026
FREE_SERVICE_PER_MONTH = 1000


def rate_for(country: str | None, lang: str = "en") -> Rate:
    return RATES.get((country or "").upper()) or RATES[COUNTRY_BY_LANG.get(lang, "NL")]
