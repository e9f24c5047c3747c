"""Meta's rate per delivered template for one recipients' country, read from the one price
file (resources/prices.json, loaded by audit.guidance). The report always prints a rate as
"about" with its as-of date."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    country: str
    currency: str
    marketing: float
    utility: float
    as_of: str  # ISO date the rate card took effect
    source: str


COUNTRY_BY_LANG = {"nl": "NL", "de": "DE", "en": "NL"}


def _prices() -> dict:
    from wa_audit.audit.guidance import load_prices

    return load_prices()


def rate_for(country: str | None, lang: str = "en") -> Rate:
    markets = _prices()["markets"]
    code = (country or "").upper()
    if code not in markets:
        code = COUNTRY_BY_LANG.get(lang, "NL")
    m = markets[code]
    return Rate(
        country=code,
        currency=m["marketing"]["currency"],
        marketing=float(m["marketing"]["amount"]),
        utility=float(m["utility"]["amount"]),
        as_of=m["marketing"]["as_of"],
        source=m["marketing"]["source"],
    )


def free_service() -> tuple[str, int]:
    """(the last day replies are free, the free replies per number and month afterwards)."""
    from datetime import date, timedelta

    service = _prices()["service_messages"]
    until = date.fromisoformat(service["charged_from"]) - timedelta(days=1)
    return until.isoformat(), int(service["free_per_number_per_month"])
