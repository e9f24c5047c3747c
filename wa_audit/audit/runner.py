"""Run every registered rule on the derived frames, isolate failures, combine the lights."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from wa_audit import __version__
from wa_audit.audit import cache
from wa_audit.audit import lights as lights_mod
from wa_audit.audit.guidance import build_guidance
from wa_audit.audit.model import AuditReport, EvidenceItem, FamilyLight, Finding
from wa_audit.audit.store import EVIDENCE_SAMPLE
from wa_audit.audit.thresholds import effective
from wa_audit.i18n import N_
from wa_audit.rules import REGISTRY
from wa_audit.rules.base import Confidence, Light, RuleResult
from wa_audit.rules.derive.windows import DAY

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], Any]


def _audit_cutoff(audit_date: date | datetime | str | None) -> pd.Timestamp | None:
    if audit_date is None:
        return None
    if isinstance(audit_date, str):
        audit_date = datetime.fromisoformat(audit_date)
    ts = pd.Timestamp(audit_date)
    if not isinstance(audit_date, datetime):  # a date: the whole day counts
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    return ts


def run_audit_frames(
    frames: Any,
    sensitivity: str = "standard",
    audit_date: date | datetime | str | None = None,
    progress: Progress | None = None,
    overrides: dict[str, float] | None = None,
    explained: frozenset[str] | set[str] = frozenset(),
    owner_country: str | None = None,
) -> AuditReport:
    t_start = time.perf_counter()
    timings: dict[str, float] = {}
    th = effective(sensitivity, overrides)
    total = len(REGISTRY) + 2
    if progress:
        progress(0, total, N_("Preparing the chats"))
    messages = frames.messages
    cutoff = _audit_cutoff(audit_date)
    if cutoff is not None:
        messages = messages[messages["ts"] <= cutoff]
    ctx = cache.context(frames, messages, frames.owner, cutoff, th["global"]["fuzzy_similarity"])
    ctx.cache["global"] = th["global"]
    timings["derived"] = time.perf_counter() - t_start
    findings: list[Finding] = []
    for i, rule_cls in enumerate(REGISTRY, start=1):
        meta = rule_cls.meta
        t0 = time.perf_counter()
        try:
            res = cache.rule_result(ctx, rule_cls, th.get(meta.id, {}))
            if not meta.can_be_red and res.light == Light.RED:
                res.light = Light.AMBER
        except Exception as exc:  # one failing rule never sinks the audit
            log.warning("rule %s failed: %s", meta.id, type(exc).__name__)
            res = RuleResult(
                rule=meta.id,
                light=Light.ERROR,
                summary_key=N_("This check failed ({code}); the other checks are not affected."),
                params={"code": type(exc).__name__},
                confidence=Confidence.LOW,
                error_code=type(exc).__name__,
            )
        res.explained = meta.id in explained
        timings[meta.id] = time.perf_counter() - t0
        findings.append(Finding(meta=meta, result=res))
        if progress:
            progress(i, total, meta.title)
    # features computed on first use (clusters, campaigns, automation) inside the rules' time
    timings.update(ctx.cache.get("timings", {}))
    t0 = time.perf_counter()
    report = _assemble(ctx, findings, th, sensitivity, owner_country)
    timings["combine"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - t_start
    report.timings = timings
    if progress:
        progress(total, total, N_("Done"))
    return report


def _coverage(ctx) -> dict[str, Any]:
    ch = ctx.chats
    o2o_owner = int((ch["o2o"] & (ch["out_msgs"] > 0)).sum())
    days = (ctx.newest_t - ctx.oldest_t) / DAY if len(ctx.m) else 0.0
    return {
        "chats": len(ch),
        "one_to_one_chats": int(ch["o2o"].sum()),
        "one_to_one_with_owner": o2o_owner,
        "groups": int(ch["is_group"].astype(bool).sum()),
        "broadcast_lists": int(ch["broadcast"].fillna("").isin(["yes", "probable"]).sum()),
        "messages": len(ctx.m),
        "period_start": pd.Timestamp(ctx.oldest_t, unit="s").isoformat() if len(ctx.m) else None,
        "period_end": pd.Timestamp(ctx.newest_t, unit="s").isoformat() if len(ctx.m) else None,
        "days": round(days, 1),
        "seconds_share": round(ctx.seconds_share, 3),
        "truncated_chats": int(ch["truncated"].astype(bool).sum()),
        "customer_started_share": round(ctx.customer_started_share, 3),
        "owner": ctx.owner is not None,
    }


def evidence_items(ctx, wanted: set[int]) -> dict[int, EvidenceItem]:
    if not wanted:
        return {}
    m = ctx.m
    rows = m[m["msg_id"].isin(list(wanted))]
    titles = ctx.chats["title"]
    out = {}
    for mid, chat, t, sender, text in zip(
        rows["msg_id"], rows["chat_id"], rows["t"], rows["sender"], rows["text"], strict=True
    ):
        out[int(mid)] = EvidenceItem(
            msg_id=int(mid),
            chat=str(titles.get(chat, "")),
            timestamp=pd.Timestamp(int(t), unit="s").isoformat(),
            sender=sender if isinstance(sender, str) else None,
            text=str(text),
        )
    return out


def _assemble(ctx, findings, th, sensitivity, owner_country) -> AuditReport:
    cov = _coverage(ctx)
    items = lights_mod.light_inputs(findings)
    g = th["global"]
    comb = lights_mod.combine(
        items,
        cov["one_to_one_with_owner"],
        cov["days"],
        int(g["min_o2o_chats"]),
        g["min_days"],
        tool_rules=[f.rule for f in findings if "tool" in f.result.triggers],
    )
    for f in findings:
        f.points = comb.points.get(f.rule, 0.0)
    families = {
        fam: FamilyLight(family=fam, light=lt, points=p, rules=r, note_key=note)
        for fam, (lt, p, r, note) in comb.families.items()
    }
    guidance = build_guidance(ctx, findings, owner_country)
    # the quoted texts: a sample per finding (every id stays in f.result.evidence)
    wanted = {i for f in findings for i in f.result.evidence[:EVIDENCE_SAMPLE]}
    wanted |= {a["example"] for a in ctx.automations}
    return AuditReport(
        overall=comb.overall,
        overall_reason_key=comb.reason_key,
        overall_reason_params=comb.reason_params,
        families=families,
        findings=findings,
        guidance=guidance,
        coverage=cov,
        points=comb.total,
        audit_date=pd.Timestamp(ctx.audit_t, unit="s").isoformat() if len(ctx.m) else "",
        sensitivity=sensitivity,
        thresholds={k: v for k, v in th.items()},
        app_version=__version__,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        allowed_automation=list(ctx.automations),
        evidence=evidence_items(ctx, wanted),
    )


def run_audit(
    db: Any,
    sensitivity: str | None = None,
    audit_date: date | datetime | str | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """The audit of a workspace, stored as a new run. progress(done, total, stage) is called
    between the rules; an exception it raises (the app's Cancelled) stops the audit there and
    nothing is stored."""
    from wa_audit.audit.store import explained_rules, inputs_key, save_run
    from wa_audit.audit.thresholds import get_overrides, get_sensitivity
    from wa_audit.store.db import get_setting, open_db

    own = False
    if isinstance(db, str | Path):
        db = open_db(db)
        own = True
    try:
        key = inputs_key(db)  # before reading: a change made meanwhile re-audits next time
        frames = cache.frames(db)  # the messages of the last audit when nothing changed
        level = sensitivity or get_sensitivity(db)
        report = run_audit_frames(
            frames,
            sensitivity=level,
            audit_date=audit_date,
            progress=progress,
            overrides=get_overrides(db),
            explained=explained_rules(db),
            owner_country=get_setting(db, "owner_country") or get_setting(db, "country"),
        )
        from wa_audit.audit.assess import apply_saved, record_run  # self-assessment (issue 14)

        report, assessment = apply_saved(db, report)
        report.run_id = save_run(db, report, key)
        record_run(db, report.run_id, assessment)
        return report
    finally:
        if own:
            db.close()
