"""Import benchmark: our parser and importer side by side with the peers, in one run.

    .venv/bin/python benchmarks/bench_import.py [--messages 1000000] [--chats 10000] [--no-peers]
        [--no-json] [--pairs 3] [--stats-only]

Generates a 1,000,000-message Android export and a folder of 10,000 100-message exports under
benchmarks/out/, then times (wall clock, peak RSS of each process):
  floor          one compiled regex match per line in plain Python
  wa-audit parse `wa-audit parse FILE --stats`
  import floor   per file: read, split the headers with one regex, hash each message,
                 executemany into the same workspace schema (indexes, FTS5), one transaction
                 (run for the big file and for the folder)
  wa-audit import  the same file parsed, stored and indexed (FTS5) into a new workspace
  folder import  the 10,000-file folder into a new workspace
Prints the ratios against the floors (goals: parse --stats <= 2.5x, import <= 2x).
--pairs N runs each floor and ours alternately N times (on a shared machine the load changes
from one second to the next): every pair's wall and CPU seconds and ratios are printed, the
table shows the fastest run of each, the summary the median of the pairs' ratios.
  peers          whatsapp-chat-parser (npm, on this machine's Node), whatstk, chat-miner -
                 installed into benchmarks/out/ (never project dependencies)
Prints a Markdown table (the README's performance section).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
ROOT = HERE.parent
PY = sys.executable
WA = [PY, "-m", "wa_audit.cli"]

FLOOR = r"""
import re, sys
pattern = re.compile(r"^(\d{1,2}/\d{1,2}/\d{2,4}), (\d{1,2}:\d{2}) - ")
n = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if pattern.match(line):
            n += 1
print(n)
"""
# The import floor (issue 13): read each file, split the headers with one regex, hash each
# message, executemany into the same workspace schema (indexes and FTS5 included), one
# transaction per file. No layout detection, date-order decision, classification or chat
# identity: what any importer must at least do.
IMPORT_FLOOR = r"""
import hashlib, re, sqlite3, sys
from pathlib import Path
from wa_audit.store.db import open_db

SPLIT = re.compile(r"^(\d{2})/(\d{2})/(\d{4}), (\d{2}:\d{2}) - ", re.M)
src, db_path = Path(sys.argv[1]), sys.argv[2]
files = sorted(src.glob("*.txt")) if src.is_dir() else [src]
db = open_db(db_path)
conn = db.conn
blake = hashlib.blake2b
n = 0
for path in files:
    text = path.read_text(encoding="utf-8")
    parts = SPLIT.split(text)
    conn.execute("BEGIN")
    imp = conn.execute(
        "INSERT INTO imports(file_name, status, imported_at) VALUES (?, 'imported', '')",
        [path.name],
    ).lastrowid
    chat = conn.execute("INSERT INTO chats(chat_key) VALUES (?)", [path.name]).lastrowid
    first_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM messages").fetchone()[0]
    rows = []
    for i in range(1, len(parts) - 4, 5):
        d, m, y, hm, rest = parts[i : i + 5]
        ts = f"{y}-{m}-{d}T{hm}:00"
        sender, sep, body = rest.rstrip("\n").partition(": ")
        if not sep:
            sender, body = None, rest.rstrip("\n")
        key = blake(f"{ts}\x1f{sender}\x1f{body}\x1f{i}".encode(), digest_size=12).digest()
        rows.append((chat, imp, key, ts, sender, body, "text", i))
    conn.executemany(
        "INSERT INTO messages(chat_id, import_id, msg_key, ts, sender, text, kind, line) "
        "VALUES (?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.execute(
        "INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages WHERE id > ?",
        [first_id],
    )
    conn.execute("COMMIT")
    n += len(rows)
print(n)
"""
NODE = """
const fs = require('fs');
const { parseString } = require('whatsapp-chat-parser');
const messages = parseString(fs.readFileSync(process.argv[2], 'utf8'));
console.log(messages.length);
"""
WHATSTK = """
import sys
from whatstk import WhatsAppChat
chat = WhatsAppChat.from_source(
    filepath=sys.argv[1], hformat="%d/%m/%Y, %H:%M - %name:", max_size=None  # no 50 MiB cap
)
print(len(chat.df))
"""
CHATMINER = """
import sys, logging
logging.disable(logging.WARNING)
from chatminer.chatparsers import WhatsAppParser
parser = WhatsAppParser(sys.argv[1])
parser.parse_file()
print(len(parser.parsed_messages.get_df()))
"""


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the child, and its stdout."""
    t, rss, out, _ = timed_cpu(cmd, cwd)
    return t, rss, out


def timed_cpu(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, str, float]:
    """Wall seconds, peak RSS (MB), stdout and CPU seconds (user + system) of the child."""
    # output goes to files, not pipes: a child writing a lot to a full pipe would never finish
    out_path, err_path = OUT / "child.out", OUT / "child.err"
    with out_path.open("wb") as out_f, err_path.open("wb") as err_f:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out_f, stderr=err_f)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = out_path.read_bytes()[-4000:].decode(errors="replace")
    err = err_path.read_bytes()[-4000:].decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {err[-500:]}")
    return elapsed, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def paired(name: str, floor_cmd: list[str], ours_cmd: list[str], pairs: int, before=None):
    """Floor and ours alternately `pairs` times: the fastest of each (wall, RSS) and the median
    of the pairs' wall and CPU ratios. `before()` runs before every run (a fresh database)."""
    runs = []
    for i in range(pairs):
        got = []
        for cmd in (floor_cmd, ours_cmd):
            if before:
                before()
            got.append(timed_cpu(cmd))
        (tf, _, _, cf), (to, _, _, co) = got
        print(f"  {name} pair {i + 1}: floor {tf:.2f} s (cpu {cf:.2f}), ours {to:.2f} s "
              f"(cpu {co:.2f}), ratio {to / tf:.2f}x (cpu {co / cf:.2f}x)", flush=True)  # fmt: skip
        runs.append(got)
    best_floor = min((r[0] for r in runs), key=lambda x: x[0])
    best_ours = min((r[1] for r in runs), key=lambda x: x[0])
    wall = statistics.median(r[1][0] / r[0][0] for r in runs)
    cpu = statistics.median(r[1][3] / r[0][3] for r in runs)
    return best_floor, best_ours, wall, cpu


def setup_peers() -> dict[str, list[str]]:
    peers: dict[str, list[str]] = {}
    venv = OUT / "peers-venv"
    if not (venv / "bin" / "python").exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "whatstk==0.9.1", "chat-miner==0.6.0"],
            check=True,
        )
    (OUT / "whatstk_run.py").write_text(WHATSTK)
    (OUT / "chatminer_run.py").write_text(CHATMINER)
    peers["whatstk 0.9.1"] = [str(venv / "bin" / "python"), str(OUT / "whatstk_run.py")]
    peers["chat-miner 0.6.0"] = [str(venv / "bin" / "python"), str(OUT / "chatminer_run.py")]
    node_dir = OUT / "node"
    if shutil.which("node") and shutil.which("npm"):
        if not (node_dir / "node_modules" / "whatsapp-chat-parser").exists():
            node_dir.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    "npm",
                    "install",
                    "--silent",
                    "--prefix",
                    str(node_dir),
                    "whatsapp-chat-parser@4.0.2",
                ],
                check=True,
            )
        (node_dir / "run.js").write_text(NODE)
        peers = {"whatsapp-chat-parser 4.0.2 (node)": ["node", str(node_dir / "run.js")], **peers}
    return peers


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--chats", type=int, default=10_000)
    ap.add_argument("--per-chat", type=int, default=100)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--no-json", action="store_true", help="skip `parse --json`")
    ap.add_argument("--pairs", type=int, default=1, help="floor and ours alternately N times")
    ap.add_argument("--stats-only", action="store_true", help="only parse --stats and its floor")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from gen_exports import android_export, chat_folder

    OUT.mkdir(exist_ok=True)
    big = OUT / f"WhatsApp Chat with Anna de Vries {args.messages}.txt"
    if not big.exists():
        android_export(big, args.messages)
    folder = OUT / f"folder_{args.chats}x{args.per_chat}"
    if not folder.exists() and not args.stats_only:
        chat_folder(folder, args.chats, args.per_chat)
    rows: list[tuple[str, str, float, float]] = []
    n = args.messages

    floor_script = OUT / "floor.py"
    floor_script.write_text(FLOOR)
    pairs = max(args.pairs, 1)
    f_run, o_run, stats_ratio, stats_cpu = paired(
        "parse --stats", [PY, str(floor_script), str(big)], [*WA, "parse", str(big), "--stats"],
        pairs,
    )  # fmt: skip
    rows.append(("floor: one regex match per line (Python)", f"{n:,} msgs", f_run[0], f_run[1]))
    rows.append(("**wa-audit parse --stats**", f"{n:,} msgs", o_run[0], o_run[1]))
    if not args.no_json and not args.stats_only:
        t, rss, _ = timed([*WA, "parse", str(big), "--json"])
        rows.append(("wa-audit parse --json (to a file)", f"{n:,} msgs", t, rss))
    import_floor = OUT / "import_floor.py"
    import_floor.write_text(IMPORT_FLOOR)
    env_py = [PY, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
              f"exec(open({str(import_floor)!r}).read())"]  # fmt: skip
    folder_msgs = f"{args.chats * args.per_chat:,} msgs"
    ratios = {}
    sources = (("file", big, f"{n:,} msgs"), ("folder", folder, folder_msgs))
    for label, source, what in () if args.stats_only else sources:
        floor_db, ours_db = OUT / f"floor_{label}.db", OUT / f"bench_{label}.db"

        def fresh(dbs=(floor_db, ours_db)) -> None:
            for db in dbs:
                _clean(db)

        f_run, o_run, ratio, cpu = paired(
            f"import {label}", [*env_py, str(source), str(floor_db)],
            [*WA, "import", str(source), "--db", str(ours_db)], pairs, before=fresh,
        )  # fmt: skip
        rows.append((f"import floor ({label}): one regex, hash, executemany, FTS5", what,
                     f_run[0], f_run[1]))  # fmt: skip
        name = "file" if label == "file" else f"folder of {args.chats:,} exports"
        rows.append((f"**wa-audit import** {name}", what, o_run[0], o_run[1]))
        ratios[label] = (ratio, cpu)
    if not args.no_peers:
        for name, cmd in setup_peers().items():
            try:
                t, rss, out = timed([*cmd, str(big)])
                rows.append((name, f"{int(out.split()[-1]):,} msgs", t, rss))
            except RuntimeError as exc:
                rows.append((f"{name} (failed: {str(exc)[:60]})", "-", float("nan"), float("nan")))
    print("| what | input | wall time (s) | peak RSS (MB) |")
    print("|---|---|---:|---:|")
    for name, what, t, rss in rows:
        print(f"| {name} | {what} | {t:.2f} | {rss:.0f} |")
    each = f"median of {pairs} pair(s)" if pairs > 1 else "one pair"
    print(f"\nparse --stats / floor = {stats_ratio:.2f}x wall, {stats_cpu:.2f}x CPU ({each}; "
          "target <= 2.5x)")  # fmt: skip
    for label, (ratio, cpu) in ratios.items():
        print(f"import {label} / import floor = {ratio:.2f}x wall, {cpu:.2f}x CPU ({each}; "
              "target <= 2x)")  # fmt: skip


def _clean(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
