"""A consultant-sized workspace for benchmarks/bench_gui_scale.py: 10,000 chats, ~1M messages.

    .venv/bin/python benchmarks/gui_workspace.py OUT.db [--chats 10000] [--messages 1000000]

Writes Android exports (one per chat) with text as varied as real shop chats - words drawn
from a Zipf-distributed vocabulary of Dutch, English and German shop talk plus made-up product
names, prices, times and typos, so no two chats read alike and search terms have a realistic
long-tail frequency - and imports them with the real importer. The owner also sends 24 broadcast
campaigns of 2,000 recipients each (the same promotion within two hours), so the audit has
findings with thousands of evidence messages.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

OWNER = "Webshop Noord"
GREET = ["Hoi", "Hallo", "Hi", "Goedemorgen", "Hey", "Guten Tag", "Hello", "Dag", "Moin", "Hee"]
WORDS = [
    "ik",
    "je",
    "de",
    "het",
    "een",
    "en",
    "van",
    "is",
    "dat",
    "niet",
    "op",
    "te",
    "met",
    "voor",
    "zijn",
    "er",
    "maar",
    "ook",
    "nog",
    "wel",
    "als",
    "bij",
    "kan",
    "wil",
    "graag",
    "bestelling",
    "levering",
    "pakket",
    "shop",
    "winkel",
    "prijs",
    "korting",
    "maat",
    "kleur",
    "retour",
    "factuur",
    "vandaag",
    "morgen",
    "zaterdag",
    "week",
    "betaald",
    "verzonden",
    "track",
    "code",
    "adres",
    "postcode",
    "dank",
    "bedankt",
    "vraag",
    "antwoord",
    "klopt",
    "probleem",
    "kapot",
    "ruilen",
    "terug",
    "geld",
    "iban",
    "tikkie",
    "order",
    "nummer",
    "klaar",
    "the",
    "order",
    "shop",
    "delivery",
    "price",
    "size",
    "please",
    "thanks",
    "when",
    "where",
    "what",
    "can",
    "you",
    "send",
    "today",
    "tomorrow",
    "parcel",
    "tracking",
    "refund",
    "invoice",
    "colour",
    "stock",
    "available",
    "discount",
    "sale",
    "weekend",
    "ich",
    "die",
    "der",
    "und",
    "bitte",
    "danke",
    "bestellung",
    "lieferung",
    "paket",
    "preis",
    "größe",
    "farbe",
    "rechnung",
    "heute",
    "morgen",
    "wann",
    "wo",
    "kann",
    "versand",
    "rücksendung",
    "gutschein",
    "angebot",
    "verfügbar",
]
PRODUCTS = [
    f"{a} {b}"
    for a in ("linnen", "wollen", "katoenen", "leren", "zijden", "denim", "bamboe", "eco")
    for b in ("tas", "jas", "sjaal", "trui", "broek", "muts", "riem", "jurk", "schort", "kussen")
]
PROMOS = [
    "🎉 {n}% korting op alle {p}en dit weekend! Bestel via onze shop, code NOORD{n}.",
    "Nieuw binnen: {p} in {k} kleuren. Alleen deze week gratis verzending in de shop.",
    "Black week bij Webshop Noord: {p} nu €{e},95. Op = op!",
]


def _vocabulary(rnd: random.Random, size: int = 6000) -> list[str]:
    syll = "ba be bo ka ke ko la le lo ma me mo na ne no ra re ro sa se so ta te to va ve vo"
    parts = syll.split()
    made = {"".join(rnd.choice(parts) for _ in range(rnd.randint(2, 4))) for _ in range(size)}
    return WORDS + sorted(made)


def _sentence(rnd: random.Random, vocab: list[str], weights: list[float]) -> str:
    kind = rnd.random()
    if kind < 0.05:
        return "<Media omitted>"
    if kind < 0.12:
        return rnd.choice(GREET) + rnd.choice(["!", " 😊", ",", "", "!!"])
    if kind < 0.25:
        return (
            f"{rnd.choice(GREET)}, is de {rnd.choice(PRODUCTS)} in maat "
            f"{rnd.choice('SMLX')} nog op voorraad? Order {rnd.randint(10000, 99999)}"
        )
    if kind < 0.32:
        return f"Dat is €{rnd.randint(5, 300)},{rnd.randint(0, 99):02d} incl verzending"
    n = rnd.randint(2, 24)
    words = rnd.choices(vocab, weights=weights, k=n)
    text = " ".join(words)
    if rnd.random() < 0.2:
        text += f" om {rnd.randint(8, 21)}:{rnd.choice(['00', '15', '30', '45'])}"
    if rnd.random() < 0.1:
        text += "\n" + " ".join(rnd.choices(vocab, weights=weights, k=rnd.randint(2, 9)))
    return text[0].upper() + text[1:] + rnd.choice([".", "?", "!", "", " 👍", " 🙏"])


def write_exports(folder: Path, chats: int, messages: int, seed: int = 7) -> list[Path]:
    rnd = random.Random(seed)
    vocab = _vocabulary(rnd)
    weights = [1.0 / (i + 1) ** 1.05 for i in range(len(vocab))]
    start = datetime(2024, 1, 8, 9, 0)
    campaigns = []
    for c in range(24):
        when = start + timedelta(days=14 * c + rnd.randint(0, 6), hours=rnd.randint(0, 8))
        text = rnd.choice(PROMOS).format(
            n=rnd.choice([10, 15, 20, 25, 30]), p=rnd.choice(PRODUCTS), k=rnd.randint(3, 9),
            e=rnd.randint(9, 99),
        )  # fmt: skip
        campaigns.append((when, text, set(rnd.sample(range(chats), min(2000, chats)))))
    per_chat = [max(4, int(rnd.paretovariate(1.6) * 45)) for _ in range(chats)]
    scale = (messages - 24 * min(2000, chats)) / sum(per_chat)
    per_chat = [max(4, int(n * scale)) for n in per_chat]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(chats):
        customer = (
            f"{rnd.choice(['Anna', 'Bas', 'Chris', 'Dana', 'Eva', 'Femke', 'Jan', 'Lena'])} {i:05d}"
        )
        t = start + timedelta(minutes=rnd.randint(0, 60 * 24 * 300))
        events = []
        for _ in range(per_chat[i]):
            t += timedelta(seconds=int(rnd.expovariate(1 / 3600)) + 5)
            who = OWNER if rnd.random() < 0.45 else customer
            events.append((t, who, _sentence(rnd, vocab, weights)))
        for when, text, targets in campaigns:
            if i in targets:
                events.append((when + timedelta(seconds=rnd.randint(0, 7000)), OWNER, text))
        events.sort(key=lambda e: e[0])
        first = events[0][0]
        path = folder / f"WhatsApp Chat with {customer}.txt"
        with path.open("w", encoding="utf-8") as f:
            f.write(
                f"{first:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted. No one "
                "outside of this chat, not even WhatsApp, can read or listen to them. Tap to "
                "learn more.\n"
            )
            for when, who, text in events:
                f.write(f"{when:%d/%m/%Y, %H:%M} - {who}: {text}\n")
        paths.append(path)
    return paths


def build(db_path: Path, chats: int, messages: int) -> None:
    from wa_audit.importer import import_paths
    from wa_audit.store.db import open_db, set_setting

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        folder = Path(tmp) / "exports"
        write_exports(folder, chats, messages)
        print(f"exports written in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        t0 = time.perf_counter()
        gen = import_paths([str(folder)], str(db_path), owner=OWNER)
        try:
            while True:
                next(gen)
        except StopIteration as stop:
            summary = stop.value
        print(
            f"imported {len(summary.files)} files in {time.perf_counter() - t0:.0f} s",
            file=sys.stderr,
        )
    db = open_db(db_path)
    set_setting(db, "owner", OWNER)
    set_setting(db, "owner_confirmed", "1")
    set_setting(db, "workspace_name", "Webshop Noord (1M)")
    print(db.execute("SELECT count(*) FROM messages").fetchone()[0], "messages")
    db.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--chats", type=int, default=10_000)
    ap.add_argument("--messages", type=int, default=1_000_000)
    a = ap.parse_args()
    build(Path(a.out), a.chats, a.messages)


if __name__ == "__main__":
    main()
