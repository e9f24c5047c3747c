"""R17 volume_spike_new_number: volume right after the number's start, or sudden spikes."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids
from wa_audit.rules.derive.windows import DAY


class R17VolumeSpikeNewNumber(Rule):
    meta = RuleMeta(
        id="R17",
        slug="volume_spike_new_number",
        family=Family.BULK,
        strength=Strength.MEDIUM,
        title=N_("Sudden volume, or volume right after starting"),
        what=N_(
            "Counts people you contacted first in the first 7 days of the imported history "
            "(the earliest message is only a lower bound of when the number started), and "
            "days on which you wrote first to many times more new people than normal."
        ),
        why=N_(
            "WhatsApp bans new numbers that send high volume at once, and scores sudden spikes "
            "against an account's normal behaviour."
        ),
        instead=N_("Grow volume slowly on the Platform, where limits rise with quality."),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        bi = ctx.bi
        if bi.empty:
            return self.result(Light.GREEN, N_("You never started a conversation yourself."))
        start = ctx.oldest_t
        fc = set(ctx.chats.index[ctx.chats["first_contact"]].tolist())
        early = bi[(bi["t"] < start + 7 * DAY) & (bi["chat_id"].isin(fc) | bi["bcast"])]
        first7 = int(
            early.loc[early["o2o"], "chat_id"].nunique() + early.loc[early["bcast"], "weight"].sum()
        )
        d24 = bi[(bi["t"] < start + DAY)]
        first24 = int(np.round(d24["weight"]).sum())
        # daily distinct chats vs the trailing 30-day median (days without sends count as 0).
        # Only people who never wrote to you count: a newsletter to your customers is not the
        # "new number messaging strangers" pattern (R01-R03 judge volume to customers)
        cold_bi = bi[bi["cold"] | bi["bcast"]]
        if cold_bi.empty:
            return self.result(
                Light.GREEN,
                N_("Every message you started went to people who had written to you before."),
                figures={"first7d_chats": first7, "first24h_msgs": first24, "spike_days": 0},
            )
        day = cold_bi["t"].to_numpy() // DAY
        per_day = (
            cold_bi.assign(_d=day)
            .groupby("_d")
            .agg(chats=("chat_id", "nunique"), cold=("cold", "mean"))
        )
        # from the first day of the import: days without such messages count as 0
        full = per_day.reindex(range(int(start // DAY), int(day.max()) + 1), fill_value=0)
        med = full["chats"].shift(1).rolling(30, min_periods=14).median()
        factor = full["chats"] / med.clip(lower=1)
        amber_days = full[
            (factor >= th["amber_spike_factor"]) & (full["chats"] >= th["amber_spike_chats"])
        ]
        red_days = full[
            (factor >= th["red_spike_factor"]) & (full["chats"] >= th["red_spike_chats"])
        ]
        notes = []
        triggers = []
        if first24 >= th["red_first24h"]:
            triggers.append("first24")
        if len(red_days):
            triggers.append("spike_red")
        if triggers:
            light = Light.RED
        else:
            if first7 >= th["amber_first7d"]:
                triggers.append("first7")
            if len(amber_days):
                triggers.append("spike")
            light = Light.AMBER if triggers else Light.GREEN
        spike = red_days if len(red_days) else amber_days
        worst_day = int(spike["chats"].idxmax()) if len(spike) else int(full["chats"].idxmax())
        ev_rows = cold_bi[day == worst_day] if "spike" in " ".join(triggers) else early
        params = {
            "first7": first7,
            "day_t": worst_day * DAY,
            "day_chats": int(full.loc[worst_day, "chats"]),
            "median": float(med.get(worst_day, np.nan)) if worst_day in med.index else 0.0,
        }
        if params["median"] != params["median"]:
            params["median"] = 0.0
        key = N_(
            "People you contacted first in the first 7 days: {first7}; busiest day for new "
            "contacts: {day_t} with {day_chats} (normal: {median} per day)."
        )
        return self.result(
            light,
            key,
            params=params,
            figures={
                "first7d_chats": first7,
                "first24h_msgs": first24,
                "spike_days": len(amber_days),
                "red_spike_days": len(red_days),
            },
            evidence=ids(ev_rows),
            confidence=confidence(ctx, len(bi), 20),
            notes=notes,
            triggers=triggers,
        )
