"""The app's fault tests use the UI suite's fixtures: no modal dialog ever blocks, temporary
QSettings, every dialog recorded, a real main window."""

import pytest

pytest.importorskip("PySide6")

from tests.ui.conftest import _no_modals, _temp_qsettings, dialog_log, window  # noqa: F401
