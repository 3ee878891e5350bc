"""Background jobs for content: the weekly digest, the news feed import, uploads left behind by forms, the photo
check, and the push that says an item is new in the feed."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from deelwijs.orgs.models import Organisation, User
from deelwijs.orgs.tenancy import each_organisation, runs_in_organisation

from . import photochecks
from .domain import announce_new_items, digest_items, digest_since
from .models import ContentItem
from .news import import_feed
from .uploads import forget_kept_uploads as forget_kept

# A file kept for a form that was never sent again goes after this long.
KEEP_UPLOADS = timedelta(days=1)


def digest_for(person, since):
    return digest_items(ContentItem.objects.for_person(person), since)


@task()
def send_weekly_digest():
    """E-mail everyone who wants it the items of the past week meant for them. Returns how many were sent."""
    since = digest_since()
    sent = 0
    with get_connection() as connection, translation.override("nl"):
        for person in _digest_readers():
            items = digest_for(person, since)
            if not items:
                continue
            context = {
                "person": person,
                "items": items,
                "site": settings.SITE_URL,
                "feed": settings.SITE_URL + reverse("feed"),
                "opt_out": settings.SITE_URL + reverse("preferences"),
            }
            EmailMessage(
                render_to_string("content/email/digest_subject.txt", context).strip(),
                render_to_string("content/email/digest.txt", context),
                None,
                [person.email],
                connection=connection,
            ).send()
            sent += 1
    return sent


def _digest_readers():
    """Everyone who wants the digest, organisation by organisation, each read inside their organisation."""
    for _ in each_organisation():
        people = User.members.filter(is_active=True, wants_digest=True).select_related("organisation")
        yield from people.prefetch_related("role_assignments", "teams").iterator(chunk_size=200)


@task()
@runs_in_organisation
def import_news(organisation_id):
    """Fetch the organisation's news feed and add new articles as draft items. Returns how many were added."""
    return import_feed(Organisation.objects.get(pk=organisation_id))


@task()
def import_all_news():
    """Queue the news import of every organisation with a news feed, one task each. Returns how many."""
    organisation_ids = list(Organisation.objects.exclude(news_feed_url="").values_list("pk", flat=True))
    for organisation_id in organisation_ids:
        import_news.enqueue(organisation_id)
    return len(organisation_ids)


@task()
def forget_kept_uploads():
    """Run every night: files kept for forms that were left unfinished. Returns how many were deleted."""
    before = timezone.now() - KEEP_UPLOADS
    return sum(forget_kept(before) for _ in each_organisation())


@task()
@runs_in_organisation
def check_photo(organisation_id, image_id):
    """The photo check of one photo, queued when it was uploaded or blurred. Returns its status."""
    return photochecks.run_check(image_id)


@task()
def announce_feed_items():
    """Every 5 minutes: a push to the people an item is meant for when it went live (its time came, or a planned
    post made it ready), once per item. Returns how many pushes were made."""
    return sum(announce_new_items() for _organisation in each_organisation())
