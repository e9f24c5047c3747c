"""The report's section on moving to the WhatsApp Business Platform: draft templates and the
cost estimate (the audit's own per-country estimate, or one from the price file).

Each section takes `b`, the report.builder.ReportBuilder (not imported: no cycle).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wa_audit.i18n import _, format_money, format_number, ngettext
from wa_audit.report.document import Document, Heading, PageBreak, Para, Table
from wa_audit.report.texts import safe_format


def platform_section(b: Any, doc: Document) -> None:
    from wa_audit.exports.templates import CATEGORY_LABELS, draft_templates
    from wa_audit.i18n import current_language

    doc.add(PageBreak(), Heading(_("Moving to the WhatsApp Business Platform"), 1, "platform"))
    doc.add(
        Para(
            _(
                "Messages you start yourself (announcements, reminders, follow-ups) belong on the "
                "WhatsApp Business Platform as approved templates, sent only to customers who "
                "opted in. Replies to customers can stay in the app. With coexistence you can "
                "keep using the app on the same number."
            )
        )
    )
    days = b.traffic().days()
    n_days = max(
        len(days) and ((date.fromisoformat(days[-1][0]) - date.fromisoformat(days[0][0])).days + 1),
        1,
    )
    months = max(n_days / 30.44, 1.0)
    bi_month = sum(d[3] for d in days) / months
    reply_month = sum(d[2] for d in days) / months
    drafts = (
        draft_templates(b.db, b.owner, current_language(), b.traffic())
        if b.opt.include_templates
        else []
    )
    b._drafts = drafts
    by_cat = {"marketing": 0.0, "utility": 0.0}
    for d in drafts:
        by_cat[d.category] += d.monthly_average
    other = max(bi_month - by_cat["marketing"] - by_cat["utility"], 0.0)
    cost = (getattr(b.report, "guidance", None) or {}).get("cost")
    if cost and cost.get("countries") is not None:
        audit_cost(b, doc, cost, (b.report.guidance or {}).get("tier") or {})
    else:
        own_cost(b, doc, by_cat, other, bi_month, reply_month)
    if drafts:
        doc.add(Heading(_("Draft templates"), 2))
        doc.add(
            Para(
                ngettext(
                    "{n} recurring message you started could become a Platform template:",
                    "{n} recurring messages you started could become Platform templates:",
                    len(drafts),
                ).format(n=format_number(len(drafts)))
            )
        )
        doc.add(
            Table(
                [_("Template"), _("Category"), _("Text"), _("Per month")],
                [
                    [
                        b.pseudo.label(d.name),
                        _(CATEGORY_LABELS[d.category]),
                        b.pseudo.text(d.body),
                        format_number(d.monthly_average, 1),
                    ]
                    for d in drafts[:15]
                ],
                widths=[20, 13, 55, 12],
            )
        )


def own_cost(b: Any, doc: Document, by_cat, other, bi_month, reply_month) -> None:
    """Fallback estimate (exports.pricing) for runs whose guidance has no cost block."""
    from wa_audit.exports import pricing
    from wa_audit.exports.templates import CATEGORY_LABELS
    from wa_audit.i18n import current_language

    country = b.opt.country
    if country is None:
        from wa_audit.store.db import get_setting

        country = get_setting(b.db, "country")
    rate = pricing.rate_for(country, current_language())
    rows = []
    total = 0.0
    for label, volume, price in (
        (_(CATEGORY_LABELS["marketing"]), by_cat["marketing"], rate.marketing),
        (_(CATEGORY_LABELS["utility"]), by_cat["utility"], rate.utility),
        (_("Other messages you started (utility rate)"), other, rate.utility),
    ):
        cost = volume * price
        total += cost
        rows.append(
            [
                label,
                format_number(round(volume)),
                format_money(price, rate.currency),
                format_money(cost, rate.currency),
            ]
        )
    rows.append(
        [
            _("Total per month"),
            format_number(round(bi_month)),
            "",
            format_money(total, rate.currency),
        ]
    )
    doc.add(Heading(_("Cost estimate"), 2))
    doc.add(
        Table(
            [_("Messages"), _("Per month"), _("About per message"), _("About per month")],
            rows,
            widths=[46, 16, 19, 19],
        )
    )
    doc.add(
        Para(
            _(
                "Meta's fee for recipients in {country}, as of {date} ({source}); providers add "
                "their own fees. Verify the current rates before you decide."
            ).format(country=rate.country, date=b._date(rate.as_of), source=_(rate.source)),
            "small",
        )
    )
    doc.add(
        Para(
            _(
                "Replies to customers who wrote to you ({replies} a month here) are free until "
                "{until}; from 1 October 2026 they are charged at the utility rate beyond a "
                "monthly free allowance of about {free} messages."
            ).format(
                replies=format_number(round(reply_month)),
                until=b._date(pricing.free_service()[0]),
                free=format_number(pricing.free_service()[1]),
            ),
            "small",
        )
    )


def audit_cost(b: Any, doc: Document, cost: dict, tier: dict) -> None:
    """The audit's own estimate (audit.guidance): per recipient country, in EUR."""
    currency = cost.get("currency", "EUR")
    rows = []
    for c in cost.get("countries", []):
        rows.append(
            [
                c.get("country", "–"),
                format_number(round(c.get("marketing_per_month", 0))),
                format_number(round(c.get("utility_per_month", 0))),
                format_number(round(c.get("service_per_month", 0))),
                format_money(c.get("eur_per_month", 0), currency),
            ]
        )
    rows.append(
        ["", "", "", _("Total per month"), format_money(cost.get("eur_per_month", 0), currency)]
    )
    doc.add(Heading(_("Cost estimate"), 2))
    doc.add(
        Table(
            [_("Country"), _("Marketing"), _("Utility"), _("Replies"), _("About per month")],
            rows,
            widths=[16, 18, 18, 18, 30],
        )
    )
    note = cost.get("note_key")
    if note:
        doc.add(Para(safe_format(_(note), cost.get("note_params") or {}), "small"))
    doc.add(
        Para(
            _("Prices as of {date}. Verify the current rates before you decide.").format(
                date=b._date(cost.get("as_of"))
            ),
            "small",
        )
    )
    if tier.get("peak_recipients_24h"):
        doc.add(
            Para(
                ngettext(
                    "At your peak you started a conversation with {peak} person in 24 hours; "
                    "a new Platform number starts at {start} a day.",
                    "At your peak you started conversations with {peak} people in 24 hours; "
                    "a new Platform number starts at {start} a day.",
                    int(tier["peak_recipients_24h"]),
                ).format(
                    peak=format_number(int(tier["peak_recipients_24h"])),
                    start=format_number(int(tier.get("starting_tier") or 250)),
                ),
                "small",
            )
        )
