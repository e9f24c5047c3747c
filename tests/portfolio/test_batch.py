"""`wa-audit batch` on generated client folders: one clean, one red, one with a broken file,
one tiny; a second run imports nothing new and says "no change"."""

from __future__ import annotations

import csv
import json

import pytest

from tests.rules.personas import PERSONAS
from wa_audit.cli import main


def _client(root, name, persona, **params):
    folder = root / name
    folder.mkdir(parents=True)
    _owner, chats = PERSONAS[persona](**params)
    for i, chat in enumerate(chats):
        chat.write(folder, i)
    return folder


@pytest.fixture(scope="module")
def clients(tmp_path_factory):
    root = tmp_path_factory.mktemp("clients")
    _client(root, "clean-bakery", "normal_shop", n=40)
    _client(root, "red-tool", "bulk_tool", n=300)
    broken = _client(root, "broken-files", "normal_shop", lang="de", seed=3, n=30)
    (broken / "WhatsApp Chat mit Kaputt.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    _client(root, "tiny", "normal_shop", n=3)
    only_bad = root / "only-bad"
    only_bad.mkdir()
    (only_bad / "WhatsApp Chat with X.txt").write_bytes(b"")
    return root


def _rows(out):
    with (out / "portfolio.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    return rows[0], {r[0]: r for r in rows[1:]}


def test_batch_twice(clients, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["batch", str(clients), "--out", str(out), "--format", "html", "--lang", "en"])
    assert code == 0
    err = capsys.readouterr()
    # progress per client on the terminal, the summary lists the bad files by name
    assert "[1/5] broken-files" in err.err and "[5/5] tiny" in err.err
    assert "Kaputt.zip" in err.out and "X.txt" in err.out
    head, rows = _rows(out)
    assert head[:5] == ["Client", "Chats", "Messages", "Period", "Overall light"]
    assert set(rows) == {"clean-bakery", "red-tool", "broken-files", "tiny", "only-bad"}
    assert rows["clean-bakery"][4] == "Green" and rows["clean-bakery"][5] == ""
    assert rows["red-tool"][4] == "Red" and "R01" in rows["red-tool"][5] + rows["red-tool"][6]
    assert rows["broken-files"][4] == "Green" and int(rows["broken-files"][1]) > 10
    assert rows["tiny"][4] == "Not computable"
    assert rows["only-bad"][4] == "not audited"
    assert all(rows[c][7] == "first audit" for c in rows if c != "only-bad")
    for client in ("clean-bakery", "red-tool", "broken-files", "tiny"):
        assert (out / f"{client}.wa-audit.db").exists()
        assert "<html" in (out / f"{client}.html").read_text(encoding="utf-8")
    assert not (out / "only-bad.html").exists()
    page = (out / "portfolio.html").read_text(encoding="utf-8")
    assert 'href="red-tool.html"' in page and "Kaputt.zip" in page
    first = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    assert {r["client"]: r["new_messages"] for r in first["rows"]}["red-tool"] > 300

    code = main(["batch", str(clients), "--out", str(out), "--format", "html", "--lang", "en"])
    assert code == 0
    _head, again = _rows(out)
    for client in ("clean-bakery", "red-tool", "broken-files", "tiny"):
        assert again[client][7] == "no change", client
        assert again[client][1:7] == rows[client][1:7]
    second = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    assert all(r["new_messages"] == 0 for r in second["rows"])
    assert again["only-bad"][7] == "not audited"


def test_new_messages_and_a_changed_light_are_reported(tmp_path):
    from wa_audit.portfolio.batch import run_batch

    root = tmp_path / "clients"
    _client(root, "shop", "normal_shop", n=30)
    out = tmp_path / "out"
    first = run_batch(root, out, "html", "en")
    assert first.rows[0].overall == "green" and first.rows[0].change == "new"
    # the client's next delivery holds a bulk tool's chats: new messages, new red rules
    _owner, chats = PERSONAS["bulk_tool"](lang="nl", n=300)
    for i, chat in enumerate(chats):
        chat.write(root / "shop", 1000 + i)
    second = run_batch(root, out, "html", "en")
    row = second.rows[0]
    assert row.change == "changed"
    assert row.change_detail["new_messages"] > 300
    assert row.change_detail["overall"] == ["green", row.overall] and row.overall != "green"


def test_dutch_table_and_a_missing_folder(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "nope" in capsys.readouterr().err
    root = tmp_path / "clients"
    _client(root, "winkel", "normal_shop", n=12)
    out = tmp_path / "out"
    assert main(["batch", str(root), "--out", str(out), "--format", "html", "--lang", "nl"]) == 0
    head, rows = _rows(out)
    assert head[0] == "Klant" and rows["winkel"][7] == "eerste audit"


def test_one_client_crashing_does_not_stop_the_others(tmp_path, monkeypatch):
    import wa_audit.audit
    from wa_audit.portfolio.batch import run_batch

    root = tmp_path / "clients"
    _client(root, "a-shop", "normal_shop", n=12)
    _client(root, "b-shop", "normal_shop", lang="de", n=12)
    real = wa_audit.audit.run_audit

    def flaky(db, *args, **kwargs):
        if "a-shop" in str(db.execute("PRAGMA database_list").fetchone()[2]):
            raise RuntimeError("boom")
        return real(db, *args, **kwargs)

    monkeypatch.setattr(wa_audit.audit, "run_audit", flaky)
    result = run_batch(root, tmp_path / "out", "html", "en")
    rows = {r.client: r for r in result.rows}
    assert rows["a-shop"].overall is None and rows["a-shop"].change == "failed"
    assert "internal error (RuntimeError)" in rows["a-shop"].problems[0]
    assert rows["b-shop"].overall == "green" and rows["b-shop"].report


def test_pdf_reports_from_the_command_line(tmp_path):
    """The real CLI in its own process (no Qt application yet: the PDF writer makes one)."""
    import os
    import subprocess
    import sys

    root = tmp_path / "clients"
    _client(root, "winkel", "normal_shop", n=12)
    out = tmp_path / "out"
    env = dict(os.environ, HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("DISPLAY", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wa_audit.cli",
            "batch",
            str(root),
            "--out",
            str(out),
            "--lang",
            "nl",
            "--pseudonymize",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "[1/1] winkel: rapport schrijven…" in done.stderr
    assert (out / "winkel.pdf").read_bytes().startswith(b"%PDF")


def test_an_empty_client_folder_is_named_with_what_to_do(tmp_path):
    from wa_audit.portfolio.batch import run_batch

    root = tmp_path / "clients"
    (root / "nothing-here").mkdir(parents=True)
    _client(root, "shop", "normal_shop", n=12)
    result = run_batch(root, tmp_path / "out", "html", "en")
    [(client, problem)] = result.problems
    assert client == "nothing-here"
    assert problem.startswith("nothing-here holds no chat exports") and "Put this" in problem
    assert [r.overall for r in result.rows] == [None, "green"]
