"""A real workspace full of hard cases, made by the real importer from generated exports, and
a runner for the command line that fails a test on any traceback."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from wa_audit.demo import ChatFile

OWNER = "Bakkerij Zon"
# Customers whose names compare differently by case, accents or normalisation, in every
# supported language and beyond; and short names.
CUSTOMERS = [
    ("Jürgen Weiß", "de", "android"),
    ("İbrahim Yılmaz", "de", "ios"),
    ("Zoe\u0308 van der Berg", "nl", "android"),  # e + combining diaeresis
    ("Hoi Bo", "nl", "ios"),
    ("Ólafur Þórsson", "en", "android"),
    ("Søren Ødegård", "en", "ios"),
    ("Малгожата Ковальчик", "en", "android"),
    ("陈伟", "en", "android"),
    ("+31 6 12345678", "nl", "android"),
    ("+49 (0)171 9876543", "de", "ios"),
]
# Free text a customer wrote: a colleague's and a relative's name, a street, postcodes, an IBAN,
# e-mail with [at]/[dot], numbers in every notation.
SECRETS = [
    "Gruß von Kasimir, meine Schwester Wiltrud holt die Torte",
    "Bezorgen op Lindengracht 77, 1015 KH Amsterdam",
    "Lieferung an Kastanienallee 12, 10435 Berlin",
    "IBAN NL91 ABNA 0417 1643 00 graag",
    "IBAN DE89370400440532013000 bitte",
    "mail me: hendrika.quast [at] posteo [dot] de",
    "of bel 020-6241111 of 0031 20 624 1111 of (020) 624.11.11",
    "Kundennummer 4711-0815-99, Bestellung #88231",
    "mein Handy 0171/9876543",
]
ORIGINAL_TOKENS = [
    "Jürgen", "Weiß", "WEISS", "İbrahim", "Ibrahim", "Yılmaz", "Zoë", "Zoe\u0308", "Berg", "Bo",
    "Ólafur", "Þórsson", "Søren", "Ødegård", "Малгожата", "Ковальчик", "陈伟", "12345678",
    "9876543", "Kasimir", "Wiltrud", "Lindengracht", "1015", "Kastanienallee", "10435", "ABNA",
    "0417", "DE89370400440532013000", "hendrika", "quast", "posteo", "6241111", "624", "4711",
    "0815", "88231", "Torte", "Amsterdam", "Berlin",
]  # fmt: skip
REASON = "Wiltrud Kasimirsen bestelde zelf via 0612398765"
STEP = "Removed Søren Ødegård (Lindengracht 77) from every list"


def write_exports(folder: Path) -> list[Path]:
    start = datetime(2026, 9, 1, 9, 0)
    paths = []
    for i, (name, lang, platform) in enumerate(CUSTOMERS):
        chat = ChatFile(name, platform=platform, lang=lang)
        t = start + timedelta(hours=i)
        chat.add(t, name, SECRETS[i % len(SECRETS)])
        chat.add(t + timedelta(minutes=3), OWNER, "Dank je wel, we regelen het!")
        for k in range(12):  # an ordinary conversation around the hard cases
            who = OWNER if k % 2 else name
            chat.add(t + timedelta(days=1, minutes=17 * k + 1), who, f"Prima, tot dan {k}")
        for d in range(1, 4):  # the same promotion to everybody: findings with evidence
            chat.add(
                t + timedelta(days=d * 7), OWNER, "Wiltrud bakt: deze week 20% korting op taarten!"
            )
        chat.add(t + timedelta(days=8), name, "Stop, geen berichten meer. " + SECRETS[-1])
        chat.add(t + timedelta(days=15, minutes=5), name, name + " \x1b[2J\x07 hier")
        paths.append(chat.write(folder, i))
    return paths


@dataclass
class Ws:
    db: Path
    inputs: list[Path]
    folder: Path

    def digest(self) -> str:
        """The workspace's whole content (SQLite's -wal/-shm files come and go on open)."""
        import sqlite3

        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            h = hashlib.sha256()
            for line in conn.iterdump():
                h.update(line.encode())
            return h.hexdigest()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Ws:
    from wa_audit.cli import main

    folder = tmp_path_factory.mktemp("exports")
    inputs = write_exports(folder)
    db = folder.parent / (folder.name + "-ws") / "shop.db"
    db.parent.mkdir()
    assert main(["import", *map(str, inputs), "--db", str(db), "--owner", OWNER]) == 0
    assert main(["audit", "--db", str(db)]) == 0
    assert main(["report", "--db", str(db), "--explain", "R01", "--reason", REASON]) == 0
    return Ws(db, inputs, folder)


@pytest.fixture
def ws(built, tmp_path) -> Ws:
    """A private copy of the built workspace (faults may not leak between tests)."""
    import shutil

    db = tmp_path / "ws" / "shop.db"
    db.parent.mkdir()
    shutil.copy(built.db, db)
    return Ws(db, built.inputs, built.folder)


@pytest.fixture
def cli(capsys):
    """Run the CLI in-process; return (exit code, stdout, stderr) and assert no traceback."""
    from wa_audit.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        rc = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "Traceback" not in out
        return rc, out, err

    return run


def read_only(path: Path, monkeypatch) -> None:
    """Make `path` read-only; as root (who may write anyway) the OS answer is stood in for."""
    path.chmod(0o555 if path.is_dir() else 0o444)
    if os.geteuid() == 0:
        real = os.access
        target = os.path.abspath(path)
        monkeypatch.setattr(
            os,
            "access",
            lambda p, mode, **kw: False
            if os.path.abspath(p) == target and mode & os.W_OK
            else real(p, mode, **kw),
        )
