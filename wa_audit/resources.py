"""Where the bundled resources (prices, icons, demo exports) live: the one home of that rule.

resources/ sits next to the package in a source checkout, and in the PyInstaller bundle's
folder (sys._MEIPASS) when frozen.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    base = getattr(sys, "_MEIPASS", None)
    if base and (Path(base) / "resources").is_dir():
        return Path(base) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(name: str) -> Path:
    return resources_dir() / name
