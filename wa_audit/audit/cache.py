"""What an audit derives from the chats, kept in memory for re-audits (issue 13).

A change of sensitivity, of a threshold or of an "explained" mark changes nothing about the
chats: the messages frame, the lexicon flags of every text and the derived context (replies,
business-initiated messages, campaigns, automation) stay valid, so a re-audit only runs the
rules again. They are kept for the latest workspace only, under its data version: the number,
highest id of its messages and its imports, the owner, the chats frame (titles, groups,
broadcast lists) and the lexicons' version. Any import, deletion, owner change or edit of the word lists
changes the version and the next audit reads and scans everything again.

Kept in this process only (the app): a new `wa-audit audit` process reads the workspace anew.
"""

from __future__ import annotations

import copy
import threading
from pathlib import Path
from typing import Any

import pandas as pd

_LOCK = threading.Lock()
_LAST: dict[str, Any] = {}


def _messages_version(db) -> tuple:
    """Cheap and sure: every change of the messages goes through an import (a new row in
    `imports`, whose rows are hashed) or changes their number or highest id. Dates read again
    in another day/month order (importer.reorder) keep number and ids: the order is hashed."""
    n, top = db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM messages").fetchone()
    imports = db.execute(
        "SELECT id, sha256, status, chat_id, messages_added, date_order, date_order_confidence "
        "FROM imports ORDER BY id"
    ).fetchall()
    return int(n), int(top), hash(tuple(imports))


def _where(db) -> str | None:
    """The workspace file; None for a database in memory (never cached)."""
    try:
        name = db.conn.execute("PRAGMA database_list").fetchone()[2]
    except (IndexError, TypeError):
        return None
    return str(Path(name).resolve()) if name else None


def frames(db):
    """`load_frames(db)`, with the messages frame of the previous call when nothing changed."""
    from wa_audit.rules import lexicons
    from wa_audit.store.db import OWNER, get_setting
    from wa_audit.store.queries import AuditFrames, load_chats, load_frames

    where = _where(db)
    if where is None:
        return load_frames(db)
    owner = get_setting(db, OWNER)
    key = (where, _messages_version(db), owner)
    with _LOCK:
        last = _LAST.get("frames")
        if last is not None and last[0] == key:
            chats = load_chats(db, owner)
            version = (key, int(pd.util.hash_pandas_object(chats).sum()), lexicons.version())
            return AuditFrames(messages=last[1].messages, chats=chats, owner=owner, version=version)
    with _LOCK:
        _LAST.clear()  # one workspace at a time: the old frames go before the new are read
    fresh = load_frames(db)
    with _LOCK:
        _LAST["frames"] = (key, fresh)
    chats_hash = int(pd.util.hash_pandas_object(fresh.chats).sum())
    fresh.version = (key, chats_hash, lexicons.version())
    return fresh


def context(frames, messages, owner, cutoff, fuzzy_threshold: float):
    """`build_context` for these frames, reused when the same frames were audited before with
    the same cut-off date and similarity threshold (only the rules run again)."""
    from wa_audit.rules.derive.context import build_context

    version = getattr(frames, "version", None)
    key = (version, None if cutoff is None else str(cutoff), float(fuzzy_threshold))
    if version is not None:
        with _LOCK:
            ctx = _LAST.get("contexts", {}).get(key)
        if ctx is not None:
            ctx.cache["timings"] = {}
            return ctx
    ctx = build_context(
        messages, frames.chats, owner, audit_date=cutoff, fuzzy_threshold=fuzzy_threshold
    )
    if version is not None:
        with _LOCK:
            if _LAST.get("frames", (None,))[0] == version[0]:
                _LAST["contexts"] = {key: ctx}  # the latest settings only
    return ctx


def rule_result(ctx, rule_cls, th: dict):
    """`rule_cls().evaluate(ctx, th)`, once per context and thresholds: after a change of one
    threshold or of an "explained" mark the other rules are not run again."""
    memo = ctx.cache.setdefault("rule_results", {})
    glob = ctx.cache.get("global", {})
    key = (rule_cls.meta.id, repr(sorted(th.items())), repr(sorted(glob.items())))
    if key not in memo:
        memo[key] = rule_cls().evaluate(ctx, th)
    return copy.deepcopy(memo[key])  # the runner marks and caps its copy


def clear() -> None:
    """Forget everything (tests; a workspace closed)."""
    with _LOCK:
        _LAST.clear()
