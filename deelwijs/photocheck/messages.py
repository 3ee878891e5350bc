"""The photo check's own messages, in Dutch and English. Text findings keep the post check's messages."""

FACE, CODE, TEXT, UNREAD = "face", "code", "text", "unread"

MESSAGES = {
    "nl": {
        "photo.face": (
            "Een herkenbaar gezicht. Gebruik de foto alleen als deze persoon toestemming gaf voor dit kanaal, "
            "of vervaag het gezicht."
        ),
        "photo.code": (
            "Een streepjescode of QR-code. Zo’n code kan een cliënt of dossier aanwijzen (polsbandje, etiket, "
            "dossier): vervaag hem."
        ),
        "photo.code_link": "Een QR-code met een link ({text}). Kijk waar hij heen gaat, of vervaag hem.",
        "photo.code_product": "Een streepjescode van een product. Meestal onschuldig; kijk of er een naam bij staat.",
        "photo.text_unread": (
            "De tekst op deze foto kon niet op tijd gelezen worden. Kijk zelf of er namen, kamernummers of andere "
            "gegevens op staan."
        ),
    },
    "en": {
        "photo.face": (
            "A recognisable face. Use the photo only if this person consented for this channel, or blur the face."
        ),
        "photo.code": (
            "A barcode or QR code. Such a code can point to a client or a record (a wristband, a label, a file): "
            "blur it."
        ),
        "photo.code_link": "A QR code with a link ({text}). Check where it leads, or blur it.",
        "photo.code_product": "A product's barcode. Usually harmless; check whether a name is next to it.",
        "photo.text_unread": (
            "The text in this photo could not be read in time. Check yourself for names, room numbers or other data."
        ),
    },
}

POLICIES = {
    "nl": {
        "photo.face": "Beeldtoestemming: niemand komt zonder toestemming in beeld.",
        "photo.code": "Beroepsgeheim: geen nummers of codes waarmee iemand te vinden is.",
        "photo.text_unread": (
            "Beroepsgeheim: maak nooit herkenbaar wie zorg krijgt, ook niet met wat er op de foto te lezen is."
        ),
    },
    "en": {
        "photo.face": "Photo consent: nobody is shown without their consent.",
        "photo.code": "Professional secrecy: no numbers or codes by which someone can be found.",
        "photo.text_unread": (
            "Professional secrecy: never make recognisable who receives care, also not by what can be read in a photo."
        ),
    },
}


def message(rule: str, lang: str, **values: str) -> str:
    return MESSAGES[lang][rule].format(**values)


def policy_line(rule: str, lang: str) -> str:
    base = "photo.code" if rule.startswith("photo.code") else rule
    return POLICIES[lang][base]
