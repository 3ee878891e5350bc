"""client_contact: private contact with clients and discussing clients in a chat group."""

import regex as re

from ..text import Doc, Emit

CHANNEL = re.compile(
    r"(?<![\p{L}])(?:priv[eé]-?nummer|priv[eé][\s-](?:whatsapp|facebook|instagram|account|telefoon|mail|nummer|app|"
    r"bereiken|bellen|contact)|persoonlijke?\s(?:account|whatsapp[\w-]*|facebook|instagram|telefoon|nummer|pagina|"
    r"profiel)|mijn\s(?:eigen\s|priv[eé]\s)?(?:nummer|06|mobiel|telefoonnummer)|groepsapp|app-?groep|"
    r"whatsapp-?groep|(?:app|bel|sms|whatsapp)\s(?:me|mij)\s(?:gerust|maar|altijd|op|privé|prive)|appje|appjes|appen|app\s(?:ik|je|jij|we|wij)|(?:ik|je|jij|we|wij)\sapp|\bdm'?s?\b|\bpb'?s?\b|priv[eé]bericht\w*|"
    r"vriendschapsverzoek\w*|voeg\s(?:me|mij)\s(?:toe|gerust\stoe)|toe\s(?:te\s)?voegen|messenger|snapchat|"
    r"op\s(?:facebook|instagram|tiktok)|via\s(?:facebook|instagram|snapchat|whatsapp|tiktok)|"
    r"(?:in|aan)\s(?:deze|mijn)\s(?:app)?groep|in\scontact\s(?:blijven|houden)|contact\s(?:houden|blijven)|"
    r"(?:me|mij)\s(?:kunnen|mag|mogen|kan)\s(?:bellen|appen|bereiken)|nummer\s(?:gegeven|gaf|geven))(?![\p{L}])",
    re.I,
)
PARTY = re.compile(
    r"(?<![\p{L}])(?:(?<!\w)\w*cli[eë]nte?n?|clients?|bewoners?|bewoonsters?|pati[eë]nte?n?|patients?|oud-\w+|"
    r"(?:mijn|onze|van\sde|een\svan\smijn)\sjongeren|jongere|familieleden|familielid|(?<!mijn\s)familie|verwanten|"
    r"(?<!mijn\s)ouders|naasten|mantelzorgers|deelnemers|meneer|mevrouw|mensen\sdie\s(?:erg\s)?eenzaam|"
    r"(?:moeder|vader)\svan|kinderen\svan|(?:je|jouw|uw|hun)\skind(?:eren)?)(?![\p{L}])",
    re.I,
)
REFUSAL = re.compile(
    r"geweigerd|niet\s(?:\w+\s)?geaccepteerd|niet\saangenomen|afgewezen|weiger|geen\spriv[eé]\s?contact|"
    r"houd\sik\spriv[eé]|hou\sik\spriv[eé]|niet\sop\sin(?:gegaan)?|uitgelegd\swaarom|heb\s\w+\suitgelegd|declined|"
    r"nee\sgezegd|(?:dat|wat)\s(?:dat\s)?niet\skan\b|heb\s(?:\w+\s)?uitgelegd|via\sde\s(?:afdeling|organisatie)|"
    r"\bnee\s(?:sorry|dus)\b|\bik\s(?:stuur|deel|zet|post)\s(?:hier\s)?geen\b|\bdat\sdoe\sik\s(?:dus\s)?niet\b",
    re.I,
)


def detect(doc: Doc, emit: Emit) -> None:
    if doc.platform == "whatsapp":
        # Point at the clearest mention: a name or number before a bare "die meneer".
        refs = sorted(doc.client_refs, key=lambda r: (r[2] != "identifying", r[0]))
        if refs:
            start, end, _ = refs[0]
            emit("client_contact", start, end, "team_chat", "contact.private")
    if REFUSAL.search(doc.text):
        return
    for m in CHANNEL.finditer(doc.text):
        window = doc.sentence_lower(m.start(), before=1, after=1)
        if PARTY.search(window):
            emit("client_contact", m.start(), m.end(), "private_channel", "contact.private")
