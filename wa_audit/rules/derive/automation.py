"""Allowed automation (greeting, away message, quick replies) versus bots (HEURISTICS.md §1)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from wa_audit.rules.derive.windows import HOUR


def automations(m: pd.DataFrame) -> list[dict[str, Any]]:
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
