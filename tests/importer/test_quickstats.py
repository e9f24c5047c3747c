"""The one-pass --stats summary must say exactly what a full parse says, or step aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, PEERS
from render import LAYOUTS, render
from test_layouts import conversation

from wa_audit.importer import parse_file
from wa_audit.importer.quickstats import quick_stats

FIELDS = (
    "layout", "platform", "date_order", "date_order_confidence", "has_seconds", "encoding",
    "message_count", "line_count", "senders", "kinds", "first", "last", "is_group", "broadcast",
    "broadcast_recipients", "starts_with_encryption_notice", "language", "probably_truncated",
    "attachments_listed", "unparsed", "warnings",
)  # fmt: skip


def assert_same(path: Path) -> None:
    full = parse_file(path)
    for _ in full:
        pass
    quick = quick_stats(path)
    assert quick is not None, "fast path stepped aside"
    for name in FIELDS:
        assert getattr(quick, name) == getattr(full.facts, name), name


@pytest.mark.parametrize(
    "path",
    sorted(FIXTURES.glob("*.txt"))
    + sorted(FIXTURES.glob("languages/*.txt"))
    + sorted(PEERS.glob("*/*.txt")),
    ids=lambda p: p.name,
)
def test_fixtures(path):
    assert_same(path)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_rendered_layout(write, layout):
    assert_same(write("chat.txt", render(layout, conversation())))


def test_mixed_content(write):
    text = (
        "03/11/2026, 09:07 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        "03/11/2026, 09:05 - Anna: Hoi\nhoe gaat het?\n\n"
        "03/11/2026, 09:06 - Bakkerij Jansen: Goed! <This message was edited>\n"
        "03/11/2026, 09:07 - Anna: <Media omitted>\n"
        "03/11/2026, 09:07 - Anna: \u200eIMG-1.jpg (file attached)\ncaption\n"
        "03/11/2026, 09:08 - Anna: Dit bericht is verwijderd\n"
        "03/11/2026, 09:09 - Je hebt Bram toegevoegd\n"
        '03/11/2026, 09:10 - Bakkerij Jansen changed the subject to "Sale: 50%"\n'
        "03/11/2026, 09:11 - ~\u202fKees: hoi\n"
        "03/11/2026, 09:12 - Kees:\n"
        "13/11/2026, 09:13 - Kees:.\n"
        "13/11/2026, 09:14 - Kees: lijst\n1. taart\n2. koffie\n"
    )
    assert_same(write("WhatsApp Chat with Anna.txt", text))


def test_broadcast_list(write):
    text = (
        "03/11/2026, 09:05 - Je hebt een verzendlijst met 38 ontvangers gemaakt\n"
        "03/11/2026, 09:06 - Bakkerij Jansen: Zaterdag 20% korting!\n"
        "13/11/2026, 09:06 - Bakkerij Jansen: Nieuw: appeltaart\n"
    )
    assert_same(write("b.txt", text))


@pytest.mark.parametrize(
    "text",
    [
        "junk first\n03/11/2026, 09:05 - Anna: hoi\n",
        "".join(f"{d:02d}/11/2026, 09:05 - Anna: hoi\n" for d in range(1, 20))
        + "2026-11-03, 09:05 - Anna: other format\n",
    ],
)
def test_steps_aside_for_unusual_files(write, text):
    assert quick_stats(write("chat.txt", text)) is None


def test_ios_notice_without_mark(write):
    text = (
        "[03/11/2026, 09:05:07] Bakkerij Jansen: Messages and calls are end-to-end encrypted. "
        "Only people in this chat can read, listen to, or share them.\n"
        "[03/11/2026, 09:05:08] Anna: <Media omitted>\n"
        "[13/11/2026, 09:05:09] Anna: hoi\n"
    )
    assert_same(write("ios.txt", text))


def test_split_in_two_processes_gives_the_same_facts(write, monkeypatch):
    from wa_audit.importer import quickstats

    lines = ["03/11/2026, 09:05 - Messages and calls are end-to-end encrypted. Tap to learn more."]
    for i in range(4000):
        day, who = 1 + i % 28, "Anna" if i % 3 else "Bakkerij Jansen"
        body = [
            "hoi",
            "<Media omitted>",
            "lijst:\n1. taart\nen koffie",
            "Dit bericht is verwijderd",
        ]
        lines.append(f"{day:02d}/{1 + i // 400:02d}/2026, 10:{i % 60:02d} - {who}: {body[i % 4]}")
    path = write("WhatsApp Chat with Anna.txt", "\n".join(lines) + "\n")
    monkeypatch.setattr(quickstats, "SPLIT_FROM", 1000)
    assert quickstats._split_point(path, *_source_and_parser(path)) is not None
    assert_same(path)


def _source_and_parser(path):
    from wa_audit.importer.archive import open_export
    from wa_audit.importer.parse import ParsedExport
    from wa_audit.model import FileFacts

    source = open_export(path)
    return source, ParsedExport(source.open_bytes, path.name, FileFacts(), scan_dates=False)
