"""Word lists the exports use (HEURISTICS.md R11, R13). Data, not logic; extend freely.

`optout_lexicon()` prefers the R11 rule's own lists (wa_audit.rules.lexicons.OPTOUT_KEYWORDS /
OPTOUT_PHRASES), so the register and the rule always agree; the lists here are the fallback.
"""

from __future__ import annotations

OPTOUT_KEYWORDS = [
    "stop", "unsubscribe", "opt out", "optout", "remove me",
    "afmelden", "uitschrijven",
    "stopp", "abmelden", "abbestellen", "austragen",
    "désabonner", "desabonner", "désinscrire", "desinscrire",
    "baja", "parar", "cancelar", "sair", "descadastrar", "cancellami",
]  # fmt: skip
OPTOUT_PHRASES = [
    "don't message me", "dont message me", "do not message me", "stop sending",
    "remove me from your list", "not interested anymore",
    "geen berichten meer", "stuur me niks meer", "stuur me niets meer", "haal me van de lijst",
    "ik wil dit niet meer ontvangen",
    "keine nachrichten mehr", "schreiben sie mir nicht mehr", "nehmen sie mich aus der liste",
    "ich möchte das nicht mehr erhalten",
    "ne m'écrivez plus", "je ne veux plus recevoir", "no me escribas más", "no quiero recibir más",
]  # fmt: skip
KEYWORD_MAX_WORDS = 6

PROMO_WORDS = [
    "sale", "discount", "% off", "offer", "deal", "promo", "coupon", "free", "limited time",
    "last chance", "today only", "buy now", "order now", "black friday", "new arrivals",
    "korting", "aanbieding", "actie", "uitverkoop", "gratis", "kortingscode", "alleen vandaag",
    "laatste kans", "nu bestellen", "op=op", "nieuw binnen",
    "rabatt", "angebot", "aktion", "schnäppchen", "kostenlos", "gutschein", "gutscheincode",
    "nur heute", "letzte chance", "jetzt bestellen", "ausverkauf", "neuheiten",
]  # fmt: skip
UTILITY_WORDS = [
    "order", "delivery", "delivered", "shipped", "tracking", "appointment", "reminder",
    "invoice", "payment", "ready for pickup", "ready to collect", "your booking", "reservation",
    "bestelling", "levering", "bezorgd", "verzonden", "afspraak", "herinnering", "factuur",
    "betaling", "ligt klaar", "reservering", "track",
    "bestellung", "lieferung", "geliefert", "versandt", "sendungsverfolgung", "termin",
    "erinnerung", "rechnung", "zahlung", "abholbereit", "liegt bereit", "reservierung",
]  # fmt: skip


def optout_lexicon() -> tuple[list[str], list[str]]:
    """(keywords, phrases), lower-case; the audit rule's lists when it has them."""
    try:
        from wa_audit.rules import lexicons

        keywords = [k.lower() for k in lexicons.OPTOUT_KEYWORDS]
        phrases = [p.lower() for p in lexicons.OPTOUT_PHRASES]
        if keywords:
            return keywords, phrases
    except (ImportError, AttributeError):
        pass
    return OPTOUT_KEYWORDS, OPTOUT_PHRASES
