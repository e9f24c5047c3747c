"""Stable pseudonyms for shared reports, and a pseudonymised mode that leaks nothing.

Names: HMAC-SHA256 with a random salt stored once per workspace (setting "pseudonym_salt"): the
same customer gets the same pseudonym in every report of this workspace, and nobody without the
database can turn a pseudonym back into a name. Names are compared NFKC + case-folded, with
accents and combining marks dropped ("Weiß" = "WEISS", "İbrahim" = "Ibrahim", "Zoë" = "Zoe").

Free text: a pseudonymised output quotes NO message text (evidence, opt-out requests, template
bodies) and no text the user typed (reasons, appeal steps): they become a fixed marker. Masking
names inside free text cannot be made reliable (a colleague's name, a street, an IBAN written
with spaces, "anna[at]example[dot]com", a two-letter first name), so the pseudonymised outputs
show the figures only. Short labels that are not message text (a figure's value, a rule
parameter) keep only words of wa-audit's own vocabulary (its translated texts, minus every
name in the workspace); every other word is masked. Dates are kept: they identify nobody.
"""

from __future__ import annotations

import gettext
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from wa_audit.i18n import LOCALE_DIR, N_, _

SALT_SETTING = "pseudonym_salt"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
NUMBER_MASK = "•••"
CUSTOMER = N_("Customer {code}")
NUMBER_NAME = N_("Number {code}")
TEXT_WITHHELD = N_("(text not shown in a pseudonymised report)")
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
CODE_RE = re.compile(r"[a-z][a-z0-9_.]*|[A-Z]{2,3}|R\d\d")  # keys, country codes, rule codes
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def workspace_salt(db) -> bytes:  # db: sqlite_utils.Database
    from wa_audit.store.db import get_setting, set_setting

    salt = get_setting(db, SALT_SETTING)
    if not salt:
        salt = secrets.token_hex(32)
        set_setting(db, SALT_SETTING, salt)
    return bytes.fromhex(salt)


def _norm(name: str) -> str:
    """The key of a pseudonym's code (kept as it was, so pseudonyms stay stable)."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def match_key(text: str) -> str:
    """The key names are matched on: NFKC, case-folded, accents and combining marks dropped
    (dotted capital I, e + combining diaeresis, sharp s all compare equal to plain letters)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped).casefold().strip()


@lru_cache(maxsize=1)
def code_words() -> frozenset[str]:
    """The codes wa-audit itself writes into its JSON (rule slugs, lights, families, the
    guidance's destinations), whole and by part."""
    from wa_audit.audit.guidance import WHERE
    from wa_audit.rules import REGISTRY
    from wa_audit.rules.base import Confidence, Family, Light, Strength

    codes = {r.meta.slug for r in REGISTRY} | set(WHERE)
    for enum in (Confidence, Family, Light, Strength):
        codes |= {str(v) for v in enum}
    parts = {p for c in codes for p in re.split(r"[_.]", c) if p}
    return frozenset(match_key(c) for c in codes | parts)


@lru_cache(maxsize=1)
def app_vocabulary() -> frozenset[str]:
    """Every word of wa-audit's own texts in every language (the known-safe vocabulary)."""
    words: set[str] = set()
    for mo in LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"):
        try:
            with mo.open("rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        except OSError:
            continue
        for key, value in catalog.items():
            for part in (key if isinstance(key, tuple) else (key,)) + (value,):
                words.update(match_key(w) for w in WORD_RE.findall(str(part)))
    return frozenset(words)


def _is_phone(name: str) -> bool:
    digits = sum(ch.isdigit() for ch in name)
    return digits >= 7 and digits >= len(re.sub(r"[\s\-+().]", "", name)) - 1


class Pseudonymizer:
    """Pseudonyms for names; free text withheld; labels reduced to the app's own words."""

    def __init__(self, salt: bytes, names: Iterable[str] = (), keep: Iterable[str] = ()) -> None:
        self._salt = salt
        self._keep = {match_key(k) for k in keep if k}
        self._cache: dict[str, str] = {}
        self._names: dict[str, str] = {}  # match key of a full name -> the name
        self._name_words: set[str] = set()  # match keys of every word of every name
        for name in names:
            self.add_name(name)

    def add_name(self, name: str | None) -> None:
        if not name or match_key(name) in self._keep:
            return
        self._names.setdefault(match_key(name), name)
        self._name_words.update(match_key(w) for w in WORD_RE.findall(name))

    def code(self, name: str) -> str:
        digest = hmac.new(self._salt, _norm(name).encode("utf-8"), hashlib.sha256).digest()
        return "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:5])

    def name(self, name: str | None) -> str | None:
        """The pseudonym for a sender or chat title (the business's own name is kept)."""
        if not name:
            return name
        key = match_key(name)
        if key in self._keep:
            return name
        if key not in self._cache:
            known = self._names.get(key, name)
            template = NUMBER_NAME if _is_phone(known) else CUSTOMER
            self._cache[key] = _(template).format(code=self.code(known))
        return self._cache[key]

    def text(self, text: str) -> str:
        """Message text or text a user typed: never shown in a pseudonymised output."""
        return _(TEXT_WITHHELD) if text else text

    def label(self, text: str) -> str:
        """A short text that is not message content (a figure, a rule parameter, a JSON value):
        a known name becomes its pseudonym, dates and codes stay, and every word that is not
        part of wa-audit's own vocabulary (or is part of a name) is masked, as are numbers."""
        if not text:
            return text
        key = match_key(text)
        if key in self._keep:
            return text
        if key in self._names:
            return self.name(text) or ""
        vocabulary = app_vocabulary()
        stripped = text.strip()
        if ISO_DATE_RE.fullmatch(stripped):
            return text
        if CODE_RE.fullmatch(stripped) and all(
            match_key(p) in code_words() or match_key(p) in vocabulary or stripped.isupper()
            for p in re.split(r"[_.]", stripped)
            if p
        ):
            return text  # a code of wa-audit's own, not a slug made from a message

        def word(m: re.Match[str]) -> str:
            w = match_key(m.group(0))
            keep = w in vocabulary and w not in self._name_words
            return m.group(0) if keep else NUMBER_MASK

        masked = re.sub(r"\d+", NUMBER_MASK, text)
        return WORD_RE.sub(word, masked)


class Identity:
    """The no-op stand-in used when the report is not pseudonymised."""

    def name(self, name: str | None) -> str | None:
        return name

    def text(self, text: str) -> str:
        return text

    def label(self, text: str) -> str:
        return text


def pseudonymizer_for(db, owner: str | None) -> Pseudonymizer:
    """A Pseudonymizer that knows every participant and chat title of the workspace."""
    names = [r[0] for r in db.execute("SELECT DISTINCT name FROM participants")]
    names += [
        r[0] for r in db.execute("SELECT DISTINCT sender FROM messages WHERE sender IS NOT NULL")
    ]
    names += [r[0] for r in db.execute("SELECT title FROM chats WHERE title IS NOT NULL")]
    return Pseudonymizer(workspace_salt(db), names=names, keep=[owner] if owner else [])
