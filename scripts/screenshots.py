#!/usr/bin/env python3
"""Regenerate docs/screenshots/<lang>/*.png: every screen of the demo, offscreen.

    .venv/bin/python scripts/screenshots.py                  # en, nl, de into docs/screenshots
    .venv/bin/python scripts/screenshots.py --scale 2        # HiDPI check (QT_SCALE_FACTOR=2)
    .venv/bin/python scripts/screenshots.py --theme dark --lang en   # docs/screenshots/en-dark
    .venv/bin/python scripts/screenshots.py --pseudo --out /tmp/shots
        # layout stress test: every translated string ~40 % longer with accents (vorta's
        # TRANS_SCALE idea), to catch German overflow before a translator does

Each language runs `wa-audit --demo --screenshot DIR --lang X` in its own process, with a
temporary HOME so no real settings or workspaces are touched.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "nl", "de")

PSEUDO_RUNNER = """
import gettext, re, sys
from wa_audit import i18n
_ACCENTS = str.maketrans("aeiouAEIOUcnsyz", "àéîõüÀÉÎÕÜçñšýž")

def _stretch(text):
    # keep {placeholders} intact, accent the rest and pad ~40 % (German is ~30 % longer)
    parts = re.split(r"(\\{[^}]*\\})", text)
    out = "".join(p if p.startswith("{") else p.translate(_ACCENTS) for p in parts)
    return out + "·" * max(1, len(text) * 2 // 5)

class Pseudo(gettext.NullTranslations):
    def gettext(self, m):
        return _stretch(m)
    def ngettext(self, s, p, n):
        return _stretch(s if n == 1 else p)

_real = i18n.set_language
def set_language(lang):
    used = _real(lang)
    i18n._translation = Pseudo()
    return used
i18n.set_language = set_language
import wa_audit.ui.language as ui_language
ui_language.set_language = set_language
from wa_audit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def shoot(lang: str, out: Path, scale: float, pseudo: bool, theme: str = "light") -> int:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = tempfile.mkdtemp(prefix="wa-audit-shots-")
    # the app's QSettings (wa_audit/ui/settings.py) in the fresh home: light or dark palette
    ini = Path(env["HOME"]) / ".config" / "wa-audit" / "wa-audit.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(f"[ui]\ntheme={theme}\n", encoding="utf-8")
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_DATA_HOME", None)
    if scale != 1:
        env["QT_SCALE_FACTOR"] = str(scale)
    args = ["--demo", "--screenshot", str(out), "--lang", lang]
    if pseudo:
        cmd = [sys.executable, "-c", PSEUDO_RUNNER, *args]
    else:
        cmd = [sys.executable, "-m", "wa_audit.cli", *args]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    noise = "propagateSizeHints"
    for line in (result.stderr or "").splitlines():
        if noise not in line:
            print(line, file=sys.stderr)
    return result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=LANGS, action="append", help="default: all three")
    parser.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR, e.g. 2")
    parser.add_argument("--pseudo", action="store_true", help="stretched pseudo-translation")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args()
    rc = 0
    for lang in args.lang or (["en"] if args.pseudo else LANGS):
        folder = args.out / (lang if args.theme == "light" else f"{lang}-{args.theme}")
        code = shoot(lang, folder, args.scale, args.pseudo, args.theme)
        print(f"{lang}: {'ok' if code == 0 else f'failed ({code})'} -> {folder}")
        rc = rc or code
    return rc


if __name__ == "__main__":
    sys.exit(main())
