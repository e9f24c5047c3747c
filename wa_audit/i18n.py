"""Translations (GNU gettext catalogs managed with Babel) and locale-aware formatting.

Core code stores message ids and parameters; text is rendered with `_()` at display time, so a
language switch re-renders without recomputing anything.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import locale
import os
from datetime import date, datetime
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "wa_audit"
LANGUAGES = ("en", "nl", "de")

_current = "en"
_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def system_language() -> str:
    """The first of our languages the user's system asks for, else English."""
    candidates = [os.environ.get(v, "") for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]
    with contextlib.suppress(ValueError):
        candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        for part in value.split(":"):
            code = part[:2].lower()
            if code in LANGUAGES:
                return code
    return "en"


def set_language(lang: str) -> str:
    """Switch the language of `_()`; returns the language actually used."""
    global _current, _translation
    lang = lang if lang in LANGUAGES else "en"
    if lang == "en":
        _translation = _gettext.NullTranslations()
    else:
        _ensure_compiled(lang)
        _translation = _gettext.translation(
            DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True
        )
    _current = lang
    return lang


def current_language() -> str:
    return _current


def _ensure_compiled(lang: str) -> None:
    """Compile the .po to .mo when the .mo is missing or older (source checkouts)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        try:
            from wa_audit.i18n_build import compile_catalog

            compile_catalog(po, mo)
        except OSError:
            pass  # read-only install: use whatever .mo ships


def _babel_locale() -> str:
    return {"en": "en_GB", "nl": "nl_NL", "de": "de_DE"}[_current]


def format_number(value: float, decimals: int = 0) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_babel_locale())


def format_percent(fraction: float) -> str:
    from babel.numbers import format_percent as _fp

    # the locale's own pattern: "12%" in English and Dutch, "12 %" with a no-break space in German
    return _fp(fraction, locale=_babel_locale())


def format_money(amount: float, currency: str = "EUR") -> str:
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale=_babel_locale())


def format_date(value: date | datetime, fmt: str = "medium") -> str:
    from babel.dates import format_date as _fd

    if isinstance(value, datetime):
        value = value.date()
    return _fd(value, format=fmt, locale=_babel_locale())


def format_day_month(value: date | datetime) -> str:
    """ "29 Jul" / "29 jul" / "29. Juli": the locale's own day-month pattern."""
    from babel.dates import format_skeleton

    if isinstance(value, datetime):
        value = value.date()
    return format_skeleton("MMMd", value, locale=_babel_locale())


def format_datetime(value: datetime, fmt: str = "medium") -> str:
    from babel.dates import format_datetime as _fdt

    return _fdt(value, format=fmt, locale=_babel_locale())


def format_moment(value: datetime) -> str:
    """A point in time for people: the day alone when it is a whole day (midnight), else the
    day and the hour, always with a 4-digit year ("29 sep 2026" / "25 sep 2026 10:00")."""
    from babel.dates import format_time

    day = format_date(value, "medium")
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return day
    return f"{day} {format_time(value, 'HH:mm', locale=_babel_locale())}"


def format_timestamp(value: datetime) -> str:
    """A message's moment: the day with a 4-digit year and the time, always ("25 sep 2026 10:00")."""
    from babel.dates import format_time

    day = format_date(value, "medium")
    return f"{day} {format_time(value, 'HH:mm', locale=_babel_locale())}"


def country_name(code: str) -> str:
    """ "NL" -> "Nederland" / "Niederlande" / "Netherlands" in the current language."""
    from babel import Locale

    try:
        return Locale.parse(_babel_locale()).territories.get(code.upper(), code)
    except (ValueError, TypeError, AttributeError):
        return code
