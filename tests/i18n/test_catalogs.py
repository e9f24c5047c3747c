"""The Dutch and German catalogs are complete, consistent with the code, and compile.

Each failure lists the msgids to fix. To fix: run `.venv/bin/python scripts/i18n.py`, translate
the listed entries in wa_audit/locale/<lang>/LC_MESSAGES/wa_audit.po, run the script again.
"""

from __future__ import annotations

import gettext
import io
import re
import shutil
import string
import subprocess

import pytest
from babel.messages.mofile import write_mo


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _strs(message) -> list[str]:
    if isinstance(message.string, tuple):
        return list(message.string)
    return [message.string or ""]


def _entries(catalog):
    return [m for m in catalog if m.id]


def _listing(items: list[str]) -> str:
    return (
        "\n  "
        + "\n  ".join(items[:40])
        + (f"\n  ... and {len(items) - 40} more" if len(items) > 40 else "")
    )


def test_no_untranslated_entries(catalog, lang):
    missing = [_ids(m)[0] for m in _entries(catalog) if not all(_strs(m))]
    assert not missing, f"{len(missing)} untranslated in {lang}:{_listing(missing)}"


def test_no_fuzzy_entries(catalog, lang):
    fuzzy = [_ids(m)[0] for m in _entries(catalog) if m.fuzzy]
    assert not fuzzy, (
        f"{len(fuzzy)} fuzzy (review, then remove the flag) in {lang}:{_listing(fuzzy)}"
    )
    assert not catalog.fuzzy, f"the {lang} header is marked fuzzy"


def test_placeholders_match_english(catalog, lang, tool):
    wrong = []
    for m in _entries(catalog):
        for problem in tool.placeholder_problems(m):
            wrong.append(f"{_ids(m)[0]!r}: {problem}")
    assert not wrong, f"placeholder mismatch in {lang}:{_listing(wrong)}"


def test_translations_format_like_english(catalog, lang):
    """Where the English is a format string, the translation must format with the same names."""
    broken = []
    for m in _entries(catalog):
        for english, translated in zip(_ids(m) + [_ids(m)[-1]] * 4, _strs(m), strict=False):
            names = _field_names(english)
            if names is None or not translated:
                continue  # English is not used with .format() (e.g. literal braces)
            dummy = {n: 1 for n in names if not n.isdigit()}
            try:
                translated.format(**dummy)
            except (KeyError, IndexError, ValueError) as exc:
                broken.append(f"{english!r} -> {translated!r}: {exc!r}")
    assert not broken, f"translations that cannot be formatted in {lang}:{_listing(broken)}"


def _field_names(text: str) -> set[str] | None:
    try:
        names = {
            f.split(".")[0].split("[")[0] for _l, f, _s, _c in string.Formatter().parse(text) if f
        }
        text.format(**{n: 1 for n in names})
    except (KeyError, IndexError, ValueError):
        return None
    if not all(n.isidentifier() or n.isdigit() for n in names):
        return None  # e.g. "{Hi|Hello|Hey}": an example shown literally, not a placeholder
    return names


def test_plural_forms(catalog, lang):
    assert catalog.plural_forms == "nplurals=2; plural=(n != 1);", catalog.plural_forms
    wrong = [
        _ids(m)[0] for m in _entries(catalog) if isinstance(m.id, tuple) and len(_strs(m)) != 2
    ]
    assert not wrong, f"plural entries without exactly 2 forms in {lang}:{_listing(wrong)}"


def test_every_msgid_in_the_code_is_in_the_catalog(fresh_template, catalog, lang):
    assert len(fresh_template) > 100, "extraction found almost nothing: check babel.cfg"
    missing = [_ids(m)[0] for m in _entries(fresh_template) if _ids(m)[0] not in catalog]
    assert not missing, (
        f"{len(missing)} strings in the code are not in the {lang} catalog "
        f"(run scripts/i18n.py and translate):{_listing(missing)}"
    )


def test_plural_entries_match_the_code(fresh_template, catalog, lang):
    """A string that became ngettext() (or stopped being one) needs its catalog entry updated."""
    wrong = []
    for m in _entries(fresh_template):
        own = catalog.get(_ids(m)[0])
        if own is not None and isinstance(own.id, tuple) != isinstance(m.id, tuple):
            wrong.append(_ids(m)[0])
    assert not wrong, f"singular/plural differs from the code in {lang}:{_listing(wrong)}"


def test_checked_in_template_is_current(fresh_template, tool):
    """wa_audit/locale/wa_audit.pot is what translators' tools read: it must match the code."""
    checked_in = tool.read_catalog(tool.POT)
    fresh = {_ids(m)[0] for m in _entries(fresh_template)}
    stale = {_ids(m)[0] for m in _entries(checked_in)}
    assert fresh == stale, (
        f"run scripts/i18n.py: new {sorted(fresh - stale)[:10]}, gone {sorted(stale - fresh)[:10]}"
    )


def test_po_compiles_and_loads(catalog, lang):
    errors = [f"{_ids(m)[0]!r}: {e}" for m, errs in catalog.check() for e in (errs or [])]
    assert not errors, f"Babel's checks fail for {lang}:{_listing(errors)}"
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    translations = gettext.GNUTranslations(buf)
    assert translations.info()["language"] == lang
    sample = next(m for m in _entries(catalog) if isinstance(m.id, str) and m.string)
    assert translations.gettext(sample.id) == sample.string


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_po(tool, lang, tmp_path):
    """GNU msgfmt --check: the format every translation tool uses, incl. brace-format flags."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(tool.po_path(lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_app_switches_language(lang, catalog):
    """wa_audit.i18n finds the catalog (compiling the .mo on demand) and translates with it."""
    from wa_audit import i18n

    assert i18n.set_language(lang) == lang
    for msgid in ("Settings", "Green", "Red"):
        assert i18n._(msgid) == catalog.get(msgid).string
    entry = next(m for m in _entries(catalog) if m.id == ("{n} message", "{n} messages"))
    assert i18n.ngettext(*entry.id, 1) == entry.string[0]
    assert i18n.ngettext(*entry.id, 3) == entry.string[1]


# Dutch uses informal "je" (as WhatsApp does), German formal "Sie" for a business tool. WhatsApp's
# own system texts quoted in a translation keep WhatsApp's wording, so quoted parts are ignored.
TONE = {
    "nl": re.compile(r"\b(u|uw|U|Uw)\b"),
    "de": re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|Du|Dich|Dir|Dein|Deine)\b"),
}
QUOTED = re.compile(r"„[^“]*“|'[^']*'|‘[^’]*’|\"[^\"]*\"")


def test_one_form_of_address(catalog, lang):
    wrong = []
    for m in _entries(catalog):
        for text in _strs(m):
            if TONE[lang].search(QUOTED.sub("", text)):
                wrong.append(text)
    assert not wrong, (
        f"{lang} mixes forms of address (see the glossary in the .po):{_listing(wrong)}"
    )


# Variants the glossary (top of each .po) rules out, with the term to use instead.
AVOID = {
    "nl": {
        r"(?i)broadcastlijst|uitzendlijst": "verzendlijst",
        r"(?i)gebruiksvoorwaarden": "Servicevoorwaarden",
        r"(?i)\bamber\b|\bgeel\b": "oranje",
        r"(?i)werkplek|werkomgeving": "werkruimte",
        r"(?i)toegelicht": "verklaard",
        r"(?i)gespind": "automatisch gevarieerd",
        r"(?i)\bnakijken\b": "Let op",
        r"(?i)\butility": "klantupdate",
        r"(?i)auditrun": "controle",
        r"(?i)niet-gelezen": "onleesbaar",
        r"(?i)(grote|redelijke|weinig) zekerheid": "hoge/gemiddelde/lage zekerheid",
        r"(?<!bij Meta: )Coexistence": "app en Platform samen",
    },
    "de": {
        r"Broadcastliste|Übertragungsliste": "Broadcast-Liste",
        r"(?i)\borange\b|\bamber\b": "Gelb",
        r"Opt-In\b": "Opt-in",
        r"(?i)\bworkspace\b|Arbeitsplatz": "Arbeitsbereich",
        r"Geschäftsbedingungen|\bAGB\b": "Nutzungsbedingungen",
        r"(?i)zu wenige Daten": "Nicht genug Daten",
        r"^Prüfen$": "Beachten",
        r"(?i)(mittlere|hohe|geringe) Sicherheit": "Aussagekraft: mittel/hoch/gering",
        r"(?i)nicht berechenbar": "nicht auswertbar",
        r"(?i)gespinn": "automatisch variiert",
        r"(?i)gekürzte\w* Links": "Kurzlinks",
        r"Bringen Sie die Dateien": "Ziehen Sie die Dateien",
        r"(?i)audit-lauf": "Prüfung",
        r"(?i)\butility": "Kundeninfo",
        r"(?<!bei Meta: )Coexistence": "App und Plattform zusammen",
    },
}


def test_glossary_terms(catalog, lang):
    wrong = []
    for m in _entries(catalog):
        for text in _strs(m):
            text = re.sub(r"\{[^{}]*\}", "", text)  # placeholder names are not words
            for pattern, preferred in AVOID[lang].items():
                if re.search(pattern, text):
                    wrong.append(f"{text[:70]!r}: use {preferred!r}")
    assert not wrong, f"{lang} departs from the glossary:{_listing(wrong)}"


# Words that are the same in English and in the language (loanwords WhatsApp itself uses there),
# names, and texts that are only numbers, units or placeholders.
SAME_AS_ENGLISH = {
    "nl": {
        "Context",
        "Chat",
        "Chats",
        "Status",
        "Marketing",
        "media",
        "marketing",
        "alcohol",
        "wa-audit",
        "Spreadsheet (*.csv)",
        "{n} chat",
        "Portfolio",
        "Trend",
        "Later",
    },
    "de": {
        "Chat",
        "Chats",
        "Status",
        "Marketing",
        "Standard",
        "Text",
        "Import",
        "wa-audit",
        "Portfolio",
        "Trend",
    },
}


SAME_EVERYWHERE = {  # names and key names
    "{n} chat",
    "{n} chats",
    "Demo: {business}",
    "{page} (Ctrl+{n})",
    "{workspace} – wa-audit",
    "Chat: {chat}",
    "wa-audit",
    "wa-audit {version}",
}


def test_no_entry_left_in_english(catalog, lang):
    """A translation equal to the English is a name, a shared loanword or only placeholders."""
    same = []
    for m in _entries(catalog):
        ids = _ids(m)
        for i, text in enumerate(_strs(m)):
            english = ids[min(i, len(ids) - 1)]
            if text != english or text in SAME_AS_ENGLISH[lang] | SAME_EVERYWHERE:
                continue
            words = re.sub(r"\{[^{}]*\}|\b(s|min)\b", "", text)
            if re.search(r"[A-Za-z]{2,}", words):
                same.append(text)
    assert not same, f"{lang} entries still in English:{_listing(same)}"
