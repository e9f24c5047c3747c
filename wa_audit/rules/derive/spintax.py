"""Spun texts as one campaign: MinHash over the word sets, banded (LSH), a lower threshold.

Bulk tools "spin" a pitch: each copy picks synonyms from lists (`{Hi|Hello|Hey}`) and shuffles
the sentences, so no two copies are near-identical by an edit-distance measure. Their word
sets still overlap far more than unrelated texts do (a shared skeleton and a third of the
options): two copies of a pitch share about 0.4 of their words (Jaccard), two unrelated
messages of one shop about 0.1. Each text gets a 60-value MinHash signature (vectorised over
all tokens at once); 20 bands of 3 values bring copies into common buckets; inside a bucket
each member is compared with the bucket's first member by estimated Jaccard, and only texts
written within a week of each other and of comparable length are joined. The cost grows
with the number of distinct texts times the bands, never with pairs.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

HASHES = 60
ROWS = 3  # values per band: 20 bands
MIN_TOKENS = 8  # a spun pitch is long; short texts stay with the exact/fuzzy passes
JACCARD = 0.4
MAX_DAYS_APART = 7
LENGTH_RATIO = 0.6
_PRIME = np.uint64((1 << 31) - 1)


def signatures(texts: list[str]) -> np.ndarray:
    """MinHash signatures (len(texts) x HASHES, uint64) of the texts' word sets."""
    n = len(texts)
    words = pd.Series(texts, dtype=object).str.split().explode()
    owner = words.index.to_numpy(dtype=np.int64)
    codes, vocab = pd.factorize(words.to_numpy(dtype=object))
    vocab_h = np.array([zlib.crc32(str(w).encode()) for w in vocab], dtype=np.uint64)
    pairs = np.unique(owner * (len(vocab) + 1) + codes)  # (text, word) once, sorted by text
    owner = pairs // (len(vocab) + 1)
    x = vocab_h[pairs % (len(vocab) + 1)]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    rng = np.random.default_rng(20260704)  # fixed: runs are reproducible
    a = rng.integers(1, int(_PRIME), HASHES, dtype=np.uint64)
    b = rng.integers(0, int(_PRIME), HASHES, dtype=np.uint64)
    sig = np.full((n, HASHES), np.iinfo(np.uint64).max, dtype=np.uint64)
    present = owner[starts]
    for k in range(HASHES):
        h = (a[k] * x + b[k]) % _PRIME
        sig[present, k] = np.minimum.reduceat(h, starts)
    return sig


def spun_pairs(texts: list[str], ntok: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Pairs (i, j) of texts that are copies of one spun pitch. `day`: each text's first day."""
    idx = np.flatnonzero(ntok >= MIN_TOKENS)
    if len(idx) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    sig = signatures([texts[i] for i in idx])
    out = []
    mult = np.array([1_000_003**p for p in range(ROWS)], dtype=np.uint64)
    for band in range(HASHES // ROWS):
        key = (sig[:, band * ROWS : (band + 1) * ROWS] * mult).sum(axis=1)
        order = np.argsort(key, kind="stable")
        k = key[order]
        first = np.r_[True, k[1:] != k[:-1]]
        leader = order[np.maximum.accumulate(np.where(first, np.arange(len(k)), 0))]
        member = order
        cand = ~first
        if not cand.any():
            continue
        li, mi = leader[cand], member[cand]
        est = (sig[li] == sig[mi]).mean(axis=1)
        ta, tb = ntok[idx[li]], ntok[idx[mi]]
        ok = (
            (est >= JACCARD)
            & (np.minimum(ta, tb) / np.maximum(ta, tb) >= LENGTH_RATIO)
            & (np.abs(day[idx[li]] - day[idx[mi]]) <= MAX_DAYS_APART)
        )
        if ok.any():
            out.append(np.stack([idx[li[ok]], idx[mi[ok]]], axis=1))
    return np.unique(np.concatenate(out), axis=0) if out else np.zeros((0, 2), dtype=np.int64)
