"""disrespect: insults, swearing, mockery, threats and gossip.

No usable Dutch list exists, so this is our own lexicon. Words that are
also care vocabulary ("kanker", "dement", "gestoord" in a diagnosis) are
not in it; weak words only count when they are aimed at people.
"""

import regex as re

from ..lexicon import lexicon
from ..lists import alternation
from ..text import Doc, Emit

# The word lists are lists/insults.txt, insults_weak.txt, respect_frames.txt and respect_things.txt.
# "stelletje <anything>" is a pattern, not a word, so it stays here.
STRONG = alternation("insults") + r"|stelletje\s\w+"
WEAK = alternation("insults_weak")
FRAME = alternation("respect_frames")
THING = re.compile(rf"^[\s,]*{alternation('respect_things')}\b", re.I)
INSULT = re.compile(rf"(?<![\p{{L}}])(?:{STRONG})(?![\p{{L}}])", re.I)
FRAMED = re.compile(rf"(?<![\p{{L}}])(?:{FRAME})\s(?:[\p{{L}}'\-]+,?\s){{0,2}}?((?:{WEAK}))(?![\p{{L}}])", re.I)
CONTEMPT = re.compile(
    r"(?:zoek|zoekt|zoeken)\s(?:u|jullie|ze|je)\smaar\seen\sander\w*|"
    r"(?:families|familie|ouders|cli[eë]nten|bewoners|pati[eë]nten|mensen|collega'?s|ambtenaren)\s(?:zijn|is)\s"
    r"(?:echt\s|gewoon\s|toch\s)?(?:onmogelijk|ondankbaar|verwend|irritant|asociaal|gestoord|dom|lui|hopeloos|niet\snormaal)|"
    r"(?:die|deze|onze|mijn)\s(?:nieuwe\s)?(?:directeur|manager|teamleider|bestuurder|collega|leidinggevende|baas|planner|"
    r"arts|wethouder|minister)\s(?:van\sons\s)?is\s(?:echt\s|gewoon\s)?een\s(?:grap|lachertje|aanfluiting|ramp|nul)|"
    r"dom\sals\s|wie\sheeft\s(?:die|dat|hem|haar|hen)\s(?:in\sgodsnaam\s)?aangenomen|in\sgodsnaam|"
    r"hoe\sis\s(?:die|dat|hij|zij|ze)\sdoor\sde\sproeftijd|waar\shalen\sze\sze\svandaan|"
    r"te\sveel\sgevraagd\svoor|niet\shet\smiddelpunt\svan|(?:snappen|snapt)\ser\sniks\svan|pot\sleeg|"
    r"(?:nog\s)?nooit\seen\s(?:bed|patiënt|patient|nachtdienst)\s.{0,30}(?:verschoond|aangeraakt|gedraaid)\s.{0,60}"
    r"(?:trien|types?|meisje|heren|mannetje|aangenomen)",
    re.I,
)
MOCKERY = re.compile(
    r"net\s(?:een|als\seen)\s(?:kip|aap|koe|varken|ezel|walrus|nijlpaard|olifant|clown|zombie)\w*|"
    r"(?:kunnen|kun|kunt|mogen|mag)\s(?:vast|alvast|wel)\s(?:je|jullie|hun|haar|zijn)\s(?:bureau|kastje|spullen|koffers?)\s"
    r"(?:leegruimen|inpakken|pakken)|"
    r"(?:haha|hihi|lol)\w*[^.!?\n]{0,40}(?:die|deze)\s(?:mevrouw|meneer|man|vrouw|bewoner\w*|cli[eë]nt|collega)",
    re.I,
)
THREAT = re.compile(
    r"(?:ik\s)?(?:sla|maak|schop|steek)\s(?:je|hem|haar|jullie)\s(?:dood|kapot|in\selkaar|verrot)|"
    r"(?:ik|we|wij)\s(?:weet|weten)\swaar\s(?:je|jij|hij|ze|zij|u|jullie)\swo(?:on|nen)\w*|"
    r"moet(?:en)?\s(?:je|hij|ze|zij)\sdood|kop\seraf|verdienen\seen\spak\sslaag|"
    # "ik pak je nog wel", "ik maak je af", "dan krijgt ie de stofzuiger over zijn kop"
    r"(?:ik|we|wij)\s(?:krijg|krijgen|pak|pakken)\s(?:je|jou|jullie|hem|haar)\snog\s(?:wel|eens)\b|"
    r"\bmaak\s(?:je|jou|hem|haar|jullie)\saf\b|"
    r"krijg(?:t|en)?\s(?:ie|hij|je|jij|ze|zij|u)\s(?:de|een|mijn|m'n|deze)\s[\p{L}-]+\s(?:over|tegen|op)\s"
    r"(?:zijn|z'n|je|jouw|haar|d'r|hun)\s(?:kop|kanis|hoofd|harses|bek|smoel)|"
    r"\bi\sknow\swhere\syou\slive|\bi(?:'ll|\swill)\s(?:kill|hurt|find|get)\syou\b|\bwatch\syour\sback\b",
    re.I,
)
# Whom someone is said to be seeing: "elkaar", "de kok", "die nieuwe planner".
PARTNER = r"(?:elkaar|(?:de|die|haar|zijn|onze)\s(?:nieuwe\s)?[\p{L}-]+)"
GOSSIP = re.compile(
    r"dat\sheb\s(?:je|jij|jullie)\sniet\svan\smij|zeg\shet\sniet\sdoor|(?:tussen|onder)\sons\sgezegd|"
    r"iedereen\s(?:op\sde\s\w+\s|hier\s)?(?:heeft\shet\serover|zegt\shet|weet\shet|praat\serover|zegt\shetzelfde)|"
    r"ik\szeg\sniks,?\smaar|ik\sga\sgeen\snamen\snoemen|ik\snoem\sgeen\snamen|naar\sverluidt|het\sschijnt\sdat|"
    r"waarschijnlijk\skent\s(?:ze|hij)\siemand|(?:heeft|had)\s(?:het\s)?met\s(?:de|haar|zijn)\s\w+\s['‘\"]\w+['’\"]|"
    r"['‘](?:met\sziekteverlof|geregeld|ziek)['’]|"
    # Who is seeing whom: "heeft Anke iets met de kok 🤭", "dat ze wat met elkaar hebben". The clause ends there:
    # "heeft iets met de kok afgesproken" is no gossip.
    rf"(?:heeft|hebben|had|hadden)\s(?:[\p{{L}}-]+\s){{0,5}}?(?:iets|wat)\s(?:met|aan)\s{PARTNER}"
    r"(?=\s*(?:[.!?,;:]|\p{Extended_Pictographic}|$))|"
    rf"(?:iets|wat)\smet\s{PARTNER}\s(?:heeft|hebben|had|hadden)\b",
    re.I,
)


# Harsh accusations (lying, stealing, fraud) against the management or a named person:
# "de directeur liegt", "Petra jat uit de pot", "die teamleider is een dief".
BOSS = (
    r"(?:de|die|deze|onze|ons|het|mijn|m'n|onze\snieuwe|de\snieuwe)\s" + alternation("bosses")  # lists/bosses.txt
)
ACCUSATION = (
    r"(?:(?:heeft|hebben|had|hadden)\s(?:[\w']+\s){0,3}?(?:gelogen|gestolen|gejat|gefraudeerd|verduisterd|gegraaid|"
    r"opgelicht|bedrogen|gesjoemeld)|liegt|liegen|loog|logen|staat\s(?:te\s)?liegen|staan\s(?:te\s)?liegen|jat|jatten|jatte|jatten|steelt|stelen|"
    r"stal|stalen|graait|graaien|graaide|pleegt\sfraude|plegen\sfraude|fraudeert|fraudeerde|fraudeerden|sjoemelt|"
    r"sjoemelen|verduistert|verduisteren|bedriegt|bedriegen|licht\s(?:ons|iedereen|de\s\w+)\sop|lichten\s(?:ons|"
    r"iedereen)\sop|steekt\s.{0,20}in\s(?:zijn|haar|hun|de\seigen)\s(?:eigen\s)?zak(?:ken)?|"
    r"(?:is|zijn)\s(?:een\s)?(?:gewoon\s|echt\s|regelrechte?\s)?(?:leugenaars?|dieven|dief|oplichters?|fraudeurs?|"
    r"bedriegers?|criminelen|crimineel|corrupt|zakkenvullers?))"
    # "liegt niet", "stelen geen tijd"; "steelt de show", "stal ieders hart" are praise.
    r"(?!\s(?:niet|nooit|geen|helemaal\sniet|er\sniet\som|er\sgeen\sdoekjes\som)\b|\s(?:de\sshow|(?:ieders|ons|het|alle|de)\s(?:hart|harten)|de\sharten)\b)"
)
ACCUSED_BOSS = re.compile(rf"(?<![\p{{L}}]){BOSS}\s(?:[\p{{L}}'-]+\s){{0,3}}?{ACCUSATION}(?![\p{{L}}])", re.I)
ACCUSED_NAME = re.compile(
    rf"(?<![\p{{L}}])(\p{{Lu}}[\p{{Ll}}'-]+)\s(?:[\p{{L}}'-]+\s){{0,2}}?{ACCUSATION}(?![\p{{L}}])"
)


# "Ze is geen 'strenge heks'", "niet dom": the word denied, not said of anyone.
DENIED = re.compile(r"(?<![\p{L}])(?:geen|niet|nooit|not|no|never)\s['‘\"“]?(?:[\p{L}']+\s){0,2}$", re.I)


def detect(doc: Doc, emit: Emit) -> None:
    _accusations(doc, emit)
    text = doc.text
    for pattern, key in (
        (INSULT, "insult"),
        (THREAT, "threat"),
        (MOCKERY, "mockery"),
        (CONTEMPT, "insult"),
        (GOSSIP, "gossip"),
    ):
        for m in pattern.finditer(text):
            if pattern is INSULT and DENIED.search(text, max(0, m.start() - 30), m.start()):
                continue
            if not doc.is_masked(m.start(), m.end()):
                emit("disrespect", m.start(), m.end(), key, "respect.respectful")
    for m in FRAMED.finditer(text):
        if THING.match(text[m.end(1) : m.end(1) + 20]) or doc.is_masked(m.start(1), m.end(1)):
            continue
        emit("disrespect", m.start(), m.end(), "insult", "respect.respectful")


def _accusations(doc: Doc, emit: Emit) -> None:
    """An accusation of lying, stealing or fraud aimed at the management or a person by name."""
    first_names = lexicon().first_names
    for m in ACCUSED_BOSS.finditer(doc.text):
        emit("disrespect", m.start(), m.end(), "accusation", "respect.respectful")
    for m in ACCUSED_NAME.finditer(doc.text):
        if m.group(1) in first_names and not doc.is_masked(m.start(), m.end()):
            emit("disrespect", m.start(), m.end(), "accusation", "respect.respectful")
