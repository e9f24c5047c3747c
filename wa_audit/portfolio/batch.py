"""`wa-audit batch`: every subfolder of a clients folder is one client; import, audit, report.

For each client the workspace OUT/<client>.wa-audit.db is created or updated (a second run
imports only new messages: the importer skips what it already has), audited, and its report
written to OUT/<client>.<pdf|html>. A client whose files are bad never stops the others: its
problems are collected and listed. The rows of the portfolio table are compared with the previous
batch run's (OUT/portfolio.json) to say what changed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wa_audit.i18n import _

log = logging.getLogger(__name__)
STATE_FILE = "portfolio.json"


@dataclass
class ClientRow:
    client: str
    chats: int = 0
    messages: int = 0
    new_messages: int = 0
    period_start: str | None = None
    period_end: str | None = None
    overall: str | None = None  # None: no audit (nothing could be imported)
    red: list[str] = field(default_factory=list)
    amber: list[str] = field(default_factory=list)
    audited_at: str = ""
    change: str = "new"  # new | same | changed | failed
    change_detail: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one translated sentence each
    report: str | None = None
    workspace: str = ""


@dataclass
class BatchResult:
    rows: list[ClientRow]
    out_dir: Path
    csv_path: Path | None = None
    html_path: Path | None = None

    @property
    def problems(self) -> list[tuple[str, str]]:
        return [(r.client, p) for r in self.rows for p in r.problems]


Progress = Callable[[int, int, str, str], Any]  # (index, total, client, stage)


def client_folders(clients_dir: Path) -> list[Path]:
    return sorted(
        (p for p in Path(clients_dir).iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name.casefold(),
    )


def _previous(out_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
        return {r["client"]: r for r in data.get("rows", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def change_since(old: dict[str, Any] | None, row: ClientRow) -> tuple[str, dict[str, Any]]:
    if row.overall is None:
        return "failed", {}
    if not old or not old.get("overall"):
        return "new", {}
    detail: dict[str, Any] = {}
    if old.get("overall") != row.overall:
        detail["overall"] = [old.get("overall"), row.overall]
    for kind in ("red", "amber"):
        before, now = set(old.get(kind, [])), set(row.red if kind == "red" else row.amber)
        if now - before:
            detail[f"new_{kind}"] = sorted(now - before)
        if before - now:
            detail[f"gone_{kind}"] = sorted(before - now)
    if row.new_messages:
        detail["new_messages"] = row.new_messages
    return ("changed" if detail else "same"), detail


def run_client(
    folder: Path,
    out_dir: Path,
    fmt: str,
    lang: str | None,
    pseudonymize: bool,
    progress: Progress | None = None,
    index: int = 0,
    total: int = 1,
) -> ClientRow:
    """Import, audit and report one client; every failure ends up in row.problems."""
    from wa_audit.errors import WaAuditError
    from wa_audit.importer.store_import import import_paths
    from wa_audit.store.db import open_db

    name = folder.name
    row = ClientRow(client=name)
    db_path = out_dir / f"{name}.wa-audit.db"
    row.workspace = str(db_path)

    def tell(stage: str) -> None:
        if progress:
            progress(index, total, name, stage)

    tell("import")
    try:
        gen = import_paths([folder], db_path)
        while True:
            next(gen)
    except StopIteration as stop:
        summary = stop.value
        for f in summary.files:
            row.new_messages += f.messages_added
            if f.error is not None:
                row.problems.append(f.error.user_message())
        if not summary.files:
            row.problems.append(
                _(
                    "{folder} holds no chat exports (.txt or .zip files). Put this client's "
                    "exports in it, or move the folder out of the clients folder."
                ).format(folder=name)
            )
    except (WaAuditError, OSError) as exc:
        row.problems.append(_describe(exc, name))
        return row
    try:
        db = open_db(db_path)
    except (WaAuditError, OSError) as exc:
        row.problems.append(_describe(exc, name))
        return row
    try:
        row.chats, row.messages = db.execute(
            "SELECT count(*), coalesce(sum(message_count), 0) FROM chats"
        ).fetchone()
        if not row.messages:
            return row
        tell("audit")
        from wa_audit.audit import run_audit

        report = run_audit(db)
        cov = report.coverage
        row.messages = int(cov.get("messages", row.messages))
        row.period_start, row.period_end = cov.get("period_start"), cov.get("period_end")
        row.overall = str(report.overall)
        row.red = [f.rule for f in report.findings if str(f.result.light) == "red"]
        row.amber = [f.rule for f in report.findings if str(f.result.light) == "amber"]
        row.audited_at = report.started_at or _now()
        tell("report")
        from wa_audit.report import export_report

        target = out_dir / f"{name}.{fmt}"
        export_report(db, target, report, lang=lang, pseudonymize=pseudonymize)
        row.report = str(target)
    except (WaAuditError, OSError) as exc:
        row.problems.append(_describe(exc, name))
    except Exception as exc:  # one client never stops the batch
        log.warning("batch: client failed: %s", type(exc).__name__)
        row.problems.append(
            _("{client}: the audit stopped with an internal error ({code}); the other clients "
              "are not affected. Open this client's workspace in the app to see more.").format(
                client=name, code=type(exc).__name__)
        )  # fmt: skip
    finally:
        db.close()
    return row


def _describe(exc: Exception, client: str) -> str:
    from wa_audit.errors import WaAuditError

    if isinstance(exc, WaAuditError):
        return exc.user_message()
    return _("{client}: a file could not be read or written ({reason}). Check the folder and "
             "the free disk space, then run the batch again.").format(
        client=client, reason=getattr(exc, "strerror", None) or type(exc).__name__)  # fmt: skip


def run_batch(
    clients_dir: Path | str,
    out_dir: Path | str,
    fmt: str = "html",
    lang: str | None = None,
    pseudonymize: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    from wa_audit.portfolio.table import write_csv, write_html

    clients_dir, out_dir = Path(clients_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = _previous(out_dir)
    folders = client_folders(clients_dir)
    rows = []
    for i, folder in enumerate(folders):
        row = run_client(folder, out_dir, fmt, lang, pseudonymize, progress, i, len(folders))
        row.change, row.change_detail = change_since(previous.get(row.client), row)
        rows.append(row)
        if progress:
            progress(i + 1, len(folders), row.client, "done")
    result = BatchResult(rows, out_dir)
    result.csv_path = write_csv(rows, out_dir / "portfolio.csv", lang)
    result.html_path = write_html(rows, out_dir / "portfolio.html", lang)
    # a client that failed this time keeps its last good row as the base for the next run
    kept = [asdict(r) if r.overall else previous.get(r.client, asdict(r)) for r in rows]
    state = {"written_at": _now(), "rows": kept}
    (out_dir / STATE_FILE).write_text(
        json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return result
