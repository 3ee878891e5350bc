"""Texts shown with findings, in Dutch (default) and English.

RULES holds the policy line a finding refers to; MESSAGES says what is
wrong in this post and how to fix it. Both are written for care staff.
"""

LANGUAGES = ("nl", "en")

RULES: dict[str, dict[str, str]] = {
    "privacy.client": {
        "nl": (
            "Beroepsgeheim: maak nooit herkenbaar wie zorg krijgt. Geen naam, initialen, bijnaam, kamer- of bednummer, "
            "en geen combinatie van details waaraan mensen iemand herkennen."
        ),
        "en": (
            "Professional secrecy: never make it recognisable who receives care. No name, initials, nickname, room or "
            "bed number, and no combination of details by which people recognise someone."
        ),
    },
    "privacy.known_person": {
        "nl": (
            "Beroepsgeheim geldt ook voor bekenden: vertel niet dat je buurman, een vriend of een bekende Nederlander "
            "bij ons zorg krijgt."
        ),
        "en": (
            "Professional secrecy also covers people you know: do not tell that a neighbour, a friend or a well-known "
            "person receives care from us."
        ),
    },
    "privacy.photo": {
        "nl": (
            "Zet geen foto of selfie met een cliënt online, ook niet met toestemming van familie: daarvoor loopt een "
            "aparte toestemmingsprocedure via communicatie."
        ),
        "en": (
            "Do not post a photo or selfie with a client, not even with the family's permission: consent goes through "
            "communications."
        ),
    },
    "personal.identifier": {
        "nl": (
            "AVG: deel geen persoonsgegevens van privépersonen (BSN, privételefoon, privé-e-mail, huisadres, "
            "geboortedatum, cliënt- of patiëntnummer), ook niet van jezelf of collega's."
        ),
        "en": (
            "GDPR: do not share personal data of private persons (citizen service number, private phone, private "
            "e-mail, home address, date of birth, client or patient number), not even your own or a colleague's."
        ),
    },
    "confidential.internal": {
        "nl": (
            "Vertrouwelijk blijft binnen: geen plannen die nog niet bekend zijn, interne cijfers, incidenten, "
            "onderzoeken, vergaderstukken of beveiligingscodes."
        ),
        "en": (
            "Confidential stays inside: no unannounced plans, internal figures, incidents, investigations, meeting "
            "papers or security codes."
        ),
    },
    "respect.respectful": {
        "nl": (
            "Wees respectvol over iedereen: geen scheldwoorden, spot, dreiging of roddels. Kritiek mag, op een "
            "respectvolle toon."
        ),
        "en": (
            "Be respectful about everyone: no swearing, mockery, threats or gossip. Criticism is fine, in a respectful "
            "tone."
        ),
    },
    "speaks.spokesperson": {
        "nl": (
            "Alleen woordvoerders spreken namens de organisatie. Deel je eigen ervaring in de ik-vorm, maar doe geen "
            "toezeggingen en kondig geen besluiten aan."
        ),
        "en": (
            "Only spokespeople speak for the organisation. Share your own experience in the first person, but make no "
            "promises and announce no decisions."
        ),
    },
    "contact.private": {
        "nl": (
            "Houd contact met cliënten en hun naasten zakelijk, via de kanalen van de organisatie. Geen privénummer, "
            "vriendschapsverzoeken of DM's, en bespreek cliënten niet in een app-groep."
        ),
        "en": (
            "Keep contact with clients and their families professional, through the organisation's channels. No "
            "private number, friend requests or DMs, and do not discuss clients in a chat group."
        ),
    },
    "words.tone": {
        "nl": "Onze tone of voice: we gebruiken woorden die mensen niet tot hun beperking of leeftijd terugbrengen.",
        "en": "Our tone of voice: we use words that do not reduce people to their disability or age.",
    },
    "spelling.dictionary": {
        "nl": "Een bericht zonder taalfouten komt professioneler over.",
        "en": "A post without spelling mistakes looks more professional.",
    },
    "platform.limits": {
        "nl": "Elk netwerk heeft eigen technische grenzen voor lengte, hashtags en links.",
        "en": "Each network has its own technical limits for length, hashtags and links.",
    },
    "policy.blocked_term": {
        "nl": "De organisatie heeft dit woord op de lijst gezet van termen die niet in berichten horen.",
        "en": "The organisation listed this term as one that does not belong in posts.",
    },
    "policy.blog_disclaimer": {
        "nl": "Een blog over je werk eindigt met de disclaimer van de organisatie.",
        "en": "A blog about your work ends with the organisation's disclaimer.",
    },
}

MESSAGES: dict[str, dict[str, str]] = {
    "client_name": {
        "nl": "“{span}” maakt een cliënt herkenbaar. Laat de naam weg of schrijf ‘een cliënt’, ‘een bewoner’.",
        "en": "“{span}” makes a client recognisable. Leave the name out or write ‘a client’, ‘a resident’.",
    },
    "client_room": {
        "nl": "Een kamer-, bed- of huisnummer maakt iemand herkenbaar. Laat “{span}” weg.",
        "en": "A room, bed or house number makes someone recognisable. Leave out “{span}”.",
    },
    "client_details": {
        "nl": (
            "Deze combinatie van details (zoals leeftijd, woonplaats, aandoening) maakt iemand herkenbaar. Laat "
            "details weg tot niemand te herkennen is."
        ),
        "en": (
            "This combination of details (such as age, place, condition) makes someone recognisable. Leave details out "
            "until nobody can be recognised."
        ),
    },
    "known_person": {
        "nl": (
            "Je vertelt dat iemand die mensen kennen (“{span}”) bij ons zorg krijgt. Dat valt onder je beroepsgeheim: "
            "laat het weg."
        ),
        "en": (
            "You tell that someone people know (“{span}”) receives care from us. That falls under professional "
            "secrecy: leave it out."
        ),
    },
    "client_photo": {
        "nl": (
            "Een foto of selfie met een cliënt hoort niet op je eigen account. Vraag communicatie naar de "
            "toestemmingsprocedure."
        ),
        "en": "A photo or selfie with a client does not belong on your own account. Ask communications about consent.",
    },
    "client_identifier": {
        "nl": (
            "Dit gegeven (“{span}”) hoort bij een cliënt of diens naaste. Deel het nooit online, ook niet in een "
            "app-groep."
        ),
        "en": (
            "This detail (“{span}”) belongs to a client or their relative. Never share it online, not even in a chat "
            "group."
        ),
    },
    "bsn": {
        "nl": (
            "“{span}” is een burgerservicenummer (BSN). Verwijder het; deel een BSN alleen via de beveiligde systemen."
        ),
        "en": "“{span}” is a citizen service number (BSN). Remove it; share a BSN only through the secure systems.",
    },
    "phone": {
        "nl": (
            "“{span}” is een privételefoonnummer. Verwijder het of verwijs naar het algemene nummer van de organisatie."
        ),
        "en": "“{span}” is a private phone number. Remove it or refer to the organisation's general number.",
    },
    "email": {
        "nl": "“{span}” is een privé-e-mailadres. Verwijder het of verwijs naar een algemeen adres van de organisatie.",
        "en": "“{span}” is a private e-mail address. Remove it or refer to a general address of the organisation.",
    },
    "birthdate": {
        "nl": "“{span}” is een geboortedatum. Laat die weg.",
        "en": "“{span}” is a date of birth. Leave it out.",
    },
    "address": {
        "nl": "“{span}” is een huisadres. Laat het weg of spreek een openbare plek af.",
        "en": "“{span}” is a home address. Leave it out or choose a public place.",
    },
    "client_number": {
        "nl": "“{span}” is een cliënt-, patiënt- of dossiernummer. Dat hoort alleen in het dossier.",
        "en": "“{span}” is a client, patient or record number. It belongs only in the record.",
    },
    "security_code": {
        "nl": (
            "Je deelt een code of wachtwoord (“{span}”). Beveiligingsgegevens horen nooit online of in een app-groep; "
            "wijzig de code als hij al gedeeld is."
        ),
        "en": (
            "You share a code or password (“{span}”). Security details never go online or in a chat group; change the "
            "code if it was shared."
        ),
    },
    "security_asked": {
        "nl": (
            "Je vraagt naar een code of wachtwoord (“{span}”). Vraag dat persoonlijk of aan je leidinggevende, nooit "
            "online of in een app-groep: het antwoord komt dan ook daar te staan."
        ),
        "en": (
            "You ask for a code or password (“{span}”). Ask in person or ask your manager, never online or in a chat "
            "group: the answer would end up there too."
        ),
    },
    "security_weak": {
        "nl": (
            "Je vertelt waar de beveiliging niet werkt (“{span}”). Meld dat bij de technische dienst of je "
            "leidinggevende; online of in een app-groep wijst het de weg naar binnen."
        ),
        "en": (
            "You tell where the security does not work (“{span}”). Report it to facilities or your manager; online or "
            "in a chat group it shows the way in."
        ),
    },
    "not_public": {
        "nl": (
            "“{span}”: dit is nog niet openbaar. Wacht tot de organisatie het zelf bekendmaakt en deel dan dat bericht."
        ),
        "en": "“{span}”: this is not public yet. Wait until the organisation announces it and share that announcement.",
    },
    "incident": {
        "nl": (
            "Een intern incident of onderzoek (“{span}”) bespreek je binnen, niet online. Zorgen? Meld ze bij je "
            "leidinggevende of de klachtenfunctionaris."
        ),
        "en": (
            "An internal incident or investigation (“{span}”) is discussed inside, not online. Worried? Raise it with "
            "your manager or the complaints officer."
        ),
    },
    "internal_figures": {
        "nl": (
            "Interne cijfers (“{span}”) zijn niet openbaar. Deel alleen cijfers uit gepubliceerde stukken, zoals het "
            "jaarverslag."
        ),
        "en": (
            "Internal figures (“{span}”) are not public. Share only figures from published documents, such as the "
            "annual report."
        ),
    },
    "internal_meeting": {
        "nl": "Wat in een besloten of vertrouwelijk overleg is besproken (“{span}”), blijft binnen.",
        "en": "What was discussed in a closed or confidential meeting (“{span}”) stays inside.",
    },
    "accusation": {
        "nl": (
            "“{span}” beschuldigt iemand van liegen, stelen of fraude. Zo'n beschuldiging online kan iemand "
            "beschadigen; meld een vermoeden bij je leidinggevende of de vertrouwenspersoon."
        ),
        "en": (
            "“{span}” accuses someone of lying, stealing or fraud. Such an accusation online can harm someone; "
            "report a suspicion to your manager or the confidential adviser."
        ),
    },
    "insult": {
        "nl": "“{span}” is kwetsend. Zeg wat je dwarszit zonder scheldwoorden; respectvolle kritiek mag.",
        "en": "“{span}” is hurtful. Say what bothers you without name-calling; respectful criticism is fine.",
    },
    "threat": {
        "nl": (
            "“{span}” klinkt als een dreiging, ook als je het als grap bedoelt. Dreig nooit; loopt een conflict op, "
            "vraag dan je leidinggevende om hulp."
        ),
        "en": (
            "“{span}” reads as a threat, even if you mean it as a joke. Never threaten anyone; "
            "if a conflict escalates, ask your manager for help."
        ),
    },
    "mockery": {
        "nl": (
            "Hiermee maak je iemand belachelijk (“{span}”). Schrijf over mensen zoals je zou willen dat over jou "
            "geschreven wordt."
        ),
        "en": "This makes fun of someone (“{span}”). Write about people as you would want to be written about.",
    },
    "gossip": {
        "nl": (
            "Dit klinkt als een roddel of gerucht (“{span}”). Deel geen verhalen over collega's of de organisatie die "
            "je niet zelf kunt verantwoorden."
        ),
        "en": (
            "This sounds like gossip or a rumour (“{span}”). Do not share stories about colleagues or the organisation "
            "you cannot stand behind."
        ),
    },
    "on_behalf": {
        "nl": (
            "Je spreekt hier namens de organisatie (“{span}”). Laat dat aan de woordvoerder over, of schrijf in de "
            "ik-vorm over je eigen ervaring."
        ),
        "en": (
            "You speak for the organisation here (“{span}”). Leave that to the spokesperson, or write in the first "
            "person about your own experience."
        ),
    },
    "promise": {
        "nl": (
            "“{span}” is een toezegging namens de organisatie. Beloof niets wat alleen de organisatie kan waarmaken; "
            "verwijs naar het officiële bericht."
        ),
        "en": (
            "“{span}” is a promise on behalf of the organisation. Do not promise what only the organisation can "
            "deliver; refer to the official announcement."
        ),
    },
    "decision": {
        "nl": (
            "Je kondigt een besluit aan (“{span}”). Officieel nieuws komt van communicatie; deel hun bericht zodra het "
            "er is."
        ),
        "en": (
            "You announce a decision (“{span}”). Official news comes from communications; share their announcement "
            "once it is out."
        ),
    },
    "team_chat": {
        "nl": (
            "Je bespreekt een cliënt in een app-groep (“{span}”). Gebruik daarvoor het dossier of de overdracht, ook "
            "als je geen naam noemt."
        ),
        "en": (
            "You discuss a client in a chat group (“{span}”). Use the record or the handover for that, even without a "
            "name."
        ),
    },
    "private_channel": {
        "nl": (
            "Privécontact met cliënten of hun naasten (“{span}”) past niet bij je rol. Verwijs naar de afdeling of de "
            "kanalen van de organisatie."
        ),
        "en": (
            "Private contact with clients or their families (“{span}”) does not fit your role. Refer them to the ward "
            "or the organisation's channels."
        ),
    },
    "word_choice": {
        "nl": "Schrijf liever “{use}” in plaats van “{span}”.",
        "en": "Prefer “{use}” over “{span}”.",
    },
    "spelling": {
        "nl": "“{span}” staat niet in het woordenboek.{hint}",
        "en": "“{span}” is not in the dictionary.{hint}",
    },
    "spelling_hint": {"nl": " Bedoel je “{suggestion}”?", "en": " Did you mean “{suggestion}”?"},
    "too_long": {
        "nl": "Te lang voor {network}: {count} van de {limit} tekens. Maak de tekst {over} tekens korter.",
        "en": "Too long for {network}: {count} of {limit} characters. Shorten the text by {over} characters.",
    },
    "too_long_with_link": {
        "nl": (
            "Te lang voor {network}: {count} van de {limit} tekens, de link die bij het delen wordt toegevoegd "
            "meegeteld ({link} tekens). Maak de tekst {over} tekens korter."
        ),
        "en": (
            "Too long for {network}: {count} of {limit} characters, counting the link added when you share "
            "({link} characters). Shorten the text by {over} characters."
        ),
    },
    "too_long_to_check": {
        "nl": (
            "Deze tekst is te lang om te controleren: {count} tekens, de grens is {limit}. Geen bericht is zo lang; "
            "plak alleen de tekst van je bericht."
        ),
        "en": (
            "This text is too long to check: {count} characters, the limit is {limit}. No post is this long; paste "
            "only the text of your post."
        ),
    },
    "too_many_hashtags": {
        "nl": "Instagram staat maximaal {limit} hashtags toe; dit bericht heeft er {count}.",
        "en": "Instagram allows at most {limit} hashtags; this post has {count}.",
    },
    "many_hashtags": {
        "nl": "{count} hashtags op {network} leest als spam; kies er twee of drie die passen.",
        "en": "{count} hashtags on {network} reads as spam; pick two or three that fit.",
    },
    "link_not_clickable": {
        "nl": "Links in een Instagram-bericht zijn niet klikbaar. Zet de link in je bio en schrijf ‘link in bio’.",
        "en": "Links in an Instagram caption are not clickable. Put the link in your bio and write ‘link in bio’.",
    },
    "blocked_term": {
        "nl": "“{span}” staat op de lijst van de organisatie.{reason}",
        "en": "“{span}” is on the organisation's list.{reason}",
    },
    "blog_disclaimer": {
        "nl": "Zet de disclaimer van de organisatie onder je blog: “{disclaimer}”",
        "en": "Add the organisation's disclaimer to your blog: “{disclaimer}”",
    },
}


# The learned layer (learned.py) points at a sentence and the words that weighed
# most; its policy line is the category's own.
RULES["learned.client_privacy"] = RULES["privacy.client"]
RULES["learned.confidential"] = RULES["confidential.internal"]
RULES["learned.disrespect"] = RULES["respect.respectful"]
RULES["learned.speaks_for_org"] = RULES["speaks.spokesperson"]
RULES["learned.client_contact"] = RULES["contact.private"]
MESSAGES.update(
    {
        "learned_client_privacy": {
            "nl": (
                "Deze zin kan iemand herkenbaar maken die zorg krijgt (“{span}”); vooral {words} wegen mee. Laat "
                "details weg tot niemand te herkennen is."
            ),
            "en": (
                "This sentence may make someone who receives care recognisable (“{span}”); mostly {words} weigh in. "
                "Leave details out until nobody can be recognised."
            ),
        },
        "learned_confidential": {
            "nl": (
                "Deze zin lijkt iets te delen wat binnen hoort te blijven (“{span}”); vooral {words} wegen mee. Deel "
                "alleen wat al openbaar is."
            ),
            "en": (
                "This sentence seems to share something that should stay inside (“{span}”); mostly {words} weigh in. "
                "Share only what is already public."
            ),
        },
        "learned_disrespect": {
            "nl": (
                "Deze zin kan kwetsend of als roddel overkomen (“{span}”); vooral {words} wegen mee. Respectvolle "
                "kritiek mag."
            ),
            "en": (
                "This sentence may come across as hurtful or as gossip (“{span}”); mostly {words} weigh in. "
                "Respectful criticism is fine."
            ),
        },
        "learned_speaks_for_org": {
            "nl": (
                "Hier lijk je namens de organisatie te spreken (“{span}”); vooral {words} wegen mee. Schrijf in de "
                "ik-vorm over je eigen ervaring, of laat het aan de woordvoerder."
            ),
            "en": (
                "Here you seem to speak for the organisation (“{span}”); mostly {words} weigh in. Write in the first "
                "person about your own experience, or leave it to the spokesperson."
            ),
        },
        "learned_client_contact": {
            "nl": (
                "Dit lijkt privécontact met cliënten of het bespreken van een cliënt in een app-groep (“{span}”); "
                "vooral {words} wegen mee. Gebruik de kanalen van de organisatie."
            ),
            "en": (
                "This looks like private contact with clients or discussing a client in a chat group (“{span}”); "
                "mostly {words} weigh in. Use the organisation's channels."
            ),
        },
    }
)


def message(key: str, lang: str, **params: object) -> str:
    texts = MESSAGES[key]
    return texts.get(lang, texts["nl"]).format(**params)


def rule_text(rule: str, lang: str) -> str:
    texts = RULES[rule]
    return texts.get(lang, texts["nl"])


# The categories of report.CATEGORIES in words, for the audit log and the findings grouped by rule.
CATEGORY_NAMES: dict[str, dict[str, str]] = {
    "client_privacy": {"nl": "privacy van cliënten (beroepsgeheim)", "en": "client privacy (professional secrecy)"},
    "personal_data": {"nl": "persoonsgegevens", "en": "personal data"},
    "confidential": {"nl": "vertrouwelijke informatie", "en": "confidential information"},
    "disrespect": {"nl": "respectloos taalgebruik", "en": "disrespect"},
    "speaks_for_org": {"nl": "spreken namens de organisatie", "en": "speaking for the organisation"},
    "client_contact": {"nl": "privécontact met cliënten", "en": "private contact with clients"},
    "word_choice": {"nl": "woordkeuze", "en": "word choice"},
    "spelling": {"nl": "spelling", "en": "spelling"},
    "platform": {"nl": "grenzen van het netwerk", "en": "the network's limits"},
}


def category_name(category: str, lang: str) -> str:
    """The category in words; an unknown code as it is (an entry logged by a later version)."""
    texts = CATEGORY_NAMES.get(category)
    return texts.get(lang, texts["nl"]) if texts else category


# The five questions to ask before posting, shown beside the check in the share flow.
FIVE_QUESTIONS: dict[str, list[str]] = {
    "nl": [
        "Zou je dit ook graag in de krant zien staan, met jouw naam erbij?",
        "Staat er niets in wat binnen hoort te blijven?",
        "Is het respectvol naar iedereen die erin voorkomt of het leest?",
        "Voelt het goed als je het nog één keer leest?",
        "Twijfel je? Vraag het eerst aan een collega of aan communicatie.",
    ],
    "en": [
        "Would you be happy to see this in the newspaper, with your name on it?",
        "Is there nothing in it that should stay inside?",
        "Is it respectful to everyone in it or reading it?",
        "Does it feel right when you read it once more?",
        "In doubt? Ask a colleague or communications first.",
    ],
}
