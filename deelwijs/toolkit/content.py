"""The starting set of the toolkit, written for care staff. Any organisation can load it and then adapt it.

"{organisatie}" in a text becomes the organisation's name when it is loaded. The character limits of a guide
are not written here: the guide shows the post check's own (guard's platform limits).
"""

from datetime import date

from django.db import transaction

from .models import Page, PostFormat

# When the guides below were last checked against the networks; loaded guides keep this date, so the reminder
# to communications comes six months after it, not six months after loading.
GUIDES_CHECKED = date(2026, 12, 1)

PAGES = [
    (
        Page.PAGE,
        "Zo werk je met de toolkit",
        "Wat je hier vindt en hoe je het gebruikt.",
        """Deze toolkit helpt je om zelf goed te posten over je werk, ook als je dat op persoonlijke titel doet.
Alles wat je hier vindt, mag je gebruiken en aanpassen.

- **Toon en woordkeuze**: hoe we schrijven en welke woorden we liever gebruiken.
- **Beeldbank**: foto's en afbeeldingen die je mag gebruiken, in de maat die elk netwerk wil.
- **Profielkit**: een banner in de huisstijl, tips voor je profielfoto, onze naamafspraak en een lijstje om
  je eigen profiel na te lopen.
- **Berichtformats**: kant-en-klare berichten met open plekken die je zelf invult. Ze openen in de
  deel-editor, waar de berichtcheck meeleest.
- **Handleidingen per netwerk**: een profiel maken, je privacy-instellingen nalopen, hoe lang een bericht
  mag zijn en welke hashtags werken.

Mis je iets, of klopt er iets niet meer? Laat het communicatie weten.""",
    ),
    (
        Page.PAGE,
        "Foto's maken op het werk",
        "Mooie foto's zonder dat iemand in beeld komt die dat niet wil.",
        """Een foto zegt vaak meer dan een lange tekst. Let wel op wat er allemaal op staat.

## Voordat je de foto maakt
- **Cliënten staan er niet herkenbaar op**, tenzij er schriftelijke toestemming is die communicatie heeft
  vastgelegd. Een gezicht, maar ook een opvallende trui, een rolstoel met naam of een kamerdeur met nummer
  maakt iemand herkenbaar.
- **Vraag collega's of ze op de foto willen.** En of ze het goed vinden dat je hem deelt.
- **Kijk achter je.** Een whiteboard met namen, een rooster, een dossier op het bureau of een scherm met
  gegevens hoort niet in beeld.

## Een goede foto
- Fotografeer bij daglicht, met het licht achter je.
- Houd je telefoon rechtop voor Instagram en stories, en dwars voor LinkedIn, Facebook en X.
- Handen die iets doen, een mooi gedekte tafel, de tuin: je hoeft niet altijd mensen te laten zien.

## Liever een foto van ons?
In de **beeldbank** staan foto's die je mag gebruiken, met de netwerken waarop dat mag en tot wanneer.""",
    ),
    (
        Page.PAGE,
        "Op persoonlijke titel",
        "Wat het betekent als je over je werk post op je eigen account.",
        """Als je over je werk post op je eigen account, doe je dat op persoonlijke titel. Je spreekt voor
jezelf, niet namens {organisatie}. Dat maakt je verhaal juist geloofwaardig.

## Wat je zegt in je profiel
Zet in je profiel waar je werkt en dat je op persoonlijke titel post. Bijvoorbeeld:

> Verzorgende bij {organisatie}. Berichten op persoonlijke titel.

## Wat wel en niet
- Vertel over je vak, je team en wat je mooi vindt aan je werk.
- Deel het nieuws van de organisatie gerust, met een zin van jezelf erbij.
- Over beleid, plannen of incidenten spreekt de woordvoerder. Krijg je daar vragen over, verwijs dan
  vriendelijk naar communicatie.
- Word je online lastiggevallen of lees je iets vervelends over jezelf? Je staat er niet alleen voor: vraag
  je leidinggevende of communicatie om hulp.""",
    ),
    (
        Page.TONE,
        "Toon en woordkeuze",
        "Hoe we schrijven, en welke woorden we liever gebruiken.",
        """We schrijven zoals we praten: warm, eerlijk en in gewone taal. Zo voelt iedereen zich aangesproken,
ook wie geen zorgwoorden kent.

## Zo schrijven we
- **Kort en concreet.** Eén gedachte per zin. Zeg wat je zag of deed, in plaats van dat iets ‘fantastisch’
  was.
- **Je en jij.** We spreken de lezer aan met je. Schrijf je voor ouderen of hun familie, dan mag u ook.
- **Mensen eerst.** Iemand is niet zijn ziekte of beperking. We schrijven ‘mensen met dementie’, niet
  ‘dementen’.
- **Geen vakjargon en afkortingen.** Schrijf ‘persoonlijk begeleider’ in plaats van ‘PB’ of ‘EVV’.
- **Trots, niet opschepperig.** Laat zien wat er gebeurt; de lezer trekt zelf de conclusie.
- **Emoji en hashtags met mate.** Een paar, aan het eind. Schrijf een hashtag met een hoofdletter per
  woord (#WerkenInDeZorg): zo kan voorleessoftware hem uitspreken.

## Welke woorden we gebruiken
Hieronder staan de woorden die de berichtcheck je voorstelt. Ze komen uit dezelfde lijst: wat hier staat, is
ook wat de berichtcheck zegt.""",
    ),
    (
        Page.PROFILE,
        "Je profielfoto",
        "Zo maak je een profielfoto die bij ons past.",
        """Met dezelfde soort profielfoto's herkennen mensen ons team meteen. Zo maak je er een:

- **Recent, en jij alleen.** Een foto van nu, met alleen jou erop: geen cliënten, geen collega's.
- **Hoofd en schouders**, je gezicht recht in beeld. De meeste netwerken tonen de foto als een cirkel:
  houd je gezicht in het midden.
- **Een rustige achtergrond** in een lichte kleur, bij daglicht. Niet op de afdeling, waar iets van
  cliënten in beeld kan komen.
- **Vierkant, minstens 400 bij 400 pixels.** Gebruik dezelfde foto op al je netwerken.
- Draag je werkkleding? Let op dat er geen naamkaartje van een ander of een sleutelbos met gegevens op
  staat.

Communicatie organiseert af en toe een fotomoment, waarop iedereen op dezelfde plek en in hetzelfde licht
wordt gefotografeerd. Vraag ernaar.""",
    ),
]

GUIDES = [
    (
        "linkedin",
        "LinkedIn",
        "Je werkprofiel: een profiel maken en nagaan wie je berichten ziet.",
        """## Een profiel maken
1. Ga naar linkedin.com of open de app en kies *Nu lid worden*. Gebruik je eigen e-mailadres: je profiel
   is van jou, ook als je later ergens anders werkt.
2. Zet bij je functie wat je doet en waar, bijvoorbeeld ‘Verzorgende IG bij {organisatie}’.
3. Voeg een profielfoto en de banner van {organisatie} toe: je vindt ze in de profielkit.
4. Schrijf bij *Info* in een paar zinnen wat je werk is en waarom je het graag doet, en dat je op
   persoonlijke titel post.
5. Pas het adres van je profiel aan bij *Openbaar profiel en URL bewerken* en volg onze naamafspraak.

## Privacy: wie ziet wat?
Op LinkedIn is bijna alles wat je post te zien voor je hele netwerk. Reageert of liket een connectie, dan
zien zijn of haar connecties het ook. Openbare berichten kan iedereen vinden, ook via zoekmachines.

### Zo controleer je het
- Kies *Ik* > *Instellingen en privacy* > *Zichtbaarheid*. Hier zie je wie je profiel, je connecties en je
  e-mailadres kan zien.
- Bij elk nieuw bericht kies je bovenaan wie het ziet: *Iedereen* of *Alleen connecties*.
- Bekijk bij *Openbaar profiel en URL bewerken* hoe je profiel eruitziet voor iemand die niet is
  ingelogd.

## Hashtags
Een tot drie hashtags aan het eind van je bericht is genoeg, bijvoorbeeld #WerkenInDeZorg. Noemt
communicatie de hashtag van een campagne, gebruik die dan.""",
    ),
    (
        "x",
        "X",
        "Korte berichten die iedereen kan lezen: zo houd je het in de hand.",
        """## Een profiel maken
1. Ga naar x.com of open de app en kies *Account aanmaken*. Gebruik je eigen e-mailadres.
2. Kies een gebruikersnaam (@naam) volgens onze naamafspraak. Je kunt hem later wijzigen bij
   *Instellingen* > *Je account* > *Accountinformatie*.
3. Je bio is kort: zeg wat je doet, waar, en dat je op persoonlijke titel post.
4. Voeg een profielfoto en de banner uit de profielkit toe.

## Privacy: wie ziet wat?
Op X is alles wat je post openbaar, tenzij je je posts beschermt. Dan zien alleen volgers die jij goedkeurt
ze. Een openbare post kan iedereen citeren en verder sturen. Verwijder je hem, dan blijft hij staan bij wie
hem al deelde of er een schermafbeelding van maakte.

### Zo controleer je het
- *Instellingen en privacy* > *Privacy en veiligheid* > *Publiek en taggen*: zet *Bescherm je posts* aan
  of uit, en kies wie je op foto's mag taggen.
- *Privacy en veiligheid* > *Directe berichten*: kies wie je een bericht mag sturen. Sta berichten van
  iedereen niet toe, zodat cliënten je niet privé kunnen benaderen.
- *Privacy en veiligheid* > *Vindbaarheid en contacten*: zet uit dat mensen je vinden met je e-mailadres
  of telefoonnummer.

## Hashtags
Eén of twee hashtags per post, in de zin of aan het eind. Meer leest als reclame.""",
    ),
    (
        "facebook",
        "Facebook",
        "Je privéprofiel: kies per bericht wie het ziet.",
        """## Een profiel maken
De meeste mensen gebruiken Facebook privé, met familie en vrienden. Maak geen tweede profiel voor je werk:
Facebook staat maar één persoonlijk profiel toe. Deel wat je over je werk post met de mensen die jij kiest.

- Bij *Info* > *Werk en opleiding* kun je zetten dat je bij {organisatie} werkt. Kies zelf wie dat ziet.
- Neem geen vriendschapsverzoeken aan van cliënten of hun familie. Zeg vriendelijk hoe ze je op het werk
  kunnen bereiken.

## Privacy: wie ziet wat?
Op Facebook kies je per bericht wie het ziet: *Openbaar*, *Vrienden* of een lijst die je zelf maakt. Maar
ook een vriend kan een schermafbeelding maken of je bericht doorsturen: ‘alleen vrienden’ is geen garantie.

### Zo controleer je het
- *Instellingen en privacy* > *Privacycontrole*: Facebook loopt met je door wie je berichten, je
  vriendenlijst en je gegevens ziet.
- *Instellingen* > *Doelgroep en zichtbaarheid* > *Berichten*: kies wie je nieuwe berichten ziet, en maak
  je oude berichten in één keer alleen zichtbaar voor vrienden.
- Op je profiel, via de drie puntjes: *Bekijken als* laat zien wat een onbekende van je ziet.

## Hashtags
Op Facebook doen hashtags weinig. Eén hashtag van een campagne is genoeg.""",
    ),
    (
        "instagram",
        "Instagram",
        "Foto's en stories: openbaar of privé, en wie je mag taggen.",
        """## Een profiel maken
1. Download de app en kies *Nieuw account maken*. Gebruik je eigen e-mailadres.
2. Kies een gebruikersnaam volgens onze naamafspraak.
3. Je bio is kort: zeg wat je doet en waar, en dat je op persoonlijke titel post.
4. Kies of je account openbaar of privé is (zie hieronder).

## Privacy: wie ziet wat?
Een openbaar account is voor iedereen te zien, ook zonder account en via zoekmachines. Bij een privé-account
keur je zelf goed wie je volgt. Een story van een openbaar account kan ook iedereen bekijken; met *Close
friends* deel je een story met een kleine groep.

### Zo controleer je het
- Ga naar je profiel, open het menu (☰) en kies *Accountprivacy*: zet *Privéaccount* aan of uit.
- *Berichten en antwoorden op stories*: kies wie je een bericht mag sturen.
- *Tags en vermeldingen*: kies wie je mag taggen, en keur tags eerst zelf goed.

## Hashtags
Hashtags helpen op Instagram om gevonden te worden. Vijf gerichte hashtags werken beter dan dertig losse.
Zet ze aan het eind. Een link in je bericht is niet aan te klikken: verwijs naar de link in je bio.""",
    ),
    (
        "bluesky",
        "Bluesky",
        "Alles is openbaar: zo houd je zelf de regie.",
        """## Een profiel maken
1. Ga naar bsky.app of download de app en kies *Account aanmaken*. Gebruik je eigen e-mailadres.
2. Je gebruikersnaam wordt naam.bsky.social. Volg onze naamafspraak voor het deel voor de punt.
3. Gebruik je voor- en achternaam als weergavenaam. Zeg in je beschrijving wat je doet en waar, en dat je
   op persoonlijke titel post.

## Privacy: wie ziet wat?
Op Bluesky is alles wat je post openbaar: er zijn geen privé-accounts. Iedereen kan het lezen, ook zonder
account. Een post die je verwijdert, kan al door anderen gezien of bewaard zijn.

### Zo controleer je het
- *Instellingen* > *Privacy en beveiliging*: vraag apps en websites je profiel niet te tonen aan mensen die
  niet zijn ingelogd. Niet elke app houdt zich daaraan, dus post alsof iedereen meeleest.
- Kies in de instellingen van *Chat* wie je een bericht mag sturen: niemand, wie jij volgt of iedereen.
- Bij elke post kun je kiezen wie mag reageren.

## Hashtags
Bluesky kent hashtags. Eén of twee is genoeg; feeds over zorg vinden je post ook aan de woorden die je
gebruikt.""",
    ),
    (
        "mastodon",
        "Mastodon",
        "Een server kiezen, en per bericht bepalen wie het ziet.",
        """## Een profiel maken
1. Kies een server, bijvoorbeeld mastodon.nl, en maak daar een account. Je volledige naam wordt
   @naam@server: volg onze naamafspraak voor het deel voor de tweede @.
2. Zeg in je bio wat je doet en waar, en dat je op persoonlijke titel post. In de extra velden kun je je
   functie kwijt.
3. Voeg een profielfoto en de banner uit de profielkit toe.

## Privacy: wie ziet wat?
Bij elk bericht kies je wie het ziet: *Openbaar*, *Minder openbaar* (niet op de openbare tijdlijnen),
*Alleen volgers* of *Alleen vermelde mensen*. Ook een bericht voor volgers is niet geheim: de beheerders van
de servers kunnen het lezen, en een volger kan er een schermafbeelding van maken.

### Zo controleer je het
- *Voorkeuren* > *Openbaar profiel* > *Privacy en bereik*: kies of je in zoekmachines en in de gids van de
  server verschijnt, en of je volgers eerst zelf goedkeurt.
- *Voorkeuren* > *Overig*: kies de standaard zichtbaarheid van een nieuw bericht.

## Hashtags
Op Mastodon word je vooral via hashtags gevonden: je bericht verschijnt dan op de pagina van die hashtag.
Schrijf ze met een hoofdletter per woord, zoals #WerkenInDeZorg.""",
    ),
]

FORMATS = [
    (
        "Vacature",
        "Deel een vacature van je eigen team, met een zin over waarom jij er graag werkt.",
        "linkedin",
        (
            "Bij [team of locatie] zoeken we een [functie]. Ik werk hier zelf als [jouw functie], en wat ik het "
            "mooiste vind: [wat je mooi vindt aan je werk].\n\n"
            "Iets voor jou, of ken je iemand? Kijk op [link naar de vacature] of stuur me een bericht.\n\n"
            "#Vacature #WerkenInDeZorg"
        ),
    ),
    (
        "Evenement",
        "Nodig je netwerk uit voor een open dag, een markt of een activiteit.",
        "facebook",
        (
            "Op [dag en datum] is [naam van het evenement] bij [locatie]. [Wat er te doen is, in één zin.]\n\n"
            "Ik ben er zelf ook. Kom je langs? Meer weten: [link naar het evenement]"
        ),
    ),
    (
        "Bedankje",
        "Bedank een collega, een team of vrijwilligers. Noem nooit de naam van een cliënt.",
        "linkedin",
        (
            "Een grote dank je wel aan [wie je bedankt] voor [waarvoor]. [Wat het voor jou of het team "
            "betekende.]\n\nHierom werk ik graag bij {organisatie}."
        ),
    ),
    (
        "Een dag uit het leven",
        "Laat zien hoe jouw werkdag eruitziet, zonder dat een cliënt herkenbaar is.",
        "instagram",
        (
            "Zo ziet mijn dag eruit als [jouw functie] bij {organisatie}:\n\n"
            "[tijd] [wat je doet]\n[tijd] [wat je doet]\n[tijd] [wat je doet]\n\n"
            "Het mooiste moment van vandaag: [iets kleins dat je blij maakte].\n\n"
            "#EenDagUitHetLeven #WerkenInDeZorg"
        ),
    ),
]


def _named(text, organisation):
    return text.replace("{organisatie}", organisation.name)


@transaction.atomic
def install_toolkit(organisation):
    """Give an organisation the starting pages, guides and formats: the pages and guides when it has no page
    yet, the formats when it has no format yet. Returns how many were added."""
    added = 0
    if not Page.objects.exists():
        pages = [Page(kind=kind, title=title, summary=summary, body=body) for kind, title, summary, body in PAGES]
        pages += [
            Page(kind=Page.GUIDE, network=network, title=title, summary=summary, body=body, checked_on=GUIDES_CHECKED)
            for network, title, summary, body in GUIDES
        ]
        for order, page in enumerate(pages):
            page.organisation, page.order, page.body = organisation, order, _named(page.body, organisation)
            page.save()
        added += len(pages)
    if not PostFormat.objects.exists():
        for order, (title, use, network, text) in enumerate(FORMATS):
            PostFormat.objects.create(
                organisation=organisation,
                title=title,
                use=use,
                network=network,
                text=_named(text, organisation),
                order=order,
            )
        added += len(FORMATS)
    return added
