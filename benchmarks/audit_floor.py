"""The audit floor: what reading a workspace and looking at every text once costs at least.

    .venv/bin/python benchmarks/audit_floor.py WORKSPACE.db

Reads the messages into pandas (the columns the audit needs, in chat and file order, one
`read_sql_query`) and scans each text once, lower-cased, with one compiled regex of 100
lexicon words. Prints one JSON line: read, scan and total seconds, and peak memory.
"""

from __future__ import annotations

import json
import re
import resource
import sqlite3
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def floor_words(n: int = 100) -> list[str]:
    """n plain words of the audit's lexicons, taken round-robin from its lists."""
    from wa_audit.rules import lexicons

    lists = [
        [
            t
            for t in (
                lexicons.terms(lex, tables=(name,))
                if lex == "prohibited"
                else lexicons.terms(lex, name)
            )
            if not t.startswith("re:")
        ]
        for lex, name in lexicons.SCANNED
    ]
    out: list[str] = []
    i = 0
    while len(out) < n and any(i < len(x) for x in lists):
        for x in lists:
            if i < len(x) and len(out) < n:
                w = x[i].rstrip("*")
                if w not in out:
                    out.append(w)
        i += 1
    return out


def floor(db_path: str) -> dict:
    t0 = time.perf_counter()
    conn = sqlite3.connect(db_path)
    df = pd.read_sql_query(
        "SELECT id, chat_id, ts, sender, kind, text FROM messages ORDER BY chat_id, ts, line", conn
    )
    conn.close()
    t1 = time.perf_counter()
    rx = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in floor_words()) + r")\b")
    search = rx.search
    hits = sum(1 for s in df["text"] if s and search(s.lower()))
    t2 = time.perf_counter()
    return {
        "messages": len(df),
        "hits": hits,
        "read_s": round(t1 - t0, 3),
        "scan_s": round(t2 - t1, 3),
        "total_s": round(t2 - t0, 3),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


if __name__ == "__main__":
    print(json.dumps(floor(sys.argv[1])))
