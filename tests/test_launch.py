"""`wa-audit` on a machine without a screen explains itself and still prints the audit."""

from __future__ import annotations

import os
import subprocess
import sys

from wa_audit.launch import _x_display_reachable


def test_no_display_prints_the_demo_audit(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), LANGUAGE="en")
    proc = subprocess.run(
        [sys.executable, "-m", "wa_audit.cli", "--demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("No display found")
    assert "Overall:" in proc.stdout and "R01" in proc.stdout
    assert "Traceback" not in proc.stderr and "qt.qpa" not in proc.stderr


def test_stale_local_display_is_not_a_display():
    assert not _x_display_reachable(":987")
    assert not _x_display_reachable("")
    assert _x_display_reachable("remotehost:0")
