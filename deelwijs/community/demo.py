"""The demo's community: questions with answers (one of them in the toolkit), a new ambassador with a buddy, a
public page of our people online, requests to join the ambassador team and two help requests. Made with the
app's own domain functions; running it again changes nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from deelwijs.accounts.models import Handle

from . import domain
from .models import HelpRequest, JoinRequest, PeoplePage, Question

# asker, title, text, [(answerer, answer)], promoted as (question, answer) or None
QUESTIONS = [
    (
        "medewerker",
        "Mag ik een foto van ons teamuitje op LinkedIn zetten?",
        "We waren met het team van de Zonnebloem bij de bowling. Er staan alleen collega's op.",
        [
            (
                "communicatie",
                "Ja, als iedereen op de foto het goed vindt: vraag het even in de groepsapp voor je post. Staan er "
                "toch bewoners of familie op de achtergrond, kies dan een andere foto. Zet erbij dat je bij Lindehof "
                "werkt, dan weten mensen waar ze je kunnen vinden.",
            )
        ],
        (
            "Mag ik een foto met collega's op mijn eigen account zetten?",
            "Ja, als **iedereen op de foto** het goed vindt: vraag het voor je post. Staan er cliënten, bewoners of "
            "familie op, ook op de achtergrond, kies dan een andere foto. Zeg in je bericht dat je bij ons werkt.",
        ),
    ),
    (
        "ambassadeur2",
        "Hoe vaak moet ik iets delen als ambassadeur?",
        "Ik ben net begonnen en wil niet dat mijn netwerk er genoeg van krijgt.",
        [
            (
                "ambassadeur",
                "Er is geen verplichting! Ik deel zelf ongeveer één keer per week iets van Lindehof en af en toe iets "
                "van mezelf over mijn werk. Kies wat bij je past: dat lezen mensen het liefst.",
            ),
            ("ambassadeur2", "Dank je, dan begin ik met één keer per week."),
        ],
        None,
    ),
    (
        "ambassadeur",
        "Kan ik op Instagram een apart account voor mijn werk maken?",
        "Mijn eigen account is privé, voor familie en vrienden.",
        [],
        None,
    ),
    (
        "client",
        "Mag ik foto's van de dagbesteding delen?",
        "Ik heb mooie foto's gemaakt van de schilderles.",
        [
            (
                "communicatie2",
                "Wat leuk dat je foto's maakt! Foto's van je eigen schilderij mag je altijd delen. Staan er andere "
                "mensen op, vraag het hen dan eerst. Wil je dat wij ze op onze Facebookpagina zetten? Stuur ze in via "
                "Verhaal insturen.",
            )
        ],
        None,
    ),
    (
        "vrijwilliger",
        "Wat doe ik als iemand een nare reactie onder mijn bericht zet?",
        "",
        [
            (
                "communicatie",
                "Reageer niet in het moment zelf. Verberg of verwijder de reactie als die beledigend is, en geef het "
                "door aan webcare via Iets melden. Gaat het over jou als persoon, vraag dan hulp bij Hulp bij online "
                "narigheid.",
            )
        ],
        (
            "Wat doe ik bij een nare reactie onder mijn bericht?",
            "Reageer niet meteen. Verberg of verwijder een beledigende reactie en meld het bij webcare (*Webcare → "
            "Iets melden*). Gaat het over jou als persoon? Vraag dan hulp onder *Samen → Hulp bij online narigheid*: "
            "alleen wie jij kiest leest het.",
        ),
    ),
]
# person, job title, networks of their handles to show
LISTINGS = [
    ("ambassadeur", "Wijkverpleegkundige", ["linkedin", "instagram"]),
    ("communicatie", "Communicatieadviseur", ["linkedin", "x"]),
    ("ambassadeur2", "", ["mastodon", "linkedin"]),
]
INTRO = (
    "Collega's van Zorggroep Lindehof die je op de sociale netwerken kunt volgen. Ze schrijven op persoonlijke "
    "titel. Vragen over de zorg van jou of je familie? Bel ons op 088 450 12 00."
)


@transaction.atomic
def create_demo_community(org, people):
    if Question.objects.exists():
        return
    now = timezone.now()
    domain.pair(people["communicatie"], people["ambassadeur2"], people["ambassadeur"])
    for n, (asker, title, text, answers, promoted) in enumerate(QUESTIONS):
        question = domain.ask_question(people[asker], title, text)
        asked_at = now - timedelta(days=len(QUESTIONS) - n, hours=3)
        Question.objects.filter(pk=question.pk).update(created=asked_at)
        for m, (answerer, answer_text) in enumerate(answers):
            answer = domain.answer_question(people[answerer], question, answer_text)
            type(answer).objects.filter(pk=answer.pk).update(created=asked_at + timedelta(hours=2 + m))
            if promoted and m == 0:
                domain.promote(people["communicatie"], answer, *promoted)

    PeoplePage.objects.create(
        organisation=org, published=True, intro=INTRO, embed_origins="https://www.lindehof.example"
    )
    for key, job_title, networks in LISTINGS:
        handles = list(Handle.objects.filter(user=people[key], platform__in=networks))
        if handles:
            domain.opt_in(people[key], handles, job_title)

    domain.ask_to_join(
        people["medewerker"],
        "Ik vertel graag over ons werk op de Zonnebloem, vooral op Facebook. Ik zou het fijn vinden om te leren hoe "
        "ik dat goed doe.",
    )
    declined = domain.ask_to_join(
        people["webcare"], "Ik zie in webcare veel mooie berichten voorbijkomen en zou die graag zelf ook delen."
    )
    domain.decide_join(
        people["communicatie2"],
        declined,
        accept=False,
        reason="Fijn dat je wilt! Voor nu houden we webcare en ambassadeurs apart, zodat je niet op je eigen berichten "
        "reageert. Na de zomer kijken we er samen opnieuw naar.",
    )

    help_request = domain.ask_for_help(
        people["medewerker"],
        HelpRequest.CLIENT_MESSAGES,
        "Een familielid van een bewoner stuurt me elke avond berichten via Facebook Messenger, ook over andere "
        "bewoners. Ik heb niet teruggeschreven.",
        "",
        [people["manager"]],
    )
    domain.add_help_message(
        people["manager"],
        help_request,
        "Goed dat je het zegt, Kees. Reageer niet privé; je mag de berichten negeren of hem blokkeren. Ik bel de "
        "familie morgen en spreek af dat vragen via de afdeling gaan.",
    )
    domain.add_help_message(people["medewerker"], help_request, "Dank je. Ik heb hem geblokkeerd.")
    closed = domain.ask_for_help(
        people["ambassadeur"],
        HelpRequest.POST_ABOUT_ME,
        "In een buurtgroep op Facebook staat een foto van mij in uniform met een nare tekst erbij.",
        "https://www.facebook.com/groups/voorbeeld/posts/1",
        [people["communicatie"]],
    )
    domain.update_help(
        people["communicatie"],
        closed,
        HelpRequest.CLOSED,
        "De beheerder van de groep heeft het bericht op ons verzoek verwijderd. Sanne weet wat ze kan doen als het "
        "weer gebeurt.",
    )
    JoinRequest.objects.filter(pk=declined.pk).update(decided_at=now - timedelta(days=3))
