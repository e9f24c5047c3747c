"""R06 instant_replies_24_7: long, individual answers within seconds, day and night."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, name_the_tool, pct, phrase
from wa_audit.rules.derive.conversation import next_index, take_t


class R06InstantReplies247(Rule):
    meta = RuleMeta(
        id="R06",
        slug="instant_replies_24_7",
        family=Family.AUTO,
        strength=Strength.MEDIUM,
        title=N_("Instant long answers at any hour"),
        what=N_(
            "For customer messages that arrive after an hour of silence, measures how fast the "
            "first answer came. Greeting and away messages and quick replies are left out."
        ),
        why=N_(
            "A shop owner answers fast while chatting, but not within seconds with a long, "
            "individual text after an hour of silence at 3 a.m., night after night. That is a "
            "bot connected to the app, which WhatsApp forbids."
        ),
        instead=N_(
            "Use greeting and away messages in the app, or run the bot on the Platform through "
            "a provider. If you use WhatsApp's own Business AI, mark this finding as explained."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        m = ctx.features("auto")
        o2o = m["o2o"].to_numpy()
        # the owner's first answer after each cold-start customer message that is not the
        # app's own greeting/away message (those are labelled per message by definition, so
        # a label skips one automatic message but never removes the customer's message)
        allowed = np.isin(m["auto"].to_numpy(), ["greeting", "away"])
        answer = m["is_out"].to_numpy() & ~allowed
        nxt = next_index(answer, m["_end"].to_numpy())
        nxt_t = take_t(m["t"].to_numpy(), nxt)
        cs = np.flatnonzero(m["cold_start"].to_numpy() & o2o & (nxt >= 0))
        if not len(cs):
            return self.result(
                Light.GREEN,
                N_("Too few customer messages to judge answer times."),
                figures={"events": 0},
            )
        resp = nxt[cs]
        lat = nxt_t[cs] - m["t"].to_numpy()[cs]
        events = len(cs)
        has_sec = m["has_seconds"].to_numpy()[resp]
        t_in = m["t"].to_numpy()[cs]
        t_out = m["t"].to_numpy()[resp]
        same_minute = (t_in // 60) == (t_out // 60)
        inst_time = np.where(has_sec, lat <= th["instant_s"], same_minute)
        long_txt = m["tlen"].to_numpy()[resp] >= th["min_chars"]
        instant = inst_time & long_txt
        n_inst = int(instant.sum())
        share = n_inst / events if events else 0.0
        hours = (t_out[instant] % 86400) // 3600
        n_hours = len(np.unique(hours))
        night = instant & (((t_out % 86400) // 3600) < 6)
        n_night = int(night.sum())
        nights = len(np.unique(t_out[night] // 86400))
        if (
            share >= th["red_share"]
            and events >= th["red_min_events"]
            and n_hours >= th["red_hours"]
        ) or n_night >= th["red_night"]:
            light = Light.RED
        elif (share >= th["amber_share"] and events >= th["min_events"]) or (
            n_night >= th["amber_night"] and nights >= th["amber_nights"]
        ):
            light = Light.AMBER
        else:
            light = Light.GREEN
        order = np.argsort(~night[instant])  # night examples first
        ev_rows = np.flatnonzero(instant)[order]
        ev = []
        for i in ev_rows[:25]:
            ev += [int(m["msg_id"].iat[cs[i]]), int(m["msg_id"].iat[resp[i]])]
        params = {
            "instant": n_inst,
            "events": events,
            "night": n_night,
            "hours": n_hours,
            "spread": phrase("answer_hours", n_hours),
        }
        figures = {
            "events": events,
            "instant": n_inst,
            "instant_share": pct(share),
            "hours_with_instant": n_hours,
            "night_instant": n_night,
            "nights": nights,
        }
        if not n_inst:
            key = N_("No customer message got a long answer within seconds ({events} looked at).")
        elif not n_night:
            key = N_(
                "Customer messages that got a long answer within seconds: {instant} of {events}, "
                "none of them between midnight and 6 a.m.; {spread}."
            )
        else:
            key = N_(
                "Customer messages that got a long answer within seconds: {instant} of {events}, "
                "{night} of them between midnight and 6 a.m.; {spread}."
            )
        return name_the_tool(
            ctx,
            self.result(
                light,
                key,
                params=params,
                figures=figures,
                evidence=ev,
                confidence=confidence(ctx, events, 30, needs_seconds=True),
            ),
        )
