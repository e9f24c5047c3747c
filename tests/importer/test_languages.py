"""WhatsApp's own texts in every supported phone language are never read as customer text.

The fixtures in fixtures/languages/ are composed exports in the header shape and with the
WhatsApp texts of each phone language (sources in docs/whatsapp-texts.md); expected.toml says
what every message is.
"""

from __future__ import annotations

import tomllib

import pytest
from conftest import FIXTURES
from importing import run_import

from wa_audit.importer import parse_file
from wa_audit.importer.phrases import PHRASES_FILE
from wa_audit.store import open_db

LANG_DIR = FIXTURES / "languages"
EXPECTED = tomllib.loads((LANG_DIR / "expected.toml").read_text(encoding="utf-8"))
REQUIRED = {"en", "nl", "de", "fr", "es", "pt", "it", "tr", "ar", "pl", "ru", "uk", "ro", "sv"}


def test_every_required_language_has_a_fixture_and_phrases():
    assert {spec["language"] for spec in EXPECTED.values()} >= REQUIRED
    data = tomllib.loads(PHRASES_FILE.read_text(encoding="utf-8"))
    for table in (data["media"]["omitted"], data["deleted"]["exact"], data["calls"]["exact"]):
        assert set(table) >= REQUIRED
    assert set(data["system"]["encryption"]) >= REQUIRED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_is_read_as_expected(name):
    spec = EXPECTED[name]
    parsed = parse_file(LANG_DIR / f"{name}.txt")
    messages = list(parsed)
    assert [str(m.kind) for m in messages] == spec["kinds"]
    assert [m.edited for m in messages] == spec["edited"]
    assert parsed.facts.platform == spec["platform"]
    assert parsed.facts.language == spec["language"]
    assert parsed.facts.date_order == spec["date_order"]
    for m in messages:
        if m.edited:  # the marker is gone, the typed text stays
            assert "<" not in m.text and m.text.strip()
        if str(m.kind) == "system":
            assert m.sender is None or m.event == "missed_call"


def test_no_whatsapp_line_of_any_fixture_is_stored_as_text(tmp_path):
    paths = [LANG_DIR / f"{name}.txt" for name in sorted(EXPECTED)]
    summary = run_import(paths, tmp_path / "ws.db")
    assert {f.status for f in summary.files} == {"imported"}
    db = open_db(tmp_path / "ws.db")
    for report in summary.files:
        spec = EXPECTED[report.path.stem]
        stored = [
            kind
            for (kind,) in db.execute(
                "SELECT kind FROM messages WHERE chat_id = ? ORDER BY line", [report.chat_id]
            )
        ]
        assert stored == spec["kinds"], report.path.stem
    db.close()


def test_one_day_spanish_export_is_day_first():
    """ "3/7/2026 9:09 a. m.": every date is ambiguous; Spanish texts and the dotted marker
    say 3 July (a US reading would make it 7 March)."""
    parsed = parse_file(LANG_DIR / "es_android_one_day.txt")
    messages = list(parsed)
    assert {m.ts[:10] for m in messages} == {"2026-07-03"}
    assert messages[0].ts == "2026-07-03T09:09:00"
    assert parsed.facts.date_order_confidence == "low"  # still offered to the user to check


def test_one_day_us_export_stays_month_first(write):
    """Negative example: English texts with "AM/PM" and slashes keep the US reading."""
    text = (
        "3/7/26, 9:09\u202fAM - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        "3/7/26, 9:10\u202fAM - Anna: Hi, do you have roses?\n"
        "3/7/26, 9:12\u202fAM - Shop: <Media omitted>\n"
    )
    parsed = parse_file(write("WhatsApp Chat with Anna.txt", text))
    messages = list(parsed)
    assert {m.ts[:10] for m in messages} == {"2026-03-07"}


@pytest.mark.parametrize(
    "body",
    [
        "Bu mesaj silindi mi?",  # a question about a deletion
        "ich habe <Medien ausgeschlossen> geschrieben",
        "Pominięto multimedia w poprzedniej wiadomości",
        "image omitted in my last message, sorry",
        "Det här meddelandet raderades inte",
        "Ta wiadomość została usunięta przez pomyłkę?",
    ],
)
def test_placeholder_words_inside_a_sentence_stay_text(write, body):
    text = f"03/11/2026, 09:05 - Anna: hoi\n03/11/2026, 09:06 - Anna: {body}\n"
    messages = list(parse_file(write("WhatsApp Chat with Anna.txt", text)))
    assert str(messages[1].kind) == "text"
    assert messages[1].text == body


def test_ios_marked_line_without_phrase_is_system_but_shared_location_is_not(write):
    text = (
        "[03/11/2026, 09:05:07] Anna: hoi\n"
        "[03/11/2026, 09:05:08] Anna: \u200eAnna hat eine Nachricht angeheftet\n"
        "\u200e[03/11/2026, 09:05:09] Anna: \u200eStandort: https://maps.google.com/?q=52.3,4.8\n"
        "[03/11/2026, 09:05:10] Anna: \u200ehttps://example.com/katalog\n"
        "[03/11/2026, 09:05:11] Anna: \u200fمرحبا\n"  # RLM before an Arabic greeting: a person
        "[03/11/2026, 09:05:12] Anna: plain text\n"
    )
    kinds = [str(m.kind) for m in parse_file(write("WhatsApp Chat with Anna.txt", text))]
    assert kinds == ["text", "system", "text", "text", "system", "text"]


def test_android_marked_line_is_not_guessed_as_system(write):
    """The direction-mark rule is iOS's: on Android a marked unknown body stays text."""
    text = "03/11/2026, 09:05 - Anna: hoi\n03/11/2026, 09:06 - Anna: \u200eAnna pinned it\n"
    kinds = [str(m.kind) for m in parse_file(write("WhatsApp Chat with Anna.txt", text))]
    assert kinds == ["text", "text"]


def test_arabic_notice_with_rlm_is_a_system_line_anywhere(write):
    text = (
        "[03/11/2026, 09:05:07] سارة: مرحبا\n"
        "[03/11/2026, 09:06:07] متجر: \u200fالرسائل والمكالمات مشفرة تمامًا بين الطرفين، بحيث "
        "لا يستطيع أحد خارج هذه الدردشة قراءتها.\n"
    )
    messages = list(parse_file(write("WhatsApp Chat with Sara.txt", text)))
    assert str(messages[1].kind) == "system" and str(messages[1].event) == "encryption"
    assert messages[1].sender is None
