"""Every layout: registry samples, rendered fixtures, peer samples."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from conftest import FIXTURES, PEERS
from render import LAYOUTS, Msg, render

from wa_audit.importer import parse_file
from wa_audit.importer.formats import REGISTRY

BASE = datetime(2026, 11, 3, 9, 5, 7)


def conversation() -> list[Msg]:
    # days stay <= 12 until the very last message (13 Nov): the date order must still be right
    t = BASE
    msgs = [
        Msg(t, "Anna de Vries", "Is de taart klaar?"),
        Msg(t + timedelta(minutes=3, seconds=11), "Bakkerij Jansen", "Ja! Om 14:00 ophalen."),
        Msg(t + timedelta(days=1, hours=5), "Anna de Vries", "Lijst:\n1. taart\n\n2. koffie"),
        Msg(t + timedelta(days=2, hours=7, seconds=30), "Bakkerij Jansen", "Tot morgen: 10:30"),
        Msg(t + timedelta(days=10, hours=13, minutes=1, seconds=1), "Anna de Vries", "Dank je"),
    ]
    return msgs


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_rendered_layout_round_trips(layout, write):
    msgs = conversation()
    path = write(f"WhatsApp Chat with Anna de Vries {layout}.txt", render(layout, msgs))
    parsed = parse_file(path)
    out = list(parsed)
    has_seconds = LAYOUTS[layout][1]
    assert [m.text for m in out] == [m.text for m in msgs]
    assert [m.sender for m in out] == [m.sender for m in msgs]
    for got, want in zip(out, msgs, strict=True):
        expected = want.ts if has_seconds else want.ts.replace(second=0)
        if layout == "android_month_name":
            expected = expected.replace(second=0)
        assert got.timestamp == expected, layout
    assert parsed.facts.unparsed == []
    assert parsed.facts.has_seconds == has_seconds


def test_day_over_12_only_on_last_line_decides_order(write):
    lines = [f"{d:02d}/11/2026, 10:00 - Anna: bericht {d}" for d in range(1, 13)]
    lines.append("13/11/2026, 10:00 - Anna: laatste")
    parsed = parse_file(write("chat.txt", "\n".join(lines) + "\n"))
    out = list(parsed)
    assert parsed.facts.date_order == "dmy"
    assert out[1].ts == "2026-11-02T10:00:00"
    lines = [f"11/{d:02d}/2026, 10:00 - Anna: msg {d}" for d in range(1, 13)]
    lines.append("11/13/2026, 10:00 - Anna: last")
    parsed = parse_file(write("chat2.txt", "\n".join(lines) + "\n"))
    out = list(parsed)
    assert parsed.facts.date_order == "mdy"
    assert out[1].ts == "2026-11-02T10:00:00"


def test_every_registry_entry_has_a_sample_and_a_fixture():
    fixture_names = {p.stem for p in FIXTURES.glob("*.txt")}
    for layout in REGISTRY:
        assert layout.pattern.match(layout.sample)
        assert layout.name in fixture_names, f"add tests/importer/fixtures/{layout.name}.txt"


@pytest.mark.parametrize("layout", REGISTRY, ids=lambda lay: lay.name)
def test_registry_fixture_parses_with_its_layout(layout):
    parsed = parse_file(FIXTURES / f"{layout.name}.txt")
    out = list(parsed)
    assert parsed.facts.layout == layout.name
    assert len(out) >= 3
    assert parsed.facts.unparsed == []


def test_chat_miner_peer_samples_agree_with_their_expected_messages():
    target = json.loads((PEERS / "chat-miner" / "target.json").read_text())
    # chat-miner keeps user messages, newest first, multi-line joined with a space
    wanted = sorted((t["timestamp"], t["author"], t["message"]) for t in target)
    for path in sorted((PEERS / "chat-miner").glob("*.txt")):
        out = [m for m in parse_file(path) if m.kind == "text"]
        got = {(m.ts, m.sender, m.text.replace("\n", " ")) for m in out}
        assert set(wanted) <= got, path.name
        assert {m.sender for m in out} >= {"John Doe", "Jahn Doe", "John-John Doe"}
        systems = [m for m in parse_file(path) if m.kind == "system"]
        assert [m.event.value for m in systems] == ["group_created", "added"]


def test_chat_miner_twelve_hour_hour_zero():
    out = list(parse_file(PEERS / "chat-miner" / "test_mmddyyyy_12hrs.txt"))
    assert out[4].ts == "2020-06-20T00:08:00"
    assert out[2].ts == "2019-01-30T20:49:00"


def test_whatsapp_chat_parser_website_ios_sample():
    parsed = parse_file(PEERS / "whatsapp-chat-parser-website" / "_chat.txt")
    out = list(parsed)
    assert parsed.facts.layout == "ios_bracketed"
    assert parsed.facts.date_order == "dmy"
    assert len(out) == 52
    assert parsed.facts.kinds == {"system": 4, "text": 44, "media": 4}
    assert parsed.facts.is_group
    assert out[15].attachment == "00000001-PHOTO-2019-06-20-16-00-15.jpg"
    poll = next(m for m in out if m.text.startswith("POLL:"))
    assert poll.text.count("\n") == 6
    assert parsed.facts.unparsed == []
