from __future__ import annotations

import pytest

from tests.report.workspace import fake_report, shop


@pytest.fixture
def ws_ids():
    ws, ids = shop()
    yield ws, ids
    ws.db.close()


@pytest.fixture
def report(ws_ids):
    return fake_report(ws_ids[1])
