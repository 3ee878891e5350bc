import pytest
from django.core import mail
from django.urls import reverse

from deelwijs.content.models import ContentItem
from deelwijs.orgs.models import Notification
from deelwijs.stories.models import Story

from .test_images import photo_with_gps


def send(client, person, text, **extra):
    client.force_login(person)
    return client.post(reverse("story_new"), {"text": text, "networks": ["linkedin", "instagram"], **extra})


def test_anyone_sends_a_story_with_photos_and_consent(client, people):
    response = send(
        client,
        people["volunteer"],
        "Vandaag hebben we met de hele groep pannenkoeken gebakken.",
        photos=[photo_with_gps(), photo_with_gps(800, 600, 1)],
        consent="on",
        photo_alt_1="De groep aan de keukentafel",
        photo_decorative_2="on",
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.author == people["volunteer"] and story.photos.count() == 2 and story.consent
    assert [p.image.alt for p in story.photos.order_by("pk")] == ["De groep aan de keukentafel", ""]
    assert story.networks == "linkedin,instagram"
    with story.photos.first().image.large.open("rb") as f:
        assert b"CameraMaker" not in f.read()


def test_photos_need_consent_and_at_most_four(client, people):
    response = send(client, people["employee"], "Mooie middag.", photos=[photo_with_gps(300, 200, 1)])
    assert response.status_code == 200 and response.context["form"].errors["consent"]
    response = send(
        client,
        people["employee"],
        "Mooie middag.",
        consent="on",
        photos=[photo_with_gps(300, 200, 1) for _ in range(5)],
    )
    assert "hooguit 4" in response.content.decode() and not Story.objects.exists()


def test_the_post_check_blocks_a_story_with_a_client_name(client, people):
    text = "Mevrouw De Wit van kamer 3 werd vandaag 100 jaar!"
    response = send(client, people["employee"], text)
    assert response.status_code == 200 and not Story.objects.exists()
    assert text in response.content.decode() and "herkenbaar" in response.content.decode()


def make_story(people, org, text="Vandaag hebben we met de groep gewandeld, wat genoten we."):
    return Story.objects.create(organisation=org, author=people["employee"], text=text, networks="linkedin")


def test_communications_approves_and_the_author_is_told_in_app_and_by_email(client, people, org):
    story = make_story(people, org)
    client.force_login(people["communications"])
    assert story.text in client.get(reverse("story_queue")).content.decode()
    response = client.post(
        reverse("story_decide", kwargs={"pk": story.pk, "action": "approve"}),
        {"text": story.text + " Dank aan alle vrijwilligers!"},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert (
        story.status == "approved"
        and story.text.endswith("vrijwilligers!")
        and story.reviewed_by == people["communications"]
    )
    note = Notification.objects.get(person=people["employee"])
    assert "goedgekeurd" in note.text
    assert mail.outbox[0].to == ["employee@test.test"] and "goedgekeurd" in mail.outbox[0].body
    client.force_login(people["employee"])
    assert "goedgekeurd" in client.get(reverse("notifications")).content.decode()
    assert not Notification.objects.filter(read=False).exists()


def test_rejecting_needs_feedback_that_the_author_sees(client, people, org):
    story = make_story(people, org)
    client.force_login(people["communications"])
    url = reverse("story_decide", kwargs={"pk": story.pk, "action": "reject"})
    assert client.post(url, {"text": story.text}).status_code == 400
    client.post(url, {"text": story.text, "feedback": "Er staat iemand herkenbaar op de foto."})
    client.force_login(people["employee"])
    assert "herkenbaar op de foto" in client.get(reverse("my_stories")).content.decode()


def test_a_story_becomes_a_draft_feed_item(client, people, org):
    story = make_story(people, org)
    client.force_login(people["communications"])
    response = client.post(
        reverse("story_decide", kwargs={"pk": story.pk, "action": "feed"}),
        {"text": story.text, "title": "Wandelen met de groep"},
    )
    item = ContentItem.objects.get()
    assert response.url == reverse("item_edit", kwargs={"pk": item.pk})
    assert not item.published and item.suggested_texts.get().network == "linkedin"
    story.refresh_from_db()
    assert story.status == "in_feed" and story.item == item


def test_a_handled_story_cannot_be_handled_twice(client, people, org):
    story = make_story(people, org)
    story.status = "rejected"
    story.save()
    client.force_login(people["communications"])
    client.post(reverse("story_decide", kwargs={"pk": story.pk, "action": "approve"}), {"text": "x"})
    story.refresh_from_db()
    assert story.status == "rejected"


def test_authors_see_only_their_own_stories(client, people, org):
    make_story(people, org, text="Verhaal van een ander")
    client.force_login(people["manager"])
    assert "Verhaal van een ander" not in client.get(reverse("my_stories")).content.decode()


def test_a_story_is_checked_as_a_post_not_a_blog(client, people, org):
    org.blog_disclaimer = "Op persoonlijke titel."
    org.save()
    story = make_story(people, org)
    client.force_login(people["communications"])
    report = client.get(reverse("story_review", kwargs={"pk": story.pk})).context["report"]
    assert not [f for f in report.findings if f.rule == "policy.blog_disclaimer"]


def test_a_story_is_planned_on_a_corporate_account(client, people, org):
    from deelwijs.accounts.models import CorporateAccount
    from deelwijs.planning.models import PlannedPost

    account = CorporateAccount.objects.create(organisation=org, platform="instagram", handle="lindehof")
    story = make_story(people, org)
    client.force_login(people["communications"])
    url = reverse("story_decide", kwargs={"pk": story.pk, "action": "plan"})
    assert client.post(url, {"text": story.text}).status_code == 400  # account and time are needed
    response = client.post(url, {"text": story.text, "account": account.pk, "scheduled_at": "2026-12-01T10:00"})
    assert response.url == reverse("calendar")
    planned = PlannedPost.objects.get()
    assert (planned.account, planned.responsible, planned.status) == (account, people["communications"], "ready")
    story.refresh_from_db()
    assert story.status == "planned"
    assert "eigen accounts" in Notification.objects.get(person=people["employee"]).text
    assert "gewandeld" in client.get(reverse("calendar") + "?view=list&date=2026-11-30").content.decode()


def test_a_corporate_account_of_another_organisation_cannot_be_chosen(client, people, org, other_org):
    from deelwijs.accounts.models import CorporateAccount

    foreign = CorporateAccount.objects.create(organisation=other_org, platform="x", handle="andere")
    story = make_story(people, org)
    client.force_login(people["communications"])
    response = client.post(
        reverse("story_decide", kwargs={"pk": story.pk, "action": "plan"}),
        {"text": story.text, "account": foreign.pk, "scheduled_at": "2026-12-01T10:00"},
    )
    assert response.status_code == 400 and Story.objects.get().status == "submitted"


@pytest.mark.parametrize(
    "action, data, field",
    [
        ("reject", {"text": "x", "feedback": "  "}, "feedback"),
        ("feed", {"text": "x", "title": ""}, "title"),
        ("plan", {"text": "x"}, "account"),
    ],
)
def test_the_review_form_knows_what_each_decision_needs(people, org, action, data, field):
    from deelwijs.orgs.tenancy import organisation_scope
    from deelwijs.stories.forms import ReviewForm

    with organisation_scope(org):
        form = ReviewForm(data, action=action)
        assert not form.is_valid() and field in form.errors
        assert ReviewForm({"text": "x"}, action="approve").is_valid()


def test_the_domain_refuses_a_second_decision_whoever_calls_it(people, org):
    from django.core.exceptions import ValidationError

    from deelwijs.orgs.tenancy import organisation_scope
    from deelwijs.stories import domain

    story = make_story(people, org)
    with organisation_scope(org):
        domain.decide(people["communications"], story, "approve", {"text": story.text})
        with pytest.raises(ValidationError):
            domain.decide(people["communications"], story, "reject", {"text": story.text, "feedback": "Nee"})
    story.refresh_from_db()
    assert story.status == Story.APPROVED and story.feedback == ""
    assert Notification.objects.filter(person=people["employee"]).count() == 1
