"""The demo organisation's stories sent in for pickup, one of them with a photo the photo check stops."""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter, ImageFont

from deelwijs.content import photochecks
from deelwijs.content.images import process
from deelwijs.content.models import Image

from .models import Story, StoryPhoto

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
# A story whose photo shows more than its writer meant: the board in the living room has a resident's name and
# room number on it. The photo check finds them; communications blurs them before the story is planned.
BOARD_STORY = (
    "ambassadeur",
    "Ons nieuwe activiteitenbord in de huiskamer van De Linde hangt! Zo ziet iedereen in één oogopslag wat er "
    "vandaag te doen is. Ik werk met veel plezier op deze afdeling.",
    "linkedin,facebook",
)
BOARD = ("Activiteiten vandaag", "10.00 koffie in de huiskamer", "Mevr. Jansen kamer 12 - kapper", "14.30 zingen")


def board_photo():
    """A drawn photo of a whiteboard on a wall, with a resident's name and room number among the activities."""
    picture = PILImage.new("RGB", (1600, 1200), (214, 204, 186))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 1000, 1600, 1200], fill=(150, 118, 86))
    draw.rectangle([180, 160, 1420, 900], fill=(250, 250, 247), outline=(140, 140, 145), width=10)
    heading, text = ImageFont.load_default(size=64), ImageFont.load_default(size=56)
    for number, line in enumerate(BOARD):
        draw.text((250, 230 + number * 150), line, fill=(25, 40, 120), font=heading if number == 0 else text)
    buffer = io.BytesIO()
    picture.filter(ImageFilter.GaussianBlur(1)).save(buffer, "JPEG", quality=88)
    return ContentFile(buffer.getvalue(), name="bord.jpg")


@transaction.atomic
def create_demo_stories(org, people):
    if Story.objects.exists():
        return
    for author, text, networks in STORIES:
        Story.objects.create(organisation=org, author=people[author], text=text, networks=networks)
    author, text, networks = BOARD_STORY
    story = Story.objects.create(organisation=org, author=people[author], text=text, networks=networks, consent=True)
    image = Image.from_processed(org, process(board_photo()), "Het activiteitenbord in de huiskamer")
    StoryPhoto.objects.create(story=story, image=image)
    # Checked here and now, so the demo shows the finding before any worker runs.
    photochecks.request_check(image, queue=False)
    photochecks.run_check(image.pk)
