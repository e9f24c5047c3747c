"""The report's appendices: the opt-out register and the audit trail of explained findings.

Each section takes `b`, the report.builder.ReportBuilder (not imported: no cycle).
"""

from __future__ import annotations

from typing import Any

from wa_audit.i18n import _, format_number
from wa_audit.report import history
from wa_audit.report.document import Document, Heading, Para, Table


def optout_section(b: Any, doc: Document) -> None:
    from wa_audit.exports.optout import HEADERS, optout_register, register_rows

    entries = optout_register(b.db, b.owner)
    doc.add(Heading(_("Appendix: opt-out register"), 1, "optout"))
    if not entries:
        doc.add(Para(_("No customer asked to stop receiving messages.")))
        return
    bad = sum(1 for e in entries if not e.ok)
    doc.add(
        Para(
            _(
                "{n} customers asked you to stop; {bad} of them received messages afterwards. "
                "Remove them from every broadcast list."
            ).format(n=format_number(len(entries)), bad=format_number(bad))
        )
    )
    rows = register_rows(entries, b.pseudo)
    keep = [0, 2, 3, 5, 6, 8]  # customer, when, text, sent afterwards, not allowed, status
    doc.add(
        Table(
            [_(HEADERS[i]) for i in keep],
            [[str(r[i]) for i in keep] for r in rows],
            widths=[16, 15, 29, 10, 10, 20],
        )
    )


def trail_section(b: Any, doc: Document) -> None:
    trail = history.notes(b.db)
    if not trail:
        return
    doc.add(Heading(_("Audit trail of explained findings"), 1, "trail"))
    labels = {history.EXPLAINED: _("marked explained"), history.REOPENED: _("reopened")}
    doc.add(
        Table(
            [_("Date"), _("Rule"), _("Action"), _("Reason")],
            [
                [
                    b._date(n.created_at),
                    n.rule,
                    labels.get(n.status, n.status),
                    b.pseudo.text(n.reason),
                ]
                for n in trail
            ],
            widths=[18, 10, 20, 52],
        )
    )
