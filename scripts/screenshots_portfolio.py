#!/usr/bin/env python3
"""Screenshots of the questionnaire and Portfolio pages (issue 14) in en, nl and de.

    .venv/bin/python scripts/screenshots_portfolio.py [--out docs/screenshots]

Writes <out>/<lang>/questionnaire.png, portfolio.png and results-self-assessment.png (the
Results page with the link to the questions). Each language runs in
its own process with a temporary HOME: three workspaces are built from the bundled demo (one
audited twice after a self-assessment answer, one audited once, one not yet audited).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "nl", "de")


def shoot(lang: str, folder: Path) -> int:
    import shutil

    from wa_audit.ui.app import SCREENSHOT_SIZE, _wait, apply_language, create_app

    app = create_app()
    apply_language(lang)
    from wa_audit.audit import run_audit
    from wa_audit.audit.assess import save_answers
    from wa_audit.demo import demo_workspace
    from wa_audit.store.db import open_db, user_data_dir
    from wa_audit.ui.main_window import MainWindow

    demo = demo_workspace()
    spaces = user_data_dir() / "workspaces"
    spaces.mkdir(parents=True, exist_ok=True)
    shop = spaces / "bloemenwinkel-de-tulp.wa-audit.db"
    second = spaces / "fietsenwinkel-van-dijk.wa-audit.db"
    fresh = spaces / "bakkerij-jansen.wa-audit.db"
    for target in (shop, second, fresh):
        shutil.copy(demo, target)
    run_audit(second)
    db = open_db(second)
    save_answers(db, {"sending_tool": "yes"})
    db.close()
    run_audit(second)  # worse since the previous audit: an unofficial sending tool
    db = open_db(fresh)
    db.execute("DELETE FROM audit_runs")
    db.conn.commit()
    db.close()
    db = open_db(shop)
    save_answers(db, {"written_optin": "yes", "number_age": "over_6_months", "warned": "no"})
    db.close()

    window = MainWindow(lang)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.open_workspace(str(shop))
    if not _wait(app, lambda: window.outcome is not None and window.runner.active() == 0):
        sys.stderr.write("screenshot: the audit did not finish in time\n")
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    window.go("dashboard")
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(folder / "results-self-assessment.png"))
    window.go("questionnaire")
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(folder / "questionnaire.png"))
    window.go("portfolio")
    page = window.portfolio_ctl.portfolio
    if not _wait(app, lambda: page.model.rowCount() == 3 and window.runner.active() == 0):
        sys.stderr.write("screenshot: the portfolio did not load in time\n")
        return 1
    page.table.selectRow(0)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(folder / "portfolio.png"))
    window.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", choices=LANGS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return shoot(args.lang, Path(args.out) / args.lang)
    code = 0
    for lang in [args.lang] if args.lang else LANGS:
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, HOME=home, XDG_DATA_HOME=str(Path(home) / "data"),
                       XDG_CONFIG_HOME=str(Path(home) / "config"), QT_QPA_PLATFORM="offscreen")  # fmt: skip
            cmd = [sys.executable, __file__, "--child", "--lang", lang, "--out", args.out]
            code |= subprocess.call(cmd, env=env, cwd=ROOT)
    return code


if __name__ == "__main__":
    sys.exit(main())
