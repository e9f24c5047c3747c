"""Self-assessment: questions about what a chat export cannot show, folded into the verdict.

    questions() -> tuple[Question]          from wa_audit/data/self_assessment.toml
    current_answers(db) / save_answers(db, {id: value | None})
    apply_answers(report, answers) -> (AuditReport, Assessment)   pure; see assess.apply
    apply_saved(db, report) -> (AuditReport, Assessment)          with the workspace's answers
    record_run(db, run_id, assessment) / load_run_assessment(db, run_id)
    assessment_json(assessment) -> dict     the `audit --json` "self_assessment" object
    limit_lines(assessment) -> [str]        "don't know" answers, for the audit's limits
    headline(assessment) -> str | None      what the verdict says first
Texts are in the current language (wa_audit.i18n).
"""

from __future__ import annotations

from typing import Any

from wa_audit.audit.assess.apply import Assessment, Change, apply_answers
from wa_audit.audit.assess.questions import UNKNOWN, Question, as_of, by_id, pick, questions
from wa_audit.audit.assess.store import (
    current_answers,
    load_run_assessment,
    record_run,
    save_answers,
)
from wa_audit.i18n import _, current_language

__all__ = [
    "UNKNOWN",
    "Assessment",
    "Change",
    "Question",
    "answer_label",
    "apply_answers",
    "apply_saved",
    "assessment_json",
    "change_text",
    "current_answers",
    "headline",
    "limit_lines",
    "load_run_assessment",
    "questions",
    "record_run",
    "save_answers",
]


def apply_saved(db, report) -> tuple[Any, Assessment]:
    """The workspace's current answers applied to a fresh audit result."""
    saved = current_answers(db)
    return apply_answers(
        report, {k: v for k, (v, _w) in saved.items()}, {k: w for k, (_v, w) in saved.items()}
    )


def answer_label(q: Question, value: str | None) -> str:
    if value is None:
        return _("not answered")
    if value == UNKNOWN:
        return _("don't know")
    if value == "yes":
        return _("yes")
    if value == "no":
        return _("no")
    labels = dict(q.choices).get(value)
    return pick(labels, current_language()) if labels else value


def change_text(c: Change) -> str:
    """'R09: red → amber. Written consent makes …' in the current language."""
    from wa_audit.audit.render import family_label, light_label, rule_title

    if c.kind == "rule":
        what = f"{rule_title(c.target)} ({c.target})"
    elif c.kind == "family":
        what = family_label(c.target)
    else:
        what = _("Overall")
    return _("{what}: {before} → {after}. {why}").format(
        what=what,
        before=light_label(c.before),
        after=light_label(c.after),
        why=pick(c.why, current_language()),
    )


def headline(assessment: Assessment | None) -> str | None:
    if assessment is None or not assessment.headline:
        return None
    return pick(assessment.headline, current_language())


def limit_lines(assessment: Assessment | None) -> list[str]:
    """One line per "don't know" answer: what the audit could not take into account."""
    if assessment is None:
        return []
    qs = by_id()
    lang = current_language()
    return [
        _('You answered "don\'t know" to: {question} This was not taken into account.').format(
            question=pick(qs[qid].text, lang)
        )
        for qid in assessment.unknown
        if qid in qs
    ]


def assessment_json(assessment: Assessment | None) -> dict[str, Any]:
    """Each question with its answer, date and effect (texts in the current language)."""
    lang = current_language()
    a = assessment or Assessment(answers={}, unanswered=[q.id for q in questions()])
    items = []
    for q in questions():
        value = a.answers.get(q.id)
        changes = a.changes_by(q.id)
        items.append(
            {
                "id": q.id,
                "question": pick(q.text, lang),
                "answer": value,
                "answer_label": answer_label(q, value),
                "answered_at": a.answered_at.get(q.id),
                "policy": q.policy,
                "declared": [
                    {
                        "action": e.action,
                        "rules": list(e.rules),
                        "family": e.family,
                        "why": pick(e.why, lang),
                    }
                    for e in q.effects_for(value)
                ],
                "changes": [c.as_dict(lang) for c in changes],
                "effect": " ".join(change_text(c) for c in changes) or None,
            }
        )
    return {
        "as_of": as_of(),
        "headline": headline(a),
        "answered": len(a.answers),
        "unanswered": len(a.unanswered),
        "unknown": a.unknown,
        "questions": items,
        "limits": limit_lines(a),
    }


def report_parts(db, report) -> tuple[list[str], list[str], list[str]]:
    """For the written report: (said first, what the answers changed, "don't know" limits)."""
    assessment = load_run_assessment(db, getattr(report, "run_id", None))
    first = [headline(assessment)] if headline(assessment) else []
    changes = [change_text(c) for c in assessment.changes] if assessment else []
    return first, changes, limit_lines(assessment)
