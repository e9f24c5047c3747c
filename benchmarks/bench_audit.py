"""Benchmark: the audit of a 10,000-chat, ~1M-message workspace against its floor.

    .venv/bin/python benchmarks/bench_audit.py [--messages 1000000] [--chats 10000]
        [--text realistic|templates] [--db FILE] [--runs 1] [--frames]

Builds a workspace (cached next to --db; default in the temp folder) with a realistic mix:
customer-started conversations with human replies, greeting/away messages, monthly newsletters
to warm customers, personalised reminders, one cold campaign, groups with add/leave events and
exported broadcast lists; 30 % of chats have seconds. With `--text realistic` (default) the
customer messages and replies are as diverse as real ones (>= 90 % distinct, typos, emoji, mixed
nl/de/en; benchmarks/gen_exports.py), with `templates` they repeat from a small pool.

Then, each in a fresh process, in one run:
- the floor (benchmarks/audit_floor.py): read the messages into pandas, scan every text once
  with one compiled regex of 100 lexicon words;
- ours: `run_audit` as `wa-audit audit` runs it (load the frames, audit, store the run), with
  the load timed separately, then the re-audits the app does after a change of sensitivity,
  of a threshold and of an "explained" mark (same process: nothing about the texts changed).
Prints ours, the floor and the ratio, peak memory, and where the time goes.
Goals (issue 13): audit <= 1.5x the floor, <= 1 GB, re-audit <= 1 s.
`--frames` runs the old in-memory variant (frames built in memory, no database).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

OWNER = "Bloemenwinkel De Tulp"
T0 = int(pd.Timestamp("2025-01-06 09:00").value // 10**9)
DAYS = 700

PRODUCTS = [
    "rozen",
    "tulpen",
    "pioenrozen",
    "een boeket",
    "een rouwstuk",
    "orchideeën",
    "een plantenpakket",
    "zonnebloemen",
    "lelies",
    "een bruidsboeket",
]
COLORS = ["wit", "rood", "roze", "geel", "paars", "oranje", "pastel", "groen"]
ASK = [
    "Hoi, hebben jullie nog {p} in {c}?",
    "Kan ik {p} bestellen voor {d} mei?",
    "Wat kost {p} in {c} ongeveer?",
    "Bezorgen jullie {p} ook op {d} juni?",
    "Is mijn bestelling {n} al onderweg?",
    "Hallo, ik wil graag {p} ophalen om {d} uur.",
]
REPLY = [
    "Hoi! Ja, we hebben {p} in {c} op voorraad, zal ik ze apart leggen?",
    "Dat kan zeker, {p} kost rond de {n} euro.",
    "Bestelling {n} is vandaag onderweg.",
    "Prima, we zetten {p} om {d} uur voor je klaar.",
    "Graag gedaan, tot {d} uur!",
]
SHORT = ["Ok", "Dank je!", "Top", "Super, bedankt", "Prima", "👍", "Tot dan!"]
NEWS = [
    "Nieuw bij De Tulp deze maand: {p} in {c}. Kom gerust langs in de winkel!",
    "Goed nieuws: we bezorgen nu ook op zondag {p} en meer in de regio.",
]
PROMO = "Actie! {n}% korting op {p}, alleen dit weekend. Bestel nu via www.detulp.nl/actie"


def _texts(rng, templates, n):
    tpl = rng.integers(0, len(templates), n)
    p = rng.integers(0, len(PRODUCTS), n)
    c = rng.integers(0, len(COLORS), n)
    d = rng.integers(1, 29, n)
    num = rng.integers(10, 9999, n)
    # format a pool of unique combinations, then sample from it (realistic repetition)
    pool_n = min(n, 20000)
    pool = [
        templates[tpl[i]].format(p=PRODUCTS[p[i]], c=COLORS[c[i]], d=d[i], n=num[i])
        for i in range(pool_n)
    ]
    return np.array(pool, dtype=object)[rng.integers(0, pool_n, n)]


def _realistic(rng, langs, customer: bool):
    """Realistic texts (benchmarks/gen_exports.py), one per language code in `langs`."""
    from gen_exports import realistic_reply, realistic_text

    rnd = random.Random(int(rng.integers(0, 2**31)))
    make = realistic_text if customer else realistic_reply
    return np.array([make(rnd, lang) for lang in langs], dtype=object)


def build_frames(n_messages: int, n_chats: int, seed: int = 7, realistic: bool = True):
    rng = np.random.default_rng(seed)
    n_groups = max(5, n_chats // 200)
    n_bcast = 5
    n_cold = max(20, n_chats // 25)
    n_cust = n_chats - n_groups - n_bcast - n_cold
    rows = []  # list of dict-of-arrays chunks

    def chunk(chat, ts, direction, text, kind="text", event="", actor=False, sender=None):
        n = len(chat)
        rows.append(
            {
                "chat_id": np.asarray(chat, dtype=np.int64),
                "t": np.asarray(ts, dtype=np.int64),
                "direction": np.full(n, direction, dtype=object)
                if isinstance(direction, str)
                else np.asarray(direction, dtype=object),
                "text": np.asarray(text, dtype=object),
                "kind": np.full(n, kind, dtype=object),
                "event": np.full(n, event, dtype=object),
                "actor_is_owner": np.full(n, actor, dtype=bool),
            }
        )

    # --- customer conversations: in, out, in, out ... (human gaps) ---
    budget = int(n_messages * 0.9395)
    conv_len = rng.integers(3, 9, budget // 5)
    conv_len = conv_len[: np.searchsorted(np.cumsum(conv_len), budget) + 1]
    n_conv = len(conv_len)
    conv_chat = rng.integers(1, n_cust + 1, n_conv)
    start = T0 + rng.integers(0, DAYS * 86400, n_conv)
    hour = rng.choice(np.arange(8, 23), n_conv)
    start = start - start % 86400 + hour * 3600 + rng.integers(0, 3600, n_conv)
    total = int(conv_len.sum())
    conv_idx = np.repeat(np.arange(n_conv), conv_len)
    pos = np.arange(total) - np.repeat(np.cumsum(conv_len) - conv_len, conv_len)
    gaps = rng.exponential(420, total).astype(np.int64) + 20
    gaps[pos == 0] = 0
    offs = pd.Series(gaps).groupby(conv_idx).cumsum().to_numpy()
    ts = start[conv_idx] + offs
    first_out = rng.random(n_conv) < 0.08  # some conversations the shop starts
    direction = np.where(((pos % 2) == 0) ^ first_out[conv_idx], "in", "out")
    is_in = direction == "in"
    text = np.empty(total, dtype=object)
    if realistic:
        chat_lang = np.array(["nl", "nl", "de", "de", "en"])[rng.integers(0, 5, n_chats + 1)]
        lang = chat_lang[conv_chat[conv_idx]]
        text[is_in] = _realistic(rng, lang[is_in], customer=True)
        text[~is_in] = _realistic(rng, lang[~is_in], customer=False)
    else:
        text[is_in] = _texts(rng, ASK, int(is_in.sum()))
        short = rng.random(total) < 0.3
        text[is_in & short] = np.array(SHORT, dtype=object)[
            rng.integers(0, len(SHORT), int((is_in & short).sum()))
        ]
        text[~is_in] = _texts(rng, REPLY, int((~is_in).sum()))
    chunk(conv_chat[conv_idx], ts, direction, text)
    # greeting messages on some first contacts (instant, same text)
    g = rng.choice(n_conv, n_conv // 10, replace=False)
    chunk(
        conv_chat[g],
        start[g] + 5,
        "out",
        np.full(
            len(g), "Welkom bij De Tulp! Bedankt voor je bericht, we reageren snel.", dtype=object
        ),
    )
    # --- monthly newsletters / promotions to warm customers ---
    warm = np.arange(1, n_cust + 1)
    for k in range(DAYS // 30):
        rec = rng.choice(warm, min(len(warm), 250), replace=False)
        t = T0 + (k * 30 + 10) * 86400 + 3600 * 2 + rng.integers(0, 50, len(rec))
        txt = NEWS[k % 2] if k % 3 else PROMO
        chunk(
            rec,
            t,
            "out",
            np.full(len(rec), txt.format(p=PRODUCTS[k % 10], c=COLORS[k % 8], n=20), dtype=object),
        )
    # --- personalised reminders (utility) ---
    nrem = int(n_messages * 0.03)
    rc = rng.integers(1, n_cust + 1, nrem)
    rt = T0 + rng.integers(0, DAYS * 86400, nrem)
    rt = rt - rt % 86400 + 10 * 3600 + rng.integers(0, 7200, nrem)
    chunk(
        rc,
        rt,
        "out",
        np.array(
            [
                f"Hoi, een herinnering: je afspraak is op {d} om {h}:00."
                for d, h in zip(rng.integers(1, 29, nrem), rng.integers(9, 17, nrem), strict=True)
            ],
            dtype=object,
        ),
    )
    # --- a cold campaign: first contacts, mostly unanswered ---
    cold = np.arange(n_cust + 1, n_cust + n_cold + 1)
    ct = T0 + 400 * 86400 + 36000 + np.arange(len(cold)) * 7
    chunk(
        cold,
        ct,
        "out",
        np.full(
            len(cold),
            "Hallo! Wij zijn De Tulp, nu 25% korting op je eerste boeket via www.detulp.nl",
            dtype=object,
        ),
    )
    ans = cold[::6]
    chunk(ans, ct[::6] + 3600, "in", np.full(len(ans), "Wie is dit?", dtype=object))
    # --- groups with add / leave events ---
    gid = np.arange(n_cust + n_cold + 1, n_cust + n_cold + n_groups + 1)
    for j, chat in enumerate(gid):
        t = T0 + rng.integers(0, DAYS) * 86400
        chunk([chat], [t], "sys", ['You created group "Klanten"'], "system", "group_created", True)
        names = [f"Klant {j}-{i}" for i in range(30)]
        chunk(
            [chat] * 3,
            [t + 60, t + 120, t + 180],
            "sys",
            [f"You added {', '.join(names[i * 10 : (i + 1) * 10])}" for i in range(3)],
            "system",
            "added",
            True,
        )
        chunk(
            [chat] * 3,
            t + 86400 * np.array([1, 2, 3]),
            "sys",
            [f"{names[i]} left" for i in range(3)],
            "system",
            "left",
            False,
        )
        n_msg = 150
        mt = t + 3600 + np.cumsum(rng.exponential(3000, n_msg).astype(np.int64))
        chunk(
            np.full(n_msg, chat),
            mt,
            np.where(rng.random(n_msg) < 0.3, "out", "in"),
            _texts(rng, REPLY, n_msg),
        )
    # --- exported broadcast lists ---
    bid = np.arange(n_cust + n_cold + n_groups + 1, n_chats + 1)
    for k, chat in enumerate(bid):
        t = T0 + (np.arange(24) * 28 + k) * 86400 + 11 * 3600
        chunk(
            np.full(24, chat),
            t,
            "out",
            np.full(24, NEWS[0].format(p="tulpen", c="geel"), dtype=object),
        )

    data = {k: np.concatenate([r[k] for r in rows]) for k in rows[0]}
    m = pd.DataFrame(data)
    m = m.sort_values(["chat_id", "t"], kind="stable").reset_index(drop=True)
    m["msg_id"] = np.arange(1, len(m) + 1)
    m["seq"] = m.groupby("chat_id").cumcount()
    m["ts"] = pd.to_datetime(m["t"], unit="s")
    m["sender"] = np.where(
        m["direction"] == "out",
        OWNER,
        np.where(m["direction"] == "in", "Klant " + m["chat_id"].astype(str), None),
    )
    m["edited"] = False
    m["attachment"] = None
    m = m.drop(columns=["t"])
    chat_ids = np.arange(1, n_chats + 1)
    is_group = np.isin(chat_ids, gid)
    bcast = np.where(np.isin(chat_ids, bid), "yes", "")
    chats = pd.DataFrame(
        {
            "chat_id": chat_ids,
            "title": np.where(
                np.isin(chat_ids, cold),
                "+31 6 " + pd.Series(chat_ids).astype(str).str.zfill(8),
                "Klant " + pd.Series(chat_ids).astype(str),
            ),
            "is_group": is_group,
            "broadcast": bcast,
            "broadcast_recipients": np.where(bcast == "yes", 256.0, np.nan),
            "has_seconds": rng.random(n_chats) < 0.3,
            "complete": True,
            "truncated": False,
            "message_count": m.groupby("chat_id").size().reindex(chat_ids, fill_value=0).to_numpy(),
            "participants": np.where(is_group, 30, 1),
        }
    )
    from wa_audit.store.queries import AuditFrames

    return AuditFrames(messages=m, chats=chats, owner=OWNER)


def write_db(frames, path: Path) -> None:
    from wa_audit.store.db import open_db, set_setting

    if path.exists():
        path.unlink()
    db = open_db(path)
    m = frames.messages
    c = frames.chats
    with db.conn:
        db.conn.execute(
            "INSERT INTO imports (id, file_name, status, imported_at) VALUES (1, 'bench', "
            "'imported', '2026-01-01')"
        )
        db.conn.executemany(
            "INSERT INTO chats (id, chat_key, title, is_group, broadcast, broadcast_recipients, "
            "has_seconds, starts_with_encryption_notice, probably_truncated, message_count) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    int(r.chat_id),
                    f"k{r.chat_id}",
                    r.title,
                    int(r.is_group),
                    r.broadcast,
                    None
                    if r.broadcast_recipients != r.broadcast_recipients
                    else int(r.broadcast_recipients),
                    int(r.has_seconds),
                    1,
                    0,
                    int(r.message_count),
                )
                for r in c.itertuples()
            ],
        )
        ts = m["ts"].dt.strftime("%Y-%m-%dT%H:%M:%S").to_numpy()
        db.conn.executemany(
            "INSERT INTO messages (id, msg_key, chat_id, import_id, ts, sender, text, kind, event, "
            "edited, attachment, actor_is_owner, line) VALUES (?,?,?,1,?,?,?,?,?,0,NULL,?,?)",
            zip(
                m["msg_id"].tolist(),
                m["msg_id"].astype(str).tolist(),
                m["chat_id"].tolist(),
                ts.tolist(),
                m["sender"].tolist(),
                m["text"].tolist(),
                m["kind"].tolist(),
                m["event"].tolist(),
                m["actor_is_owner"].astype(int).tolist(),
                m["seq"].tolist(),
                strict=True,
            ),
        )
    set_setting(db, "owner", OWNER)
    db.close()


def ensure_workspace(path: Path, messages: int, chats: int, text: str) -> Path:
    """The benchmark workspace, built once per parameter set."""
    meta = path.with_suffix(".json")
    want = {"messages": messages, "chats": chats, "text": text, "v": 2}
    if path.exists() and meta.exists() and json.loads(meta.read_text()) == want:
        return path
    t = time.perf_counter()
    frames = build_frames(messages, chats, realistic=text == "realistic")
    m = frames.messages
    inbound = m.loc[(m["direction"] == "in") & (m["kind"] == "text"), "text"]
    print(
        f"built {len(m):,} messages in {frames.chats.shape[0]:,} chats, "
        f"{inbound.nunique() / max(len(inbound), 1):.0%} of customer texts distinct "
        f"({time.perf_counter() - t:.0f} s, not measured)",
        flush=True,
    )
    write_db(frames, path)
    meta.write_text(json.dumps(want))
    return path


def run_ours(db_path: str) -> dict:
    """`wa-audit audit` in this process, then the app's re-audits; one dict of seconds."""
    from wa_audit.audit import run_audit
    from wa_audit.audit.thresholds import set_override
    from wa_audit.report.history import mark_explained, reopen
    from wa_audit.store import queries
    from wa_audit.store.db import open_db

    loads: list[float] = []
    real_load = queries.load_frames

    def timed_load(db):
        t = time.perf_counter()
        try:
            return real_load(db)
        finally:
            loads.append(time.perf_counter() - t)

    queries.load_frames = timed_load
    db = open_db(db_path)
    t = time.perf_counter()
    report = run_audit(db)
    total = time.perf_counter() - t
    out = {
        "total_s": total,
        "load_s": loads[0],
        "audit_s": report.timings["total"],
        "store_s": total - loads[0] - report.timings["total"],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "overall": str(report.overall),
        "timings": {k: round(v, 3) for k, v in report.timings.items()},
    }
    reaudit = {}
    t = time.perf_counter()
    run_audit(db, sensitivity="strict")
    reaudit["sensitivity"] = time.perf_counter() - t
    set_override(db, "R03.red_chats_24h", 300)
    t = time.perf_counter()
    run_audit(db)
    reaudit["threshold"] = time.perf_counter() - t
    set_override(db, "R03.red_chats_24h", None)
    mark_explained(db, "R09", "the cold campaign went to a list the customers signed")
    t = time.perf_counter()
    run_audit(db)
    reaudit["explained"] = time.perf_counter() - t
    reopen(db, "R09", "benchmark done")  # the next run starts without the mark
    out["reaudit_s"] = reaudit
    out["peak_after_reaudit_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    db.close()
    return out


def _child(args: list[str]) -> dict:
    res = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


def compare(db: Path, runs: int) -> None:
    floor_script = str(Path(__file__).with_name("audit_floor.py"))
    for i in range(runs):
        fl = json.loads(
            subprocess.run(
                [sys.executable, floor_script, str(db)], capture_output=True, text=True, check=True
            ).stdout
        )
        ours = _child(["--ours", str(db)])
        print(f"run {i + 1}: {fl['messages']:,} messages")
        print(
            f"  floor  {fl['total_s']:6.2f} s  (read {fl['read_s']:.2f} s + scan {fl['scan_s']:.2f} s)"
            f"  peak {fl['peak_mb']:.0f} MB"
        )
        print(
            f"  ours   {ours['total_s']:6.2f} s  (load {ours['load_s']:.2f} s + audit "
            f"{ours['audit_s']:.2f} s + store {ours['store_s']:.2f} s)  peak {ours['peak_mb']:.0f} MB"
            f"  overall {ours['overall']}"
        )
        print(
            f"  ratio  {ours['total_s'] / fl['total_s']:6.2f}x the floor   "
            f"(load alone {ours['load_s'] / fl['read_s']:.2f}x the floor's read)"
        )
        ra = ours["reaudit_s"]
        print(
            "  re-audit after a change of  sensitivity "
            f"{ra['sensitivity']:.2f} s  threshold {ra['threshold']:.2f} s  explained "
            f"{ra['explained']:.2f} s  (peak {ours['peak_after_reaudit_mb']:.0f} MB)"
        )
        slow = sorted(ours["timings"].items(), key=lambda kv: -kv[1])
        print("  audit steps: " + ", ".join(f"{k} {v:.2f}" for k, v in slow if k != "total")[:400])


def in_memory(messages: int, chats: int, text: str) -> None:
    t = time.perf_counter()
    frames = build_frames(messages, chats, realistic=text == "realistic")
    print(
        f"built {len(frames.messages):,} messages in {frames.chats.shape[0]:,} chats "
        f"({time.perf_counter() - t:.1f} s, not part of the audit)"
    )
    from wa_audit.audit import run_audit_frames

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    report = run_audit_frames(frames, audit_date=None)
    total = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"audit total: {total:.2f} s   peak RSS: {rss:.0f} MB (before audit {rss0:.0f} MB)")
    print(f"overall: {report.overall}")
    for k, v in report.timings.items():
        light = report.light_of(k)
        print(f"  {k:<8} {v * 1000:8.1f} ms  {light or ''}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--chats", type=int, default=10_000)
    ap.add_argument("--text", choices=["realistic", "templates"], default="realistic")
    ap.add_argument("--db", type=Path, help="the benchmark workspace (built when missing)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--frames", action="store_true", help="in-memory frames, no database")
    ap.add_argument("--ours", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.ours:
        print(json.dumps(run_ours(args.ours)))
        return 0
    if args.frames:
        in_memory(args.messages, args.chats, args.text)
        return 0
    db = args.db or Path(tempfile.gettempdir()) / (
        f"wa-audit-bench-{args.text}-{args.messages}-{args.chats}.db"
    )
    compare(ensure_workspace(db, args.messages, args.chats, args.text), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
