"""Lint .github/workflows/release.yml.

The structural checks parse the YAML with PyYAML (dev dependency); the text checks below them
need nothing and always run: tabs, pinned actions, the tag trigger, no secret but GITHUB_TOKEN.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
TEXT = WORKFLOW.read_text("utf-8")
OSES = {"ubuntu", "windows", "macos"}
KNOWN_ACTIONS = {
    "actions/checkout": 4,
    "actions/setup-python": 5,
    "actions/upload-artifact": 4,
    "actions/download-artifact": 4,
}


@pytest.fixture(scope="module")
def wf():
    yaml = pytest.importorskip("yaml", reason="pyyaml (requirements-dev.txt) parses the YAML")
    return yaml.safe_load(TEXT)


def _steps(wf):
    for job_id, job in wf["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def test_triggers_on_version_tags(wf):
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` key as the boolean True
    assert on["push"]["tags"] == ["v*"]


def test_jobs_are_well_formed(wf):
    jobs = wf["jobs"]
    for job_id, job in jobs.items():
        assert "runs-on" in job, job_id
        assert isinstance(job.get("timeout-minutes"), int), job_id
        needs = job.get("needs", [])
        for need in [needs] if isinstance(needs, str) else needs:
            assert need in jobs, f"{job_id} needs unknown job {need}"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{job_id}: a step has uses XOR run"
            assert set(step) <= {
                "name",
                "id",
                "if",
                "uses",
                "with",
                "run",
                "shell",
                "env",
                "working-directory",
                "continue-on-error",
                "timeout-minutes",
            }, step


def test_builds_three_platforms_and_self_tests_each(wf):
    build = wf["jobs"]["build"]
    oses = build["strategy"]["matrix"]["os"]
    assert {re.match(r"[a-z]+", o).group(0) for o in oses} == OSES
    assert build["strategy"]["fail-fast"] is False
    runs = "\n".join(s.get("run", "") for _j, s in _steps(wf))
    assert "bash scripts/build_bundle.sh" in runs  # --version and --self-test of the bundle
    # and once more after installing, per platform
    assert runs.count("--self-test") >= 3
    assert "ISCC.exe" in runs and "make_dmg" not in runs  # the dmg comes from build_bundle.sh


def test_release_job_attaches_artefacts_only_for_tags(wf):
    release = wf["jobs"]["release"]
    assert release["needs"] == "build"
    assert "refs/tags/v" in release["if"]
    assert release["permissions"] == {"contents": "write"}
    assert wf["permissions"] == {"contents": "read"}  # everything else read-only
    runs = "\n".join(s.get("run", "") for s in release["steps"])
    assert "gh release create" in runs
    uploads = [s for _j, s in _steps(wf) if s.get("uses", "").startswith("actions/upload-artifact")]
    (upload,) = uploads
    for pattern in ("*.tar.gz", "*.dmg", "*-setup.exe"):
        assert pattern in upload["with"]["path"]
    assert upload["with"]["if-no-files-found"] == "error"


# --- text-level checks, no YAML library needed -------------------------------------------------


def test_no_tabs_and_even_indentation():
    for n, line in enumerate(TEXT.splitlines(), 1):
        assert "\t" not in line, f"tab on line {n}"
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"odd indentation on line {n}"


def test_actions_are_pinned_to_current_major_versions():
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)", TEXT, flags=re.M)
    assert uses
    for ref in uses:
        name, _, version = ref.partition("@")
        assert version, f"{ref} is not pinned"
        if name in KNOWN_ACTIONS:
            assert version == f"v{KNOWN_ACTIONS[name]}", ref


def test_expressions_are_closed_and_only_the_builtin_token_is_used():
    assert TEXT.count("${{") == TEXT.count("}}")
    secrets = set(re.findall(r"secrets\.(\w+)", TEXT))
    assert secrets <= {"GITHUB_TOKEN"}
    assert "pull_request_target" not in TEXT
