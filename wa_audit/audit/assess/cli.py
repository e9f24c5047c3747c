"""`wa-audit assess --db FILE [--answer ID=VALUE ...] [--list] [--clear ID ...]`.

Without --answer/--list/--clear it asks the questions one by one in the terminal (Enter skips,
"?" = don't know). Answers are stored in the workspace with today's date; the next audit uses
them. Values: yes / no / unknown, or for a choice its value or number (see --list).
"""

from __future__ import annotations

import argparse
import sys

from wa_audit.i18n import N_, _

HELP = {"assess": N_("answer the self-assessment questions for a workspace")}


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("--db", help=_("workspace database file (default: your workspace)"))
    parser.add_argument(
        "--answer",
        nargs="+",
        metavar="ID=VALUE",
        default=[],
        help=_("answer without asking: yes, no, unknown, or a choice (see --list)"),
    )
    parser.add_argument("--clear", nargs="+", metavar="ID", default=[], help=_("withdraw answers"))
    parser.add_argument(
        "--list", action="store_true", help=_("show the questions and the current answers")
    )


def _print_list(db) -> None:
    from wa_audit.audit.assess import answer_label, current_answers, questions
    from wa_audit.audit.assess.questions import pick
    from wa_audit.i18n import current_language

    lang = current_language()
    saved = current_answers(db)
    for n, q in enumerate(questions(), start=1):
        value, when = saved.get(q.id, (None, None))
        print(f"{n:2}. [{q.id}] {pick(q.text, lang)}")
        print("    " + _("Answer: {answer}").format(answer=answer_label(q, value))
              + (f" ({when[:10]})" if when else ""))  # fmt: skip
        print("    " + _("Possible answers: {values}").format(values=", ".join(q.values)))


def _ask(db) -> dict[str, str | None]:
    from wa_audit.audit.assess import answer_label, current_answers, questions
    from wa_audit.audit.assess.questions import normalise, pick
    from wa_audit.i18n import current_language

    lang = current_language()
    saved = current_answers(db)
    print(_("A few questions about what the chats cannot show. Enter skips a question."))
    out: dict[str, str | None] = {}
    qs = questions()
    for n, q in enumerate(qs, start=1):
        print()
        print(f"({n}/{len(qs)}) {pick(q.text, lang)}")
        print("   " + pick(q.help, lang))
        if q.type == "choice":
            for i, (_v, labels) in enumerate(q.choices, start=1):
                print(f"   {i}. {pick(labels, lang)}")
            hint = _("number, ? = don't know")
        else:
            hint = _("y = yes, n = no, ? = don't know")
        current = saved.get(q.id, (None, None))[0]
        if current:
            hint += ", " + _("now: {answer}").format(answer=answer_label(q, current))
        while True:
            try:
                typed = input(f"   [{hint}] > ")
            except EOFError:
                return out
            if not typed.strip():
                break
            value = normalise(q, typed)
            if value is not None:
                out[q.id] = value
                break
            print(
                "   " + _("Please answer with one of: {values}").format(values=", ".join(q.values))
            )
    return out


def parse_answers(pairs: list[str]) -> tuple[dict[str, str], list[str]]:
    """ID=VALUE pairs -> ({id: stored value}, [error sentences])."""
    from wa_audit.audit.assess.questions import by_id, normalise

    qs = by_id()
    answers: dict[str, str] = {}
    problems: list[str] = []
    for pair in pairs:
        qid, sep, value = pair.partition("=")
        q = qs.get(qid.strip())
        if not sep or q is None:
            problems.append(
                _("Unknown question {id}: see wa-audit assess --list.").format(id=qid.strip())
            )
            continue
        norm = normalise(q, value)
        if norm is None:
            problems.append(
                _("{id}: {value} is not a possible answer ({values}).").format(
                    id=q.id, value=value, values=", ".join(q.values)
                )
            )
            continue
        answers[q.id] = norm
    return answers, problems


def run(args: argparse.Namespace) -> int:
    from wa_audit.audit.assess import save_answers
    from wa_audit.errors import WaAuditError
    from wa_audit.store.db import default_db_path, open_db

    answers, problems = parse_answers(args.answer)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 2
    try:
        db = open_db(args.db or default_db_path())
    except WaAuditError as e:
        print(e.user_message(), file=sys.stderr)
        return 1
    try:
        if args.list:
            _print_list(db)
            return 0
        changes: dict[str, str | None] = dict(answers)
        changes.update({qid: None for qid in args.clear})
        if not changes and not args.clear:
            if not sys.stdin.isatty():
                print(
                    _("Give --answer ID=VALUE or --list (no terminal to ask in)."), file=sys.stderr
                )
                return 2
            changes = _ask(db)
        n = save_answers(db, changes)
        print(_("{n} answers saved. Run wa-audit audit to see their effect.").format(n=n))
        return 0
    finally:
        db.close()


def for_audit(db, report) -> tuple[dict, list[str]]:
    """What `wa-audit audit` adds: the JSON "self_assessment" object, and the lines printed
    around the summary (the headline first, then which lights the answers changed)."""
    from wa_audit.audit.assess import assessment_json, change_text, headline, load_run_assessment

    assessment = load_run_assessment(db, report.run_id)
    lines = []
    if headline(assessment):
        lines.append("!! " + headline(assessment))
    for c in assessment.changes if assessment else []:
        lines.append(_("Self-assessment: {change}").format(change=change_text(c)))
    return {"self_assessment": assessment_json(assessment)}, lines
