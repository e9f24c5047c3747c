"""Personas of issue 9 (trust on real business histories), written as real export files.

Each returns (owner, [ChatFile]); the tests in test_trust.py name the rules that must be red
and the rules that must not be red for each of them.
"""

from __future__ import annotations

import random
from datetime import timedelta

from tests.rules.personas import NAMES, OWNERS, START, TXT, _people, _phone, customers, normal_shop
from tests.rules.spintax import PITCHES, spin
from wa_audit.demo import ChatFile

PROMO = {
    "nl": "Actie! 30% korting op alle fietsverlichting, alleen dit weekend. Bestel nu via www.vandijkfietsen.nl",
    "de": "Aktion! 30% Rabatt auf alle Blumensträuße, nur dieses Wochenende. Jetzt bestellen auf www.blumen-schulz.de",
    "en": "Sale! 30% off all cakes, this weekend only. Order now at www.bakerybrown.co.uk",
}


def identical_bulk(lang="nl", seed=21, n=474, minutes=74):
    """A bulk sender pasting one promotion into `n` chats with strangers within `minutes`;
    nobody answers, so many exports are byte-identical (same lines at the same minute, only
    the file name - the contact - differs)."""
    rng = random.Random(seed)
    owner = OWNERS[lang]
    t0 = (START + timedelta(days=30)).replace(hour=10, minute=0)
    chats = []
    for i in range(n):
        chat = ChatFile(title=_phone(lang, rng), lang=lang)  # Android: minutes only
        chat.add(t0 + timedelta(minutes=i * minutes // n), owner, PROMO[lang])
        chats.append(chat)
    _, regulars = customers(lang, n=20, days=60, seed=seed, start=START)
    return owner, chats + regulars


def polite_customers(lang="de", seed=22, n=60):
    """A practice whose polite customers write 'ich melde mich morgen' / 'ik meld me'."""
    owner, chats = normal_shop(lang, seed=seed, n=n)
    lines = {
        "de": [
            "Vielen Dank, ich melde mich morgen wieder.",
            "Ich melde mich für einen neuen Termin, sobald ich meinen Dienstplan habe.",
            "Alles klar, ich melde mich dann telefonisch.",
        ],
        "nl": [
            "Dank je, ik meld me morgen weer.",
            "Ik heb me aangemeld via de website, klopt dat?",
            "Prima, ik meld me wel als ik tijd heb.",
        ],
    }[lang]
    rng = random.Random(seed)
    for chat in chats[:40]:
        last = max(x[0] for x in chat.lines)
        chat.add(last + timedelta(minutes=rng.randint(2, 30)), chat.title, rng.choice(lines))
    return owner, chats


def filled_group(lang="de", seed=23, members=40, complainers=8, stop=True, added_me=0):
    """A shop that created a group, added `members` people it had no chat with, and posts
    promotions there; members ask who added them and how the shop got their number, one
    writes STOP and keeps getting the posts. With `added_me`, that many further members ask
    only "who added me to this group?", and in a friends' group someone else added the
    owner to, a member asks the same (that one is no complaint about the business)."""
    owner, chats = normal_shop(lang, seed=seed, n=30)
    you = {"de": "Du hast", "nl": "Je hebt", "en": "You"}[lang]
    title = {"de": "Top Angebote", "nl": "Topaanbiedingen", "en": "Top deals"}[lang]
    grp = ChatFile(title=title, lang=lang, group=True)
    t = START + timedelta(days=45, hours=1)
    grp.add(
        t,
        None,
        {
            "de": f'{you} die Gruppe "{title}" erstellt.',
            "nl": f'{you} groep "{title}" gemaakt',
            "en": f'You created group "{title}"',
        }[lang],
    )
    people = [f"{NAMES[lang][j % len(NAMES[lang])]} G{j}" for j in range(members)]
    for j in range(0, members, 4):
        names = ", ".join(people[j : j + 4])
        line = {
            "de": f"{you} {names} hinzugefügt.",
            "nl": f"{you} {names} toegevoegd",
            "en": f"You added {names}",
        }[lang]
        grp.add(t + timedelta(minutes=1 + j // 4), None, line)
    complaints = {
        "de": [
            "Woher haben Sie meine Nummer?",
            "Wer ist das? Woher haben Sie meine Nummer?",
            "Das ist Spam, ich habe Sie bei WhatsApp gemeldet.",
        ],
        "nl": [
            "Hoe komt u aan mijn nummer?",
            "Wie is dit? Hoe komt u aan mijn nummer?",
            "Dit is spam, ik heb jullie gemeld bij WhatsApp.",
        ],
        "en": [
            "How did you get my number?",
            "Who is this? How did you get my number?",
            "This is spam, I reported this number.",
        ],
    }[lang]
    for k in range(4):
        grp.add(t + timedelta(days=k, hours=2), owner, TXT[lang]["promo"][k % 2])
    for j in range(complainers):
        grp.add(t + timedelta(hours=3, minutes=7 * j), people[j], complaints[j % len(complaints)])
    who = WHO_ADDED_ME[lang]
    for k, j in enumerate(range(complainers, complainers + added_me)):
        grp.add(t + timedelta(hours=4, minutes=3 * k), people[j], who[k % len(who)])
    if stop:
        grp.add(t + timedelta(hours=5), people[-1], TXT[lang]["stop"])
    # ordinary members chatting
    first = complainers + added_me
    for j in range(first, first + 5):
        grp.add(t + timedelta(hours=6, minutes=j), people[j], TXT[lang]["thanks_in"][j % 4])
    chats.append(grp)
    if added_me:
        chats.append(_friends_group(lang, t + timedelta(days=2)))
    return owner, chats


WHO_ADDED_ME = {
    "de": ["Wer hat mich hier hinzugefügt?", "Warum wurde ich in diese Gruppe hinzugefügt?"],
    "nl": ["Wie heeft mij aan deze groep toegevoegd?", "Waarom ben ik hier toegevoegd?"],
    "en": ["Who added me to this group?", "Why was I added to this group?"],
}


def _friends_group(lang: str, t) -> ChatFile:
    """A group a friend created and added the owner to: its members' questions are theirs."""
    title = {"de": "Stammtisch", "nl": "Vriendengroep", "en": "Friends"}[lang]
    friend, other = NAMES[lang][0] + " F", NAMES[lang][1] + " F"
    grp = ChatFile(title=title, lang=lang, group=True)
    grp.add(
        t,
        None,
        {
            "de": f'{friend} hat die Gruppe "{title}" erstellt.',
            "nl": f'{friend} heeft groep "{title}" gemaakt',
            "en": f'{friend} created group "{title}"',
        }[lang],
    )
    grp.add(
        t + timedelta(minutes=1),
        None,
        {
            "de": f"{friend} hat dich hinzugefügt.",
            "nl": f"{friend} heeft je toegevoegd",
            "en": f"{friend} added you",
        }[lang],
    )
    grp.add(
        t + timedelta(minutes=2),
        friend,
        {"de": "Hallo zusammen!", "nl": "Hoi allemaal!", "en": "Hi all!"}[lang],
    )
    grp.add(t + timedelta(minutes=5), other, WHO_ADDED_ME[lang][0])
    grp.add(
        t + timedelta(minutes=6),
        friend,
        {"de": "Ich, Spaß", "nl": "Ik, grapje", "en": "Me, just kidding"}[lang],
    )
    return grp


def menu_bot(lang="nl", seed=24, n=60):
    """A chatbot on the Business app: every customer message, day and night, gets a menu
    text within seconds; nobody at the business types anything."""
    rng = random.Random(seed)
    owner = OWNERS[lang]
    t_ = TXT[lang]
    sorry = {
        "nl": "Sorry, dat begreep ik niet. Antwoord met 1, 2 of 3 om verder te gaan.",
        "de": "Entschuldigung, das habe ich nicht verstanden. Antworte mit 1, 2 oder 3.",
        "en": "Sorry, I did not understand that. Reply with 1, 2 or 3 to continue.",
    }[lang]
    chats = []
    for name in _people(lang, n, rng):
        chat = ChatFile(title=name, platform="ios", lang=lang)
        t = START + timedelta(days=rng.randrange(0, 30), hours=rng.randrange(24))
        for _ in range(rng.randint(3, 6)):
            t = t.replace(hour=rng.randrange(24), minute=rng.randrange(60))
            chat.add(t, name, rng.choice(t_["ask"]))
            t += timedelta(seconds=rng.randint(1, 4))
            chat.add(t, owner, t_["menu"])
            t += timedelta(seconds=rng.randint(15, 60))
            choice = rng.randint(1, 3)
            chat.add(t, name, str(choice))
            t += timedelta(seconds=rng.randint(1, 3))
            chat.add(t, owner, t_["menu_answers"][choice - 1])
            t += timedelta(minutes=rng.randint(1, 5))
            chat.add(t, name, rng.choice(t_["thanks_in"]))
            t += timedelta(seconds=rng.randint(1, 3))
            chat.add(t, owner, sorry)
            t += timedelta(days=rng.randint(1, 4), hours=rng.randint(1, 12))
        chats.append(chat)
    return owner, chats


def spintax_campaign(lang="en", seed=25, n=400, pitches=("en",)):
    """About 400 spun sales pitches (synonyms swapped, sentences reordered) to strangers,
    sent by hand-ish gaps over a few hours; a few answer."""
    rng = random.Random(seed)
    owner = OWNERS[lang]
    t = (START + timedelta(days=20)).replace(hour=9, minute=0)
    chats = []
    for i in range(n):
        chat = ChatFile(title=_phone(lang, rng), platform="ios", lang=lang)
        t += timedelta(seconds=rng.randint(15, 60))
        chat.add(t, owner, spin(PITCHES[pitches[i % len(pitches)]], rng))
        if rng.random() < 0.05:
            chat.add(t + timedelta(hours=2), chat.title, TXT[lang]["thanks_in"][0])
        chats.append(chat)
    _, regulars = customers(lang, n=20, days=60, seed=seed, start=START, platform="ios")
    return owner, chats + regulars


def followup_streaks(lang="nl", seed=26, n=40):
    """A sales business pasting a pitch to strangers and then the same follow-ups into the
    chats that never answered, on days 3, 10 and 24: many chats with 3 unanswered messages
    within a week of each other (and a fourth two weeks later)."""
    rng = random.Random(seed)
    owner, chats = normal_shop(lang, seed=seed, n=40)
    t_ = TXT[lang]
    t0 = (START + timedelta(days=30)).replace(hour=11, minute=0)
    follow = {
        "nl": "Hoi, ik wilde nog even vragen of je onze aanbieding voor zonnepanelen hebt gezien. Laat het gerust weten!",
        "de": "Hallo, ich wollte kurz nachfragen, ob Sie unser Angebot für Solaranlagen gesehen haben. Melden Sie sich gern!",
        "en": "Hi, just checking whether you saw our solar panel offer. Let me know!",
    }[lang]
    last = {
        "nl": "Laatste herinnering: onze aanbieding voor zonnepanelen loopt bijna af. Zal ik je bellen?",
        "de": "Letzte Erinnerung: unser Angebot für Solaranlagen endet bald. Soll ich Sie anrufen?",
        "en": "Last reminder: our solar panel offer ends soon. Shall I call you?",
    }[lang]
    for i in range(n):
        chat = ChatFile(title=_phone(lang, rng), lang=lang)
        chat.add(t0 + timedelta(minutes=i // 8), owner, t_["cold"][0].format(g="Hallo", o=owner))
        for day, text in ((3, follow), (10, follow), (24, last)):
            chat.add(t0 + timedelta(days=day, minutes=i // 8), owner, text)
        chats.append(chat)
    return owner, chats


def round_the_clock_tool(lang="en", seed=27, n=600, gap=60):
    """An unofficial sending tool: one offer to strangers every `gap` seconds (+- 1 s), day
    and night, from a number where nobody ever types an answer."""
    rng = random.Random(seed)
    owner = OWNERS[lang]
    t = (START + timedelta(days=10)).replace(hour=0, minute=0)
    chats = []
    for i in range(n):
        chat = ChatFile(title=_phone(lang, rng), platform="ios", lang=lang)
        name = NAMES[lang][i % len(NAMES[lang])].split()[0]
        t += timedelta(seconds=gap + rng.choice([-1, 0, 0, 1]))
        if i % 100 == 99:
            t += timedelta(hours=2, minutes=rng.randrange(60))  # the tool pauses, then goes on
        chat.add(
            t,
            owner,
            f"Hi {name}, exclusive deal for you today: 40% off. Order at www.deals-now.biz/{i}",
        )
        chats.append(chat)
    return owner, chats


def silent_subscribers(lang="nl", seed=28, n=60, months=5):
    """A shop's monthly newsletter to people who signed up at the counter and never write
    back: unanswered, but a month apart - not nagging."""
    rng = random.Random(seed)
    owner, chats = normal_shop(lang, seed=seed, n=40)
    subs = [ChatFile(title=_phone(lang, rng), lang=lang) for _ in range(n)]
    for k in range(months):
        when = (START + timedelta(days=10 + 30 * k)).replace(hour=10, minute=0)
        text = TXT[lang]["news"][k % len(TXT[lang]["news"])]
        for chat in subs:
            chat.add(when + timedelta(seconds=rng.randint(0, 40)), owner, text)
    return owner, chats + subs


PERSONAS = {
    "identical_bulk": identical_bulk,
    "polite_customers": polite_customers,
    "filled_group": filled_group,
    "menu_bot": menu_bot,
    "spintax_campaign": spintax_campaign,
    "followup_streaks": followup_streaks,
    "round_the_clock_tool": round_the_clock_tool,
    "silent_subscribers": silent_subscribers,
}
