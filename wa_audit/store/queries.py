"""Build the pandas frames the audit consumes. Rules never open the database; they get these.

messages frame, one row per message, ordered by chat and file order:
    msg_id int · chat_id int · seq int (file order within the chat) · ts datetime64
    sender str|None · direction "out" (owner) | "in" (anyone else) | "sys" (system line)
    kind text|media|system|deleted · event str (wa_audit.model.Event values, "" for none)
    text str · edited bool · attachment str|None · actor_is_owner bool
chats frame, one row per chat:
    chat_id · title · is_group bool · broadcast ""|"yes"|"probable" · broadcast_recipients float
    (NaN unknown) · has_seconds bool · complete bool (starts with the encryption notice and is
    not at the export cap) · truncated bool · message_count int · participants int (not owner)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlite_utils

from wa_audit.store.db import get_setting


@dataclass
class AuditFrames:
    messages: pd.DataFrame
    chats: pd.DataFrame
    owner: str | None


def load_frames(db: sqlite_utils.Database) -> AuditFrames:
    owner = get_setting(db, "owner")
    messages = pd.read_sql_query(
        "SELECT id AS msg_id, chat_id, ts, sender, kind, event, text, edited, attachment, "
        "actor_is_owner FROM messages ORDER BY chat_id, ts, line",
        db.conn,
    )
    # ts sorts correctly as ISO text; file order within a chat is the line order per import,
    # so seq follows (ts, line): timestamps can be non-monotonic only for system notices.
    messages["ts"] = pd.to_datetime(messages["ts"], format="ISO8601")
    messages["seq"] = messages.groupby("chat_id").cumcount()
    messages["edited"] = messages["edited"].astype(bool)
    messages["actor_is_owner"] = messages["actor_is_owner"].astype(bool)
    is_sys = messages["kind"].eq("system")
    is_out = messages["sender"].eq(owner) if owner else pd.Series(False, index=messages.index)
    messages["direction"] = "in"
    messages.loc[is_out & ~is_sys, "direction"] = "out"
    messages.loc[is_sys, "direction"] = "sys"
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
