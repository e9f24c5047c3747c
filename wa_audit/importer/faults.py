"""Faults of the import that a user can meet, each one translated sentence naming the file.

They extend wa_audit.errors (same base, same codes in the import report) and live here because
only the importer raises them.
"""

from __future__ import annotations

from wa_audit.errors import WaAuditError
from wa_audit.i18n import N_


class DamagedZipEntry(WaAuditError):
    code = "damaged_zip_entry"
    message = N_(
        "The chat text in {file} is damaged (the zip's compressed data is broken). Export the "
        "chat again from WhatsApp or copy the zip again."
    )


class UnsupportedZipMethod(WaAuditError):
    code = "unsupported_zip_method"
    message = N_(
        "{file} was packed with a compression method wa-audit cannot unpack (method {method}). "
        "Unpack it with your computer's zip tool and import the .txt inside."
    )


class WorkspaceWriteFailed(WaAuditError):
    code = "workspace_write_failed"
    message = N_(
        "{file} could not be saved in the workspace: {reason}. Nothing from it was saved; "
        "check free disk space and that the workspace folder is writable, then import it again."
    )
