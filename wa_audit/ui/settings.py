"""Every UI preference in one place: key, type, default (picard's options.py idea).

Audit thresholds are NOT here: they belong to the workspace database so audits can be
reproduced. This is only what concerns this computer's user: language, theme, window, recents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from wa_audit.i18n import N_

ORGANIZATION = "wa-audit"
APPLICATION = "wa-audit"


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    title: str  # translatable title, for the settings page


LANGUAGE = Option("ui/language", str, "system", N_("Language"))  # system | en | nl | de
THEME = Option("ui/theme", str, "system", N_("Appearance"))  # system | light | dark
GEOMETRY = Option("ui/geometry", bytes, b"", N_("Window position"))
LAST_FOLDER = Option("ui/last_folder", str, "", N_("Last folder"))
RECENT = Option("workspaces/recent", str, "[]", N_("Recent workspaces"))  # JSON list of dicts
LAST_WORKSPACE = Option("workspaces/last", str, "", N_("Last workspace"))

OPTIONS = (LANGUAGE, THEME, GEOMETRY, LAST_FOLDER, RECENT, LAST_WORKSPACE)
MAX_RECENT = 10


def qsettings() -> QSettings:
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANIZATION, APPLICATION)


def get(option: Option) -> Any:
    value = qsettings().value(option.key, option.default)
    if option.type is bytes:
        return bytes(value) if value else b""
    try:
        return option.type(value)
    except (TypeError, ValueError):
        return option.default


def put(option: Option, value: Any) -> None:
    s = qsettings()
    s.setValue(option.key, value)
    s.sync()


def recent_workspaces() -> list[dict]:
    """[{"path": str, "name": str}] newest first."""
    try:
        items = json.loads(get(RECENT))
    except (TypeError, ValueError):
        return []
    return [i for i in items if isinstance(i, dict) and i.get("path")]


def remember_workspace(path: str, name: str) -> None:
    items = [i for i in recent_workspaces() if i["path"] != path]
    items.insert(0, {"path": path, "name": name})
    put(RECENT, json.dumps(items[:MAX_RECENT]))
    put(LAST_WORKSPACE, path)


def forget_workspace(path: str) -> None:
    put(RECENT, json.dumps([i for i in recent_workspaces() if i["path"] != path]))
