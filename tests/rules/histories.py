"""Business histories written independently of the rule personas (tests/rules/personas*.py), as
real export files in nl/de/en, each with the rules that must be red and those that must not.

write_all(folder) -> {business: {"owner": ..., "red": [...], "not_red": [...], "not_green": [...]}}
"""

import random
from datetime import datetime, timedelta
from pathlib import Path

R = random.Random(7)
OUT = Path(".")
EXPECT: dict = {}

ENC = {
    "en": "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
    "nl": "Berichten en oproepen zijn end-to-end versleuteld. Niemand buiten deze chat, zelfs WhatsApp niet, kan ze lezen of beluisteren. Tik voor meer informatie.",
    "de": "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren.",
}
FNAME = {
    "en": "WhatsApp Chat with {}.txt",
    "nl": "WhatsApp-chat met {}.txt",
    "de": "WhatsApp Chat mit {}.txt",
}


def android(lang, t, sender, text):
    if lang == "de":
        h = t.strftime("%d.%m.%y, %H:%M")
    elif lang == "nl":
        h = t.strftime("%d-%m-%Y %H:%M")
    else:
        h = t.strftime("%d/%m/%Y, %H:%M")
    return f"{h} - {sender}: {text}" if sender else f"{h} - {text}"


def ios(lang, t, sender, text):
    return f"[{t.strftime('%d.%m.%y, %H:%M:%S')}] {sender}: {text}"


FIRST = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Iris",
    "Jeroen",
    "Kim",
    "Lars",
    "Marieke",
    "Niels",
    "Olga",
    "Pieter",
    "Roos",
    "Sanne",
    "Tom",
    "Ulla",
    "Vera",
    "Wim",
    "Yara",
    "Jonas",
    "Lena",
    "Felix",
    "Hannah",
    "Paul",
    "Sophie",
    "Tim",
    "Greta",
    "Max",
    "Nina",
    "Ali",
    "Fatma",
    "Mehmet",
    "Zeynep",
    "Piotr",
    "Agnieszka",
    "Olena",
    "Ioana",
    "Lucía",
    "Marco",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Müller",
    "Schmidt",
    "Fischer",
    "Weber",
    "Wagner",
    "Becker",
    "Yılmaz",
    "Kaya",
    "Nowak",
    "Kowalski",
    "Popescu",
    "Shevchenko",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Braun",
    "Peters",
]


def names(n):
    seen, out = set(), []
    while len(out) < n:
        nm = f"{R.choice(FIRST)} {R.choice(LAST)}"
        if nm not in seen:
            seen.add(nm)
            out.append(nm)
    return out


def write(owner, biz, files, expect):
    d = OUT / biz
    d.mkdir(parents=True, exist_ok=True)
    for fname, lines in files:
        (d / fname).write_text("\n".join(lines) + "\n", encoding="utf-8")
    EXPECT[biz] = {**expect, "owner": owner}


def write_all(folder: Path) -> dict:
    global OUT, R, EXPECT
    OUT, R = Path(folder), random.Random(7)
    EXPECT = {}
    START = datetime(2026, 8, 3, 9, 0)

    # --- A. German practice, polite patients who "melden sich" -------------------------------------
    DE_PATIENT = [
        "Guten Tag, ich hätte gern einen Termin für nächste Woche.",
        "Ich melde mich morgen wegen des Termins, ich muss erst meinen Dienstplan sehen.",
        "Ich melde mich für einen neuen Termin, sobald ich zurück bin.",
        "Danke, ich melde mich dann nochmal!",
        "Können wir den Termin am Donnerstag auf 15 Uhr verschieben?",
        "Ich habe mich gestern für den Rückenkurs angemeldet, hat das geklappt?",
        "Meine Tochter meldet sich bei Ihnen wegen der Rezeptverlängerung.",
        "Ich bin leider krank und muss absagen, ich melde mich nächste Woche.",
        "Hallo, brauche ich eine Überweisung vom Hausarzt?",
        "Super, vielen Dank für die schnelle Antwort 😊",
        "Wo kann ich parken? Der Bus hält ja an der Haltestelle vor der Praxis, oder?",
        "Ich komme etwas später, stehe im Stau 🙈",
        "Kann ich die Rechnung per Überweisung bezahlen?",
        "Melde mich, wenn ich weiß, wann ich Urlaub habe.",
        "Hat sich die Praxis schon wegen meines Befunds gemeldet?",
    ]
    DE_REPLY = [
        "Gern, wir hätten Dienstag um {h} Uhr oder Mittwoch um {h2} Uhr frei.",
        "Alles klar, melden Sie sich einfach, wenn Sie so weit sind.",
        "Danke für die Nachricht, wir haben den Termin verschoben.",
        "Ja, die Anmeldung ist angekommen. Bis bald!",
        "Gute Besserung! Melden Sie sich gern, wenn es Ihnen besser geht.",
        "Eine Überweisung ist nicht nötig. Bringen Sie bitte Ihre Versichertenkarte mit.",
        "Parkplätze gibt es hinter dem Haus, die Bushaltestelle ist direkt vor der Tür.",
        "Kein Problem, wir warten auf Sie.",
        "Ja, die Bankverbindung steht auf der Rechnung.",
    ]
    files = []
    owner = "Physiotherapie Keller"
    for nm in names(45):
        t = START + timedelta(
            days=R.randint(0, 60), hours=R.randint(0, 8), minutes=R.randint(0, 59)
        )
        lines = [android("de", t, None, ENC["de"])]
        for _ in range(R.randint(2, 6)):
            t += timedelta(days=R.randint(1, 9), minutes=R.randint(0, 400))
            t = t.replace(hour=R.randint(8, 19))
            lines.append(android("de", t, nm, R.choice(DE_PATIENT)))
            if t.hour >= 18:
                t2 = t + timedelta(minutes=1 if R.random() < 0.5 else 0)
                lines.append(
                    android(
                        "de",
                        t2,
                        owner,
                        "Vielen Dank für Ihre Nachricht! Die Praxis ist geschlossen, wir melden uns morgen ab 8 Uhr.",
                    )
                )
                t = (t + timedelta(days=1)).replace(hour=8, minute=R.randint(5, 50))
            else:
                t += timedelta(minutes=R.randint(6, 120))
            lines.append(
                android(
                    "de",
                    t,
                    owner,
                    R.choice(DE_REPLY).format(h=R.randint(8, 11), h2=R.randint(13, 17)),
                )
            )
        files.append((FNAME["de"].format(nm), lines))
    write(
        owner,
        "de_practice_polite",
        files,
        {"not_red": ["R06", "R07", "R11", "R12", "R01", "R03", "R09", "R10"], "red": []},
    )

    # --- B. Dutch bike shop: "ik meld me", "aangemeld", a monthly warm broadcast ----------------------
    NL_CUST = [
        "Hoi, is mijn fiets al klaar?",
        "Ik meld me morgen even bij de winkel.",
        "Ik heb me aangemeld voor de fietsworkshop van zaterdag.",
        "Top, ik kom hem vanmiddag halen 👍",
        "Kunnen jullie ook een e-bike accu vervangen?",
        "Ik meld me af voor de workshop, ik ben ziek.",
        "Wat kost een nieuwe binnenband?",
        "Mijn achterlicht doet het niet meer, kan ik langskomen?",
        "Dank je wel, hij rijdt weer als een zonnetje!",
        "Is de winkel op maandag open?",
        "Ik heb gisteren betaald via tikkie, is dat aangekomen?",
        "Meld je je even als hij klaar is?",
    ]
    NL_REPLY = [
        "Ja hoor, je kunt hem na {h} uur ophalen.",
        "Een binnenband kost {p} euro inclusief montage.",
        "Ja, kom maar langs, dan kijken we ernaar.",
        "Helemaal goed, tot zaterdag!",
        "Betaling is binnen, dank je!",
        "We zijn maandag vanaf 13:00 open.",
        "Beterschap! Ik heb je afgemeld.",
    ]
    owner = "Fietsenwinkel Hendriks"
    files = []
    nms = names(50)
    bcast_days = [START + timedelta(days=d) for d in (20, 50, 80)]
    for i, nm in enumerate(nms):
        t = START + timedelta(days=R.randint(0, 15), hours=R.randint(0, 8))
        lines = [android("nl", t, None, ENC["nl"])]
        events = []
        for _ in range(R.randint(2, 5)):
            t += timedelta(days=R.randint(1, 20))
            t = t.replace(hour=R.randint(9, 17), minute=R.randint(0, 59))
            events.append((t, nm, R.choice(NL_CUST)))
            events.append(
                (
                    t + timedelta(minutes=R.randint(5, 90)),
                    owner,
                    R.choice(NL_REPLY).format(h=R.randint(13, 17), p=R.randint(12, 25)),
                )
            )
        if i < 40:
            for bd in bcast_days:
                if bd <= min(e[0] for e in events):
                    continue  # only customers who wrote before get the news
                events.append(
                    (
                        bd.replace(hour=10, minute=0),
                        owner,
                        "Hallo! Deze maand bij Fietsenwinkel Hendriks: gratis bandencheck bij elke onderhoudsbeurt. Tot ziens in de winkel!",
                    )
                )
        events.sort()
        lines += [android("nl", a, b, c) for a, b, c in events]
        files.append((FNAME["nl"].format(nm), lines))
    write(
        owner,
        "nl_bike_shop_polite",
        files,
        {"not_red": ["R01", "R02", "R03", "R06", "R07", "R09", "R11", "R12", "R10"], "red": []},
    )

    # --- C. Bulk sender: identical exports of people who never answered ------------------------------
    owner = "Mega Deals Store"
    files = []
    promo = "🔥 MEGA SALE! 50% off all sneakers this weekend only! Order now at www.megadeals-shop.com and use code SALE50 🔥"
    nms = names(300)
    t0 = datetime(2026, 10, 10, 10, 0)
    body = [
        android("en", t0, owner, promo),
        android(
            "en",
            t0 + timedelta(days=3),
            owner,
            "Last chance! Our weekend sale ends tonight, 50% off everything. Order now!",
        ),
    ]
    for nm in nms:
        files.append((FNAME["en"].format(nm), list(body)))
    # and 15 real customer chats
    for nm in names(15):
        t = datetime(2026, 9, 1, 12) + timedelta(days=R.randint(0, 30))
        files.append(
            (
                FNAME["en"].format(nm + " K"),
                [
                    android("en", t, nm + " K", "Hi, do you have these sneakers in size 42?"),
                    android(
                        "en",
                        t + timedelta(minutes=20),
                        owner,
                        "Yes we do! Shall I reserve a pair for you?",
                    ),
                    android("en", t + timedelta(minutes=30), nm + " K", "Yes please, thanks!"),
                ],
            )
        )
    write(
        owner,
        "bulk_identical",
        files,
        {"red": ["R01", "R09"], "not_red": ["R06", "R07", "R11", "R12", "R16"], "chats": 315},
    )

    # --- D. Menu bot answering day and night within seconds (iOS, seconds) ---------------------------
    owner = "Pizzeria Bella"
    MENU = "Welkom bij Pizzeria Bella! 🍕 Kies een optie: 1️⃣ Menukaart 2️⃣ Bestellen 3️⃣ Openingstijden 4️⃣ Medewerker. Antwoord met het nummer van je keuze."
    ANS = {
        "1": "Onze menukaart vind je op bella-pizza.nl/menu. Typ MENU om terug te gaan naar het hoofdmenu.",
        "2": "Je kunt bestellen via bella-pizza.nl/bestellen of bel 020-1234567. Typ MENU voor het hoofdmenu.",
        "3": "We zijn elke dag open van 16:00 tot 23:00. Typ MENU voor het hoofdmenu.",
        "4": "Een medewerker neemt zo snel mogelijk contact met je op. Typ MENU voor het hoofdmenu.",
    }
    CUST_OPEN = [
        "Hallo",
        "Hoi, zijn jullie open?",
        "Goedenavond, ik wil bestellen",
        "Hey",
        "Kan ik nog bestellen?",
        "Wat kost een margherita?",
        "Bezorgen jullie in Noord?",
        "Hallo, ik heb een vraag over mijn bestelling",
    ]
    files = []
    for nm in names(60):
        lines = [f"[{START.strftime('%d.%m.%y, %H:%M:%S')}] {owner}: \u200e{ENC['nl']}"]
        t = START + timedelta(days=R.randint(0, 50))
        for _ in range(R.randint(2, 4)):
            t = t.replace(hour=R.randint(0, 23), minute=R.randint(0, 59), second=R.randint(0, 59))
            lines.append(ios("nl", t, nm, R.choice(CUST_OPEN)))
            t += timedelta(seconds=R.randint(2, 6))
            lines.append(ios("nl", t, owner, MENU))
            for _ in range(R.randint(1, 3)):
                t += timedelta(seconds=R.randint(8, 60))
                k = R.choice("1234")
                lines.append(ios("nl", t, nm, k))
                t += timedelta(seconds=R.randint(2, 5))
                lines.append(ios("nl", t, owner, ANS[k]))
            t += timedelta(days=R.randint(2, 10))
        files.append((FNAME["nl"].format(nm), lines))
    write(
        owner,
        "menu_bot",
        files,
        {"red": ["R07"], "not_green": ["R06"], "not_red": ["R11", "R12", "R01", "R09"]},
    )

    # --- E. Spintax campaign -------------------------------------------------------------------------
    owner = "Zonnepanelen Direct"
    G = ["Hallo", "Hoi", "Goedendag", "Beste", "Hey"]
    S1 = ["wij hebben", "we hebben nu", "er is", "we bieden"]
    S2 = [
        "een speciale aanbieding",
        "een mooie actie",
        "een tijdelijke korting",
        "een exclusief voordeel",
    ]
    S3 = [
        "op zonnepanelen",
        "voor zonnepanelen op je dak",
        "op een complete zonnepanelen-installatie",
    ]
    S4 = [
        "Vraag vandaag nog een gratis offerte aan",
        "Plan nu je gratis adviesgesprek",
        "Reageer snel voor een vrijblijvende offerte",
    ]
    S5 = [
        "en bespaar tot 40% op je energierekening.",
        "en bespaar honderden euro's per jaar.",
        "en verlaag direct je energiekosten.",
    ]
    S6 = ["Deze actie loopt nog maar kort!", "Op = op!", "Alleen deze week geldig!"]
    files = []
    t0 = datetime(2026, 9, 14, 9, 0)
    for i, nm in enumerate(names(400)):
        first = nm.split()[0]
        parts = [
            f"{R.choice(G)} {first}, {R.choice(S1)} {R.choice(S2)} {R.choice(S3)}.",
            f"{R.choice(S4)} {R.choice(S5)}",
            R.choice(S6),
        ]
        if R.random() < 0.5:
            parts[0], parts[1] = parts[1], parts[0]
        t = t0 + timedelta(days=i // 60, minutes=(i % 60) * 5 + R.randint(0, 3))
        files.append((FNAME["nl"].format(nm), [android("nl", t, owner, " ".join(parts))]))
    write(
        owner,
        "spintax",
        files,
        {"red": ["R09"], "not_green": ["R01"], "not_red": ["R06", "R07", "R11", "R16"]},
    )

    # --- F. Group filled by the business; complaints and STOP inside ---------------------------------
    owner = "Crypto Kansen NL"
    lines = [
        android(
            "en", datetime(2026, 9, 1, 9, 0), None, f'{owner} created group "VIP Crypto Signals"'
        )
    ]
    t = datetime(2026, 9, 1, 9, 1)
    members = names(140)
    for nm in members:
        lines.append(android("en", t, None, f"You added {nm}"))
        t += timedelta(seconds=20)
    COMPLAIN = [
        "Who added me to this group??",
        "How did you get my number?",
        "STOP",
        "I never signed up for this",
        "Remove me, I reported this number to WhatsApp",
        "wie heeft mij hier toegevoegd?",
        "Stop sending this",
    ]
    t = datetime(2026, 9, 1, 12, 0)
    for d in range(10):
        t = datetime(2026, 9, 1 + d, 12, 0)
        lines.append(
            android(
                "en",
                t,
                owner,
                f"🚀 Signal {d + 1}: buy now, guaranteed 30% profit this week! Join premium for only €49: cryptokansen.nl/vip",
            )
        )
        for nm in R.sample(members, 3):
            t += timedelta(minutes=R.randint(1, 30))
            lines.append(android("en", t, nm, R.choice(COMPLAIN)))
        for nm in R.sample(members, 2):
            lines.append(android("en", t + timedelta(minutes=40), None, f"{nm} left"))
    files = [("WhatsApp Chat with VIP Crypto Signals.txt", lines)]
    for nm in names(12):
        t = datetime(2026, 9, 2, 15) + timedelta(days=R.randint(0, 20))
        files.append(
            (
                FNAME["en"].format(nm + " X"),
                [
                    android("en", t, nm + " X", "Hello, how does the premium membership work?"),
                    android(
                        "en",
                        t + timedelta(minutes=30),
                        owner,
                        "You pay 49 euro per month and get all signals.",
                    ),
                ],
            )
        )
    write(
        owner,
        "group_filled",
        files,
        {"red": ["R16", "R12"], "not_green": ["R11"], "not_red": ["R06", "R07"]},
    )

    # --- G. Nagging: warm customers chased day after day ----------------------------------------------
    owner = "Autobedrijf Jansen"
    NAG = [
        "Hallo, heeft u al nagedacht over onze offerte voor de APK?",
        "Goedemorgen! Nog even een herinnering aan onze offerte.",
        "Wij hebben nog steeds een plekje vrij voor uw onderhoudsbeurt deze week.",
        "Zullen we de afspraak inplannen? Laat het even weten.",
        "Laatste herinnering: de offerte verloopt vrijdag.",
        "Heeft u onze berichten ontvangen?",
    ]
    files = []
    for i, nm in enumerate(names(45)):
        t = datetime(2026, 8, 1, 10) + timedelta(days=R.randint(0, 20), minutes=R.randint(0, 300))
        lines = [
            android("nl", t, None, ENC["nl"]),
            android("nl", t, nm, "Goedendag, wat kost een APK bij jullie?"),
            android(
                "nl",
                t + timedelta(minutes=30),
                owner,
                "De APK kost 45 euro. Zal ik een offerte voor onderhoud meesturen?",
            ),
            android("nl", t + timedelta(minutes=50), nm, "Ja, stuur maar."),
        ]
        t += timedelta(hours=2)
        lines.append(android("nl", t, owner, "Hierbij de offerte: onderhoud + APK voor 289 euro."))
        if i < 30:
            for k in range(R.randint(3, 6)):
                t += timedelta(days=R.randint(2, 5))
                t = t.replace(hour=R.randint(9, 17))
                lines.append(android("nl", t, owner, NAG[k]))
        files.append((FNAME["nl"].format(nm), lines))
    write(
        owner,
        "nagging",
        files,
        {"red": ["R10"], "not_red": ["R06", "R07", "R12", "R11", "R01", "R09"]},
    )

    # --- H. Bulk tool: personalised mail merge with seconds, fixed 7 s rhythm, leftovers ------------
    owner = "Beauty Salon Glow"
    files = []
    t0 = datetime(2026, 10, 5, 14, 0, 0)
    tpl = [
        "Hi {first}, as a valued client you get 20% off your next facial this month! Book at glow-salon.nl/book",
        "Hallo {first}! Exclusive for you: 20% discount on all facials until Sunday. Reply YES to book.",
        "Dear {first}, treat yourself: 20% off facials this week only. Book now at glow-salon.nl",
    ]
    for i, nm in enumerate(names(220)):
        first = nm.split()[0] if i % 9 else "{name}"  # a few unfilled fields
        t = t0 + timedelta(seconds=7 * i + R.choice([0, 0, 0, 1]))
        lines = [
            f"[{t.strftime('%d.%m.%y, %H:%M:%S')}] {owner}: " + R.choice(tpl).format(first=first)
        ]
        files.append((FNAME["en"].format(nm), lines))
    write(
        owner,
        "mailmerge_tool",
        files,
        {
            "red": ["R08", "R05"],
            "not_green": ["R04"],
            "not_red": ["R06", "R07", "R11", "R12", "R16"],
        },
    )

    # --- I. Vape shop selling by WhatsApp (prohibited goods with sales intent) ------------------------
    owner = "Cloud Vape Store"
    OFF = [
        "Nieuw binnen: Elf Bar 600 vapes voor 6,99 euro! Bestel via cloudvape.nl",
        "Vapes en e-liquids in de aanbieding, 3 voor 15 euro. Bestel nu!",
        "Zin in een nieuwe vape? Deze week 20% korting op alle pods. Stuur een berichtje om te bestellen.",
        "Snus en shisha tabak weer op voorraad, vanaf 9,95. Bestellen kan hier.",
    ]
    files = []
    for nm in names(40):
        t = datetime(2026, 9, 1, 11) + timedelta(days=R.randint(0, 40))
        lines = [
            android("nl", t, nm, "Hoi, hebben jullie nog Elf Bars?"),
            android("nl", t + timedelta(minutes=15), owner, R.choice(OFF)),
            android("nl", t + timedelta(minutes=40), nm, "Top, ik neem er 2"),
            android("nl", t + timedelta(minutes=50), owner, "Prima, wordt morgen bezorgd!"),
        ]
        files.append((FNAME["nl"].format(nm), lines))
    write(
        owner,
        "vape_shop",
        files,
        {"red": ["R18"], "not_red": ["R01", "R06", "R07", "R11", "R12", "R09"]},
    )

    # --- J. Restaurant: wine and beer mentioned without selling, reservations, good service -----------
    owner = "Restaurant De Gouden Leeuw"
    CUST = [
        "Hoi, kan ik voor zaterdag een tafel voor 4 reserveren om 19:00?",
        "Hebben jullie ook alcoholvrij bier?",
        "Mogen we onze eigen wijn meenemen voor een verjaardag?",
        "Is er een vegetarisch menu?",
        "We komen iets later, rond half acht",
        "Kun je de reservering stop zetten? We zijn ziek.",
        "Dank je wel, het was heerlijk!",
    ]
    REP = [
        "Ja hoor, een tafel voor 4 om 19:00 staat genoteerd!",
        "Zeker, we hebben alcoholvrij bier van de tap.",
        "Eigen wijn mag, we rekenen 12 euro kurkengeld.",
        "Ja, we hebben een vegetarisch 3-gangenmenu.",
        "Geen probleem, tot straks!",
        "Jammer! De reservering is geannuleerd, beterschap.",
        "Graag gedaan, tot de volgende keer!",
    ]
    files = []
    for nm in names(50):
        t = datetime(2026, 8, 1, 12) + timedelta(days=R.randint(0, 60))
        lines = [android("nl", t, None, ENC["nl"])]
        for _ in range(R.randint(1, 3)):
            k = R.randrange(len(CUST))
            t = t.replace(hour=R.randint(10, 17), minute=R.randint(0, 59))
            lines.append(android("nl", t, nm, CUST[k]))
            lines.append(android("nl", t + timedelta(minutes=R.randint(3, 60)), owner, REP[k]))
            t += timedelta(days=R.randint(5, 30))
        files.append((FNAME["nl"].format(nm), lines))
    write(owner, "restaurant_normal", files, {"not_red": [f"R{i:02d}" for i in range(1, 20)]})

    # --- K/L. Opt-out ignored vs honoured (German shop) ----------------------------------------------
    for variant in ("ignored", "honoured"):
        owner = "Modehaus Berger"
        files = []
        for i, nm in enumerate(names(40)):
            t = datetime(2026, 8, 3, 10) + timedelta(
                days=R.randint(0, 20), minutes=R.randint(0, 300)
            )
            lines = [
                android("de", t, None, ENC["de"]),
                android("de", t, nm, "Hallo, haben Sie die Jacke noch in Größe M?"),
                android(
                    "de",
                    t + timedelta(minutes=20),
                    owner,
                    "Ja, die Jacke ist noch da. Soll ich sie zurücklegen?",
                ),
                android("de", t + timedelta(minutes=45), nm, "Ja gerne, danke!"),
            ]
            t += timedelta(days=10)
            lines.append(
                android(
                    "de",
                    t.replace(hour=11, minute=0),
                    owner,
                    "Sommerschlussverkauf: 30% Rabatt auf alles, nur diese Woche! Jetzt vorbeikommen.",
                )
            )
            if i < 6:
                t2 = t.replace(hour=11, minute=0) + timedelta(minutes=R.randint(5, 90))
                lines.append(
                    android(
                        "de",
                        t2,
                        nm,
                        R.choice(["STOPP", "Bitte keine Nachrichten mehr", "Abmelden bitte"]),
                    )
                )
                lines.append(
                    android(
                        "de",
                        t2 + timedelta(minutes=10),
                        owner,
                        "Alles klar, wir schicken Ihnen keine Angebote mehr.",
                    )
                )
                if variant == "ignored":
                    for k in range(2):
                        t3 = t2 + timedelta(days=7 * (k + 1))
                        lines.append(
                            android(
                                "de",
                                t3.replace(hour=11, minute=0),
                                owner,
                                "Neue Kollektion eingetroffen! 20% Rabatt mit dem Code HERBST20, nur heute.",
                            )
                        )
            files.append((FNAME["de"].format(nm), lines))
        exp = {"red": ["R11"]} if variant == "ignored" else {"not_red": ["R11", "R12"]}
        exp.setdefault("not_red", []).extend(["R06", "R07", "R16"])
        write(owner, f"optout_{variant}", files, exp)

    return EXPECT
