"""Derived concepts of HEURISTICS.md §1 on tiny hand-made frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.audit.frames import make_frames
from wa_audit.rules.derive.context import build_context
from wa_audit.rules.derive.text import normalise, title_tokens
from wa_audit.rules.derive.windows import rolling_max_distinct

PROMO = "Grote voorjaarsactie bij ons: 25% korting op alle boeketten dit weekend, bestel nu!"


def ctx_of(chats):
    f = make_frames(chats)
    return build_context(f.messages, f.chats, f.owner)


def row(ctx, text):
    return ctx.m[ctx.m["text"] == text].iloc[0]


def test_reply_versus_business_initiated():
    ctx = ctx_of(
        [
            {
                "title": "Anna",
                "lines": [
                    ("2026-03-01 10:00:00", "them", "Hebben jullie tulpen?"),
                    ("2026-03-01 10:30:00", "me", "Ja, nog genoeg op voorraad!"),  # reply
                    ("2026-03-03 11:00:00", "me", "Je bestelling ligt klaar."),  # > 24 h: BI
                ],
            },
        ]
    )
    assert row(ctx, "Ja, nog genoeg op voorraad!")["is_reply"]
    bi = row(ctx, "Je bestelling ligt klaar.")
    assert bi["is_bi"] and not bi["cold"]


def test_cold_and_answered():
    ctx = ctx_of(
        [
            {
                "title": "+31 6 12345678",
                "lines": [
                    ("2026-03-01 10:00:00", "me", PROMO),
                    ("2026-03-02 09:00:00", "them", "Wie is dit?"),
                ],
            },
            {"title": "+31 6 87654321", "lines": [("2026-03-01 10:01:00", "me", PROMO)]},
            {"title": "Late", "lines": [("2026-03-20 10:00:00", "them", "hoi")]},
        ]
    )
    first = ctx.m[(ctx.m["chat_id"] == 1) & ctx.m["is_bi"]].iloc[0]
    second = ctx.m[(ctx.m["chat_id"] == 2) & ctx.m["is_bi"]].iloc[0]
    assert first["cold"] and second["cold"]
    assert first["answered"] == 1.0 and second["answered"] == 0.0
    assert bool(ctx.chats.loc[1, "first_contact"])


def test_answer_rate_excludes_the_last_week():
    ctx = ctx_of(
        [
            {
                "title": "A",
                "lines": [
                    ("2026-03-01 10:00:00", "them", "hoi"),
                    ("2026-03-10 10:00:00", "me", PROMO),
                    ("2026-03-12 10:00:00", "them", "later"),
                ],
            }
        ]
    )
    assert np.isnan(row(ctx, PROMO)["answered"])


def test_normalise_masks_numbers_links_and_names():
    assert normalise("Hoi! 25% korting: www.shop.nl/actie 😀") == "hoi <num> korting <url>"
    assert normalise("Bel 06-12345678 of mail info@shop.nl") == "bel <phone> of mail <email>"
    assert title_tokens("Anna de Vries") == {"anna", "vries"}


def test_campaign_of_spun_texts_with_names_is_one_cluster():
    spun = [
        "Hallo {n}! Wij zijn De Tulp. Nu 25% korting op je eerste bestelling, alleen deze week.",
        "Hoi {n}! Wij zijn De Tulp. Nu 25% korting op je eerste bestelling, alleen deze week!",
        "Hey {n}, wij zijn De Tulp. Nu 25% korting op je eerste bestelling alleen deze week.",
    ]
    names = ["Anna Jansen", "Bram de Boer", "Chantal Smit", "Daan Kok", "Eva Bos", "Fleur Vos"]
    chats = [
        {
            "title": name,
            "lines": [(f"2026-03-01 10:{i:02d}:00", "me", spun[i % 3].format(n=name.split()[0]))],
        }
        for i, name in enumerate(names)
    ]
    chats.append(
        {
            "title": "Other",
            "lines": [
                ("2026-03-01 10:30:00", "me", "Je fiets is klaar, je kunt hem morgen ophalen.")
            ],
        }
    )
    ctx = ctx_of(chats)
    m = ctx.features("dup")
    bi = m[m["is_bi"]]
    assert bi.iloc[:6]["dup"].nunique() == 1
    assert bi.iloc[6]["dup"] != bi.iloc[0]["dup"]
    assert len(ctx.campaigns) == 1
    c = ctx.campaigns.iloc[0]
    assert c["recipients"] == 6 and c["cold_share"] == 1.0


def test_broadcast_list_counts_its_recipients():
    ctx = ctx_of(
        [
            {
                "title": "Nieuwsbrief",
                "broadcast": "yes",
                "recipients": 180,
                "lines": [
                    (
                        "2026-03-01 10:00:00",
                        "me",
                        "Nieuw deze maand: verse tulpen uit eigen kweek, kom langs!",
                    ),
                ],
            },
        ]
    )
    assert row(ctx, "Nieuw deze maand: verse tulpen uit eigen kweek, kom langs!")["weight"] == 180
    assert ctx.campaigns.iloc[0]["recipients"] == 180
    assert ctx.fanouts.iloc[0]["recipients"] == 180


def test_greeting_is_allowed_but_a_repeating_text_is_a_bot():
    greet = "Welkom bij De Tulp! We reageren zo snel mogelijk op je bericht."
    bot = "Sorry, dat begreep ik niet. Antwoord met 1, 2 of 3 om verder te gaan."
    chats = []
    for i in range(4):
        chats.append(
            {
                "title": f"G{i}",
                "lines": [
                    (f"2026-03-0{i + 1} 10:00:00", "them", "Hallo, vraagje"),
                    (f"2026-03-0{i + 1} 10:00:05", "me", greet),
                    (f"2026-03-0{i + 1} 10:20:00", "me", "Wat kan ik voor je doen?"),
                ],
            }
        )
        chats.append(
            {
                "title": f"B{i}",
                "lines": [
                    (f"2026-03-0{i + 1} 12:00:00", "them", "hoi"),
                    (f"2026-03-0{i + 1} 12:00:02", "me", bot),
                    (f"2026-03-0{i + 1} 12:01:00", "them", "wat?"),
                    (f"2026-03-0{i + 1} 12:01:02", "me", bot),
                ],
            }
        )
    ctx = ctx_of(chats)
    kinds = {a["kind"]: a for a in ctx.automations}
    assert kinds["greeting"]["allowed"] and kinds["greeting"]["chats"] == 4
    assert not kinds["bot"]["allowed"]
    assert set(ctx.m.loc[ctx.m["text"] == bot, "auto"]) == {"bot"}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 6)), min_size=1, max_size=60),
    st.sampled_from([60, 600, 3600]),
)
def test_rolling_max_distinct_matches_brute_force(events, window):
    t = np.array([e[0] for e in events], dtype=np.int64)
    key = np.array([e[1] for e in events])
    best, start = rolling_max_distinct(t, key, window, 1)
    brute = max(len(set(key[(t >= s) & (t < s + window)])) for s in range(-window, 5001))
    assert best == brute
    assert len(set(key[(t >= start) & (t < start + window)])) == best


def test_unsorted_input_is_sorted_by_chat_and_file_order():
    f = make_frames(
        [
            {"title": "A", "lines": [("2026-03-01 10:00:00", "them", "a")]},
            {"title": "B", "lines": [("2026-03-01 09:00:00", "them", "b")]},
        ]
    )
    shuffled = f.messages.iloc[::-1]
    ctx = build_context(shuffled, f.chats, f.owner)
    assert list(ctx.m["chat_id"]) == [1, 2]
    assert isinstance(ctx.m["ts"].iloc[0], pd.Timestamp)


def test_busy_day_of_spun_texts_clusters_through_lsh_blocks():
    import random
    import string

    rng = random.Random(1)

    def word():
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(7))

    greet = ["Hallo", "Hoi", "Hey", "Goedendag", "Beste"]
    adj = ["geweldige", "mooie", "super", "fantastische"]
    chats = []
    for i in range(900):  # > 400 distinct texts on one day: the min-hash path
        text = (
            f"{rng.choice(greet)} {word()}, wij hebben een {rng.choice(adj)} aanbieding voor "
            "jou deze week bij Bloemenwinkel De Tulp in Utrecht, kom snel langs of bestel online"
        )
        chats.append(
            {
                "title": f"Klant {i}",
                "lines": [
                    (f"2026-03-01 {8 + i // 300:02d}:{(i // 5) % 60:02d}:{i % 60:02d}", "me", text)
                ],
            }
        )
    for i in range(450):
        chats.append(
            {
                "title": f"X{i}",
                "lines": [
                    (f"2026-03-01 13:{i % 60:02d}:00", "me", " ".join(word() for _ in range(12)))
                ],
            }
        )
    ctx = ctx_of(chats)
    m = ctx.features("dup")
    bi = m[m["is_bi"]]
    assert bi.iloc[:900]["dup"].nunique() == 1
    assert bi.iloc[900:]["dup"].nunique() == 450
    assert int(ctx.campaigns["recipients"].max()) == 900
