"""R16 group_mass_add: adding many people to groups, creating many groups, re-adding leavers."""

from __future__ import annotations

import re

import pandas as pd

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids, pct
from wa_audit.rules.derive.windows import DAY, HOUR, rolling_max_count, rolling_max_sum

_ADDED = re.compile(
    r"(?:added|hebt|heeft|hast|hat)\s+(.+?)(?:\s+(?:toegevoegd|hinzugefügt))?\s*\.?$", re.I
)
_LEFT = re.compile(
    r"^(.+?)\s+(?:left|heeft de groep verlaten|is vertrokken|hat die gruppe verlassen)\s*\.?$",
    re.I,
)
_REMOVED = re.compile(
    r"(?:removed|hebt|heeft|hast|hat)\s+(.+?)(?:\s+(?:verwijderd|entfernt))?\s*\.?$", re.I
)
_SPLIT = re.compile(r",\s*|\s+(?:and|en|und|y|et)\s+", re.I)


def _names(text: str, rx: re.Pattern[str]) -> list[str]:
    s = text.replace("\u200e", "").strip()
    mt = rx.search(s)
    if not mt:
        return []
    return [n.strip().lower() for n in _SPLIT.split(mt.group(1)) if n.strip()]


class R16GroupMassAdd(Rule):
    meta = RuleMeta(
        id="R16",
        slug="group_mass_add",
        family=Family.GROUPS,
        strength=Strength.STRONG,
        amber_strength=Strength.MEDIUM,
        title=N_("Adding many people to groups"),
        what=N_(
            "Reads the group exports' system lines: how many people you added per hour and per "
            "day, groups you created, people who left again within a week, re-adding people "
            "who left, and groups where only you write."
        ),
        why=N_(
            "WhatsApp bans accounts that quickly create dozens of groups or add many users, "
            "and asks businesses to get permission before adding people and to honour leaving."
        ),
        instead=N_(
            "Ask first, never re-add someone who left, and use a Channel or a Community "
            "announcement group that people join themselves."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        m = ctx.m
        grp = m[m["grp"]]
        if grp.empty:
            return self.result(
                Light.GREY, N_("No group chats were imported."), figures={"groups": 0}
            )
        ev = grp["event"].to_numpy()
        owner_act = grp["actor_is_owner"].to_numpy()
        adds = grp[(ev == "added") & owner_act].copy()
        adds["names"] = [_names(s, _ADDED) for s in adds["text"]]
        adds["n"] = [max(1, len(x)) for x in adds["names"]]
        created = grp[(ev == "group_created") & owner_act]
        left = grp[ev == "left"].copy()
        left["names"] = [_names(s, _LEFT) for s in left["text"]]
        removed = grp[(ev == "removed")].copy()
        removed["names"] = [_names(s, _REMOVED) for s in removed["text"]]
        a_t = adds["t"].to_numpy()
        adds1h, _ = rolling_max_sum(a_t, adds["n"].to_numpy(), HOUR)
        adds24, t24 = rolling_max_sum(a_t, adds["n"].to_numpy(), DAY)
        groups24, _ = rolling_max_count(created["t"].to_numpy(), DAY)
        # per (group, name) event timelines
        rows = []
        for kind, frame in (("add", adds), ("left", left), ("removed", removed)):
            for chat, t, mid, names in zip(
                frame["chat_id"], frame["t"], frame["msg_id"], frame["names"], strict=True
            ):
                rows += [(chat, n, t, kind, mid) for n in names]
        tl = pd.DataFrame(rows, columns=["chat", "name", "t", "kind", "msg_id"])
        leave7 = 0
        readds = pd.DataFrame(columns=tl.columns)
        if len(tl):
            tl = tl.sort_values(["chat", "name", "t"], kind="stable")
            prev_kind = tl.groupby(["chat", "name"])["kind"].shift(1)
            prev_t = tl.groupby(["chat", "name"])["t"].shift(1)
            readds = tl[(tl["kind"] == "add") & prev_kind.isin(["left", "removed"])]
            leave7 = int(
                (
                    (tl["kind"] == "left") & (prev_kind == "add") & (tl["t"] - prev_t <= 7 * DAY)
                ).sum()
            )
        total_adds = int(adds["n"].sum())
        leave_share = leave7 / total_adds if total_adds else 0.0
        # announcement-style groups: owner writes >= 90 % and many people were added
        real = grp[grp["is_out"] | grp["is_in"]]
        share_out = real.groupby("chat_id")["is_out"].mean()
        added_per = adds.groupby("chat_id")["n"].sum()
        promo_per = real.groupby("chat_id")["promo"].any()
        owner_groups = share_out[share_out >= th["owner_share"]].index
        ow_adds = added_per.reindex(owner_groups).fillna(0)
        ow_amber = int((ow_adds >= th["amber_owner_group_adds"]).sum())
        ow_red = int(
            (
                (ow_adds >= th["red_owner_group_adds"])
                & promo_per.reindex(owner_groups).fillna(False)
            ).sum()
        )
        triggers = []
        if adds24 >= th["red_adds_24h"]:
            triggers.append("adds24")
        if groups24 >= th["red_groups_24h"]:
            triggers.append("groups24")
        if len(readds):
            triggers.append("readd")
        if ow_red:
            triggers.append("owner_group")
        if triggers:
            light = Light.RED
        elif (
            adds1h >= th["amber_adds_1h"]
            or adds24 >= th["amber_adds_24h"]
            or groups24 >= th["amber_groups_24h"]
            or (total_adds >= th["min_adds_for_share"] and leave_share >= th["amber_leave_share"])
            or ow_amber
        ):
            light = Light.AMBER
        else:
            light = Light.GREEN
        evidence = ids(readds) + ids(adds[(a_t >= t24) & (a_t < t24 + DAY)]) + ids(created)
        params = {
            "adds": int(adds24),
            "left_pct": pct(leave_share),
            "groups": int(groups24),
            "readds": len(readds),
        }
        if not total_adds:
            key = N_("You added nobody to a group; groups you created in one day: {groups}.")
        elif not leave7:
            key = N_(
                "People you added to groups within 24 hours: {adds}; nobody you added left "
                "within a week; groups created in one day: {groups}; people re-added after "
                "leaving: {readds}."
            )
        else:
            key = N_(
                "People you added to groups within 24 hours: {adds}; {left_pct} of the people "
                "you added left within a week; groups created in one day: {groups}; people "
                "re-added after leaving: {readds}."
            )
        return self.result(
            light,
            key,
            params=params,
            figures={
                "groups": int(grp["chat_id"].nunique()),
                "adds_total": total_adds,
                "max_adds_1h": int(adds1h),
                "max_adds_24h": int(adds24),
                "max_groups_created_24h": int(groups24),
                "left_within_7d_share": pct(leave_share),
                "readds": len(readds),
                "owner_only_groups_100plus": ow_amber,
            },
            evidence=evidence,
            confidence=confidence(ctx, max(total_adds, 1), 20),
            triggers=triggers,
        )
