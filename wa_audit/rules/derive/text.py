"""Text normalisation for near-duplicate detection (HEURISTICS.md §1)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6})/\S*")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"\+?\d[\d \-/()]{6,}\d")
_NUM = re.compile(r"\d+(?:[.,:/-]\d+)*")
_NONWORD = re.compile(r"[^\w<>]+")
_NAME_PARTICLES = {"van", "der", "den", "von", "und", "the", "and", "het", "zu", "del", "dos"}
_TITLE_TOKEN = re.compile(r"[^\W\d_]{3,}")


def normalise(text: str) -> str:
    """HEURISTICS §1 normalised text, without the per-chat name masking."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = _URL.sub(" <url> ", s)
    s = _EMAIL.sub(" <email> ", s)
    s = _PHONE.sub(" <phone> ", s)
    s = _NUM.sub(" <num> ", s)
    s = _NONWORD.sub(" ", s)
    return " ".join(s.split())


def title_tokens(title: str | None) -> frozenset[str]:
    if not title:
        return frozenset()
    toks = {t.lower() for t in _TITLE_TOKEN.findall(unicodedata.normalize("NFKC", title))}
    return frozenset(toks - _NAME_PARTICLES)


def normalise_bi(m: pd.DataFrame, chats: pd.DataFrame) -> None:
    """Normalised text for BI text messages (eligible: >= 20 chars and >= 4 words)."""
    n = len(m)
    norm = np.full(n, "", dtype=object)
    sel = m["is_bi"].to_numpy() & m["is_text"].to_numpy()
    idx = np.flatnonzero(sel)
    if len(idx):
        texts = m["text"].to_numpy()[idx]
        uniq, inv = np.unique(texts.astype(str), return_inverse=True)
        normed = np.array([normalise(s) for s in uniq], dtype=object)[inv]
        titles = chats["title"].reindex(m["chat_id"].to_numpy()[idx]).to_numpy()
        tok_cache: dict[Any, frozenset[str]] = {}
        out = []
        for s, title in zip(normed, titles, strict=True):
            names = tok_cache.get(title)
            if names is None:
                names = tok_cache[title] = title_tokens(title if isinstance(title, str) else "")
            toks = s.split()
            if names and not names.isdisjoint(toks):
                s = " ".join("<name>" if w in names else w for w in toks)
                toks = s.split()
            out.append(s if len(s) >= 20 and len(toks) >= 4 else "")
        norm[idx] = out
    m["norm"] = norm
