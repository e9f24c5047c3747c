"""The audit's lexicons (wa_audit/data/lexicons.toml) and the readings built on them.

Data, not logic: the word lists live in the data file, per language, with example sentences
that must and must not hit (tests/lexicon). This module turns them into readings:

- one pass per distinct text for every scanned lexicon (`text_flags`: opt-out, complaints,
  legal threats, promotion, sales intent, prohibited goods), giving an integer of bit flags
  per text that the rules decode (`optout_of`, `complaint_of`, `promo_of`, `prohibited_of`);
- the classic per-Series readings the rules call (`is_optout`, `complaint_kind_packed`,
  `is_promotional`, `prohibited_categories`), built on the same flags;
- R07 menus, R08 placeholders and R14 link shorteners (small subsets of messages), from the
  same data file.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from wa_audit.rules.lexicon_scan import Scanner, count_spans

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "lexicons.toml"


@cache
def data() -> dict:
    with DATA_FILE.open("rb") as fh:
        return tomllib.load(fh)


def version() -> int:
    """Bumped with every change of the data file: cached text features depend on it."""
    return int(data()["version"])


def terms(lexicon: str, name: str = "terms", tables: tuple[str, ...] | None = None) -> list[str]:
    """The entries of list `name` of a lexicon over its language (or category) tables."""
    out: list[str] = []
    for key, table in data()[lexicon].items():
        if tables is None or key in tables:
            out += [t for t in table.get(name, []) if t not in out]
    return out


def examples(lexicon: str) -> list[tuple[str, str, list[str], list[str]]]:
    """(lexicon, table, positive, negative) per language or category table."""
    return [
        (lexicon, key, list(t.get("positive", [])), list(t.get("negative", [])))
        for key, t in data()[lexicon].items()
    ]


def _alt(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# --- the combined scan ------------------------------------------------------------------------
CATEGORIES = tuple(data()["prohibited"])
SCANNED = (
    ("optout", "keywords"),
    ("optout", "phrases"),
    ("complaint", "terms"),
    ("complaint", "exceptions"),
    ("legal_threat", "terms"),
    ("legal_threat", "exceptions"),
    ("promotion", "terms"),
    ("promotion", "percent"),
    ("promotion", "price_or_action"),
    ("sales_intent", "terms"),
    *(("prohibited", cat) for cat in CATEGORIES),
    ("menu", "cue"),  # any word a menu text needs (verbs, phrases, choice cues), as stems
    ("shortener", "link"),  # R14: a link on a shortener domain
    ("placeholder", "field"),  # R08: an unfilled mail-merge field
    ("placeholder", "spintax"),  # R08: spun text {Hi|Hello}
)
_BIT = {f"{lex}.{name}": i for i, (lex, name) in enumerate(SCANNED)}


def _raw(name: str) -> int:
    return 1 << _BIT[name]


KW, PHRASE = _raw("optout.keywords"), _raw("optout.phrases")
COMP, COMP_EXC = _raw("complaint.terms"), _raw("complaint.exceptions")
LEGAL, LEGAL_EXC = _raw("legal_threat.terms"), _raw("legal_threat.exceptions")
PROMO_TERM, PERCENT = _raw("promotion.terms"), _raw("promotion.percent")
PRICE_CTA, INTENT_RAW = _raw("promotion.price_or_action"), _raw("sales_intent.terms")
CAT_RAW = {cat: _raw(f"prohibited.{cat}") for cat in CATEGORIES}
MENU_CUE = _raw("menu.cue")
SHORTENER, PLACEHOLDER = _raw("shortener.link"), _raw("placeholder.field")
SPINTAX = _raw("placeholder.spintax")
ANY_CAT = sum(CAT_RAW.values())

# decisions, above the raw bits
OPTOUT = 1 << 40
COMPLAINT = 1 << 41
LEGAL_THREAT = 1 << 42
PROMO = 1 << 43
INTENT = 1 << 44
MENU = 1 << 45  # R07: a menu or bot text
MENU_INPUT = 1 << 46  # R07: only a digit or one keyword
MARKER = 1 << 47  # R08: one of the characters every field or spintax needs: { [ % < $
PROMO_COUNT_SHIFT = 56  # promotional words (0..15) in bits 56..59

OPTOUT_MAX_WORDS = 4  # HEURISTICS says 6; 4 keeps "stop, ik heb het al gevonden" out
OPTOUT_MAX_CHARS = 80
SCAN_CHUNK = 50_000  # texts searched in one pass (one emoji makes a joined text 4 bytes/char)
_WORDCH = re.compile(r"\w")
_JOINED = re.compile(r"(?<=\w)[/._-](?=\w)")  # "vape-shop.nl/elfbar": link hosts and paths


@cache
def scanner() -> Scanner:
    entries = {_BIT[f"{lex}.{name}"]: terms(lex, name) for lex, name in SCANNED}
    entries.update({_BIT[f"prohibited.{c}"]: terms("prohibited", tables=(c,)) for c in CATEGORIES})
    cues = terms("menu", "verbs") + terms("menu", "phrases") + terms("menu", "choice_cues")
    entries[_BIT["menu.cue"]] = [c + "*" for c in cues]
    entries[_BIT["shortener.link"]] = ["re:" + SHORTENER_RE.pattern]
    entries[_BIT["placeholder.field"]] = ["re:" + PLACEHOLDER_RE.pattern]
    entries[_BIT["placeholder.spintax"]] = ["re:" + SPINTAX_RE.pattern]
    return Scanner(entries, count_bit=_BIT["promotion.terms"])


def prepare(text: str) -> str:
    """Lower case, "’" read as "'"."""
    low = text.lower()
    return low.replace("’", "'") if "’" in low else low


def text_features(text: str) -> int:
    """All scanned lexicons on one text: raw list bits plus the decisions (see module doc)."""
    return int(features([text])[0])


def features(texts: list[str]) -> np.ndarray:
    """`text_features` of texts, all scanned in one pass (int64 per text)."""
    lows = [prepare(t) for t in texts]
    # one space between words, as in the lists ("stop  sending" is "stop sending")
    flats = [" ".join(t.split()) for t in lows]
    sc = scanner()
    fl = [0] * len(flats)
    promo: dict[int, list[tuple[int, int]]] = {}
    edge: set[int] = set()
    intent: set[int] = set()
    for i, s, e, bits, own in sc.hits(flats):
        fl[i] |= bits
        if bits & INTENT_RAW:
            intent.add(i)
        if bits & PROMO_TERM:
            promo.setdefault(i, []).append((s, -e))
        # an opt-out keyword first or last in the message ("STOP", "please stop")
        if own & KW and i not in edge:
            f = flats[i]
            if not _WORDCH.search(f, 0, s) or not _WORDCH.search(f, e):
                edge.add(i)
    # sales intent: categories count in link hosts and paths too ("vape-shop.nl/elfbar")
    links = sorted(i for i in intent if _JOINED.search(flats[i]))
    for j, _s, _e, bits, _own in sc.hits([_JOINED.sub(" ", flats[i]) for i in links]):
        fl[links[j]] |= bits & ANY_CAT
    f = np.array(fl, dtype=np.int64)
    counts = np.zeros(len(fl), dtype=np.int64)
    for i, spans in promo.items():
        counts[i] = count_spans(spans)
    short_kw = np.zeros(len(fl), dtype=bool)
    for i in edge:
        t = lows[i]
        short_kw[i] = len(t) <= OPTOUT_MAX_CHARS and len(t.split()) <= OPTOUT_MAX_WORDS
    exc = (f & (COMP_EXC | LEGAL_EXC)) != 0
    menu = _menu_flags(texts, f)
    legal = ((f & LEGAL) != 0) & ~exc
    comp = (((f & COMP) != 0) & ~exc) | legal
    promo_hit = (counts >= 2) | (((f & PERCENT) != 0) & ((f & PRICE_CTA) != 0))
    decided = (
        np.where(short_kw | ((f & PHRASE) != 0), OPTOUT, 0)
        | np.where(legal, LEGAL_THREAT, 0)
        | np.where(comp, COMPLAINT, 0)
        | np.where(promo_hit, PROMO, 0)
        | np.where((f & INTENT_RAW) != 0, INTENT, 0)
        | menu
    )
    return f | decided | (np.minimum(counts, 15) << PROMO_COUNT_SHIFT)


def _menu_flags(texts: list[str], f: np.ndarray) -> np.ndarray:
    """MENU, MENU_INPUT and MARKER for R07 and R08 (read on the original case)."""
    out = np.zeros(len(texts), dtype=np.int64)
    cand = [i for i, t in enumerate(texts) if f[i] & MENU_CUE or "\u20e3" in t]
    if cand:
        hit = _menu_texts(pd.Series([texts[i] for i in cand], dtype=object))
        out[np.asarray(cand)[hit]] |= MENU
    short = [i for i, t in enumerate(texts) if len(t) <= 40 and len(t.strip()) <= 12]
    if short:
        hit = is_menu_input(pd.Series([texts[i] for i in short], dtype=object))
        out[np.asarray(short)[hit]] |= MENU_INPUT
    marked = [i for i, t in enumerate(texts) if _MARKER_RE.search(t)]
    out[marked] |= MARKER
    return out


_MARKER_RE = re.compile(r"[{\[%<$]")


def text_flags(texts: pd.Series) -> np.ndarray:
    """`text_features` of every text (int64), each distinct text scanned once."""
    if len(texts) == 0:
        return np.zeros(0, dtype=np.int64)
    codes, uniques = pd.factorize(texts.astype(object).where(texts.notna(), ""))
    out = np.empty(len(uniques), dtype=np.int64)
    for i in range(0, len(uniques), SCAN_CHUNK):  # bounded memory: a chunk joined at a time
        out[i : i + SCAN_CHUNK] = features([str(u) for u in uniques[i : i + SCAN_CHUNK]])
    return out[codes]


# --- decoding flags ---------------------------------------------------------------------------
def optout_of(flags: np.ndarray) -> np.ndarray:
    return (np.asarray(flags) & OPTOUT) != 0


def complaint_of(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    f = np.asarray(flags)
    return (f & COMPLAINT) != 0, (f & LEGAL_THREAT) != 0


def menu_of(flags: np.ndarray) -> np.ndarray:
    return (np.asarray(flags) & MENU) != 0


def menu_input_of(flags: np.ndarray) -> np.ndarray:
    return (np.asarray(flags) & MENU_INPUT) != 0


def shortener_of(flags: np.ndarray) -> np.ndarray:
    return (np.asarray(flags) & SHORTENER) != 0


def placeholder_of(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(field, spintax, marker character) per text (R08)."""
    f = np.asarray(flags)
    return (f & PLACEHOLDER) != 0, (f & SPINTAX) != 0, (f & MARKER) != 0


def promo_of(flags: np.ndarray) -> np.ndarray:
    return (np.asarray(flags) & PROMO) != 0


def prohibited_of(flags: np.ndarray, index=None) -> pd.DataFrame:
    """One bool column per category (a hit in the text or in a link), plus `intent`."""
    f = np.asarray(flags)
    res = {cat: (f & bit) != 0 for cat, bit in CAT_RAW.items()}
    res["intent"] = (f & INTENT) != 0
    return pd.DataFrame(res, index=index)


# --- the readings the rules call --------------------------------------------------------------
def on_unique(texts: pd.Series, fn) -> np.ndarray:
    """Apply a vectorised classifier to the distinct texts only, then map back."""
    codes, uniques = pd.factorize(texts.astype(str))
    res = np.asarray(fn(pd.Series(uniques)))
    return res[codes]


def is_optout(texts: pd.Series) -> np.ndarray:
    """R11 and the opt-out register: a customer asks to stop (HEURISTICS R11)."""
    return optout_of(text_flags(texts))


def is_optout_text(text: str | None) -> bool:
    """The same reading for one text."""
    return bool(text) and bool(text_features(text) & OPTOUT)


def is_promotional(texts: pd.Series) -> np.ndarray:
    """>= 2 promotional words, or a percentage together with a price or call to action."""
    return promo_of(text_flags(texts))


def complaint_kind(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(complaint, legal threat); a legal threat is a complaint too."""
    return complaint_of(text_flags(texts))


def complaint_kind_packed(texts: pd.Series) -> np.ndarray:
    """(n, 2) array: complaint, legal threat ("check your spam folder" is about e-mail)."""
    comp, legal = complaint_kind(texts)
    return np.stack([comp, legal], axis=1)


def prohibited_categories(texts: pd.Series) -> pd.DataFrame:
    """One bool column per category (a hit in the text or in a link), plus `intent`."""
    return prohibited_of(text_flags(texts), index=texts.index)


def word_hits(lexicon: str, name: str, text: str, tables: tuple[str, ...] | None = None) -> bool:
    """Whether any entry of one list hits the text (examples of lists outside the scan)."""
    return bool(_list_scanner(lexicon, name, tables).scan(prepare(text))[0])


@cache
def _list_scanner(lexicon: str, name: str, tables: tuple[str, ...] | None) -> Scanner:
    return Scanner({0: terms(lexicon, name, tables)})


# the exports' word lists (template category guesses)
PROMO_WORDS = [t for t in terms("promotion") if not t.startswith("re:")]
UTILITY_WORDS = [t.rstrip("*") for t in terms("utility")]
OPTOUT_KEYWORDS = terms("optout", "keywords")
OPTOUT_PHRASES = terms("optout", "phrases")
PROHIBITED = {cat: terms("prohibited", tables=(cat,)) for cat in CATEGORIES}

# --- R07 menus / bots -------------------------------------------------------------------------
_MENU_VERB = "(?:" + _alt(terms("menu", "verbs")) + ")"
MENU_PATTERNS = [
    # "reply 1", "antwoord met 2", "send 3 for ..." (a digit as the whole answer)
    r"(?<!\w)"
    + _MENU_VERB
    + r"\s+(?:with\s+|met\s+|mit\s+|de\s+)?[\"'“„]?\d{1,2}[\"'”]?(?=\s*(?:$|[.,!:;)=–-]|"
    r"\s(?:for|voor|für|om|um|to|pour|para|or|of|oder|en|and|y|et|als|if|wenn|si)\b))",
    r"(?<!\w)(?:" + _alt(terms("menu", "phrases")) + ")",
]
_MENU_RE = re.compile("|".join(f"(?:{p})" for p in MENU_PATTERNS))
# "type MENU", 'reply "INFO"': the keyword is upper-case or quoted (case-sensitive match);
# opt-out words and a yes/no confirmation ("reply YES to confirm") are not a menu
_MENU_KEYWORD_RE = re.compile(
    r"(?<!\w)(?i:" + _MENU_VERB + r")\s+(?:met\s+|mit\s+|with\s+)?"
    r"(?![\"'“„]?(?i:" + _alt(terms("menu", "not_keywords")) + r")\b)"
    r"(?:[\"'“„][^\"'”“\n]{2,15}[\"'”“]|[A-ZÄÖÜ]{2,12}\b)"
)
_CHOICE_CUE_RE = re.compile(r"(?<!\w)(?:" + _alt(terms("menu", "choice_cues")) + r")(?!\w)")
_KEYCAP_RE = re.compile(r"[0-9]\ufe0f?\u20e3")
_NUMBERED_RE = re.compile(r"(?m)^\s*[1-9][.)]\s+\S")


def _lower(s: pd.Series) -> pd.Series:
    return s.astype(str).str.lower()


def is_menu(texts: pd.Series, flags: np.ndarray | None = None) -> np.ndarray:
    """Menu or bot texts (R07). With the texts' lexicon `flags`, only texts that have a menu
    word or a keycap are read again (a menu needs one of them)."""
    if flags is None:
        return on_unique(texts, _menu_texts)
    s = texts.astype(str)
    cand = ((np.asarray(flags) & MENU_CUE) != 0) | s.str.contains("\u20e3", regex=False).to_numpy()
    res = np.zeros(len(s), dtype=bool)
    if cand.any():
        res[cand] = on_unique(s[cand], _menu_texts)
    return res


def _menu_texts(texts: pd.Series) -> np.ndarray:
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
PLEASANTRIES = set(terms("menu", "pleasantries"))


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
PLACEHOLDER_FIELDS = terms("placeholder", "fields")
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
SHORTENERS = terms("shortener", "domains")
SHORTENER_RE = re.compile(r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:" + _alt(SHORTENERS) + r")/\w")


def has_shortener(texts: pd.Series) -> np.ndarray:
    return _lower(texts).str.contains(SHORTENER_RE.pattern, regex=True).to_numpy()
