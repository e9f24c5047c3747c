"""Fixtures for the translation tests: the i18n script as a module, a fresh extraction."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "wa_audit_i18n_script", ROOT / "scripts" / "i18n.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def tool():
    """scripts/i18n.py: the same extract/check code the translators run."""
    return _load_script()


@pytest.fixture(scope="session")
def fresh_template(tool, tmp_path_factory):
    """The msgids in the code right now, extracted into a temporary .pot (not the checked-in one)."""
    pot = tmp_path_factory.mktemp("i18n") / "wa_audit.pot"
    tool.write_catalog(tool.extract(ROOT), pot)
    return tool.read_catalog(pot)


@pytest.fixture(scope="session", params=["nl", "de"])
def lang(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def catalog(tool, lang):
    path = tool.po_path(lang)
    assert path.exists(), f"{path} is missing: run scripts/i18n.py"
    return tool.read_catalog(path, locale=lang)
