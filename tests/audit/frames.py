"""Hand-made frames matching wa_audit.store.queries' contract (no database, no importer)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wa_audit.store.queries import AuditFrames

OWNER = "Shop"


def make_frames(chats: list[dict]) -> AuditFrames:
    """chats: [{title, group=False, broadcast="", recipients=None, seconds=True,
    lines=[(ts, who, text[, event, kind])]}] with who in me/them/sys."""
    rows = []
    chat_rows = []
    mid = 1
    for cid, chat in enumerate(chats, start=1):
        lines = sorted(chat["lines"], key=lambda x: x[0])
        for seq, line in enumerate(lines):
            ts, who, text = line[:3]
            event = line[3] if len(line) > 3 else ""
            kind = line[4] if len(line) > 4 else ("system" if who == "sys" else "text")
            rows.append(
                {
                    "msg_id": mid,
                    "chat_id": cid,
                    "seq": seq,
                    "ts": pd.Timestamp(ts),
                    "sender": OWNER if who == "me" else (None if who == "sys" else chat["title"]),
                    "direction": {"me": "out", "them": "in", "sys": "sys"}[who],
                    "kind": kind,
                    "event": event,
                    "text": text,
                    "edited": False,
                    "attachment": None,
                    "actor_is_owner": who == "sys" and "You" in text,
                }
            )
            mid += 1
        chat_rows.append(
            {
                "chat_id": cid,
                "title": chat["title"],
                "is_group": chat.get("group", False),
                "broadcast": chat.get("broadcast", ""),
                "broadcast_recipients": float(chat.get("recipients") or np.nan),
                "has_seconds": chat.get("seconds", True),
                "complete": True,
                "truncated": False,
                "message_count": len(lines),
                "participants": chat.get("participants", 1),
            }
        )
    m = pd.DataFrame(rows)
    m["ts"] = m["ts"].astype("datetime64[us]")
    return AuditFrames(messages=m, chats=pd.DataFrame(chat_rows), owner=OWNER)
