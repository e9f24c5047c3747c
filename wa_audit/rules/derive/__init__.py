"""Derived concepts shared by the rules (HEURISTICS.md §1), computed once per audit.

The package is a small house, one concept per module:
    conversation  reply vs business-initiated (the one definition), chat-order index helpers
    windows       time constants and rolling-window counts
    text          text normalisation and name masking for near-duplicate detection
    clusters      near-duplicate clusters (exact, fuzzy inside blocks, min-hash for spun texts)
    campaigns     campaigns (a cluster over time) and fan-outs (one text to many chats at once)
    automation    allowed automation (greeting, away, quick replies) versus bots
    optouts       the first opt-out of each chat
    context       `AuditContext`: the messages frame with base columns, the rest computed lazily

Import what you need from its module (`from wa_audit.rules.derive.context import ...`); this
file imports nothing, so the charts can use `conversation` without loading pandas.
"""
