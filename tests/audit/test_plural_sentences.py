"""Issue 11: every count in a rule's summary and notes has its plural form, and zero gets a
natural sentence ("none of them", "at once"), in English, Dutch and German, on every persona.

The detector is deliberately plain: a 0 or 1 followed (within two words) by a noun that is
plural in that language, or "0 of"/"0 %", is a sentence the reader trips over.
"""

from __future__ import annotations

import re

import pytest

from tests.rules.conftest import PERSONAS, persona_report
from wa_audit.audit.render import guidance_json, render_finding, render_summary
from wa_audit.i18n import _, set_language

PLURAL_NOUNS = {
    "en": "people persons messages chats customers campaigns broadcasts hours days minutes "
    "seconds sends contacts recipients groups batches promotions members offers links",
    "nl": "mensen personen berichten chats klanten campagnes verzendlijstberichten uren dagen "
    "minuten seconden verzendingen contacten ontvangers groepen reeksen aanbiedingen leden "
    "reclameberichten links",
    "de": "Personen Nachrichten Chats Kunden Kampagnen Broadcasts Stunden Tage Tagen Minuten "
    "Sekunden Sendungen Kontakte Kontakten Gruppen Schübe Mitglieder Werbenachrichten "
    "Kundennachrichten Angebote Tagesstunden",
}
# words that may stand between the number and a noun without making it a count of that noun
NOT_BETWEEN = {"of", "the", "van", "de", "het", "von", "der", "die", "den", "dem", "davon"}


def _pattern(lang: str) -> re.Pattern:
    nouns = "|".join(PLURAL_NOUNS[lang].split())
    between = r"(?:(?!(?:" + "|".join(NOT_BETWEEN) + r")\b)[^\W\d]+ ){0,2}"
    return re.compile(
        r"(?<![\d.,:])(?:[01] " + between + r"(?:" + nouns + r")\b"
        r"|0 (?:of|van|von)\b|0 ?%)",
        re.IGNORECASE if lang != "de" else 0,
    )


def clumsy(text: str, lang: str) -> list[str]:
    return [m.group(0) for m in _pattern(lang).finditer(text)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "0 of 102 customer messages got a long answer within seconds"),
        ("en", "You wrote first to 1 people within 30 days"),
        ("en", "each sent within 0 seconds"),
        ("en", "in 1 different hours of the day"),
        ("nl", "0 van 102 berichten van klanten, in 0 verschillende uren van de dag"),
        ("nl", "binnen 0 dagen"),
        ("de", "1 Broadcasts in Ihren aktivsten 30 Tagen"),
        ("de", "höchstens 1 solche Nachrichten in einer Stunde"),
        ("en", "0% of the people you added left"),
    ],
)
def test_the_detector_sees_the_old_mistakes(lang, text):
    assert clumsy(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Customer messages that got a long answer within seconds: 1 of 228"),
        ("en", "On 1 Jun 2026 11:00 you started conversations with 1 person"),
        ("en", "a median gap of 18 seconds with a variation (CV) of 0.42"),
        ("nl", "hooguit 1 op één dag; 10 berichten"),
        ("de", "1 davon ist Mitglied einer Gruppe, 10 Personen"),
    ],
)
def test_the_detector_leaves_right_sentences_alone(lang, text):
    assert not clumsy(text, lang)


def _texts(report) -> list[str]:
    out = []
    for f in report.findings:
        out.append(render_finding(f))
        out += [_(n) for n in f.result.notes]
    cost = guidance_json(report).get("cost", {})
    if cost.get("note"):
        out.append(cost["note"])
    out += render_summary(report).splitlines()
    return out


@pytest.mark.parametrize("lang", ["en", "nl", "de"])
@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_no_zero_or_one_with_a_plural_noun(name, lang):
    report = persona_report(name)
    try:
        set_language(lang)
        bad = [(t, clumsy(t, lang)) for t in _texts(report) if clumsy(t, lang)]
    finally:
        set_language("en")
    assert not bad, bad
