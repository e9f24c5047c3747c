"""R07 bot_menu_patterns: numbered menus and instant answers to a customer's digit."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules import lexicons
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids, name_the_tool


class R07BotMenuPatterns(Rule):
    meta = RuleMeta(
        id="R07",
        slug="bot_menu_patterns",
        family=Family.AUTO,
        strength=Strength.STRONG,
        amber_strength=Strength.MEDIUM,
        title=N_("Chatbot menus"),
        what=N_(
            "Finds chatbot dialogues: numbered menus, 'reply 1, 2 or 3', 'type MENU', "
            "self-declared assistants, and instant answers after a customer sends only a digit "
            "or a keyword."
        ),
        why=N_(
            "A menu that answers a customer's digit within seconds is software. The Business "
            "app allows no such software; WhatsApp bans automated messaging."
        ),
        instead=N_(
            "Interactive bots are only allowed on the WhatsApp Business Platform (and since "
            "2026 only task-specific ones). Move the bot to a provider, or replace it with an "
            "away message and quick replies."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        m = ctx.features("auto")
        # a bot answers within minutes; slower messages are typed by a person
        quick = m["latency"].to_numpy() <= 300
        first = m["is_out"].to_numpy() & np.isnan(m["last_in"].to_numpy())
        sel = m["is_out"].to_numpy() & (quick | first) & m["is_text"].to_numpy()
        out = m.loc[sel, ["lex"]]
        menu = np.zeros(len(m), dtype=bool)
        if len(out):
            hit = lexicons.menu_of(out["lex"].to_numpy())
            menu[out.index.to_numpy()[hit]] = True
        # menu texts inside an allowed greeting/away message are fine
        allowed = np.isin(m["auto"].to_numpy(), ["greeting", "away"])
        menu_ok = menu & ~allowed
        menu_chats = int(m.loc[menu_ok, "chat_id"].nunique())
        # menu exchange: customer sends only a digit/keyword, a menu/bot text follows in <= 1 min
        inp = np.zeros(len(m), dtype=bool)
        short = m.loc[
            m["is_in"].to_numpy() & m["is_text"].to_numpy() & (m["tlen"].to_numpy() <= 12), ["lex"]
        ]
        if len(short):
            hit = lexicons.menu_input_of(short["lex"].to_numpy())
            inp[short.index.to_numpy()[hit]] = True
        # next row in the same chat is the answer
        nxt = np.arange(1, len(m) + 1)
        nxt[-1:] = len(m) - 1
        chat = m["chat_id"].to_numpy()
        t = m["t"].to_numpy()
        botlike = menu | (m["auto"].to_numpy() == "bot")
        ex = (
            inp
            & (chat[nxt] == chat)
            & m["is_out"].to_numpy()[nxt]
            & (t[nxt] - t <= th["exchange_s"])
            & botlike[nxt]
        )
        ex_idx = np.flatnonzero(ex)
        n_ex = len(ex_idx)
        ex_chats = len(np.unique(chat[ex_idx]))
        if n_ex >= th["red_exchanges"] and ex_chats >= th["red_chats"]:
            light = Light.RED
        elif menu_chats >= th["amber_chats"]:
            light = Light.AMBER
        else:
            light = Light.GREEN
        ev = []
        for i in ex_idx[:25]:
            ev += [int(m["msg_id"].iat[i]), int(m["msg_id"].iat[nxt[i]])]
        ev += ids(m[menu_ok])
        params = {"exchanges": n_ex, "chats": max(ex_chats, menu_chats), "menu_chats": menu_chats}
        figures = {"menu_chats": menu_chats, "exchanges": n_ex, "exchange_chats": ex_chats}
        if n_ex:
            key = N_(
                "Menu answers within a minute to a customer's digit or keyword: {exchanges}; chats "
                "with such exchanges: {chats}."
            )
        elif menu_chats:
            key = N_("Chats with menu or bot texts: {menu_chats}.")
        else:
            key = N_("No chatbot menus found.")
        return name_the_tool(
            ctx,
            self.result(
                light,
                key,
                params=params,
                figures=figures,
                evidence=ev,
                confidence=confidence(ctx, max(n_ex, menu_chats), 5),
            ),
        )
