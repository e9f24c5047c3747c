"""Platform guidance: traffic types, messaging tier, cost per country with the as-of date."""

from __future__ import annotations

from tests.rules.conftest import persona_report
from wa_audit.audit.guidance import country_of, load_prices, needed_tier


def test_country_from_phone_numbers():
    assert country_of("+49 151 2345678") == "DE"
    assert country_of("+31 6 12345678") == "NL"
    assert country_of("+44 7700 900123") == "GB"
    assert country_of("06 12345678") == "NL"  # the owner's country as default
    assert country_of("Anna de Vries") is None


def test_tier_ladder():
    prices = load_prices()
    assert needed_tier(40, prices) == 250
    assert needed_tier(251, prices) == 2000
    assert needed_tier(10**6, prices) is None


def test_prices_are_dated():
    prices = load_prices()
    assert prices["as_of"]
    for market in prices["markets"].values():
        for cat in ("marketing", "utility"):
            assert market[cat]["as_of"] and market[cat]["amount"] > 0


def test_normal_shop_guidance():
    g = persona_report("normal_shop").guidance
    assert g["tier"]["needed_tier"] == 250
    types = {row["type"]: row for row in g["traffic"]}
    assert types["service"]["per_month"] > types["marketing"]["per_month"]
    assert g["cost"]["default_country"] == "NL" and g["cost"]["country_source"] == "default"
    assert not g["actions"]


def test_cold_german_numbers_are_priced_as_germany():
    g = persona_report("cold_outreach").guidance
    countries = {row["country"]: row for row in g["cost"]["countries"]}
    assert "DE" in countries and countries["DE"]["rate_known"]
    assert countries["DE"]["marketing_per_month"] > 0
    assert {a["where_code"] for a in g["actions"]} >= {"optin", "marketing"}
