"""Lint .github/workflows/release.yml.

The structural checks parse the YAML with PyYAML (dev dependency); the text checks below them
need nothing: tabs, actions pinned to commit hashes, no secret but GITHUB_TOKEN. At the end,
zizmor (requirements-dev.txt) audits the workflow offline and any high finding fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
TEXT = WORKFLOW.read_text("utf-8")
OSES = {"ubuntu", "windows", "macos"}
# Major versions in use; the full version is the comment after the pinned hash.
KNOWN_ACTIONS = {
    "actions/checkout": 4,
    "actions/setup-python": 5,
    "actions/upload-artifact": 4,
    "actions/download-artifact": 4,
}
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(?:\s+#\s*(\S+))?\s*$", re.M)


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
    assert wf["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert wf["permissions"] == {}  # nothing unless a job asks
    runs = "\n".join(s.get("run", "") for s in release["steps"])
    assert "gh release create" in runs and "release/*" in runs
    assert "sha256sum --check" in runs and "release/SHA256SUMS" in runs
    uploads = [s for _j, s in _steps(wf) if s.get("uses", "").startswith("actions/upload-artifact")]
    (upload,) = uploads
    for pattern in ("*.tar.gz", "*.dmg", "*-setup.exe", "SHA256SUMS"):
        assert pattern in upload["with"]["path"]
    assert upload["with"]["if-no-files-found"] == "error"


def test_published_jobs_use_no_cache_and_do_not_keep_the_token(wf):
    for job_id, step in _steps(wf):
        uses = step.get("uses", "")
        assert "cache" not in uses, f"{job_id}: {uses}"
        assert "cache" not in step.get("with", {}), f"{job_id}: {uses} caches"
        if uses.startswith("actions/checkout"):
            assert step["with"]["persist-credentials"] is False
    for job_id, job in wf["jobs"].items():
        assert "permissions" in job, f"{job_id} has no permissions of its own"


# --- text-level checks, no YAML library needed -------------------------------------------------


def test_no_tabs_and_even_indentation():
    for n, line in enumerate(TEXT.splitlines(), 1):
        assert "\t" not in line, f"tab on line {n}"
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"odd indentation on line {n}"


def test_actions_are_pinned_to_commit_hashes_with_their_version():
    uses = USES.findall(TEXT)
    assert len(uses) == TEXT.count("uses:") == 4
    for name, ref, comment in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name}@{ref} is not a full commit hash"
        assert re.fullmatch(r"v\d+\.\d+\.\d+", comment), f"{name}: version comment missing"
        assert comment.startswith(f"v{KNOWN_ACTIONS[name]}."), f"{name} {comment}"


def test_expressions_are_closed_and_only_the_builtin_token_is_used():
    assert TEXT.count("${{") == TEXT.count("}}")
    secrets = set(re.findall(r"secrets\.(\w+)", TEXT))
    assert secrets <= {"GITHUB_TOKEN"}
    assert "pull_request_target" not in TEXT


# --- zizmor: the static audit of the workflow, offline ------------------------------------------


def _zizmor(path: Path) -> list[dict]:
    exe = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert exe, "zizmor is missing: pip install -r requirements-dev.txt"
    out = subprocess.run(
        [exe, "--offline", "--no-config", "--format", "json", "--no-exit-codes", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout)


def _high(findings: list[dict]) -> list[str]:
    return [
        f"{f['ident']}: {f['desc']}" for f in findings if f["determinations"]["severity"] == "High"
    ]


def test_zizmor_finds_nothing_high_in_the_release_workflow():
    assert _high(_zizmor(WORKFLOW)) == []


def test_zizmor_would_catch_tag_pins_caches_and_kept_credentials(tmp_path):
    """The audit above can fail: the workflow as it was before hardening has high findings."""
    weak = re.sub(r"@[0-9a-f]{40} # (v\d+)\S*", r"@\1", TEXT)
    weak = weak.replace("persist-credentials: false", "persist-credentials: true")
    weak = weak.replace('python-version: "3.11"', 'python-version: "3.11"\n          cache: pip')
    target = tmp_path / ".github" / "workflows" / "release.yml"
    target.parent.mkdir(parents=True)
    target.write_text(weak, "utf-8")
    high = _high(_zizmor(target))
    assert sum(h.startswith("unpinned-uses") for h in high) == 4, high
    assert any(h.startswith("cache-poisoning") for h in high), high
