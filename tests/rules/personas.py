"""Synthetic businesses (HEURISTICS.md §5 and more) written as real WhatsApp export files.

Each persona returns (owner, [ChatFile]) and is deterministic for its seed. Texts exist in
Dutch, German and English; `lang` also picks the export's date layout and system phrases.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from wa_audit.demo import ChatFile

OWNERS = {"nl": "Fietsenwinkel Van Dijk", "de": "Blumen Schulz", "en": "Bakery Brown"}
NAMES = {
    "nl": [
        "Anna de Vries",
        "Bram Jansen",
        "Chantal Bakker",
        "Daan Visser",
        "Eva Smit",
        "Fleur Meijer",
        "Gijs de Boer",
        "Iris Mulder",
        "Jeroen Bos",
        "Kim Vos",
        "Lars Peters",
        "Marieke Dekker",
        "Niels Brouwer",
        "Olga de Wit",
        "Pieter Kok",
        "Roos Jacobs",
    ],
    "de": [
        "Anna Müller",
        "Ben Schmidt",
        "Clara Fischer",
        "David Weber",
        "Eva Wagner",
        "Felix Becker",
        "Greta Hoffmann",
        "Hannah Koch",
        "Jonas Richter",
        "Lena Klein",
        "Max Wolf",
        "Nina Schröder",
        "Paul Neumann",
        "Sophie Braun",
        "Tim Zimmermann",
    ],
    "en": [
        "Alice Smith",
        "Ben Jones",
        "Chloe Taylor",
        "Dan Brown",
        "Emma Wilson",
        "Finn Evans",
        "Grace Thomas",
        "Harry Roberts",
        "Isla Walker",
        "Jack Wright",
        "Lily Hall",
        "Mia Green",
        "Noah Wood",
        "Olivia King",
        "Sam Hughes",
    ],
}
TXT = {
    "nl": {
        "ask": [
            "Hoi, is mijn fiets al klaar?",
            "Hallo, hebben jullie de Gazelle nog op voorraad?",
            "Kan ik morgen langskomen voor een nieuwe band?",
            "Wat kost een onderhoudsbeurt?",
            "Goedemorgen, repareren jullie ook e-bikes?",
            "Hoi! Kunnen jullie mijn remmen nakijken?",
        ],
        "answer": [
            "Hoi {n}, ja hoor, je fiets staat klaar. Je kunt hem tot 18:00 ophalen.",
            "Hallo {n}, die hebben we nog in maat 57. Zal ik hem voor je reserveren?",
            "Dat kan, kom gerust langs tussen 9 en 12 uur.",
            "Een onderhoudsbeurt kost 65 euro, inclusief afstellen van de versnellingen.",
            "Ja, we repareren alle merken e-bikes. Wanneer schikt het je?",
            "Natuurlijk {n}, breng hem maar langs, dan kijken we er direct naar.",
        ],
        "thanks_in": ["Top, dank je!", "Super, tot morgen", "Dank je wel!", "Prima, ik kom eraan"],
        "thanks_out": ["Graag gedaan {n}!", "Tot zo!", "Fijne dag nog!"],
        "greeting": "Welkom bij Fietsenwinkel Van Dijk! Bedankt voor je bericht, we reageren zo snel mogelijk.",
        "away": "Bedankt voor je bericht! We zijn nu gesloten en reageren morgen vanaf 9:00.",
        "reminder": "Hoi {n}, herinnering: je afspraak voor de onderhoudsbeurt is op {d} om {t}.",
        "news": [
            "Hoi! Vanaf volgende week zijn we op maandag ook open. Tot ziens in de winkel!",
            "Let op: tijdens de feestdagen zijn we gesloten van 24 tot 27 december.",
            "Nieuw in de winkel: een werkplaats voor e-bikes. Kom gerust eens kijken.",
        ],
        "promo": [
            "Actie! 30% korting op alle fietsverlichting, alleen dit weekend. Bestel nu via www.vandijkfietsen.nl",
            "Laatste kans: gratis onderhoudsbeurt bij aankoop van een e-bike. Alleen vandaag! Bestel nu.",
        ],
        "cold": [
            "{g}! Wij zijn {o}. Nu 25% korting op je eerste bestelling, alleen deze week. Bestel nu via www.shop.nl/actie",
            "{g} daar! {o} heeft een actie: 25% korting op je eerste bestelling deze week. Bestel nu op www.shop.nl/actie",
        ],
        "greet": ["Hallo", "Hoi", "Hey", "Goedendag"],
        "stop": "STOP",
        "ack": "Oké, we sturen je niets meer.",
        "complaint": "Wie is dit? Hoe komt u aan mijn nummer?",
        "followup": "Hoi {n}, heb je de offerte al kunnen bekijken? Laat het gerust weten.",
        "blocked": "Je hebt dit contact geblokkeerd.",
        "menu": "Welkom! Kies een optie:\n1. Openingstijden\n2. Reparatie aanmelden\n3. Status van je bestelling\nAntwoord met 1, 2 of 3.",
        "menu_answers": [
            "Onze openingstijden zijn ma-za 9:00-18:00. Antwoord met 0 voor het hoofdmenu.",
            "Je kunt een reparatie aanmelden via onze website. Antwoord met 0 voor het hoofdmenu.",
            "Je bestelling is onderweg en wordt binnen 2 werkdagen geleverd. Antwoord met 0 voor het hoofdmenu.",
        ],
        "bot_long": [
            "Bedankt voor je vraag! Onze werkplaats is open van maandag tot en met zaterdag en een onderhoudsbeurt kost {p} euro.",
            "Goede vraag! De levertijd voor de meeste fietsen is ongeveer {p} werkdagen, afhankelijk van het model.",
            "Wat fijn dat je contact opneemt. Je kunt je fiets zonder afspraak brengen, de reparatie duurt meestal {p} dagen.",
        ],
        "vape": "Nieuw binnen: vapes en e-sigaret navullingen, 3 voor €{p}! Bestel nu via DM.",
        "short": "Bekijk onze nieuwe collectie op https://bit.ly/{p}abc",
    },
    "de": {
        "ask": [
            "Hallo, ist mein Strauß schon fertig?",
            "Haben Sie noch rote Rosen?",
            "Kann ich morgen einen Kranz abholen?",
            "Was kostet ein Hochzeitsstrauß?",
            "Guten Morgen, liefern Sie auch nach Köln?",
            "Hallo! Haben Sie am Samstag geöffnet?",
        ],
        "answer": [
            "Hallo {n}, ja, Ihr Strauß ist fertig. Sie können ihn bis 18 Uhr abholen.",
            "Guten Tag {n}, ja, wir haben heute frische rote Rosen bekommen.",
            "Das geht, kommen Sie gerne zwischen 9 und 12 Uhr vorbei.",
            "Ein Hochzeitsstrauß beginnt bei etwa 80 Euro, je nach Blumen.",
            "Ja, wir liefern in ganz Köln. Wann soll geliefert werden?",
            "Am Samstag sind wir von 9 bis 14 Uhr für Sie da, {n}.",
        ],
        "thanks_in": ["Super, danke!", "Danke schön!", "Prima, bis morgen", "Vielen Dank"],
        "thanks_out": ["Gern geschehen {n}!", "Bis bald!", "Einen schönen Tag noch!"],
        "greeting": "Willkommen bei Blumen Schulz! Danke für Ihre Nachricht, wir melden uns so schnell wie möglich.",
        "away": "Danke für Ihre Nachricht! Wir haben gerade geschlossen und antworten morgen ab 9 Uhr.",
        "reminder": "Hallo {n}, zur Erinnerung: Ihr Beratungstermin ist am {d} um {t} Uhr.",
        "news": [
            "Hallo! Ab nächster Woche haben wir auch montags geöffnet.",
            "Hinweis: Über die Feiertage bleibt unser Laden vom 24. bis 27. Dezember geschlossen.",
            "Neu bei uns: Trockenblumen-Workshops an jedem ersten Samstag im Monat.",
        ],
        "promo": [
            "Aktion! 30% Rabatt auf alle Sträuße, nur heute. Jetzt bestellen auf www.blumen-schulz.de",
            "Letzte Chance: Gratis Lieferung und 20% Rabatt auf Pflanzen. Jetzt bestellen!",
        ],
        "cold": [
            "{g}! Wir sind {o}. Jetzt 25% Rabatt auf Ihre erste Bestellung, nur diese Woche. Jetzt bestellen auf www.shop.de/aktion",
            "{g} zusammen! {o} hat ein Angebot: 25% Rabatt auf Ihre erste Bestellung diese Woche. Jetzt bestellen auf www.shop.de/aktion",
        ],
        "greet": ["Hallo", "Guten Tag", "Hey", "Moin"],
        "stop": "STOPP",
        "ack": "Alles klar, wir schreiben Ihnen nicht mehr.",
        "complaint": "Wer ist das? Woher haben Sie meine Nummer?",
        "followup": "Hallo {n}, konnten Sie sich das Angebot schon ansehen? Melden Sie sich gerne.",
        "blocked": "Du hast diesen Kontakt blockiert.",
        "menu": "Willkommen! Wähle eine Option:\n1. Öffnungszeiten\n2. Bestellung aufgeben\n3. Lieferstatus\nAntworte mit 1, 2 oder 3.",
        "menu_answers": [
            "Unsere Öffnungszeiten sind Mo-Sa 9-18 Uhr. Antworte mit 0 für das Hauptmenü.",
            "Bestellungen nehmen wir über unsere Webseite an. Antworte mit 0 für das Hauptmenü.",
            "Deine Lieferung ist unterwegs und kommt in 2 Werktagen. Antworte mit 0 für das Hauptmenü.",
        ],
        "bot_long": [
            "Danke für Ihre Frage! Unser Laden ist von Montag bis Samstag geöffnet und ein Strauß kostet ab {p} Euro.",
            "Gute Frage! Die Lieferzeit beträgt meistens etwa {p} Werktage, je nach Region und Blumen.",
            "Schön, dass Sie sich melden. Sie können ohne Termin vorbeikommen, die Beratung dauert etwa {p} Minuten.",
        ],
        "vape": "Neu im Sortiment: E-Zigarette und Liquids, 3 Stück für {p} Euro! Jetzt bestellen.",
        "short": "Unsere neue Kollektion: https://bit.ly/{p}xyz",
    },
    "en": {
        "ask": [
            "Hi, is my cake ready yet?",
            "Hello, do you still have sourdough today?",
            "Can I pick up a birthday cake tomorrow?",
            "How much is a wedding cake?",
            "Morning! Do you deliver to Camden?",
            "Hi, are you open on Sunday?",
        ],
        "answer": [
            "Hi {n}, yes, your cake is ready. You can collect it until 6pm.",
            "Hello {n}, we have two sourdough loaves left, shall I keep one for you?",
            "Of course, come by any time between 9 and 12.",
            "A wedding cake starts at about 150 pounds, depending on the size.",
            "Yes, we deliver to Camden. Which day would suit you?",
            "We're open on Sunday from 9 to 2, {n}.",
        ],
        "thanks_in": ["Great, thanks!", "Thank you!", "Perfect, see you tomorrow", "Cheers"],
        "thanks_out": ["You're welcome {n}!", "See you soon!", "Have a lovely day!"],
        "greeting": "Welcome to Bakery Brown! Thanks for your message, we'll reply as soon as we can.",
        "away": "Thanks for your message! We're closed right now and will reply from 9am tomorrow.",
        "reminder": "Hi {n}, a reminder: your cake tasting is on {d} at {t}.",
        "news": [
            "Hi! From next week we're also open on Mondays.",
            "Please note: we're closed from 24 to 27 December.",
            "New at the bakery: gluten-free bread every Friday.",
        ],
        "promo": [
            "Sale! 30% off all cakes, today only. Order now at www.bakerybrown.co.uk",
            "Last chance: free delivery and 20% discount on party trays. Order now!",
        ],
        "cold": [
            "{g}! We are {o}. Get 25% off your first order this week only. Order now at www.shop.co.uk/deal",
            "{g} there! {o} has a deal: 25% off your first order this week. Order now at www.shop.co.uk/deal",
        ],
        "greet": ["Hello", "Hi", "Hey", "Good day"],
        "stop": "STOP",
        "ack": "Okay, we won't message you again.",
        "complaint": "Who is this? How did you get my number?",
        "followup": "Hi {n}, did you get a chance to look at the quote? Let me know.",
        "blocked": "You blocked this contact.",
        "menu": "Welcome! Choose an option:\n1. Opening hours\n2. Place an order\n3. Delivery status\nReply with 1, 2 or 3.",
        "menu_answers": [
            "We're open Mon-Sat 8am-6pm. Reply 0 for the main menu.",
            "You can order on our website. Reply 0 for the main menu.",
            "Your order is on its way and arrives within 2 days. Reply 0 for the main menu.",
        ],
        "bot_long": [
            "Thanks for your question! Our bakery is open Monday to Saturday and a loaf costs {p} pounds.",
            "Great question! Delivery usually takes about {p} working days, depending on where you live.",
            "Lovely to hear from you. You can come in without an appointment, a tasting takes about {p} minutes.",
        ],
        "vape": "New in: vapes and e-cigarette refills, 3 for £{p}! Order now by DM.",
        "short": "See our new range: https://bit.ly/{p}q",
    },
}
START = datetime(2026, 5, 4, 9, 0)


def _people(lang: str, n: int, rng: random.Random) -> list[str]:
    base = NAMES[lang]
    out = []
    for i in range(n):
        first, last = base[i % len(base)].split(" ", 1)
        out.append(f"{first} {last}" if i < len(base) else f"{first} {last}-{i}")
    return out


def _phone(lang: str, rng: random.Random) -> str:
    if lang == "de":
        return f"+49 151 {rng.randint(1000000, 9999999)}"
    if lang == "en":
        return f"+44 7700 {rng.randint(100000, 999999)}"
    return f"+31 6 {rng.randint(10000000, 99999999)}"


def customers(
    lang="nl", n=80, days=120, seed=1, platform="android", greeting=True, start=START, owner=None
):
    """Customers who write first and get human answers (greeting/away where it applies)."""
    rng = random.Random(seed)
    t_ = TXT[lang]
    owner = owner or OWNERS[lang]
    chats = []
    for name in _people(lang, n, rng):
        chat = ChatFile(title=name, platform=platform, lang=lang)
        first = name.split()[0]
        day = start + timedelta(days=rng.randrange(0, max(1, days // 3)))
        for conv in range(rng.randint(1, 4)):
            t = day + timedelta(days=conv * rng.randint(12, 25))
            t = t.replace(
                hour=rng.choice([8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 20]),
                minute=rng.randrange(60),
                second=rng.randrange(60),
            )
            if t > start + timedelta(days=days):
                break
            chat.add(t, name, rng.choice(t_["ask"]))
            closed = t.hour < 9 or t.hour >= 18
            if greeting and conv == 0 and not closed:
                chat.add(t + timedelta(seconds=rng.randint(2, 15)), owner, t_["greeting"])
            if greeting and closed:
                chat.add(t + timedelta(seconds=rng.randint(2, 15)), owner, t_["away"])
                t = (t + timedelta(days=1)).replace(hour=9, minute=rng.randrange(5, 50))
            t += timedelta(minutes=rng.randint(3, 80), seconds=rng.randrange(60))
            chat.add(t, owner, rng.choice(t_["answer"]).format(n=first))
            t += timedelta(minutes=rng.randint(2, 30), seconds=rng.randrange(60))
            chat.add(t, name, rng.choice(t_["thanks_in"]))
            if rng.random() < 0.5:
                t += timedelta(minutes=rng.randint(1, 10), seconds=rng.randrange(60))
                chat.add(t, owner, rng.choice(t_["thanks_out"]).format(n=first))
        chats.append(chat)
    return owner, chats


def _first_t(chat: ChatFile) -> datetime:
    return min(x[0] for x in chat.lines)


def broadcast(chats, owner, text, when, rng, answer=0.3, reply_text="Thanks!"):
    """The same text to existing customers within a minute (a broadcast list's footprint)."""
    for chat in chats:
        if _first_t(chat) > when:
            continue
        chat.add(when + timedelta(seconds=rng.randint(0, 40)), owner, text)
        if rng.random() < answer:
            name = chat.title
            chat.add(when + timedelta(hours=rng.randint(1, 20)), name, reply_text)


def normal_shop(lang="nl", seed=1, platform="android", n=80):
    """HEURISTICS §5 normal_shop: 90 % customer-initiated, greeting/away, replies, one news
    broadcast a month to ~60 past customers, appointment reminders with names and times."""
    rng = random.Random(seed)
    owner, chats = customers(lang, n=n, days=120, seed=seed, platform=platform)
    t_ = TXT[lang]
    for k, text in enumerate(t_["news"]):
        when = START + timedelta(days=35 * (k + 1), hours=2)
        broadcast(chats[:60], owner, text, when, rng, 0.3, t_["thanks_in"][0])
    # reminders to customers who booked (they wrote earlier), answered
    for chat in chats[5:17]:
        last = max(x[0] for x in chat.lines)
        t = (last + timedelta(days=rng.randint(2, 6))).replace(hour=10, minute=rng.randrange(60))
        first = chat.title.split()[0]
        chat.add(
            t,
            owner,
            t_["reminder"].format(
                n=first, d=(t + timedelta(days=2)).strftime("%d-%m"), t=f"{rng.randint(9, 16)}:30"
            ),
        )
        chat.add(t + timedelta(minutes=rng.randint(5, 300)), chat.title, t_["thanks_in"][1])
    # a few chats the shop starts itself ("your repair is ready"), answered
    for j in range(6):
        name = f"{NAMES[lang][j]} {j}"
        chat = ChatFile(title=name, platform=platform, lang=lang)
        t = START + timedelta(days=20 + 15 * j, hours=4)
        chat.add(t, owner, t_["answer"][0].format(n=name.split()[0]))
        chat.add(t + timedelta(minutes=40), name, t_["thanks_in"][0])
        chats.append(chat)
    return owner, chats


def broadcast_heavy(lang="en", seed=2, recipients=200, per_month=12, months=2):
    rng = random.Random(seed)
    owner, chats = customers(lang, n=recipients, days=20, seed=seed)
    t_ = TXT[lang]
    texts = t_["news"] + t_["promo"]
    for k in range(per_month * months):
        when = START + timedelta(days=25 + k * 30 / per_month, hours=3)
        # every broadcast a little different (today's news), to the same customers
        text = texts[k % len(texts)] + f" ({k + 1})"
        broadcast(chats, owner, text, when, rng, 0.05 if k % 2 else 0.0, t_["thanks_in"][0])
    return owner, chats


def cold_campaign(
    lang="de",
    seed=3,
    n=60,
    answer=0.15,
    complain=0,
    spin=True,
    start=None,
    platform="android",
    seconds_gap=(20, 50),
    text=None,
):
    """First contacts with strangers on one day, mostly unanswered, a promotion (spun)."""
    rng = random.Random(seed)
    owner = OWNERS[lang]
    t_ = TXT[lang]
    t = (start or START + timedelta(days=40)).replace(hour=10, minute=0)
    chats = []
    for i in range(n):
        num = _phone(lang, rng)
        chat = ChatFile(title=num, platform=platform, lang=lang)
        tpl = text or (rng.choice(t_["cold"]) if spin else t_["cold"][0])
        msg = tpl.format(g=rng.choice(t_["greet"]) if spin else t_["greet"][0], o=owner)
        t += timedelta(seconds=rng.randint(*seconds_gap))
        chat.add(t, owner, msg)
        if i < complain:
            chat.add(t + timedelta(hours=2), num, t_["complaint"])
        elif rng.random() < answer:
            chat.add(t + timedelta(hours=3), num, t_["thanks_in"][0])
        chats.append(chat)
    return owner, chats


def bulk_tool(lang="en", seed=4, n=500, seconds=True, gap=(5, 30), remnants=40):
    """A sending tool: personalised texts with {name} remnants, random delays, to strangers."""
    rng = random.Random(seed)
    owner = OWNERS[lang]
    t = START + timedelta(days=1, hours=1)
    chats = []
    people = _people(lang, n, rng)
    for i in range(n):
        name = people[i]
        chat = ChatFile(title=name, platform="ios" if seconds else "android", lang=lang)
        who = "{name}" if i % (n // remnants if remnants else n + 1) == 0 else name.split()[0]
        msg = {
            "en": f"Hi {who}, great news from {owner}: 25% off everything this week only. Order now at www.shop.co.uk/deal",
            "nl": f"Hoi {who}, goed nieuws van {owner}: deze week 25% korting op alles. Bestel nu via www.shop.nl/actie",
            "de": f"Hallo {who}, gute Nachrichten von {owner}: diese Woche 25% Rabatt auf alles. Jetzt bestellen auf www.shop.de/aktion",
        }[lang]
        t += timedelta(seconds=rng.uniform(*gap)) if gap[0] != gap[1] else timedelta(seconds=gap[0])
        chat.add(t, owner, msg)
        if rng.random() < 0.05:
            chat.add(t + timedelta(hours=5), name, TXT[lang]["complaint"])
        chats.append(chat)
    # plus a few ordinary customers
    _, extra = customers(
        lang,
        n=15,
        days=30,
        seed=seed,
        platform="ios" if seconds else "android",
        start=START + timedelta(days=1),
    )
    return owner, chats + extra


def bot_on_app(lang="nl", seed=5, n=40, nights=True):
    """An unofficial bot: numbered menu, instant long answers day and night."""
    rng = random.Random(seed)
    owner = OWNERS[lang]
    t_ = TXT[lang]
    chats = []
    for name in _people(lang, n, rng):
        chat = ChatFile(title=name, platform="ios", lang=lang)
        t = START + timedelta(
            days=rng.randrange(0, 40), hours=rng.randrange(0, 24), minutes=rng.randrange(60)
        )
        for _conv in range(rng.randint(2, 4)):
            if not nights:  # office hours only: every exchange between 9:00 and 17:00
                t = t.replace(hour=rng.randrange(9, 17))
            chat.add(t, name, rng.choice(t_["ask"]))
            t += timedelta(seconds=rng.randint(1, 4))
            chat.add(t, owner, t_["menu"])
            t += timedelta(seconds=rng.randint(20, 90))
            choice = rng.randint(1, 3)
            chat.add(t, name, str(choice))
            t += timedelta(seconds=rng.randint(1, 3))
            chat.add(t, owner, t_["menu_answers"][choice - 1])
            # a free question answered instantly with a long, varied text at any hour
            hour = rng.randrange(0, 24) if nights else rng.randrange(9, 18)
            t = (t + timedelta(days=rng.randint(1, 6))).replace(hour=hour, minute=rng.randrange(60))
            chat.add(t, name, rng.choice(t_["ask"]))
            t += timedelta(seconds=rng.randint(2, 6))
            chat.add(t, owner, rng.choice(t_["bot_long"]).format(p=rng.randint(2, 90)))
            t += timedelta(days=rng.randint(2, 9), hours=rng.randint(1, 5))
        chats.append(chat)
    return owner, chats


def optout_ignored(lang="nl", seed=6, promos=2, kind="promo"):
    """A normal shop where one customer sends STOP and then still gets promotions (or, with
    kind="news", non-promotional messages)."""
    owner, chats = normal_shop(lang, seed=seed)
    t_ = TXT[lang]
    victim = chats[2]
    t = max(x[0] for x in victim.lines) + timedelta(days=1)
    victim.add(t, victim.title, t_["stop"])
    victim.add(t + timedelta(minutes=15), owner, t_["ack"])
    for k in range(promos):
        text = t_[kind][k % 2]
        victim.add(t + timedelta(days=5 + 7 * k, hours=1), owner, text)
    return owner, chats


def optout_respected(lang="de", seed=7):
    owner, chats = normal_shop(lang, seed=seed)
    t_ = TXT[lang]
    victim = chats[2]
    t = max(x[0] for x in victim.lines) + timedelta(days=1)
    victim.add(t, victim.title, t_["stop"])
    victim.add(t + timedelta(minutes=15), owner, t_["ack"])
    # later the customer writes again and gets an answer: fine
    victim.add(t + timedelta(days=20), victim.title, t_["ask"][0])
    victim.add(t + timedelta(days=20, minutes=30), owner, t_["answer"][0].format(n="x"))
    return owner, chats


def group_spammer(lang="de", seed=8, adds=150, groups=4, leave=0.3, readd=False):
    rng = random.Random(seed)
    owner, chats = normal_shop(lang, seed=seed, n=20)
    you = {"de": "Du hast", "nl": "Je hebt", "en": "You"}[lang]
    t = START + timedelta(days=50, hours=2)
    per = adds // groups
    k = 0
    for gi in range(groups):
        title = f"Angebote {gi + 1}" if lang == "de" else f"Deals {gi + 1}"
        grp = ChatFile(title=title, lang=lang, group=True)
        created = {
            "de": f'{you} die Gruppe "{title}" erstellt.',
            "nl": f'{you} groep "{title}" gemaakt',
            "en": f'You created group "{title}"',
        }[lang]
        grp.add(t, None, created)
        members = [f"{NAMES[lang][j % len(NAMES[lang])]} {k + j}" for j in range(per)]
        k += per
        for j in range(0, per, 5):
            names = ", ".join(members[j : j + 5])
            line = {
                "de": f"{you} {names} hinzugefügt.",
                "nl": f"{you} {names} toegevoegd",
                "en": f"You added {names}",
            }[lang]
            grp.add(t + timedelta(minutes=1 + j), None, line)
        for mbr in members[: int(per * leave)]:
            left = {
                "de": f"{mbr} hat die Gruppe verlassen.",
                "nl": f"{mbr} heeft de groep verlaten",
                "en": f"{mbr} left",
            }[lang]
            grp.add(t + timedelta(hours=rng.randint(2, 60)), None, left)
        if readd and gi == 0:
            mbr = members[0]
            line = {
                "de": f"{you} {mbr} hinzugefügt.",
                "nl": f"{you} {mbr} toegevoegd",
                "en": f"You added {mbr}",
            }[lang]
            grp.add(t + timedelta(days=4), None, line)
        grp.add(t + timedelta(minutes=40), owner, TXT[lang]["promo"][0])
        grp.add(t + timedelta(hours=2), members[-1], "?")
        chats.append(grp)
        t += timedelta(minutes=90)
    return owner, chats


def small_group(lang="nl", seed=9):
    """A normal shop with a small workshop group (8 people added, nobody leaves)."""
    return group_spammer(lang, seed=seed, adds=8, groups=1, leave=0.0)


def nagging(lang="nl", seed=10, chats_n=6, streak=6):
    rng = random.Random(seed)
    owner, chats = normal_shop(lang, seed=seed)
    t_ = TXT[lang]
    for j in range(chats_n):
        name = f"Offerte {j}"
        chat = ChatFile(title=name, lang=lang)
        t = START + timedelta(days=30 + 3 * j, hours=3)
        chat.add(t, name, t_["ask"][3])
        chat.add(t + timedelta(minutes=30), owner, t_["answer"][3])
        for d in range(1, streak + 1):
            chat.add(
                t + timedelta(days=2 * d, hours=1, minutes=rng.randrange(60)),
                owner,
                t_["followup"].format(n=name),
            )
        chats.append(chat)
    return owner, chats


def with_extra(base, extra_fn):
    owner, chats = base
    return owner, chats + extra_fn(owner)


ASKED = {  # a customer's question about a restricted product, and a plain answer with a price
    "nl": (
        "Hebben jullie ook wijn bij het diner?",
        "Ja hoor, een fles wijn van het huis kost €{p}.",
    ),
    "de": ("Gibt es bei Ihnen auch Wein zum Essen?", "Ja, eine Flasche Wein kostet {p} Euro."),
    "en": ("Do you serve wine with dinner?", "Yes, a bottle of red wine is £{p}."),
}


def prohibited_shop(lang="nl", seed=11, offers=4, replies=""):
    """Offers of restricted goods. replies="": sent on the shop's own initiative;
    "answer": plain answers with a price to customers who asked (a restaurant, no offer);
    "promo": the customer asked and got a promotion for vapes (an offer all the same)."""
    rng = random.Random(seed)
    owner, chats = normal_shop(lang, seed=seed)
    for chat in chats[:offers]:
        t = max(x[0] for x in chat.lines) + timedelta(days=2)
        if replies:
            chat.add(t, chat.title, ASKED[lang][0])
            t += timedelta(minutes=rng.randint(3, 40))
        text = ASKED[lang][1] if replies == "answer" else TXT[lang]["vape"]
        chat.add(t, owner, text.format(p=rng.randint(10, 30)))
    return owner, chats


def shortener_shop(lang="en", seed=12, msgs=4):
    owner, chats = normal_shop(lang, seed=seed)
    for j, chat in enumerate(chats[:msgs]):
        t = max(x[0] for x in chat.lines) + timedelta(days=3 + j)
        chat.add(t, owner, TXT[lang]["short"].format(p=j))
    return owner, chats


def night_sender(lang="de", seed=13):
    """A normal shop whose broadcasts go out at 23:30."""
    rng = random.Random(seed)
    owner, chats = customers(lang, n=60, days=60, seed=seed)
    for k, text in enumerate(TXT[lang]["news"]):
        when = (START + timedelta(days=25 + 10 * k)).replace(hour=23, minute=30)
        broadcast(chats, owner, text, when, rng, 0.3, TXT[lang]["thanks_in"][0])
    return owner, chats


def promo_heavy(lang="nl", seed=14, sends=24):
    """Many different promotions, each to a handful of customers, within a month."""
    rng = random.Random(seed)
    owner, chats = customers(lang, n=60, days=30, seed=seed)
    for k in range(sends):
        when = START + timedelta(days=31 + k, hours=2)
        text = f"{TXT[lang]['promo'][k % 2]} Code DEAL{k}."
        broadcast(rng.sample(chats, 3), owner, text, when, rng, 0.3, TXT[lang]["thanks_in"][0])
    return owner, chats


def blocked_shop(lang="nl", seed=15):
    owner, chats = normal_shop(lang, seed=seed)
    for chat in chats[:2]:
        t = max(x[0] for x in chat.lines) + timedelta(days=1)
        chat.add(t, None, TXT[lang]["blocked"])
    return owner, chats


def tool_fixed_delay(lang="en", seed=16, n=60):
    return bulk_tool(lang, seed=seed, n=n, seconds=True, gap=(12, 12), remnants=0)


def few_placeholders(lang="de", seed=17):
    """A normal shop that once pasted '{name}' into two chats by mistake."""
    owner, chats = normal_shop(lang, seed=seed)
    for chat in chats[:2]:
        t = max(x[0] for x in chat.lines) + timedelta(days=1)
        chat.add(t, owner, "Hallo {name}, Ihre Bestellung ist abholbereit.")
    return owner, chats


PERSONAS = {
    "normal_shop": normal_shop,
    "broadcast_heavy": broadcast_heavy,
    "cold_outreach": cold_campaign,
    "bulk_tool": bulk_tool,
    "bot_on_app": bot_on_app,
    "optout_ignored": optout_ignored,
    "optout_respected": optout_respected,
    "group_spammer": group_spammer,
    "small_group": small_group,
    "minute_resolution_android": lambda **kw: bulk_tool(seconds=False, **kw),
    "nagging": nagging,
    "prohibited_shop": prohibited_shop,
    "shortener_shop": shortener_shop,
    "night_sender": night_sender,
    "promo_heavy": promo_heavy,
    "blocked_shop": blocked_shop,
    "tool_fixed_delay": tool_fixed_delay,
    "few_placeholders": few_placeholders,
}


def reminder_round(lang="nl", seed=18, n=30, sigma=0.6, platform="ios"):
    """A normal shop whose owner types personalised appointment reminders one after another
    every morning (human pace: log-normal gaps around 40 s), to customers who booked."""
    rng = random.Random(seed)
    owner, chats = normal_shop(lang, seed=seed, platform=platform, n=max(n, 40))
    t_ = TXT[lang]
    for day in range(3):
        t = START + timedelta(days=60 + 14 * day, hours=0, minutes=5)
        for chat in chats[:n]:
            t += timedelta(seconds=max(8.0, rng.lognormvariate(3.7, sigma)))
            first = chat.title.split()[0]
            when = t + timedelta(days=1)
            chat.add(
                t,
                owner,
                t_["reminder"].format(
                    n=first,
                    d=when.strftime("%d-%m"),
                    t=f"{rng.randint(9, 16)}:{rng.choice(['00', '15', '30', '45'])}",
                ),
            )
            if rng.random() < 0.7:
                chat.add(
                    t + timedelta(minutes=rng.randint(5, 240)),
                    chat.title,
                    rng.choice(t_["thanks_in"]),
                )
    return owner, chats


PERSONAS["reminder_round"] = reminder_round


def spammer(lang="nl", seed=19):
    """Everything at once: the same promotion to hundreds of chats, STOP ignored, a bot
    menu, spun cold texts and mass group adds (HEURISTICS §5 prose)."""
    rng = random.Random(seed)
    owner, chats = customers(lang, n=120, days=30, seed=seed)
    t_ = TXT[lang]
    when = START + timedelta(days=35, hours=1)
    broadcast(chats, owner, t_["promo"][0], when, rng, 0.02, t_["thanks_in"][0])
    victim = chats[0]
    victim.add(when + timedelta(hours=3), victim.title, t_["stop"])
    victim.add(when + timedelta(days=3), owner, t_["promo"][1])
    victim.add(when + timedelta(days=6), owner, t_["promo"][0])
    _, cold = cold_campaign(lang, seed=seed, n=150, start=when + timedelta(days=1))
    _, bots = bot_on_app(lang, seed=seed, n=12)
    _, groups = group_spammer(lang, seed=seed, adds=120, groups=3)
    groups = [g for g in groups if g.group]
    return owner, chats + cold + bots + groups


def shipping_notices(lang="en", seed=20, per_day=25, days=10):
    """A web shop that tells each buyer their parcel has shipped (utility, rarely answered)."""
    rng = random.Random(seed)
    owner, chats = customers(lang, n=per_day * days, days=20, seed=seed)
    text = {
        "en": "Good news {n}! Your order {o} has shipped. Track it here: https://www.bakerybrown.co.uk/track/{o}",
        "nl": "Goed nieuws {n}! Je bestelling {o} is verzonden. Volg hem hier: https://www.vandijkfietsen.nl/track/{o}",
        "de": "Gute Nachricht {n}! Ihre Bestellung {o} wurde versandt. Verfolgen: https://www.blumen-schulz.de/track/{o}",
    }[lang]
    for i, chat in enumerate(chats):
        t = START + timedelta(
            days=25 + i // per_day, hours=rng.randint(1, 8), minutes=rng.randrange(60)
        )
        chat.add(t, owner, text.format(n=chat.title.split()[0], o=10000 + i))
        if rng.random() < 0.05:
            chat.add(t + timedelta(hours=2), chat.title, TXT[lang]["thanks_in"][0])
    return owner, chats


def warm_paste(lang="de", seed=21, n=300, gap=20):
    """The owner pastes one promotion into 300 customer chats by hand, one every ~20 s."""
    rng = random.Random(seed)
    owner, chats = customers(lang, n=n, days=20, seed=seed)
    t = START + timedelta(days=30, hours=1)
    for chat in chats:
        t += timedelta(seconds=rng.randint(gap // 2, gap * 2))
        chat.add(t, owner, TXT[lang]["promo"][0])
        if rng.random() < 0.08:
            chat.add(t + timedelta(hours=4), chat.title, TXT[lang]["thanks_in"][0])
    return owner, chats


PERSONAS.update(
    {"spammer": spammer, "shipping_notices": shipping_notices, "warm_paste": warm_paste}
)


def restaurant(lang="nl", seed=22, n=60):
    """Guests ask for the menu and book tables; the owner sends the numbered menu by hand and
    asks them to confirm with YES/JA (human, not a bot)."""
    rng = random.Random(seed)
    owner, chats = customers(lang, n=n, days=60, seed=seed, greeting=False)
    menu = {
        "nl": "Hier is ons menu van deze week:\n1. Tomatensoep\n2. Risotto met paddenstoelen\n3. Tiramisu",
        "de": "Hier ist unsere Karte dieser Woche:\n1. Tomatensuppe\n2. Pilzrisotto\n3. Tiramisu",
        "en": "Here is this week's menu:\n1. Tomato soup\n2. Mushroom risotto\n3. Tiramisu",
    }[lang]
    confirm = {
        "nl": "Stuur JA ter bevestiging van je reservering voor {d}.",
        "de": "Antworten Sie mit JA, um Ihre Reservierung für {d} zu bestätigen.",
        "en": "Reply YES to confirm your table for {d}.",
    }[lang]
    for chat in chats:
        t = max(x[0] for x in chat.lines) + timedelta(days=rng.randint(1, 5))
        t = t.replace(hour=rng.randint(10, 17))
        chat.add(
            t,
            chat.title,
            {
                "nl": "Wat staat er op het menu?",
                "de": "Was gibt es heute?",
                "en": "What's on the menu?",
            }[lang],
        )
        t += timedelta(minutes=rng.randint(1, 4))
        chat.add(t, owner, menu)
        t += timedelta(minutes=rng.randint(2, 20))
        chat.add(
            t,
            owner,
            confirm.format(
                d="zaterdag" if lang == "nl" else "Samstag" if lang == "de" else "Saturday"
            ),
        )
        t += timedelta(minutes=rng.randint(1, 30))
        chat.add(t, chat.title, {"nl": "JA", "de": "JA", "en": "YES"}[lang])
    return owner, chats


PERSONAS["restaurant"] = restaurant


def slow_cold(lang="de", seed=23, per_day=5, days=30):
    """Cold outreach spread thin: 5 strangers a day for a month, rarely answered."""
    owner, chats = customers(lang, n=40, days=60, seed=seed)
    for d in range(days):
        _, cold = cold_campaign(
            lang, seed=seed + d, n=per_day, answer=0.1, start=START + timedelta(days=10 + d)
        )
        chats += cold
    return owner, chats


PERSONAS["slow_cold"] = slow_cold


def tool_batches(lang="en", seed=24, batches=6, size=10, pause=1800):
    """A tool that sends batches of 10 with a 30-minute pause between them (iPhone export)."""
    rng = random.Random(seed)
    owner = OWNERS[lang]
    t = START + timedelta(days=3, hours=1)
    chats = []
    k = 0
    for _b in range(batches):
        for _i in range(size):
            name = f"{NAMES[lang][k % len(NAMES[lang])]} {k}"
            chat = ChatFile(title=name, platform="ios", lang=lang)
            t += timedelta(seconds=rng.randint(3, 8))
            chat.add(t, owner, TXT[lang]["promo"][k % 2])
            chats.append(chat)
            k += 1
        t += timedelta(seconds=pause)
    _, extra = customers(lang, n=15, days=30, seed=seed, platform="ios")
    return owner, chats + extra


PERSONAS["tool_batches"] = tool_batches
