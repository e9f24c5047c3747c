"""Synthetic WhatsApp exports for the benchmarks (deterministic, realistic line mix)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

TEXTS = [
    "Hoi! Is de taart voor zaterdag al klaar?",
    "Ja hoor, je kunt hem vanaf 10 uur ophalen.",
    "Super, dank je wel 😊",
    "Wat kost een slagroomtaart voor 12 personen?",
    "€ 34,50 en we bezorgen ook in de buurt.",
    "Kan ik morgen om 15:30 langskomen?",
    "Prima, tot morgen!",
    "<Media omitted>",
    "Dit is een langer bericht over de bestelling: we willen graag twee taarten,\n"
    "een met aardbeien en een met chocolade.\n\nGraag voor 14:00 klaar.",
    "Dit bericht is verwijderd",
    "Ok",
    "Kom ik om 3 uur <This message was edited>",
]


def android_export(path: Path, messages: int, seed: int = 1, owner: str = "Bakkerij Jansen",
                   customer: str = "Anna de Vries") -> Path:  # fmt: skip
    rnd = random.Random(seed)
    t = datetime(2024, 1, 1, 9, 0)
    with path.open("w", encoding="utf-8") as f:
        f.write(
            f"{t:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted. No one outside "
            "of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        )
        for _ in range(messages - 1):
            t += timedelta(seconds=rnd.randint(5, 900))
            sender = owner if rnd.random() < 0.5 else customer
            f.write(f"{t:%d/%m/%Y, %H:%M} - {sender}: {rnd.choice(TEXTS)}\n")
    return path


def chat_folder(folder: Path, chats: int, per_chat: int, owner: str = "Bakkerij Jansen"):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(chats):
        name = f"Klant {i:05d}"
        android_export(folder / f"WhatsApp Chat with {name}.txt", per_chat, seed=i, owner=owner,
                       customer=name)  # fmt: skip
    return folder
