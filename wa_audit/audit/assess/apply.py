"""Fold self-assessment answers into an audit result: a pure step after the rules ran.

`apply_answers(report, answers)` returns a new AuditReport (the given one is not changed) and an
Assessment that says, for every answer, which lights it changed and why. Rule-level answers move
one rule's light one step (never two: a red finding never turns green) and the lights are
combined again with the audit's own rules (audit.lights); family-level answers then set or raise
a family and the overall light. "unknown" (don't know) changes nothing.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

from wa_audit.audit import lights as lights_mod
from wa_audit.audit.assess.questions import UNKNOWN, Question, by_id, pick, questions
from wa_audit.audit.model import AuditReport, FamilyLight
from wa_audit.i18n import N_
from wa_audit.rules.base import Light

ORDER = [Light.GREEN, Light.AMBER, Light.RED]
CHANGED_NOTE = N_("This light was changed by an answer in the self-assessment.")
REASON_FAMILY_RED = N_(
    "Red because of your own answer about {families}: WhatsApp does not allow this, whatever "
    "the chats show."
)
REASON_FAMILY_FLOOR = N_("Amber because of your own answer about {families}.")
REASON_WARNED = N_(
    "Amber: WhatsApp has already warned or restricted this number, so it is watched more closely."
)


@dataclass
class Change:
    question: str
    answer: str
    kind: str  # rule | family | overall
    target: str  # rule id, family code or "overall"
    before: str
    after: str
    why: dict[str, str] = field(default_factory=dict)

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "kind": self.kind,
            "target": self.target,
            "before": self.before,
            "after": self.after,
            "why": pick(self.why, lang),
        }


@dataclass
class Assessment:
    answers: dict[str, str]  # question id -> answer (only answered questions)
    changes: list[Change] = field(default_factory=list)
    headline: dict[str, str] | None = None  # the verdict says this first
    unknown: list[str] = field(default_factory=list)  # answered "don't know"
    unanswered: list[str] = field(default_factory=list)
    answered_at: dict[str, str] = field(default_factory=dict)

    def changes_by(self, question: str) -> list[Change]:
        return [c for c in self.changes if c.question == question]

    def to_json(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "answered_at": self.answered_at,
            "changes": [dataclasses.asdict(c) for c in self.changes],
            "headline": self.headline,
            "unknown": self.unknown,
            "unanswered": self.unanswered,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assessment:
        return cls(
            answers=dict(data.get("answers", {})),
            changes=[Change(**c) for c in data.get("changes", [])],
            headline=data.get("headline"),
            unknown=list(data.get("unknown", [])),
            unanswered=list(data.get("unanswered", [])),
            answered_at=dict(data.get("answered_at", {})),
        )


def _step(light: Light, action: str, can_be_red: bool, original: Light) -> Light:
    if light not in ORDER:
        return light  # grey / error: nothing to move
    i = ORDER.index(light)
    if action == "rule_down":
        new = ORDER[max(i - 1, 0)]
        if original == Light.RED and new == Light.GREEN:
            new = Light.AMBER  # never from red to green
        return new
    if action == "rule_up":
        if light == Light.GREEN:
            return light  # an answer alone is not a finding for this rule
        return Light.RED if can_be_red else Light.AMBER
    if action == "rule_floor":
        return Light.AMBER if light == Light.GREEN else light
    return light


def apply_answers(
    report: AuditReport, answers: dict[str, str], answered_at: dict[str, str] | None = None
) -> tuple[AuditReport, Assessment]:
    qs = by_id()
    given = {k: v for k, v in answers.items() if k in qs and v in qs[k].values}
    result = Assessment(
        answers=given,
        answered_at={k: v for k, v in (answered_at or {}).items() if k in given},
        unknown=[q.id for q in questions() if given.get(q.id) == UNKNOWN],
        unanswered=[q.id for q in questions() if q.id not in given],
    )
    findings = [
        dataclasses.replace(f, result=copy.copy(f.result)) for f in report.findings
    ]  # new result objects: the caller's report keeps its lights
    by_rule = {f.rule: f for f in findings}
    original = {f.rule: f.result.light for f in findings}
    answered = [(q, given[q.id]) for q in questions() if q.id in given]
    for q, answer in answered:
        for eff in q.effects_for(answer):
            if not eff.action.startswith("rule_"):
                continue
            for rule in eff.rules:
                f = by_rule.get(rule)
                if f is None or f.result.explained:
                    continue
                before = f.result.light
                after = _step(before, eff.action, f.meta.can_be_red, original[rule])
                if after != before:
                    f.result.light = after
                    f.result.notes = [*f.result.notes, CHANGED_NOTE]
                    result.changes.append(
                        Change(q.id, answer, "rule", rule, str(before), str(after), eff.why)
                    )
    new = dataclasses.replace(report, findings=findings, families=dict(report.families))
    cause: tuple[str, str, dict[str, str]] | None = None
    if result.changes:
        _recombine(new)
        last = result.changes[-1]
        cause = (last.question, last.answer, last.why)
    cause = _family_effects(new, answered, result) or cause
    if new.overall != report.overall and cause is not None:
        q, a, why = cause
        result.changes.append(
            Change(q, a, "overall", "overall", str(report.overall), str(new.overall), why)
        )
    return new, result


def _recombine(report: AuditReport) -> None:
    items = lights_mod.light_inputs(report.findings)
    g = (report.thresholds or {}).get("global", {})
    cov = report.coverage or {}
    comb = lights_mod.combine(
        items,
        int(cov.get("one_to_one_with_owner", 0)),
        float(cov.get("days", 0.0)),
        int(g.get("min_o2o_chats", 10)),
        float(g.get("min_days", 14)),
    )
    for f in report.findings:
        f.points = comb.points.get(f.rule, 0.0)
    report.families = {
        fam: FamilyLight(family=fam, light=lt, points=p, rules=r, note_key=note)
        for fam, (lt, p, r, note) in comb.families.items()
    }
    report.overall = comb.overall
    report.overall_reason_key = comb.reason_key
    report.overall_reason_params = comb.reason_params
    report.points = comb.total


def _set_family(report: AuditReport, fam: str, light: Light) -> str:
    old = report.families.get(fam)
    before = str(old.light) if old else str(Light.GREY)
    if old is None:
        report.families[fam] = FamilyLight(family=fam, light=light, points=0.0, rules=[])
    else:
        report.families[fam] = dataclasses.replace(old, light=light, note_key=None)
    return before


def _family_effects(
    report: AuditReport, answered: list[tuple[Question, str]], result: Assessment
) -> tuple[str, str, dict[str, str]] | None:
    """Family-level answers; returns (question, answer, why) of what set the overall light."""
    red: list[tuple[str, str, dict[str, str]]] = []
    floor: list[tuple[str, str, dict[str, str]]] = []
    cause = None
    for q, answer in answered:
        for eff in q.effects_for(answer):
            if eff.action == "family_red" and eff.family:
                before = _set_family(report, eff.family, Light.RED)
                if before != Light.RED:
                    result.changes.append(
                        Change(q.id, answer, "family", eff.family, before, "red", eff.why)
                    )
                red.append((eff.family, (q.id, answer, eff.why)))
            elif eff.action == "family_floor" and eff.family:
                current = report.families.get(eff.family)
                if current is None or current.light in (Light.GREEN, Light.GREY):
                    before = _set_family(report, eff.family, Light.AMBER)
                    result.changes.append(
                        Change(q.id, answer, "family", eff.family, before, "amber", eff.why)
                    )
                floor.append((eff.family, (q.id, answer, eff.why)))
            elif eff.action == "headline":
                result.headline = dict(eff.why)
                if report.overall in (Light.GREEN, Light.GREY):
                    report.overall = Light.AMBER
                    report.overall_reason_key = REASON_WARNED
                    report.overall_reason_params = {}
                    cause = (q.id, answer, eff.why)
    if red:
        report.overall = Light.RED
        report.overall_reason_key = REASON_FAMILY_RED
        report.overall_reason_params = {"families": ", ".join(dict.fromkeys(f for f, _c in red))}
        return red[0][1]
    if floor and report.overall in (Light.GREEN, Light.GREY):
        report.overall = Light.AMBER
        report.overall_reason_key = REASON_FAMILY_FLOOR
        report.overall_reason_params = {"families": ", ".join(dict.fromkeys(f for f, _c in floor))}
        return floor[0][1]
    return cause
