"""Turn an AuditReport (+ the workspace) into a report Document, in the current language.

Lighthouse-style order: cover, one-page summary ("fix first", "review", "passed", "not
computable"), one section per finding that needs attention, the Platform migration section,
charts, the limits of this audit, methodology and thresholds, appendix (opt-out register).
Every name and message text goes through the pseudonymiser when asked; renderers escape.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date, datetime, timedelta
from typing import Any

from wa_audit import __version__
from wa_audit.assess import report_parts  # issue 14: self-assessment in the report
from wa_audit.i18n import (
    N_,
    _,
    format_date,
    format_datetime,
    format_day_month,
    format_money,
    format_number,
    format_percent,
    ngettext,
)
from wa_audit.report import history
from wa_audit.report.document import (
    Badge,
    Box,
    Bullets,
    Chart,
    Cover,
    Document,
    Heading,
    KeyValues,
    PageBreak,
    Para,
    Table,
)
from wa_audit.report.pseudonym import Identity, pseudonymizer_for
from wa_audit.report.texts import FAMILIES, LIGHTS, LIMITS, MAPS_TO, METHOD, OVERALL_SENTENCE

log = logging.getLogger(__name__)

MAX_EVIDENCE = 10
EXCERPT = 280
ATTENTION = ("red", "amber")
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


@dataclasses.dataclass
class ReportOptions:
    pseudonymize: bool = False
    include_optout: bool = True
    include_templates: bool = True
    country: str | None = None  # recipients' country for the cost estimate (NL, DE, GB)


def light_of(finding: Any) -> str:
    if getattr(finding.result, "explained", False):
        return "explained"
    return str(finding.result.light)


def badge(light: str) -> Badge:
    return Badge(light, _(LIGHTS.get(light, LIGHTS["grey"])))


def _fmt_value(key: str, value: Any, pseudo) -> str | None:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return "–"
        if any(w in key for w in ("share", "rate", "ratio", "pct", "fraction")) and 0 <= value <= 1:
            return format_percent(value)
        return format_number(value, 0 if value.is_integer() else 2)
    if isinstance(value, str):
        return pseudo.label(value) if hasattr(pseudo, "label") else value
    return None  # lists and dicts are evidence, not figures


SENSITIVITY_LABELS = {"relaxed": N_("Relaxed"), "standard": N_("Standard"), "strict": N_("Strict")}
CONFIDENCE_LABELS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}


def _label(table: dict[str, str], code: object) -> str:
    code = str(code)
    return _(table[code]) if code in table else code


def _figure_label(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def _safe_format(template: str, params: dict[str, Any]) -> str:
    class Missing(dict):
        def __missing__(self, k: str) -> str:
            return "{" + k + "}"

    try:
        return template.format_map(Missing(params))
    except (ValueError, IndexError):
        return template


def finding_sentence(finding: Any, pseudo) -> str:
    """The one-line summary in the current language, names pseudonymised when asked."""
    params = {
        k: (pseudo.label(v) if isinstance(v, str) and hasattr(pseudo, "label") else v)
        for k, v in finding.result.params.items()
    }
    shown = dataclasses.replace(finding, result=dataclasses.replace(finding.result, params=params))
    try:
        from wa_audit.audit import render_finding

        return render_finding(shown)
    except (ImportError, AttributeError, KeyError):  # audit.render not there yet
        formatted = {
            k: format_number(v) if isinstance(v, int) and not isinstance(v, bool) else v
            for k, v in params.items()
        }
        return _safe_format(_(finding.result.summary_key), formatted)


def rule_heading(finding: Any) -> str:
    return _("{rule} · {title}").format(rule=finding.rule, title=_(finding.meta.title))


class ReportBuilder:
    def __init__(self, db, report: Any, options: ReportOptions | None = None) -> None:
        from wa_audit.store.db import get_setting

        self.db = db
        self.report = report
        self.opt = options or ReportOptions()
        self.owner = get_setting(db, "owner")
        self.business = get_setting(db, "business_name") or self.owner or _("Your business")
        self.pseudo = pseudonymizer_for(db, self.owner) if self.opt.pseudonymize else Identity()
        self.explained = history.explained_rules(db)
        self.changes = history.changes(db, getattr(report, "run_id", None))
        history.apply_explanations(report, self.explained)
        self._traffic = None

    def traffic(self):
        """Business-initiated vs replies, computed once per report (one pass over the data)."""
        if self._traffic is None:
            from wa_audit.exports.traffic import Traffic

            self._traffic = Traffic(self.db, self.owner)
        return self._traffic

    # -- facts --------------------------------------------------------------------------------
    def coverage(self) -> dict[str, Any]:
        cov = dict(getattr(self.report, "coverage", {}) or {})
        row = self.db.execute(
            "SELECT COUNT(*), MIN(ts), MAX(ts) FROM messages WHERE kind != 'system'"
        ).fetchone()
        chats = self.db.execute(
            "SELECT COUNT(*), SUM(is_group = 0), SUM(probably_truncated) FROM chats"
        ).fetchone()
        cov.setdefault("messages", row[0] or 0)
        cov.setdefault("period_start", row[1])
        cov.setdefault("period_end", row[2])
        cov.setdefault("chats", chats[0] or 0)
        cov.setdefault("one_to_one", chats[1] or 0)
        cov.setdefault("truncated", chats[2] or 0)
        return cov

    def _date(self, value: Any) -> str:
        if not value:
            return "–"
        try:
            return format_date(datetime.fromisoformat(str(value)))
        except ValueError:
            return str(value)

    # -- document -----------------------------------------------------------------------------
    def build(self) -> Document:
        from wa_audit.i18n import current_language

        doc = Document(
            title=_("WhatsApp Business audit: {business}").format(business=self.business),
            lang=current_language(),
        )
        run_date = self._date(
            getattr(self.report, "started_at", "") or getattr(self.report, "audit_date", "")
        )
        doc.footer = _(
            "{business} · WhatsApp Business audit of {date} · wa-audit {version}"
        ).format(business=self.business, date=run_date, version=__version__)
        doc.meta["run_id"] = getattr(self.report, "run_id", None)
        self._cover(doc)
        self._summary(doc)
        self._findings(doc)
        self._platform(doc)
        self._charts(doc)
        self._limits(doc)
        self._method(doc)
        if self.opt.include_optout:
            self._optout(doc)
        self._trail(doc)
        return doc

    def _cover(self, doc: Document) -> None:
        cov = self.coverage()
        overall = str(self.report.overall)
        period = _("{start} to {end}").format(
            start=self._date(cov.get("period_start")), end=self._date(cov.get("period_end"))
        )
        facts = [
            (_("Business"), self.business),
            (_("Period covered"), period),
            (_("Chats analysed"), format_number(int(cov.get("chats") or 0))),
            (_("One-to-one chats"), format_number(int(cov.get("one_to_one") or 0))),
            (_("Messages analysed"), format_number(int(cov.get("messages") or 0))),
            (_("Overall light"), _(LIGHTS.get(overall, LIGHTS["grey"]))),
            (_("Audit date"), self._date(getattr(self.report, "audit_date", ""))),
            (
                _("Audit run"),
                self._date(getattr(self.report, "started_at", ""))
                + (f" (#{self.report.run_id})" if getattr(self.report, "run_id", None) else ""),
            ),
            (
                _("Sensitivity"),
                _label(SENSITIVITY_LABELS, getattr(self.report, "sensitivity", "standard")),
            ),
            (_("App version"), getattr(self.report, "app_version", "") or __version__),
        ]
        if self.opt.pseudonymize:
            facts.append((_("Names and numbers"), _("replaced by pseudonyms")))
        doc.add(
            Cover(
                title=_("WhatsApp Business audit"),
                subtitle=self.business,
                light=badge(overall),
                facts=facts,
                note=_(
                    "This report checks how the WhatsApp Business app was used against WhatsApp's "
                    "rules on bulk, automated and unsolicited messaging. It was made offline from "
                    "chat exports; no data left this computer."
                ),
            ),
            PageBreak(),
        )

    def _summary(self, doc: Document) -> None:
        overall = str(self.report.overall)
        doc.add(Heading(_("Summary"), 1, "summary"))
        first, answered, _unknown = report_parts(self.db, self.report)  # self-assessment
        for line in first:
            doc.add(Para(line, "lead"))
        doc.add(Para(_(OVERALL_SENTENCE.get(overall, OVERALL_SENTENCE["grey"])), "lead"))
        reason = getattr(self.report, "overall_reason_key", "")
        if reason:
            doc.add(
                Para(
                    _safe_format(_(reason), getattr(self.report, "overall_reason_params", {}) or {})
                )
            )
        if answered:
            doc.add(Heading(_("What your self-assessment answers changed"), 3))
            doc.add(Bullets(answered))
        groups = [
            (_("Fix first"), lambda lt: lt == "red"),
            (_("Review"), lambda lt: lt == "amber"),
            (_("Passed"), lambda lt: lt == "green"),
            (_("Not computable"), lambda lt: lt in ("grey", "error")),
            (_("Explained by you"), lambda lt: lt == "explained"),
        ]
        for title, pick in groups:
            rows = [
                [badge(light_of(f)), rule_heading(f), finding_sentence(f, self.pseudo)]
                for f in self.report.findings
                if pick(light_of(f))
            ]
            if not rows:
                continue
            doc.add(Heading(f"{title} ({len(rows)})", 3))
            doc.add(Table([_("Light"), _("Check"), _("Finding")], rows, widths=[14, 30, 56]))
        moved = self._change_lines()
        if moved:
            doc.add(Heading(_("Change since the previous audit"), 3))
            doc.add(Bullets(moved))
        doc.add(PageBreak())

    def _change_lines(self) -> list[str]:
        out = []
        for rule in sorted(self.changes):
            c = self.changes[rule]
            if c.old is None or c.old == c.new:
                continue
            out.append(
                _(history.MSG_CHANGED).format(
                    rule=rule,
                    old=_(LIGHTS.get(c.old, LIGHTS["grey"])).lower(),
                    new=_(LIGHTS.get(c.new, LIGHTS["grey"])).lower(),
                    date=self._short_date(c.since),
                )
            )
        return out

    def _short_date(self, iso: str) -> str:
        try:
            return format_day_month(datetime.fromisoformat(iso))
        except ValueError:
            return iso

    def _findings(self, doc: Document) -> None:
        order = {"red": 0, "amber": 1, "explained": 2}
        shown = sorted(
            (f for f in self.report.findings if light_of(f) in order),
            key=lambda f: (order[light_of(f)], f.rule),
        )
        doc.add(Heading(_("Findings"), 1, "findings"))
        if not shown:
            doc.add(Para(_("No check needs your attention. Every check is listed in the summary.")))
        for f in shown:
            self._finding(doc, f)

    def _finding(self, doc: Document, f: Any) -> None:
        light = light_of(f)
        doc.add(Heading(rule_heading(f), 2, f.rule))
        family = str(getattr(f.meta, "family", ""))
        facts: list[tuple[str, Any]] = [
            (_("Result"), badge(light)),
            (_("Area"), _(FAMILIES.get(family, family)) if family else "–"),
            (_("WhatsApp rule"), _(MAPS_TO.get(f.rule, f.meta.why))),
            (_("Confidence"), _label(CONFIDENCE_LABELS, getattr(f.result, "confidence", "high"))),
        ]
        change = self.changes.get(f.rule)
        if change and change.old is not None and change.old != change.new:
            facts.append((_("Change"), self._change_lines_for(change)))
        doc.add(KeyValues(facts))
        doc.add(Para(finding_sentence(f, self.pseudo), "lead"))
        note = self.explained.get(f.rule)
        if note:
            doc.add(
                Box(
                    _("Marked as explained"),
                    [
                        _("On {date}: {reason}").format(
                            date=self._date(note.created_at), reason=note.reason or "–"
                        ),
                        _("This finding is not counted in the overall light."),
                    ],
                )
            )
        figures = [
            (_figure_label(k), v)
            for k, raw in (f.result.figures or {}).items()
            if (v := _fmt_value(k, raw, self.pseudo)) is not None
        ]
        if figures:
            doc.add(Heading(_("Figures"), 3))
            doc.add(KeyValues(figures))
        evidence = self.evidence_rows(f.result.evidence[:MAX_EVIDENCE])
        if evidence:
            doc.add(Heading(_("Evidence"), 3))
            total = len(f.result.evidence)
            if total > len(evidence):
                doc.add(
                    Para(
                        _("The first {shown} of {total} messages.").format(
                            shown=len(evidence), total=format_number(total)
                        ),
                        "small",
                    )
                )
            doc.add(
                Table(
                    [_("Time"), _("Chat"), _("From"), _("Message")],
                    evidence,
                    widths=[17, 18, 15, 50],
                    style="evidence",
                )
            )
        doc.add(Heading(_("What to do"), 3))
        doc.add(Para(_(f.meta.instead)))

    def _change_lines_for(self, c: history.Change) -> str:
        return _(history.MSG_CHANGED).format(
            rule=c.rule,
            old=_(LIGHTS.get(c.old or "grey", LIGHTS["grey"])).lower(),
            new=_(LIGHTS.get(c.new, LIGHTS["grey"])).lower(),
            date=self._short_date(c.since),
        )

    def evidence_rows(self, ids: list[int]) -> list[list[str]]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {
            r[0]: r
            for r in self.db.execute(
                "SELECT m.id, m.ts, COALESCE(c.title, ''), m.sender, m.text, m.kind FROM messages m "
                f"JOIN chats c ON c.id = m.chat_id WHERE m.id IN ({marks})",
                ids,
            )
        }
        known = getattr(self.report, "evidence", {}) or {}
        out = []
        for mid in ids:
            if mid in rows:
                _id, ts, chat, sender, text, _kind = rows[mid]
            elif mid in known:
                e = known[mid]
                ts, chat, sender, text = e.timestamp, e.chat, e.sender, e.text
            else:
                continue
            text = text or ""
            if len(text) > EXCERPT:
                text = text[: EXCERPT - 1] + "…"
            out.append(
                [
                    format_datetime(datetime.fromisoformat(ts), "short"),
                    self.pseudo.name(chat) or "",
                    self.pseudo.name(sender) or _("(system)"),
                    self.pseudo.text(text),
                ]
            )
        return out

    # -- Platform -----------------------------------------------------------------------------
    def _platform(self, doc: Document) -> None:
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
        days = self.traffic().days()
        n_days = max(
            len(days)
            and ((date.fromisoformat(days[-1][0]) - date.fromisoformat(days[0][0])).days + 1),
            1,
        )
        months = max(n_days / 30.44, 1.0)
        bi_month = sum(d[3] for d in days) / months
        reply_month = sum(d[2] for d in days) / months
        drafts = (
            draft_templates(self.db, self.owner, current_language(), self.traffic())
            if self.opt.include_templates
            else []
        )
        self._drafts = drafts
        by_cat = {"marketing": 0.0, "utility": 0.0}
        for d in drafts:
            by_cat[d.category] += d.monthly_average
        other = max(bi_month - by_cat["marketing"] - by_cat["utility"], 0.0)
        cost = (getattr(self.report, "guidance", None) or {}).get("cost")
        if cost and cost.get("countries") is not None:
            self._audit_cost(doc, cost, (self.report.guidance or {}).get("tier") or {})
        else:
            self._own_cost(doc, by_cat, other, bi_month, reply_month)
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
                            d.name,
                            _(CATEGORY_LABELS[d.category]),
                            self.pseudo.text(d.body),
                            format_number(d.monthly_average, 1),
                        ]
                        for d in drafts[:15]
                    ],
                    widths=[20, 13, 55, 12],
                )
            )

    def _own_cost(self, doc: Document, by_cat, other, bi_month, reply_month) -> None:
        """Fallback estimate (exports.pricing) for runs whose guidance has no cost block."""
        from wa_audit.exports import pricing
        from wa_audit.exports.templates import CATEGORY_LABELS
        from wa_audit.i18n import current_language

        country = self.opt.country
        if country is None:
            from wa_audit.store.db import get_setting

            country = get_setting(self.db, "country")
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
                ).format(country=rate.country, date=self._date(rate.as_of), source=_(rate.source)),
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
                    until=self._date(pricing.FREE_SERVICE_UNTIL),
                    free=format_number(pricing.FREE_SERVICE_PER_MONTH),
                ),
                "small",
            )
        )

    def _audit_cost(self, doc: Document, cost: dict, tier: dict) -> None:
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
            doc.add(Para(_safe_format(_(note), cost.get("note_params") or {}), "small"))
        doc.add(
            Para(
                _("Prices as of {date}. Verify the current rates before you decide.").format(
                    date=self._date(cost.get("as_of"))
                ),
                "small",
            )
        )
        if tier.get("peak_recipients_24h"):
            doc.add(
                Para(
                    _(
                        "At your peak you started conversations with {peak} people in 24 hours; "
                        "a new Platform number starts at {start} a day."
                    ).format(
                        peak=format_number(int(tier["peak_recipients_24h"])),
                        start=format_number(int(tier.get("starting_tier") or 250)),
                    ),
                    "small",
                )
            )

    # -- charts -------------------------------------------------------------------------------
    def _charts(self, doc: Document) -> None:
        days = self.traffic().days()
        doc.add(PageBreak(), Heading(_("Charts"), 1, "charts"))
        labels, bi, rep = _bucket(days)
        doc.add(
            Chart(
                kind="daily",
                title=_("Messages from the business"),
                labels=labels,
                series=[
                    (_("Started by the business"), bi, "#d9792b"),
                    (_("Replies"), rep, "#2f7d6d"),
                ],
                caption=_(
                    "Per week: messages the business started itself versus replies within 24 "
                    "hours of a customer's message."
                )
                if len(labels) < len(_fill(days))
                else _(
                    "Per day: messages the business started itself versus replies within 24 "
                    "hours of a customer's message."
                ),
            )
        )
        grid = self.traffic().heatmap
        doc.add(
            Chart(
                kind="heatmap",
                title=_("When the business starts conversations"),
                grid=grid,
                row_labels=[_(d) for d in WEEKDAYS],
                caption=_("Messages the business started, by weekday and hour (darker = more)."),
            )
        )
        runs = history.rule_lights(self.db)
        if len(runs) >= 2:
            runs = runs[-12:]
            doc.add(
                Chart(
                    kind="bars",
                    title=_("Findings per audit run"),
                    labels=[self._short_date(w) for _r, w, _l in runs],
                    series=[
                        (
                            _(LIGHTS["red"]),
                            [sum(v == "red" for v in lt.values()) for _r, _w, lt in runs],
                            "#b3261e",
                        ),
                        (
                            _(LIGHTS["amber"]),
                            [sum(v == "amber" for v in lt.values()) for _r, _w, lt in runs],
                            "#b86e00",
                        ),
                    ],
                    caption=_("Number of red and amber checks in each audit run."),
                )
            )

    def _limits(self, doc: Document) -> None:
        cov = self.coverage()
        items = [_(t) for t in LIMITS] + report_parts(self.db, self.report)[2]
        truncated = int(cov.get("truncated") or 0)
        paragraphs = []
        if truncated:
            paragraphs.append(
                ngettext(
                    "{n} imported chat looks cut off by the export limit.",
                    "{n} imported chats look cut off by the export limit.",
                    truncated,
                ).format(n=format_number(truncated))
            )
        doc.add(Box(_("Limits of this audit"), paragraphs, items, "warning"))

    def _method(self, doc: Document) -> None:
        doc.add(Heading(_("Methodology and thresholds"), 1, "method"))
        doc.add(Bullets([_(t) for t in METHOD]))
        doc.add(
            Para(
                _("Sensitivity used: {level}.").format(
                    level=_label(
                        SENSITIVITY_LABELS, getattr(self.report, "sensitivity", "standard")
                    )
                )
            )
        )
        thresholds = getattr(self.report, "thresholds", {}) or {}
        rows = []
        for f in self.report.findings:
            th = thresholds.get(f.rule) or {}
            text = "; ".join(
                f"{k.replace('_', ' ')} = {format_number(v, 0 if float(v).is_integer() else 2)}"
                for k, v in th.items()
                if isinstance(v, int | float)
            )
            rows.append([f.rule, _(f.meta.title), text or "–"])
        if rows:
            doc.add(Table([_("Rule"), _("Check"), _("Thresholds")], rows, widths=[8, 37, 55]))

    def _optout(self, doc: Document) -> None:
        from wa_audit.exports.optout import HEADERS, optout_register, register_rows

        entries = optout_register(self.db, self.owner)
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
        rows = register_rows(entries, self.pseudo)
        keep = [0, 2, 3, 5, 6, 8]  # customer, when, text, sent afterwards, not allowed, status
        doc.add(
            Table(
                [_(HEADERS[i]) for i in keep],
                [[str(r[i]) for i in keep] for r in rows],
                widths=[16, 15, 29, 10, 10, 20],
            )
        )

    def _trail(self, doc: Document) -> None:
        trail = history.notes(self.db)
        if not trail:
            return
        doc.add(Heading(_("Audit trail of explained findings"), 1, "trail"))
        labels = {history.EXPLAINED: _("marked explained"), history.REOPENED: _("reopened")}
        doc.add(
            Table(
                [_("Date"), _("Rule"), _("Action"), _("Reason")],
                [
                    [self._date(n.created_at), n.rule, labels.get(n.status, n.status), n.reason]
                    for n in trail
                ],
                widths=[18, 10, 20, 52],
            )
        )


def _fill(days: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    """Every calendar day from the first to the last, quiet days as zeros."""
    if not days:
        return []
    known = {d[0]: d for d in days}
    first, last = date.fromisoformat(days[0][0]), date.fromisoformat(days[-1][0])
    out = []
    while first <= last:
        key = first.isoformat()
        out.append(known.get(key, (key, 0, 0, 0)))
        first += timedelta(days=1)
    return out


def _bucket(days: list[tuple[str, int, int, int]]) -> tuple[list[str], list[float], list[float]]:
    """Daily counts, or weekly sums (Monday dates) when there are more than 120 days."""
    days = _fill(days)
    if len(days) <= 120:
        return [d[0] for d in days], [d[3] for d in days], [d[2] for d in days]
    weeks: dict[str, list[int]] = {}
    for day, _inb, rep, bi in days:
        d = date.fromisoformat(day)
        key = (d - timedelta(days=d.weekday())).isoformat()
        w = weeks.setdefault(key, [0, 0])
        w[0] += bi
        w[1] += rep
    keys = sorted(weeks)
    return keys, [weeks[k][0] for k in keys], [weeks[k][1] for k in keys]


def build_report(db, report: Any, *, pseudonymize: bool = False, **options: Any) -> Document:
    """The report Document in the current language (call i18n.set_language first)."""
    return ReportBuilder(db, report, ReportOptions(pseudonymize=pseudonymize, **options)).build()
