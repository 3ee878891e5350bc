"""speaks_for_org: speaking officially for the organisation, promising, announcing decisions."""

import regex as re

from ..lists import alternation
from ..text import Doc, Emit

ORG_NOUN = alternation("org_nouns")  # lists/org_nouns.txt
ON_BEHALF = re.compile(
    rf"(?<![\p{{L}}])(?i:namens)\s(?:(?i:{ORG_NOUN})|(?:de\s|het\s)?[A-Z][\p{{L}}\-]+(?:\s(?:de\s|het\s)?[A-Z&][\p{{L}}\-]*){{0,3}})|"
    r"(?i:wij\sals)\s(?:(?i:stichting|organisatie|zorggroep|ziekenhuis)|[A-Z][\p{L}\-]+)|(?i:on\sbehalf\sof)\s(?:the\s)?\w+",
)
PROMISE = re.compile(
    r"(?<![\p{L}])(?:(?:wij|we|de\sorganisatie|het\sziekenhuis|de\szorggroep|de\sdirectie|onze\sorganisatie)"
    r"(?:\sals\s(?:de\s|het\s)?[\w-]+)?\s"
    r"(?:garanderen|garandeert|beloven|belooft|zeggen\stoe)|ik\s(?:beloof|garandeer)\s(?:jullie|u|je|iedere\w*|dat)|"
    r"dat\sbeloof\sik|(?:wij|we|de\sorganisatie|het\sziekenhuis)\s(?:sta|staan|staat)\sgarant|kan\sik\s(?:jullie\s|u\s|iedereen\s|je\s)?(?:alvast\s)?(?:toezeggen|verzekeren|beloven|garanderen|"
    r"geruststellen|melden|bevestigen)|ik\skan\s(?:jullie|u|iedereen|je)\s(?:verzekeren|beloven|garanderen|"
    r"geruststellen)|daar\s(?:mogen|kunnen|kun|kunt)\s(?:jullie|u|je)\s(?:ons\s)?(?:aan\shouden|op\srekenen)|"
    r"daar\skun\sje\sop\srekenen|daar\ssta\sik\s(?:persoonlijk\s)?voor\sin|ik\sregel\shet\s(?:persoonlijk|verder)|"
    r"bevestig\sik|nemen\s(?:hierbij\s)?afstand|wil\sik\s.{0,40}rechtzetten|zorg\sik\spersoonlijk|"
    r"los\sik\shet\spersoonlijk\sop|de\sorganisatie\sgarandeert|wij\sgaranderen)(?![\p{L}])",
    re.I,
)
DECISION = re.compile(
    r"(?<![\p{L}])(?:dat\sis\s(?:besloten|beslist)|dat\sheeft\s(?:de\s)?(?:directie|het\sbestuur|de\sraad\svan\sbestuur|"
    r"het\smanagement)\s(?:besloten|beslist)|(?:de\s)?(?:directie|raad\svan\sbestuur|het\sbestuur)\sheeft\s"
    r"(?:besloten|groen\slicht\sgegeven|beslist)|offici[eë]el\snieuws|offici[eë]el:|ik\smag\shet\sals\seerste\s"
    r"(?:delen|vertellen)|breaking:)",
    re.I,
)
PERSONAL_TITLE = re.compile(r"op\spersoonlijke\stitel|namens\s(?:mezelf|mijzelf|mij|ons\steam|het\steam)", re.I)
# "Ik spreek hier niet namens De Linde", "I'm not speaking on behalf of": a disclaimer, the opposite.
DISCLAIMED = re.compile(r"(?<![\p{L}])(?:niet|nie|nooit|geen|not|never)\s(?:[\w']+\s){0,2}$", re.I)


def detect(doc: Doc, emit: Emit) -> None:
    text = doc.text
    for m in ON_BEHALF.finditer(text):
        if DISCLAIMED.search(text, max(0, m.start() - 30), m.start()):
            continue
        if not PERSONAL_TITLE.match(text, m.start()) and not re.match(
            r"namens\s(?:mezelf|mijzelf|ons\steam)", m.group(), re.I
        ):
            emit("speaks_for_org", m.start(), m.end(), "on_behalf", "speaks.spokesperson")
    for m in PROMISE.finditer(text):
        emit("speaks_for_org", m.start(), m.end(), "promise", "speaks.spokesperson")
    for m in DECISION.finditer(text):
        emit("speaks_for_org", m.start(), m.end(), "decision", "speaks.spokesperson")
