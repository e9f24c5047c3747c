"""Allowed automation labelled per message by its definition (HEURISTICS §1, issue 9.4)."""

from __future__ import annotations

from tests.audit.frames import make_frames
from wa_audit.rules.derive.context import build_context

AWAY = "Thanks for your message! We are closed now and will answer tomorrow from 9:00."
GREET = "Welcome to Bakery Brown! Thanks for your message, we will answer as soon as we can."
QUICK = "Thanks, that is noted. See you tomorrow at the shop!"


def day(d: int, hh: int, mm: int = 0, ss: int = 0) -> str:
    return f"2026-03-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}"


def shop(extra_lines):
    """12 customers with typed answers between 9:00 and 17:00 (the opening hours), plus the
    lines `extra_lines(i)` per chat."""
    chats = []
    for i in range(12):
        lines = []
        for d in (2, 3, 4, 5):
            lines.append((day(d, 9 + (i + d) % 8, 5), "them", f"Question {i} on day {d}?"))
            lines.append((day(d, 9 + (i + d) % 8, 30), "me", f"Answer {i} for day {d}, typed."))
        lines += extra_lines(i)
        chats.append({"title": f"Customer {i}", "lines": lines})
    return build_context(*_frames(chats))


def _frames(chats):
    f = make_frames(chats)
    return f.messages, f.chats, f.owner


def labels(ctx, text):
    m = ctx.features("auto")
    return list(m.loc[m["text"] == text, "auto"])


def test_away_message_outside_hours_once_per_window():
    ctx = shop(
        lambda i: [
            (day(10, 22, 0), "them", "Are you open on Sunday?"),
            (day(10, 22, 0, 5), "me", AWAY),
            (day(11, 7, 30), "them", "Hello?"),
            (day(11, 7, 30, 4), "me", AWAY),  # again within 24 h: not the app's away message
        ]
    )
    assert labels(ctx, AWAY) == ["away", ""] * 12
    assert {a["kind"] for a in ctx.automations} >= {"away"}


def test_human_quick_answers_inside_opening_hours_are_never_away_messages():
    ctx = shop(
        lambda i: [
            (day(11, 10 + i % 5, 0), "them", "Can I pick up my cake tomorrow?"),
            (day(11, 10 + i % 5, 0, 30), "me", QUICK),
        ]
    )
    assert set(labels(ctx, QUICK)) == {""}


def test_no_typed_answers_no_business_hours_no_away_messages():
    chats = [
        {
            "title": f"C{i}",
            "lines": [
                (day(1, 12, 0), "them", "Hi!"),
                (day(3, (3 * i) % 24, 0), "them", "Hi, what are your prices?"),
                (day(3, (3 * i) % 24, 0, 3), "me", AWAY),
            ],
        }
        for i in range(12)
    ]
    ctx = build_context(*_frames(chats))
    assert set(labels(ctx, AWAY)) == {""}


def test_greeting_once_per_conversation():
    def lines(i):
        out = [
            (day(20, 10, 0), "them", "Hello, do you bake wedding cakes?"),
            (day(20, 10, 0, 4), "me", GREET),
        ]
        if i < 2:  # the same conversation, 8 hours later: the app does not greet again
            out += [
                (day(20, 18, 0), "them", "And birthday cakes?"),
                (day(20, 18, 0, 4), "me", GREET),
            ]
        return out

    ctx = shop(lines)
    assert labels(ctx, GREET) == ["greeting", ""] * 2 + ["greeting"] * 10


def test_labels_never_remove_customer_messages_from_r06():
    """The away message is skipped as an answer, the customer's message still counts."""
    from wa_audit.audit.thresholds import effective
    from wa_audit.rules.r06_instant_replies_24_7 import R06InstantReplies247

    ctx = shop(
        lambda i: [
            (day(10, 22, 0), "them", "Are you open on Sunday?"),
            (day(10, 22, 0, 5), "me", AWAY),
            (day(11, 9, 40), "me", "Yes, from 10 to 14. See you then!"),
        ]
    )
    res = R06InstantReplies247().evaluate(ctx, effective()["R06"])
    events_with_away = res.figures["events"]
    plain = shop(lambda i: [])
    base = R06InstantReplies247().evaluate(plain, effective()["R06"]).figures["events"]
    assert events_with_away == base + 12
