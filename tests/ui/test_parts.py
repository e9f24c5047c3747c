"""Models, masking, charts, crash report, screenshot mode."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

from wa_audit.store.messages import MessageRow, fts_query
from wa_audit.ui import charts
from wa_audit.ui.models import MessageTableModel, mask_phones

from . import fakes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call +31 6 1234 5678 now", "call +31 6 •••• ••78 now"),
        ("0612345678", "061•••••78"),
        ("+49 (30) 123456-78", "+49 (3•) ••••••-78"),
        ("order 12345 at 14:05", "order 12345 at 14:05"),  # too short to be a phone number
        ("", ""),
    ],
)
def test_mask_phones(text, expected):
    assert mask_phones(text) == expected


def test_fts_query_is_safe():
    assert fts_query('say "hi" OR drop*') == '"say" "hi" "OR" "drop"*'
    assert fts_query("  ...  ") == ""


def rows():
    return [
        MessageRow(
            1, 1, "Anna", "2026-10-01T09:00:00", "Anna", "Call +31 6 1234 5678", "text", True
        ),
        MessageRow(2, 1, "Anna", "2026-10-01T09:05:00", "Shop", "Yes", "text"),
        MessageRow(3, 2, "+31 6 8765 4321", "2026-10-02T10:00:00", None, "joined", "system"),
    ]


def test_message_model_passes_qt_model_checks(qtmodeltester):
    model = MessageTableModel()
    model.set_rows(rows())
    qtmodeltester.check(model)
    assert model.index(2, 0).data() == "+31 6 •••• ••21"
    assert model.index(2, 2).data() == "(system)"
    model.set_masked(False)
    assert model.index(0, 3).data() == "Call +31 6 1234 5678"
    assert model.headerData(3, Qt.Horizontal) == "Message"


def _painted(image: QImage) -> int:
    """How many sampled pixels differ from the background (top-left corner)."""
    bg = image.pixel(0, 0)
    return sum(
        image.pixel(x, y) != bg
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )


DAILY = [
    charts.DayCount(__import__("datetime").date(2026, 10, d), d % 3, d % 5) for d in range(1, 29)
]
HEAT = [[(r * h) % 7 for h in range(24)] for r in range(7)]
GAPS = [charts.GapBin("<2 s", 3), charts.GapBin("2–5 s", 8), charts.GapBin("1–2 min", 4, True)]


@pytest.mark.parametrize(("kind", "data"), [("daily", DAILY), ("heatmap", HEAT), ("gaps", GAPS)])
def test_charts_draw_on_an_image_and_a_pdf(qapp, tmp_path, kind, data):
    image = charts.render_image(kind, data, QSize(600, 260))
    assert _painted(image) > 3
    empty = charts.render_image(kind, [], QSize(600, 260))
    assert 0 < _painted(empty) < _painted(image) / 2  # only the "no data" sentence
    pdf = tmp_path / f"{kind}.pdf"
    writer = QPdfWriter(str(pdf))
    p = QPainter(writer)
    charts.PAINTERS[kind](p, QRectF(0, 0, writer.width(), writer.height() / 3), data)
    p.end()
    assert pdf.stat().st_size > 1000


def test_chart_stays_inside_its_rect(qapp):
    image = QImage(400, 400, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    charts.paint_daily(p, QRectF(100, 100, 200, 120), DAILY)
    p.end()
    white = QColor("white").rgb()
    outside = [image.pixel(x, y) for x in range(0, 400, 5) for y in (0, 50, 95, 230, 300, 399)]
    assert set(outside) == {white}


def test_crash_report_holds_no_message_text_or_numbers():
    from wa_audit.ui.crash import crash_report

    secret = "Anna: call me on +31 6 1234 5678 about the order"
    try:
        raise ValueError(secret)
    except ValueError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__)
    assert "builtins.ValueError" in report
    assert "test_parts.py" in report
    assert "Anna" not in report and "1234" not in report and "order" not in report


def test_excepthook_opens_the_crash_dialog_wrapper(qapp, dialog_log):
    from wa_audit.ui.crash import show_crash

    try:
        raise RuntimeError("text with +31 6 1234 5678")
    except RuntimeError as exc:
        show_crash(type(exc), exc, exc.__traceback__)
    kinds = [c[0] for c in dialog_log]
    assert kinds == ["crash"]
    assert "1234" not in dialog_log[0][1][0]


@pytest.mark.allow_modal
def test_crash_dialog_copies_the_report(qtbot, qapp):
    from PySide6.QtWidgets import QApplication

    from wa_audit.ui.dialogs import CrashDialog

    dlg = CrashDialog("wa-audit 0.1.0\nError type: builtins.KeyError")
    qtbot.addWidget(dlg)
    from PySide6.QtWidgets import QPushButton

    copy = next(b for b in dlg.findChildren(QPushButton) if b.text() == "Copy report")
    copy.click()
    assert QApplication.clipboard().text().startswith("wa-audit 0.1.0")


def test_screenshot_mode_renders_every_page(qapp, tmp_path, audit_calls, monkeypatch):
    from wa_audit.importer import import_paths
    from wa_audit.store.db import open_db, set_setting
    from wa_audit.ui import app as ui_app

    db_path = tmp_path / "shop.wa-audit.db"
    gen = import_paths(fakes.write_exports(tmp_path / "exp", 4), db_path)
    for _ in gen:
        pass
    db = open_db(db_path)
    set_setting(db, "owner_confirmed", "1")
    db.close()
    out = tmp_path / "shots"
    args = SimpleNamespace(demo=False, db=str(db_path), lang="en", screenshot=str(out))
    assert ui_app.run(args) == 0
    names = {p.name for p in out.glob("*.png")}
    assert names >= {f"{n}.png" for n in ui_app.SCREENSHOT_PAGES}
    image = QImage(str(out / "dashboard.png"))
    assert image.width() >= 1280 and _painted(image) > 10


def test_user_errors_from_background_jobs_become_typed_errors_naming_the_file():
    import sqlite3

    from wa_audit.errors import DatabaseLocked, DiskFull
    from wa_audit.store.faults import user_error

    locked = user_error(sqlite3.OperationalError("database is locked"), "shop.wa-audit.db")
    assert isinstance(locked, DatabaseLocked)
    assert "shop.wa-audit.db" in locked.user_message()
    assert isinstance(user_error(sqlite3.OperationalError("database or disk is full")), DiskFull)
    assert isinstance(user_error(KeyError("x")), KeyError)


def test_rows_model_passes_qt_model_checks(qtmodeltester):
    from wa_audit.ui.models import RowsModel

    model = RowsModel(("Customer", "Status"))
    model.set_rows([("Anna", "Handled correctly"), ("Jan", None)])
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == ""
    assert model.headerData(0, Qt.Horizontal) == "Customer"


def test_chart_data_splits_replies_from_messages_the_business_started(tmp_path):
    from wa_audit.importer import import_paths
    from wa_audit.store.db import open_db
    from wa_audit.ui.chart_data import compute_chart_data

    folder = tmp_path / "exp"
    folder.mkdir()
    # per chat: 3 customer questions answered within minutes + 1 promotion 3 days later
    for path in [
        fakes.write_chat(folder, name, fakes.datetime(2026, 10, 1, 9, 0), promo=True)
        for name in ("Anna de Vries", "Jan Smit")
    ]:
        assert path.exists()
    for _ in import_paths([folder], tmp_path / "w.db"):
        pass
    db = open_db(tmp_path / "w.db")
    data = compute_chart_data(db, fakes.OWNER)
    db.close()
    assert (data.replies, data.business_initiated) == (6, 2)
    assert sum(d.business for d in data.daily) == 2 and sum(d.replies for d in data.daily) == 6
    assert sum(map(sum, data.heatmap)) == 2
    # the two promotions went out at the same minute to different chats: one gap < 2 s
    assert sum(n for _label, n, _human in data.gaps) == 1
