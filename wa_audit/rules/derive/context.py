"""`AuditContext`: the messages frame with the base columns, further features on first use.

Columns of `ctx.m` (sorted by chat, file order), computed by `build_context`:
    t           int64 seconds (wall clock of the export, compared only with itself)
    o2o/bcast/grp   chat kind: one-to-one, exported broadcast list, group
    is_out/is_in    owner / other person's real message (text or media, not system)
    last_in     seconds of the latest inbound before it in the chat (NaN none)
    next_in     seconds of the next inbound after it in the chat (NaN none)
    latency     t - last_in for outbound messages (NaN none)
    is_reply    outbound within 24 h after the latest inbound (`conversation.classify`)
    is_bi       outbound that is not a reply, in a one-to-one chat or a broadcast list
    cold        BI message in a one-to-one chat with no inbound before it
    answered    1.0/0.0 for BI in one-to-one chats (NaN: too recent or a broadcast list)
    weight      recipients one message reaches (broadcast list: its stated size, else 1)
    cold_start  inbound after >= 60 min of silence in the chat (or the chat's first)
    conv_start  inbound after >= 14 days of silence (or the chat's first): a new conversation
    lex         lexicon bit flags of the text (wa_audit.rules.lexicons; 0 for non-text)
    promo       BI/outbound message classified promotional (R13's lexicon)
Computed on first use of `ctx.campaigns` / `ctx.fanouts` / `ctx.automations` (or `ctx.bi`):
    norm        normalised text of BI text messages ("" when not eligible for duplicates)
    dup         near-duplicate cluster id (-1 none); exact and fuzzy matches share one id
    campaign    campaign id (-1 none), see `ctx.campaigns`
    fanout      fan-out event id (-1 none), see `ctx.fanouts`
    auto        "" | "greeting" | "away" | "bot" for instant replies with a recurring text
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wa_audit.rules import lexicons
from wa_audit.rules.base import global_defaults
from wa_audit.rules.derive import automation, campaigns, clusters, conversation, text
from wa_audit.rules.derive.windows import (
    ANSWER_WINDOW,
    COLD_START_SILENCE,
    NEW_CONVERSATION_SILENCE,
)

EXPORT_CAP_SAFE = 10000  # far below the 40,000-message cap: probably complete


@dataclass
class AuditContext:
    m: pd.DataFrame
    chats: pd.DataFrame
    owner: str | None
    audit_t: int  # seconds: the audit's "today"
    newest_t: int
    oldest_t: int
    seconds_share: float = 0.0
    customer_started_share: float = 1.0
    fuzzy_threshold: float = 90.0
    cache: dict[str, Any] = field(default_factory=dict)

    # --- features computed on first use ---
    def _lap(self, name: str, t0: float) -> None:
        self.cache.setdefault("timings", {})[name] = time.perf_counter() - t0

    def _ensure_clusters(self) -> None:
        if "clusters" in self.cache:
            return
        t0 = time.perf_counter()
        text.normalise_bi(self.m, self.chats)
        self._lap("d_normalise", t0)
        t0 = time.perf_counter()
        clusters.cluster(self.m, self.fuzzy_threshold)
        self._lap("d_cluster", t0)
        t0 = time.perf_counter()
        self.cache["campaigns"], self.cache["fanouts"] = campaigns.campaigns(self.m)
        self._lap("d_campaigns", t0)
        self.cache["clusters"] = True

    @property
    def campaigns(self) -> pd.DataFrame:
        """One row per campaign (also adds columns norm, dup, campaign, fanout to `m`)."""
        self._ensure_clusters()
        return self.cache["campaigns"]

    @property
    def fanouts(self) -> pd.DataFrame:
        self._ensure_clusters()
        return self.cache["fanouts"]

    @property
    def automations(self) -> list[dict[str, Any]]:
        """Allowed automation and bots found (also adds column `auto` to `m`)."""
        if "automations" not in self.cache:
            t0 = time.perf_counter()
            self.cache["automations"] = automation.automations(self.m)
            self._lap("d_automation", t0)
        return self.cache["automations"]

    @property
    def bi(self) -> pd.DataFrame:
        """Business-initiated messages by time, with the campaign and fan-out columns."""
        if "bi" not in self.cache:
            self._ensure_clusters()
            self.cache["bi"] = self.m[self.m["is_bi"]].sort_values("t", kind="stable")
        return self.cache["bi"]

    def features(self, *names: str) -> pd.DataFrame:
        """`m` with the lazily computed columns `names` present ("dup", "campaign", "fanout",
        "norm", "auto")."""
        if {"dup", "campaign", "fanout", "norm"} & set(names):
            self._ensure_clusters()
        if "auto" in names:
            _ = self.automations
        return self.m

    def glob(self, name: str) -> float:
        """A [global] threshold: the runner's effective values, else the data file's default."""
        return self.cache.get("global", {}).get(name, global_defaults()[name])

    @property
    def minute_only(self) -> bool:
        return self.seconds_share < 0.5

    def chat_title(self, chat_id: int) -> str:
        return str(self.chats.loc[chat_id, "title"]) if chat_id in self.chats.index else ""


def build_context(
    messages: pd.DataFrame,
    chats: pd.DataFrame,
    owner: str | None,
    audit_date: pd.Timestamp | int | None = None,
    fuzzy_threshold: float = 90.0,
) -> AuditContext:
    t0 = time.perf_counter()
    chats = chats.copy()
    chats = chats.set_index("chat_id", drop=False)
    m = _ordered(messages)
    n = len(m)
    t = m["ts"].values.astype("datetime64[s]").astype(np.int64)
    m["t"] = t
    chat = m["chat_id"].to_numpy()

    is_group = chats["is_group"].astype(bool)
    bc = chats["broadcast"].fillna("").isin(["yes", "probable"])
    kind_o2o = (~is_group & ~bc).reindex(chat).to_numpy(dtype=bool, na_value=True)
    kind_bc = bc.reindex(chat).to_numpy(dtype=bool, na_value=False)
    m["o2o"] = kind_o2o
    m["bcast"] = kind_bc
    m["grp"] = ~kind_o2o & ~kind_bc
    kind = m["kind"].to_numpy(dtype=object)
    is_text = kind == "text"
    is_media = kind == "media"
    m["is_text"] = is_text
    m["is_media"] = is_media
    real = is_text | is_media
    direction = m["direction"].to_numpy(dtype=object)
    is_out = real & (direction == "out")
    is_in = real & (direction == "in")
    m["is_out"] = is_out
    m["is_in"] = is_in

    start, end = conversation.chat_bounds(chat)
    m["_start"] = start
    m["_end"] = end
    out = conversation.classify(t, is_in, is_out, kind_o2o | kind_bc, start)
    last_in = out.last_in
    next_in = conversation.take_t(t, conversation.next_index(is_in, end))
    m["last_in"] = last_in
    m["next_in"] = next_in
    m["latency"] = out.latency
    m["is_reply"] = out.is_reply
    is_bi = out.is_bi
    m["is_bi"] = is_bi
    cum_in = np.cumsum(is_in)
    n_in_before = cum_in - is_in - (cum_in[start] - is_in[start])
    m["cold"] = is_bi & kind_o2o & (n_in_before == 0)
    newest_t = int(t.max()) if n else 0
    oldest_t = int(t.min()) if n else 0
    answered = np.where(next_in - t <= ANSWER_WINDOW, 1.0, 0.0)
    answered = np.where(is_bi & kind_o2o & (t <= newest_t - ANSWER_WINDOW), answered, np.nan)
    m["answered"] = answered
    # one message in an exported broadcast list reaches every recipient of the list
    rec = chats["broadcast_recipients"].astype(float)
    rec = rec.where(rec > 0, chats["participants"].astype(float).where(lambda x: x > 0))
    m["weight"] = np.where(kind_bc, rec.reindex(chat).fillna(1.0).to_numpy(), 1.0)

    # cold-start inbound: after >= 60 min of silence (any real message) or the chat's first
    prev_real = conversation.take_t(t, conversation.prev_index(real, start))
    m["cold_start"] = is_in & ~(t - prev_real < COLD_START_SILENCE)
    m["conv_start"] = is_in & ~(t - prev_real < NEW_CONVERSATION_SILENCE)

    txt = m["text"]
    if txt.isna().any():
        txt = txt.fillna("")
        m["text"] = txt
    m["tlen"] = txt.str.len().to_numpy()

    # every lexicon on every distinct text, once (bit flags the rules decode)
    lex = np.zeros(n, dtype=np.int64)
    if is_text.any():
        lex[is_text] = lexicons.text_flags(txt[is_text])
    m["lex"] = lex
    # promotional (R13 lexicon) where rules need it: business-initiated and group messages
    out_txt = (is_bi | (is_out & ~kind_o2o & ~kind_bc)) & is_text
    m["promo"] = out_txt & lexicons.promo_of(lex)

    has_sec = chats["has_seconds"].astype(bool).reindex(chat).fillna(False).to_numpy(dtype=bool)
    seconds_share = float(has_sec[real].mean()) if real.any() else 0.0
    m["has_seconds"] = has_sec
    cust_share = _chat_facts(chats, chat, t, direction, real, is_in, is_out)

    audit_t = newest_t
    if audit_date is not None:
        audit_t = (
            int(pd.Timestamp(audit_date).value // 10**9)
            if not isinstance(audit_date, int)
            else audit_date
        )
    ctx = AuditContext(
        m=m,
        chats=chats,
        owner=owner,
        audit_t=audit_t,
        newest_t=newest_t,
        oldest_t=oldest_t,
        seconds_share=seconds_share,
        customer_started_share=cust_share,
        fuzzy_threshold=fuzzy_threshold,
    )
    ctx._lap("d_base", t0)
    return ctx


def _ordered(messages: pd.DataFrame) -> pd.DataFrame:
    cv = messages["chat_id"].to_numpy()
    sv = messages["seq"].to_numpy()
    ordered = len(cv) < 2 or bool(
        np.all((cv[1:] > cv[:-1]) | ((cv[1:] == cv[:-1]) & (sv[1:] > sv[:-1])))
    )
    if ordered:  # load_frames already delivers chat/file order: skip the 1M-row sort
        return messages.reset_index(drop=True)
    return messages.sort_values(["chat_id", "seq"], kind="stable").reset_index(drop=True)


def _chat_facts(chats, chat, t, direction, real, is_in, is_out) -> float:
    """Chat-level columns (first direction, first contact, counts); returns the share of
    one-to-one chats the customer started."""
    ridx = np.flatnonzero(real)
    if len(ridx):
        fr = ridx[np.concatenate([[True], np.diff(chat[ridx]) != 0])]
        first = pd.DataFrame({"direction": direction[fr], "t": t[fr]}, index=chat[fr])
    else:
        first = pd.DataFrame({"direction": [], "t": []})
    chats["first_dir"] = first["direction"].reindex(chats.index).fillna("")
    chats["first_t"] = first["t"].reindex(chats.index)
    chats["probably_complete"] = chats["complete"].astype(bool) | (
        ~chats["truncated"].astype(bool) & (chats["message_count"] < EXPORT_CAP_SAFE)
    )
    o2o_chat = ~chats["is_group"].astype(bool) & ~chats["broadcast"].fillna("").isin(
        ["yes", "probable"]
    )
    chats["o2o"] = o2o_chat
    chats["first_contact"] = o2o_chat & chats["probably_complete"] & (chats["first_dir"] == "out")
    uchat, inv = np.unique(chat, return_inverse=True)
    out_counts = pd.Series(np.bincount(inv, weights=is_out), index=uchat)
    chats["out_msgs"] = out_counts.reindex(chats.index).fillna(0).astype(int)
    in_counts = pd.Series(np.bincount(inv, weights=is_in), index=uchat)
    chats["in_msgs"] = in_counts.reindex(chats.index).fillna(0).astype(int)
    started = chats[o2o_chat & (chats["first_dir"] != "")]
    return float((started["first_dir"] == "in").mean()) if len(started) else 1.0
