"""Synthetic WhatsApp exports for the benchmarks (deterministic): a template mix whose texts
repeat (`android_export`, `chat_folder`) and realistic customer text, almost every message
distinct, with typos, emoji and mixed nl/de/en (`realistic_text`, `chat_folder(realistic=True)`)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

TEXTS = [
    "Hoi! Is de taart voor zaterdag al klaar?",
    "Ja hoor, je kunt hem vanaf 10 uur ophalen.",
    "Super, dank je wel 😊",
    "Wat kost een slagroomtaart voor 12 personen?",
    "€ 34,50 en we bezorgen ook in de buurt.",
    "Kan ik morgen om 15:30 langskomen?",
    "Prima, tot morgen!",
    "<Media omitted>",
    "Dit is een langer bericht over de bestelling: we willen graag twee taarten,\n"
    "een met aardbeien en een met chocolade.\n\nGraag voor 14:00 klaar.",
    "Dit bericht is verwijderd",
    "Ok",
    "Kom ik om 3 uur <This message was edited>",
]


def android_export(path: Path, messages: int, seed: int = 1, owner: str = "Bakkerij Jansen",
                   customer: str = "Anna de Vries", realistic: bool = False,
                   lang: str | None = None) -> Path:  # fmt: skip
    """One Android export; `realistic`: texts as diverse as real ones (in `lang`, or a language
    picked per chat), else the template mix."""
    rnd = random.Random(seed)
    if realistic:
        lang = lang or rnd.choice(["nl", "nl", "de", "de", "en"])
    t = datetime(2024, 1, 1, 9, 0)
    with path.open("w", encoding="utf-8") as f:
        f.write(
            f"{t:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted. No one outside "
            "of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        )
        for _ in range(messages - 1):
            t += timedelta(seconds=rnd.randint(5, 900))
            from_owner = rnd.random() < 0.5
            sender = owner if from_owner else customer
            if not realistic:
                text = rnd.choice(TEXTS)
            else:
                text = realistic_reply(rnd, lang) if from_owner else realistic_text(rnd, lang)
            f.write(f"{t:%d/%m/%Y, %H:%M} - {sender}: {text}\n")
    return path


def chat_folder(folder: Path, chats: int, per_chat: int, owner: str = "Bakkerij Jansen",
                realistic: bool = False):  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(chats):
        name = f"Klant {i:05d}"
        android_export(folder / f"WhatsApp Chat with {name}.txt", per_chat, seed=i, owner=owner,
                       customer=name, realistic=realistic)  # fmt: skip
    return folder


# --- realistic customer text -----------------------------------------------------------------
# Real chats are not templates: almost every customer message is unique (names, numbers, times,
# typos, emoji, language mixing). `realistic_texts` builds such messages from phrase parts, so
# that the lexicon work (done once per distinct text) costs what it costs on real data. A few
# messages carry the words the lexicons look for, in ordinary and in alarming use.
PARTS = {
    "nl": {
        "hello": ["Hoi", "Hallo", "Goedemorgen", "Goedemiddag", "Hey", "Hee", "Dag", "Hai", ""],
        "ask": [
            "hebben jullie nog {p} in {c}?",
            "kan ik {p} bestellen voor {day}?",
            "wat kost {p} ongeveer?",
            "bezorgen jullie ook in {town}?",
            "is mijn bestelling {n} al onderweg?",
            "ik wil graag {p} ophalen om {h}:{m}",
            "kan het ook {day} rond {h} uur?",
            "ik kom {day} even langs voor {p}",
            "zijn jullie {day} open?",
            "mijn {rel} is {day} jarig, hebben jullie iets met {c}?",
            "de {p} van vorige week was echt mooi!",
            "klopt het dat {p} nu {price} euro is?",
            "ik heb {k} stuks nodig voor {day}, lukt dat?",
            "kan ik met tikkie betalen?",
            "ik sta voor de deur bij {street} {k}",
            "sorry ik ben {k} minuten later",
        ],
        "extra": [
            "alvast bedankt!",
            "groetjes {name}",
            "mvg {name}",
            "laat maar weten",
            "top!",
            "hoor het graag",
            "ik meld me morgen nog even",
            "ik heb me aangemeld voor de workshop",
            "is de korting van de folder nog geldig?",
            "de weg is afgesloten trouwens",
        ],
    },
    "de": {
        "hello": ["Hallo", "Guten Tag", "Moin", "Hi", "Servus", "Guten Morgen", "Hey", ""],
        "ask": [
            "haben Sie noch {p} in {c}?",
            "kann ich {p} für {day} bestellen?",
            "was kostet {p} ungefähr?",
            "liefern Sie auch nach {town}?",
            "ist meine Bestellung {n} schon unterwegs?",
            "ich möchte {p} um {h}:{m} abholen",
            "geht es auch {day} gegen {h} Uhr?",
            "ich komme {day} vorbei wegen {p}",
            "haben Sie {day} geöffnet?",
            "meine {rel} hat {day} Geburtstag, haben Sie was in {c}?",
            "der Strauß von letzter Woche war wunderschön!",
            "stimmt es, dass {p} jetzt {price} € kostet?",
            "ich brauche {k} Stück für {day}, klappt das?",
            "kann ich mit PayPal zahlen?",
            "ich stehe vor der Tür, {street} {k}",
            "sorry, ich bin {k} Minuten später da",
        ],
        "extra": [
            "vielen Dank!",
            "LG {name}",
            "Grüße {name}",
            "ich melde mich morgen nochmal",
            "ich melde mich für einen neuen Termin",
            "danke im Voraus",
            "bis dann",
            "gilt der Rabatt aus dem Prospekt noch?",
            "die Straße ist gesperrt übrigens",
        ],
    },
    "en": {
        "hello": ["Hi", "Hello", "Hey", "Good morning", "Hiya", ""],
        "ask": [
            "do you still have {p} in {c}?",
            "can I order {p} for {day}?",
            "how much is {p}?",
            "do you deliver to {town}?",
            "is my order {n} on its way?",
            "I'd like to pick up {p} at {h}:{m}",
            "could it be {day} around {h}?",
            "I'll drop by {day} for {p}",
            "are you open {day}?",
            "it's my {rel}'s birthday {day}, anything in {c}?",
            "the {p} last week were lovely!",
            "is {p} really {price} now?",
            "I need {k} of them for {day}, is that ok?",
            "can I pay by card?",
            "I'm outside at {street} {k}",
            "sorry running {k} min late",
        ],
        "extra": [
            "thanks!",
            "cheers {name}",
            "let me know",
            "thx",
            "great, see you then",
            "is the discount from the flyer still valid?",
            "the road is blocked btw",
        ],
    },
}
WORDS = {
    "p": [
        "rozen",
        "tulpen",
        "pioenrozen",
        "een boeket",
        "orchideeën",
        "zonnebloemen",
        "lelies",
        "Rosen",
        "Tulpen",
        "einen Strauß",
        "Orchideen",
        "Sonnenblumen",
        "roses",
        "tulips",
        "a bouquet",
        "peonies",
        "sunflowers",
        "een taart",
        "eine Torte",
        "a cake",
        "cupcakes",
        "brood",
        "Brötchen",
        "croissants",
        "a gift box",
        "een cadeaubon",
        "einen Gutschein",
    ],
    "c": [
        "wit",
        "rood",
        "roze",
        "geel",
        "weiß",
        "rot",
        "rosa",
        "gelb",
        "white",
        "red",
        "pink",
        "yellow",
        "pastel",
        "blauw",
        "blau",
        "blue",
        "paars",
        "lila",
        "purple",
    ],
    "day": [
        "morgen",
        "zaterdag",
        "zondag",
        "maandag",
        "vrijdag",
        "morgen",
        "Samstag",
        "Sonntag",
        "Montag",
        "Freitag",
        "tomorrow",
        "Saturday",
        "Sunday",
        "Monday",
        "Friday",
        "vandaag",
        "heute",
        "today",
        "volgende week",
        "nächste Woche",
        "next week",
    ],
    "town": [
        "Utrecht",
        "Amersfoort",
        "Zeist",
        "Bunnik",
        "Köln",
        "Bonn",
        "Hürth",
        "Leeds",
        "York",
        "Houten",
        "Nieuwegein",
        "Bilthoven",
        "Brühl",
        "Frechen",
    ],
    "rel": [
        "moeder",
        "vader",
        "zus",
        "oma",
        "Mutter",
        "Schwester",
        "Oma",
        "mum",
        "sister",
        "gran",
        "vriendin",
        "Freundin",
        "girlfriend",
        "buurvrouw",
        "Nachbarin",
    ],
    "name": [
        "Anna",
        "Ruud",
        "Sanne",
        "Jan",
        "Fatma",
        "Mehmet",
        "Lena",
        "Jonas",
        "Sophie",
        "Tom",
        "Emma",
        "Noah",
        "Yusuf",
        "Ewa",
        "Piotr",
        "Lisa",
        "Max",
        "Julia",
    ],
    "street": [
        "Dorpsstraat",
        "Kerkweg",
        "Hauptstraße",
        "Bahnhofstr.",
        "High St",
        "Mill Lane",
        "Molenweg",
        "Schulstraße",
        "Station Rd",
        "Parklaan",
    ],
}
EMOJI = ["😊", "🙏", "👍", "🌷", "❤️", "😂", "🎂", "💐", "😍", "🙂", "👌", "🎉", "😅"]
SHORT_REPLIES = ["Ok", "oké", "Top", "Dank je!", "Danke", "Thanks", "👍", "Prima", "Super", "ok!"]
# rare messages with the words the lexicons look for (about 1 % together)
RARE = [
    "STOP",
    "Stop aub",
    "Bitte abmelden",
    "unsubscribe",
    "Wie is dit?",
    "Wer ist das?",
    "Who is this? How did you get my number?",
    "Dit is spam",
    "Ich melde Sie bei WhatsApp",
    "ik ga je melden",
    "I will report you",
    "kun je de levering stop zetten?",
    "Ich melde mich morgen wegen der Torte",
    "ik meld me morgen",
    "Bier voor het feest, wat kost dat?",
]
_KEYS = "qwertyuiopasdfghjklzxcvbnm"


def _typo(s: str, rnd: random.Random) -> str:
    if len(s) < 6:
        return s
    i = rnd.randrange(1, len(s) - 1)
    op = rnd.random()
    if op < 0.3:  # swap neighbours
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    if op < 0.55:  # dropped letter
        return s[:i] + s[i + 1 :]
    if op < 0.8:  # doubled letter
        return s[:i] + s[i] + s[i:]
    return s[:i] + rnd.choice(_KEYS) + s[i + 1 :]  # wrong key


def realistic_text(rnd: random.Random, lang: str) -> str:
    """One customer message in `lang` (with some mixing), unique in practice."""
    r = rnd.random()
    if r < 0.05:
        return rnd.choice(SHORT_REPLIES)
    if r < 0.06:
        return rnd.choice(RARE)
    if rnd.random() < 0.08:  # code switching: another language's phrases
        lang = rnd.choice(list(PARTS))
    parts = PARTS[lang]
    fill = {k: rnd.choice(v) for k, v in WORDS.items()}
    fill.update(
        n=rnd.randint(1000, 999999),
        h=rnd.randint(8, 20),
        m=rnd.choice(["00", "15", "30", "45"]),
        k=rnd.randint(2, 40),
        price=f"{rnd.randint(5, 90)},{rnd.choice(['00', '50', '95'])}",
    )
    hello = rnd.choice(parts["hello"])
    if hello and rnd.random() < 0.4:
        hello += " " + fill["name"]
    body = rnd.choice(parts["ask"]).format(**fill)
    text = f"{hello}, {body}" if hello else body[0].upper() + body[1:]
    if rnd.random() < 0.45:
        text += " " + rnd.choice(parts["extra"]).format(**fill)
    if rnd.random() < 0.25:
        text += " " + rnd.choice(parts["ask"]).format(**fill)
    for _ in range(rnd.choice((0, 0, 1, 1, 2))):
        text = _typo(text, rnd)
    if rnd.random() < 0.15:
        text = text.lower()
    if rnd.random() < 0.3:
        text += " " + "".join(rnd.choice(EMOJI) for _ in range(rnd.randint(1, 3)))
    return text


REPLY_PARTS = {
    "nl": [
        "Hoi {name}! Ja hoor, {p} in {c} hebben we nog.",
        "Dat kan, {p} kost rond de {price} euro.",
        "Bestelling {n} is vandaag onderweg.",
        "Prima, we zetten het om {h}:{m} klaar.",
        "Graag gedaan, tot {day}!",
        "We zijn {day} open van {h} tot 18 uur.",
    ],
    "de": [
        "Hallo {name}! Ja, {p} in {c} haben wir noch.",
        "Gerne, {p} kostet etwa {price} €.",
        "Bestellung {n} ist heute unterwegs.",
        "Alles klar, wir legen es um {h}:{m} bereit.",
        "Gern geschehen, bis {day}!",
        "Wir haben {day} von {h} bis 18 Uhr geöffnet.",
    ],
    "en": [
        "Hi {name}! Yes, we still have {p} in {c}.",
        "Sure, {p} is about {price}.",
        "Order {n} is on its way today.",
        "Great, it will be ready at {h}:{m}.",
        "You're welcome, see you {day}!",
        "We're open {day} from {h} to 6pm.",
    ],
}


def realistic_reply(rnd: random.Random, lang: str) -> str:
    """An owner's typed answer (varied, fewer typos)."""
    if rnd.random() < 0.06:
        return rnd.choice(SHORT_REPLIES)
    fill = {k: rnd.choice(v) for k, v in WORDS.items()}
    fill.update(
        n=rnd.randint(1000, 999999),
        h=rnd.randint(8, 20),
        m=rnd.choice(["00", "15", "30", "45"]),
        price=f"{rnd.randint(5, 90)},{rnd.choice(['00', '50', '95'])}",
    )
    text = rnd.choice(REPLY_PARTS[lang]).format(**fill)
    if rnd.random() < 0.5:
        text += " " + rnd.choice(REPLY_PARTS[lang]).format(**fill)
    if rnd.random() < 0.1:
        text = _typo(text, rnd)
    if rnd.random() < 0.2:
        text += " " + rnd.choice(EMOJI)
    return text
