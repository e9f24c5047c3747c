"""Compile the gettext catalogs (.po -> .mo). Run as `python -m wa_audit.i18n_build`."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"


def compile_catalog(po: Path, mo: Path) -> None:
    with po.open("rb") as f:
        catalog = read_po(f)
    with mo.open("wb") as f:
        write_mo(f, catalog, use_fuzzy=False)


def compile_all() -> list[Path]:
    done = []
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        compile_catalog(po, mo)
        done.append(mo)
    return done


if __name__ == "__main__":
    for path in compile_all():
        print(path)
