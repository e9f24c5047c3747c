"""One pass over a text for every lexicon at once (wa_audit/data/lexicons.toml).

All words and stems of the scanned lists, and one literal anchor per pattern, go into one
Aho-Corasick automaton (pyahocorasick, C): a single pass over the text finds every occurrence
of every key, overlapping ones included ("free" inside "sugar free"). Python then only looks at
the few occurrences: a word must stand alone (no letter or digit right before or after it), a
stem must start a word, and a pattern (`re:`) runs as a regular expression only on texts where
its anchor - the longest piece of plain text every match contains, such as "melde" in
"ich melde (?:sie|dich)" - occurs. The result per text is an integer of bit flags (one bit per
list) and the number of hits of one counted list, without overlaps (promotional words).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from re import _parser as sre_parse

import ahocorasick

_WORD = re.compile(r"\w")


def fold(s: str) -> str:
    """Accents removed ("désabonner" -> "desabonner")."""
    d = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def norm_key(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


def _is_spaces(op, av) -> bool:
    """`\\s+`: one or more white-space characters."""
    return (
        op is sre_parse.MAX_REPEAT
        and av[0] >= 1
        and list(av[2]) == [(sre_parse.IN, [(sre_parse.CATEGORY, sre_parse.CATEGORY_SPACE)])]
    )


def _anchors(items) -> list[str] | None:
    """Plain texts of which every match of the sequence `items` contains at least one: the
    best of its literal runs and of its alternations whose every branch has one."""
    cands: list[list[str]] = []
    run = ""
    for op, av in items:
        if op is sre_parse.LITERAL:
            run += chr(av)
            continue
        if run and _is_spaces(op, av):  # texts are scanned with one space between words
            run += " "
            continue
        if run:
            cands.append([run.strip()])
            run = ""
        sub = None
        if op is sre_parse.SUBPATTERN:
            sub = _anchors(av[3])
        elif op is sre_parse.BRANCH:
            alts = [_anchors(a) for a in av[1]]
            sub = [x for a in alts for x in a] if all(alts) else None
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and av[0] >= 1:
            sub = _anchors(av[2])
        if sub:
            cands.append(sub)
    if run:
        cands.append([run.strip()])
    if not cands:
        return None
    return max(cands, key=lambda c: (min(len(x) for x in c), -len(c)))


def anchors(pattern: str) -> list[str]:
    """Plain texts, one of which every match of `pattern` contains ("ich melde" for
    "ich\\s+melde\\s+(?:sie|dich)", the text having one space between words): the pattern
    runs only on texts that have one."""
    found = _anchors(sre_parse.parse(pattern))
    if not found or not all(a.strip() for a in found):
        raise ValueError(f"a lexicon pattern needs a plain word in it: {pattern!r}")
    return found


LIT, STEM, PAT = 0, 1, 2


class Scanner:
    """Compiled lists: `entries` maps a bit number to that list's entries (lexicons.toml
    syntax). `count_bit` is the list whose hits are counted (promotional words)."""

    def __init__(self, entries: dict[int, list[str]], count_bit: int | None = None):
        self.count_mask = 1 << count_bit if count_bit is not None else 0
        keys: dict[tuple[int, str], int] = {}
        pats: dict[str, int] = {}
        for bit, terms in entries.items():
            for term in terms:
                if term.startswith("re:"):
                    pats[term[3:]] = pats.get(term[3:], 0) | (1 << bit)
                    continue
                kind = STEM if term.endswith("*") else LIT
                key = norm_key(term.rstrip("*"))
                for k in {key, fold(key)}:
                    keys[kind, k] = keys.get((kind, k), 0) | (1 << bit)
        self.patterns: list[tuple[re.Pattern[str], int]] = []
        by_key: dict[str, list[tuple[int, int, int]]] = {}  # key -> [(kind, bits, pattern)]
        for (kind, k), bits in keys.items():
            by_key.setdefault(k, []).append((kind, bits, -1))
        for pat, bits in pats.items():
            rx = re.compile(pat)
            if rx.groups:
                raise ValueError(f"use (?:...) in lexicon patterns, not (...): {pat!r}")
            for a in anchors(pat):
                by_key.setdefault(a, []).append((PAT, bits, len(self.patterns)))
            self.patterns.append((rx, bits))
        self.auto = ahocorasick.Automaton()
        for k, what in by_key.items():
            self.auto.add_word(k, (len(k), tuple(what)))
        if by_key:
            self.auto.make_automaton()
        self.empty = not by_key

    def hits(self, texts: list[str]):
        """Yield (text index, start, end, bits, own) for every entry found in the lower-cased
        texts; `own` is set for words and stems (their lists), 0 for patterns. All texts are
        searched in one pass of the automaton (joined by a separator that is no word)."""
        if self.empty or not texts:
            return
        big = "\x00".join(texts)
        starts = [0] * len(texts)
        pos = 0
        for i, t in enumerate(texts):
            starts[i] = pos
            pos += len(t) + 1
        n = len(big)
        done: set[tuple[int, int]] = set()
        for last, (size, what) in self.auto.iter(big):
            s = last - size + 1
            e = last + 1
            i = bisect_right(starts, s) - 1
            off = starts[i]
            before = s > off and (big[s - 1].isalnum() or big[s - 1] == "_")
            after = e < n and (big[e].isalnum() or big[e] == "_")
            for kind, bits, pat in what:
                if kind == LIT:
                    if not before and not after:
                        yield i, s - off, e - off, bits, bits
                elif kind == STEM:
                    if not before:
                        # a stem takes the rest of its word
                        end = e
                        while end < n and (big[end].isalnum() or big[end] == "_"):
                            end += 1
                        yield i, s - off, end - off, bits, bits
                elif (i, pat) not in done:
                    done.add((i, pat))
                    rx, pbits = self.patterns[pat]
                    m = rx.search(texts[i])
                    if m:
                        yield i, m.start(), m.end(), pbits, 0

    def scan(self, low: str) -> tuple[int, int]:
        """(bit flags, count of the counted list without overlaps) of one text."""
        flags = 0
        spans = []
        cm = self.count_mask
        for _i, s, e, bits, _ in self.hits([low]):
            flags |= bits
            if bits & cm:
                spans.append((s, -e))
        return flags, count_spans(spans)


def count_spans(spans: list[tuple[int, int]]) -> int:
    """Hits without overlaps, leftmost-longest first (what re.findall would count);
    `spans` holds (start, -end)."""
    if len(spans) < 2:
        return len(spans)
    count, reach = 0, -1
    for s, neg_e in sorted(spans):
        if s >= reach:
            count += 1
            reach = -neg_e
    return count
