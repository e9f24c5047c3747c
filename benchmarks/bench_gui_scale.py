"""The app at a consultant's scale: the real main window, offscreen, on one workspace.

    .venv/bin/python benchmarks/bench_gui_scale.py --db FILE [--json] [--reaudits 5]

Build a 10,000-chat, ~1M-message workspace first with benchmarks/gui_workspace.py. If FILE has
no stored audit yet, one is run before the clock starts (the app stores every audit it runs).
Then, in one process, as a user would:
  open        launch (QApplication + window) to a dashboard filled with the stored audit
  evidence    the largest finding's evidence page, scrolled to its last message
  search      the most common word (FTS5 vocabulary), until the total is on screen
  sort        the search result by sender (all matches, not only the loaded page)
  re-audit    one audit in the background
A 10 ms QTimer runs throughout: max_gap_ms is the longest the window did not answer,
gaps_over_100ms how often that exceeded 100 ms. Then --reaudits more audits: rss_growth_pct
is the process's growth over them, peak_rss_mb its peak over the whole run.
Shown totals are read from the labels the user sees; true totals from SQL (FTS5 count for
the search, finding_evidence for the finding).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WA_AUDIT_NO_CRASH_DIALOG", "1")


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def number_in(text: str) -> int:
    """The first number in a label ("353,911 messages contain …", "1.993 Nachrichten")."""
    m = re.search(r"\d[\d,.\u202f\u00a0]*", text)
    return int(re.sub(r"\D", "", m.group(0))) if m else -1


class NoTask:
    cancelled = False

    def progress(self, item) -> None:
        pass

    def check(self) -> None:
        pass


def ensure_stored_audit(db_path: str) -> None:
    """The app's first audit of the workspace, stored (in a child process, as the app does at
    this size, so this process starts as the app would)."""
    from wa_audit.ui import audit_process, tasks

    stored = tasks.stored_audit(db_path)
    if stored is None or stored.stale:
        t0 = time.perf_counter()
        audit_process.audit_in_process(NoTask(), db_path)
        print(f"(first audit stored in {time.perf_counter() - t0:.0f} s)", file=sys.stderr)


def most_common_word(db_path: str) -> str:
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, messages_fts, 'row')")
        for (term,) in db.execute("SELECT term FROM temp.vocab ORDER BY doc DESC LIMIT 200"):
            if len(term) >= 4 and term.isalpha():
                return term
        return "the"
    finally:
        db.close()


def sql_one(db_path: str, sql: str, params: list) -> int:
    from wa_audit.store.db import open_db

    db = open_db(db_path)
    try:
        return int(db.execute(sql, params).fetchone()[0])
    finally:
        db.close()


def watch(last: list[float], stalls: list[str], limit_s: float = 0.15) -> None:
    """A thread that samples the GUI thread's stack whenever the 10 ms timer is overdue."""
    import threading
    import traceback

    main_id = threading.main_thread().ident

    def run() -> None:
        seen = None
        while True:
            time.sleep(0.02)
            if time.perf_counter() - last[0] > limit_s and seen != last[0]:
                seen = last[0]
                frame = sys._current_frames().get(main_id)
                stack = traceback.format_stack(frame)[-6:] if frame else []
                stalls.append("".join(stack))

    threading.Thread(target=run, daemon=True).start()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--reaudits", type=int, default=5)
    ap.add_argument(
        "--diagnose", action="store_true", help="print where the GUI thread was in each stall"
    )
    a = ap.parse_args()
    db_path = str(Path(a.db).resolve())
    ensure_stored_audit(db_path)
    word = most_common_word(db_path)

    t_launch = time.perf_counter()
    from PySide6.QtCore import QTimer

    from wa_audit.ui.app import create_app
    from wa_audit.ui.language import apply_language
    from wa_audit.ui.main_window import MainWindow

    app = create_app()
    apply_language("en")
    window = MainWindow("en")
    window.resize(1280, 860)
    window.show()

    gaps: list[float] = []
    last = [time.perf_counter()]
    phase = ["open"]
    worst: dict[str, float] = {}

    def tick() -> None:
        now = time.perf_counter()
        gap = (now - last[0]) * 1000
        gaps.append(gap)
        worst[phase[0]] = max(worst.get(phase[0], 0.0), round(gap, 1))
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    stalls: list[str] = []
    if a.diagnose:
        watch(last, stalls)

    def wait(predicate, timeout_s: float = 1800) -> None:
        deadline = time.perf_counter() + timeout_s
        while not predicate():
            if time.perf_counter() > deadline:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.002)

    window.open_workspace(db_path)
    wait(lambda: window.dashboard_page.dashboard is not None)
    open_s = time.perf_counter() - t_launch
    ran_audit_on_open = window.audit_job is not None

    # evidence of the largest finding, scrolled to its end
    phase[0] = "evidence"
    report = window.outcome.report
    largest = max(report.findings, key=lambda f: len(f.result.evidence))
    window.show_card(largest.rule)
    page = window.evidence_page
    evidence_shown = number_in(page.count_label.text())
    table = page.table
    while page.model.canFetchMore():
        table.scrollToBottom()
        app.processEvents()
    evidence_reached = page.model.rowCount()
    evidence_true = sql_one(
        db_path,
        "SELECT count(*) FROM finding_evidence WHERE run_id = ? AND rule = ?",
        [report.run_id, largest.rule],
    )

    # search for the most common word, then sort all matches by sender
    phase[0] = "search"
    found = []
    window.search_done.connect(found.append)
    t0 = time.perf_counter()
    window.search(word)
    wait(lambda: found)
    search_s = time.perf_counter() - t0
    search_shown = number_in(page.summary.text())
    from wa_audit.store.messages import fts_query

    search_true = sql_one(
        db_path,
        "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?",
        [fts_query(word)],
    )
    phase[0] = "sort"
    sorted_ = []
    window.sorted_done.connect(sorted_.append)
    t0 = time.perf_counter()
    table.sortByColumn(2, __import__("PySide6.QtCore").QtCore.Qt.DescendingOrder)
    wait(lambda: sorted_)
    sort_s = time.perf_counter() - t0

    # one re-audit with the timer running
    phase[0] = "reaudit"
    t0 = time.perf_counter()
    done = []
    window.audit_finished.connect(done.append)
    window.run_audit()
    wait(lambda: done)
    reaudit_s = time.perf_counter() - t0
    timer.stop()
    max_gap = max(gaps) if gaps else 0.0
    over_100 = sum(1 for g in gaps if g > 100)

    # memory over more re-audits
    import gc

    gc.collect()
    rss_start = rss_mb()
    for _ in range(a.reaudits):
        done.clear()
        window.run_audit()
        wait(lambda: done)
    gc.collect()
    rss_end = rss_mb()
    out = {
        "messages": sql_one(db_path, "SELECT count(*) FROM messages", []),
        "chats": sql_one(db_path, "SELECT count(*) FROM chats", []),
        "open_to_dashboard_s": round(open_s, 2),
        "audit_ran_on_open": ran_audit_on_open,
        "max_gap_ms": round(max_gap, 1),
        "gaps_over_100ms": over_100,
        "max_gap_ms_by_step": worst,
        "largest_finding": largest.rule,
        "evidence_total_shown": evidence_shown,
        "evidence_total_true": evidence_true,
        "evidence_rows_reached": evidence_reached,
        "search_word": word,
        "search_s": round(search_s, 2),
        "search_total_shown": search_shown,
        "search_total_true": search_true,
        "sort_s": round(sort_s, 2),
        "reaudit_s": round(reaudit_s, 1),
        "peak_rss_mb": round(peak_mb()),
        "audit_process_peak_rss_mb": round(peak_mb(resource.RUSAGE_CHILDREN)),
        "rss_after_first_reaudit_mb": round(rss_start),
        "rss_after_more_reaudits_mb": round(rss_end),
        "reaudits": a.reaudits,
        "rss_growth_pct": round((rss_end - rss_start) / rss_start * 100, 1),
    }
    window.close()
    if a.diagnose:
        out["stalls"] = stalls
    if a.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:28} {v}")
    sys.stdout.flush()
    os._exit(0)  # skip the interpreter's teardown of the Qt objects (nothing left to save)


if __name__ == "__main__":
    sys.exit(main())
