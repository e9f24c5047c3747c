"""A realistic synthetic demo business, written as WhatsApp exports (no Qt here).

"Bloemenwinkel De Tulp", a Dutch flower shop: most customers write first and get human
answers, there is a greeting and an away message, appointment reminders with names and times,
an occasional newsletter to past customers - and some habits that WhatsApp does not like: a
monthly promotion that also reached someone who had asked to stop, a spring campaign to people
who never wrote, reminders nobody answers. The audit of it shows green, amber and red findings.

    write_demo_exports(folder) -> list[Path]   deterministic (seeded) exports
    demo_workspace(path=None) -> Path          (re)builds the demo database via the importer

`ChatFile` is the small export writer used here and by the tests' personas.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

DEMO_VERSION = "2"  # bump when the demo content changes, so demo_workspace() rebuilds
OWNER = "Bloemenwinkel De Tulp"

ENCRYPTION = {
    "nl": "Berichten en oproepen worden end-to-end versleuteld. Niemand buiten deze chat kan ze "
    "lezen of beluisteren, zelfs WhatsApp niet. Tik voor meer informatie.",
    "en": "Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
    "WhatsApp, can read or listen to them. Tap to learn more.",
    "de": "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses "
    "Chats kann sie lesen oder anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren.",
}
FILE_NAMES = {
    "nl": "WhatsApp-chat met {title}.txt",
    "en": "WhatsApp Chat with {title}.txt",
    "de": "WhatsApp Chat mit {title}.txt",
}


@dataclass
class ChatFile:
    """One chat export being written. Lines: (time, sender or None for a system line, text)."""

    title: str
    platform: str = "android"  # android | ios
    lang: str = "nl"  # nl | en | de (date layout and system phrases)
    group: bool = False
    encryption_notice: bool = True
    lines: list[tuple[datetime, str | None, str]] = field(default_factory=list)

    def add(self, ts: datetime, sender: str | None, text: str) -> None:
        self.lines.append((ts, sender, text))

    def _stamp(self, ts: datetime) -> str:
        if self.platform == "ios":
            d = {
                "nl": ts.strftime("%d-%m-%Y %H:%M:%S"),
                "en": ts.strftime("%d/%m/%Y, %H:%M:%S"),
                "de": ts.strftime("%d.%m.%y, %H:%M:%S"),
            }[self.lang]
            return f"[{d}] "
        d = {
            "nl": ts.strftime("%d-%m-%Y %H:%M"),
            "en": ts.strftime("%d/%m/%Y, %H:%M"),
            "de": ts.strftime("%d.%m.%y, %H:%M"),
        }[self.lang]
        return f"{d} - "

    def render(self) -> str:
        lines = sorted(self.lines, key=lambda x: x[0])
        out = []
        if self.encryption_notice and lines:
            first = lines[0][0] - timedelta(minutes=1)
            lines.insert(0, (first, None, ENCRYPTION[self.lang]))
        for ts, sender, text in lines:
            if sender is None:
                if self.platform == "ios":
                    out.append(f"{self._stamp(ts)}{self.title}: \u200e{text}")
                else:
                    out.append(f"{self._stamp(ts)}{text}")
            else:
                out.append(f"{self._stamp(ts)}{sender}: {text}")
        nl = "\r\n" if self.platform == "ios" else "\n"
        return nl.join(out) + nl

    def write(self, folder: Path, index: int = 0) -> Path:
        safe = "".join(c for c in self.title if c not in '/\\:*?"<>|')
        if self.platform == "ios":
            path = folder / f"WhatsApp Chat - {safe}.zip"
            if path.exists():
                path = folder / f"WhatsApp Chat - {safe} ({index}).zip"
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                info = zipfile.ZipInfo("_chat.txt", date_time=(2026, 1, 1, 0, 0, 0))
                zf.writestr(info, self.render().encode("utf-8"))
            path.write_bytes(buf.getvalue())
            return path
        path = folder / FILE_NAMES[self.lang].format(title=safe)
        if path.exists():
            path = path.with_name(path.stem + f" ({index}).txt")
        path.write_text(self.render(), encoding="utf-8", newline="")
        return path


# --- the demo business -------------------------------------------------------------------------

FIRST = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanneke",
    "Iris",
    "Jeroen",
    "Kim",
    "Lars",
    "Marieke",
    "Niels",
    "Olga",
    "Pieter",
    "Quinten",
    "Roos",
    "Sanne",
    "Thijs",
    "Ursula",
    "Vera",
    "Willem",
    "Yvonne",
    "Zoë",
    "Bas",
    "Femke",
    "Joost",
    "Lotte",
    "Mark",
    "Noor",
    "Ruben",
    "Sophie",
    "Tim",
    "Wendy",
    "Koen",
    "Esther",
    "Hugo",
    "Ilse",
    "Maarten",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "Vermeulen",
    "van den Berg",
]
ASKS = [
    "Hoi! Hebben jullie nog pioenrozen op voorraad?",
    "Goedemorgen, kan ik een boeket bestellen voor zaterdag?",
    "Hallo, wat kost een rouwstuk ongeveer?",
    "Hoi, bezorgen jullie ook in Amersfoort?",
    "Hallo! Ik wil graag een verjaardagsboeket laten bezorgen bij mijn moeder.",
    "Zijn jullie morgen open? Ik wil even langskomen.",
    "Hoi, kunnen jullie een bruidsboeket maken in wit en groen?",
    "Goedemiddag, is mijn bestelling van gisteren al onderweg?",
    "Hallo, ik zoek een mooie orchidee als cadeau. Wat raden jullie aan?",
    "Hoi! Kan ik het boeket ook zelf ophalen?",
]
ANSWERS = [
    "Hoi {name}! Ja hoor, we hebben vandaag verse pioenrozen binnen. Zal ik er een paar apart "
    "leggen?",
    "Goedemorgen {name}, dat kan zeker. Welke kleuren vind je mooi en wat is je budget?",
    "Hallo {name}, een rouwstuk begint bij ongeveer 45 euro. Ik stuur je zo wat voorbeelden.",
    "Hoi {name}, ja, we bezorgen in Amersfoort en omgeving voor 6,50.",
    "Wat leuk! Wat is het adres en welke dag moet het bezorgd worden?",
    "We zijn morgen open van 9 tot 18 uur. Tot morgen!",
    "Zeker, dat maken we vaker. Zullen we even bellen om het te bespreken?",
    "Ik heb het even nagekeken: de bezorger is vanmiddag bij je.",
    "Een Phalaenopsis in een mooie pot doet het altijd goed, vanaf 24,95.",
    "Ja natuurlijk, je kunt het vanaf 10 uur ophalen in de winkel.",
]
FOLLOW_IN = [
    "Super, dank je!",
    "Top, dan doe ik dat.",
    "Prima, tot zaterdag!",
    "Dank je wel!",
    "Oké, ik kom morgen langs.",
    "Heel fijn, bedankt voor de snelle reactie.",
]
FOLLOW_OUT = [
    "Graag gedaan {name}, tot snel!",
    "Fijn, we zetten het klaar.",
    "Top, dan noteer ik het zo.",
    "Bedankt, fijne dag nog!",
]
GREETING = (
    "Welkom bij Bloemenwinkel De Tulp! Bedankt voor je bericht. We reageren zo snel "
    "mogelijk, meestal binnen een uur."
)
AWAY = (
    "Bedankt voor je bericht! De winkel is nu gesloten. We zijn open di t/m za van 9:00 tot "
    "18:00 en reageren morgen zo snel mogelijk."
)
NEWSLETTER = [
    "Hoi! Deze maand bij De Tulp: verse tulpen uit eigen kweek. Kom gerust langs in de winkel.",
    "Goed nieuws: vanaf nu bezorgen we ook op zondag in Utrecht en omgeving.",
    "Moederdag komt eraan! Bestel op tijd: we nemen bestellingen aan tot donderdag.",
]
PROMO = [
    "Voorjaarsactie! 25% korting op alle boeketten, alleen dit weekend. Bestel nu via "
    "www.detulp.nl/actie",
    "Laatste kans: gratis bezorging en 20% korting op plantenpakketten. Bestel nu op www.detulp.nl",
]
COLD = [
    "Hallo! Wij zijn Bloemenwinkel De Tulp uit Utrecht. Nu 25% korting op je eerste boeket, "
    "bestel via www.detulp.nl/welkom",
    "Hoi daar! Bloemenwinkel De Tulp heeft een voorjaarsactie: 25% korting op je eerste "
    "boeket. Bestel via www.detulp.nl/welkom",
]
REMINDER = "Hoi {name}, een herinnering: je afspraak voor het bruidsboeket is op {day} om {time}."


def _demo_chats(rng: random.Random) -> list[ChatFile]:
    start = datetime(2026, 6, 1, 9, 0)
    days = 150
    chats: list[ChatFile] = []
    people = [f"{f} {ln}" for f in FIRST for ln in LAST]
    rng.shuffle(people)
    regulars: list[tuple[ChatFile, str]] = []
    # 1) customers who write first, human answers (greeting/away where it applies)
    for i in range(70):
        name = people[i]
        ios = i % 7 == 0
        chat = ChatFile(title=name, platform="ios" if ios else "android")
        first = name.split()[0]
        day = start + timedelta(days=rng.randrange(0, days - 20))
        for conv in range(rng.randint(1, 4)):
            t = day + timedelta(days=conv * rng.randint(10, 30))
            t = t.replace(
                hour=rng.choice([8, 10, 11, 13, 15, 16, 19, 21]),
                minute=rng.randrange(60),
                second=rng.randrange(60),
            )
            if t > start + timedelta(days=days):
                break
            chat.add(t, name, rng.choice(ASKS))
            closed = t.hour < 9 or t.hour >= 18
            if conv == 0 and not closed:
                chat.add(t + timedelta(seconds=rng.randint(2, 20)), OWNER, GREETING)
            if closed:
                chat.add(t + timedelta(seconds=rng.randint(2, 20)), OWNER, AWAY)
                t = t.replace(hour=9, minute=rng.randrange(5, 50)) + timedelta(days=1)
            t = t + timedelta(minutes=rng.randint(4, 90), seconds=rng.randrange(60))
            chat.add(t, OWNER, rng.choice(ANSWERS).format(name=first))
            t += timedelta(minutes=rng.randint(2, 40), seconds=rng.randrange(60))
            chat.add(t, name, rng.choice(FOLLOW_IN))
            if rng.random() < 0.6:
                t += timedelta(minutes=rng.randint(1, 20), seconds=rng.randrange(60))
                chat.add(t, OWNER, rng.choice(FOLLOW_OUT).format(name=first))
        chats.append(chat)
        regulars.append((chat, name))
    # 2) appointment reminders with names and times (utility, answered)
    for chat, name in regulars[:12]:
        last = max(x[0] for x in chat.lines)
        t = last + timedelta(days=rng.randint(3, 9))
        t = t.replace(hour=10, minute=rng.randrange(60))
        if t < start + timedelta(days=days):
            when = t + timedelta(days=2)
            chat.add(
                t,
                OWNER,
                REMINDER.format(
                    name=name.split()[0],
                    day=when.strftime("%d-%m"),
                    time=f"{rng.randint(9, 16)}:{rng.choice(['00', '30'])}",
                ),
            )
            chat.add(t + timedelta(minutes=rng.randint(5, 200)), name, "Dank je, ik kom!")
    # 3) a monthly newsletter to past customers (warm), sent through a broadcast list whose own
    #    chat was exported too (every message in it reached the list's 45 recipients)
    blist = ChatFile(title="Nieuwsbrief klanten", encryption_notice=False)
    t0 = start + timedelta(days=20)
    blist.add(t0, None, "Je hebt een verzendlijst met 45 ontvangers gemaakt")
    blist.add(
        t0 + timedelta(seconds=1),
        None,
        "Berichten aan deze verzendlijst zijn end-to-end versleuteld.",
    )
    chats.append(blist)
    for k, text in enumerate(NEWSLETTER):
        t = start + timedelta(days=30 * (k + 1) + 2, hours=2, minutes=7)
        blist.add(t, OWNER, text)
        for chat, name in regulars[:45]:
            if min(x[0] for x in chat.lines) > t:
                continue  # only people who already were customers
            chat.add(t + timedelta(seconds=rng.randint(0, 50)), OWNER, text)
            if rng.random() < 0.3:
                chat.add(t + timedelta(hours=rng.randint(1, 30)), name, "Leuk, dank je!")
    # 4) two promotions to the same list; one customer had asked to stop (R11 red)
    stopper_chat, stopper = regulars[3]
    t_stop = start + timedelta(days=70, hours=5)
    stopper_chat.add(t_stop, stopper, "STOP")
    stopper_chat.add(
        t_stop + timedelta(minutes=20), OWNER, "Oké, we sturen je geen nieuwsbrief meer."
    )
    for k, text in enumerate(PROMO):
        t = start + timedelta(days=95 + 21 * k, hours=8, minutes=31)
        for chat, name in regulars[:60]:
            if min(x[0] for x in chat.lines) > t:
                continue
            chat.add(t + timedelta(seconds=rng.randint(0, 50)), OWNER, text)
            if rng.random() < 0.15:
                chat.add(t + timedelta(hours=rng.randint(1, 20)), name, "Ik kom even kijken!")
    # 5) a "spring campaign" to bought numbers: cold, mostly unanswered (R09 / R01)
    t = start + timedelta(days=120, hours=10)
    for i in range(24):
        num = f"+31 6 {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        chat = ChatFile(title=num)
        chat.add(t + timedelta(minutes=2 * i), OWNER, COLD[i % 2])
        if i % 8 == 0:
            chat.add(t + timedelta(hours=3 + i), num, "Wie is dit? Hoe komt u aan mijn nummer?")
        elif i % 5 == 0:
            chat.add(t + timedelta(hours=2), num, "Misschien, wat kost een boeket?")
            chat.add(t + timedelta(hours=2, minutes=15), OWNER, "Vanaf 19,95 met bezorging!")
        chats.append(chat)
    # 6) follow-ups nobody answers: quotes for weddings (R10 amber)
    for j in range(4):
        name = people[200 + j]
        chat = ChatFile(title=name)
        t = start + timedelta(days=40 + 7 * j, hours=3)
        chat.add(
            t, name, "Hallo, kunnen jullie een offerte maken voor de bloemen van onze bruiloft?"
        )
        chat.add(t + timedelta(minutes=35), OWNER, "Zeker! Ik stuur je morgen een offerte.")
        for d in (1, 4, 8, 13):
            chat.add(
                t + timedelta(days=d, hours=1),
                OWNER,
                f"Hoi {name.split()[0]}, heb je de offerte al kunnen bekijken? Laat gerust "
                "weten als je vragen hebt.",
            )
        chats.append(chat)
    # 7) a small customers' group (workshop), the owner adds a few people
    grp = ChatFile(title="Workshop bloemschikken", group=True)
    t = start + timedelta(days=50, hours=1)
    grp.add(t, None, 'Je hebt groep "Workshop bloemschikken" gemaakt')
    members = [people[300 + k] for k in range(8)]
    grp.add(t + timedelta(minutes=1), None, f"Je hebt {', '.join(members[:4])} toegevoegd")
    grp.add(t + timedelta(minutes=2), None, f"Je hebt {', '.join(members[4:])} toegevoegd")
    grp.add(t + timedelta(minutes=5), OWNER, "Welkom allemaal! Zaterdag om 10 uur beginnen we.")
    for k, mbr in enumerate(members[:5]):
        grp.add(t + timedelta(hours=1 + k), mbr, "Leuk, ik heb er zin in!")
    chats.append(grp)
    return chats


def write_demo_exports(folder: Path) -> list[Path]:
    """Write the demo shop's exports into `folder` (created); deterministic. Returns the files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20260601)
    paths = []
    for i, chat in enumerate(_demo_chats(rng)):
        paths.append(chat.write(folder, i))
    return paths


def demo_workspace(path: Path | None = None) -> Path:
    """The demo database, (re)built via the importer when missing or from an older demo."""
    import tempfile

    from wa_audit.importer import import_paths
    from wa_audit.store.db import get_setting, open_db, set_setting, user_data_dir

    path = Path(path) if path else user_data_dir() / "demo" / "demo.wa-audit.db"
    if path.exists():
        db = open_db(path)
        try:
            if get_setting(db, "demo_version") == DEMO_VERSION:
                return path
        finally:
            db.close()
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        files = write_demo_exports(Path(tmp))
        gen = import_paths(files, path, owner=OWNER)
        try:
            while True:
                next(gen)
        except StopIteration:
            pass
    db = open_db(path)
    try:
        set_setting(db, "demo_version", DEMO_VERSION)
        set_setting(db, "owner_country", "NL")
    finally:
        db.close()
    return path
