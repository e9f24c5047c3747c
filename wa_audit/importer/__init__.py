"""Reading WhatsApp exports: open (txt/zip), detect the layout, parse, store."""

from __future__ import annotations

from pathlib import Path

from wa_audit.importer.archive import open_export
from wa_audit.importer.parse import ParsedExport, parse_source

__all__ = ["ParsedExport", "parse_file", "parse_source"]


def parse_file(path: Path | str) -> ParsedExport:
    """Open and pre-scan an export; iterate the result for Message objects (streaming).

    Raises a wa_audit.errors.WaAuditError subclass for anything that is not a readable export.
    `result.facts` (FileFacts) is complete after the iteration.
    """
    return parse_source(open_export(Path(path)))


def __getattr__(name: str):
    # the store-writing half imports sqlite-utils; load it only when asked for
    if name in ("import_paths", "ImportSummary", "FileReport", "detect_owner"):
        from wa_audit.importer import store_import

        return getattr(store_import, name)
    if name in ("reimport_with_date_order", "uncertain_imports"):
        from wa_audit.importer import reorder

        return getattr(reorder, name)
    raise AttributeError(name)
