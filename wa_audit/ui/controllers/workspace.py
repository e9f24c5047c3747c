"""Opening, creating and renaming workspaces; the stored audit shows at once."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QTimer

from wa_audit.i18n import _
from wa_audit.ui import dialogs, settings, tasks
from wa_audit.ui.background import Job, op


class WorkspaceController:
    def __init__(self, window) -> None:
        self.w = window
        self.runner = window.runner

    def open(self, path: str) -> Job | None:
        w = self.w
        if w.import_job is not None:
            dialogs.error(
                w,
                _(
                    "An import is still running. Wait until it is finished, or cancel it, "
                    "before you open another workspace."
                ),
            )
            return None
        w.audit.cancel()  # its result would belong to the workspace being closed
        if not Path(path).exists():
            dialogs.error(
                w,
                _("The workspace {file} was not found. It may have been moved or deleted.").format(
                    file=Path(path).name
                ),
            )
            settings.forget_workspace(path)
            w.start_page.set_recent(settings.recent_workspaces())
            return None
        w.set_busy(True, _("Opening the workspace…"))
        w.opening = path
        w.dashboard_page.show_loading(_("Opening the workspace…"))
        return (
            op(self, tasks.open_with_stored_audit, path)
            .workspace(path)
            .guard(lambda: w.opening == path)
            .success(self._ready)
            .failure(self._failed)
            .run()
        )

    def _failed(self, exc) -> None:
        self.w.opening = None
        self.w.render_report()
        self.w.job_failed(exc)

    def _ready(self, opened) -> None:
        """The pages are rebuilt for the workspace first, its stored results shown on the next
        turn of the event loop: two short pauses of the window instead of one long one."""
        info, stored = opened
        w = self.w
        self._set_workspace(info)
        w.outcome = None
        w.lists = None
        w.set_busy(True, _("Opening the workspace…"))
        w.rebuild()  # still "opening": the pages say the results are loading
        if stored is not None:
            w.go("dashboard")
        QTimer.singleShot(0, lambda: self._show(info, stored))

    def _show(self, info: tasks.WorkspaceInfo, stored) -> None:
        w = self.w
        if w.workspace is not info or w.opening != info.path:
            return  # another workspace is being opened meanwhile
        w.opening = None
        w.outcome = stored
        w.set_busy(False)
        w.render_report()
        w.sync_nav()
        w.workspace_opened.emit(info)
        if stored is not None:
            w.go("dashboard")
            w.audit.show_stored(stored)
        elif info.messages:
            w.audit.run()
            w.go("dashboard")
        else:
            w.go("import")

    def _set_workspace(self, info: tasks.WorkspaceInfo) -> None:
        from wa_audit.store.db import open_db

        w = self.w
        if w.read_db is not None:
            w.read_db.close()
        w.workspace = info
        w.read_db = open_db(info.path)  # small reads only: table pages, the chat around one
        settings.remember_workspace(info.path, info.name)

    def ensure(self) -> tasks.WorkspaceInfo:
        """Importing without a workspace: use the default one (no question to answer)."""
        w = self.w
        if w.workspace is None:
            from wa_audit.store.db import default_db_path

            path = str(default_db_path())
            info = tasks.open_workspace(path)  # new or small: quick
            if info.name == tasks.workspace_stem(path):
                info.name = _("My business")
            self._set_workspace(info)
            w.workspace_label.setText(info.name)
            w.setWindowTitle(w.title())
            w.sync_nav()
        return w.workspace

    def reload_info(self) -> None:
        w = self.w
        if w.workspace is not None:
            name = w.workspace.name
            w.workspace = tasks.open_workspace(w.workspace.path)
            w.workspace.name = name

    @staticmethod
    def folder() -> Path:
        from wa_audit.store.db import user_data_dir

        return user_data_dir() / "workspaces"

    def new_path(self, name: str) -> Path:
        slug = re.sub(r"[^\w\-]+", "-", name, flags=re.UNICODE).strip("-").lower() or "workspace"
        folder = self.folder()
        path = folder / f"{slug}.wa-audit.db"
        n = 2
        while path.exists():
            path = folder / f"{slug}-{n}.wa-audit.db"
            n += 1
        return path

    def create(self, name: str | None = None) -> Job | None:
        w = self.w
        name = name or dialogs.ask_text(
            w, _("New workspace"), _("Name of the business (or client):")
        )
        if not name:
            return None
        path = self.new_path(name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return self._not_created(path)
        return (
            op(self, tasks.set_settings, str(path), {tasks.WORKSPACE_NAME: name})
            .workspace(str(path))
            .success(lambda _r: self.open(str(path)))
            .failure(lambda _e: self._not_created(path))
            .run()  # a new file: no other writer to wait for
        )

    def _not_created(self, path: Path) -> None:
        dialogs.error(
            self.w,
            _(
                "The workspace could not be created in {folder}. Check that the disk has "
                "space and that you may write there."
            ).format(folder=str(path.parent)),
        )

    def rename(self, path: str) -> Job | None:
        w = self.w
        current = next((i["name"] for i in settings.recent_workspaces() if i["path"] == path), "")
        name = dialogs.ask_text(w, _("Rename workspace"), _("New name:"), current)
        if not name:
            return None
        return (
            op(self, tasks.set_settings, path, {tasks.WORKSPACE_NAME: name})
            .workspace(path)
            .success(lambda _r: self._renamed(path, name))
            .run(write=w.workspace is not None and w.workspace.path == path)
        )

    def _renamed(self, path: str, name: str) -> None:
        w = self.w
        items = settings.recent_workspaces()
        for item in items:
            if item["path"] == path:
                item["name"] = name
        settings.put(settings.RECENT, json.dumps(items))
        if w.workspace and w.workspace.path == path:
            w.workspace.name = name
            w.workspace_label.setText(name)
            w.setWindowTitle(w.title())
        w.start_page.set_recent(items, w.workspace.path if w.workspace else None)

    def browse(self) -> None:
        path = dialogs.pick_workspace(self.w, str(self.folder()))
        if path:
            self.open(path)

    def open_demo(self) -> Job:
        self.w.set_busy(True, _("Preparing the demo…"))
        return op(self, tasks.demo_workspace).success(self.open).run()
