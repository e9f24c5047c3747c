"""The schema, as one versioned set of sqlite-utils migrations (each one transactional)."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("wa_audit")


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);

        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            path TEXT,
            sha256 TEXT,
            size INTEGER,
            layout TEXT,
            platform TEXT,
            date_order TEXT,
            date_order_confidence TEXT,
            encoding TEXT,
            language TEXT,
            chat_id INTEGER,
            messages_in_file INTEGER DEFAULT 0,
            messages_added INTEGER DEFAULT 0,
            unparsed_lines INTEGER DEFAULT 0,
            unparsed_json TEXT,
            warnings_json TEXT,
            status TEXT NOT NULL,       -- imported | already | error
            error_code TEXT,
            imported_at TEXT NOT NULL
        );
        CREATE INDEX imports_sha ON imports(sha256);

        CREATE TABLE chats (
            id INTEGER PRIMARY KEY,
            chat_key TEXT NOT NULL UNIQUE,  -- stable identity across re-exports
            title TEXT,
            is_group INTEGER NOT NULL DEFAULT 0,
            broadcast TEXT NOT NULL DEFAULT '',   -- '' | yes | probable
            broadcast_recipients INTEGER,
            platform TEXT,
            has_seconds INTEGER NOT NULL DEFAULT 0,
            starts_with_encryption_notice INTEGER NOT NULL DEFAULT 0,
            probably_truncated INTEGER NOT NULL DEFAULT 0,
            first_ts TEXT,
            last_ts TEXT,
            message_count INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE participants (
            chat_id INTEGER NOT NULL REFERENCES chats(id),
            name TEXT NOT NULL,
            messages INTEGER NOT NULL DEFAULT 0,
            not_in_contacts INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (chat_id, name)
        );
        CREATE INDEX participants_name ON participants(name);

        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL REFERENCES chats(id),
            msg_key BLOB NOT NULL,          -- content hash: time, sender, text, occurrence
            import_id INTEGER NOT NULL REFERENCES imports(id),
            ts TEXT NOT NULL,               -- export's local wall-clock time, ISO 8601
            sender TEXT,                    -- NULL for system lines without a human sender
            text TEXT NOT NULL,
            kind TEXT NOT NULL,             -- text | media | system | deleted
            event TEXT NOT NULL DEFAULT '',
            edited INTEGER NOT NULL DEFAULT 0,
            attachment TEXT,
            actor_is_owner INTEGER NOT NULL DEFAULT 0,
            line INTEGER NOT NULL
        );
        -- identity of a message within its chat: a later export of the chat adds only new keys
        CREATE UNIQUE INDEX messages_chat_key ON messages(chat_id, msg_key);
        CREATE INDEX messages_chat_ts ON messages(chat_id, ts);

        CREATE VIRTUAL TABLE messages_fts USING fts5(
            text, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );

        CREATE TABLE audit_runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            audit_date TEXT,
            app_version TEXT,
            sensitivity TEXT,
            thresholds_json TEXT,
            overall TEXT,
            families_json TEXT,
            guidance_json TEXT,
            coverage_json TEXT
        );
        CREATE TABLE rule_results (
            run_id INTEGER NOT NULL REFERENCES audit_runs(id) ON DELETE CASCADE,
            rule TEXT NOT NULL,
            light TEXT NOT NULL,
            confidence TEXT,
            summary_key TEXT,
            params_json TEXT,
            figures_json TEXT,
            evidence_json TEXT,             -- list of message ids
            error_code TEXT,
            PRIMARY KEY (run_id, rule)
        );
        CREATE TABLE finding_notes (
            id INTEGER PRIMARY KEY,
            rule TEXT NOT NULL,
            status TEXT NOT NULL,           -- explained | reopened
            reason TEXT,
            created_at TEXT NOT NULL
        );
        """
    )


@MIGRATIONS()
def m002_self_assessment(db: Database) -> None:
    # self-assessment answers with their date (latest row per question wins; NULL = withdrawn)
    # and, per audit run, which lights the answers changed (wa_audit/audit/assess)
    db.executescript(
        """
        CREATE TABLE self_assessment (
            id INTEGER PRIMARY KEY,
            question TEXT NOT NULL,
            answer TEXT,
            answered_at TEXT NOT NULL
        );
        CREATE TABLE self_assessment_runs (
            run_id INTEGER PRIMARY KEY REFERENCES audit_runs(id) ON DELETE CASCADE,
            assessment_json TEXT NOT NULL
        );
        """
    )


@MIGRATIONS()
def m003_finding_evidence(db: Database) -> None:
    # every message behind a finding (rule_results.evidence_json keeps a sample for old readers);
    # what the run was made from (inputs_key: open the stored run unless it changed) and the
    # dashboard's chart numbers, so a workspace opens on its stored audit at once
    db.executescript(
        """
        CREATE TABLE finding_evidence (
            run_id INTEGER NOT NULL REFERENCES audit_runs(id) ON DELETE CASCADE,
            rule TEXT NOT NULL,
            ord INTEGER NOT NULL,
            msg_id INTEGER NOT NULL,
            PRIMARY KEY (run_id, rule, ord)
        ) WITHOUT ROWID;
        ALTER TABLE audit_runs ADD COLUMN inputs_key TEXT;
        ALTER TABLE audit_runs ADD COLUMN charts_json TEXT;
        """
    )
