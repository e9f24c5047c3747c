"""Message content: system lines, media, deleted/edited markers, invisible marks, encodings."""

from __future__ import annotations

import pytest

from wa_audit.importer import parse_file
from wa_audit.model import Event, Kind

LRM = "\u200e"


def parse_text(write, text: str, name: str = "chat.txt", encoding: str = "utf-8"):
    parsed = parse_file(write(name, text, encoding))
    return parsed, list(parsed)


@pytest.mark.parametrize(
    ("line", "event", "by_owner"),
    [
        ("You added Bram", Event.ADDED, True),
        ("Anna added Bram", Event.ADDED, False),
        ("Je hebt Bram toegevoegd", Event.ADDED, True),
        ("Anna de Vries heeft Bram toegevoegd", Event.ADDED, False),
        ("Du hast Bram hinzugefügt.", Event.ADDED, True),
        ("Anna hat Bram hinzugefügt.", Event.ADDED, False),
        ("Vous avez ajouté Bram", Event.ADDED, True),
        ("Añadiste a Bram", Event.ADDED, True),
        ("Hai aggiunto Bram", Event.ADDED, True),
        ("Você adicionou Bram", Event.ADDED, True),
        ("Bram left", Event.LEFT, False),
        ("Bram heeft de groep verlaten", Event.LEFT, False),
        ("Bram hat die Gruppe verlassen.", Event.LEFT, False),
        ("You blocked this contact.", Event.BLOCKED, True),
        ("Je hebt dit contact geblokkeerd.", Event.BLOCKED, True),
        ("Du hast diesen Kontakt blockiert.", Event.BLOCKED, True),
        ('Anna changed the subject to "Sale: 50%"', Event.SUBJECT, False),
        (
            "+31 6 1234 5678 added you to a group in the community: Buurtpreventie",
            Event.ADDED,
            False,
        ),
        (
            "Berichten en oproepen worden end-to-end versleuteld. Niemand buiten deze chat kan ze lezen of beluisteren, zelfs WhatsApp niet. Tik voor meer informatie.",
            Event.ENCRYPTION,
            False,
        ),
        (
            "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren.",
            Event.ENCRYPTION,
            False,
        ),
        ("Les messages et les appels sont chiffrés de bout en bout.", Event.ENCRYPTION, False),
        (
            "Los mensajes y las llamadas están cifrados de extremo a extremo.",
            Event.ENCRYPTION,
            False,
        ),
        ("I messaggi e le chiamate sono crittografati end-to-end.", Event.ENCRYPTION, False),
        (
            "As mensagens e as chamadas são criptografadas de ponta a ponta.",
            Event.ENCRYPTION,
            False,
        ),
        (
            "This business uses a secure service from Meta to manage this chat. Tap to learn more.",
            Event.META_HOSTED,
            False,
        ),
        ("Your security code with Bram changed. Tap to learn more.", Event.SECURITY_CODE, False),
    ],
)
def test_android_system_lines(write, line, event, by_owner):
    text = (
        f"03/11/2026, 09:05 - Anna: hoi\n03/11/2026, 09:06 - {line}\n13/11/2026, 09:07 - Anna: ok\n"
    )
    _, out = parse_text(write, text)
    msg = out[1]
    assert msg.kind == Kind.SYSTEM and msg.sender is None
    assert msg.event == event
    assert msg.actor_is_owner is by_owner
    assert msg.text == line


def test_unknown_sender_less_line_is_system_other(write):
    _, out = parse_text(
        write, "03/11/2026, 09:05 - Anna: hoi\n03/11/2026, 09:06 - Ein neues Ding\n"
    )
    assert out[1].kind == Kind.SYSTEM and out[1].event == Event.OTHER


def test_ios_system_lines_attributed_to_chat_name(write):
    text = (
        f"[03/11/2026, 09:05:07] Bakkerij Jansen: {LRM}Messages and calls are end-to-end "
        "encrypted. Only people in this chat can read, listen to, or share them.\n"
        f"[03/11/2026, 09:05:09] Klantengroep: {LRM}Anna added Bram\n"
        f"[03/11/2026, 09:06:00] Anna: {LRM}You deleted this message.\n"
        f"{LRM}[03/11/2026, 09:07:31] Anna: {LRM}<attached: 00000012-PHOTO-2026-11-03-09-07-31.jpg>\n"
        f"[03/11/2026, 09:08:00] Anna: {LRM}image omitted\n"
        f"[03/11/2026, 09:09:00] Anna: Kom ik om 3 uur {LRM}<This message was edited>\n"
        f"[13/11/2026, 09:09:00] Anna: {LRM}Missed voice call\n"
    )
    parsed, out = parse_text(write, text)
    assert [m.kind for m in out] == [
        "system",
        "system",
        "deleted",
        "media",
        "media",
        "text",
        "system",
    ]
    assert out[0].sender is None and out[0].event == Event.ENCRYPTION
    assert out[1].sender is None and out[1].event == Event.ADDED
    assert out[3].attachment == "00000012-PHOTO-2026-11-03-09-07-31.jpg"
    assert out[3].text == "<attached: 00000012-PHOTO-2026-11-03-09-07-31.jpg>"
    assert out[5].text == "Kom ik om 3 uur" and out[5].edited
    assert out[6].event == Event.MISSED_CALL and out[6].sender == "Anna"
    assert parsed.facts.starts_with_encryption_notice


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("<Media omitted>", Kind.MEDIA),
        ("<Media weggelaten>", Kind.MEDIA),
        ("<Medien ausgeschlossen>", Kind.MEDIA),
        ("<Médias omis>", Kind.MEDIA),
        ("<Multimedia omitido>", Kind.MEDIA),
        ("<Media omessi>", Kind.MEDIA),
        ("<Mídia omitida>", Kind.MEDIA),
        ("This message was deleted", Kind.DELETED),
        ("Dit bericht is verwijderd", Kind.DELETED),
        ("U hebt dit bericht verwijderd", Kind.DELETED),
        ("Diese Nachricht wurde gelöscht", Kind.DELETED),
        ("Ce message a été supprimé", Kind.DELETED),
        ("Se eliminó este mensaje", Kind.DELETED),
        ("Questo messaggio è stato eliminato", Kind.DELETED),
        ("Mensagem apagada", Kind.DELETED),
        ("I saw the <Media omitted> text in a sentence", Kind.TEXT),
        ("image omitted because I forgot", Kind.TEXT),
    ],
)
def test_android_placeholders(write, body, kind):
    _, out = parse_text(write, f"03/11/2026, 09:05 - Anna: {body}\n")
    assert out[0].kind == kind


def test_android_file_attached_with_caption(write):
    text = (
        f"03/11/2026, 09:05 - Anna: {LRM}IMG-20261103-WA0003.jpg (bestand bijgevoegd)\n"
        "Dit is de taart\n03/11/2026, 09:06 - Bram: Mooi\n"
    )
    _, out = parse_text(write, text)
    assert out[0].kind == Kind.MEDIA
    assert out[0].attachment == "IMG-20261103-WA0003.jpg"
    assert out[0].text == "IMG-20261103-WA0003.jpg (bestand bijgevoegd)\nDit is de taart"


@pytest.mark.parametrize(
    "marker",
    ["<This message was edited>", "<Dit bericht is bewerkt>", "<Diese Nachricht wurde bearbeitet>",
     "<Ce message a été modifié>", "<Este mensaje fue editado>"],
)  # fmt: skip
def test_edited_marker_removed(write, marker):
    _, out = parse_text(write, f"03/11/2026, 09:05 - Anna: Ik kom om 3 uur {marker}\n")
    assert out[0].text == "Ik kom om 3 uur" and out[0].edited


def test_multiline_with_empty_lines_and_date_like_continuations(write):
    text = (
        "03/11/2026, 09:05 - Anna: Training:\n\n20.15.21.15 h training\n1. Manisha - rep\n"
        "2016-04-29 10:30:00\n\n03/11/2026, 09:06 - Bram: ok\n"
    )
    parsed, out = parse_text(write, text)
    assert (
        out[0].text
        == "Training:\n\n20.15.21.15 h training\n1. Manisha - rep\n2016-04-29 10:30:00\n"
    )
    assert out[1].line == 7
    assert parsed.facts.date_order == "dmy"


def test_empty_body_and_name_colon(write):
    text = "03/11/2026, 09:05 - Anna:\n03/11/2026, 09:06 - Bram: a: b: c\n"
    _, out = parse_text(write, text)
    assert (out[0].sender, out[0].text) == ("Anna", "")
    assert (out[1].sender, out[1].text) == ("Bram", "a: b: c")


def test_invisible_marks_stripped_from_names_kept_in_text(write):
    text = (
        "[03/11/2026, 09:05:07] \u202a+31 6 1234 5678\u202c: Hallo\u200f daar\n"
        "[03/11/2026, 09:05:08] ~\u202fKees: hoi \u202f!\n"
    )
    _, out = parse_text(write, text)
    assert out[0].sender == "+31 6 1234 5678"
    assert out[0].text == "Hallo\u200f daar"
    assert out[1].sender == "Kees" and out[1].not_in_contacts
    assert out[1].text == "hoi \u202f!"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("cp1252", b"")],
)  # fmt: skip
def test_encodings(write, encoding, bom):
    text = "03/11/2026, 09:05 - Anna: Grüße én €5\r\n03/11/2026, 09:06 - Bram: Danke\r\n"
    parsed = parse_file(write("chat.txt", bom + text.encode(encoding)))
    out = list(parsed)
    assert [m.text for m in out] == ["Grüße én €5", "Danke"]
    assert out[0].sender == "Anna"
    if encoding == "cp1252":
        assert "encoding:cp1252" in parsed.facts.warnings


def test_crlf_and_bare_cr_and_lf_mixed(write):
    text = (
        "03/11/2026, 09:05 - Anna: a\r\nb\n03/11/2026, 09:06 - Bram: c\r03/11/2026, 09:07 - Bram: d"
    )
    _, out = parse_text(write, text)
    assert [m.text for m in out] == ["a\nb", "c", "d"]


def test_lines_before_first_message_are_reported_not_lost(write):
    text = (
        "some junk\n\nmore junk\n03/11/2026, 09:05 - Anna: hoi\n03/11/2026, 09:06 - Bram: hallo\n"
    )
    parsed, out = parse_text(write, text)
    assert [(u.line, u.reason) for u in parsed.facts.unparsed] == [
        (1, "before_first_message"),
        (3, "before_first_message"),
    ]
    assert out[0].line == 4


def test_header_like_continuation_is_kept_and_flagged(write):
    normal = "".join(f"{d:02d}/11/2026, 09:05 - Anna: hoi {d}\n" for d in range(1, 20))
    text = normal + "2026-11-03, 09:05 - Anna: other format\n20/11/2026, 09:05 - Bram: ok\n"
    parsed, out = parse_text(write, text)
    assert parsed.facts.date_order == "dmy"
    assert out[18].text == "hoi 19\n2026-11-03, 09:05 - Anna: other format"
    assert [(u.line, u.reason) for u in parsed.facts.unparsed] == [(20, "looks_like_header")]


def test_broadcast_list_export_is_recognised(write):
    for lang, created in [
        ("en", "You created a broadcast list with 38 recipients"),
        ("nl", "Je hebt een verzendlijst met 38 ontvangers gemaakt"),
        ("de", "Du hast eine Broadcast-Liste mit 38 Empfängern erstellt."),
    ]:
        text = (
            f"03/11/2026, 09:05 - {created}\n"
            "03/11/2026, 09:06 - Bakkerij Jansen: Zaterdag 20% korting op alle taarten!\n"
            "10/11/2026, 09:06 - Bakkerij Jansen: Nieuw: appeltaart\n"
        )
        parsed, _ = parse_text(write, text, name=f"b_{lang}.txt")
        assert parsed.facts.broadcast == "yes", lang
        assert parsed.facts.broadcast_recipients == 38
        assert not parsed.facts.is_group


def test_unknown_language_broadcast_shape_is_probable(write):
    text = (
        "03/11/2026, 09:05 - Mesaje către această listă sunt criptate.\n"
        "03/11/2026, 09:06 - Bakkerij Jansen: Promo 1\n"
        "10/11/2026, 09:06 - Bakkerij Jansen: Promo 2\n"
    )
    parsed, _ = parse_text(write, text)
    assert parsed.facts.broadcast == "probable"
    assert "probable_broadcast_list" in parsed.facts.warnings


def test_export_at_the_cap_is_probably_truncated(write):
    lines = [f"03/11/2026, 09:05 - Anna: bericht {i}" for i in range(39_950)]
    parsed, out = parse_text(write, "\n".join(lines) + "\n")
    assert len(out) == 39_950
    assert parsed.facts.probably_truncated


@pytest.mark.parametrize(
    "header",
    [
        "[٢٤\u200f/١١\u200f/٢٠٢٦، ٢:٠٥:٠٩ م] ",  # Arabic-Indic digits, RLM, Arabic comma, PM
        "[11/24/2569 BE, 14:05:09] ",  # Thai Buddhist year
        "[11/24/R8, 14:05:09] ",  # Japanese era Reiwa 8
    ],
)
def test_calendars_and_digits(write, header):
    _, out = parse_text(write, f"{header}Ali: hallo\n")
    assert out[0].ts == "2026-11-24T14:05:09" and out[0].sender == "Ali"


def test_ios_document_with_pages_and_call_keeps_the_caller(write):
    text = (
        f"[03/11/2026, 09:05:07] Anna: Offerte.pdf • {LRM}3 pages {LRM}<attached: 00000013-Offerte.pdf>\n"
        f"[03/11/2026, 09:06:07] Anna: {LRM}Missed voice call. {LRM}Tap to call back\n"
    )
    _, out = parse_text(write, text)
    assert out[0].kind == Kind.MEDIA and out[0].attachment == "00000013-Offerte.pdf"
    assert out[1].kind == Kind.SYSTEM and out[1].event == Event.MISSED_CALL
    assert out[1].sender == "Anna"


def test_line_count_when_the_file_does_not_end_with_a_newline(write):
    parsed, _ = parse_text(write, "03/11/2026, 09:05 - Anna: a\nb\n03/11/2026, 09:06 - Bram: c\nd")
    assert parsed.facts.line_count == 4


def test_ios_encryption_notice_without_direction_mark(write):
    text = (
        "[03/11/2026, 09:05:07] Bakkerij Jansen: Messages and calls are end-to-end encrypted. "
        "Only people in this chat can read, listen to, or share them.\n"
        "[03/11/2026, 09:05:08] Anna: Messages and calls are end-to-end encrypted, right?\n"
    )
    parsed, out = parse_text(write, text)
    assert out[0].kind == Kind.SYSTEM and out[0].sender is None
    assert parsed.facts.starts_with_encryption_notice
    assert out[1].kind == Kind.TEXT  # a customer writing about it later is a message
