"""Outputs never destroy data (issue 10, first section), on the command line."""

from __future__ import annotations

import contextlib
import os

import pytest

from tests.faults.conftest import read_only

OPTIONS = ["--out", "--json", "--optout-csv", "--templates", "--appeal"]
SUFFIX = {"--out": ".html", "--appeal": ".html", "--json": ".json", "--optout-csv": ".csv",
          "--templates": ".csv"}  # fmt: skip


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize("which", ["workspace", "-wal", "-shm", "input"])
def test_no_output_over_the_workspace_or_an_input(ws, cli, option, which):
    if which == "workspace":
        target = ws.db
    elif which == "input":
        target = ws.inputs[0]
    else:
        target = ws.db.with_name(ws.db.name + which)
        target.write_bytes(b"")  # as while the app has the workspace open
    before_ws, before_input = ws.digest(), ws.inputs[0].read_bytes()
    rc, out, err = cli("report", "--db", str(ws.db), option, str(target), "--force")
    if option in ("--out", "--appeal") and target.suffix not in (".html", ".pdf"):
        assert rc == 2 and "must end in .pdf or .html" in err  # refused for its name already
    else:
        assert rc == 1
        assert str(target) in err and "not overwritten" in err
    assert ws.digest() == before_ws and ws.inputs[0].read_bytes() == before_input
    assert "written" not in out


def test_report_with_the_workspace_name_as_html_is_refused(ws, cli):
    # a workspace named like a report must not be replaced by one either
    html_ws = ws.db.rename(ws.db.with_suffix(".html"))
    before = html_ws.read_bytes()
    rc, _out, err = cli("report", "--db", str(html_ws), "--out", str(html_ws), "--force")
    assert rc == 1 and "not overwritten" in err and html_ws.read_bytes() == before


@pytest.mark.parametrize("option", OPTIONS)
def test_existing_file_needs_force_and_is_replaced_atomically(ws, cli, tmp_path, option):
    target = tmp_path / ("old" + SUFFIX[option])
    target.write_text("keep me", "utf-8")
    rc, _out, err = cli("report", "--db", str(ws.db), option, str(target))
    assert rc == 1 and str(target) in err and "--force" in err
    assert target.read_text("utf-8") == "keep me"
    rc, out, _err = cli("report", "--db", str(ws.db), option, str(target), "--force")
    assert rc == 0 and "written" in out and target.read_text("utf-8-sig") != "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_one_refused_output_means_nothing_is_written(ws, cli, tmp_path):
    fine = tmp_path / "fine.csv"
    rc, _out, _err = cli(
        "report", "--db", str(ws.db), "--optout-csv", str(fine), "--json", str(ws.db)
    )
    assert rc == 1 and not fine.exists()


def test_same_file_twice_is_refused(ws, cli, tmp_path):
    same = tmp_path / "x.csv"
    rc, _out, err = cli(
        "report", "--db", str(ws.db), "--optout-csv", str(same), "--templates", str(same)
    )
    assert rc == 1 and str(same) in err and not same.exists()


def test_symlink_target_is_refused(ws, cli, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", "utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(victim)
    rc, _out, err = cli("report", "--db", str(ws.db), "--out", str(link), "--force")
    assert rc == 1 and "symbolic link" in err and str(link) in err
    assert victim.read_text("utf-8") == "precious" and link.is_symlink()


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_missing_folder_fails_plainly(ws, cli, tmp_path, suffix):
    target = tmp_path / "no" / "such" / ("r" + suffix)
    rc, out, err = cli("report", "--db", str(ws.db), "--out", str(target))
    assert rc == 1 and "does not exist" in err and str(target) in err
    assert "written" not in out and not target.exists()


@pytest.mark.parametrize("suffix", [".pdf", ".html", ".csv"])
def test_unwritable_folder_fails_plainly(ws, cli, tmp_path, monkeypatch, suffix):
    folder = tmp_path / "ro"
    folder.mkdir()
    read_only(folder, monkeypatch)
    option = "--optout-csv" if suffix == ".csv" else "--out"
    target = folder / ("r" + suffix)
    rc, out, err = cli("report", "--db", str(ws.db), option, str(target))
    folder.chmod(0o755)
    assert rc == 1 and "may not write" in err and str(target) in err
    assert "written" not in out and not target.exists()


def test_failure_while_writing_leaves_the_old_file(ws, cli, tmp_path, monkeypatch):
    import wa_audit.report.html as html

    target = tmp_path / "r.html"
    target.write_text("old report", "utf-8")

    def broken(doc, flavour="browser"):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(html, "render_html", broken)
    rc, _out, err = cli("report", "--db", str(ws.db), "--out", str(target), "--force")
    assert rc == 1 and "disk is full" in err and str(target) in err
    assert target.read_text("utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "ws"]


def test_pdf_export_reports_pages_and_cancel_leaves_no_file(ws, tmp_path, qapp):
    from wa_audit.errors import ExportCancelled
    from wa_audit.report import export_report
    from wa_audit.store.db import open_db

    db = open_db(ws.db)
    seen: list[tuple[int, int]] = []
    target = tmp_path / "r.pdf"
    try:
        export_report(db, target, progress=lambda page, pages: seen.append((page, pages)))
        assert target.read_bytes().startswith(b"%PDF") and seen[-1][0] == seen[-1][1] > 1
        assert [p for p, _n in seen] == list(range(seen[-1][1] + 1))  # 0 = laid out
        target.unlink()
        for stop_at in (0, 2):
            with pytest.raises(ExportCancelled):
                export_report(db, target, progress=lambda page, pages, s=stop_at: page < s)
            assert not target.exists()
    finally:
        db.close()
    assert not target.exists() and os.listdir(tmp_path) == ["ws"]


def test_output_that_is_a_folder(ws, cli, tmp_path):
    folder = tmp_path / "reports.html"
    folder.mkdir()
    rc, _out, err = cli("report", "--db", str(ws.db), "--out", str(folder), "--force")
    assert rc == 1 and str(folder) in err and "it is a folder" in err and folder.is_dir()


def test_replaced_file_keeps_its_permissions(ws, cli, tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    rc, _out, _err = cli("report", "--db", str(ws.db), "--optout-csv", str(target), "--force")
    assert rc == 0 and (target.stat().st_mode & 0o777) == 0o640
    fresh = tmp_path / "fresh.csv"
    rc, _out, _err = cli("report", "--db", str(ws.db), "--optout-csv", str(fresh))
    umask = os.umask(0)
    os.umask(umask)
    assert rc == 0 and (fresh.stat().st_mode & 0o777) == 0o666 & ~umask


@pytest.fixture
def full_disk(tmp_path):
    """A 64 KB tmpfs: a real full disk (needs the right to mount; skipped elsewhere)."""
    import subprocess

    mnt = tmp_path / "full"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


@pytest.mark.parametrize("name", ["r.pdf", "r.html", "a.json"])
def test_real_full_disk_keeps_the_old_file_and_leaves_no_part(ws, cli, full_disk, name):
    target = full_disk / name
    target.write_text("old", "utf-8")
    with contextlib.suppress(OSError), (full_disk / "filler").open("wb") as fh:
        while True:  # fill the disk to the last byte
            fh.write(b"\0" * 4096)
            fh.flush()
    option = "--json" if name.endswith(".json") else "--out"
    rc, out, err = cli("report", "--db", str(ws.db), option, str(target), "--force")
    assert rc == 1 and "the disk is full" in err and str(target) in err
    assert "written" not in out
    assert target.read_text("utf-8") == "old"
    assert sorted(os.listdir(full_disk)) == sorted([name, "filler"])


def test_pdf_progress_that_raises_stops_and_leaves_no_file(ws, tmp_path, qapp):
    from wa_audit.report import export_report, latest_report
    from wa_audit.report.builder import build_report
    from wa_audit.store.db import open_db
    from wa_audit.ui.pdf_report import write_pdf

    class Stop(Exception):
        pass

    def stop(page, pages):
        if page == 1:
            raise Stop

    db = open_db(ws.db)
    try:
        with pytest.raises(Stop):
            export_report(db, tmp_path / "a.pdf", progress=stop)
        with pytest.raises(Stop):  # the Qt writer alone cleans up too
            write_pdf(build_report(db, latest_report(db)), tmp_path / "b.pdf", progress=stop)
    finally:
        db.close()
    assert sorted(os.listdir(tmp_path)) == ["ws"]


def test_side_file_through_a_linked_folder_is_still_refused(ws, cli, tmp_path):
    alias = tmp_path / "alias"
    alias.symlink_to(ws.db.parent, target_is_directory=True)
    wal = alias / (ws.db.name + "-wal")  # does not exist while no window has the workspace open
    rc, _out, err = cli("report", "--db", str(ws.db), "--json", str(wal))
    assert rc == 1 and "not overwritten" in err and not wal.exists()
