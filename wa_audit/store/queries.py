"""Build the pandas frames the audit consumes. Rules never open the database; they get these.

messages frame, one row per message, ordered by chat and file order:
    msg_id int · chat_id int · seq int (file order within the chat) · ts datetime64
    sender category|None · direction "out" (owner) | "in" (anyone else) | "sys" (system line)
    kind text|media|system|deleted · event (wa_audit.model.Event values, "" for none);
    sender, kind, event and direction are categoricals (memory: they repeat)
    text str · edited bool · attachment str|None · actor_is_owner bool
chats frame, one row per chat:
    chat_id · title · is_group bool · broadcast ""|"yes"|"probable" · broadcast_recipients float
    (NaN unknown) · has_seconds bool · complete bool (starts with the encryption notice and is
    not at the export cap) · truncated bool · message_count int · participants int (not owner)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlite_utils
from pandas.api.types import union_categoricals

from wa_audit.store.db import OWNER, get_setting


@dataclass
class AuditFrames:
    messages: pd.DataFrame
    chats: pd.DataFrame
    owner: str | None


CATEGORIES = ("sender", "kind", "event", "direction")
CHUNK_ROWS = 100_000


def _read_messages(db: sqlite_utils.Database, owner: str | None) -> pd.DataFrame:
    """All messages, read in chunks: each chunk's repeated strings (sender, kind, event) become
    categories before the next is read, so a million-message workspace stays well under 1 GB."""
    chunks = []
    for chunk in pd.read_sql_query(
        "SELECT id AS msg_id, chat_id, ts, sender, kind, event, text, edited, attachment, "
        "actor_is_owner FROM messages ORDER BY chat_id, ts, line",
        db.conn,
        chunksize=CHUNK_ROWS,
    ):
        chunk["ts"] = pd.to_datetime(chunk["ts"], format="ISO8601")
        chunk["edited"] = chunk["edited"].astype(bool)
        chunk["actor_is_owner"] = chunk["actor_is_owner"].astype(bool)
        is_sys = chunk["kind"].eq("system")
        is_out = chunk["sender"].eq(owner) & ~is_sys if owner else False
        chunk["direction"] = np.where(is_sys, "sys", np.where(is_out, "out", "in"))
        for col in CATEGORIES:
            chunk[col] = chunk[col].astype("category")
        chunks.append(chunk)
    if not chunks:
        columns = "msg_id chat_id ts sender kind event text edited attachment actor_is_owner"
        empty = pd.DataFrame(columns=[*columns.split(), "direction"])
        empty["ts"] = pd.to_datetime(empty["ts"])
        chunks.append(empty)
    messages = pd.concat(chunks, ignore_index=True)
    for col in CATEGORIES:
        # categories differ between chunks; concat alone would fall back to plain strings
        messages[col] = union_categoricals([c[col].astype("category") for c in chunks])
    del chunks
    # ts sorts correctly as ISO text; file order within a chat is the line order per import,
    # so seq follows (ts, line): timestamps can be non-monotonic only for system notices.
    messages["seq"] = messages.groupby("chat_id").cumcount()
    return messages


def load_frames(db: sqlite_utils.Database) -> AuditFrames:
    owner = get_setting(db, OWNER)
    messages = _read_messages(db, owner)
    chats = pd.read_sql_query(
        "SELECT c.id AS chat_id, c.title, c.is_group, c.broadcast, c.broadcast_recipients, "
        "c.has_seconds, c.starts_with_encryption_notice, c.probably_truncated AS truncated, "
        "c.message_count, "
        "(SELECT COUNT(*) FROM participants p WHERE p.chat_id = c.id AND p.name IS NOT ?) "
        "AS participants FROM chats c ORDER BY c.id",
        db.conn,
        params=[owner],
    )
    for col in ("is_group", "has_seconds", "starts_with_encryption_notice", "truncated"):
        chats[col] = chats[col].astype(bool)
    chats["broadcast_recipients"] = chats["broadcast_recipients"].astype(float)
    chats["complete"] = chats["starts_with_encryption_notice"] & ~chats["truncated"]
    return AuditFrames(messages=messages, chats=chats, owner=owner)
