"""Turns an AuditReport into the texts the screens show, in the current language.

Called at display time (never stored), so a language switch only calls this again; the audit
is not re-run. No Qt here: the report helper may use it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wa_audit.i18n import N_, _, format_date, format_money, format_number, ngettext

FAMILY_TITLES = {
    "BULK": N_("Bulk messaging"),
    "AUTO": N_("Automation"),
    "CONSENT": N_("Unwanted messages"),
    "CONTENT": N_("Content"),
    "GROUPS": N_("Groups"),
    "CONTEXT": N_("Context"),
}
FAMILY_ORDER = ("BULK", "AUTO", "CONSENT", "CONTENT", "GROUPS", "CONTEXT")
CONFIDENCE_WORDS = {
    "high": N_("High confidence"),
    "medium": N_("Medium confidence"),
    "low": N_("Low confidence"),
}
# Words next to every light (colour is never the only signal).
LIGHT_WORDS = {
    "green": N_("OK"),
    "amber": N_("Review"),
    "red": N_("Fix first"),
    "grey": N_("Not enough data"),
    "error": N_("Could not check"),
}


def light_word(light: str) -> str:
    return _(LIGHT_WORDS.get(light, LIGHT_WORDS["grey"]))


LIGHT_RANK = {"red": 0, "amber": 1, "error": 2, "grey": 3, "green": 4}

OVERALL_HEADLINES = {
    "green": N_("Your WhatsApp use looks fine"),
    "amber": N_("Some things need a closer look"),
    "red": N_("WhatsApp could block this number"),
    "grey": N_("Not enough data for an overall verdict"),
    "error": N_("The audit could not finish"),
}
OVERALL_FALLBACK = {
    "green": N_("No rule found bulk, automated or unwanted messaging."),
    "amber": N_("Some of your messages look like what WhatsApp limits. Review the items below."),
    "red": N_("Your messages look like bulk or automated messaging, which WhatsApp bans."),
    "grey": N_("Import more chats (at least 10 customer chats and two weeks) for a verdict."),
    "error": N_("Some checks failed. The results below are incomplete."),
}


LIGHTS = ("green", "amber", "red", "grey", "error")


def normalise_light(light: object) -> str:
    """A Light, its value or a stored string as one of LIGHTS (anything unknown is grey)."""
    value = str(getattr(light, "value", light) or "grey").lower()
    if value in ("not_computable", "not computable", "none", "insufficient", "unknown"):
        return "grey"
    return value if value in LIGHTS else "grey"


def _light(value: Any) -> str:
    return normalise_light(value)


def _fmt(template: str, params: dict[str, Any]) -> str:
    """Format a translated template; numbers follow the user's locale. Never raises."""
    shown = {}
    for k, v in (params or {}).items():
        if isinstance(v, bool) or not isinstance(v, int | float):
            shown[k] = v
        elif isinstance(v, float) and not v.is_integer():
            shown[k] = format_number(v, 1)
        else:
            shown[k] = format_number(v)
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):
        return template


@dataclass
class Card:
    rule: str
    family: str
    light: str
    title: str
    summary: str
    confidence: str
    evidence: list[int] = field(default_factory=list)
    what: str = ""
    why: str = ""
    instead: str = ""
    notes: list[str] = field(default_factory=list)
    change: str = ""  # "Amber → Fix first since 3 Oct 2026" (audit history)
    explained: str = ""  # the consultant's reason when marked "explained"


@dataclass
class Dashboard:
    overall: str
    headline: str
    sentence: str
    fix_first: list[Card]
    families: list[tuple[str, str, str]]  # (family, light, title)
    cards: list[Card]
    allowed: list[str]
    coverage: str


def rule_title(meta) -> str:
    try:
        from wa_audit.audit import rule_title as _rt

        return _rt(meta.id)
    except Exception:  # render module not there (yet): fall back to the metadata
        return _(meta.title)


def finding_summary(finding) -> str:
    try:
        from wa_audit.audit import render_finding

        return render_finding(finding)
    except Exception:
        return _fmt(_(finding.result.summary_key), finding.result.params)


def change_text(change) -> str:
    """A history.Change as one sentence; empty when nothing changed."""
    if change is None or not change.old or change.old == change.new:
        return ""
    from datetime import date

    try:
        since = format_date(date.fromisoformat(str(change.since)[:10]))
    except ValueError:
        since = str(change.since)
    return _("{old} → {new} since {date}").format(
        old=light_word(_light(change.old)), new=light_word(_light(change.new)), date=since
    )


def card_for(finding, change=None, note=None) -> Card:
    meta, res = finding.meta, finding.result
    explained = ""
    if res.explained:
        reason = getattr(note, "reason", "") or ""
        explained = (
            _("Marked as explained: {reason}").format(reason=reason)
            if reason
            else _("Marked as explained.")
        )
    return Card(
        change=change_text(change),
        explained=explained,
        rule=meta.id,
        family=str(meta.family),
        light=_light(res.light),
        title=rule_title(meta),
        summary=finding_summary(finding),
        # no confidence for a check that could not judge: "Not enough data · High confidence"
        # reads as a contradiction
        confidence=""
        if _light(res.light) in ("grey", "error")
        else _(CONFIDENCE_WORDS.get(str(res.confidence), CONFIDENCE_WORDS["medium"])),
        evidence=list(res.evidence),
        what=_(meta.what) if meta.what else "",
        why=_(meta.why) if meta.why else "",
        instead=_(meta.instead) if meta.instead else "",
        notes=[_(n) for n in res.notes],
    )


def dashboard(report, changes: dict | None = None, notes: dict | None = None) -> Dashboard:
    changes, notes = changes or {}, notes or {}
    cards = [card_for(f, changes.get(f.rule), notes.get(f.rule)) for f in report.findings]
    cards.sort(key=lambda c: (LIGHT_RANK.get(c.light, 5), c.rule))
    overall = _light(report.overall)
    sentence = overall_sentence(report, overall)
    fix_first = [c for c in cards if c.light == "red"][:3] or [
        c for c in cards if c.light == "amber"
    ][:3]
    families = []
    fam = report.families or {}
    for name in FAMILY_ORDER:
        if name in fam and name != "CONTEXT":
            families.append((name, _light(fam[name].light), _(FAMILY_TITLES[name])))
    return Dashboard(
        overall=overall,
        headline=_(OVERALL_HEADLINES[overall]),
        sentence=sentence,
        fix_first=fix_first,
        families=families,
        cards=cards,
        allowed=allowed_automation(report),
        coverage=coverage_text(report.coverage or {}),
    )


def overall_sentence(report, overall: str) -> str:
    key = getattr(report, "overall_reason_key", "")
    if key:
        try:
            from wa_audit.audit.render import render_reason

            return render_reason(report)
        except (ImportError, KeyError, ValueError):
            return _fmt(_(key), getattr(report, "overall_reason_params", {}) or {})
    return _(OVERALL_FALLBACK[overall])


ALLOWED_KINDS = {
    "greeting": N_("Greeting message"),
    "away": N_("Away message"),
    "quick_reply": N_("Quick replies"),
}


def allowed_automation(report) -> list[str]:
    """One line per kind (greeting, away, quick replies), never a line per text."""
    kinds: dict[str, list[dict]] = {}
    for item in getattr(report, "allowed_automation", None) or []:
        if not item.get("allowed", True):
            continue  # a bot is a finding (R06/R07), not allowed automation
        kinds.setdefault(str(item.get("kind", "")), []).append(item)
    lines = []
    for kind, items in kinds.items():
        title = _(ALLOWED_KINDS.get(kind, N_("Automatic message")))
        chats = max(int(i.get("chats", 0) or 0) for i in items)
        if len(items) == 1:
            count = ngettext("used in {n} chat", "used in {n} chats", chats).format(
                n=format_number(chats)
            )
        else:
            count = ngettext(
                "{k} different text, used in up to {n} chats",
                "{k} different texts, used in up to {n} chats",
                len(items),
            ).format(k=format_number(len(items)), n=format_number(chats))
        lines.append(_("{kind}: allowed, {count}").format(kind=title, count=count))
    return lines


def coverage_text(cov: dict[str, Any]) -> str:
    chats = int(cov.get("chats", 0) or 0)
    msgs = int(cov.get("messages", 0) or 0)
    text = ngettext(
        "{chats} chat and {messages} messages analysed.",
        "{chats} chats and {messages} messages analysed.",
        chats,
    ).format(chats=format_number(chats), messages=format_number(msgs))
    start, end = cov.get("period_start"), cov.get("period_end")
    if start and end:
        from datetime import date

        try:
            a, b = date.fromisoformat(str(start)[:10]), date.fromisoformat(str(end)[:10])
            text += " " + _("Period: {start} to {end}.").format(
                start=format_date(a), end=format_date(b)
            )
        except ValueError:
            pass
    text += " " + _("Bulk checks only see the chats you imported.")
    return text


# -- guidance ---------------------------------------------------------------------------------

OPTIN_CHECKLIST = (
    N_("Ask every customer before you send them anything they did not ask for."),
    N_("Say clearly that they will get messages from your business over WhatsApp."),
    N_("Write down when and how each customer agreed (form, checkbox, counter, QR code)."),
    N_("Ask separately for offers and for order or appointment updates."),
    N_("Explain in every offer how to stop, and remove people who say stop at once."),
)

MIGRATION_ROUTES = (
    (
        N_("Coexistence: keep the app"),
        N_(
            "You keep chatting in the WhatsApp Business app on the same number, while a "
            "Platform provider sends your templates. Chats from the last 180 days can be "
            "copied. Ask your provider whether your number is eligible."
        ),
    ),
    (
        N_("Classic migration"),
        N_(
            "The number leaves the app and moves to the Platform completely. Your chat "
            "history in the app does not move, and you need a provider's tool to chat."
        ),
    ),
)


@dataclass
class Guidance:
    traffic: list[tuple[str, str, str]]  # (what, where, per month)
    tier: str
    costs: list[tuple[str, str, str]]  # (market, amount per month, details)
    total: str
    as_of: str
    must_stop: list[str]
    changes: list[tuple[str, str, str, str]]  # (light, rule title, where, what to do instead)
    checklist: list[str]
    routes: list[tuple[str, str]]
    notes: list[str]


def _as_of(value: Any) -> str:
    from datetime import date

    try:
        return format_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value or "")


def _marketing_count(n: int) -> str:
    return ngettext("{n} marketing template", "{n} marketing templates", n)


def _utility_count(n: int) -> str:
    return ngettext("{n} utility template", "{n} utility templates", n)


def _reply_count(n: int) -> str:
    return ngettext("{n} reply", "{n} replies", n)


def country_name(code: str) -> str:
    from wa_audit.i18n import country_name as name

    return name(code)


STOP_WHERE = ("optin", "prohibited", "bot")


def _guidance_json(report) -> dict[str, Any]:
    try:
        from wa_audit.audit.render import guidance_json

        return guidance_json(report)
    except ImportError:
        return report.guidance or {}


def guidance(report) -> Guidance:
    """The audit's guidance dict (audit.guidance.build_guidance), rendered for the screen."""
    g = _guidance_json(report) if report.guidance else {}
    traffic = []
    for row in g.get("traffic", []) or []:
        per_month = row.get("per_month")
        traffic.append(
            (
                str(row.get("label") or row.get("type", "")),
                str(row.get("where", "")),
                ngettext("about {n} a month", "about {n} a month", round(per_month)).format(
                    n=format_number(round(per_month))
                )
                if isinstance(per_month, int | float)
                else "",
            )
        )
    t = g.get("tier", {}) or {}
    peak, needed, start = t.get("peak_recipients_24h"), t.get("needed_tier"), t.get("starting_tier")
    if peak and needed and needed > (start or 250):
        tier = _(
            "On your busiest day you started conversations with {peak} people. On the "
            "Platform you would need a messaging limit of {tier} people per 24 hours; every "
            "business starts at {start}."
        ).format(
            peak=format_number(peak), tier=format_number(needed), start=format_number(start or 250)
        )
    elif peak:
        tier = ngettext(
            "On your busiest day you started a conversation with {peak} person. That fits the "
            "starting limit of {start} people per 24 hours.",
            "On your busiest day you started conversations with {peak} people. That fits the "
            "starting limit of {start} people per 24 hours.",
            int(peak),
        ).format(peak=format_number(peak), start=format_number(start or 250))
    else:
        tier = _(
            "Every new business on the Platform starts at 250 people per 24 hours; "
            "verification and good quality raise the limit."
        )
    cost = g.get("cost", {}) or {}
    currency = cost.get("currency", "EUR")
    costs = []
    for row in cost.get("countries", []) or []:
        details = []
        for key, words in (
            ("marketing_per_month", _marketing_count),
            ("utility_per_month", _utility_count),
            ("service_per_month", _reply_count),
        ):
            n = round(row.get(key) or 0)
            if n >= 1:
                details.append(words(n).format(n=format_number(n)))
        if row.get("marketing_paused"):
            details.append(_("marketing to this country is paused by Meta"))
        costs.append(
            (
                country_name(str(row.get("country", ""))),
                _("about {amount} a month").format(
                    amount=format_money(float(row.get("eur_per_month", 0)), currency)
                ),
                ", ".join(details),
            )
        )
    total = ""
    if cost.get("eur_per_month") is not None and len(costs) > 1:
        total = _("In total about {amount} a month.").format(
            amount=format_money(float(cost["eur_per_month"]), currency)
        )
    as_of = _as_of(cost.get("as_of") or g.get("prices_as_of") or "")
    must_stop, changes = [], []
    for a in g.get("actions", []) or []:
        title = _rule_title_safe(str(a.get("rule", "")))
        text = str(a.get("instead", ""))
        light = str(a.get("light", "amber"))
        if a.get("where_code") in STOP_WHERE and light == "red":
            must_stop.append(_("{rule}: {instead}").format(rule=title, instead=text))
        else:
            changes.append((light, title, str(a.get("where", "")), text))
    notes = [str(cost["note"])] if cost.get("note") else []
    return Guidance(
        traffic=traffic,
        tier=tier,
        costs=costs,
        total=total,
        as_of=as_of,
        must_stop=must_stop,
        changes=changes,
        checklist=[_(c) for c in OPTIN_CHECKLIST],
        routes=[(_(t), _(d)) for t, d in MIGRATION_ROUTES],
        notes=notes,
    )


def _rule_title_safe(rule_id: str) -> str:
    try:
        from wa_audit.audit import rule_title as _rt

        return _rt(rule_id)
    except Exception:
        return rule_id


def short_datetime(iso: str | None) -> str:
    """A moment as people read it: the day (4-digit year) and, unless midnight, the time."""
    from datetime import datetime

    from wa_audit.i18n import format_moment

    if not iso:
        return ""
    try:
        return format_moment(datetime.fromisoformat(str(iso)))
    except ValueError:
        return str(iso)
