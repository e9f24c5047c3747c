"""Draft WhatsApp Business Platform templates from recurring business-initiated texts.

1. Take business-initiated text messages in one-to-one chats (exports.traffic).
2. Normalise (names, numbers, links masked) and group identical normalised texts; merge groups
   that are near-duplicates (token-set similarity >= 90, rapidfuzz).
3. Keep clusters that reached >= 2 chats; align their raw texts word by word and turn the parts
   that differ into {{1}}, {{2}}... variables, as WhatsApp Manager expects.
4. Guess the category (marketing / utility) from word lists, count messages per month.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from wa_audit.exports.phrases import PROMO_WORDS, UTILITY_WORDS
from wa_audit.i18n import N_, _

URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
NUM_RE = re.compile(r"[\d][\d.,:/\-]*")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")
MIN_CHARS, MIN_WORDS, MIN_CHATS = 20, 4, 2
SAMPLE = 30
MAX_SEEDS = 2000
MAX_SINGLES = 5000

HEADERS = [
    N_("Template name"),
    N_("Category"),
    N_("Language"),
    N_("Body"),
    N_("Example values"),
    N_("Messages"),
    N_("Chats"),
    N_("Messages per month"),
    N_("First sent"),
    N_("Last sent"),
]
CATEGORY_LABELS = {"marketing": N_("Marketing"), "utility": N_("Utility")}

_LANG_WORDS = {
    "nl": {"je", "jij", "u", "uw", "de", "het", "een", "van", "is", "voor", "met", "niet", "en", "we", "wij",
           "deze", "op", "bij", "jullie", "onze", "nog", "ook", "bestel", "korting", "hoi"},
    "de": {"du", "sie", "ihr", "der", "die", "das", "ein", "eine", "und", "ist", "für", "mit", "nicht", "wir",
           "diese", "auf", "bei", "unsere", "jetzt", "noch", "auch", "bestellen", "rabatt"},
    "en": {"you", "your", "the", "a", "an", "and", "is", "for", "with", "not", "we", "our", "to"},
}  # fmt: skip


@dataclass
class DraftTemplate:
    name: str
    category: str  # marketing | utility
    language: str  # en | nl | de
    body: str  # with {{1}}-style variables
    examples: list[str]  # one example value per variable
    messages: int
    chats: int
    per_month: dict[str, int]
    monthly_average: float
    first_sent: str
    last_sent: str
    msg_ids: list[int] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "category": self.category,
            "language": self.language,
            "body": self.body,
            "variables": [{"index": i + 1, "example": e} for i, e in enumerate(self.examples)],
            "messages": self.messages,
            "chats": self.chats,
            "messages_per_month": self.per_month,
            "monthly_average": round(self.monthly_average, 1),
            "first_sent": self.first_sent,
            "last_sent": self.last_sent,
        }


def normalise(text: str, names: list[str] = ()) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    t = URL_RE.sub(" <url> ", t)
    t = EMAIL_RE.sub(" <num> ", t)
    t = NUM_RE.sub(" <num> ", t)
    for n in names:
        if len(n) >= 3:
            t = re.sub(r"(?<!\w)" + re.escape(n.casefold()) + r"(?!\w)", " <name> ", t)
    t = re.sub(r"[^\w<>\s]", " ", t)
    return " ".join(t.split())


def guess_category(text: str) -> str:
    t = text.casefold()
    promo = sum(1 for w in PROMO_WORDS if w in t) + (1 if "%" in t else 0)
    util = sum(1 for w in UTILITY_WORDS if re.search(r"(?<!\w)" + re.escape(w), t))
    # Meta treats anything promotional as marketing, even inside an order update.
    return "utility" if util and not promo else "marketing"


def guess_language(text: str, default: str = "en") -> str:
    words = set(re.findall(r"\w+", text.casefold()))
    scores = {lang: len(words & vocab) for lang, vocab in _LANG_WORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else default


def build_template(texts: list[str]) -> tuple[str, list[str]]:
    """Align texts token by token; parts that differ become {{n}}. Returns (body, examples)."""
    base = TOKEN_RE.findall(texts[0])
    variable = [False] * len(base)
    for other in texts[1:SAMPLE]:
        toks = TOKEN_RE.findall(other)
        sm = difflib.SequenceMatcher(a=base, b=toks, autojunk=False)
        same = [False] * len(base)
        for block in sm.get_matching_blocks():
            for i in range(block.a, block.a + block.size):
                same[i] = True
        for i, s in enumerate(same):
            if not s and base[i].strip():
                variable[i] = True
    # Numbers and links always vary in real use (order numbers, dates, tracking links).
    for i, tok in enumerate(base):
        if NUM_RE.fullmatch(tok) or URL_RE.fullmatch(tok):
            variable[i] = True
    out: list[str] = []
    examples: list[str] = []
    i = 0
    while i < len(base):
        if not variable[i]:
            out.append(base[i].replace("{{", "{ {"))
            i += 1
            continue
        j = i
        # A variable run continues over whitespace and punctuation glued between variable words.
        while j + 1 < len(base) and (
            variable[j + 1] or (j + 2 < len(base) and not base[j + 1].strip() and variable[j + 2])
        ):
            j += 1
        examples.append("".join(base[i : j + 1]))
        out.append("{{" + str(len(examples)) + "}}")
        i = j + 1
    return "".join(out).strip(), examples


def _slug(body: str, taken: set[str]) -> str:
    words = [w for w in re.findall(r"[a-z]+", _ascii(body.casefold())) if len(w) > 2][:3]
    base = "_".join(words) or "template"
    name, k = base, 2
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    taken.add(name)
    return name


def _ascii(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def draft_templates(
    db, owner: str | None = None, default_lang: str = "en", traffic=None
) -> list[DraftTemplate]:
    """traffic: an exports.traffic.Traffic already computed (saves one pass over the data)."""
    from wa_audit.exports.traffic import Traffic
    from wa_audit.store.db import OWNER, get_setting

    owner = owner if owner is not None else get_setting(db, OWNER)
    traffic = traffic or Traffic(db, owner)
    titles = {cid: (t or "") for cid, t in db.execute("SELECT id, title FROM chats")}
    groups: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    months = traffic.months
    seen: dict[str, str] = {}
    for msg_id, chat_id, ts, text in traffic.bi_texts:
        if len(text) < MIN_CHARS:
            continue
        title = titles.get(chat_id, "")
        # Same text + same chat name gives the same key: normalise each pair once.
        cache_key = title + "\x00" + text
        key = seen.get(cache_key)
        if key is None:
            key = seen[cache_key] = normalise(text, [title, *title.split()])
        if len(key.split()) < MIN_WORDS:
            continue
        groups[key].append((msg_id, chat_id, ts, text))
    # Seeds: texts sent more than once; a text sent once only joins an existing cluster.
    seeds = sorted((k for k, v in groups.items() if len(v) >= 2), key=lambda k: -len(groups[k]))
    singles = [k for k, v in groups.items() if len(v) == 1][:MAX_SINGLES]
    clusters = _merge(seeds, singles, groups)
    n_months = max(len(_month_span(months)), 1)
    out: list[DraftTemplate] = []
    taken: set[str] = set()
    for members in clusters:
        chats = {c for _m, c, _t, _x in members}
        if len(chats) < MIN_CHATS:
            continue
        members.sort(key=lambda r: r[2])
        texts = [x for _m, _c, _t, x in members]
        common = Counter(texts).most_common(1)[0][0]
        body, examples = build_template([common, *[t for t in texts if t != common]])
        per_month = Counter(t[:7] for _m, _c, t, _x in members)
        out.append(
            DraftTemplate(
                name=_slug(body, taken),
                category=guess_category(common),
                language=guess_language(common, default_lang),
                body=body,
                examples=examples,
                messages=len(members),
                chats=len(chats),
                per_month=dict(sorted(per_month.items())),
                monthly_average=len(members) / n_months,
                first_sent=members[0][2],
                last_sent=members[-1][2],
                msg_ids=[m for m, _c, _t, _x in members[:50]],
            )
        )
    out.sort(key=lambda d: -d.messages)
    return out


def _merge(seeds: list[str], singles: list[str], groups: dict) -> list[list]:
    """Greedy near-duplicate merge of the biggest groups (bounded, so it stays fast)."""
    from rapidfuzz import fuzz, process

    reps: list[str] = []
    clusters: list[list] = []
    for key in seeds[:MAX_SEEDS]:
        hit = process.extractOne(key, reps, scorer=fuzz.token_set_ratio, score_cutoff=90)
        if hit is not None and _close_length(key, reps[hit[2]]):
            clusters[hit[2]].extend(groups[key])
        else:
            reps.append(key)
            clusters.append(list(groups[key]))
    if reps:
        for key in singles:
            hit = process.extractOne(key, reps, scorer=fuzz.token_set_ratio, score_cutoff=90)
            if hit is not None and _close_length(key, reps[hit[2]]):
                clusters[hit[2]].extend(groups[key])
    return clusters


def _close_length(a: str, b: str) -> bool:
    # token_set_ratio says 100 when one text contains the other; don't merge a short text into
    # a long one.
    la, lb = len(a.split()), len(b.split())
    return min(la, lb) >= 0.7 * max(la, lb)


def _month_span(months: set[str]) -> list[str]:
    if not months:
        return []
    lo, hi = min(months), max(months)
    y, m = int(lo[:4]), int(lo[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= hi:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def template_rows(drafts: list[DraftTemplate], pseudo=None) -> list[list]:
    def t(x: str) -> str:
        return pseudo.text(x) if pseudo else x

    def label(x: str) -> str:  # the name is a slug of the body: it may hold a name too
        return pseudo.label(x) if pseudo else x

    return [
        [
            label(d.name),
            _(CATEGORY_LABELS[d.category]),
            d.language,
            t(d.body),
            " | ".join(t(e) for e in d.examples),
            d.messages,
            d.chats,
            round(d.monthly_average, 1),
            d.first_sent[:10],
            d.last_sent[:10],
        ]
        for d in drafts
    ]


def write_templates(
    db, path: Path | str, pseudo=None, default_lang: str = "en", *, force: bool = False
) -> int:
    """CSV or JSON by the file's suffix; returns the number of drafts. Written through
    wa_audit.outputs (never over the workspace or an input; an existing file only with force)."""
    from wa_audit.exports.csvsafe import write_csv
    from wa_audit.outputs import check_target, workspace_files, write_text

    path = Path(path)
    protected = workspace_files(db)
    check_target(path, protected=protected, force=force)
    drafts = draft_templates(db, default_lang=default_lang)
    if path.suffix.lower() == ".json":
        data = [d.as_json() for d in drafts]
        if pseudo:
            for item, d in zip(data, drafts, strict=True):
                item["name"] = pseudo.label(d.name)
                item["body"] = pseudo.text(d.body)
                for var in item["variables"]:
                    var["example"] = pseudo.text(var["example"])
        text = json.dumps({"templates": data}, ensure_ascii=False, indent=2)
        write_text(path, text, protected=protected, force=force)
    else:
        rows = template_rows(drafts, pseudo)
        write_csv(path, [_(h) for h in HEADERS], rows, protected=protected, force=force)
    return len(drafts)
