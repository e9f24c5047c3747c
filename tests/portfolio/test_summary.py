"""One line per workspace: latest light, trend against the previous audit, top finding."""

from __future__ import annotations

import shutil

import pytest

from tests.rules.conftest import build_persona_db
from wa_audit.portfolio.summary import RunFacts, compare, summarize_path


def facts(overall, red=(), amber=(), fams=()):
    return RunFacts(1, overall, "", list(red), list(amber), red_families=list(fams))


@pytest.mark.parametrize(
    ("old", "new", "trend"),
    [
        (facts("green"), facts("green"), "same"),
        (facts("green"), facts("amber", amber=["R09"]), "worse"),
        (facts("red", red=["R01"]), facts("amber", amber=["R01"]), "better"),
        (facts("red", red=["R01"]), facts("red", red=["R01", "R04"]), "worse"),
        (facts("amber", amber=["R02", "R09"]), facts("amber", amber=["R09"]), "better"),
        (facts("red", red=["R01"]), facts("red", red=["R01"], fams=["AUTO"]), "worse"),
        (facts("grey"), facts("green"), "worse"),  # grey: no light yet; any light ranks above
    ],
)
def test_trend(old, new, trend):
    assert compare(old, new) == trend


def test_summary_of_a_real_workspace(tmp_path):
    from wa_audit.audit import run_audit

    path = tmp_path / "tool.wa-audit.db"
    shutil.copy(build_persona_db("bulk_tool"), path)
    s = summarize_path(path)
    assert s.name == "tool" and s.latest is None and s.trend == "new" and s.chats > 10
    run_audit(path)
    run_audit(path)
    s = summarize_path(path)
    assert s.overall == "red" and s.trend == "same"
    assert s.latest.top_light == "red" and s.latest.top_rule in s.latest.red
    assert s.period_start and s.messages > 300


def test_a_damaged_workspace_is_named_not_fatal(tmp_path):
    path = tmp_path / "broken.wa-audit.db"
    path.write_bytes(b"this is not a database" * 100)
    s = summarize_path(path)
    assert s.latest is None
    assert "broken.wa-audit.db could not be opened as a workspace" in s.problem
