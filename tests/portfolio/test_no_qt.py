"""The self-assessment and portfolio core never loads Qt, and the CLI still starts without pandas."""

import subprocess
import sys

CORE = [
    "wa_audit.audit.assess",
    "wa_audit.audit.assess.cli",
    "wa_audit.portfolio",
    "wa_audit.portfolio.batch",
    "wa_audit.portfolio.cli",
    "wa_audit.portfolio.summary",
    "wa_audit.portfolio.table",
]


def _loaded(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_no_qt_in_the_core():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    assert _loaded(code) == ""


def test_cli_parser_with_the_new_commands_does_not_load_pandas():
    code = (
        "import sys\nfrom wa_audit.cli import build_parser\nbuild_parser()\n"
        "print(','.join(m for m in ('pandas', 'numpy') if m in sys.modules))\n"
    )
    assert _loaded(code) == ""
