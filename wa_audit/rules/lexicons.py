"""Word lists and patterns (EN/NL/DE, some FR/ES/PT/IT) used by the content-aware rules.

Data, not logic: extend a list here and the rules pick it up. Matching is on lower-cased,
NFKC-normalised text; accents are kept (the lists carry both forms where users drop them).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd


def _alt(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# --- R13 promotional ----------------------------------------------------------------------------
PROMO_WORDS = [
    # EN
    "sale",
    "discount",
    "% off",
    "offer",
    "deal",
    "deals",
    "promo",
    "coupon",
    "voucher",
    "free",
    "limited time",
    "last chance",
    "today only",
    "buy now",
    "order now",
    "shop now",
    "black friday",
    "cyber monday",
    "new arrivals",
    "new collection",
    # NL
    "korting",
    "aanbieding",
    "aanbiedingen",
    "actie",
    "uitverkoop",
    "gratis",
    "kortingscode",
    "alleen vandaag",
    "laatste kans",
    "nu bestellen",
    "bestel nu",
    "op=op",
    "nieuw binnen",
    "nieuwe collectie",
    "shop nu",
    # DE
    "rabatt",
    "angebot",
    "angebote",
    "aktion",
    "schnäppchen",
    "kostenlos",
    "gutschein",
    "gutscheincode",
    "nur heute",
    "letzte chance",
    "jetzt bestellen",
    "jetzt kaufen",
    "ausverkauf",
    "neuheiten",
    "neue kollektion",
    # FR / ES
    "soldes",
    "réduction",
    "offre",
    "gratuit",
    "code promo",
    "oferta",
    "descuento",
    "rebajas",
    "promoción",
    "código",
]
_PROMO_RE = re.compile(r"(?<!\w)(?:" + _alt(PROMO_WORDS) + r")(?!\w)")
_PERCENT_RE = re.compile(r"\d+\s?%")
_PRICE_CTA_RE = re.compile(
    r"€\s?\d|\d+(?:[.,]\d{1,2})?\s?(?:€|eur\b|euro)|\$\s?\d|(?<!\w)(?:bestel|order|shop|kaufen|"
    r"bestellen|buy|koop|www\.|https?://)"
)


def on_unique(texts: pd.Series, fn) -> np.ndarray:
    """Apply a vectorised classifier to the distinct texts only, then map back."""
    codes, uniques = pd.factorize(texts.astype(str))
    res = np.asarray(fn(pd.Series(uniques)))
    return res[codes]


def _lower(s: pd.Series) -> pd.Series:
    return s.astype(str).str.lower()


def is_promotional(texts: pd.Series) -> np.ndarray:
    """>= 2 lexicon hits, or a percentage together with a price or call to action."""
    low = _lower(texts)
    hits = low.str.count(_PROMO_RE.pattern).to_numpy()
    pct = low.str.contains(_PERCENT_RE.pattern, regex=True).to_numpy()
    maybe = pct & (hits < 2)
    res = (hits >= 2).copy()
    if maybe.any():
        res[maybe] = low[maybe].str.contains(_PRICE_CTA_RE.pattern, regex=True).to_numpy()
    return res


# --- R11 opt-out ------------------------------------------------------------------------------
OPTOUT_KEYWORDS = [
    "stop",
    "stopp",
    "unsubscribe",
    "opt out",
    "opt-out",
    "remove me",
    "afmelden",
    "uitschrijven",
    "abmelden",
    "abbestellen",
    "austragen",
    "désabonner",
    "desabonner",
    "désinscrire",
    "baja",
    "parar",
    "cancelar",
    "sair",
    "descadastrar",
    "cancellami",
]
OPTOUT_PHRASES = [
    "don't message me",
    "dont message me",
    "do not message me",
    "stop sending",
    "stop messaging",
    "remove me from your list",
    "not interested anymore",
    "no longer interested",
    "geen berichten meer",
    "stuur me niks meer",
    "stuur me niets meer",
    "haal me van de lijst",
    "ik wil dit niet meer ontvangen",
    "niet meer appen",
    "keine nachrichten mehr",
    "schreiben sie mir nicht mehr",
    "schreib mir nicht mehr",
    "nehmen sie mich aus der liste",
    "ich möchte das nicht mehr erhalten",
    "ne m'écrivez plus",
    "je ne veux plus recevoir",
    "no me escribas más",
    "no quiero recibir más",
]
_OPTOUT_KW_RE = re.compile(r"(?<!\w)(?:" + _alt(OPTOUT_KEYWORDS) + r")(?!\w)")
_OPTOUT_PHRASE_RE = re.compile(_alt(OPTOUT_PHRASES))
_OPTOUT_EDGE_RE = re.compile(
    r"^\W*(?:" + _alt(OPTOUT_KEYWORDS) + r")(?!\w)|(?<!\w)(?:" + _alt(OPTOUT_KEYWORDS) + r")\W*$"
)


def is_optout(texts: pd.Series) -> np.ndarray:
    low = _lower(texts).str.replace("’", "'", regex=False)
    short = (low.str.len() <= 80).to_numpy()
    words = np.full(len(low), 99)
    if short.any():
        words[short] = low[short].str.count(r"\S+").to_numpy()
    # a keyword message: <= 4 words (HEURISTICS: 6; 4 keeps "stop, ik heb het al gevonden"
    # out) with the keyword first or last ("STOP", "please stop",
    # "stop sturen aub"), so "kun je de levering stop zetten?" is not an opt-out
    kw = np.zeros(len(low), dtype=bool)
    few = words <= 4
    if few.any():
        kw[few] = low[few].str.contains(_OPTOUT_EDGE_RE.pattern, regex=True).to_numpy()
    ph = low.str.contains(_OPTOUT_PHRASE_RE.pattern, regex=True).to_numpy()
    return kw | ph


# --- R12 complaints ---------------------------------------------------------------------------
COMPLAINTS = [
    "who is this",
    "who are you",
    "how did you get my number",
    "where did you get my number",
    "i never signed up",
    "never signed up",
    "spam",
    "i'll block you",
    "i will block you",
    "blocked",
    "gdpr",
    "wie is dit",
    "wie ben jij",
    "wie bent u",
    "hoe komt u aan mijn nummer",
    "hoe kom je aan mijn nummer",
    "hoe komen jullie aan mijn nummer",
    "ik heb me nergens voor aangemeld",
    "ik blokkeer je",
    "geblokkeerd",
    "avg",
    "wer ist das",
    "wer sind sie",
    "wer bist du",
    "woher haben sie meine nummer",
    "woher hast du meine nummer",
    "ich habe mich nicht angemeldet",
    "blockiert",
    "dsgvo",
    "datenschutz",
    "qui est-ce",
    "comment avez-vous eu mon numéro",
    "quién es",
    "de dónde sacaste mi número",
]
LEGAL_THREATS = [
    "reported",
    "i reported",
    "gemeld",
    "gemeldet",
    "abmahnung",
    "advocaat",
    "anwalt",
    "signalé",
    "denunciar",
    "lawyer",
    "melding gemaakt",
    "ich melde",
    "report you",
    "ik meld",
]
_COMPLAINT_RE = re.compile(r"(?<!\w)(?:" + _alt(COMPLAINTS) + r")(?!\w)")
_LEGAL_RE = re.compile(r"(?<!\w)(?:" + _alt(LEGAL_THREATS) + r")(?!\w)")


_EMAIL_SPAM_RE = re.compile(r"spam\s?(?:folder|map|box|ordner|mappe)|spamfolder|spambox")


def complaint_kind_packed(texts: pd.Series) -> np.ndarray:
    """(n, 2) array: complaint, legal threat ("check your spam folder" is about e-mail)."""
    comp, legal = complaint_kind(texts)
    email = _lower(texts).str.contains(_EMAIL_SPAM_RE.pattern, regex=True).to_numpy()
    return np.stack([comp & ~email, legal & ~email], axis=1)


def complaint_kind(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    low = _lower(texts).str.replace("’", "'", regex=False)
    legal = low.str.contains(_LEGAL_RE.pattern, regex=True).to_numpy()
    comp = low.str.contains(_COMPLAINT_RE.pattern, regex=True).to_numpy() | legal
    return comp, legal


# --- R07 menus / bots -------------------------------------------------------------------------
_MENU_VERB = (
    r"(?:reply|reply with|send|type|press|antwoord|antwoord met|stuur|typ|toets|kies|"
    r"antworte|antworte mit|antworten sie mit|schreibe|schreib|sende|tippe|drücke|wähle|"
    r"réponds|répondez|tapez|envoyez|responde|responda|envía|escribe)"
)
MENU_PATTERNS = [
    # "reply 1", "antwoord met 2", "send 3 for ..." (a digit as the whole answer)
    _MENU_VERB + r"\s+(?:with\s+|met\s+|mit\s+|de\s+)?[\"'“„]?\d{1,2}[\"'”]?(?=\s*(?:$|[.,!:;)=–-]|"
    r"\s(?:for|voor|für|om|um|to|pour|para|or|of|oder|en|and|y|et|als|if|wenn|si)\b))",
    r"main menu|hoofdmenu|hauptmenü|menu principal|menú principal",
    r"virtual assistant|virtuele assistent|virtueller assistent|assistant virtuel|asistente virtual",
    r"i'm a bot|i am a bot|ik ben een bot|ich bin ein bot|chatbot",
    r"automated message|automatisch bericht|automatische nachricht|automatisiert",
    r"kies een optie|choose an option|select an option|wähle eine option|wählen sie eine option",
]
_MENU_RE = re.compile("|".join(f"(?:{p})" for p in MENU_PATTERNS))
# "type MENU", 'reply "INFO"': the keyword is upper-case or quoted (case-sensitive match)
_MENU_KEYWORD_RE = re.compile(
    # opt-out words and a yes/no confirmation ("reply YES to confirm") are not a menu
    r"(?i:" + _MENU_VERB + r")\s+(?:met\s+|mit\s+|with\s+)?"
    r"(?![\"'“„]?(?i:stopp?|unsubscribe|afmelden|abmelden|ja|nee|yes|no|ok|nein|oui|non|si|sí)"
    r"\b)"
    r"(?:[\"'“„][^\"'”“\n]{2,15}[\"'”“]|[A-ZÄÖÜ]{2,12}\b)"
)
_CHOICE_CUE_RE = re.compile(
    r"(?<!\w)(?:reply|respond|type|press|choose|select|option|options|antwoord|antwoorden|"
    r"typ|kies|keuze|optie|opties|toets|antworte|antworten|tippe|wähle|wählen|auswahl|"
    r"réponds|répondez|choisissez|responde|elige|opción)(?!\w)"
)
_KEYCAP_RE = re.compile(r"[0-9]\ufe0f?\u20e3")
_NUMBERED_RE = re.compile(r"(?m)^\s*[1-9][.)]\s+\S")


def is_menu(texts: pd.Series) -> np.ndarray:
    s = texts.astype(str)
    low = s.str.lower()
    pat = low.str.contains(_MENU_RE.pattern, regex=True).to_numpy().copy()
    pat |= s.str.contains(_MENU_KEYWORD_RE.pattern, regex=True).to_numpy()
    # keycap lists (1️⃣ 2️⃣ 3️⃣) are menus; a plain numbered list only with a choice cue
    # ("reply", "kies", "option"...): a restaurant's "1. Soup 2. Pasta 3. Dessert" is no bot
    keycaps = s.str.count(_KEYCAP_RE.pattern).to_numpy() >= 3
    numbered = s.str.count(_NUMBERED_RE.pattern).to_numpy() >= 3
    if numbered.any():
        cue = low[numbered].str.contains(_CHOICE_CUE_RE.pattern, regex=True).to_numpy()
        numbered[np.flatnonzero(numbered)] = cue
    return pat | keycaps | numbered


_MENU_INPUT_RE = re.compile(r"^\s*(?:\d{1,2}|[a-zäöüß]{1,10})\s*[.!]?\s*$")


PLEASANTRIES = {
    "ok",
    "oke",
    "oké",
    "okay",
    "okee",
    "top",
    "prima",
    "super",
    "thanks",
    "thx",
    "dank",
    "bedankt",
    "danke",
    "merci",
    "gracias",
    "cool",
    "mooi",
    "fijn",
    "leuk",
    "goed",
    "perfect",
    "perfekt",
    "toll",
    "great",
    "nice",
    "thank",
    "dankjewel",
    "dankje",
    "hoi",
    "hallo",
    "hi",
    "hello",
    "hey",
    "moin",
    "servus",
    "groetjes",
    "top!",
    "yes!",
}


def is_menu_input(texts: pd.Series) -> np.ndarray:
    """A customer message that is only a digit or a single keyword ("2", "menu", "info");
    pleasantries ("ok", "dank je") are not menu input."""
    low = _lower(texts).str.strip()
    word = low.str.replace(r"[.!?]+$", "", regex=True)
    return (
        low.str.match(_MENU_INPUT_RE.pattern).to_numpy()
        & (low.str.len() <= 12).to_numpy()
        & ~word.isin(PLEASANTRIES).to_numpy()
    )


# --- R08 placeholders -------------------------------------------------------------------------
PLACEHOLDER_FIELDS = [
    "name",
    "naam",
    "vorname",
    "nachname",
    "first_name",
    "firstname",
    "last_name",
    "lastname",
    "nombre",
    "voornaam",
    "achternaam",
    "klant",
    "kunde",
    "customer",
    "client",
    "contact",
    "prénom",
    "prenom",
    "company",
    "bedrijf",
    "firma",
    "fname",
    "full_name",
    "fullname",
]
_FIELDS = _alt(PLACEHOLDER_FIELDS)
PLACEHOLDER_RE = re.compile(
    r"\{\{\s*\w[\w.]*\s*\}\}"  # {{1}}, {{name}}
    r"|\{\s*(?:" + _FIELDS + r")\s*\}"  # {name}
    r"|\[\s*(?:" + _FIELDS + r")\s*\]"  # [NAME]
    r"|%%?\s*(?:" + _FIELDS + r")\s*%%?"  # %FIRSTNAME%
    r"|<<\s*(?:" + _FIELDS + r")\s*>>"
    r"|\$\{\s*[a-z_][\w.]*\s*\}",
    re.IGNORECASE,
)
SPINTAX_RE = re.compile(r"\{[^{}|\n]{1,40}(?:\|[^{}|\n]{1,40})+\}")


def placeholder_kind(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    s = texts.astype(str)
    ph = s.str.contains(PLACEHOLDER_RE.pattern, regex=True, flags=re.IGNORECASE).to_numpy()
    sp = s.str.contains(SPINTAX_RE.pattern, regex=True).to_numpy()
    return ph, sp


# --- R14 link shorteners ----------------------------------------------------------------------
SHORTENERS = [
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "v.gd",
    "buff.ly",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "rb.gy",
    "t.ly",
    "tiny.cc",
    "s.id",
    "bl.ink",
    "lnkd.in",
    "short.io",
]
SHORTENER_RE = re.compile(r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:" + _alt(SHORTENERS) + r")/\w")


def has_shortener(texts: pd.Series) -> np.ndarray:
    return _lower(texts).str.contains(SHORTENER_RE.pattern, regex=True).to_numpy()


# --- R18 prohibited goods ---------------------------------------------------------------------
PROHIBITED = {
    "tobacco": [
        "sigaret",
        "sigaretten",
        "e-sigaret",
        "vape",
        "vapes",
        "vapen",
        "zigaretten",
        "zigarette",
        "e-zigarette",
        "tabak",
        "snus",
        "shisha",
        "cigarettes",
        "e-cigarette",
        "puff bar",
        "elfbar",
        "elf bar",
        "nicotine",
        "nikotin",
    ],
    "alcohol": [
        "wijn",
        "wijnen",
        "bier",
        "bieren",
        "wein",
        "weine",
        "wine",
        "beer",
        "sterke drank",
        "spirituosen",
        "whisky",
        "whiskey",
        "wodka",
        "vodka",
        "gin",
        "rum",
        "jenever",
        "likeur",
        "likör",
        "wijnpakket",
        "weinpaket",
        "bierpakket",
        "bier pakket",
    ],
    "drugs": [
        "cbd",
        "thc",
        "cannabis",
        "wiet",
        "hasj",
        "haschisch",
        "gras kopen",
        "xtc",
        "mdma",
        "cocaïne",
        "kokain",
        "paddo",
        "paddos",
    ],
    "medicine": [
        "zonder recept",
        "ohne rezept",
        "without prescription",
        "viagra",
        "cialis",
        "ozempic",
        "wegovy",
        "afvalpillen",
        "abnehmspritze",
        "steroids",
        "steroïden",
        "anabolika",
    ],
    "weapons": [
        "wapen",
        "wapens",
        "vuurwapen",
        "waffe",
        "waffen",
        "munitie",
        "munition",
        "ammunition",
        "pistool",
        "pistole",
        "firearm",
        "handgun",
        "firearms",
        "taser",
        "boksbeugel",
        "schlagring",
    ],
    "gambling": [
        "casino",
        "gokken",
        "wedden",
        "sportwetten",
        "sports betting",
        "betting",
        "roulette",
        "poker",
        "slot machine",
        "gokkast",
        "wettbonus",
    ],
    "adult": ["escort", "erotische massage", "erotik", "sex", "xxx", "webcam girls", "happy end"],
    "financial": [
        "crypto",
        "bitcoin",
        "forex",
        "binary options",
        "binaire opties",
        "binäre optionen",
        "gegarandeerd rendement",
        "garantierte rendite",
        "guaranteed returns",
        "guaranteed profit",
        "word je eigen baas",
        "passives einkommen",
        "passive income",
        "snel geld lenen",
        "kredit ohne schufa",
        "flitskrediet",
        "payday loan",
        "lening zonder bkr",
    ],
    "animals": [
        "pups te koop",
        "puppy te koop",
        "puppies for sale",
        "welpen zu verkaufen",
        "kittens te koop",
        "kitten te koop",
        "katzenbabys",
        "welpen abzugeben",
    ],
    "counterfeit": [
        "replica watch",
        "replica watches",
        "replica horloge",
        "replica horloges",
        "replica tassen",
        "replica bags",
        "replica sneakers",
        "replica schuhe",
        "1:1 kopie",
        "1:1 copy",
        "fake designer",
        "namaak",
    ],
}
_CAT_RES = {
    cat: re.compile(r"(?<![\w])(?:" + _alt(words) + r")(?![\w])")
    for cat, words in PROHIBITED.items()
}
_ANY_CAT_RE = re.compile(
    r"(?<![\w])(?:" + _alt([w for ws in PROHIBITED.values() for w in ws]) + r")(?![\w])"
)
SALES_INTENT_RE = re.compile(
    r"€\s?\d|\d+(?:[.,]\d{1,2})?\s?(?:€|eur\b|euro)|\$\s?\d|(?<!\w)(?:bestel|bestellen|order|"
    r"te koop|zu verkaufen|for sale|dm to order|dm voor|kopen|koop nu|kaufen|buy|prijs|preis|"
    r"price|levering|lieferung|delivery|bezorgen|verzenden|versand|shop|https?://|www\.)"
)


def prohibited_categories(texts: pd.Series) -> pd.DataFrame:
    """One bool column per category (a hit in the text or in a link), plus `intent`."""
    low = _lower(texts)
    intent = low.str.contains(SALES_INTENT_RE.pattern, regex=True).to_numpy()
    res = {cat: np.zeros(len(low), dtype=bool) for cat in _CAT_RES}
    idx = np.flatnonzero(intent)
    if len(idx):
        sub = low.iloc[idx]
        # link hosts and paths count too: split "vape-shop.nl/elfbar" into words
        sub = sub + " " + sub.str.replace(r"[/._-]", " ", regex=True)
        anyhit = sub.str.contains(_ANY_CAT_RE.pattern, regex=True).to_numpy()
        sub = sub[anyhit]
        for cat, rx in _CAT_RES.items():
            if len(sub):
                res[cat][idx[anyhit]] = sub.str.contains(rx.pattern, regex=True).to_numpy()
    res["intent"] = intent
    return pd.DataFrame(res, index=texts.index)
