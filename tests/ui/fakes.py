"""Test inputs built at run time: chat exports as text, and a small audit report."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

OWNER = "Bakkerij Jansen"


def android_line(ts: datetime, sender: str | None, text: str) -> str:
    stamp = ts.strftime("%d/%m/%Y, %H:%M")
    return f"{stamp} - {sender}: {text}" if sender else f"{stamp} - {text}"


def write_chat(
    folder: Path, customer: str, start: datetime, n_pairs: int = 3, promo: bool = False
) -> Path:
    lines = [
        android_line(
            start,
            None,
            "Messages and calls are end-to-end encrypted. "
            "No one outside of this chat, not even WhatsApp, can read or listen "
            "to them. Tap to learn more.",
        )
    ]
    t = start
    for i in range(n_pairs):
        t += timedelta(minutes=7)
        lines.append(
            android_line(t, customer, f"Hello, is my order {i} ready? Call +31 6 1234 5678")
        )
        t += timedelta(minutes=3)
        lines.append(android_line(t, OWNER, f"Yes {customer.split()[0]}, order {i} is ready."))
    if promo:
        t += timedelta(days=3)
        lines.append(android_line(t, OWNER, "Big SALE this weekend: 30% off all cakes, order now!"))
    path = folder / f"WhatsApp Chat with {customer}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_exports(folder: Path, chats: int = 4) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    names = ["Anna de Vries", "Jan Smit", "Petra Müller", "Tom Bakker", "Eva Jansen", "Lars Olsen"]
    start = datetime(2026, 10, 1, 9, 0)
    return [
        write_chat(
            folder,
            names[i % len(names)] + ("" if i < len(names) else f" {i}"),
            start + timedelta(days=i),
            promo=True,
        )
        for i in range(chats)
    ]


def big_export(path: Path, messages: int) -> Path:
    """One long chat (for the responsiveness test)."""
    start = datetime(2025, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(messages):
            ts = start + timedelta(minutes=i)
            sender = OWNER if i % 2 else "Anna de Vries"
            fh.write(android_line(ts, sender, f"message number {i} about the order") + "\n")
    return path


def fake_report(db=None):
    """An AuditReport made of the real dataclasses, with evidence from the workspace."""
    from wa_audit.audit.model import AuditReport, FamilyLight, Finding
    from wa_audit.rules.base import Confidence, Family, Light, RuleMeta, RuleResult, Strength

    ids = []
    if db is not None:
        ids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM messages WHERE sender = ? ORDER BY id", [OWNER]
            ).fetchall()
        ]

    def meta(rid, fam, title):
        return RuleMeta(
            rid,
            rid.lower(),
            fam,
            Strength.STRONG,
            title,
            "What this checks.",
            "Why WhatsApp cares.",
            "What to do instead.",
        )

    findings = [
        Finding(
            meta("R01", Family.BULK, "Same message to many people"),
            RuleResult(
                "R01",
                Light.RED,
                "You sent the same message to {n} people.",
                {"n": 38},
                {"recipients": 38},
                ids[:10],
                Confidence.HIGH,
            ),
            6,
        ),
        Finding(
            meta("R09", Family.CONSENT, "Writing first to strangers"),
            RuleResult(
                "R09",
                Light.AMBER,
                "{n} chats started by you were never answered.",
                {"n": 12},
                {},
                ids[10:14],
                Confidence.MEDIUM,
            ),
            2.5,
        ),
        Finding(
            meta("R05", Family.AUTO, "Machine-like timing"),
            RuleResult(
                "R05", Light.GREY, "Needs seconds in the timestamps.", {}, {}, [], Confidence.LOW
            ),
            0,
        ),
        Finding(
            meta("R13", Family.CONTENT, "Mostly promotions"),
            RuleResult(
                "R13", Light.GREEN, "Few promotional messages.", {}, {}, [], Confidence.HIGH
            ),
            0,
        ),
    ]
    families = {
        "BULK": FamilyLight("BULK", Light.RED, 6, ["R01"]),
        "AUTO": FamilyLight("AUTO", Light.GREY, 0, ["R05"]),
        "CONSENT": FamilyLight("CONSENT", Light.AMBER, 2.5, ["R09"]),
        "CONTENT": FamilyLight("CONTENT", Light.GREEN, 0, ["R13"]),
    }
    return AuditReport(
        overall=Light.RED,
        overall_reason_key="A strong rule is red: {rule}.",
        overall_reason_params={"rule": "R01"},
        families=families,
        findings=findings,
        guidance={
            "traffic": [
                {
                    "type": "marketing",
                    "per_month": 120.0,
                    "where_code": "marketing",
                    "where": "WhatsApp Business Platform: marketing template with opt-in and an "
                    "opt-out button, or a Status/Channel update",
                    "rules": ["R01"],
                },
                {
                    "type": "service",
                    "per_month": 30.0,
                    "where_code": "service",
                    "where": "Keep in the app (or Platform service messages)",
                    "rules": [],
                },
            ],
            "actions": [
                {
                    "rule": "R01",
                    "light": "red",
                    "where_code": "marketing",
                    "where": "WhatsApp Business Platform: marketing template",
                    "instead": "Use templates.",
                },
                {
                    "rule": "R09",
                    "light": "amber",
                    "where_code": "optin",
                    "where": "Nowhere without opt-in",
                    "instead": "Collect opt-in first.",
                },
            ],
            "tier": {
                "peak_recipients_24h": 38,
                "peak_day_t": 0,
                "needed_tier": 250,
                "starting_tier": 250,
                "as_of": "2026-04-01",
            },
            "cost": {
                "currency": "EUR",
                "as_of": "2026-04-01",
                "eur_per_month": 17.5,
                "countries": [
                    {
                        "country": "NL",
                        "marketing_per_month": 120.0,
                        "utility_per_month": 0.0,
                        "service_per_month": 30.0,
                        "eur_per_month": 17.5,
                        "marketing_paused": False,
                    }
                ],
                "note_key": "Meta fees only, prices as of {as_of}.",
                "note_params": {"as_of": "2026-04-01"},
            },
            "prices_as_of": "2026-04-01",
        },
        coverage={
            "chats": 4,
            "messages": 40,
            "period_start": "2026-10-01",
            "period_end": "2026-10-08",
        },
        allowed_automation=[{"kind": "greeting", "chats": 3}],
    )


def write_optout_chat(folder: Path) -> Path:
    """A customer who says STOP and still gets a promotion."""
    t = datetime(2026, 10, 2, 10, 0)
    lines = [
        android_line(t, "Karin Vos", "Hello, do you deliver cakes on Sunday?"),
        android_line(t + timedelta(minutes=5), OWNER, "Yes Karin, on Sundays until noon."),
        android_line(
            t + timedelta(days=1), OWNER, "Big SALE this weekend: 30% off all cakes, order now!"
        ),
        android_line(t + timedelta(days=1, hours=1), "Karin Vos", "STOP"),
        android_line(t + timedelta(days=4), OWNER, "Last chance: 30% off all cakes, order now!"),
    ]
    path = folder / "WhatsApp Chat with Karin Vos.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
