"""PyInstaller entry point: the same `main` the `wa-audit` console script runs."""

from __future__ import annotations

import sys

from wa_audit.cli import main

if __name__ == "__main__":
    sys.exit(main())
