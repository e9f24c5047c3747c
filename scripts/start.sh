#!/usr/bin/env bash
# Quick start 1: set up, then open the app on the bundled demo workspace.
# Without a display it says so and prints the demo audit in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/wa-audit --demo "$@"
