"""Build the pandas frames the audit consumes. Rules never open the database; they get these.

messages frame, one row per message, ordered by chat and file order:
    msg_id int · chat_id int · seq int (file order within the chat) · ts datetime64
    sender category|None · direction "out" (owner) | "in" (anyone else) | "sys" (system line)
    kind text|media|system|deleted · event (wa_audit.model.Event values, "" for none);
    sender, kind, event and direction are categoricals (memory: they repeat)
    text str · attachment str|None (media only) · actor_is_owner bool
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
    version: tuple | None = None  # the workspace's data version (wa_audit.audit.cache)


CHUNK_ROWS = 200_000
DIRECTIONS = ["in", "out", "sys"]


def _case(column: str, values: list[str]) -> str:
    """SQL turning the known values of a column into their index (other values stay text)."""
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {whens} ELSE {column} END"


def _categorical(col: pd.Series, known: list[str]) -> pd.Categorical:
    """Codes from `_case` as a categorical; a value outside `known` keeps its text."""
    if col.dtype.kind in "iu":
        return pd.Categorical.from_codes(col.to_numpy(), categories=known)
    texts = [known[v] if isinstance(v, int) else v for v in col.tolist()]
    return pd.Categorical(texts, categories=known + sorted({*texts} - {*known}))


def _in_chat_order(messages: pd.DataFrame) -> pd.DataFrame:
    """Messages by chat, time and file line. Rows are stored in that order as long as each chat
    was imported at once, so the order is checked (cheap) and sorted only when needed."""
    chat = messages["chat_id"].to_numpy()
    t = messages["t"].to_numpy()
    line = messages.pop("line").to_numpy()
    same_chat = chat[1:] == chat[:-1]
    same_t = same_chat & (t[1:] == t[:-1])
    ordered = (
        (chat[1:] > chat[:-1]) | (same_chat & (t[1:] > t[:-1])) | (same_t & (line[1:] >= line[:-1]))
    )
    if ordered.all():
        return messages
    order = np.lexsort((line, t, chat))  # stable: equal keys keep the stored order
    return messages.iloc[order].reset_index(drop=True)


def _read_messages(db: sqlite_utils.Database, owner: str | None) -> pd.DataFrame:
    """All messages with few conversions: SQLite gives the seconds of each timestamp and small
    integer codes for kind, event and direction (categoricals without a string per row); only
    media rows carry their attachment name. Read in chunks so a million-message workspace stays
    well under 1 GB."""
    from wa_audit.model import Event, Kind

    kinds = [str(k) for k in Kind]
    events = [str(e) for e in Event]
    chunks = []
    for chunk in pd.read_sql_query(
        "SELECT id AS msg_id, chat_id, CAST(strftime('%s', ts) AS INTEGER) AS t, sender, "
        f"{_case('kind', kinds)} AS kind, {_case('event', events)} AS event, text, "
        "CASE WHEN kind = 'media' THEN attachment END AS attachment, actor_is_owner, "
        "CASE WHEN kind = 'system' THEN 2 WHEN sender = ? THEN 1 ELSE 0 END AS direction, "
        "line FROM messages",
        db.conn,
        params=[owner],  # NULL when there is no owner yet: nobody's messages are "out"
        chunksize=CHUNK_ROWS,
    ):
        chunk["sender"] = chunk["sender"].astype("category")
        chunks.append(chunk)
    if chunks:
        messages = pd.concat(chunks, ignore_index=True)
        # categories differ between chunks; concat alone would fall back to plain strings
        messages["sender"] = union_categoricals([c["sender"] for c in chunks])
    else:
        messages = pd.DataFrame(
            {
                c: pd.Series(dtype="int64")
                for c in ("msg_id", "chat_id", "t", "actor_is_owner", "line")
            }
        )
        for c in ("sender", "kind", "event", "text", "attachment", "direction"):
            messages[c] = pd.Series(dtype=object)
    del chunks
    messages = _in_chat_order(messages)
    messages["ts"] = messages.pop("t").to_numpy().astype("datetime64[s]")
    messages["kind"] = _categorical(messages["kind"], kinds)
    messages["event"] = _categorical(messages["event"].fillna(""), events)
    messages["direction"] = pd.Categorical.from_codes(
        messages["direction"].to_numpy(dtype=np.int64), categories=DIRECTIONS
    )
    messages["actor_is_owner"] = messages["actor_is_owner"].fillna(0).astype(bool)
    # ts sorts correctly as ISO text; file order within a chat is the line order per import,
    # so seq follows (ts, line): timestamps can be non-monotonic only for system notices.
    messages["seq"] = messages.groupby("chat_id").cumcount()
    return messages


def load_chats(db: sqlite_utils.Database, owner: str | None) -> pd.DataFrame:
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
    return chats


def load_frames(db: sqlite_utils.Database) -> AuditFrames:
    owner = get_setting(db, OWNER)
    messages = _read_messages(db, owner)
    return AuditFrames(messages=messages, chats=load_chats(db, owner), owner=owner)
