"""Turn an AuditReport (+ the workspace) into a report Document, in the current language.

Lighthouse-style order: cover, one-page summary ("fix first", "review", "passed", "not
computable"), one section per finding that needs attention, the Platform migration section,
charts, the limits of this audit, methodology and thresholds, appendix (opt-out register).
Every name and message text goes through the pseudonymiser when asked; renderers escape.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, timedelta
from typing import Any

from wa_audit import __version__
from wa_audit.audit.assess import report_parts  # issue 14: self-assessment in the report
from wa_audit.i18n import (
    N_,
    _,
    format_date,
    format_day_month,
    format_number,
    format_percent,
    format_timestamp,
    ngettext,
)
from wa_audit.report import history
from wa_audit.report.appendix import optout_section, trail_section
from wa_audit.report.charts import charts_section
from wa_audit.report.document import (
    Badge,
    Box,
    Bullets,
    Cover,
    Document,
    Heading,
    KeyValues,
    PageBreak,
    Para,
    Table,
)
from wa_audit.report.platform import platform_section
from wa_audit.report.pseudonym import Identity, pseudonymizer_for
from wa_audit.report.texts import (
    FAMILIES,
    LIGHTS,
    LIMITS,
    MAPS_TO,
    METHOD,
    OVERALL_SENTENCE,
    safe_format,
)

log = logging.getLogger(__name__)

MAX_EVIDENCE = 10
EXCERPT = 280
ATTENTION = ("red", "amber")


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


EPOCH = datetime(1970, 1, 1)  # the rules' "*_t" figures: local wall-clock seconds since then


def _fmt_value(key: str, value: Any, pseudo) -> str | None:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key.endswith("_t") and isinstance(value, int | float) and value == value and value > 1e8:
        return format_timestamp(EPOCH + timedelta(seconds=int(value)))
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
    key = key.removesuffix("_t")  # a time: the value says so
    return key.replace("_", " ").strip().capitalize()


def finding_sentence(finding: Any, pseudo) -> str:
    """The one-line summary in the current language, names pseudonymised when asked."""
    params = {k: _pseudo_value(v, pseudo) for k, v in finding.result.params.items()}
    shown = dataclasses.replace(finding, result=dataclasses.replace(finding.result, params=params))
    try:
        from wa_audit.audit import render_finding

        return render_finding(shown)
    except (ImportError, AttributeError, KeyError):  # audit.render not there yet
        formatted = {
            k: format_number(v) if isinstance(v, int) and not isinstance(v, bool) else v
            for k, v in params.items()
        }
        return safe_format(_(finding.result.summary_key), formatted)


def _pseudo_value(value: Any, pseudo) -> Any:
    """A rule parameter as the report shows it: every string in it through pseudo.label.
    A nested sentence ({"key"|"plural": name, ...}) keeps its name: it is ours, not the user's."""
    if pseudo is None:
        return value
    if isinstance(value, str):
        return pseudo.label(value)
    if isinstance(value, list | tuple):
        return type(value)(_pseudo_value(v, pseudo) for v in value)
    if isinstance(value, dict):
        return {
            k: v if k in ("key", "plural") else _pseudo_value(v, pseudo) for k, v in value.items()
        }
    return value


def rule_heading(finding: Any) -> str:
    return _("{rule} · {title}").format(rule=finding.rule, title=_(finding.meta.title))


class ReportBuilder:
    def __init__(self, db, report: Any, options: ReportOptions | None = None) -> None:
        from wa_audit.store.db import OWNER, get_setting

        self.db = db
        self.report = report
        self.opt = options or ReportOptions()
        self.owner = get_setting(db, OWNER)
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
        platform_section(self, doc)
        charts_section(self, doc)
        self._limits(doc)
        self._method(doc)
        if self.opt.include_optout:
            optout_section(self, doc)
        trail_section(self, doc)
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
            facts.append((_("Message texts and typed notes"), _("not shown")))
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
                    safe_format(_(reason), getattr(self.report, "overall_reason_params", {}) or {})
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
                            date=self._date(note.created_at),
                            reason=self.pseudo.text(note.reason) or "–",
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
            total = max(int(getattr(f.result, "evidence_total", 0) or 0), len(f.result.evidence))
            if total > len(evidence):
                doc.add(
                    Para(
                        _("A sample: {shown} of {total} messages.").format(
                            shown=format_number(len(evidence)), total=format_number(total)
                        ),
                        "small",
                    )
                )
            headers = [_("Time"), _("Chat"), _("From"), _("Message")]
            widths = [17, 18, 15, 50]
            if self.opt.pseudonymize:  # no message text in a pseudonymised report
                headers, widths = headers[:3], [30, 40, 30]
                doc.add(Para(_("Message texts are not shown in a pseudonymised report."), "small"))
            doc.add(Table(headers, evidence, widths=widths, style="evidence"))
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
            row = [
                format_timestamp(datetime.fromisoformat(ts)),
                self.pseudo.name(chat) or "",
                self.pseudo.name(sender) or _("(system)"),
            ]
            if not self.opt.pseudonymize:
                row.append(text)
            out.append(row)
        return out

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


def build_report(db, report: Any, *, pseudonymize: bool = False, **options: Any) -> Document:
    """The report Document in the current language (call i18n.set_language first)."""
    return ReportBuilder(db, report, ReportOptions(pseudonymize=pseudonymize, **options)).build()
