"""Rule metadata, results and the Rule base class.

A rule is metadata (plain data: id, family, strength, texts as message ids, threshold names) plus
an `evaluate(ctx, th)` that reads the shared derived frames (`rules.derive.context.AuditContext`) and
returns a `RuleResult`. Results hold message ids + parameters, never rendered sentences, so a
report can switch language without re-running the audit.
"""

from __future__ import annotations

import enum
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from wa_audit.rules.derive.context import AuditContext

THRESHOLDS_FILE = Path(__file__).resolve().parent.parent / "data" / "thresholds.toml"


@cache
def threshold_file() -> dict[str, Any]:
    """wa_audit/data/thresholds.toml as read (the one loader; audit.thresholds applies
    sensitivity and overrides on top)."""
    with THRESHOLDS_FILE.open("rb") as fh:
        return tomllib.load(fh)


@cache
def global_defaults() -> dict[str, float]:
    """The [global] thresholds at standard sensitivity (a rule evaluated outside the runner)."""
    return {k: float(v["value"]) for k, v in threshold_file()["global"].items()}


class Light(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"  # not computable (e.g. needs seconds, no data of that kind)
    ERROR = "error"  # the rule failed; the audit went on


class Strength(enum.StrEnum):
    STRONG = "S"
    MEDIUM = "M"
    WEAK = "W"
    CONTEXT = "C"


class Family(enum.StrEnum):
    BULK = "BULK"
    AUTO = "AUTO"
    CONSENT = "CONSENT"
    CONTENT = "CONTENT"
    GROUPS = "GROUPS"
    CONTEXT = "CONTEXT"


class Confidence(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class RuleMeta:
    """Everything about a rule that is not computation. Texts are English msgids (N_)."""

    id: str  # stable, never renamed: "R01"
    slug: str  # "bulk_identical_outbound"
    family: Family
    strength: Strength  # strength of a red result
    title: str
    what: str  # what it checks
    why: str  # why WhatsApp cares
    instead: str  # what to do instead (feeds the guidance view)
    amber_strength: Strength | None = None  # "S (red) / M (amber)" rules
    needs_seconds: bool = False
    can_be_red: bool = True

    @property
    def thresholds(self) -> dict[str, dict[str, Any]]:
        """This rule's default thresholds from wa_audit/data/thresholds.toml:
        {name: {"value", "worse", "reason"}} (the runner applies sensitivity/overrides)."""
        return dict(threshold_file().get(self.id, {}))

    def strength_for(self, light: Light) -> Strength:
        if light == Light.AMBER and self.amber_strength is not None:
            return self.amber_strength
        return self.strength


@dataclass
class RuleResult:
    """One rule's verdict. `summary_key` is a msgid with {named} params (rendered later)."""

    rule: str
    light: Light
    summary_key: str
    params: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    evidence: list[int] = field(default_factory=list)  # msg_ids, best first, all of them
    confidence: Confidence = Confidence.HIGH
    notes: list[str] = field(default_factory=list)  # extra msgids (e.g. "downgraded: ...")
    triggers: list[str] = field(default_factory=list)  # short codes of what fired
    error_code: str | None = None
    explained: bool = False  # marked "expected / explained" by the consultant

    def __post_init__(self) -> None:
        self.evidence = [int(x) for x in dict.fromkeys(self.evidence)]

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "light": str(self.light),
            "summary_key": self.summary_key,
            "params": self.params,
            "figures": self.figures,
            "evidence": self.evidence,
            "confidence": str(self.confidence),
            "notes": self.notes,
            "triggers": self.triggers,
            "error_code": self.error_code,
            "explained": self.explained,
        }


class Rule:
    """Base class: subclasses set `meta` and implement `evaluate`."""

    meta: ClassVar[RuleMeta]

    def evaluate(self, ctx: AuditContext, th: dict[str, float]) -> RuleResult:
        raise NotImplementedError

    def result(self, light: Light, summary_key: str, **kw: Any) -> RuleResult:
        return RuleResult(rule=self.meta.id, light=light, summary_key=summary_key, **kw)


def worst(*lights: Light) -> Light:
    order = [Light.GREY, Light.GREEN, Light.AMBER, Light.RED]
    known = [lt for lt in lights if lt in order]
    return max(known, key=order.index) if known else Light.GREY
