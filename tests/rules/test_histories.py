"""Business histories written apart from the rule personas, imported as real export files and
audited as a user would: for each business, the rules that must be red, must not be red, and must
not be green (HEURISTICS R01-R19; issue 9's cases: polite "ich melde mich" / "ik meld me",
byte-identical bulk chats, a menu bot day and night, spun pitches, a group filled by the business,
nagging, a mail-merge tool, a vape shop, a restaurant answering what wine costs, an opt-out
ignored and one honoured)."""

from __future__ import annotations

import pytest

from tests.rules.histories import write_all
from wa_audit.audit import run_audit
from wa_audit.importer import import_paths
from wa_audit.store.db import open_db


@pytest.fixture(scope="module")
def histories(tmp_path_factory):
    folder = tmp_path_factory.mktemp("histories")
    return folder, write_all(folder)


BUSINESSES = [
    "de_practice_polite",
    "nl_bike_shop_polite",
    "bulk_identical",
    "menu_bot",
    "spintax",
    "group_filled",
    "nagging",
    "mailmerge_tool",
    "vape_shop",
    "restaurant_normal",
    "optout_ignored",
    "optout_honoured",
]


def _audit(folder, name, owner):
    db_path = folder / f"{name}.db"
    gen = import_paths([str(folder / name)], db_path, owner=owner)
    try:
        while True:
            next(gen)
    except StopIteration:
        pass
    db = open_db(db_path)
    try:
        report = run_audit(db)
        chats = db.execute("SELECT COUNT(*) FROM chats").fetchone()[0]
    finally:
        db.close()
    return report, chats


@pytest.mark.parametrize("name", BUSINESSES)
def test_each_business_gets_the_lights_it_deserves(histories, name):
    folder, expect = histories
    e = expect[name]
    report, chats = _audit(folder, name, e["owner"])
    lights = {f.rule: str(f.result.light) for f in report.findings}
    wrong = [
        f"{r} should be red, is {lights.get(r)}" for r in e.get("red", []) if lights.get(r) != "red"
    ]
    wrong += [f"{r} must not be red" for r in e.get("not_red", []) if lights.get(r) == "red"]
    wrong += [
        f"{r} must not be green, is {lights.get(r)}"
        for r in e.get("not_green", [])
        if lights.get(r) in ("green", None)
    ]
    if "chats" in e:
        assert chats == e["chats"], "every export is one chat"
    assert not wrong, wrong


def test_the_list_covers_every_written_history(histories):
    assert sorted(histories[1]) == sorted(BUSINESSES)
