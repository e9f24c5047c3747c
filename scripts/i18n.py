#!/usr/bin/env python3
"""Extract, update and compile wa-audit's translations in one command (Babel's Python API).

    .venv/bin/python scripts/i18n.py            # extract -> update nl, de -> compile .mo -> stats
    .venv/bin/python scripts/i18n.py --check    # same, but exit 1 if nl/de has an untranslated,
                                                # fuzzy or placeholder-broken entry
    .venv/bin/python scripts/i18n.py --stats    # only report what still needs a translator
    .venv/bin/python scripts/i18n.py --keep-obsolete   # keep removed strings as #~ entries

What it does:
1. extract: every `_()`, `N_()` and `ngettext()` in wa_audit/ (config: babel.cfg) into the
   template wa_audit/locale/wa_audit.pot;
2. update: merge the template into wa_audit/locale/<lang>/LC_MESSAGES/wa_audit.po (nl, de),
   creating a catalog that does not exist yet. New strings arrive untranslated; a changed string
   keeps its old translation marked "fuzzy" (review it, then delete the fuzzy flag). Strings no
   longer in the code are dropped unless --keep-obsolete. The header comment (the glossary)
   survives the update;
3. compile: .po -> .mo next to it (the .mo files are git-ignored; scripts/setup.sh builds them
   with `python -m wa_audit.i18n_build`).

Translate with any .po editor (Poedit, Lokalize, Weblate) or a text editor, then run this script
again. Keep {placeholders} exactly as in English; tests/i18n/ fails on anything left over.
The same functions are used by tests/i18n/ (they import this file), so what the tests check is
what this script produces.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "wa_audit" / "locale"
DOMAIN = "wa_audit"
LANGUAGES = ("nl", "de")
POT = LOCALE_DIR / f"{DOMAIN}.pot"
WIDTH = 100
TRANSLATOR = "wa-audit translation pass"

# {name}, {n:,} and {0}; "{{" / "}}" are literal braces, not placeholders
BRACE = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
# %(name)s, %s, %d, %.1f; "80 % of" (space after %) is plain text, not a conversion
PERCENT = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0+]?\d*(?:\.\d+)?[diouxXeEfFgGcrs%]")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path = ROOT) -> Catalog:
    """A fresh template catalog from the code, as configured in babel.cfg."""
    with (root / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    catalog = Catalog(
        project="wa-audit",
        version="0.1",
        copyright_holder="wa-audit",
        msgid_bugs_address="",
        charset="utf-8",
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def render_catalog(catalog: Catalog, *, keep_obsolete: bool = False) -> bytes:
    buf = io.BytesIO()
    # no line numbers: they change with every edit and would make every diff noisy
    write_po(
        buf,
        catalog,
        width=WIDTH,
        include_lineno=False,
        ignore_obsolete=not keep_obsolete,
        sort_by_file=True,
    )
    return buf.getvalue()


def write_catalog(catalog: Catalog, path: Path, *, keep_obsolete: bool = False) -> bool:
    """Write the catalog; leave the file (and its dates) alone when nothing else changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new = render_catalog(catalog, keep_obsolete=keep_obsolete)
    if path.exists() and _undated(path.read_bytes()) == _undated(new):
        return False
    now = datetime.now().astimezone()
    if catalog.locale is None:
        catalog.creation_date = now
    else:
        catalog.revision_date = now
    path.write_bytes(render_catalog(catalog, keep_obsolete=keep_obsolete))
    return True


def _undated(po: bytes) -> bytes:
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*"', b"", po)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def update(template: Catalog, lang: str, *, keep_obsolete: bool = False) -> Catalog:
    """Merge the template into the language's .po (created if missing) and write it."""
    path = po_path(lang)
    if path.exists():
        catalog = read_catalog(path, locale=lang)
    else:
        catalog = Catalog(locale=Locale.parse(lang), project="wa-audit", version="0.1", fuzzy=False)
        catalog.header_comment = f"# {Locale.parse(lang).english_name} translations for wa-audit."
    catalog.update(template, update_header_comment=False)
    catalog.msgid_bugs_address = ""
    if catalog.last_translator.startswith("FULL NAME"):
        catalog.last_translator = TRANSLATOR
    if catalog.language_team.startswith(lang) or "LL@li.org" in catalog.language_team:
        catalog.language_team = f"{Locale.parse(lang).english_name} (wa-audit)"
    catalog.fuzzy = False  # the header entry itself is never fuzzy (it would hide the plurals)
    write_catalog(catalog, path, keep_obsolete=keep_obsolete)
    return catalog


def compile_mo(lang: str) -> Path:
    po = po_path(lang)
    mo = po.with_suffix(".mo")
    catalog = read_catalog(po, locale=lang)
    with mo.open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
    return mo


def _strings(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """({name} placeholders, %-conversions) of one string, sorted, for comparing."""
    braces = sorted(m.group(0) for m in BRACE.finditer(text))
    percents = sorted(m.group(0) for m in PERCENT.finditer(text) if m.group(0) != "%%")
    return braces, percents


def placeholder_problems(message: Message) -> list[str]:
    """Each translation must use the same placeholders as the English it translates.

    Plurals: every form must keep the placeholders both English forms share and may use only
    placeholders English uses (so a singular may say "one" where English says "{n}").
    """
    ids = _strings(message.id)
    found: list[str] = []
    for translated in _strings(message.string):
        if not translated:
            continue
        got = placeholders(translated)
        if len(ids) == 1:
            want = placeholders(ids[0])
            if got != want:
                found.append(f"{got} vs English {want}")
            continue
        for kind in (0, 1):
            sets = [set(placeholders(i)[kind]) for i in ids]
            required, allowed = set.intersection(*sets), set.union(*sets)
            if not required <= set(got[kind]) <= allowed:
                found.append(f"{sorted(got[kind])} vs English {sorted(allowed)}")
    return found


def problems(catalog: Catalog) -> dict[str, list[str]]:
    """{kind: [msgid, ...]} for untranslated, fuzzy and placeholder problems."""
    out: dict[str, list[str]] = {"untranslated": [], "fuzzy": [], "placeholders": []}
    for message in catalog:
        if not message.id:
            continue
        label = _strings(message.id)[0]
        if message.fuzzy:
            out["fuzzy"].append(label)
        if not all(_strings(message.string)) or not _strings(message.string):
            out["untranslated"].append(label)
        for problem in placeholder_problems(message):
            out["placeholders"].append(f"{label!r}: {problem}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a catalog is incomplete")
    parser.add_argument("--stats", action="store_true", help="only report, change nothing")
    parser.add_argument("--keep-obsolete", action="store_true", help="keep removed strings (#~)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the open entries")
    args = parser.parse_args(argv)

    if not args.stats:
        template = extract()
        write_catalog(template, POT)
        print(f"{POT.relative_to(ROOT)}: {len(template)} strings")
        for lang in LANGUAGES:
            update(template, lang, keep_obsolete=args.keep_obsolete)
            compile_mo(lang)

    failed = False
    for lang in LANGUAGES:
        catalog = read_catalog(po_path(lang), locale=lang)
        found = problems(catalog)
        counts = ", ".join(f"{len(v)} {k}" for k, v in found.items())
        print(f"{po_path(lang).relative_to(ROOT)}: {len(catalog)} entries; {counts}")
        if args.verbose:
            for kind, items in found.items():
                for item in items:
                    print(f"  {kind}: {item}")
        failed = failed or any(found.values())
    return 1 if (failed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
