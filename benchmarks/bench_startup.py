"""Start-up time to the main window, offscreen: source tree and PyInstaller bundle, cold and warm.

    .venv/bin/python benchmarks/bench_startup.py [--bundle dist/wa-audit/wa-audit] [--runs 7]
                                                 [--drop-caches] [--importtime]

Each run starts the real program (packaging/entry.py, the bundle's entry point; for the source
tree run by the venv's Python) with WA_AUDIT_STARTUP_PROBE=1, an empty home (so no workspace is
reopened) and QT_QPA_PLATFORM=offscreen. The probe prints the seconds from process start to the
main window's first paint and which heavy modules were already imported (pandas and the rules
must be imported lazily, when an audit runs, not at start).

cold = the first run, after dropping the OS page cache when --drop-caches is given (root on
Linux: first start after a reboot); warm = median of the other runs. --importtime lists the
slowest imports of the source start-up and who pulled in any eager heavy module.
Target: < 2 s. Results also go to benchmarks/out/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 2.0
OUT = ROOT / "benchmarks" / "out" / "startup.json"


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def one_run(cmd: list[str], home: Path, extra_env: dict[str, str] | None = None) -> dict:
    env = {
        **os.environ,
        "HOME": str(home),
        "USERPROFILE": str(home),
        "APPDATA": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "WA_AUDIT_STARTUP_PROBE": "1",
        "WA_AUDIT_NO_CRASH_DIALOG": "1",
        "LANGUAGE": "en",
        **(extra_env or {}),
    }
    env.pop("PYTHONPATH", None)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=home, capture_output=True, text=True, timeout=60)
    wall = time.perf_counter() - start
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    result = json.loads(lines[-1])
    result["wall_s"] = round(wall, 4)
    result["stderr"] = proc.stderr
    return result


def measure(name: str, cmd: list[str], runs: int, cold_drop: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="wa-audit-bench-") as d:
        home = Path(d)
        dropped = drop_caches() if cold_drop else False
        cold = one_run(cmd, home)
        warm = [one_run(cmd, home) for _ in range(runs - 1)]
    warm_shown = statistics.median(r["shown_s"] for r in warm) if warm else float("nan")
    return {
        "target": name,
        "command": " ".join(cmd),
        "cold_shown_s": cold["shown_s"],
        "cold_wall_s": cold["wall_s"],
        "cold_page_cache_dropped": dropped,
        "warm_shown_s_median": round(warm_shown, 4),
        "warm_shown_s_all": [r["shown_s"] for r in warm],
        "eager_imports": sorted({m for r in [cold, *warm] for m in r["eager"]}),
    }


def importtime(cmd: list[str]) -> str:
    """The 12 slowest imports (cumulative) and the import chain of every eager heavy module."""
    with tempfile.TemporaryDirectory() as d:
        env_cmd = [cmd[0], "-X", "importtime", *cmd[1:]]
        r = one_run(env_cmd, Path(d))
    rows = []
    for line in r["stderr"].splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, cum_us, name = line.replace("import time:", "").split("|")
        if not self_us.strip().isdigit():
            continue
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((name.strip(), int(cum_us), depth))
    out = ["slowest imports (cumulative ms):"]
    top = sorted(rows, key=lambda row: -row[1])[:12]
    out += [f"  {cum / 1000:8.1f}  {name}" for name, cum, _d in top]
    # importtime prints a module after everything it imported: its importer is the next line
    # with a smaller depth.
    for i, (name, _cum, depth) in enumerate(rows):
        if (
            name.split(".")[0] in ("pandas", "numpy", "rapidfuzz", "phonenumbers")
            and "." not in name
        ):
            chain, level = [name], depth
            for parent, _c, d in rows[i + 1 :]:
                if d < level:
                    chain.append(parent)
                    level = d
            out.append("eager import chain: " + " <- ".join(chain))
    return "\n".join(out)


def _short(modules: list[str]) -> str:
    rules = [m for m in modules if m.startswith("wa_audit.rules.")]
    rest = [m for m in modules if m not in rules]
    if rules:
        rest.append(f"wa_audit.rules.* ({len(rules)} modules)")
    return ", ".join(rest) or "none"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, help="bundled executable (dist/wa-audit/wa-audit)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--drop-caches", action="store_true", help="cold = empty page cache")
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()

    targets = [("source", [sys.executable, str(ROOT / "packaging" / "entry.py")])]
    bundle = args.bundle
    if bundle is None and (ROOT / "dist" / "wa-audit" / "wa-audit").exists():
        bundle = ROOT / "dist" / "wa-audit" / "wa-audit"
    if bundle is not None:
        targets.append(("bundle", [str(bundle.resolve())]))

    results = [measure(name, cmd, args.runs, args.drop_caches) for name, cmd in targets]
    print(
        f"start-up to first paint of the main window, offscreen ({platform.node()}, "
        f"{os.cpu_count()} cores, {args.runs} runs; target < {TARGET_S:.0f} s)"
    )
    print(f"{'':8} {'cold':>8} {'warm (median)':>14}   eager heavy imports")
    worst = 0.0
    for r in results:
        cold_note = "" if r["cold_page_cache_dropped"] else "*"
        eager = _short(r["eager_imports"])
        print(
            f"{r['target']:8} {r['cold_shown_s']:7.2f}s{cold_note} "
            f"{r['warm_shown_s_median']:13.2f}s   {eager}"
        )
        worst = max(worst, r["cold_shown_s"], r["warm_shown_s_median"])
    if not all(r["cold_page_cache_dropped"] for r in results):
        print("* first run without dropping the page cache (pass --drop-caches as root)")
    if args.importtime:
        print(importtime(targets[0][1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2))
    verdict = "within" if worst < TARGET_S else "OVER"
    print(f"slowest: {worst:.2f} s: {verdict} the {TARGET_S:.0f} s target; details in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
