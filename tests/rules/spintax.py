"""A spintax generator of our own: `{a|b|c}` picks one option (nested braces allowed) and
the sentences of each pitch are shuffled, as bulk tools do to dodge duplicate detection."""

from __future__ import annotations

import random
import re

_SENT = re.compile(r"(?<=[.!?])\s+")

PITCHES = {
    "en": (
        "{Hi|Hello|Hey|Good day} {there|{dear|} friend}! "
        "{We are|This is|Here is} {Sunny Roofs|the Sunny Roofs team|Sunny Roofs Solar}. "
        "{Would you like to|Do you want to|Are you ready to} {save|cut|reduce|lower} "
        "{up to|as much as|nearly} {40|45|50}% on your {energy bill|electricity costs|power bill}? "
        "{Our|The} {free|no-cost|complimentary} {quote|estimate|home check} {takes|needs} "
        "{only|just|no more than} {5 minutes|a few minutes|ten minutes}. "
        "{Panels|Solar panels|Our panels} {come with|include|have} a {25-year|lifetime} "
        "{warranty|guarantee}. "
        "{Reply YES|Answer YES|Send YES|Just reply YES} {to get started|and we will call you|"
        "for more info|to book your visit}."
    ),
    "en_insurance": (
        "{Hello|Hi|Dear customer}! "
        "{Is your|Are you sure your} {car|home|family} {insurance|cover|policy} {still|really} "
        "{the best deal|good value|up to date}? "
        "{We compare|Our team compares|We check} {over 30|more than 30|dozens of} {insurers|"
        "providers|companies} {for you|in one go|in minutes}. "
        "{Most|Many} {clients|customers|families} {pay|spend} {less|about 300 pounds less} "
        "{every year|per year|a year}. "
        "{Call|Phone|Ring} {us|our advisers} {on|at} 0800 123 456 {today|this week|now}."
    ),
    "nl": (
        "{Hallo|Hoi|Goedendag|Beste klant}! "
        "{Wij zijn|Dit is|Hier is} {Zonnig Dak|het team van Zonnig Dak|Zonnig Dak Solar}. "
        "{Wil je|Zou je willen|Ben je klaar om} {tot|bijna|maar liefst} {40|45|50}% "
        "{besparen|minder betalen} op je {energierekening|stroomkosten|elektriciteit}? "
        "{Onze|De} {gratis|kosteloze|vrijblijvende} {offerte|berekening|dakcheck} {duurt|kost} "
        "{maar|slechts|hooguit} {5 minuten|een paar minuten|tien minuten}. "
        "{Panelen|Zonnepanelen|Onze panelen} {hebben|krijgen|komen met} {25 jaar|levenslang} "
        "{garantie|zekerheid}. "
        "{Antwoord JA|Stuur JA|Reageer met JA} {om te beginnen|en we bellen je|voor meer info|"
        "voor een afspraak}."
    ),
}


def spin(template: str, rng: random.Random) -> str:
    """One variant: options picked innermost first, then the sentences shuffled."""
    inner = re.compile(r"\{([^{}]*)\}")
    s = template
    while True:
        s2 = inner.sub(lambda mt: rng.choice(mt.group(1).split("|")), s)
        if s2 == s:
            break
        s = s2
    sentences = _SENT.split(" ".join(s.split()))
    rng.shuffle(sentences)
    return " ".join(sentences)
