"""Spun pitches (synonyms swapped, sentences shuffled) are one campaign; unrelated texts are not."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np

from tests.rules.spintax import PITCHES, spin
from wa_audit.rules.derive.spintax import spun_pairs
from wa_audit.rules.derive.text import normalise

WORDS = [
    "bike",
    "repair",
    "wheel",
    "brake",
    "chain",
    "saddle",
    "order",
    "delivery",
    "invoice",
    "payment",
    "cake",
    "flowers",
    "wedding",
    "birthday",
    "tulips",
    "roses",
    "appointment",
    "tooth",
    "cleaning",
    "insurance",
    "garden",
    "kitchen",
    "window",
    "door",
    "paint",
    "roof",
    "heater",
    "boiler",
    "plumber",
    "tile",
    "floor",
    "carpet",
    "sofa",
    "table",
    "chair",
    "lamp",
    "battery",
    "charger",
    "phone",
    "screen",
    "laptop",
    "printer",
    "paper",
    "ticket",
    "concert",
    "museum",
    "train",
    "station",
]
FUNCTION = [
    "the",
    "a",
    "of",
    "to",
    "and",
    "is",
    "in",
    "for",
    "on",
    "your",
    "you",
    "we",
    "our",
    "with",
    "at",
    "it",
    "this",
]


def components(n, pairs):
    parent = list(range(n))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs.tolist():
        parent[find(a)] = find(b)
    return Counter(find(i) for i in range(n))


def run(texts, days=None):
    uniq = list(dict.fromkeys(normalise(t) for t in texts))
    ntok = np.array([len(u.split()) for u in uniq])
    day = np.zeros(len(uniq), dtype=np.int64) if days is None else np.asarray(days)
    return uniq, components(len(uniq), spun_pairs(uniq, ntok, day))


def test_400_spun_pitches_are_one_cluster():
    for lang in ("en", "nl"):
        rng = random.Random(7)
        uniq, comp = run([spin(PITCHES[lang], rng) for _ in range(400)])
        assert len(uniq) > 350  # really spun: hardly two copies alike
        assert comp.most_common(1)[0][1] == len(uniq)


def test_two_different_pitches_stay_apart():
    rng = random.Random(8)
    which = ["en" if i % 2 else "en_insurance" for i in range(400)]
    texts = [normalise(spin(PITCHES[w], rng)) for w in which]
    uniq = list(dict.fromkeys(texts))
    pitch = {t: w for t, w in zip(texts, which, strict=True)}
    ntok = np.array([len(u.split()) for u in uniq])
    pairs = spun_pairs(uniq, ntok, np.zeros(len(uniq), dtype=np.int64))
    # no pair joins the two pitches, and nearly every copy joins its own pitch's cluster
    assert all(pitch[uniq[a]] == pitch[uniq[b]] for a, b in pairs.tolist())
    sizes = sorted(components(len(uniq), pairs).values(), reverse=True)
    assert sizes[0] + sizes[1] >= 0.98 * len(uniq)


def test_unrelated_messages_with_common_words_stay_apart():
    rng = random.Random(9)
    texts = [
        " ".join(rng.choice(WORDS if k % 2 else FUNCTION) for k in range(rng.randint(10, 24)))
        for _ in range(400)
    ]
    _, comp = run(texts)
    assert comp.most_common(1)[0][1] <= 3


def test_copies_weeks_apart_are_not_joined_by_this_pass():
    rng = random.Random(10)
    texts = [spin(PITCHES["en"], rng) for _ in range(40)]
    uniq = list(dict.fromkeys(normalise(t) for t in texts))
    days = [0 if i < len(uniq) // 2 else 30 for i in range(len(uniq))]
    _, comp = run(uniq, days)
    assert len(comp) >= 2
