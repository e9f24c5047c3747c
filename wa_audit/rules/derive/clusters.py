"""Near-duplicate clusters of business-initiated messages (HEURISTICS.md §1).

Exact normalised text first, then fuzzy merges inside blocks (a calendar day); a busy day is
split into min-hash (LSH) candidate groups so the fine comparison only runs on small groups.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from wa_audit.rules.derive import spintax
from wa_audit.rules.derive.windows import DAY


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.p = np.arange(n)

    def find(self, a: int) -> int:
        p = self.p
        root = a
        while p[root] != root:
            root = p[root]
        while p[a] != root:
            p[a], a = root, p[a]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


LSH_BANDS = 6  # 6 bands of 2 min-hashes: texts with token overlap ~0.8 meet with p > 0.99
LSH_MAX_GROUP = 400


def _lsh_groups(block: np.ndarray, uniques) -> list[np.ndarray]:
    """Candidate groups inside a busy day: min-hash banding on the token sets (crc32, so runs
    are reproducible), each group small enough for an exact fuzzy comparison."""
    import zlib

    buckets: dict[tuple, list[int]] = {}
    for c in block.tolist():
        toks = set(uniques[c].split())
        hs = [min(zlib.crc32(f"{i}:{t}".encode()) for t in toks) for i in range(2 * LSH_BANDS)]
        for b in range(LSH_BANDS):
            buckets.setdefault((b, hs[2 * b], hs[2 * b + 1]), []).append(c)
    out = []
    for members in buckets.values():
        if len(members) < 2:
            continue
        arr = np.array(members, dtype=np.int64)
        for i in range(0, len(arr), LSH_MAX_GROUP):  # a huge bucket: compare in slices
            if len(arr[i : i + LSH_MAX_GROUP]) > 1:
                out.append(arr[i : i + LSH_MAX_GROUP])
    return out


def _leader_cluster(group, uniques, ntok, uf, threshold, process, fuzz) -> None:
    """Leader clustering: each text joins the most similar earlier leader (token-set ratio
    >= threshold and comparable length) or becomes a leader itself. Comparisons grow with the
    number of distinct templates, not with the number of copies."""
    leaders_txt: list[str] = []
    leaders_code: list[int] = []
    for c in group.tolist():
        txt = uniques[c]
        if leaders_txt:
            hits = process.extract(
                txt,
                leaders_txt,
                scorer=fuzz.token_set_ratio,
                score_cutoff=threshold,
                limit=None,
            )
            joined = False
            for _, _, i in hits:
                lc = leaders_code[i]
                # token-set ratio scores a short text inside a long one as 100: require
                # comparable length, so "ok see you tomorrow" never joins a long promotion
                if min(ntok[c], ntok[lc]) / max(ntok[c], ntok[lc]) >= 0.6:
                    uf.union(c, lc)  # every matching leader: a text can bridge two clusters
                    joined = True
            if joined:
                continue
        leaders_txt.append(txt)
        leaders_code.append(c)


def cluster(m: pd.DataFrame, threshold: float) -> None:
    """Near-duplicate clusters: exact normalised text, then fuzzy merges inside blocks, then
    spun copies (`spintax`).

    Blocks = calendar day; a busy day (> 400 distinct texts) is split into min-hash (LSH)
    candidate groups, so the fine comparison (rapidfuzz token-set ratio) only runs on small
    groups; never all pairs of the whole history.
    """
    from rapidfuzz import fuzz, process

    dup = np.full(len(m), -1, dtype=np.int64)
    norm = m["norm"].to_numpy()
    sel = np.flatnonzero(norm != "")
    if len(sel):
        codes, uniques = pd.factorize(pd.Series(norm[sel]))
        uf = _UnionFind(len(uniques))
        ntok = np.array([u.count(" ") + 1 for u in uniques])
        day = m["t"].to_numpy()[sel] // DAY
        # unique (day, text) pairs; a day with few texts is one block, a busy day is split
        # into token-count bands (each compared with itself and the next band)
        key = np.unique(day.astype(np.int64) * (1 << 32) + codes)
        pday = key >> 32
        pcode = (key & ((1 << 32) - 1)).astype(np.int64)
        bounds = np.flatnonzero(np.diff(pday)) + 1
        for block in np.split(pcode, bounds):
            if len(block) < 2:
                continue
            groups = [block] if len(block) <= LSH_MAX_GROUP else _lsh_groups(block, uniques)
            for group in groups:
                _leader_cluster(group, uniques, ntok, uf, threshold, process, fuzz)
        # spun copies of one pitch (synonyms swapped, sentences shuffled): MinHash pass
        first_day = pd.Series(day).groupby(codes).min().reindex(range(len(uniques))).to_numpy()
        for a, b in spintax.spun_pairs(list(uniques), ntok, first_day).tolist():
            uf.union(a, b)
        roots = np.array([uf.find(i) for i in range(len(uniques))])
        dup[sel] = roots[codes]
    # media-only BI messages: identical placeholder in the same minute
    media = np.flatnonzero(m["is_bi"].to_numpy() & m["is_media"].to_numpy())
    if len(media):
        att = m["attachment"].to_numpy()[media]
        att = np.array([_media_type(a) for a in att], dtype=object)
        minute = m["t"].to_numpy()[media] // 60
        key = pd.Series(att).astype(str) + ":" + pd.Series(minute).astype(str)
        mcodes, _ = pd.factorize(key)
        base = (dup.max() + 1) if (dup >= 0).any() else 0
        dup[media] = base + 1_000_000 + mcodes
    m["dup"] = dup


def _media_type(name: Any) -> str:
    if not isinstance(name, str) or not name:
        return "media"
    s = name.lower()
    for key, kind in (
        ("img", "image"),
        ("photo", "image"),
        (".jpg", "image"),
        ("vid", "video"),
        (".mp4", "video"),
        ("ptt", "audio"),
        ("aud", "audio"),
        (".opus", "audio"),
        ("stk", "sticker"),
        (".pdf", "document"),
    ):
        if key in s:
            return kind
    return "media"
