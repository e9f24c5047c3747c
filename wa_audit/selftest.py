"""`wa-audit --self-test`: check that this installation works, end to end, without a display.

It imports the bundled demo export into a temporary workspace, audits it, renders the dashboard
offscreen and writes a PDF report, checks each result and prints one line per check. Exit code
0 only if every check passed: a piece that is missing from the installation is reported as
"skipped: not available" and makes the self-test fail, because an installation without it is
not complete. Nothing outside a temporary folder is read or written (no user settings, no
workspaces), and no message text or name is printed.

Works the same in a source checkout and in the PyInstaller bundle (the bundle runs exactly this
code from `dist/wa-audit/wa-audit --self-test`).
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wa_audit import __version__
from wa_audit.i18n import _
from wa_audit.resources import resources_dir
from wa_audit.selftest_run import (  # re-exported: the checks' API
    FAIL,
    OK,
    SKIP,
    CheckFailed,
    Context,
    Skip,
    _attr,
    _module,
    _print,
    run_checks,
)

LIGHTS = ("green", "amber", "red")


def _light(value: Any) -> str:
    return str(getattr(value, "value", value)).lower()


# --- the checks -------------------------------------------------------------------------------


def check_data(ctx: Context) -> str:
    res = resources_dir()
    exports, origin = _demo_exports(ctx.tmp / "demo")
    if not exports:
        raise Skip(_("no demo export in {folder}").format(folder=res / "demo"))
    ctx.demo_paths = exports
    prices_path = res / "prices.json"
    if not prices_path.exists():
        raise Skip(_("the price file {file} is not available").format(file=prices_path.name))
    prices = json.loads(prices_path.read_text("utf-8"))
    as_of = prices.get("as_of")
    if not as_of or not prices.get("markets"):
        raise CheckFailed(_("the price file has no date or no markets"))
    icons = sorted((res / "icons").glob("*.svg"))
    if not icons:
        raise CheckFailed(_("no icons in {folder}").format(folder=res / "icons"))
    data_dir = Path(__file__).resolve().parent / "data"
    data_files = [p for p in data_dir.glob("*") if p.is_file()]
    if not data_files:
        raise CheckFailed(_("no rule data in {folder}").format(folder=data_dir))
    return _(
        "demo export ({files} files, {origin}), prices as of {as_of}, {icons} icons, "
        "{data} data files"
    ).format(files=len(exports), origin=origin, as_of=as_of, icons=len(icons), data=len(data_files))


def _demo_exports(scratch: Path) -> tuple[list[Path], str]:
    """The demo shop's export files: shipped in resources/demo, else written by wa_audit.demo."""
    folder = resources_dir() / "demo"
    shipped = [p for p in sorted(folder.rglob("*")) if p.suffix.lower() in (".txt", ".zip")]
    if shipped:
        return shipped, _("shipped")
    try:
        demo = importlib.import_module("wa_audit.demo")
    except ModuleNotFoundError:
        return [], ""
    write = getattr(demo, "write_demo_exports", None)
    if write is None:
        return [], ""
    return [Path(p) for p in write(scratch)], _("written by wa_audit.demo")


def check_translations(ctx: Context) -> str:
    from wa_audit import i18n

    gettext = importlib.import_module("gettext")
    loaded = []
    for lang in ("nl", "de"):
        po = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        mo = po.with_suffix(".mo")
        if not po.exists() and not mo.exists():
            raise Skip(_("no {lang} catalog").format(lang=lang))
        i18n._ensure_compiled(lang)  # a source checkout compiles on first use
        try:
            t = gettext.translation(i18n.DOMAIN, localedir=str(i18n.LOCALE_DIR), languages=[lang])
        except OSError:
            raise CheckFailed(_("the {lang} catalog is not installed").format(lang=lang)) from None
        entries = len([k for k in getattr(t, "_catalog", {}) if k])  # "" is the header
        if not entries:
            raise CheckFailed(_("the {lang} catalog is empty").format(lang=lang))
        loaded.append(f"{lang} ({entries})")
    return _("catalogs load: {langs}").format(langs=", ".join(loaded))


def check_import(ctx: Context) -> str:
    if not ctx.demo_paths:
        raise Skip(_("needs the demo export"))
    import_paths = _attr("wa_audit.importer", "import_paths")
    gen = import_paths([str(p) for p in ctx.demo_paths], ctx.db_path)
    steps = 0
    try:
        while True:
            next(gen)
            steps += 1
    except StopIteration as stop:
        summary = stop.value
    files = list(getattr(summary, "files", []) or [])
    bad = [f for f in files if getattr(f, "status", "") not in ("imported", "updated", "already")]
    if not files:
        raise CheckFailed(_("the importer reported no files"))
    if bad:
        codes = ", ".join(str(getattr(f.error, "code", f.status)) for f in bad)
        raise CheckFailed(
            _("{n} of {total} demo files failed to import ({codes})").format(
                n=len(bad), total=len(files), codes=codes
            )
        )
    messages = sum(int(getattr(f, "messages_added", 0) or 0) for f in files)
    if messages <= 0:
        raise CheckFailed(_("no messages were imported"))
    unparsed = sum(len(getattr(f, "unparsed", []) or []) for f in files)
    owner = getattr(summary, "owner", None)
    if not owner:
        raise CheckFailed(_("the business owner was not detected"))
    expected = getattr(sys.modules.get("wa_audit.demo"), "OWNER", None)
    if expected and owner != expected:  # compared, never printed
        raise CheckFailed(_("the wrong sender was detected as the business"))
    ctx.imported = True
    return _(
        "{files} files, {messages} messages, {unparsed} unparsed lines, owner detected"
    ).format(files=len(files), messages=messages, unparsed=unparsed)


def check_audit(ctx: Context) -> str:
    if not ctx.imported:
        raise Skip(_("needs the import"))
    run_audit = _attr("wa_audit.audit", "run_audit")
    report = run_audit(ctx.db_path)
    findings = list(report.findings)
    registry = _rule_count()
    if registry and len(findings) != registry:
        raise CheckFailed(
            _("{n} results for {rules} registered rules").format(n=len(findings), rules=registry)
        )
    errors = [f.rule for f in findings if _light(f.result.light) == "error"]
    if errors:
        raise CheckFailed(_("rules failed: {rules}").format(rules=", ".join(errors)))
    counts = {light: 0 for light in (*LIGHTS, "grey")}
    for f in findings:
        counts[_light(f.result.light)] = counts.get(_light(f.result.light), 0) + 1
    missing = [light for light in LIGHTS if counts[light] == 0]
    if missing:
        # The demo business is built to show every colour; a colour missing means a rule broke.
        raise CheckFailed(
            _("the demo should show every light, none was {lights}").format(
                lights=", ".join(missing)
            )
        )
    overall = _light(report.overall)
    if overall not in LIGHTS:
        raise CheckFailed(_("overall light is {light}").format(light=overall))
    ctx.report = report
    return _(
        "{n} rules: {red} red, {amber} amber, {green} green, {grey} grey; overall {overall}"
    ).format(n=len(findings), overall=overall, **counts)


def _rule_count() -> int:
    try:
        rules = importlib.import_module("wa_audit.rules")
    except ModuleNotFoundError:
        return 0
    registry = getattr(rules, "REGISTRY", None) or getattr(rules, "RULES", None)
    return len(registry) if registry else 0


def _qt_app(ctx: Context) -> Any:
    """One QApplication, offscreen unless the caller chose a platform, settings in tmp."""
    if ctx.app is not None:
        return ctx.app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        raise CheckFailed(_("Qt does not load: {error}").format(error=type(exc).__name__)) from exc
    # Never touch the user's real preferences or recent-workspace list.
    settings_dir = str(ctx.tmp / "settings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, settings_dir)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    ctx.app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    _quiet_offscreen_warnings()
    return ctx.app


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform warns about window-manager hints it cannot honour: not errors."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode, context, message):
        if "propagateSizeHints" not in message and sys.stderr is not None:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def check_qt_translations(ctx: Context) -> str:
    _qt_app(ctx)
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    shown = []
    for lang in ("nl", "de"):
        tr = QTranslator()
        if not tr.load(QLocale(lang), "qtbase", "_", path):
            raise CheckFailed(_("qtbase_{lang}.qm is missing").format(lang=lang))
        QCoreApplication.installTranslator(tr)
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        QCoreApplication.removeTranslator(tr)
        if cancel == "Cancel":
            raise CheckFailed(_("qtbase_{lang}.qm does not translate").format(lang=lang))
        shown.append(f"{lang}: {cancel}")
    return _("Qt's own buttons translated ({examples})").format(examples=", ".join(shown))


def check_dashboard(ctx: Context) -> str:
    """The real main window opens the workspace, audits it in its worker and shows the cards."""
    if ctx.report is None:
        raise Skip(_("needs the audit"))
    app = _qt_app(ctx)
    main_window = _attr("wa_audit.ui.main_window", "MainWindow")
    window = main_window()
    try:
        window.show()
        window.open_workspace(str(ctx.db_path))
        deadline = time.monotonic() + 30
        while getattr(window, "outcome", None) is None or window.audit_job is not None:
            if time.monotonic() > deadline:
                raise CheckFailed(_("the dashboard did not show the audit within 30 s"))
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()
        page = window.current_page() if hasattr(window, "current_page") else "?"
        if page != "dashboard":
            raise CheckFailed(
                _("the window shows the {page} page, not the dashboard").format(page=page)
            )
        cards = len(getattr(window.dashboard_page, "rule_cards", {}))
        if cards != len(ctx.report.findings):
            raise CheckFailed(
                _("{cards} rule cards shown for {n} findings").format(
                    cards=cards, n=len(ctx.report.findings)
                )
            )
        image = window.grab().toImage()
        if image.isNull() or image.width() < 200:
            raise CheckFailed(_("the window could not be rendered"))
        colours = _distinct_colours(image)
        if colours < 16:
            raise CheckFailed(_("the rendered window is blank"))
        words = _light_words_shown(window)
        if not words:
            raise CheckFailed(_("no traffic-light word is shown"))
        switched = _switch_to_german(window, app)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return _(
        "{cards} rule cards rendered offscreen at {w}x{h} ({colours} colours, {words} light "
        "labels); {switched}"
    ).format(
        cards=cards,
        w=image.width(),
        h=image.height(),
        colours=colours,
        words=words,
        switched=switched,
    )


def _switch_to_german(window: Any, app: Any) -> str:
    """Switch the open window to German: the navigation must change, the audit must not re-run."""
    import gettext

    from PySide6.QtWidgets import QAbstractButton, QLabel

    from wa_audit import i18n

    pages = getattr(importlib.import_module("wa_audit.ui.main_window"), "PAGES", ())
    catalog = gettext.translation(
        i18n.DOMAIN, localedir=str(i18n.LOCALE_DIR), languages=["de"], fallback=True
    )
    expected = [catalog.gettext(title) for _key, title, *_rest in pages]
    expected = [
        text for text, (_k, title, *_r) in zip(expected, pages, strict=True) if text != title
    ]
    if not expected:
        raise CheckFailed(_("the German catalog does not translate the navigation"))
    previous = i18n.current_language()
    run_before = window.outcome
    try:
        window.set_language("de")
        app.processEvents()
        texts = {w.text() for w in window.findChildren(QAbstractButton)}
        texts |= {w.text() for w in window.findChildren(QLabel)}
        shown = [text for text in expected if any(text in t for t in texts)]
        if not shown:
            raise CheckFailed(_("after switching to German the window still shows English"))
        if window.audit_job is not None or window.outcome is not run_before:
            raise CheckFailed(_("switching the language ran the audit again"))
        if len(getattr(window.dashboard_page, "rule_cards", {})) != len(run_before.report.findings):
            raise CheckFailed(_("the dashboard lost its cards when the language changed"))
    finally:
        window.set_language(previous)
        app.processEvents()
    return _("switched to German ({n} of {total} page names) without re-running the audit").format(
        n=len(shown), total=len(expected)
    )


def _light_words_shown(window: Any) -> int:
    from PySide6.QtWidgets import QLabel

    from wa_audit.ui import theme

    words = {theme.light_word(light) for light in LIGHTS}
    return sum(1 for label in window.findChildren(QLabel) if label.text() in words)


def _distinct_colours(image: Any) -> int:
    step_x = max(1, image.width() // 80)
    step_y = max(1, image.height() // 60)
    seen = set()
    for y in range(0, image.height(), step_y):
        for x in range(0, image.width(), step_x):
            seen.add(image.pixel(x, y))
    return len(seen)


def check_pdf(ctx: Context) -> str:
    if ctx.report is None:
        raise Skip(_("needs the audit"))
    _qt_app(ctx)
    export_report = _attr("wa_audit.report", "export_report")
    _module("wa_audit.ui.pdf_report")
    from wa_audit.store.db import open_db

    out = ctx.tmp / "report.pdf"
    db = open_db(ctx.db_path)
    try:
        export_report(db, out, report=ctx.report)
    finally:
        db.close()
    if not out.exists():
        raise CheckFailed(_("no PDF was written"))
    data = out.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(_("the PDF file is not complete"))
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    if pages < 2:
        raise CheckFailed(_("the PDF has {n} pages, expected a cover and findings").format(n=pages))
    if b"/FontFile2" not in data and b"/FontFile" not in data:
        raise CheckFailed(_("the PDF has no embedded font"))
    return _("{pages} pages, {kb} KB, fonts embedded").format(pages=pages, kb=len(data) // 1024)


def check_licences(ctx: Context) -> str:
    """The licences and notices that must go with every copy (Qt's LGPL notice among them)."""
    licenses = _module("wa_audit.licenses")
    text = licenses.notices_text()
    for must in ("MIT License", "wa-audit uses the Qt", "GNU LESSER GENERAL PUBLIC LICENSE"):
        if must not in text:
            raise CheckFailed(_("the licence notices lack '{text}'").format(text=must))
    shipped = licenses.bundled_notices()
    where = shipped.name if shipped else _("collected from this Python environment")
    return _("{kb} KB of licence notices ({where}), Qt's LGPL notice present").format(
        kb=len(text.encode("utf-8")) // 1000, where=where
    )


CHECKS: list[tuple[str, Callable[[Context], str]]] = [
    ("data files", check_data),
    ("translations", check_translations),
    ("import", check_import),
    ("audit", check_audit),
    ("Qt translations", check_qt_translations),
    ("dashboard", check_dashboard),
    ("PDF report", check_pdf),
    ("licences", check_licences),
]


def _header() -> str:
    where = _("bundle") if getattr(sys, "frozen", False) else _("source")
    try:
        from PySide6 import __version__ as qt_version
    except ImportError:
        qt_version = "?"
    return _("wa-audit {version} self-test ({where}, {os}, Python {py}, Qt {qt})").format(
        version=__version__,
        where=where,
        os=f"{platform.system()} {platform.machine()}",
        py=platform.python_version(),
        qt=qt_version,
    )


def run_self_test(checks: list[tuple[str, Callable[[Context], str]]] | None = None) -> int:
    """Run every check; 0 if all passed, 1 otherwise (skipped pieces count as not passed)."""
    _print(_header())
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wa-audit-selftest-", ignore_cleanup_errors=True) as d:
        tmp = Path(d)
        ctx = Context(tmp=tmp, db_path=tmp / "selftest.wa-audit.db")
        results = run_checks(ctx, CHECKS if checks is None else checks)
    passed = sum(r.status == OK for r in results)
    failed = sum(r.status == FAIL for r in results)
    skipped = sum(r.status == SKIP for r in results)
    seconds = time.perf_counter() - start
    if failed or skipped:
        _print(
            _(
                "self-test FAILED: {ok} passed, {failed} failed, {skipped} skipped ({s:.1f} s)"
            ).format(ok=passed, failed=failed, skipped=skipped, s=seconds)
        )
        return 1
    _print(_("self-test passed: all {n} checks ({s:.1f} s)").format(n=passed, s=seconds))
    return 0
