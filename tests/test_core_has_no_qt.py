"""The core must stay importable and testable without Qt (also checked by import-linter)."""

import subprocess
import sys

CORE = [
    "wa_audit.model",
    "wa_audit.errors",
    "wa_audit.i18n",
    "wa_audit.importer",
    "wa_audit.store",
    "wa_audit.store.queries",
    "wa_audit.cli",
    "wa_audit.launch",
    "wa_audit.audit",
    "wa_audit.rules",
    "wa_audit.report",
    "wa_audit.exports",
]


def test_core_modules_do_not_import_pyside6():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
