"""Stable pseudonyms for customer names and phone numbers in shared reports.

HMAC-SHA256 with a random salt stored once per workspace (setting "pseudonym_salt"): the same
customer gets the same pseudonym in every report of this workspace, and nobody without the
database can turn a pseudonym back into a name. Numbers inside message text are masked.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable

from wa_audit.i18n import N_, _

SALT_SETTING = "pseudonym_salt"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
# Phone-like digit runs (7+ digits, separators allowed) and any other run of 3+ digits.
PHONE_RE = re.compile(r"\+?\(?\d[\d\s\-./()]{5,}\d")
DIGITS_RE = re.compile(r"\+\d+|\d{3,}")  # "+31" alone is a piece of a phone number too
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NUMBER_MASK = "•••"
CUSTOMER = N_("Customer {code}")
NUMBER_NAME = N_("Number {code}")


def workspace_salt(db) -> bytes:  # db: sqlite_utils.Database
    from wa_audit.store.db import get_setting, set_setting

    salt = get_setting(db, SALT_SETTING)
    if not salt:
        salt = secrets.token_hex(32)
        set_setting(db, SALT_SETTING, salt)
    return bytes.fromhex(salt)


def _norm(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def _is_phone(name: str) -> bool:
    digits = sum(ch.isdigit() for ch in name)
    return digits >= 7 and digits >= len(re.sub(r"[\s\-+().]", "", name)) - 1


class Pseudonymizer:
    """Replace names (exactly, and as words inside text) and mask numbers."""

    def __init__(self, salt: bytes, names: Iterable[str] = (), keep: Iterable[str] = ()) -> None:
        self._salt = salt
        self._keep = {_norm(k) for k in keep if k}
        self._cache: dict[str, str] = {}
        self._token_owner: dict[str, str] = {}
        for name in names:
            self.add_name(name)
        self._regex: re.Pattern[str] | None = None

    def add_name(self, name: str | None) -> None:
        if not name or _norm(name) in self._keep:
            return
        self._regex = None
        self._token_owner.setdefault(_norm(name), name)
        for token in re.findall(r"\w+", name):
            # Short tokens ("de", "van", "Jo") would mask ordinary words; digits are masked anyway.
            if len(token) >= 3 and not token.isdigit():
                self._token_owner.setdefault(token.casefold(), name)

    def code(self, name: str) -> str:
        digest = hmac.new(self._salt, _norm(name).encode("utf-8"), hashlib.sha256).digest()
        return "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:5])

    def name(self, name: str | None) -> str | None:
        """The pseudonym for a sender or chat title (the business's own name is kept)."""
        if not name:
            return name
        key = _norm(name)
        if key in self._keep:
            return name
        if key not in self._cache:
            template = NUMBER_NAME if _is_phone(name) else CUSTOMER
            self._cache[key] = _(template).format(code=self.code(name))
        return self._cache[key]

    def text(self, text: str) -> str:
        """Message text with known names replaced and numbers / e-mail addresses masked."""
        if not text:
            return text
        text = EMAIL_RE.sub(NUMBER_MASK, text)
        text = PHONE_RE.sub(NUMBER_MASK, text)
        text = DIGITS_RE.sub(NUMBER_MASK, text)
        regex = self._names_regex()
        if regex is not None:
            text = regex.sub(lambda m: self.name(self._owner_of(m.group(0))) or "", text)
        return text

    def label(self, text: str) -> str:
        """A short text that is not message content (a chat title inside a sentence, a figure):
        names replaced, phone numbers and e-mail addresses masked, other numbers kept."""
        if not text:
            return text
        if _norm(text) in self._cache or _norm(text) in self._token_owner:
            return self.name(text) or text
        text = EMAIL_RE.sub(NUMBER_MASK, PHONE_RE.sub(NUMBER_MASK, text))
        regex = self._names_regex()
        if regex is not None:
            text = regex.sub(lambda m: self.name(self._owner_of(m.group(0))) or "", text)
        return text

    def _owner_of(self, matched: str) -> str:
        key = _norm(matched)
        return self._token_owner.get(key) or self._token_owner.get(matched.casefold(), matched)

    def _names_regex(self) -> re.Pattern[str] | None:
        if self._regex is None and self._token_owner:
            # Longest first, so "Anna de Vries" wins over "Anna".
            keys = sorted(self._token_owner, key=len, reverse=True)
            self._regex = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)", re.IGNORECASE
            )
        return self._regex


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
