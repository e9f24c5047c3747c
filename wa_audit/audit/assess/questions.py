"""The self-assessment questions, loaded from wa_audit/data/self_assessment.toml.

Question and help texts live in the data file in en/nl/de (not in the gettext catalogues), so a
question can be reworded or added without code; `text(q, lang)` picks the reader's language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "self_assessment.toml"
LANGS = ("en", "nl", "de")
UNKNOWN = "unknown"
YES_NO = ("yes", "no")
ACTIONS = ("family_red", "headline", "rule_down", "rule_up", "rule_floor", "family_floor")
FAMILIES = ("BULK", "AUTO", "CONSENT", "CONTENT", "GROUPS")


@dataclass(frozen=True)
class Effect:
    answer: str
    action: str
    rules: tuple[str, ...] = ()
    family: str | None = None
    why: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # yes_no | choice
    policy: str
    text: dict[str, str]
    help: dict[str, str]
    choices: tuple[tuple[str, dict[str, str]], ...] = ()  # (value, labels) for "choice"
    effects: tuple[Effect, ...] = ()

    @property
    def values(self) -> tuple[str, ...]:
        """Every valid answer, "unknown" (don't know) last."""
        own = YES_NO if self.type == "yes_no" else tuple(v for v, _l in self.choices)
        return (*own, UNKNOWN)

    def effects_for(self, answer: str | None) -> list[Effect]:
        return [e for e in self.effects if e.answer == answer]


def pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en", "")


def _effect(qid: str, raw: dict) -> Effect:
    action = raw["action"]
    if action not in ACTIONS:
        raise ValueError(f"{qid}: unknown action {action!r}")
    family = raw.get("family")
    if action in ("family_red", "family_floor") and family not in FAMILIES:
        raise ValueError(f"{qid}: {action} needs a family")
    rules = tuple(raw.get("rules", ()))
    if action.startswith("rule_") and not rules:
        raise ValueError(f"{qid}: {action} needs rules")
    return Effect(raw["answer"], action, rules, family, dict(raw.get("why", {})))


def parse(data: dict) -> tuple[Question, ...]:
    out = []
    seen: set[str] = set()
    for raw in data.get("question", []):
        qid = raw["id"]
        if qid in seen:
            raise ValueError(f"duplicate question id {qid}")
        seen.add(qid)
        choices = tuple((c["value"], dict(c["label"])) for c in raw.get("choice", []))
        q = Question(
            id=qid,
            type=raw["type"],
            policy=raw.get("policy", ""),
            text=dict(raw["text"]),
            help=dict(raw.get("help", {})),
            choices=choices,
            effects=tuple(_effect(qid, e) for e in raw.get("effect", [])),
        )
        if q.type not in ("yes_no", "choice") or (q.type == "choice" and not choices):
            raise ValueError(f"{qid}: type must be yes_no, or choice with choices")
        for e in q.effects:
            if e.answer not in q.values or e.answer == UNKNOWN:
                raise ValueError(f"{qid}: effect for an impossible answer {e.answer!r}")
        out.append(q)
    return tuple(out)


@cache
def questions() -> tuple[Question, ...]:
    with DATA_FILE.open("rb") as fh:
        return parse(tomllib.load(fh))


@cache
def as_of() -> str:
    with DATA_FILE.open("rb") as fh:
        return str(tomllib.load(fh).get("as_of", ""))


def by_id() -> dict[str, Question]:
    return {q.id: q for q in questions()}


def normalise(q: Question, value: str) -> str | None:
    """The stored value for what someone typed: yes/no/unknown (also ja/nee/nein/weet niet,
    y/n/?) or a choice value or its 1-based number. None when it fits nothing."""
    v = value.strip().casefold().replace("'", "").replace("’", "")
    aliases = {
        "y": "yes", "j": "yes", "ja": "yes", "yes": "yes",
        "n": "no", "nee": "no", "nein": "no", "no": "no",
        "?": UNKNOWN, "dont know": UNKNOWN, "weet niet": UNKNOWN, "weet ik niet": UNKNOWN,
        "weiß nicht": UNKNOWN, "weiss nicht": UNKNOWN, "unknown": UNKNOWN, "don_t_know": UNKNOWN,
    }  # fmt: skip
    if q.type == "yes_no":
        return aliases.get(v)
    if v in aliases and aliases[v] == UNKNOWN:
        return UNKNOWN
    values = [c for c, _l in q.choices]
    if v in values:
        return v
    if v.isdigit() and 1 <= int(v) <= len(values):
        return values[int(v) - 1]
    return None
