"""Combine rule results into family and overall lights (HEURISTICS.md §3). Pure functions.

Points per result: red strong 6 / medium 3; amber strong 2.5 / medium 1.5 / weak 0.5; weak rules
cannot be red (a weak red counts as amber); context rules, greens, grey and errors count 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wa_audit.i18n import N_
from wa_audit.rules.base import Light, Strength

FAMILIES = ("BULK", "AUTO", "CONSENT", "CONTENT", "GROUPS")

POINTS = {
    (Light.RED, Strength.STRONG): 6.0,
    (Light.RED, Strength.MEDIUM): 3.0,
    (Light.AMBER, Strength.STRONG): 2.5,
    (Light.AMBER, Strength.MEDIUM): 1.5,
    (Light.AMBER, Strength.WEAK): 0.5,
}


@dataclass(frozen=True)
class LightInput:
    rule: str
    family: str
    strength: Strength  # the strength that applies to this light (see RuleMeta.strength_for)
    light: Light
    explained: bool = False  # consultant marked it "expected / explained": not counted


def light_inputs(findings) -> list[LightInput]:
    """What the combination needs of each finding (a rule's result with its metadata)."""
    return [
        LightInput(
            rule=f.rule,
            family=str(f.meta.family),
            strength=f.meta.strength_for(f.result.light),
            light=f.result.light,
            explained=f.result.explained,
        )
        for f in findings
    ]


@dataclass
class Combined:
    overall: Light
    reason_key: str
    reason_params: dict[str, Any]
    families: dict[str, tuple[Light, float, list[str], str | None]]
    points: dict[str, float] = field(default_factory=dict)
    total: float = 0.0


def effective_light(item: LightInput) -> Light:
    if item.explained or item.light in (Light.GREY, Light.ERROR):
        return Light.GREY
    if item.strength == Strength.CONTEXT:
        return Light.GREEN
    if item.strength == Strength.WEAK and item.light == Light.RED:
        return Light.AMBER
    return item.light


def points_of(item: LightInput) -> float:
    return POINTS.get((effective_light(item), item.strength), 0.0)


def family_light(items: list[LightInput]) -> tuple[Light, str | None]:
    lights = [(effective_light(i), i.strength) for i in items]
    known = [lt for lt in lights if lt[0] != Light.GREY]
    if not known:
        return Light.GREY, None
    if any(lt == Light.RED for lt, _ in known):
        return Light.RED, None
    ambers = [s for lt, s in known if lt == Light.AMBER]
    if not ambers:
        return Light.GREEN, None
    if all(s == Strength.WEAK for s in ambers) and len(ambers) < 2:
        return Light.GREEN, N_("One weak hint in this area; shown as a note, not a colour.")
    return Light.AMBER, None


def combine(
    items: list[LightInput],
    o2o_chats_with_owner: int,
    days: float,
    min_chats: int = 10,
    min_days: float = 14,
    tool_rules: tuple[str, ...] | list[str] = (),
) -> Combined:
    """tool_rules: rules whose finding says the number looks driven by an unofficial tool
    (trigger "tool"); the overall sentence then says so in plain words."""
    points = {i.rule: points_of(i) for i in items}
    total = round(sum(points.values()), 2)
    families = {}
    fam_points: dict[str, float] = {}
    for fam in FAMILIES:
        members = [i for i in items if i.family == fam]
        light, note = family_light(members)
        fp = round(sum(points[i.rule] for i in members), 2)
        fam_points[fam] = fp
        families[fam] = (light, fp, [i.rule for i in members], note)
    strong_red = [
        i.rule for i in items if effective_light(i) == Light.RED and i.strength == Strength.STRONG
    ]
    big_fams = [f for f, p in fam_points.items() if p >= 1.5]
    serious = [
        i.rule
        for i in items
        if effective_light(i) in (Light.AMBER, Light.RED)
        and i.strength in (Strength.STRONG, Strength.MEDIUM)
    ]
    if strong_red:
        overall = Light.RED
        key = N_("Red because of {rules}: a strong sign of bulk or automated messaging.")
        params: dict[str, Any] = {"rules": ", ".join(strong_red)}
    elif total >= 6 and len(big_fams) >= 2:
        overall = Light.RED
        key = N_("Red: several problems add up ({points} points in {families}).")
        params = {"points": total, "families": ", ".join(big_fams)}
    elif serious or total >= 2:
        overall = Light.AMBER
        key = N_("Amber: {rules} need attention ({points} points).")
        params = {"rules": ", ".join(serious) or "-", "points": total}
    else:
        overall = Light.GREEN
        key = N_("Green: no sign of bulk, automated or unwanted messaging.")
        params = {"points": total}
    if (o2o_chats_with_owner < min_chats or days < min_days) and overall == Light.RED:
        # little data, but what is there already shows a ban risk: say so, don't withhold
        key = N_(
            "Red, although little was imported (one-to-one chats: {chats}; days of history: "
            "{days}): the evidence found is already serious ({rules})."
        )
        params = {
            "chats": int(o2o_chats_with_owner),
            "days": int(days),
            "rules": ", ".join(strong_red) or ", ".join(big_fams),
        }
    elif o2o_chats_with_owner < min_chats or days < min_days:
        params = {
            "chats": int(o2o_chats_with_owner),
            "days": int(days),
            "min_chats": int(min_chats),
            "min_days": int(min_days),
            "would_be": str(overall),
        }
        overall = Light.GREY
        key = N_(
            "Not enough data for an overall light (one-to-one chats with your messages: "
            "{chats}, needed: {min_chats}; days of history: {days}, needed: {min_days}). The "
            "findings below still apply."
        )
    tool = [
        r for r in tool_rules if effective_light(_by_rule(items, r)) in (Light.AMBER, Light.RED)
    ]
    if tool and overall in (Light.AMBER, Light.RED):
        key = (
            N_(
                "Red: this looks like an unofficial automation or bulk-sending tool ({rules}), "
                "which WhatsApp bans outright. Stop using it on this number and send through "
                "the WhatsApp Business Platform with an official provider instead."
            )
            if overall == Light.RED
            else N_(
                "Amber: this looks like an unofficial automation or bulk-sending tool "
                "({rules}), which WhatsApp bans outright. Stop using it on this number and send "
                "through the WhatsApp Business Platform with an official provider instead."
            )
        )
        params = {"rules": ", ".join(tool), "points": total}
    return Combined(overall, key, params, families, points, total)


def _by_rule(items: list[LightInput], rule: str) -> LightInput:
    return next(i for i in items if i.rule == rule)
