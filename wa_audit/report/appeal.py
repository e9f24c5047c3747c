"""Appeal summary: a short document for a number that WhatsApp banned or restricted.

Lists what the audit found (red and amber checks, one sentence each), the corrective steps the
business took (given by the user, plus the reasons of "explained" marks), and what it plans
next; rendered like the report (HTML or PDF), in the chosen language.
"""

from __future__ import annotations

from typing import Any

from wa_audit.i18n import _, format_date, format_number
from wa_audit.report.document import Bullets, Document, Heading, KeyValues, Para


def build_appeal(
    db, report: Any, steps: list[str] | None = None, pseudonymize: bool = False
) -> Document:
    from datetime import datetime

    from wa_audit.i18n import current_language
    from wa_audit.report import history
    from wa_audit.report.builder import ReportBuilder, ReportOptions, finding_sentence, light_of

    b = ReportBuilder(db, report, ReportOptions(pseudonymize=pseudonymize))
    cov = b.coverage()
    doc = Document(
        title=_("Summary for a review request: {business}").format(business=b.business),
        lang=current_language(),
        footer=b.business,
    )
    doc.add(Heading(_("Summary for a review request"), 1))
    doc.add(
        Para(
            _(
                "{business} uses the WhatsApp Business app. After a restriction of its number it "
                "checked its own use of WhatsApp against WhatsApp's rules, found the points below "
                "and changed how it works."
            ).format(business=b.business),
            "lead",
        )
    )

    def day(v: Any) -> str:
        try:
            return format_date(datetime.fromisoformat(str(v)))
        except ValueError:
            return str(v or "–")

    doc.add(
        KeyValues(
            [
                (_("Business"), b.business),
                (
                    _("Period checked"),
                    _("{start} to {end}").format(
                        start=day(cov.get("period_start")), end=day(cov.get("period_end"))
                    ),
                ),
                (_("Chats checked"), format_number(int(cov.get("chats") or 0))),
                (_("Messages checked"), format_number(int(cov.get("messages") or 0))),
                (_("Audit date"), day(getattr(report, "audit_date", ""))),
            ]
        )
    )
    found = [f for f in report.findings if light_of(f) in ("red", "amber", "explained")]
    doc.add(Heading(_("What the audit found"), 2))
    if found:
        doc.add(
            Bullets(
                [
                    _("{rule} ({title}): {finding}").format(
                        rule=f.rule, title=_(f.meta.title), finding=finding_sentence(f, b.pseudo)
                    )
                    for f in found
                ]
            )
        )
    else:
        doc.add(Para(_("The audit found no sign of bulk, automated or unsolicited messaging.")))
    # typed by the user: free text, withheld in a pseudonymised summary like message texts
    taken = [b.pseudo.text(s.strip()) for s in (steps or []) if s.strip()]
    for note in history.explained_rules(db).values():
        if note.reason:
            reason = b.pseudo.text(note.reason)
            taken.append(_("{rule}: {reason}").format(rule=note.rule, reason=reason))
    doc.add(Heading(_("Corrective steps taken"), 2))
    doc.add(Bullets(taken) if taken else Para(_("(None recorded yet.)")))
    planned = [_(f.meta.instead) for f in found if light_of(f) in ("red", "amber")]
    if planned:
        doc.add(Heading(_("Further steps"), 2))
        doc.add(Bullets(list(dict.fromkeys(planned))))
    doc.add(
        Para(
            _(
                "This summary was made with wa-audit from the business's own chat exports, offline. "
                "It describes the business's own review; it is not a statement by WhatsApp."
            ),
            "small",
        )
    )
    return doc
