"""What a Dutch or German shop owner reads on every page of the demo: no rule codes, no ISO
dates, no English words.

`wa-audit --demo --screenshot DIR --lang L` writes DIR/PAGE.txt with every visible text of the
page; these tests read those files. When one fails, open the listed PAGE.txt and PAGE.png.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("start", "import", "dashboard", "evidence", "guidance", "lists", "settings")

RULE_CODE = re.compile(r"\bR\d{2}\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MIDNIGHT = re.compile(r"\b00:00\b")  # a whole day shown with a time
COUNTRY_CODE = re.compile(r"\b(als|as|wie|als) (NL|DE|BE|AT|CH)\b")

# English words that are never Dutch or German (whole words, case-insensitive); loanwords both
# languages use (chat, status, marketing, link, app, opt-in, provider) are not listed.
ENGLISH_WORDS = [
    "the",
    "and",
    "with",
    "messages",
    "message",
    "review",
    "evidence",
    "settings",
    "results",
    "confidence",
    "workspace",
    "workspaces",
    "utility",
    "coexistence",
    "sender",
    "fix first",
    "not enough data",
    "show",
    "hide",
    "import chats",
    "audit run",
    "spun",
    "shortened",
    "unread",
    "high",
    "medium",
    "low",
    "explained",
]
ENGLISH = {"nl": ENGLISH_WORDS, "de": ENGLISH_WORDS}
# a Platform term may be named once, in brackets, as Meta calls it
META_NAME = re.compile(r"\((bij|bei) Meta: [^)]*\)")


@pytest.fixture(scope="module", params=["nl", "de"])
def pages(request, tmp_path_factory):
    lang = request.param
    out = tmp_path_factory.mktemp(f"shots-{lang}")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(out / "home"))
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_DATA_HOME", None)
    result = subprocess.run(
        [sys.executable, "-m", "wa_audit.cli", "--demo", "--screenshot", str(out), "--lang", lang],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return lang, {p: (out / f"{p}.txt").read_text(encoding="utf-8").splitlines() for p in PAGES}


def _hits(pages, pattern) -> list[str]:
    return [
        f"{page}: {line[:120]}"
        for page, lines in pages.items()
        for line in lines
        if pattern.search(META_NAME.sub("", line))
    ]


def test_every_page_has_its_text(pages):
    _lang, texts = pages
    for page, lines in texts.items():
        assert len(lines) >= 5, f"{page}.txt is nearly empty: {lines}"


def test_no_rule_codes(pages):
    _lang, texts = pages
    hits = _hits(texts, RULE_CODE)
    assert not hits, "rule codes on the screens:\n  " + "\n  ".join(hits)


def test_no_iso_dates_and_no_midnight_for_a_day(pages):
    _lang, texts = pages
    hits = _hits(texts, ISO_DATE) + _hits(texts, MIDNIGHT) + _hits(texts, COUNTRY_CODE)
    assert not hits, "dates/countries not in the reader's words:\n  " + "\n  ".join(hits)


def test_no_english_words(pages):
    lang, texts = pages
    words = ENGLISH[lang]
    pattern = re.compile(r"(?i)\b(" + "|".join(re.escape(w) for w in words) + r")\b")
    # what customers and the business wrote is shown as written (evidence, templates)
    hits = _hits({p: t for p, t in texts.items() if p not in ("evidence", "lists")}, pattern)
    assert not hits, f"English on the {lang} screens:\n  " + "\n  ".join(hits)


def test_the_same_status_words_in_app_and_report(pages):
    """The report's light words are the app's (one set), and the dashboard shows them."""
    from wa_audit.report.texts import LIGHTS
    from wa_audit.ui.presenter import LIGHT_WORDS

    lang, texts = pages
    for light in ("green", "amber", "red", "grey", "error"):
        assert LIGHTS[light] == LIGHT_WORDS[light], light
    shown = "\n".join(texts["dashboard"])
    assert "Not enough data" not in shown or lang == "en"


def test_not_enough_data_is_never_paired_with_a_confidence(pages):
    lang, texts = pages
    from wa_audit import i18n

    i18n.set_language(lang)
    try:
        grey = i18n._("Not enough data")
        sure = [i18n._(w) for w in ("High confidence", "Medium confidence", "Low confidence")]
    finally:
        i18n.set_language("en")
    hits = [
        f"{page}: {line}"
        for page, lines in texts.items()
        for line in lines
        if grey in line and any(w in line for w in sure)
    ]
    assert not hits, "'Not enough data' shown with a confidence:\n  " + "\n  ".join(hits)
