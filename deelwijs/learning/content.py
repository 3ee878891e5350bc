"""The starting set of modules, written for care staff. Any organisation can load and then edit them."""

from django.db import transaction

from deelwijs.orgs.roles import CLIENTS, STAFF, VOLUNTEERS

from .models import DILEMMA, LESSON, QUESTION, WORKSHEET, Module, Step


def tf(statement, true, why):
    """A true/false statement with feedback for both answers."""
    right = "Klopt. " + why
    wrong = ("Helaas, dit klopt wel. " if true else "Helaas, dit klopt niet. ") + why
    return (
        QUESTION,
        "Stelling",
        statement,
        {
            "choices": [
                {"text": "Waar", "correct": true, "feedback": right if true else wrong},
                {"text": "Niet waar", "correct": not true, "feedback": wrong if true else right},
            ]
        },
        "",
    )


MODULES = [
    (
        1,
        "Social media op het werk",
        True,
        (
            "Waarom je als zorgmedewerker online over je werk vertelt, wat je ermee wilt bereiken en wat we met elkaar "
            "afspraken."
        ),
        [
            (
                LESSON,
                "Waarom dit ertoe doet",
                (
                    "Jij ziet elke dag wat goede zorg is. Als jij daarover vertelt, geloven mensen het sneller dan een "
                    "advertentie van de organisatie. Zo help je nieuwe collega's ons te vinden, laat je familie zien "
                    "hoe het er bij ons aan toe gaat en geef je het vak een gezicht.\n\n"
                    "Tegelijk werk je met mensen die kwetsbaar zijn. Wat je deelt, blijft online staan en kan verder "
                    "reizen dan je denkt. Daarom leer je in deze modules hoe je trots kunt delen zonder iemand te "
                    "schaden."
                ),
                {},
                "",
            ),
            (
                WORKSHEET,
                "Jouw doelen",
                (
                    "Wat wil jij bereiken met social media over je werk? Kies je drie belangrijkste doelen, of schrijf "
                    "een eigen doel op."
                ),
                {
                    "answer": "choice",
                    "pick": 3,
                    "own": True,
                    "options": [
                        "Laten zien hoe mooi mijn vak is",
                        "Nieuwe collega's helpen ons te vinden",
                        "Kennis delen met vakgenoten",
                        "Mijn netwerk onderhouden",
                        "Familie en buurt laten zien wat we doen",
                        "Op de hoogte blijven van mijn vakgebied",
                        "Meepraten over de zorg in Nederland",
                    ],
                },
                "",
            ),
            (
                LESSON,
                "Ons beleid",
                (
                    "Hieronder staat het socialemediabeleid van de organisatie. Lees het rustig door; in de volgende "
                    "modules oefen je met wat erin staat."
                ),
                {"show_policy": True},
                "",
            ),
            (
                WORKSHEET,
                "Wat neem je mee?",
                "Welke afspraak uit het beleid vind jij het belangrijkst, en waarom?",
                {"answer": "text"},
                "",
            ),
        ],
    ),
    (
        2,
        "Wie ziet wat je post?",
        True,
        "Acht stellingen over zichtbaarheid op LinkedIn, X, Facebook en Instagram. Weet jij wie er meekijkt?",
        [
            (
                LESSON,
                "Openbaar is openbaarder dan je denkt",
                (
                    "Veel mensen denken dat alleen hun vrienden hun berichten zien. Maar reacties, deelknoppen, "
                    "schermafbeeldingen en zoekmachines zorgen ervoor dat een bericht verder reist. Test je kennis met "
                    "de stellingen hierna."
                ),
                {},
                "platform.limits",
            ),
            tf(
                "Een bericht op je eigen LinkedIn-profiel zien ook mensen die niet met je verbonden zijn.",
                True,
                (
                    "Als iemand uit jouw netwerk je bericht liket of erop reageert, zien zijn of haar connecties het "
                    "ook. En openbare berichten zijn voor iedereen te vinden."
                ),
            ),
            tf(
                "Als ik een bericht op X verwijder, is het overal weg.",
                False,
                (
                    "Anderen kunnen het al gedeeld, geciteerd of vastgelegd hebben met een schermafbeelding. "
                    "Verwijderen haalt alleen jouw exemplaar weg."
                ),
            ),
            tf(
                "Een Facebook-bericht dat ik deel met ‘vrienden’ kan toch bij vreemden terechtkomen.",
                True,
                (
                    "Een vriend kan een schermafbeelding maken of het doorsturen. ‘Alleen vrienden’ is een instelling, "
                    "geen garantie."
                ),
            ),
            tf(
                "Op een openbaar Instagram-account zijn mijn foto's alleen te zien voor mijn volgers.",
                False,
                "Een openbaar account is voor iedereen te bekijken, ook zonder account en via zoekmachines.",
            ),
            tf(
                "Mijn werkgever mag meelezen met wat ik openbaar over mijn werk post.",
                True,
                "Wat openbaar is, kan iedereen lezen: ook je werkgever, cliënten en hun familie.",
            ),
            tf(
                "In een besloten Facebookgroep kan ik vrij over cliënten praten.",
                False,
                (
                    "Ook een besloten groep heeft leden die kunnen doorsturen. En over cliënten praat je nooit op "
                    "social media, besloten of niet: dat valt onder je beroepsgeheim."
                ),
            ),
            tf(
                "Zoekmachines kunnen openbare berichten van LinkedIn en X laten zien.",
                True,
                "Openbare berichten worden vaak geïndexeerd en kunnen jaren later nog opduiken.",
            ),
            tf(
                "Een foto die ik in de kantine maak en op Instagram zet, kan toch informatie over cliënten laten zien.",
                True,
                (
                    "Denk aan een whiteboard met namen, een rooster op de achtergrond of een bewoner die net door het "
                    "beeld loopt. Kijk altijd eerst wat er achter jou te zien is."
                ),
            ),
        ],
    ),
    (
        3,
        "Privacy en beroepsgeheim",
        True,
        "Zes dilemma's uit de praktijk: wat zou jij doen, en wat zegt ons beleid?",
        [
            (
                LESSON,
                "Je beroepsgeheim gaat altijd mee",
                (
                    "Je beroepsgeheim geldt niet alleen op het werk, maar ook online, in de app-groep en op je eigen "
                    "account. Ook als je geen naam noemt, kan een cliënt herkenbaar zijn: door een kamernummer, een "
                    "leeftijd met een woonplaats, of omdat iedereen in het dorp weet wie er bij ons woont."
                ),
                {},
                "privacy.client",
            ),
            (
                DILEMMA,
                "De selfie met de buurvrouw",
                (
                    "Je buurvrouw verhuist van de gesloten naar de open afdeling. Ze is er blij mee en jij ook. Ze "
                    "vraagt of je een selfie met haar wilt maken en die op Facebook wilt zetten, zodat iedereen in de "
                    "straat het ziet."
                ),
                {
                    "considerations": (
                        "Haar blijdschap is echt, en het is lief bedoeld. Maar met zo'n foto vertel je aan de hele "
                        "straat dat zij zorg krijgt en op welke afdeling ze woonde. Dat is haar verhaal, niet het "
                        "jouwe. Wil ze het zelf delen? Dan kan dat, via haar eigen kanalen, of met toestemming via "
                        "communicatie."
                    ),
                    "policy": (
                        "Maak nooit herkenbaar wie zorg krijgt, ook niet met een foto of met toestemming die je zelf "
                        "regelt."
                    ),
                },
                "privacy.photo",
            ),
            (
                DILEMMA,
                "Het vriendschapsverzoek",
                (
                    "Een cliënt die je al een jaar begeleidt, stuurt je een vriendschapsverzoek op Facebook. Je vindt "
                    "hem aardig en wilt hem niet kwetsen."
                ),
                {
                    "considerations": (
                        "Een vriendschap online maakt de grens tussen werk en privé vaag. Hij ziet jouw privéleven en "
                        "jij het zijne; dat kan de professionele relatie veranderen. Je kunt het verzoek vriendelijk "
                        "weigeren en het in een gesprek uitleggen."
                    ),
                    "policy": "Houd contact met cliënten en hun naasten zakelijk, via de kanalen van de organisatie.",
                },
                "contact.private",
            ),
            (
                DILEMMA,
                "De app-groep van het team",
                (
                    "In de app-groep van je team vraagt een collega of iemand wil letten op ‘meneer van kamer 8, die "
                    "weer zo onrustig is’. Een ander reageert met een grapje."
                ),
                {
                    "considerations": (
                        "Een app-groep voelt als een gesprek in de teampost, maar berichten staan op privételefoons en "
                        "kunnen worden doorgestuurd. Ook zonder naam is ‘meneer van kamer 8’ herkenbaar. Overdracht "
                        "hoort in het dossier."
                    ),
                    "policy": "Bespreek cliënten niet in een app-groep, ook niet zonder naam.",
                },
                "contact.private",
            ),
            (
                DILEMMA,
                "Het mooie verhaal",
                (
                    "Een bewoner vertelt je een prachtig verhaal over zijn jeugd. Je wilt het op LinkedIn zetten, "
                    "zonder naam, met zijn leeftijd en het dorp waar hij vandaan komt."
                ),
                {
                    "considerations": (
                        "Een leeftijd met een dorp en een bijzonder verhaal is vaak genoeg om iemand te herkennen. "
                        "Laat details weg tot niemand meer te herkennen is, of vraag communicatie of het verhaal met "
                        "toestemming gedeeld kan worden."
                    ),
                    "policy": "Geen combinatie van details waaraan mensen iemand herkennen.",
                },
                "privacy.client",
            ),
            (
                DILEMMA,
                "Het telefoonnummer van de zoon",
                (
                    "De zoon van een bewoner vraagt of je even wilt bellen als zijn moeder iets nodig heeft. Hij geeft "
                    "je zijn nummer en vraagt het jouwe."
                ),
                {
                    "considerations": (
                        "Contact met familie is belangrijk, maar loopt via de afdeling. Met je privénummer ben je "
                        "altijd bereikbaar en wordt het lastig om grenzen te houden. Geef het nummer van de afdeling "
                        "en leg het nummer van de zoon vast in het dossier."
                    ),
                    "policy": "Geen privénummer aan cliënten of hun naasten.",
                },
                "personal.identifier",
            ),
            (
                DILEMMA,
                "De bekende Nederlander op de SEH",
                (
                    "Op de spoedeisende hulp komt een bekende presentator binnen. Je collega's praten erover en iemand "
                    "wil het op X zetten, ‘want het staat straks toch in de krant’."
                ),
                {
                    "considerations": (
                        "Ook bij bekende mensen geldt je beroepsgeheim. Dat iemand zorg krijgt, vertel jij niet, ook "
                        "niet als anderen het misschien al weten."
                    ),
                    "policy": "Vertel niet dat een bekende zorg krijgt bij ons.",
                },
                "privacy.known_person",
            ),
            (
                WORKSHEET,
                "Jouw grens",
                "Wanneer twijfel jij of je iets mag delen? Beschrijf een situatie en wie je dan om raad vraagt.",
                {"answer": "text"},
                "",
            ),
        ],
    ),
    (
        4,
        "Jouw organisatie online",
        False,
        "Vind onze eigen accounts, geef ze een cijfer, volg je team en ontdek wie je in je vakgebied kunt volgen.",
        [
            (
                LESSON,
                "Onze eigen accounts",
                (
                    "Dit zijn de accounts van de organisatie, uit het register dat communicatie bijhoudt. Bekijk ze "
                    "eens met de blik van een buitenstaander."
                ),
                {"show_accounts": True},
                "",
            ),
            (
                WORKSHEET,
                "Geef ze een cijfer",
                (
                    "Welk cijfer geef jij onze accounts, als je kijkt naar wat een sollicitant of familielid zou "
                    "willen zien?"
                ),
                {"answer": "grade"},
                "",
            ),
            (
                WORKSHEET,
                "Wie vult ze?",
                "Weet jij wie onze accounts vult? Wat zou jij willen aandragen?",
                {"answer": "text"},
                "",
            ),
            (
                LESSON,
                "Volg je team",
                (
                    "Collega's die je online volgt, zien jouw berichten eerder, en jij die van hen. Hieronder staan de "
                    "accounts van je teamgenoten."
                ),
                {"show_team": True},
                "",
            ),
            (
                WORKSHEET,
                "Wie volg je in je vakgebied?",
                (
                    "Welke mensen of organisaties in jouw vakgebied wil je volgen? Denk aan beroepsverenigingen, "
                    "onderzoekers of collega's elders."
                ),
                {"answer": "names"},
                "",
            ),
            (
                WORKSHEET,
                "Herkenbaar als collega",
                (
                    "Hoe herkenbaar zijn onze namen en profielfoto's als één organisatie? "
                    "Geef een cijfer en vertel waarom."
                ),
                {"answer": "grade"},
                "",
            ),
            (
                WORKSHEET,
                "Eén verbetering",
                "Wat is één ding dat jij deze maand aan je eigen profiel verbetert?",
                {"answer": "text"},
                "",
            ),
        ],
    ),
    (
        5,
        "Een plan maken met je team",
        False,
        "Beantwoord samen de vragen van een goed plan. Jullie antwoorden vormen het teamplan.",
        [
            (
                LESSON,
                "Samen sterker",
                (
                    "Een plan hoeft niet groot te zijn. Als je team weet wat jullie willen bereiken, voor wie en hoe "
                    "vaak, wordt delen vanzelf makkelijker. Bespreek de vragen samen, bijvoorbeeld in een teamoverleg; "
                    "ieder vult zijn eigen antwoord in en het teamplan laat ze naast elkaar zien."
                ),
                {},
                "",
            ),
            (
                WORKSHEET,
                "Doel",
                "Wat willen jullie als team bereiken met social media?",
                {"answer": "text", "plan": "goal"},
                "",
            ),
            (
                WORKSHEET,
                "Wat gebeurt er?",
                "Wat gebeurt er bij jullie dat de moeite waard is om te laten zien?",
                {"answer": "text", "plan": "happening"},
                "",
            ),
            (
                WORKSHEET,
                "Wanneer en waar?",
                (
                    "Wanneer gebeurt het en waar: op welke afdeling, locatie of plek in de wijk? Denk aan vaste "
                    "momenten in de week of het jaar."
                ),
                {"answer": "text", "plan": "when_where"},
                "",
            ),
            (
                WORKSHEET,
                "Doelgroep",
                "Wie willen jullie bereiken?",
                {
                    "answer": "choice",
                    "pick": 1,
                    "own": True,
                    "options": [
                        "Mogelijke nieuwe collega's",
                        "Familie van cliënten",
                        "Buurtbewoners",
                        "Vakgenoten",
                        "Vrijwilligers",
                    ],
                    "plan": "audience",
                },
                "",
            ),
            (
                WORKSHEET,
                "Kernboodschap",
                "Welke boodschap moet blijven hangen?",
                {"answer": "text", "plan": "message"},
                "",
            ),
            (
                WORKSHEET,
                "Platform en waarom",
                "Welk platform past bij jullie doelgroep, en waarom?",
                {"answer": "text", "plan": "platform"},
                "",
            ),
            (
                WORKSHEET,
                "Vorm",
                "Welke vorm kiezen jullie: foto, kort verhaal, filmpje, blog?",
                {"answer": "text", "plan": "form"},
                "",
            ),
            (
                WORKSHEET,
                "Wie doet wat?",
                "Wie van het team neemt welke rol: foto's maken, schrijven, reageren?",
                {"answer": "names", "plan": "who"},
                "",
            ),
            (
                WORKSHEET,
                "Planning",
                (
                    "Wat doen jullie wekelijks, maandelijks en jaarlijks? Welke vaste activiteiten en inhaakdagen "
                    "passen erbij?"
                ),
                {"answer": "text", "plan": "planning"},
                "",
            ),
            (
                WORKSHEET,
                "Rond een evenement",
                "Kies een evenement: wat posten jullie ervoor, tijdens en erna?",
                {"answer": "text", "plan": "event"},
                "",
            ),
        ],
    ),
]


def tf_feedback(true, why):
    """The worded answers of a true/false statement for another audience, in tf()'s order (Waar, Niet waar)."""
    right = "Klopt. " + why
    wrong = ("Helaas, dit klopt wel. " if true else "Helaas, dit klopt niet. ") + why
    return [{"feedback": right if true else wrong}, {"feedback": wrong if true else right}]


# Clients do not make the team plan or rate the accounts as staff; volunteers learn about privacy too.
MODULE_AUDIENCES = {3: [STAFF, VOLUNTEERS], 4: [STAFF], 5: [STAFF]}

# The modules and steps as volunteers and clients read them: addressed as who they are, not as care staff.
MODULE_VARIANTS = {
    1: {
        VOLUNTEERS: {
            "title": "Social media en je vrijwilligerswerk",
            "summary": (
                "Waarom je als vrijwilliger online vertelt wat je bij ons doet, wat je ermee wilt bereiken en wat we "
                "met elkaar afspraken."
            ),
        },
        CLIENTS: {
            "title": "Delen wat je bij ons meemaakt",
            "summary": (
                "Waarom het mooi is als je vertelt wat je bij ons meemaakt, en hoe je dat veilig doet: voor jezelf en "
                "voor de mensen om je heen."
            ),
        },
    },
    3: {VOLUNTEERS: {"title": "Privacy en geheimhouding"}},
}
STEP_VARIANTS = {
    (1, 1): {
        VOLUNTEERS: {
            "body": (
                "Jij ziet van dichtbij wat vrijwilligers voor anderen betekenen. Als jij daarover vertelt, geloven "
                "mensen het sneller dan een advertentie van de organisatie. Zo help je nieuwe vrijwilligers ons te "
                "vinden, laat je familie en buurt zien hoe het er bij ons aan toe gaat en geef je het "
                "vrijwilligerswerk een gezicht.\n\n"
                "Tegelijk kom je bij mensen die kwetsbaar zijn. Wat je deelt, blijft online staan en kan verder reizen "
                "dan je denkt. Daarom leer je in deze modules hoe je trots kunt delen zonder iemand te schaden."
            )
        },
        CLIENTS: {
            "body": (
                "Wat jij bij ons meemaakt, vertel je in je eigen woorden. Als jij daarover vertelt, geloven mensen het "
                "sneller dan een advertentie. Zo laat je familie, vrienden en buurt zien hoe het er bij ons aan toe "
                "gaat.\n\n"
                "Wat je deelt, blijft online staan en kan verder reizen dan je denkt. Daarom leer je hier hoe je "
                "veilig deelt: voor jezelf en voor de mensen om je heen, zoals anderen die bij ons zorg krijgen."
            )
        },
    },
    (1, 2): {
        VOLUNTEERS: {
            "body": (
                "Wat wil jij bereiken met social media over je vrijwilligerswerk? Kies je drie belangrijkste doelen, "
                "of schrijf een eigen doel op."
            ),
            "data": {
                "options": [
                    "Laten zien hoe mooi vrijwilligerswerk is",
                    "Nieuwe vrijwilligers helpen ons te vinden",
                    "Mijn netwerk onderhouden",
                    "Familie en buurt laten zien wat we doen",
                    "Op de hoogte blijven van wat er bij ons gebeurt",
                    "Meepraten over de zorg in Nederland",
                ]
            },
        },
        CLIENTS: {
            "body": (
                "Wat wil jij bereiken als je deelt wat je bij ons meemaakt? Kies er drie, of schrijf een eigen doel op."
            ),
            "data": {
                "options": [
                    "Laten zien wat ik hier doe en beleef",
                    "Familie en vrienden op de hoogte houden",
                    "Anderen laten zien hoe het hier is",
                    "Laten weten wat er bij ons te doen is",
                    "Mijn mening geven over de zorg",
                ]
            },
        },
    },
    (2, 6): {
        VOLUNTEERS: {
            "body": (
                "De organisatie waar ik vrijwilliger ben, mag meelezen met wat ik openbaar over mijn "
                "vrijwilligerswerk post."
            ),
            "data": {
                "choices": tf_feedback(
                    True, "Wat openbaar is, kan iedereen lezen: ook de organisatie, cliënten en hun familie."
                )
            },
        },
        CLIENTS: {
            "body": "Wat ik openbaar post, kan ook de organisatie lezen.",
            "data": {
                "choices": tf_feedback(
                    True,
                    "Wat openbaar is, kan iedereen lezen: ook de organisatie, de medewerkers en andere cliënten en hun "
                    "familie.",
                )
            },
        },
    },
    (2, 7): {
        VOLUNTEERS: {
            "data": {
                "choices": tf_feedback(
                    False,
                    "Ook een besloten groep heeft leden die kunnen doorsturen. En over cliënten praat je nooit op "
                    "social media, besloten of niet: dat valt onder de geheimhouding die je als vrijwilliger afsprak.",
                )
            }
        },
        CLIENTS: {
            "body": "In een besloten Facebookgroep kan ik vrij over andere cliënten praten.",
            "data": {
                "choices": tf_feedback(
                    False,
                    "Ook een besloten groep heeft leden die kunnen doorsturen. Over andere cliënten en hun zorg vertel "
                    "je niets online: dat is hun verhaal, niet het jouwe.",
                )
            },
        },
    },
    (2, 9): {
        CLIENTS: {
            "body": (
                "Een foto die ik in de huiskamer of bij een activiteit maak en op Instagram zet, kan toch iets over "
                "anderen laten zien."
            ),
            "data": {
                "choices": tf_feedback(
                    True,
                    "Denk aan een whiteboard met namen, een rooster op de muur of iemand die net door het beeld loopt. "
                    "Kijk altijd eerst wie en wat er achter jou te zien is.",
                )
            },
        }
    },
    (3, 1): {
        VOLUNTEERS: {
            "title": "Je geheimhouding gaat altijd mee",
            "body": (
                "Als vrijwilliger heb je beloofd te zwijgen over wat je bij cliënten ziet en hoort. Dat geldt niet "
                "alleen tijdens je vrijwilligerswerk, maar ook online, in de app-groep en op je eigen account. Ook als "
                "je geen naam noemt, kan een cliënt herkenbaar zijn: door een kamernummer, een leeftijd met een "
                "woonplaats, of omdat iedereen in het dorp weet wie er bij ons woont."
            ),
        }
    },
    (3, 3): {
        VOLUNTEERS: {
            "body": (
                "Een cliënt bij wie je al een jaar op bezoek gaat, stuurt je een vriendschapsverzoek op Facebook. Je "
                "vindt hem aardig en wilt hem niet kwetsen."
            ),
            "data": {
                "considerations": (
                    "Een vriendschap online maakt de grens tussen je vrijwilligerswerk en je privéleven vaag. Hij ziet "
                    "jouw privéleven en jij het zijne. Je kunt het verzoek vriendelijk weigeren en het bij je volgende "
                    "bezoek uitleggen."
                )
            },
        }
    },
    (3, 4): {
        VOLUNTEERS: {
            "title": "De app-groep van de vrijwilligers",
            "body": (
                "In de app-groep van de vrijwilligers vraagt iemand of een ander wil letten op ‘meneer van kamer 8, "
                "die weer zo onrustig is’. Een ander reageert met een grapje."
            ),
            "data": {
                "considerations": (
                    "Een app-groep voelt als een praatje bij de koffie, maar berichten staan op privételefoons en "
                    "kunnen worden doorgestuurd. Ook zonder naam is ‘meneer van kamer 8’ herkenbaar. Maak je je zorgen "
                    "om iemand? Zeg het tegen een medewerker van de afdeling."
                )
            },
        }
    },
    (3, 6): {
        VOLUNTEERS: {
            "data": {
                "considerations": (
                    "Contact met familie is belangrijk, maar loopt via de afdeling. Met je privénummer ben je altijd "
                    "bereikbaar en wordt het lastig om grenzen te houden. Geef het nummer van de afdeling en vertel "
                    "een medewerker dat de zoon gebeld wil worden."
                )
            }
        }
    },
    (3, 7): {
        VOLUNTEERS: {
            "body": (
                "Op de spoedeisende hulp, waar je als vrijwilliger bij de balie helpt, komt een bekende presentator "
                "binnen. Anderen praten erover en iemand wil het op X zetten, ‘want het staat straks toch in de "
                "krant’."
            ),
            "data": {
                "considerations": (
                    "Ook bij bekende mensen geldt je geheimhouding. Dat iemand zorg krijgt, vertel jij niet, ook niet "
                    "als anderen het misschien al weten."
                )
            },
        }
    },
}


@transaction.atomic
def install_modules(organisation):
    """Add the starting modules to an organisation that has none yet. Returns how many were added."""
    if Module.objects.exists():
        return 0
    for number, title, basic, summary, steps in MODULES:
        module = Module.objects.create(
            organisation=organisation,
            number=number,
            title=title,
            basic=basic,
            summary=summary,
            audiences=MODULE_AUDIENCES.get(number, []),
            variants=MODULE_VARIANTS.get(number, {}),
        )
        statements = 0
        for order, (kind, step_title, body, data, rule) in enumerate(steps, start=1):
            if kind == QUESTION:
                statements += 1
                step_title = f"{step_title} {statements}"
            Step.objects.create(
                module=module,
                order=order,
                kind=kind,
                title=step_title,
                body=body,
                data=data,
                rule=rule,
                variants=STEP_VARIANTS.get((number, order), {}),
            )
    return len(MODULES)
