"""One pass over a text for every lexicon at once (wa_audit/data/lexicons.toml).

The entries of all scanned lists are compiled into ONE regular expression: plain words and
stems as a character trie, patterns (`re:`) grouped under the same first character, so the
regex engine rejects most positions after one look at the previous character and one at the
current one. A match is mapped back to the lists it belongs to by a dictionary (words, stems)
or by the name of an empty marker group at the end of each pattern. Every start position is
examined (matches may overlap: "free" inside "sugar free"); entries that start at the same
position as a longer one are added from precomputed tables (words, stems) or by matching the
other patterns there. The result per text is an integer of bit flags (one bit per list) and
the number of promotional words (counted without overlaps, as a plain regex would).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

_WORD = re.compile(r"\w")
_LEAD = re.compile(r"^(?:\(\?<!\\w\))?")
_SPECIAL = set(".^$*+?{}[]\\|()")


def fold(s: str) -> str:
    """Accents removed ("désabonner" -> "desabonner")."""
    d = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def norm_key(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


def _structure(s: str):
    """(index, character, depth before it) of the characters that give a pattern its
    structure: parentheses and "|" outside escapes and character classes."""
    depth, k = 0, 0
    while k < len(s):
        c = s[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            k = s.index("]", k + 2 if s[k + 1 : k + 2] == "]" else k + 1) + 1
            continue
        if c in "()|":
            yield k, c, depth
            depth += {"(": 1, ")": -1, "|": 0}[c]
        k += 1


def _group_end(s: str, i: int) -> int:
    """Index just after the group opened at s[i] == "("."""
    for k, c, depth in _structure(s[i:]):
        if c == ")" and depth == 1:
            return i + k + 1
    raise ValueError(f"unbalanced pattern: {s!r}")


def _split_top(s: str) -> list[str]:
    """Alternatives of s separated by "|" outside groups and classes."""
    cuts = [k for k, c, depth in _structure(s) if c == "|" and depth == 0]
    bounds = [-1, *cuts, len(s)]
    return [s[a + 1 : b] for a, b in pairwise(bounds)]


def expand(body: str) -> list[tuple[str, str]]:
    """A pattern as (first character, rest) alternatives: a leading "(?:a|b)" or "(?:x)?" is
    multiplied out, so that every alternative starts with one plain character (the regex
    engine then rejects most positions after one comparison)."""
    if body.startswith("(?:"):
        end = _group_end(body, 0)
        inner, after = body[3 : end - 1], body[end:]
        optional = after.startswith("?") and not after.startswith("??")
        if optional:
            after = after[1:]
        if after[:1] in ("*", "+", "{", "?"):
            raise ValueError(f"a lexicon pattern must start with a plain character: {body!r}")
        alts = [a + after for a in _split_top(inner)] + ([after] if optional else [])
        return [x for a in alts for x in expand(a)]
    escaped = body[:1] == "\\" and len(body) > 1 and not body[1].isalnum()
    first, rest = (body[1], body[2:]) if escaped else (body[:1], body[1:])
    if not first or (first in _SPECIAL and not escaped) or rest[:1] in ("*", "+", "?", "{"):
        raise ValueError(f"a lexicon pattern must start with a plain character: {body!r}")
    return [(first, rest)]


def _esc(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


@dataclass
class _Node:
    kids: dict[str, _Node] = field(default_factory=dict)
    lit: bool = False
    stem: bool = False


def _emit(node: _Node) -> str:
    alts = [_esc(ch) + _emit(kid) for ch, kid in sorted(node.kids.items())]
    if node.stem:
        alts.append(r"\w*")
    elif node.lit:
        alts.append(r"(?!\w)")
    if not alts:
        return ""
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


class Scanner:
    """Compiled lists: `entries` maps a bit number to that list's entries (lexicons.toml
    syntax). `count_bit` is the list whose hits are counted (promotional words)."""

    def __init__(self, entries: dict[int, list[str]], count_bit: int | None = None):
        self.count_mask = 1 << count_bit if count_bit is not None else 0
        self.lit: dict[str, int] = {}
        self.stems: dict[str, int] = {}
        pats: dict[str, int] = {}
        for bit, terms in entries.items():
            for term in terms:
                if term.startswith("re:"):
                    pats[term[3:]] = pats.get(term[3:], 0) | (1 << bit)
                    continue
                stem = term.endswith("*")
                key = norm_key(term.rstrip("*"))
                for k in {key, fold(key)}:
                    table = self.stems if stem else self.lit
                    table[k] = table.get(k, 0) | (1 << bit)
        self.own_lit = dict(self.lit)
        self._stem_lens = sorted({len(k) for k in self.stems})
        # a longer word carries the lists of the words and stems it starts with
        for key in list(self.lit):
            extra = self._stem_bits(key)
            for i, ch in enumerate(key):
                if i and not _WORD.match(ch) and key[:i] in self.own_lit:
                    extra |= self.own_lit[key[:i]]
            self.lit[key] |= extra
        self.pat_bits: dict[str, int] = {}
        # patterns by their first character: checked again wherever any entry starts
        self.pat_at: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        root = _Node()
        by_first: dict[str, list[str]] = {}
        free: list[str] = []  # patterns with no word boundary before them
        for i, (pat, bits) in enumerate(pats.items()):
            if re.compile(pat).groups:
                raise ValueError(f"use (?:...) in lexicon patterns, not (...): {pat!r}")
            bounded = pat.startswith(r"(?<!\w)")
            for j, (first, rest) in enumerate(expand(_LEAD.sub("", pat))):
                name = f"p{i}_{j}"
                self.pat_bits[name] = bits
                whole = (r"(?<!\w)" if bounded else "") + re.escape(first) + rest
                self.pat_at.setdefault(first, []).append((name, re.compile(whole)))
                alt = f"(?:{rest})(?P<{name}>)"
                if bounded and _WORD.match(first):
                    by_first.setdefault(first, []).append(alt)
                else:
                    lead = r"(?<!\w.)" if bounded else ""
                    free.append(re.escape(first) + lead + alt)
        for key in {**self.lit, **self.stems}:
            node = root
            for ch in key:
                node = node.kids.setdefault(ch, _Node())
            if key in self.stems:
                node.stem = True
            else:
                node.lit = True
        word_alts = []
        for ch, kid in sorted(root.kids.items()):
            sub = by_first.pop(ch, []) + ([_emit(kid)] if (kid.kids or kid.lit or kid.stem) else [])
            body = sub[0] if len(sub) == 1 else "(?:" + "|".join(sub) + ")"
            if _WORD.match(ch):
                word_alts.append(re.escape(ch) + body)
            else:  # "% off": the boundary is checked after the first character
                free.append(re.escape(ch) + r"(?<!\w.)" + body)
        for ch, alts in sorted(by_first.items()):
            word_alts.append(re.escape(ch) + "(?:" + "|".join(alts) + ")")
        parts = []
        if word_alts:
            parts.append(r"(?<!\w)(?:" + "|".join(word_alts) + ")")
        parts += free
        self.rx = re.compile("|".join(parts) or r"(?!)")
        self.lit_rx = re.compile(
            r"(?<!\w)" + _emit(root) if (root.kids or root.lit or root.stem) else r"(?!)"
        )

    def _stem_bits(self, s: str) -> int:
        bits = 0
        for n in self._stem_lens:
            if n > len(s):
                break
            bits |= self.stems.get(s[:n], 0)
        return bits

    def hits(self, low: str):
        """Yield (start, end, bits, own) for every entry found in the lower-cased text; `own`
        are the lists of the matched word itself (not of the shorter words inside it)."""
        search = self.rx.search
        pat_at = self.pat_at
        pos = 0
        while True:
            m = search(low, pos)
            if m is None:
                return
            s, e = m.span()
            g = m.lastgroup
            if g is None:
                word = " ".join(m.group().split())
                own = self.own_lit.get(word, 0) | self._stem_bits(word)
                yield s, e, self.lit.get(word, 0) | own, own
            else:
                lm = self.lit_rx.match(low, s)  # a word starting at the same place
                if lm:
                    word = " ".join(lm.group().split())
                    own = self.own_lit.get(word, 0) | self._stem_bits(word)
                    yield s, lm.end(), self.lit.get(word, 0) | own, own
                yield s, e, self.pat_bits[g], 0
            for name, rx in pat_at.get(low[s], ()):  # other patterns starting here
                if name != g and rx.match(low, s):
                    yield s, e, self.pat_bits[name], 0
            pos = s + 1

    def scan(self, low: str) -> tuple[int, int]:
        """(bit flags, count of the counted list without overlaps)."""
        flags = 0
        count = 0
        count_end = -1
        cm = self.count_mask
        for s, e, bits, _ in self.hits(low):
            flags |= bits
            if bits & cm and s >= count_end:
                count += 1
                count_end = e
        return flags, count
