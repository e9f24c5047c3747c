from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

from tests.report.workspace import OWNER, Workspace
from wa_audit.exports.templates import (
    build_template,
    draft_templates,
    guess_category,
    normalise,
    write_templates,
)


def test_build_template_marks_differences_as_variables():
    body, examples = build_template(
        [
            "Hi Anna, your order 123 is ready for pickup.",
            "Hi Bob, your order 456 is ready for pickup.",
            "Hi Chloë Bakker, your order 789 is ready for pickup.",
        ]
    )
    assert body == "Hi {{1}}, your order {{2}} is ready for pickup."
    assert examples == ["Anna", "123"]


def test_identical_texts_have_no_variables():
    assert build_template(["Fijne feestdagen van de bakker!"] * 3) == (
        "Fijne feestdagen van de bakker!",
        [],
    )


def test_category_guess():
    assert guess_category("Your order 12 is ready for pickup") == "utility"
    assert guess_category("Je bestelling ligt klaar, nu 20% korting op taart!") == "marketing"
    assert guess_category("Deze week aanbieding: gratis koffie") == "marketing"


def test_normalise_masks_names_numbers_links():
    assert normalise("Hoi Anna, 20% korting via https://x.nl/a!", ["Anna"]) == (
        "hoi <name> <num> korting via <url>"
    )


def test_drafts_from_shop(ws_ids):
    ws, _ids = ws_ids
    (d,) = draft_templates(ws.db)
    assert d.body == "Beste {{1}}, deze week {{2}}% korting op alle taarten! Bestel via www.zon.nl"
    assert d.category == "marketing" and d.language == "nl"
    assert d.messages == 12 and d.chats == 12
    assert d.per_month == {"2026-10": 12}


def test_replies_are_not_templates():
    ws = Workspace()
    for i in range(5):
        c = ws.chat(f"Klant {i}")
        t = datetime(2026, 10, 1, 9) + timedelta(days=i)
        ws.msg(c, t, f"Klant {i}", "Hebben jullie nog brood?")
        ws.msg(
            c, t + timedelta(minutes=2), OWNER, "Ja hoor, we hebben nog volop vers brood liggen."
        )
    ws.commit()
    assert draft_templates(ws.db) == []


def test_exports_csv_and_json(ws_ids, tmp_path):
    ws, _ids = ws_ids
    assert write_templates(ws.db, tmp_path / "t.csv") == 1
    rows = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_text("utf-8-sig"))))
    assert rows[0][:3] == ["Template name", "Category", "Language"]
    assert "{{1}}" in rows[1][3]
    write_templates(ws.db, tmp_path / "t.json")
    data = json.loads((tmp_path / "t.json").read_text("utf-8"))
    t = data["templates"][0]
    assert t["category"] == "marketing" and t["variables"][0]["index"] == 1
    assert t["messages_per_month"] == {"2026-10": 12}
