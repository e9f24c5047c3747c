"""Hand-made workspaces and audit reports for the report and export tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from wa_audit.audit.model import AuditReport, FamilyLight, Finding
from wa_audit.rules.base import Confidence, Family, Light, RuleMeta, RuleResult, Strength
from wa_audit.store.db import OWNER as OWNER_KEY
from wa_audit.store.db import open_db, set_setting

OWNER = "Bakkerij Zon"
NASTY = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "</table><h1>broken</h1>",
]


class Workspace:
    def __init__(self, path=None) -> None:
        self.db = open_db(path) if path else open_db(memory=True)
        self.db.execute(
            "INSERT INTO imports(id, file_name, status, imported_at) VALUES (1, 'x.txt', "
            "'imported', '2026-10-01T00:00:00')"
        )
        set_setting(self.db, OWNER_KEY, OWNER)
        self._line = 0
        self.names: list[str] = []

    def chat(self, title: str, is_group: bool = False) -> int:
        cur = self.db.execute(
            "INSERT INTO chats(chat_key, title, is_group) VALUES (?, ?, ?)",
            [title + str(is_group), title, int(is_group)],
        )
        self.db.conn.commit()
        self.names.append(title)
        return cur.lastrowid

    def msg(self, chat_id: int, ts: datetime, sender: str | None, text: str, kind="text") -> int:
        self._line += 1
        cur = self.db.execute(
            "INSERT INTO messages(msg_key, chat_id, import_id, ts, sender, text, kind, line) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
            [
                f"k{self._line}",
                chat_id,
                ts.isoformat(timespec="seconds"),
                sender,
                text,
                kind,
                self._line,
            ],
        )
        if sender:
            self.db.execute(
                "INSERT INTO participants(chat_id, name, messages) VALUES (?, ?, 1) "
                "ON CONFLICT(chat_id, name) DO UPDATE SET messages = messages + 1",
                [chat_id, sender],
            )
        return cur.lastrowid

    def commit(self) -> None:
        self.db.conn.commit()


T0 = datetime(2026, 9, 1, 10, 0, 0)


def shop(path=None) -> tuple[Workspace, dict]:
    """A small shop: 12 customers, a promo blast, one opt-out ignored, nasty texts, numbers."""
    ws = Workspace(path)
    ids: dict[str, list[int]] = {"promo": [], "nasty": [], "optout": [], "after": []}
    customers = [
        "Anna de Vries", "Jürgen Müller", "Chloë Bakker", "+31 6 12345678", "Pieter Jansen",
        "Sanne Visser", "Mehmet Yilmaz", "Lotte Smit", "Klaus Schmidt", "Eva Meijer",
        "Tom Hendriks", "Fatima El Amrani",
    ]  # fmt: skip
    for i, name in enumerate(customers):
        c = ws.chat(name)
        t = T0 + timedelta(days=i)
        ws.msg(
            c, t, name, f"Hallo, is mijn bestelling al klaar? Bel me op 06-98765432. Groet, {name}"
        )
        ws.msg(
            c,
            t + timedelta(minutes=5),
            OWNER,
            f"Hoi {name.split()[0]}, ja hoor, order 4711 ligt klaar.",
        )
        # promo blast, business-initiated (more than 24 h after the customer's message)
        pid = ws.msg(
            c,
            datetime(2026, 10, 3, 9, 0, i),
            OWNER,
            f"Beste {name.split()[0]}, deze week 20% korting op alle taarten! Bestel via www.zon.nl",
        )
        ids["promo"].append(pid)
    nasty_chat = ws.chat("Evil <b>Corp</b>")
    for j, text in enumerate(NASTY):
        ids["nasty"].append(ws.msg(nasty_chat, T0 + timedelta(hours=j), "Evil <b>Corp</b>", text))
    # opt-out, then two more promos
    oc = ws.chat("Ruud Stopper")
    ws.msg(oc, datetime(2026, 10, 5, 12, 0), "Ruud Stopper", "Hoi, wat kost een taart?")
    ws.msg(oc, datetime(2026, 10, 5, 12, 5), OWNER, "Een taart kost 25 euro, Ruud.")
    ids["optout"].append(ws.msg(oc, datetime(2026, 10, 6, 8, 0), "Ruud Stopper", "STOP"))
    ws.msg(oc, datetime(2026, 10, 6, 8, 10), OWNER, "Oké, u krijgt geen berichten meer.")
    ids["after"].append(
        ws.msg(oc, datetime(2026, 10, 10, 9, 0), OWNER, "Nieuw: 2 taarten voor 30 euro!")
    )
    ids["after"].append(
        ws.msg(oc, datetime(2026, 10, 12, 9, 0), OWNER, "Laatste kans: korting op taart!")
    )
    ws.commit()
    return ws, ids


def meta(rule: str, title: str, family=Family.BULK, strength=Strength.STRONG) -> RuleMeta:
    return RuleMeta(
        id=rule,
        slug=title.lower().replace(" ", "_"),
        family=family,
        strength=strength,
        title=title,
        what="What it checks.",
        why="Why WhatsApp cares.",
        instead=f"Do this instead for {rule}.",
    )


def fake_report(ids: dict, run_id: int | None = None, r01=Light.RED) -> AuditReport:
    findings = [
        Finding(
            meta("R01", "Same message to many chats"),
            RuleResult(
                "R01",
                r01,
                "{recipients} chats got the same message within {hours} hours.",
                params={"recipients": 12, "hours": 1},
                figures={"max_recipients": 12, "cold_share": 0.0, "campaigns": 1},
                evidence=ids["promo"] + ids["nasty"],
            ),
            6.0,
        ),
        Finding(
            meta("R11", "Opt-outs ignored", Family.CONSENT),
            RuleResult(
                "R11",
                Light.AMBER,
                "{name} asked you to stop; {k} messages followed.",
                params={"name": "Ruud Stopper", "k": 2},
                figures={"violations": 2, "chat": "Ruud Stopper"},
                evidence=ids["optout"] + ids["after"],
            ),
            2.5,
        ),
        Finding(
            meta("R05", "Machine-like timing", Family.AUTO),
            RuleResult(
                "R05", Light.GREY, "Needs timestamps with seconds.", confidence=Confidence.LOW
            ),
        ),
        Finding(
            meta("R15", "Messages at night", Family.CONSENT, Strength.WEAK),
            RuleResult("R15", Light.GREEN, "No messages you started went out at night."),
        ),
    ]
    return AuditReport(
        overall=Light.RED,
        overall_reason_key="A strong check is red.",
        overall_reason_params={},
        families={"BULK": FamilyLight("BULK", Light.RED, 6.0, ["R01"])},
        findings=findings,
        guidance={},
        coverage={},
        run_id=run_id,
        audit_date="2026-10-12",
        started_at="2026-10-13T09:00:00",
        thresholds={"R01": {"amber_recipients": 20, "red_recipients": 1000}},
    )
