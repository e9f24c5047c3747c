"""The rule registry: every rule module listed by hand (no discovery, so a frozen build needs
no hidden imports). tests/rules/test_registry.py fails when a rNN_*.py module is missing here."""

from __future__ import annotations

from wa_audit.rules.base import Rule
from wa_audit.rules.r01_bulk_identical_outbound import R01BulkIdenticalOutbound
from wa_audit.rules.r02_broadcast_fanout import R02BroadcastFanout
from wa_audit.rules.r03_business_initiated_volume import R03BusinessInitiatedVolume
from wa_audit.rules.r04_personalised_fanout import R04PersonalisedFanout
from wa_audit.rules.r05_machine_timing_regularity import R05MachineTimingRegularity
from wa_audit.rules.r06_instant_replies_24_7 import R06InstantReplies247
from wa_audit.rules.r07_bot_menu_patterns import R07BotMenuPatterns
from wa_audit.rules.r08_unfilled_placeholders import R08UnfilledPlaceholders
from wa_audit.rules.r09_cold_outreach_no_reply import R09ColdOutreachNoReply
from wa_audit.rules.r10_unanswered_followups import R10UnansweredFollowups
from wa_audit.rules.r11_optout_ignored import R11OptoutIgnored
from wa_audit.rules.r12_complaint_signals import R12ComplaintSignals
from wa_audit.rules.r13_promo_density import R13PromoDensity
from wa_audit.rules.r14_link_shorteners import R14LinkShorteners
from wa_audit.rules.r15_night_sending import R15NightSending
from wa_audit.rules.r16_group_mass_add import R16GroupMassAdd
from wa_audit.rules.r17_volume_spike_new_number import R17VolumeSpikeNewNumber
from wa_audit.rules.r18_prohibited_goods import R18ProhibitedGoods
from wa_audit.rules.r19_blocked_contacts_system import R19BlockedContactsSystem

REGISTRY: list[type[Rule]] = [
    R01BulkIdenticalOutbound,
    R02BroadcastFanout,
    R03BusinessInitiatedVolume,
    R04PersonalisedFanout,
    R05MachineTimingRegularity,
    R06InstantReplies247,
    R07BotMenuPatterns,
    R08UnfilledPlaceholders,
    R09ColdOutreachNoReply,
    R10UnansweredFollowups,
    R11OptoutIgnored,
    R12ComplaintSignals,
    R13PromoDensity,
    R14LinkShorteners,
    R15NightSending,
    R16GroupMassAdd,
    R17VolumeSpikeNewNumber,
    R18ProhibitedGoods,
    R19BlockedContactsSystem,
]

RULES_BY_ID: dict[str, type[Rule]] = {r.meta.id: r for r in REGISTRY}


def meta(rule_id: str):
    return RULES_BY_ID[rule_id].meta
