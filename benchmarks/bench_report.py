"""Time to produce the report for a 1M-message workspace (target: under 10 s).

    .venv/bin/python benchmarks/bench_report.py [--messages 1000000] [--db FILE] [--keep]

Builds a synthetic workspace straight in SQLite (2,000 chats, replies, a weekly promo blast to
every chat, some opt-outs), then times: the report from a stored audit run (HTML and PDF), and
the exports. If the audit engine can run, it also times run_audit separately (the report
itself does not re-run the audit when a stored run is current).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OWNER = "Bakkerij Zon"
FIRST = ["Anna", "Jürgen", "Chloë", "Pieter", "Sanne", "Mehmet", "Lotte", "Klaus", "Eva", "Tom"]
LAST = ["de Vries", "Müller", "Bakker", "Jansen", "Visser", "Yilmaz", "Smit", "Schmidt"]
IN_TEXTS = [
    "Hoi! Is de taart voor zaterdag al klaar?",
    "Wat kost een slagroomtaart voor 12 personen?",
    "Kan ik morgen om 15:30 langskomen?",
    "Super, dank je wel",
    "Ok",
]
OUT_TEXTS = [
    "Ja hoor, je kunt hem vanaf 10 uur ophalen.",
    "€ 34,50 en we bezorgen ook in de buurt.",
    "Prima, tot morgen!",
]


def build(path: Path, messages: int, chats: int = 2000) -> None:
    from wa_audit.store.db import open_db, set_setting

    db = open_db(path)
    set_setting(db, "owner", OWNER)
    db.close()
    con = sqlite3.connect(path)
    rnd = random.Random(7)
    con.execute(
        "INSERT INTO imports(id, file_name, status, imported_at) "
        "VALUES (1, 'bench', 'imported', '2020-01-01T00:00:00')"
    )
    per_chat = messages // chats
    rows, parts, line = [], [], 0
    for c in range(1, chats + 1):
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {c}"
        con.execute(
            "INSERT INTO chats(id, chat_key, title, message_count) VALUES (?, ?, ?, ?)",
            [c, f"k{c}", name, per_chat],
        )
        parts += [(c, name, per_chat // 2), (c, OWNER, per_chat // 2)]
        t = datetime(2025, 1, 1, 9) + timedelta(minutes=rnd.randint(0, 600))
        for i in range(per_chat):
            line += 1
            t += timedelta(minutes=rnd.randint(1, 1100))
            if i % 25 == 24:  # weekly-ish promo, business-initiated
                sender, text = OWNER, f"Beste {name.split()[0]}, deze week 20% korting op taart!"
            elif i == per_chat // 2 and c % 50 == 0:
                sender, text = name, "STOP"
            elif i % 2:
                sender, text = OWNER, rnd.choice(OUT_TEXTS)
            else:
                sender, text = name, rnd.choice(IN_TEXTS)
            rows.append(
                (f"m{line}", c, 1, t.isoformat(timespec="seconds"), sender, text, "text", line)
            )
        if len(rows) > 200_000:
            con.executemany(
                "INSERT INTO messages(msg_key, chat_id, import_id, ts, sender, text, kind, line) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            rows = []
    con.executemany(
        "INSERT INTO messages(msg_key, chat_id, import_id, ts, sender, text, kind, line) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.executemany("INSERT INTO participants(chat_id, name, messages) VALUES (?, ?, ?)", parts)
    con.commit()
    con.close()


def stored_run(db) -> object:
    """A stored audit run: the real engine when it runs, else a small stand-in report."""
    try:
        from wa_audit.audit import run_audit

        t = time.perf_counter()
        report = run_audit(db)
        print(f"run_audit (not part of the report time): {time.perf_counter() - t:.2f} s")
        return report
    except Exception as e:  # engine not complete yet
        print(f"audit engine not usable ({type(e).__name__}); using a stand-in report")
        from tests.report.workspace import fake_report

        ids = [
            r[0] for r in db.execute("SELECT id FROM messages WHERE text LIKE 'Beste%' LIMIT 20")
        ]
        stop = [r[0] for r in db.execute("SELECT id FROM messages WHERE text = 'STOP' LIMIT 5")]
        return fake_report({"promo": ids, "nasty": [], "optout": stop, "after": []})


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--db")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    from PySide6.QtGui import QGuiApplication

    from wa_audit.report import export_report
    from wa_audit.store.db import open_db

    app = QGuiApplication([])  # noqa: F841 - fonts for the PDF
    tmp = Path(tempfile.mkdtemp())
    path = Path(args.db) if args.db else tmp / "bench.db"
    if not path.exists():
        t = time.perf_counter()
        build(path, args.messages)
        print(f"built {args.messages:,} messages in {time.perf_counter() - t:.1f} s")
    db = open_db(path)
    report = stored_run(db)
    for suffix in ("html", "pdf"):
        t = time.perf_counter()
        export_report(db, tmp / f"report.{suffix}", report)
        print(f"report .{suffix}: {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    export_report(db, tmp / "report_p.pdf", report, pseudonymize=True)
    print(f"report .pdf pseudonymised: {time.perf_counter() - t:.2f} s")
    from wa_audit.exports.optout import write_register_csv
    from wa_audit.exports.templates import write_templates

    t = time.perf_counter()
    n = write_register_csv(db, tmp / "optout.csv")
    print(f"opt-out register ({n} customers): {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    n = write_templates(db, tmp / "templates.json")
    print(f"draft templates ({n}): {time.perf_counter() - t:.2f} s")
    if not args.keep and not args.db:
        import shutil

        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
