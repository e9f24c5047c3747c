"""Every warning the importer can give reaches the user as a plain sentence that names the file.

The importer's codes are found in its source (every `….warnings.append(…)`), so a new code
without a sentence in wa_audit/importer/warning_texts.py fails here, not in a user's hands.
Then real files with each fault are imported and the import page is read.
"""

from __future__ import annotations

import ast
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

import wa_audit.importer
from wa_audit.i18n import set_language
from wa_audit.importer.warning_texts import is_known, warning_text

from . import fakes

IMPORTER = Path(wa_audit.importer.__file__).parent
# what a code made at run time looks like, for each prefix the importer writes
SAMPLES = {
    "encoding:": ["encoding:cp1252", "encoding:latin-1", "encoding:utf-16", "encoding:utf-16-le"],
    "fallback_lines:": ["fallback_lines:4", "fallback_lines:3,7", "fallback_lines:1,2,3+17"],
}


def _emitted_codes() -> tuple[set[str], set[str], list[str]]:
    """(fixed codes, prefixes of codes built at run time, appends this test cannot read)."""
    fixed: set[str] = set()
    prefixes: set[str] = set()
    unreadable: list[str] = []
    for path in IMPORTER.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "insert", "extend")
                and "warnings" in ast.unparse(node.func.value)
            ):
                continue
            arg = node.args[-1]
            values = arg.elts if isinstance(arg, ast.List | ast.Tuple) else [arg]
            for value in values:
                head = value
                while isinstance(head, ast.BinOp):  # "prefix:" + … + …
                    head = head.left
                if isinstance(head, ast.JoinedStr):
                    head = head.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    (prefixes if head is not value else fixed).add(head.value)
                else:
                    unreadable.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return fixed, prefixes, unreadable


def test_the_importer_source_is_read():
    fixed, prefixes, unreadable = _emitted_codes()
    assert not unreadable, "a warning code this test cannot see; give it a literal code"
    # the codes issues 9-11 introduced; if one disappears, this test is reading the wrong thing
    assert {"date_order_guessed", "control_characters_removed", "probably_truncated"} <= fixed
    assert {"encoding:", "fallback_lines:"} <= prefixes


@pytest.mark.parametrize("lang", ["en", "nl", "de"])
def test_every_code_the_importer_can_emit_has_a_sentence(lang):
    fixed, prefixes, _ = _emitted_codes()
    unknown_prefixes = prefixes - set(SAMPLES)
    assert not unknown_prefixes, f"add samples and a sentence for {unknown_prefixes}"
    codes = sorted(fixed) + [c for p in sorted(prefixes) for c in SAMPLES[p]]
    try:
        set_language(lang)
        for code in codes:
            assert is_known(code), code
            text = warning_text(code, "dmy")
            assert text and code not in text and "{" not in text, (code, text)
            if lang != "en":
                set_language("en")
                english = warning_text(code, "dmy")
                set_language(lang)
                assert text != english, f"{code} is not translated into {lang}"
    finally:
        set_language("en")


def test_a_code_without_a_sentence_is_never_shown_raw():
    from wa_audit.importer.cli import warning_text as cli_text
    from wa_audit.ui.import_report import warning_text as app_text

    for code in ("made_up_code", "fallback_lines:", "fallback_lines:x", "encoding:"):
        assert not is_known(code)
        assert app_text(code) == ("", False)
        assert cli_text(code) == code  # the command line prints what it cannot explain


def test_the_line_numbers_are_named_and_the_rest_counted():
    assert warning_text("fallback_lines:4").startswith("Line 4 was not saved as UTF-8")
    text = warning_text("fallback_lines:1,2,12345+17")
    assert text.startswith("Lines 1, 2, 12345 and 17 more were not saved as UTF-8")
    set_language("de")
    try:
        assert warning_text("fallback_lines:4").startswith("Zeile 4 ")
        assert "1, 2, 12345 und 17 weitere" in warning_text("fallback_lines:1,2,12345+17")
    finally:
        set_language("en")


def test_the_date_sentence_follows_the_order_used_in_app_and_command_line():
    from wa_audit.importer.cli import warning_text as cli_text
    from wa_audit.ui.import_report import warning_text as app_text

    day = app_text("date_order_guessed", "dmy")[0]
    month = app_text("date_order_guessed", "mdy")[0]
    assert "day first (31-12)" in day and "month first" not in day
    assert "month first (12/31)" in month and "day first" not in month
    assert cli_text("date_order_guessed", "mdy") == month  # one truth
    assert cli_text("date_order_guessed", "dmy") == day


# -- real files, imported and shown on the import page -------------------------------------------
def write_faulty_folder(folder: Path) -> dict[str, Path]:
    """A damaged zip, a UTF-8 file with one Windows-1252 line, a file with ambiguous dates, a
    file with control characters, and a plain good one."""
    folder.mkdir(parents=True, exist_ok=True)
    good = fakes.write_chat(folder, "Tom Bakker", datetime(2026, 10, 14, 9, 0))
    ambiguous = fakes.write_chat(folder, "Anna de Vries", datetime(2026, 7, 3, 9, 0), n_pairs=4)
    stray = folder / "WhatsApp Chat with Jürgen Weiß.txt"
    lines = [
        "14/10/2026, 09:00 - Jürgen Weiß: Guten Morgen, ist die Torte fertig?",
        f"14/10/2026, 09:05 - {fakes.OWNER}: Ja, Jürgen, sie ist fertig.",
    ]
    body = ("\n".join(lines) + "\n").encode("utf-8")
    body += "14/10/2026, 09:07 - Jürgen Weiß: Schön, danke!\n".encode("cp1252")
    stray.write_bytes(body)
    controls = folder / "WhatsApp Chat with Eva Jansen.txt"
    controls.write_text(
        f"14/10/2026, 10:00 - Eva Jansen: Hallo\x00\x1b[31m daar\n"
        f"14/10/2026, 10:05 - {fakes.OWNER}: Hoi Eva\n",
        encoding="utf-8",
    )
    damaged = folder / "WhatsApp Chat with Lars Olsen.zip"
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("WhatsApp Chat with Lars Olsen.txt", good.read_text(encoding="utf-8") * 40)
    raw = bytearray(damaged.read_bytes())
    start = 30 + len("WhatsApp Chat with Lars Olsen.txt")  # the first entry's data
    raw[start + 20 : start + 60] = b"\xff" * 40
    damaged.write_bytes(bytes(raw))
    return {
        "good": good,
        "ambiguous": ambiguous,
        "stray": stray,
        "controls": controls,
        "damaged": damaged,
    }


def _import(folder: Path, db_path: Path):
    from wa_audit.importer import import_paths

    gen = import_paths([folder], db_path, owner=fakes.OWNER)
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


@pytest.fixture
def imported(tmp_path):
    files = write_faulty_folder(tmp_path / "exports")
    summary = _import(tmp_path / "exports", tmp_path / "ws.db")
    return files, summary


def _entry(page, name: str) -> str:
    """The sentences shown for one file (its entry names it in the first sentence)."""
    found = [t for t in page.report_texts() if name in t.split("\n")[0]]
    assert len(found) >= 1, (name, page.report_texts())
    return found[-1]


def test_the_import_page_names_each_file_and_what_its_warning_means(qtbot, imported):
    from wa_audit.ui.pages.import_page import ImportPage

    files, summary = imported
    page = ImportPage()
    qtbot.addWidget(page)
    page.show()
    page.show_summary(summary, fakes.OWNER)
    page.details_button.click()
    by_status = {f.path.name: f for f in summary.files}
    assert by_status[files["damaged"].name].status == "error"
    damaged = _entry(page, files["damaged"].name)
    assert "is damaged" in damaged and "Export the chat again" in damaged
    stray = _entry(page, files["stray"].name)
    assert "Line 3 was not saved as UTF-8" in stray and "Windows-1252" in stray
    assert "control characters" in _entry(page, files["controls"].name).lower()
    ambiguous = _entry(page, files["ambiguous"].name)
    assert "were read day first (31-12)" in ambiguous
    good = _entry(page, files["good"].name)
    assert good.count("\n") == 0  # nothing to say about a good file but what it imported
    # the damaged zip is the one problem, shown first without opening the details
    assert page.summary_label.text().endswith("1 problem")
    assert page.problem_box.count() == 1
    assert page.date_card.isVisible()
    every = "\n".join(page.report_texts())
    for code in ("fallback_lines", "control_characters", "date_order", "encoding:"):
        assert code not in every


def test_month_first_keeps_the_import_report_and_shows_the_new_reading_first(
    qtbot, window, tmp_path, audit_calls
):
    from PySide6.QtCore import Qt

    files = write_faulty_folder(tmp_path / "exports")
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")
    page = window.import_page
    qtbot.keyClicks(page.owner_combo.lineEdit(), fakes.OWNER)
    with qtbot.waitSignal(window.audit_finished, timeout=60000):
        window.start_import([str(tmp_path / "exports")])
    window.go("import")
    summary = page.summary_label.text()
    assert summary == "5 files, 4 chats, 21 messages, 1 problem"
    # the card names the file and shows what each choice means for its first message
    example = page.date_card.example.text()
    assert files["ambiguous"].name in example
    assert "3 July 2026 if the day comes first" in example
    assert "7 March 2026 if the month comes first" in example
    with qtbot.waitSignal(window.audit_finished, timeout=60000):
        qtbot.mouseClick(page.date_card.month_button, Qt.LeftButton)
    assert audit_calls == [1, 1]
    texts = page.report_texts()
    assert texts[:2] == ["Dates read again", summary]  # the import's own summary stays
    assert texts[2].startswith(files["ambiguous"].name + ": the dates of 9 messages")
    assert texts[2].endswith("read again, month first (12/31).")
    assert files["damaged"].name in texts[3] and "is damaged" in texts[3]  # still in view
    assert not page.date_card.isVisibleTo(window)
