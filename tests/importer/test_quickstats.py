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


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_split_in_two_processes_gives_the_same_facts(write, monkeypatch, method):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from wa_audit.importer import quickstats

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    head_start = 0 if method == "fork" else 64 << 10
    context = multiprocessing.get_context(method)
    monkeypatch.setattr(quickstats, "_helper_context", lambda: (context, head_start))
    submitted = []

    class Spy(ProcessPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            submitted.append(fn.__name__)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(quickstats, "ProcessPoolExecutor", Spy)

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
    assert quickstats._split_point(path, *_source_and_parser(path), head_start) is not None
    assert_same(path)
    assert submitted == ["_count_window"]


def test_helper_process_is_a_new_interpreter_while_threads_run():
    """A copy of a process with threads (the desktop app) could hang: then spawn, not fork."""
    import threading

    from wa_audit.importer.quickstats import HEAD_START, _helper_context

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        ctx, head_start = _helper_context()
        assert ctx.get_start_method() == "spawn" and head_start == HEAD_START
    finally:
        release.set()
        other.join()


def test_without_a_helper_process_counts_in_this_one(write, monkeypatch):
    """A machine that does not let the app start a process still gets the summary."""
    from concurrent.futures.process import BrokenProcessPool

    from wa_audit.importer import quickstats

    lines = [f"{1 + i % 28:02d}/11/2026, 10:{i % 60:02d} - Anna: hoi {i}" for i in range(3000)]
    path = write("WhatsApp Chat with Anna.txt", "\n".join(lines) + "\n")
    monkeypatch.setattr(quickstats, "SPLIT_FROM", 1000)

    class NoProcesses:
        def __init__(self, *args, **kwargs):
            raise BrokenProcessPool("no processes here")

    monkeypatch.setattr(quickstats, "ProcessPoolExecutor", NoProcesses)
    assert_same(path)


def _source_and_parser(path):
    from wa_audit.importer.archive import open_export
    from wa_audit.importer.parse import ParsedExport
    from wa_audit.model import FileFacts

    source = open_export(path)
    return source, ParsedExport(source.open_bytes, path.name, FileFacts(), scan_dates=False)


def test_sender_split_is_the_first_colon_space():
    """The one-pass split (no lazy quantifier) cuts exactly where "sender: text" does."""
    import random
    import re

    from wa_audit.importer.quickstats import SENDER_BODY

    lazy = re.compile(r"^(?:(?P<sender>[^\n]*?): )?(?P<body>.*)$", re.M)
    fast = re.compile("^" + SENDER_BODY, re.M)
    rnd = random.Random(7)
    for _ in range(20_000):
        s = "".join(rnd.choice("ab: \n:x~") for _ in range(rnd.randint(0, 14)))
        assert fast.findall(s) == lazy.findall(s), repr(s)


# every kind of line the one-pass sorting must tell apart: plain texts long and short,
# WhatsApp's fixed texts in any case (the longest one at the length limit and one past it),
# marked texts (a mark first, ")" last, a "•"), empty texts, system lines with and without a
# colon, names with a colon, continuation lines that start with a digit
_TEXTS = [
    "Hoi! Is de taart voor zaterdag al klaar, of moet ik nog even wachten tot vanmiddag?",
    "Ok",
    "ja",
    "İyi akşamlar",
    "STRASSE ß und ΣΊΣΥΦΟΣ",
    "Super, dank je wel 😊",
    "<Media omitted>",
    "<MEDIA OMITTED>",
    "Dit bericht is verwijderd",
    "DIT BERICHT IS VERWIJDERD",
    "This message was deleted",
    "esta mensagem foi apagada pelo remetente.",
    "esta mensagem foi apagada pelo remetente..",
    "Esta mensagem foi apagada pelo remetente. Nee, toch niet, hier is hij weer",
    "Missed voice call",
    "\u200eIMG-20241103-WA0001.jpg (file attached)",
    "\u200eimage omitted",
    "leuk :)",
    "Een heel lang bericht dat eindigt met een smiley en nog wat tekst erbij :)",
    "POLL:\nWelke taart?\nOPTION: appel (2 votes)\n• kers",
    "stem • hier",
    "Kom ik om 3 uur <This message was edited>",
    "",
    "Lijst:\n1. taart\n\n2. koffie\n14:00 ophalen",
    "tijd: 10:30",
    "Dr. Who: hello: there",
]
_SYSTEM = [
    "Je hebt Bram toegevoegd",
    'Bakkerij Jansen changed the subject to "Sale: 50%"',
    "Messages and calls are end-to-end encrypted. Tap to learn more.",
    "\u200eAnna left",
    ": geen naam",
]
_NAMES = ["Anna de Vries", "Bakkerij Jansen", "~\u202fKees", "Dr.:Who", "+31 6 1234 5678"]


def _random_chat(rnd, n: int) -> list:
    from datetime import datetime, timedelta

    from render import Msg

    # the 13th first: a chunk of day <= 12 dates only would leave the day/month order open
    # until a later chunk (the quick path then steps aside, see above)
    t = datetime(2026, 3, 13, 9, 0)
    out = []
    for _ in range(n):
        t += timedelta(minutes=rnd.choice([0, 1, 7, 61, 60 * 20, 60 * 30]))
        stamp = t - timedelta(days=3) if rnd.random() < 0.03 else t  # now and then re-stamped
        if rnd.random() < 0.08:
            out.append(Msg(stamp, None, rnd.choice(_SYSTEM)))
        else:
            out.append(Msg(stamp, rnd.choice(_NAMES), rnd.choice(_TEXTS)))
    return out


@pytest.mark.parametrize("seed", range(len(LAYOUTS)))
def test_random_chats_in_small_chunks(write, monkeypatch, seed):
    """Every kind of line, in every layout, read in small chunks (so that a chunk starts
    with a continuation line, the first and last moment sit in any chunk, and one chunk has
    a name that hides a system line while the next has none)."""
    import random

    from wa_audit.importer import parse

    rnd = random.Random(seed)
    monkeypatch.setattr(parse, "CHUNK_CHARS", rnd.choice([200, 700, 3000]))
    layout = sorted(LAYOUTS)[seed]
    for first in ("encryption notice", "text"):
        chat = _random_chat(rnd, 300)
        if first == "encryption notice":
            chat[0].sender, chat[0].text = None, _SYSTEM[2]
        assert_same(write(f"WhatsApp Chat with Anna {first}.txt", render(layout, chat)))


@pytest.mark.parametrize("bullets", [True, False])
def test_sorting_in_c_matches_the_parsers_tests(bullets):
    """The four groups of the sorted pattern say what the parser's own tests say (the pattern
    without the "•" test is used for chunks without one)."""
    import random

    from wa_audit.importer.archive import open_export
    from wa_audit.importer.parse import ParsedExport
    from wa_audit.importer.quickstats import _MARKED, _sorted_pattern
    from wa_audit.model import FileFacts

    rnd = random.Random(3)
    alphabet = ["a", "B", " ", ":", ")", "<", "\u200e", "\u200f", "é", "😊", "1"]
    alphabet += ["\u2022"] if bullets else []
    lines = []
    for _ in range(5000):
        rest = "".join(rnd.choice(alphabet) for _ in range(rnd.choice([0, 1, 3, 12, 40, 45])))
        lines.append(f"03/11/2026, 09:05 - {rest}")
    text = "\n".join(lines) + "\n"
    source = open_export(Path(__file__).parent / "fixtures" / "android.txt")
    parsed = ParsedExport(source.open_bytes, "x", FileFacts(), scan_dates=False)
    limit = parsed._book.exact_max
    pattern = _sorted_pattern(parsed._pattern, limit, bullets)
    rows = pattern.findall(text)
    names = sorted(pattern.groupindex, key=pattern.groupindex.get)
    assert len(rows) == len(lines)
    for line, row in zip(lines, rows, strict=True):
        got = dict(zip(names, row, strict=True))
        rest = line[len("03/11/2026, 09:05 - ") :]
        sender, sep, body = rest.partition(": ")
        if not sep or not body:
            assert got["system"] == rest and got["sender"] == "", line
            continue
        assert got["sender"] == sender and got["system"] == "", line
        is_marked = body.startswith(_MARKED) or body.endswith(")") or "\u2022" in body
        assert got["marked"] == (body if is_marked else ""), line
        is_short = not is_marked and len(body) <= limit
        assert got["short"] == (body if is_short else ""), line


@pytest.mark.parametrize("layout", ["android_en_gb", "android_en_us_12h_space", "ios_en_gb"])
def test_first_and_last_moment_from_any_chunk(write, monkeypatch, layout):
    """The earliest message on the first day sits in a late chunk, the latest on the last day in
    an early one, and 12 AM / 12 PM are told apart."""
    from datetime import datetime, timedelta

    from render import Msg

    from wa_audit.importer import parse

    monkeypatch.setattr(parse, "CHUNK_CHARS", 300)
    day = datetime(2026, 3, 13, 12, 30)
    chat = [Msg(day + timedelta(minutes=i), "Anna", f"bericht {i}") for i in range(40)]
    chat[5] = Msg(datetime(2026, 3, 20, 12, 5), "Bram", "vooruit gestempeld")  # the last day
    chat[30] = Msg(datetime(2026, 3, 13, 0, 10), "Bram", "net na middernacht")  # the first
    chat.append(Msg(datetime(2026, 3, 20, 11, 59), "Anna", "eerder op de laatste dag"))
    path = write("WhatsApp Chat with Anna.txt", render(layout, chat))
    assert_same(path)
    facts = quick_stats(path)
    assert facts.first == datetime(2026, 3, 13, 0, 10)
    assert facts.last == datetime(2026, 3, 20, 12, 5)
