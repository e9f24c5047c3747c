"""The audit's output objects (no pandas here, so the UI can import them cheaply)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wa_audit.rules.base import Light, RuleMeta, RuleResult


@dataclass
class Finding:
    meta: RuleMeta
    result: RuleResult
    points: float = 0.0  # contribution to the overall score (audit.lights)

    @property
    def rule(self) -> str:
        return self.meta.id


@dataclass
class FamilyLight:
    family: str
    light: Light
    points: float
    rules: list[str]
    note_key: str | None = None


@dataclass
class EvidenceItem:
    """One evidence message, resolved for display (content shown only in the user's own UI)."""

    msg_id: int
    chat: str
    timestamp: str  # ISO 8601, seconds
    sender: str | None
    text: str


@dataclass
class AuditReport:
    overall: Light
    overall_reason_key: str  # msgid explaining the overall light
    overall_reason_params: dict[str, Any]
    families: dict[str, FamilyLight]
    findings: list[Finding]
    guidance: dict[str, Any]
    coverage: dict[str, Any]
    points: float = 0.0
    run_id: int | None = None
    audit_date: str = ""
    sensitivity: str = "standard"
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    app_version: str = ""
    started_at: str = ""
    allowed_automation: list[dict[str, Any]] = field(default_factory=list)
    evidence: dict[int, EvidenceItem] = field(default_factory=dict)  # msg_id -> item
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (not stored)

    def finding(self, rule_id: str) -> Finding | None:
        return next((f for f in self.findings if f.rule == rule_id), None)

    def light_of(self, rule_id: str) -> Light | None:
        f = self.finding(rule_id)
        return f.result.light if f else None
