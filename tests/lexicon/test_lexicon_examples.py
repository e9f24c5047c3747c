"""Every example sentence in wa_audit/data/lexicons.toml: positives hit, negatives do not."""

from __future__ import annotations

import pandas as pd
import pytest

from wa_audit.rules import lexicons as L


def _one(fn):
    return lambda text: bool(fn(pd.Series([text]))[0])


def _flag(mask):
    return lambda text: bool(L.text_features(text) & mask)


def _category(cat):
    return lambda text: bool(
        L.text_features(text) & L.CAT_RAW[cat] and L.text_features(text) & L.INTENT
    )


def _placeholder(text):
    ph, sp = L.placeholder_kind(pd.Series([text]))
    return bool(ph[0] or sp[0])


READINGS = {
    "optout": L.is_optout_text,
    "complaint": _flag(L.COMPLAINT),
    "legal_threat": _flag(L.LEGAL_THREAT),
    "promotion": _flag(L.PROMO),
    "sales_intent": _flag(L.INTENT),
    "menu": _one(L.is_menu),
    "placeholder": _placeholder,
    "shortener": _one(L.has_shortener),
    "utility": lambda text: L.word_hits("utility", "terms", text),
}


def _cases():
    out = []
    for lexicon in L.data():
        if lexicon == "version":
            continue
        for lex, table, pos, neg in L.examples(lexicon):
            out += [pytest.param(lex, table, t, True, id=f"{lex}.{table}+{t[:30]}") for t in pos]
            out += [pytest.param(lex, table, t, False, id=f"{lex}.{table}-{t[:30]}") for t in neg]
    return out


@pytest.mark.parametrize(("lexicon", "table", "text", "expected"), _cases())
def test_example(lexicon, table, text, expected):
    reading = _category(table) if lexicon == "prohibited" else READINGS[lexicon]
    assert reading(text) is expected


def test_every_table_has_both_kinds_of_examples():
    for lexicon in L.data():
        if lexicon == "version":
            continue
        for _lex, table, pos, neg in L.examples(lexicon):
            assert pos and neg, f"{lexicon}.{table} needs positive and negative examples"


@pytest.mark.parametrize("lexicon", ["optout", "complaint", "legal_threat", "promotion", "menu"])
def test_main_languages_present(lexicon):
    assert {"en", "nl", "de"} <= set(L.data()[lexicon])


def test_sich_melden_is_no_threat_in_any_form():
    """Issue 9.2: 'I will get back to you' in German and Dutch, in many spellings."""
    polite = [
        "Ich melde mich morgen",
        "ich melde mich für einen neuen Termin",
        "Ich melde mich gleich bei Ihnen!",
        "Wir melden uns, sobald der Strauß fertig ist",
        "Hallo, ich melde mich wegen der Torte",
        "ik meld me",
        "aangemeld",
        "Ik meld me morgen wel even",
        "Ik heb me aangemeld voor de proeverij",
    ]
    flags = L.text_flags(pd.Series(polite))
    comp, legal = L.complaint_of(flags)
    assert not comp.any() and not legal.any()


def test_whole_words_only():
    """A word never matches inside a longer one, in any scanned list."""
    assert not L.text_features("gingerbread for € 5") & L.CAT_RAW["alcohol"]
    assert not L.text_features("the stopwatch is broken") & L.OPTOUT
    assert not L.text_features("spammer") & L.COMPLAINT
    assert L.text_features("gin, € 20 a bottle") & L.CAT_RAW["alcohol"]


def test_accents_optional():
    assert L.is_optout_text("DÉSABONNER") and L.is_optout_text("desabonner")
    assert L.text_features("comment avez-vous eu mon numero") & L.COMPLAINT


def test_promotional_words_counted_without_overlap():
    # "code promo" contains "promo": one promotional word, not two
    assert L.text_features("code promo") >> L.PROMO_COUNT_SHIFT == 1
    assert L.text_features("sale sale deal") >> L.PROMO_COUNT_SHIFT == 3


def test_entries_inside_a_longer_match_still_count():
    # "stop sending" (phrase) starts with "stop" (keyword); "free" inside a longer word list
    f = L.text_features("stop sending")
    assert f & L.KW and f & L.PHRASE
    f = L.text_features("sugar free cake, 10 euro, order at www.example.com")
    assert f & L.PROMO_TERM and f & L.INTENT


def test_lexicon_version_is_an_integer():
    assert isinstance(L.version(), int) and L.version() >= 1


def test_menu_prefilter_changes_nothing():
    """R07 reads only texts with a menu word or a keycap again: the same answers."""
    texts = [t for _l, _t, pos, neg in L.examples("menu") for t in pos + neg]
    texts += [
        "1️⃣ Prijzen 2️⃣ Openingstijden 3️⃣ Contact",
        "Onze taarten:\n1. Appel\n2. Kers\n3. Aardbei",
        "Kies:\n1. Appel\n2. Kers\n3. Aardbei",
        "Typ STOP om af te melden",
        "Tot morgen om 10 uur!",
    ]
    s = pd.Series(texts)
    assert list(L.is_menu(s, L.text_flags(s))) == list(L.is_menu(s))
    assert L.is_menu(s).sum() >= 5


def test_flag_readings_match_the_text_readings():
    """R07, R08 and R14 read flags from the one scan: the same answers as their regexes."""
    texts = [
        t
        for lex in ("menu", "placeholder", "shortener")
        for _l, _t, p, n in L.examples(lex)
        for t in p + n
    ]
    texts += [
        "2",
        "menu",
        "ok",
        "Dank je!",
        " 3 ",
        "INFO",
        "Hi {Anna|Bob}",
        "{{ 1 }} komt eraan",
        "[KLANT]",
    ]
    s = pd.Series(texts)
    f = L.text_flags(s)
    assert list(L.menu_of(f)) == list(L.is_menu(s))
    assert list(L.menu_input_of(f)) == list(L.is_menu_input(s))
    ph, sp, marker = L.placeholder_of(f)
    ph0, sp0 = L.placeholder_kind(s)
    assert list(ph) == list(ph0) and list(sp) == list(sp0)
    assert not (ph & ~marker).any() and not (sp & ~marker).any()
    assert list(L.shortener_of(f)) == list(L.has_shortener(s))
    assert ph.sum() >= 4 and sp.sum() >= 1 and L.shortener_of(f).sum() >= 2
