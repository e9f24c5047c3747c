"""Render audit results in the current language (wa_audit.i18n) and as the CLI's JSON.

Parameters are formatted by name: *_t = epoch seconds (date and time), *_s = a duration in
seconds, *_pct = a fraction shown as a percentage; other numbers use the locale's digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd

from wa_audit.audit.model import AuditReport, Finding
from wa_audit.i18n import (
    N_,
    _,
    country_name,
    format_date,
    format_moment,
    format_number,
    format_percent,
    ngettext,
)
from wa_audit.rules import RULES_BY_ID
from wa_audit.rules.base import Light

LIGHT_LABELS = {
    "green": N_("Green"),
    "amber": N_("Amber"),
    "red": N_("Red"),
    "grey": N_("Not computable"),
    "error": N_("Error"),
}
CONFIDENCE_LABELS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
FAMILY_LABELS = {
    "BULK": N_("Bulk messaging"),
    "AUTO": N_("Automation"),
    "CONSENT": N_("Unwanted messages"),
    "CONTENT": N_("Content"),
    "GROUPS": N_("Groups"),
    "CONTEXT": N_("Context"),
}
TRAFFIC_LABELS = {
    "marketing": N_("Promotions you start"),
    "utility": N_("Other messages you start (reminders, order updates)"),
    "service": N_("Answers to customers"),
}


LIMITS = [
    N_("An export cannot show how many customers blocked or reported you."),
    N_("Checks across chats (bulk, broadcasts) only see the chats you imported."),
    N_(
        "A broadcast is only visible as the same text in many chats, unless the broadcast "
        "list's own chat was exported too."
    ),
    N_("Times are the phone's local clock; exports without seconds hide how fast messages left."),
    N_("A chat export holds at most about 40,000 messages; older ones are cut off silently."),
]


def limits() -> list[str]:
    """The report's "limits of this audit" box, in the current language."""
    return [_(x) for x in LIMITS]


def light_label(light: Light | str) -> str:
    return _(LIGHT_LABELS.get(str(light), str(light)))


def family_label(family: str) -> str:
    return _(FAMILY_LABELS.get(family, family))


def rule_title(rule_id: str) -> str:
    return _(RULES_BY_ID[rule_id].meta.title)


def rule_description(rule_id: str) -> str:
    m = RULES_BY_ID[rule_id].meta
    return "\n".join(
        [
            _("What it checks: {text}").format(text=_(m.what)),
            _("Why WhatsApp cares: {text}").format(text=_(m.why)),
            _("What to do instead: {text}").format(text=_(m.instead)),
        ]
    )


def format_duration(seconds: float) -> str:
    s = round(seconds)
    if s < 120:
        return ngettext("{n} second", "{n} seconds", s).format(n=s)
    if s < 2 * 3600:
        n = round(s / 60)
        return ngettext("{n} minute", "{n} minutes", n).format(n=n)
    if s < 2 * 86400:
        n = round(s / 3600)
        return ngettext("{n} hour", "{n} hours", n).format(n=n)
    n = round(s / 86400)
    return ngettext("{n} day", "{n} days", n).format(n=n)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _within(seconds: int, params: dict[str, Any]) -> str:
    """How long a series of sends took, in words: "at once" (the same second), "within the
    same minute" (an export without seconds cannot say more), else "within 4 minutes"."""
    s = int(seconds)
    if params.get("minute_only") and s < 60:
        return _("within the same minute")
    if s < 1:
        return _("at once")
    # one phrase per unit: "innerhalb von 9 Tagen" takes the dative, "9 Tage" alone does not
    if s < 120:
        n, text = s, ngettext("within {n} second", "within {n} seconds", s)
    elif s < 2 * 3600:
        n = round(s / 60)
        text = ngettext("within {n} minute", "within {n} minutes", n)
    elif s < 2 * 86400:
        n = round(s / 3600)
        text = ngettext("within {n} hour", "within {n} hours", n)
    else:
        n = round(s / 86400)
        text = ngettext("within {n} day", "within {n} days", n)
    return text.format(n=format_number(n))


# Counted phrases a rule can put into its summary as a parameter
# {"plural": name, "n": count, "params": {...}}: the right plural form in every language.
# Each returns a template that is formatted with {n} and the phrase's params.
PLURAL_TEXTS: dict[str, Callable[[int], str]] = {
    "campaign_series": lambda n: ngettext(
        "{n} campaign of about {size} recipients, sent {within}.",
        "{n} campaigns of about {size} recipients each, each sent {within}.",
        n,
    ),
    "group_people": lambda n: ngettext(
        "{n} of them is a member of a group you filled with people.",
        "{n} of them are members of groups you filled with people.",
        n,
    ),
    "people": lambda n: ngettext("{n} person", "{n} people", n),
    "such_messages_hour": lambda n: ngettext(
        "at most {n} such message in one hour", "at most {n} such messages in one hour", n
    ),
    "new_people": lambda n: ngettext(
        "{n} person who had not contacted you", "{n} people who had not contacted you", n
    ),
    "all_answered": lambda n: ngettext("and this person answered", "and all of them answered", n),
}


def _never_wrote(n: int, params: dict[str, Any]) -> str:
    """How many of a campaign's recipients had never written to you, zero and all in words."""
    if n <= 0:
        return _("all of them had written to you before")
    if n >= int(params.get("of", n + 1)):
        return _("none of them had written to you before")
    return ngettext(
        "{n} of them had never written to you", "{n} of them had never written to you", n
    ).format(n=format_number(n))


def _answer_hours(n: int, params: dict[str, Any]) -> str:
    if n <= 1:
        return _("all in the same hour of the day")
    return ngettext(
        "spread over {n} hour of the day", "spread over {n} different hours of the day", n
    ).format(n=format_number(n))


# Phrases that depend on a number, zero included: {"phrase": name, "n": number, "params": {...}}
PHRASES: dict[str, Callable[[int, dict[str, Any]], str]] = {
    "within": _within,
    "never_wrote": _never_wrote,
    "answer_hours": _answer_hours,
}


def _sub(v: dict[str, Any]) -> str:
    """A parameter that is itself a sentence: {"key": msgid, "params": {...}}, a counted
    phrase {"plural": name, "n": count, "params": {...}} or a phrase {"phrase": name, ...}."""
    params = dict(v.get("params") or {})
    if "phrase" in v:
        fn = PHRASES.get(str(v["phrase"]))
        return fn(int(v.get("n", 0)), params) if fn else ""
    if "plural" in v:
        fn = PLURAL_TEXTS.get(str(v["plural"]))
        if fn is None:
            return ""
        n = int(v.get("n", 0))
        params["n"] = n
        return _safe(fn(n), params)
    return _fmt(str(v.get("key", "")), params)


def _safe(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**format_params(params))
    except (KeyError, IndexError, ValueError):
        return template


def format_params(params: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in params.items():
        if isinstance(v, dict):
            out[k] = _sub(v)
        elif isinstance(v, str) and _ISO_DAY.fullmatch(v):
            out[k] = format_date(date.fromisoformat(v))  # a day, in the reader's format
        elif k == "country" and isinstance(v, str) and len(v) == 2:
            out[k] = country_name(v)
        elif isinstance(v, str) and k not in ("category",):
            out[k] = _(v) if k.endswith("_key") else v
        elif k == "category":
            out[k] = _(v)
        elif k.endswith("_t") and isinstance(v, int | float):
            out[k] = format_moment(pd.Timestamp(int(v), unit="s").to_pydatetime())
        elif k.endswith("_s") and isinstance(v, int | float):
            out[k] = format_duration(v)
        elif k.endswith("_pct") and isinstance(v, int | float):
            out[k] = format_percent(v)
        elif isinstance(v, bool):
            out[k] = str(v)
        elif isinstance(v, int):
            out[k] = format_number(v)
        elif isinstance(v, float):
            out[k] = format_number(v, 0 if v == int(v) else (2 if abs(v) < 10 else 1))
        else:
            out[k] = str(v)
    return out


def _fmt(key: str, params: dict[str, Any]) -> str:
    if not key:
        return ""
    try:
        return _(key).format(**format_params(params))
    except (KeyError, IndexError, ValueError):
        return _(key)


def render_finding(finding: Finding) -> str:
    return _fmt(finding.result.summary_key, finding.result.params)


def render_reason(report: AuditReport) -> str:
    """The overall sentence. Its parameters keep rule ids and family codes (language-neutral,
    stored with the run); people read rule titles and family names, so map them here."""
    params = dict(report.overall_reason_params)
    if "would_be" in params:
        params["would_be"] = light_label(params["would_be"])
    if params.get("rules") and params["rules"] != "-":
        params["rules"] = ", ".join(
            _named(part.strip()) for part in str(params["rules"]).split(",")
        )
    if params.get("families"):
        params["families"] = ", ".join(
            family_label(part.strip()) for part in str(params["families"]).split(",")
        )
    return _fmt(report.overall_reason_key, params)


def _named(code: str) -> str:
    """ "Same message to many people" for a rule id (no code: people read the headline, the
    codes stay in the report's appendix and the command line); a family code as its name."""
    if code in RULES_BY_ID:
        return rule_title(code)
    return family_label(code)


def _evidence(report: AuditReport, ids: list[int], limit: int | None = None) -> list[dict]:
    out = []
    for i in ids[:limit]:
        item = report.evidence.get(int(i))
        if item is None:
            continue
        out.append(
            {
                "chat": item.chat,
                "timestamp": item.timestamp,
                "sender": item.sender,
                "text": item.text,
            }
        )
    return out


def guidance_json(report: AuditReport) -> dict[str, Any]:
    g = report.guidance or {}
    if not g:
        return {}
    out = {
        "traffic": [
            dict(row, label=_(TRAFFIC_LABELS.get(row["type"], row["type"])), where=_(row["where"]))
            for row in g.get("traffic", [])
        ],
        "actions": [
            dict(a, where=_(a["where"]), instead=_(a["instead"])) for a in g.get("actions", [])
        ],
        "notes": [_(n) for n in g.get("notes", [])],
        "tier": g.get("tier", {}),
        "cost": dict(g.get("cost", {})),
        "prices_as_of": g.get("prices_as_of"),
    }
    cost = out["cost"]
    if cost.get("note_key"):
        cost["note"] = _fmt(cost.pop("note_key"), cost.pop("note_params", {}))
    return out


def _plain(obj: Any) -> Any:
    """numpy scalars and tuples -> plain JSON types (json.dumps works without a default)."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, str | bytes):
        obj = obj.item()
    if isinstance(obj, float) and obj != obj:
        return None  # NaN is not JSON
    return obj


def audit_to_json(report: AuditReport) -> dict[str, Any]:
    """The `wa-audit audit --json` shape (issue 3), texts in the current language."""
    return _plain(_audit_json(report))


def _audit_json(report: AuditReport) -> dict[str, Any]:
    return {
        "overall": str(report.overall),
        "overall_reason": render_reason(report),
        "points": report.points,
        "families": {
            fam: {
                "light": str(f.light),
                "label": family_label(fam),
                "points": f.points,
                "rules": f.rules,
                **({"note": _(f.note_key)} if f.note_key else {}),
            }
            for fam, f in report.families.items()
        },
        "findings": [
            {
                "rule": f.rule,
                "slug": f.meta.slug,
                "title": _(f.meta.title),
                "family": str(f.meta.family),
                "strength": str(f.meta.strength_for(f.result.light)),
                "light": str(f.result.light),
                "confidence": str(f.result.confidence),
                "summary": render_finding(f),
                "figures": f.result.figures,
                "points": f.points,
                "notes": [_(n) for n in f.result.notes],
                "explained": f.result.explained,
                "error_code": f.result.error_code,
                "evidence": _evidence(report, f.result.evidence),
            }
            for f in report.findings
        ],
        "guidance": guidance_json(report),
        "allowed_automation": [
            dict(a, example=_evidence(report, [a["example"]])[:1])
            for a in report.allowed_automation
        ],
        "coverage": report.coverage,
        "limits": limits(),
        "run_id": report.run_id,
        "audit_date": report.audit_date,
        "sensitivity": report.sensitivity,
        "app_version": report.app_version,
    }


_MARK = {"green": "o", "amber": "!", "red": "X", "grey": "-", "error": "?"}


def render_summary(report: AuditReport, width: int = 100) -> str:
    """A plain-text table for the terminal (shape + label, never colour alone)."""
    lines = []
    lines.append(
        _("Overall: {light}").format(light=light_label(report.overall).upper())
        + "  "
        + render_reason(report)
    )
    cov = report.coverage
    lines.append(
        _(
            "{chats} chats ({o2o} one-to-one), {messages} messages, {start} to {end}. Bulk "
            "checks only see the chats you imported."
        ).format(
            chats=format_number(cov.get("chats", 0)),
            o2o=format_number(cov.get("one_to_one_chats", 0)),
            messages=format_number(cov.get("messages", 0)),
            start=(cov.get("period_start") or "")[:10],
            end=(cov.get("period_end") or "")[:10],
        )
    )
    lines.append("")
    fams = "  ".join(
        f"[{_MARK[str(f.light)]}] {family_label(fam)}: {light_label(f.light)}"
        for fam, f in report.families.items()
    )
    lines.append(fams)
    lines.append("")
    head = f"{'':3} {_('Rule'):<4} {_('Light'):<15} {_('Conf.'):<7} {_('Finding')}"
    lines.append(head)
    lines.append("-" * min(width, 100))
    for f in report.findings:
        light = str(f.result.light)
        summary = render_finding(f)
        title = _(f.meta.title)
        text = f"{title}: {summary}"
        first = True
        while text:
            cut = len(text) if len(text) <= width - 34 else text.rfind(" ", 0, width - 34)
            cut = cut if cut > 0 else width - 34
            chunk, text = text[:cut], text[cut:].lstrip()
            if first:
                lines.append(
                    f"[{_MARK[light]}] {f.rule:<4} {light_label(light):<15} "
                    f"{_(CONFIDENCE_LABELS.get(str(f.result.confidence), '')):<7} {chunk}"
                )
                first = False
            else:
                lines.append(" " * 33 + chunk)
    g = report.guidance or {}
    if g:
        lines.append("")
        tier = g.get("tier", {})
        needed = tier.get("needed_tier")
        peak = int(tier.get("peak_recipients_24h", 0))
        sentence = (
            ngettext(
                "Platform messaging tier needed: {tier} (at the peak {peak} person contacted "
                "first in 24 hours; new businesses start at {start}; as of {as_of}).",
                "Platform messaging tier needed: {tier} (at the peak {peak} people contacted "
                "first in 24 hours; new businesses start at {start}; as of {as_of}).",
                peak,
            )
            if peak
            else _(
                "Platform messaging tier needed: {tier} (you contacted nobody first; new "
                "businesses start at {start}; as of {as_of})."
            )
        )
        lines.append(
            sentence.format(
                tier=format_number(needed) if needed else _("unlimited"),
                peak=format_number(peak),
                start=format_number(tier.get("starting_tier", 250)),
                as_of=_day(tier.get("as_of", "")),
            )
        )
        cost = g.get("cost", {})
        lines.append(
            _("Estimated Platform cost: about {amount} per month (prices as of {as_of}).").format(
                amount=format_number(cost.get("eur_per_month", 0), 2) + " EUR",
                as_of=_day(cost.get("as_of", "")),
            )
        )
        if cost.get("note_key"):
            lines.append(_fmt(cost["note_key"], cost.get("note_params", {})))
    lines.append("")
    lines.append(_("Limits of this audit:"))
    lines += [f"  - {x}" for x in limits()]
    return "\n".join(lines)


def _day(value: str) -> str:
    """An ISO day ("2025-12-01") in the reader's format; anything else as it is."""
    return format_date(date.fromisoformat(value)) if _ISO_DAY.fullmatch(str(value)) else value
