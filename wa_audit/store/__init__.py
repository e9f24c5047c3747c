"""The local SQLite store: one database file per workspace (one business or client)."""

from wa_audit.store.db import default_db_path, open_db

__all__ = ["default_db_path", "open_db"]
