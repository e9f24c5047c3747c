"""Data-driven rule cases (tests/rules/cases/<rule>.toml): persona exports -> importer ->
audit; each case names the light one rule must show and how much evidence it must give."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.rules.conftest import build_persona_db, persona_report

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("R*.toml")):
        with path.open("rb") as fh:
            for case in tomllib.load(fh)["case"]:
                out.append((path.stem, case))
    return out


CASES = load_cases()


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r}-{c['name'][:50]}" for r, c in CASES])
def test_rule_case(rule, case):
    report = persona_report(case["persona"], case.get("params"))
    finding = report.finding(rule)
    assert finding is not None
    res = finding.result
    assert res.error_code is None, res.error_code
    assert str(res.light) == case["light"], (res.light, res.params, res.figures, res.triggers)
    assert len(res.evidence) >= case.get("min_evidence", 0)
    for key, value in case.get("figures", {}).items():
        assert res.figures[key] == value
    # every evidence id resolves to a real message of the import; the report quotes a sample
    from wa_audit.audit.store import EVIDENCE_SAMPLE
    from wa_audit.store.db import open_db

    db = open_db(build_persona_db(case["persona"], case.get("params")))
    try:
        known = {r[0] for r in db.execute("SELECT id FROM messages")}
    finally:
        db.close()
    assert set(res.evidence) <= known
    assert all(i in report.evidence for i in res.evidence[:EVIDENCE_SAMPLE])
