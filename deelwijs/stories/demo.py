"""The demo organisation's stories sent in for pickup."""

from django.db import transaction

from .models import Story

STORIES = [
    (
        "medewerker",
        "Vanochtend speelde een bewoner voor het eerst in jaren weer piano in de huiskamer. Iedereen werd stil. "
        "Ik werk al twaalf jaar in de zorg en dit soort momenten blijven bijzonder.",
        "linkedin,facebook",
    ),
    (
        "vrijwilliger",
        "Met de vrijwilligers van de dagbesteding hebben we de moestuin winterklaar gemaakt. Volgend jaar "
        "weer pompoenen!",
        "facebook,instagram",
    ),
    (
        "ambassadeur",
        "Vandaag liep een leerling voor het eerst mee in de wijk. Wat een goede vragen stelde ze. "
        "Zo leer ik zelf ook weer bij.",
        "linkedin",
    ),
]


@transaction.atomic
def create_demo_stories(org, people):
    if Story.objects.exists():
        return
    for author, text, networks in STORIES:
        Story.objects.create(organisation=org, author=people[author], text=text, networks=networks)
