"""Word lists the exports use, from the audit's lexicons (wa_audit/data/lexicons.toml).

One home for every list: the template category guess (exports.templates) reads the same
promotional and utility words as the rules; the opt-out register uses R11's own reading
(`wa_audit.rules.lexicons.is_optout_text`).
"""

from __future__ import annotations

from wa_audit.rules.lexicons import PROMO_WORDS, UTILITY_WORDS

__all__ = ["PROMO_WORDS", "UTILITY_WORDS"]
