"""Report wording kept as data (msgids; translated at render time with `_()`)."""

from __future__ import annotations

from wa_audit.i18n import N_

# The WhatsApp rule each check maps to (HEURISTICS.md, "Maps to"), in words for a shop owner.
MAPS_TO = {
    "R01": N_(
        "WhatsApp Terms of Service: no bulk messaging; Business Messaging Policy: only message people who opted in."
    ),
    "R02": N_(
        "Broadcast list rules (at most 256 recipients who saved your number) and WhatsApp's monthly broadcast limits."
    ),
    "R03": N_(
        "WhatsApp Terms of Service: no bulk messaging; the Platform's messaging limits for new businesses."
    ),
    "R04": N_("WhatsApp Terms of Service: no automated or bulk messaging."),
    "R05": N_(
        "WhatsApp Terms of Service: no automated messaging (sending faster or more regularly than a person can)."
    ),
    "R06": N_(
        "WhatsApp Terms of Service: no automated messaging; only greeting and away messages and quick replies are allowed in the app."
    ),
    "R07": N_(
        "WhatsApp Terms of Service: no automated messaging; chatbots only on the WhatsApp Business Platform."
    ),
    "R08": N_("WhatsApp Terms of Service: no automated or bulk messaging."),
    "R09": N_(
        "Business Messaging Policy: contact only people who gave you their number and agreed to hear from you."
    ),
    "R10": N_("WhatsApp's limit on unanswered messages and its enforcement on blocks and reports."),
    "R11": N_(
        "Business Messaging Policy: respect every request to stop; Dutch Telecommunicatiewet 11.7 and German UWG §7 require consent for promotions."
    ),
    "R12": N_("WhatsApp's enforcement on negative feedback: blocks and spam reports by customers."),
    "R13": N_(
        "Business Messaging Policy: marketing needs opt-in and belongs in marketing templates."
    ),
    "R14": N_(
        "WhatsApp's rules against misleading links; shortened links are not accepted in Platform templates."
    ),
    "R15": N_("Courtesy and quality: messages at night are blocked and reported more often."),
    "R16": N_(
        "WhatsApp's rules for groups: ask before adding people, never re-add someone who left."
    ),
    "R17": N_("WhatsApp bans new numbers that send high volume right away."),
    "R18": N_(
        "Business Messaging Policy and Commerce Policy: goods and services businesses may not sell on WhatsApp."
    ),
    "R19": N_("Context only: blocks you made and notices from WhatsApp."),
}

FAMILIES = {
    "BULK": N_("Bulk messaging"),
    "AUTO": N_("Automation"),
    "CONSENT": N_("Consent and unwanted messages"),
    "CONTENT": N_("Content"),
    "GROUPS": N_("Groups"),
    "CONTEXT": N_("Context"),
}

LIGHTS = {  # the app's status words (ui/presenter.py LIGHT_WORDS): one set in app and report
    "green": N_("OK"),
    "amber": N_("Review"),
    "red": N_("Fix first"),
    "grey": N_("Not enough data"),
    "error": N_("Could not check"),
    "explained": N_("Explained"),
}

OVERALL_SENTENCE = {
    "green": N_("No sign of bulk, automated or unsolicited messaging was found."),
    "amber": N_("Some of your messaging looks risky to WhatsApp. Review the findings below."),
    "red": N_(
        "Your messaging shows patterns WhatsApp bans numbers for. Fix the red findings first."
    ),
    "grey": N_(
        "There was not enough data for an overall verdict; the individual findings still apply."
    ),
    "error": N_("The audit could not be completed."),
}

LIMITS = [
    N_(
        "Blocks and spam reports by customers are not visible in chat exports; WhatsApp counts them, this audit cannot."
    ),
    N_(
        "Only the chats that were exported and imported were checked. Bulk and broadcast rules are only as complete as the chats you imported."
    ),
    N_(
        "A chat export holds at most about 40,000 messages (10,000 with media); older messages may be missing from long chats."
    ),
    N_(
        "Whether a message in a one-to-one chat was sent through a broadcast list cannot be seen, unless the broadcast list itself was exported."
    ),
    N_(
        "Timestamps without seconds (many Android exports) make some timing checks impossible; they are shown as not computable."
    ),
    N_(
        "This audit is a heuristic check, not a decision by WhatsApp. WhatsApp can decide differently."
    ),
]

METHOD = [
    N_(
        "Outbound messages sent within 24 hours after the customer's latest message count as replies. All other outbound messages are business-initiated; only these count for bulk, volume, cold-outreach and night checks."
    ),
    N_(
        "Texts are compared after masking names, numbers and links, so personalised copies of one message count as the same message."
    ),
    N_(
        "Each check gives green, amber or red. Strong checks can make the overall light red on their own; weak checks are hints and never make anything red alone."
    ),
    N_(
        "Greeting and away messages and quick replies are the automation WhatsApp allows in the Business app; they are recognised and not counted as automation."
    ),
    N_(
        "The same data always gives the same result: the audit date is the newest message, not today's date."
    ),
]


def safe_format(template: str, params: dict) -> str:
    """str.format that leaves unknown {fields} as they are (a translation may lag a rule)."""

    class Missing(dict):
        def __missing__(self, k: str) -> str:
            return "{" + k + "}"

    try:
        return template.format_map(Missing(params))
    except (ValueError, IndexError):
        return template
