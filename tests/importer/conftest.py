from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

# sample exports of other open-source parsers (MIT, licences kept beside them)
PEERS = Path(__file__).parent / "peer_fixtures"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def write(tmp_path):
    def _write(name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode(encoding))
        return path

    return _write
