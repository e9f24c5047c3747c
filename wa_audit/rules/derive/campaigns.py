"""Campaigns (a near-duplicate cluster over time) and fan-outs (one text to many chats at once)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wa_audit.rules.derive.windows import DAY, HOUR


def campaigns(m: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
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
        return empty, fanouts(m)
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
        return empty, fanouts(m)
    d["campaign"] = pd.factorize(d["seg"])[0]
    camp[d["row"].to_numpy()] = d["campaign"].to_numpy()
    m["campaign"] = camp
    # recipients in any rolling 24 h: first message per (campaign, chat), weighted
    first = d.drop_duplicates(["campaign", "chat_id"]).sort_values(["campaign", "t"])
    key = first["campaign"].to_numpy().astype(np.int64) * 10**11 + first["t"].to_numpy()
    # the 1:1 copies of a broadcast-list message are the same send as the list's own message:
    # count max(one-to-one chats, list recipients), never their sum
    bc = first["bcast"].to_numpy()
    end = np.searchsorted(key, key + DAY, side="left")
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
    return agg, fanouts(m)


def fanouts(m: pd.DataFrame) -> pd.DataFrame:
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
