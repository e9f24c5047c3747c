"""Derived concepts shared by the rules (HEURISTICS.md §1), computed once per audit.

Everything is vectorised over the messages frame (numpy/pandas); Python loops run only over
small subsets (unique business-initiated texts, campaign clusters, instant replies).

Columns added to the messages frame `ctx.m` (sorted by chat, file order):
    t           int64 seconds (wall clock of the export, compared only with itself)
    o2o/bcast/grp   chat kind: one-to-one, exported broadcast list, group
    is_out/is_in    owner / other person's real message (text or media, not system)
    last_in     seconds of the latest inbound before it in the chat (NaN none)
    next_in     seconds of the next inbound after it in the chat (NaN none)
    latency     t - last_in for outbound messages (NaN none)
    is_reply    outbound within 24 h after the latest inbound (customer-service window)
    is_bi       outbound that is not a reply, in a one-to-one chat or a broadcast list
    cold        BI message in a one-to-one chat with no inbound before it
    answered    1.0/0.0 for BI in one-to-one chats (NaN: too recent or a broadcast list)
    weight      recipients one message reaches (broadcast list: its stated size, else 1)
    cold_start  inbound after >= 60 min of silence in the chat (or the chat's first)
    norm        normalised text of BI text messages ("" when not eligible for duplicates)
    dup         near-duplicate cluster id (-1 none); exact and fuzzy matches share one id
    campaign    campaign id (-1 none), see `ctx.campaigns`
    auto        "" | "greeting" | "away" | "bot" for instant replies with a recurring text
    promo       BI/outbound message classified promotional (R13's lexicon)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wa_audit.rules import lexicons

DAY = 86400
HOUR = 3600
REPLY_WINDOW = 24 * HOUR
ANSWER_WINDOW = 7 * DAY
COLD_START_SILENCE = 60 * 60
NEW_CONVERSATION_SILENCE = 14 * DAY
EXPORT_CAP_SAFE = 10000  # far below the 40,000-message cap: probably complete

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6})/\S*")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"\+?\d[\d \-/()]{6,}\d")
_NUM = re.compile(r"\d+(?:[.,:/-]\d+)*")
_NONWORD = re.compile(r"[^\w<>]+")
_NAME_PARTICLES = {"van", "der", "den", "von", "und", "the", "and", "het", "zu", "del", "dos"}
_TITLE_TOKEN = re.compile(r"[^\W\d_]{3,}")


def normalise(text: str) -> str:
    """HEURISTICS §1 normalised text, without the per-chat name masking."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = _URL.sub(" <url> ", s)
    s = _EMAIL.sub(" <email> ", s)
    s = _PHONE.sub(" <phone> ", s)
    s = _NUM.sub(" <num> ", s)
    s = _NONWORD.sub(" ", s)
    return " ".join(s.split())


def title_tokens(title: str | None) -> frozenset[str]:
    if not title:
        return frozenset()
    toks = {t.lower() for t in _TITLE_TOKEN.findall(unicodedata.normalize("NFKC", title))}
    return frozenset(toks - _NAME_PARTICLES)


@dataclass
class AuditContext:
    m: pd.DataFrame
    chats: pd.DataFrame
    owner: str | None
    audit_t: int  # seconds: the audit's "today"
    newest_t: int
    oldest_t: int
    campaigns: pd.DataFrame
    fanouts: pd.DataFrame
    automations: list[dict[str, Any]] = field(default_factory=list)
    seconds_share: float = 0.0
    customer_started_share: float = 1.0
    promo_re: re.Pattern[str] | None = None
    cache: dict[str, Any] = field(default_factory=dict)

    # --- helpers used by several rules ---
    @property
    def bi(self) -> pd.DataFrame:
        if "bi" not in self.cache:
            self.cache["bi"] = self.m[self.m["is_bi"]].sort_values("t", kind="stable")
        return self.cache["bi"]

    @property
    def minute_only(self) -> bool:
        return self.seconds_share < 0.5

    def chat_title(self, chat_id: int) -> str:
        return str(self.chats.loc[chat_id, "title"]) if chat_id in self.chats.index else ""


# --------------------------------------------------------------------------------------------


def build_context(
    messages: pd.DataFrame,
    chats: pd.DataFrame,
    owner: str | None,
    audit_date: pd.Timestamp | None = None,
    fuzzy_threshold: float = 90.0,
) -> AuditContext:
    import time

    tick = [time.perf_counter()]
    timings: dict[str, float] = {}

    def lap(name: str) -> None:
        now = time.perf_counter()
        timings[name] = now - tick[0]
        tick[0] = now

    chats = chats.copy()
    chats = chats.set_index("chat_id", drop=False)
    cv = messages["chat_id"].to_numpy()
    sv = messages["seq"].to_numpy()
    ordered = len(cv) < 2 or bool(
        np.all((cv[1:] > cv[:-1]) | ((cv[1:] == cv[:-1]) & (sv[1:] > sv[:-1])))
    )
    if ordered:  # load_frames already delivers chat/file order: skip the 1M-row sort
        m = messages.reset_index(drop=True)
    else:
        m = messages.sort_values(["chat_id", "seq"], kind="stable").reset_index(drop=True)
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

    # latest inbound before / next inbound after, per chat (numpy index fills)
    start, end = chat_bounds(chat)
    m["_start"] = start
    m["_end"] = end
    last_in = take_t(t, prev_index(is_in, start))
    next_in = take_t(t, next_index(is_in, end))
    m["last_in"] = last_in
    m["next_in"] = next_in
    latency = np.where(is_out, t - last_in, np.nan)
    m["latency"] = latency
    is_reply = is_out & (latency <= REPLY_WINDOW)
    m["is_reply"] = is_reply
    is_bi = is_out & ~is_reply & (kind_o2o | kind_bc)
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
    weight = np.where(kind_bc, rec.reindex(chat).fillna(1.0).to_numpy(), 1.0)
    m["weight"] = weight

    # cold-start inbound: after >= 60 min of silence (any real message) or the chat's first
    prev_real = take_t(t, prev_index(real, start))
    m["cold_start"] = is_in & ~(t - prev_real < COLD_START_SILENCE)
    m["conv_start"] = is_in & ~(t - prev_real < NEW_CONVERSATION_SILENCE)

    text = m["text"]
    if text.isna().any():
        text = text.fillna("")
        m["text"] = text
    m["tlen"] = text.str.len().to_numpy()

    # promotional classifier (R13 lexicon) on outbound texts
    # (only where rules need it: business-initiated and group messages; R11 classifies its own)
    promo = np.zeros(n, dtype=bool)
    out_txt = (is_bi | (is_out & ~kind_o2o & ~kind_bc)) & m["is_text"].to_numpy()
    if out_txt.any():
        promo[out_txt] = lexicons.on_unique(text[out_txt], lexicons.is_promotional)
    m["promo"] = promo

    lap("d_base")
    _normalise_bi(m, chats)
    lap("d_normalise")
    _cluster(m, fuzzy_threshold)
    lap("d_cluster")
    campaigns, fanouts = _campaigns(m)
    lap("d_campaigns")
    automations = _automations(m)
    lap("d_automation")

    has_sec = chats["has_seconds"].astype(bool).reindex(chat).fillna(False).to_numpy(dtype=bool)
    seconds_share = float(has_sec[real].mean()) if real.any() else 0.0
    m["has_seconds"] = has_sec

    # chat-level facts
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
    o2o_chat = ~is_group & ~bc
    chats["o2o"] = o2o_chat
    chats["first_contact"] = o2o_chat & chats["probably_complete"] & (chats["first_dir"] == "out")
    uchat, inv = np.unique(chat, return_inverse=True)
    out_counts = pd.Series(np.bincount(inv, weights=is_out), index=uchat)
    chats["out_msgs"] = out_counts.reindex(chats.index).fillna(0).astype(int)
    in_counts = pd.Series(np.bincount(inv, weights=is_in), index=uchat)
    chats["in_msgs"] = in_counts.reindex(chats.index).fillna(0).astype(int)
    started = chats[o2o_chat & (chats["first_dir"] != "")]
    cust_share = float((started["first_dir"] == "in").mean()) if len(started) else 1.0

    audit_t = newest_t
    if audit_date is not None:
        audit_t = (
            int(pd.Timestamp(audit_date).value // 10**9)
            if not isinstance(audit_date, int)
            else audit_date
        )
    lap("d_chats")
    ctx = AuditContext(
        m=m,
        chats=chats,
        owner=owner,
        audit_t=audit_t,
        newest_t=newest_t,
        oldest_t=oldest_t,
        campaigns=campaigns,
        fanouts=fanouts,
        automations=automations,
        seconds_share=seconds_share,
        customer_started_share=cust_share,
    )
    ctx.cache["timings"] = timings
    # the runner puts the [global] thresholds here; a rule evaluated alone gets the default
    ctx.cache["global"] = {"mitigation_customer_share": 0.8}
    return ctx


def _normalise_bi(m: pd.DataFrame, chats: pd.DataFrame) -> None:
    """Normalised text for BI text messages (eligible: >= 20 chars and >= 4 words)."""
    n = len(m)
    norm = np.full(n, "", dtype=object)
    sel = m["is_bi"].to_numpy() & m["is_text"].to_numpy()
    idx = np.flatnonzero(sel)
    if len(idx):
        texts = m["text"].to_numpy()[idx]
        uniq, inv = np.unique(texts.astype(str), return_inverse=True)
        normed = np.array([normalise(s) for s in uniq], dtype=object)[inv]
        titles = chats["title"].reindex(m["chat_id"].to_numpy()[idx]).to_numpy()
        tok_cache: dict[Any, frozenset[str]] = {}
        out = []
        for s, title in zip(normed, titles, strict=True):
            names = tok_cache.get(title)
            if names is None:
                names = tok_cache[title] = title_tokens(title if isinstance(title, str) else "")
            toks = s.split()
            if names and not names.isdisjoint(toks):
                s = " ".join("<name>" if w in names else w for w in toks)
                toks = s.split()
            out.append(s if len(s) >= 20 and len(toks) >= 4 else "")
        norm[idx] = out
    m["norm"] = norm


def chat_bounds(chat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: index of its chat's first row and one past its last row (rows sorted by chat)."""
    n = len(chat)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    brk = np.flatnonzero(np.diff(chat)) + 1
    starts = np.concatenate([[0], brk])
    ends = np.concatenate([brk, [n]])
    sizes = ends - starts
    return np.repeat(starts, sizes), np.repeat(ends, sizes)


def prev_index(mask: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Per row: index of the latest earlier row of the same chat where mask is true, or -1."""
    n = len(mask)
    idx = np.where(mask, np.arange(n), -1)
    prev = np.maximum.accumulate(np.concatenate([[-1], idx[:-1]])) if n else idx
    return np.where(prev >= start, prev, -1)


def next_index(mask: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Per row: index of the next later row of the same chat where mask is true, or -1."""
    n = len(mask)
    idx = np.where(mask, np.arange(n), n)
    nxt = np.minimum.accumulate(np.concatenate([idx[1:], [n]])[::-1])[::-1] if n else idx
    return np.where(nxt < end, nxt, -1)


def take_t(t: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """t[idx] as float with NaN where idx == -1."""
    out = np.full(len(idx), np.nan)
    ok = idx >= 0
    out[ok] = t[idx[ok]]
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.p = np.arange(n)

    def find(self, a: int) -> int:
        p = self.p
        root = a
        while p[root] != root:
            root = p[root]
        while p[a] != root:
            p[a], a = root, p[a]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


LSH_BANDS = 6  # 6 bands of 2 min-hashes: texts with token overlap ~0.8 meet with p > 0.99
LSH_MAX_GROUP = 400


def _lsh_groups(block: np.ndarray, uniques) -> list[np.ndarray]:
    """Candidate groups inside a busy day: min-hash banding on the token sets (crc32, so runs
    are reproducible), each group small enough for an exact fuzzy comparison."""
    import zlib

    buckets: dict[tuple, list[int]] = {}
    for c in block.tolist():
        toks = set(uniques[c].split())
        hs = [min(zlib.crc32(f"{i}:{t}".encode()) for t in toks) for i in range(2 * LSH_BANDS)]
        for b in range(LSH_BANDS):
            buckets.setdefault((b, hs[2 * b], hs[2 * b + 1]), []).append(c)
    out = []
    for members in buckets.values():
        if len(members) < 2:
            continue
        arr = np.array(members, dtype=np.int64)
        for i in range(0, len(arr), LSH_MAX_GROUP):  # a huge bucket: compare in slices
            if len(arr[i : i + LSH_MAX_GROUP]) > 1:
                out.append(arr[i : i + LSH_MAX_GROUP])
    return out


def _leader_cluster(group, uniques, ntok, uf, threshold, process, fuzz) -> None:
    """Leader clustering: each text joins the most similar earlier leader (token-set ratio
    >= threshold and comparable length) or becomes a leader itself. Comparisons grow with the
    number of distinct templates, not with the number of copies."""
    leaders_txt: list[str] = []
    leaders_code: list[int] = []
    for c in group.tolist():
        txt = uniques[c]
        if leaders_txt:
            hits = process.extract(
                txt,
                leaders_txt,
                scorer=fuzz.token_set_ratio,
                score_cutoff=threshold,
                limit=None,
            )
            joined = False
            for _, _, i in hits:
                lc = leaders_code[i]
                # token-set ratio scores a short text inside a long one as 100: require
                # comparable length, so "ok see you tomorrow" never joins a long promotion
                if min(ntok[c], ntok[lc]) / max(ntok[c], ntok[lc]) >= 0.6:
                    uf.union(c, lc)  # every matching leader: a text can bridge two clusters
                    joined = True
            if joined:
                continue
        leaders_txt.append(txt)
        leaders_code.append(c)


def _cluster(m: pd.DataFrame, threshold: float) -> None:
    """Near-duplicate clusters: exact normalised text, then fuzzy merges inside blocks.

    Blocks = calendar day; a busy day (> 400 distinct texts) is split into min-hash (LSH)
    candidate groups, so the fine comparison (rapidfuzz token-set ratio) only runs on small
    groups; never all pairs of the whole history.
    """
    from rapidfuzz import fuzz, process

    dup = np.full(len(m), -1, dtype=np.int64)
    norm = m["norm"].to_numpy()
    sel = np.flatnonzero(norm != "")
    if len(sel):
        codes, uniques = pd.factorize(pd.Series(norm[sel]))
        uf = _UnionFind(len(uniques))
        ntok = np.array([u.count(" ") + 1 for u in uniques])
        day = m["t"].to_numpy()[sel] // DAY
        # unique (day, text) pairs; a day with few texts is one block, a busy day is split
        # into token-count bands (each compared with itself and the next band)
        key = np.unique(day.astype(np.int64) * (1 << 32) + codes)
        pday = key >> 32
        pcode = (key & ((1 << 32) - 1)).astype(np.int64)
        bounds = np.flatnonzero(np.diff(pday)) + 1
        for block in np.split(pcode, bounds):
            if len(block) < 2:
                continue
            groups = [block] if len(block) <= LSH_MAX_GROUP else _lsh_groups(block, uniques)
            for group in groups:
                _leader_cluster(group, uniques, ntok, uf, threshold, process, fuzz)
        roots = np.array([uf.find(i) for i in range(len(uniques))])
        dup[sel] = roots[codes]
    # media-only BI messages: identical placeholder in the same minute
    media = np.flatnonzero(m["is_bi"].to_numpy() & m["is_media"].to_numpy())
    if len(media):
        att = m["attachment"].to_numpy()[media]
        att = np.array([_media_type(a) for a in att], dtype=object)
        minute = m["t"].to_numpy()[media] // 60
        key = pd.Series(att).astype(str) + ":" + pd.Series(minute).astype(str)
        mcodes, _ = pd.factorize(key)
        base = (dup.max() + 1) if (dup >= 0).any() else 0
        dup[media] = base + 1_000_000 + mcodes
    m["dup"] = dup


def _media_type(name: Any) -> str:
    if not isinstance(name, str) or not name:
        return "media"
    s = name.lower()
    for key, kind in (
        ("img", "image"),
        ("photo", "image"),
        (".jpg", "image"),
        ("vid", "video"),
        (".mp4", "video"),
        ("ptt", "audio"),
        ("aud", "audio"),
        (".opus", "audio"),
        ("stk", "sticker"),
        (".pdf", "document"),
    ):
        if key in s:
            return kind
    return "media"


def _campaigns(m: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Campaigns: a near-duplicate cluster split where it pauses > 24 h; >= 2 chats or a list."""
    camp = np.full(len(m), -1, dtype=np.int64)
    sel = np.flatnonzero(m["dup"].to_numpy() >= 0)
    empty = pd.DataFrame(
        columns=[
            "campaign",
            "dup",
            "recipients",
            "chats",
            "msgs",
            "cold_share",
            "answer_rate",
            "answered_n",
            "start",
            "end",
            "bcast",
            "promo",
            "example",
            "night_start",
        ]
    )
    if not len(sel):
        m["campaign"] = camp
        return empty, _fanouts(m)
    d = m.iloc[sel][["t", "dup", "chat_id", "cold", "answered", "weight", "bcast", "promo"]].copy()
    d["row"] = sel
    d = d.sort_values(["dup", "t"], kind="stable")
    dupv = d["dup"].to_numpy()
    tv = d["t"].to_numpy()
    brk = np.ones(len(d), dtype=bool)
    brk[1:] = (dupv[1:] != dupv[:-1]) | (tv[1:] - tv[:-1] > DAY)
    seg = np.cumsum(brk) - 1
    d["seg"] = seg
    # keep segments reaching >= 2 distinct chats or containing a broadcast-list message
    nchats = d.groupby("seg")["chat_id"].nunique()
    has_bc = d.groupby("seg")["bcast"].any()
    keep = nchats[(nchats >= 2) | has_bc].index
    d = d[d["seg"].isin(keep)].copy()
    if d.empty:
        m["campaign"] = camp
        return empty, _fanouts(m)
    d["campaign"] = pd.factorize(d["seg"])[0]
    camp[d["row"].to_numpy()] = d["campaign"].to_numpy()
    m["campaign"] = camp
    # recipients in any rolling 24 h: first message per (campaign, chat), weighted
    first = d.drop_duplicates(["campaign", "chat_id"]).sort_values(["campaign", "t"])
    key = first["campaign"].to_numpy().astype(np.int64) * 10**11 + first["t"].to_numpy()
    # the 1:1 copies of a broadcast-list message are the same send as the list's own message:
    # count max(one-to-one chats, list recipients), never their sum
    bc = first["bcast"].to_numpy()
    end = np.searchsorted(key, key + DAY, side="right")
    idx = np.arange(len(key))
    c_o2o = np.concatenate([[0.0], np.cumsum(~bc)])
    c_bc = np.concatenate([[0.0], np.cumsum(np.where(bc, first["weight"].to_numpy(), 0.0))])
    first["window"] = np.maximum(c_o2o[end] - c_o2o[idx], c_bc[end] - c_bc[idx])
    o2o_first = first[~first["bcast"]]
    agg = first.groupby("campaign").agg(recipients=("window", "max"), chats=("chat_id", "size"))
    agg["cold_n"] = o2o_first.groupby("campaign")["cold"].sum()
    agg["o2o_n"] = o2o_first.groupby("campaign").size()
    agg["cold_share"] = (agg["cold_n"] / agg["o2o_n"]).fillna(0.0)
    ans = o2o_first.groupby("campaign")["answered"]
    agg["answer_rate"] = ans.mean()
    agg["answered_n"] = ans.count()
    g2 = d.groupby("campaign")
    agg["msgs"] = g2.size()
    agg["start"] = g2["t"].min()
    agg["end"] = g2["t"].max()
    agg["bcast"] = g2["bcast"].any()
    agg["promo"] = g2["promo"].mean() >= 0.5
    agg["dup"] = g2["dup"].first()
    agg["example"] = m["msg_id"].to_numpy()[g2["row"].first().to_numpy()]
    hours = (agg["start"] % DAY) // HOUR
    agg["night_start"] = (hours >= 22) | (hours < 7)
    agg = agg.reset_index()
    agg["recipients"] = agg["recipients"].round().astype(int)
    return agg, _fanouts(m)


def _fanouts(m: pd.DataFrame) -> pd.DataFrame:
    """Fan-out events: same normalised text / media in >= 5 chats within 2 minutes, or any
    message in an exported broadcast list (reaching the list's recipients)."""
    cols = ["event", "start", "chats", "recipients", "bcast", "example", "dup"]
    sel = np.flatnonzero(m["dup"].to_numpy() >= 0)
    if not len(sel):
        m["fanout"] = -1
        return pd.DataFrame(columns=cols)
    d = m.iloc[sel][["t", "dup", "norm", "chat_id", "weight", "bcast", "msg_id", "kind"]].copy()
    d["row"] = sel
    # identical normalised text (not fuzzy): a broadcast list sends the very same text
    d["key"] = np.where(d["kind"].to_numpy() == "text", d["norm"].to_numpy(), d["dup"].astype(str))
    d = d.sort_values(["key", "t"], kind="stable")
    kv = d["key"].to_numpy()
    tv = d["t"].to_numpy()
    # greedy 2-minute events: a new event starts when the gap to the event start > 120 s
    ev = np.empty(len(d), dtype=np.int64)
    start_t = None
    cur = -1
    prev_key = None
    for i in range(len(d)):  # loop over BI duplicate-candidates only (small)
        if kv[i] != prev_key or tv[i] - start_t > 120:
            cur += 1
            start_t = tv[i]
            prev_key = kv[i]
        ev[i] = cur
    # a slow paste session (the same text every 20 s for an hour) is one broadcast, not
    # thirty: chain the 2-minute events of one text while they follow within an hour; a
    # chain is a broadcast when one of its 2-minute events reached >= 5 chats (or a list)
    sub = (
        d.assign(ev=ev)
        .groupby("ev")
        .agg(
            key=("key", "first"),
            start=("t", "min"),
            chats=("chat_id", "nunique"),
            bcast=("bcast", "any"),
        )
    )
    sk = sub["key"].to_numpy()
    st = sub["start"].to_numpy()
    brk = np.ones(len(sub), dtype=bool)
    brk[1:] = (sk[1:] != sk[:-1]) | (st[1:] - st[:-1] > 3600)
    chain = np.cumsum(brk) - 1
    qual = (sub["chats"].to_numpy() >= 5) | sub["bcast"].to_numpy()
    good = pd.Series(qual).groupby(chain).any().to_numpy()
    d["ev"] = chain[ev]
    d = d[good[d["ev"].to_numpy()]]
    if d.empty:
        m["fanout"] = -1
        return pd.DataFrame(columns=cols)
    g = d.groupby("ev")
    agg = pd.DataFrame(
        {
            "start": g["t"].min(),
            "chats": g["chat_id"].nunique(),
            "bcast": g["bcast"].any(),
            "example": g["msg_id"].first(),
            "dup": g["dup"].first(),
        }
    )
    o2o_n = d[~d["bcast"]].groupby("ev")["chat_id"].nunique()
    bc_w = d[d["bcast"]].groupby("ev")["weight"].max()
    agg["recipients"] = np.maximum(
        o2o_n.reindex(agg.index).fillna(0).to_numpy(), bc_w.reindex(agg.index).fillna(0).to_numpy()
    ).astype(int)
    fan = np.full(len(m), -1, dtype=np.int64)
    codes = pd.Series(range(len(agg)), index=agg.index)
    fan[d["row"].to_numpy()] = codes.reindex(d["ev"].to_numpy()).to_numpy()
    m["fanout"] = fan
    agg["event"] = codes.to_numpy()
    return agg.reset_index(drop=True)[cols]


def _automations(m: pd.DataFrame) -> list[dict[str, Any]]:
    """Greeting / away messages (allowed) versus bot texts that keep answering (not allowed)."""
    auto = np.full(len(m), "", dtype=object)
    out: list[dict[str, Any]] = []
    lat = m["latency"].to_numpy()
    is_text = m["is_text"].to_numpy()
    chat_all = m["chat_id"].to_numpy()
    inst = np.flatnonzero(m["is_out"].to_numpy() & (lat <= 60) & is_text)
    if len(inst):
        texts = m["text"].to_numpy()[inst]
        codes, uniq = pd.factorize(pd.Series(texts))
        ulen = np.array([len(u.strip()) for u in uniq])
        ok = ulen[codes] >= 10
        d = pd.DataFrame({"code": codes, "chat_id": chat_all[inst], "row": inst})[ok]
        nch = d.drop_duplicates(["code", "chat_id"]).groupby("code").size()
        cand = nch[nch >= 3].index.to_numpy()
        d = d[np.isin(d["code"].to_numpy(), cand)]
        if len(d):
            rows = d["row"].to_numpy()
            d = d.assign(t=m["t"].to_numpy()[rows], last_in=m["last_in"].to_numpy()[rows])
            d = d.sort_values(["code", "chat_id", "t"], kind="stable")
            code = d["code"].to_numpy()
            same_chat = d["chat_id"].to_numpy()
            tt = d["t"].to_numpy()
            li = d["last_in"].to_numpy()
            # the same text answering two different customer messages of one conversation
            # (< 6 h apart) is a bot, not a greeting or an away message
            rep = np.zeros(len(d), dtype=bool)
            rep[1:] = (
                (code[1:] == code[:-1])
                & (same_chat[1:] == same_chat[:-1])
                & (tt[1:] - tt[:-1] < 6 * HOUR)
                & (li[1:] != li[:-1])
            )
            rep_chats = (
                pd.DataFrame({"code": code[rep], "chat": same_chat[rep]})
                .drop_duplicates()
                .groupby("code")
                .size()
            )
            # greetings answer a conversation start (first message / >= 14 days of silence)
            cs = m["conv_start"].to_numpy()
            conv_keys = chat_all[cs].astype(np.int64) * 10**10 + m["t"].to_numpy()[cs]
            li_key = same_chat.astype(np.int64) * 10**10 + np.nan_to_num(li, nan=-1).astype(
                np.int64
            )
            at_start = np.isin(li_key, conv_keys)
            per = pd.DataFrame(
                {"code": code, "start": at_start, "chat": same_chat, "row": d["row"]}
            )
            g = per.groupby("code")
            summary = pd.DataFrame(
                {
                    "share": g["start"].mean(),
                    "n": g.size(),
                    "chats": g["chat"].nunique(),
                    "row": g["row"].first(),
                }
            )
            summary["rep_chats"] = rep_chats.reindex(summary.index).fillna(0)
            # short texts ("graag gedaan!") are a human's quick reply, never a bot
            bot = (summary["rep_chats"] >= 3) & (ulen[summary.index.to_numpy()] >= 30)
            summary["kind"] = np.where(
                bot, "bot", np.where(summary["share"] >= 0.8, "greeting", "away")
            )
            kind_of = summary["kind"].reindex(code).to_numpy()
            auto[d["row"].to_numpy()] = kind_of
            for _, r in summary.sort_values("chats", ascending=False).head(20).iterrows():
                out.append(
                    {
                        "kind": r["kind"],
                        "chats": int(r["chats"]),
                        "messages": int(r["n"]),
                        "example": int(m["msg_id"].iat[int(r["row"])]),
                        "allowed": r["kind"] != "bot",
                    }
                )
    m["auto"] = auto
    # quick replies: the same reply text reused in >= 3 chats at human pace (listed only)
    rep = np.flatnonzero(m["is_reply"].to_numpy() & is_text & (auto == "") & ~(lat <= 60))
    if len(rep):
        codes, uniq = pd.factorize(pd.Series(m["text"].to_numpy()[rep]))
        ulen = np.array([len(u) for u in uniq])
        d = pd.DataFrame({"code": codes, "chat_id": chat_all[rep], "row": rep})
        d = d[ulen[codes] >= 20]
        nch = d.drop_duplicates(["code", "chat_id"]).groupby("code").size()
        cnt = d.groupby("code").size()
        first = d.drop_duplicates("code").set_index("code")["row"]
        for code in nch[nch >= 3].sort_values(ascending=False).index[:20]:
            out.append(
                {
                    "kind": "quick_reply",
                    "chats": int(nch[code]),
                    "messages": int(cnt[code]),
                    "example": int(m["msg_id"].iat[int(first[code])]),
                    "allowed": True,
                }
            )
    return out


# --- small shared helpers for rules ------------------------------------------------------------


def rolling_max_count(t: np.ndarray, window: int) -> tuple[int, int]:
    """Max number of events in any window [x, x + window); returns (count, window start)."""
    if len(t) == 0:
        return 0, 0
    t = np.sort(np.asarray(t))
    end = np.searchsorted(t, t + window, side="left")
    cnt = end - np.arange(len(t))
    i = int(cnt.argmax())
    return int(cnt[i]), int(t[i])


def rolling_max_distinct(
    t: np.ndarray, key: np.ndarray, window: int, resolution: int = 1
) -> tuple[int, int]:
    """Max number of distinct keys with an event in any window of `window` seconds, at
    `resolution`-second buckets (exact at that resolution). Returns (count, window start).

    Each key contributes +1 to the windows that contain one of its events; overlapping
    contributions of the same key are merged, then a sweep over the sorted change points.
    """
    if len(t) == 0:
        return 0, 0
    k = max(1, window // resolution)
    b = np.asarray(t, dtype=np.int64) // resolution
    d = pd.DataFrame({"k": pd.factorize(pd.Series(key))[0], "b": b}).drop_duplicates()
    d = d.sort_values(["k", "b"], kind="stable")
    kv = d["k"].to_numpy()
    bv = d["b"].to_numpy()
    prev = np.full(len(bv), np.iinfo(np.int64).min // 2, dtype=np.int64)
    same = np.zeros(len(bv), dtype=bool)
    same[1:] = kv[1:] == kv[:-1]
    prev[1:][same[1:]] = bv[:-1][same[1:]]
    # a window "ending" at bucket h covers buckets h-k+1 .. h
    s = np.maximum(bv, prev + k)
    e = bv + k
    ok = s < e
    pos = np.concatenate([s[ok], e[ok]])
    val = np.concatenate([np.ones(ok.sum(), dtype=np.int64), -np.ones(ok.sum(), dtype=np.int64)])
    order = np.lexsort((val, pos))  # at equal position the -1 (window end) goes first
    cum = np.cumsum(val[order])
    i = int(cum.argmax())
    h = int(pos[order][i])
    return int(cum[i]), (h - k + 1) * resolution


def rolling_max_sum(t: np.ndarray, w: np.ndarray, window: int) -> tuple[float, int]:
    """Max sum of weights of events in any window [x, x + window); returns (sum, start)."""
    if len(t) == 0:
        return 0.0, 0
    order = np.argsort(t, kind="stable")
    t = np.asarray(t)[order]
    cw = np.concatenate([[0.0], np.cumsum(np.asarray(w, dtype=float)[order])])
    end = np.searchsorted(t, t + window, side="left")
    sums = cw[end] - cw[: len(t)]
    i = int(sums.argmax())
    return float(sums[i]), int(t[i])


def window_rows(t: np.ndarray, start: int, window: int) -> np.ndarray:
    return (t >= start) & (t < start + window)


def fmt_ts(t: int) -> str:
    return pd.Timestamp(int(t), unit="s").isoformat()


def optout_times(ctx: AuditContext) -> pd.DataFrame:
    """First opt-out message per one-to-one chat: columns chat_id, opt_t, opt_msg."""
    if "optouts" not in ctx.cache:
        m = ctx.m
        sel = m["is_in"].to_numpy() & m["o2o"].to_numpy() & m["is_text"].to_numpy()
        cand = m.loc[sel, ["chat_id", "t", "msg_id", "text"]]
        hit = (
            lexicons.on_unique(cand["text"], lexicons.is_optout)
            if len(cand)
            else np.zeros(0, dtype=bool)
        )
        opt = cand[hit].drop_duplicates("chat_id")
        ctx.cache["optouts"] = pd.DataFrame(
            {
                "chat_id": opt["chat_id"].to_numpy(),
                "opt_t": opt["t"].to_numpy(),
                "opt_msg": opt["msg_id"].to_numpy(),
            }
        )
    return ctx.cache["optouts"]
