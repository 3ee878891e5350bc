"""Demo activity: shares by the demo staff over the past months, and clicks on their links."""

import hashlib
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from deelwijs.content.models import ContentItem

from .domain import with_utm
from .models import Click, Share, TrackedLink

NETWORKS = ["linkedin", "linkedin", "linkedin", "facebook", "x", "instagram"]


@transaction.atomic
def create_demo_activity(org, sharers, days=120, seed=7):
    """About three shares a day by the given people, each with a handful of clicks. Only once."""
    if Share.objects.exists():
        return 0
    rng = random.Random(seed)
    items = list(ContentItem.objects.filter(published=True).exclude(link=""))
    now = timezone.now()
    clicks = []
    made = 0
    for back in range(days, 0, -1):
        moment = now - timedelta(days=back)
        for _ in range(rng.randint(0, 6)):
            item = rng.choice(items)
            network = rng.choice(NETWORKS)
            shared_at = moment.replace(hour=rng.randint(7, 21), minute=rng.randint(0, 59))
            person = rng.choice(sharers)
            team = person.teams.order_by("pk").first()
            share = Share.objects.create(
                organisation=org,
                person=person,
                item=item,
                network=network,
                text=item.title,
                created=shared_at,
                team=team,
                location=team.location if team else None,
            )
            link = TrackedLink.objects.create(share=share, target_url=with_utm(item.link, network, item))
            for n in range(rng.choice([0, 1, 2, 3, 5, 8, 13])):
                day = (shared_at + timedelta(days=min(rng.expovariate(1.2), back - 1))).date()
                visitor = hashlib.sha256(f"demo-{made}-{n}".encode()).hexdigest()
                clicks.append(Click(link=link, day=day, visitor=visitor))
            made += 1
    Click.objects.bulk_create(clicks, batch_size=1000)
    return made
