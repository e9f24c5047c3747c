"""Import benchmark: our parser and importer side by side with the peers, in one run.

    .venv/bin/python benchmarks/bench_import.py [--messages 1000000] [--chats 10000] [--no-peers]
        [--no-json]

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
  peers          whatsapp-chat-parser (npm, on this machine's Node), whatstk, chat-miner -
                 installed into benchmarks/out/ (never project dependencies)
Prints a Markdown table (the README's performance section).
"""

from __future__ import annotations

import argparse
import os
import shutil
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
    return elapsed, usage.ru_maxrss / 1024, out


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
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from gen_exports import android_export, chat_folder

    OUT.mkdir(exist_ok=True)
    big = OUT / f"WhatsApp Chat with Anna de Vries {args.messages}.txt"
    if not big.exists():
        android_export(big, args.messages)
    folder = OUT / f"folder_{args.chats}x{args.per_chat}"
    if not folder.exists():
        chat_folder(folder, args.chats, args.per_chat)
    rows: list[tuple[str, str, float, float]] = []
    n = args.messages

    floor_script = OUT / "floor.py"
    floor_script.write_text(FLOOR)
    t, rss, _ = timed([PY, str(floor_script), str(big)])
    rows.append(("floor: one regex match per line (Python)", f"{n:,} msgs", t, rss))
    floor = t
    t, rss, _ = timed([*WA, "parse", str(big), "--stats"])
    rows.append(("**wa-audit parse --stats**", f"{n:,} msgs", t, rss))
    ours = t
    if not args.no_json:
        t, rss, _ = timed([*WA, "parse", str(big), "--json"])
        rows.append(("wa-audit parse --json (to a file)", f"{n:,} msgs", t, rss))
    import_floor = OUT / "import_floor.py"
    import_floor.write_text(IMPORT_FLOOR)
    env_py = [PY, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
              f"exec(open({str(import_floor)!r}).read())"]  # fmt: skip
    folder_msgs = f"{args.chats * args.per_chat:,} msgs"
    ratios = {}
    for label, source, what in (("file", big, f"{n:,} msgs"), ("folder", folder, folder_msgs)):
        db = OUT / f"floor_{label}.db"
        _clean(db)
        t_floor, rss, _ = timed([*env_py, str(source), str(db)])
        rows.append((f"import floor ({label}): one regex, hash, executemany, FTS5", what,
                     t_floor, rss))  # fmt: skip
        db = OUT / f"bench_{label}.db"
        _clean(db)
        t, rss, _ = timed([*WA, "import", str(source), "--db", str(db)])
        name = "file" if label == "file" else f"folder of {args.chats:,} exports"
        rows.append((f"**wa-audit import** {name}", what, t, rss))
        ratios[label] = t / t_floor
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
    print(f"\nparse --stats / floor = {ours / floor:.2f}x (target <= 2.5x)")
    print(f"import file / import floor = {ratios['file']:.2f}x (target <= 2x)")
    print(f"import folder / import floor = {ratios['folder']:.2f}x (target <= 2x)")


def _clean(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
