"""Write the demo shop's WhatsApp exports to resources/demo/ (deterministic; commit them).

.venv/bin/python scripts/make_demo.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wa_audit.demo import write_demo_exports  # noqa: E402


def main() -> int:
    out = ROOT / "resources" / "demo"
    if out.exists():
        shutil.rmtree(out)
    files = write_demo_exports(out)
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} exports, {size / 1024:.0f} KB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
