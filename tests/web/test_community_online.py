"""Our people online: each person's own choice to appear on the organisation's public page, its frame, its plain HTML
and JSON, and the lists for Bluesky, Mastodon and X. Clients never appear; withdrawing takes effect at once."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from deelwijs.accounts.models import Handle
from deelwijs.community import domain
from deelwijs.community.forms import PeoplePageForm
from deelwijs.community.models import OnlineListing, PeoplePage
from deelwijs.orgs.domain import close_account, set_roles
from deelwijs.orgs.roles import CLIENT
from deelwijs.orgs.tenancy import organisation_scope

PUBLIC = ["people_online", "people_online_embed", "people_online_json", "people_online_snippet"]


@pytest.fixture
def page(org):
    return PeoplePage.objects.create(organisation=org, published=True, intro="Volg onze collega's.")


@pytest.fixture
def handles(people):
    ambassador = people["ambassador"]
    return {
        "linkedin": Handle.objects.create(user=ambassador, platform="linkedin", handle="ambassadeur_test"),
        "mastodon": Handle.objects.create(user=ambassador, platform="mastodon", handle="@amba@mastodon.nl"),
        "x": Handle.objects.create(user=ambassador, platform="x", handle="amba_prive"),
    }


def public(client, name="people_online", org_slug="test", *extra):
    response = client.get(reverse(name, args=[org_slug, *extra]))
    assert response.status_code == 200, name
    assert "no-store" in response["Cache-Control"]
    return response


def body(response):
    return response.content.decode()


def test_opting_in_shows_the_chosen_handles_and_withdrawing_removes_them_at_once(client, people, page, handles):
    ambassador = people["ambassador"]
    client.force_login(ambassador)
    form_page = client.get(reverse("online")).content.decode()
    assert "ambassadeur_test" in form_page and "amba_prive" in form_page
    response = client.post(reverse("online"), {"handles": [handles["linkedin"].pk, handles["mastodon"].pk]})
    assert response.status_code == 200 and "agree" in response.context["form"].errors  # the consent is asked
    choice = {"handles": [handles["linkedin"].pk, handles["mastodon"].pk], "job_title": "Wijkverpleegkundige"}
    response = client.post(reverse("online"), {**choice, "agree": "on"})
    assert response.url == reverse("online")
    client.logout()
    for name in PUBLIC:
        text = body(public(client, name))
        assert ambassador.full_name in text and "ambassadeur_test" in text and "@amba@mastodon.nl" in text
        assert "amba_prive" not in text  # not chosen
        assert ambassador.email not in text and "Wijkteam" not in text  # nothing but name, title, handles
    assert "Wijkverpleegkundige" in body(public(client))
    data = json.loads(body(public(client, "people_online_json")))
    assert data["people"] == [
        {
            "name": ambassador.full_name,
            "job_title": "Wijkverpleegkundige",
            "handles": [
                {
                    "network": "linkedin",
                    "label": "LinkedIn",
                    "handle": "ambassadeur_test",
                    "url": "https://www.linkedin.com/in/ambassadeur_test",
                },
                {
                    "network": "mastodon",
                    "label": "Mastodon",
                    "handle": "@amba@mastodon.nl",
                    "url": "https://mastodon.nl/@amba",
                },
            ],
        }
    ]
    assert public(client, "people_online_json")["Access-Control-Allow-Origin"] == "*"

    client.force_login(ambassador)
    client.post(reverse("online_withdraw"))
    assert not OnlineListing.objects.exists()
    client.logout()
    for name in PUBLIC:
        assert ambassador.full_name not in body(public(client, name)), name
    assert body(public(client, "people_online_export", "test", "mastodon.csv")).splitlines()[1:] == []


def test_the_lists_for_mastodon_bluesky_and_x(client, people, page, handles):
    Handle.objects.create(user=people["manager"], platform="bluesky", handle="@manager.bsky.social")
    Handle.objects.create(user=people["manager"], platform="mastodon", handle="zonderserver")
    domain.opt_in(people["ambassador"], list(handles.values()))
    domain.opt_in(people["manager"], list(Handle.objects.filter(user=people["manager"])))
    mastodon = public(client, "people_online_export", "test", "mastodon.csv")
    assert mastodon["Content-Type"].startswith("text/csv") and "attachment" in mastodon["Content-Disposition"]
    # Mastodon's own follow import; a handle without its server cannot be followed and is left out.
    assert body(mastodon).splitlines() == [
        "Account address,Show boosts,Notify on new posts,Languages",
        "amba@mastodon.nl,true,false,",
    ]
    assert body(public(client, "people_online_export", "test", "bluesky.txt")).split() == ["manager.bsky.social"]
    assert body(public(client, "people_online_export", "test", "x.txt")).split() == ["@amba_prive"]
    assert client.get(reverse("people_online_export", args=["test", "facebook.txt"])).status_code == 404


def test_clients_never_appear(client, people, page):
    person = people["client"]
    handle = Handle.objects.create(user=person, platform="x", handle="henk_client")
    client.force_login(person)
    assert client.get(reverse("online")).status_code == 403
    with pytest.raises(ValidationError):
        domain.opt_in(person, [handle])
    # A client who also volunteers reads that it is not for clients, and a POST changes nothing.
    set_roles(None, person, [CLIENT, "volunteer"])
    response = client.get(reverse("online"))
    assert response.status_code == 200 and "Cliënten staan nooit op deze pagina" in body(response)
    client.post(reverse("online"), {"handles": [handle.pk], "agree": "on"})
    assert not OnlineListing.objects.exists()
    # Someone listed before they became a client is not shown either.
    volunteer = people["volunteer"]
    listed = Handle.objects.create(user=volunteer, platform="x", handle="vrijwilliger_x")
    domain.opt_in(volunteer, [listed])
    assert "vrijwilliger_x" in body(public(client))
    set_roles(None, volunteer, [CLIENT, "volunteer"])
    for name in PUBLIC:
        assert "vrijwilliger_x" not in body(public(client, name))


def test_someone_who_leaves_is_off_the_page(client, people, page, handles):
    domain.opt_in(people["ambassador"], [handles["x"]])
    assert "amba_prive" in body(public(client))
    people["ambassador"].is_active = False
    people["ambassador"].save(update_fields=["is_active"])
    assert "amba_prive" not in body(public(client))
    people["ambassador"].is_active = True
    people["ambassador"].save(update_fields=["is_active"])
    with organisation_scope(people["ambassador"].organisation):
        close_account(people["administrator"], people["ambassador"])
    assert not OnlineListing.objects.exists()


def test_only_your_own_handles_can_be_chosen(client, people, page, handles):
    theirs = Handle.objects.create(user=people["manager"], platform="x", handle="iemand_anders")
    with pytest.raises(ValidationError):
        domain.opt_in(people["ambassador"], [theirs])
    client.force_login(people["ambassador"])
    response = client.post(reverse("online"), {"handles": [theirs.pk], "agree": "on"})
    assert response.status_code == 200 and "handles" in response.context["form"].errors
    assert not OnlineListing.objects.exists()


def test_a_page_that_is_not_public_or_does_not_exist_is_not_found(client, people, org, other_org, handles):
    domain.opt_in(people["ambassador"], [handles["x"]])
    for slug in ("test", "andere", "bestaat-niet"):
        for name in PUBLIC:
            assert client.get(reverse(name, args=[slug])).status_code == 404
    PeoplePage.objects.create(organisation=org, published=False)
    assert client.get(reverse("people_online", args=["test"])).status_code == 404


def test_the_frame_may_be_shown_only_by_the_websites_communications_names(client, people, page):
    response = public(client, "people_online_embed")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"] and response["X-Frame-Options"] == "DENY"
    page.embed_origins = "https://www.zorggroep.example\nhttps://intranet.zorggroep.example:8443"
    page.save()
    response = public(client, "people_online_embed")
    assert (
        "frame-ancestors https://www.zorggroep.example https://intranet.zorggroep.example:8443"
        in response["Content-Security-Policy"]
    )
    assert "X-Frame-Options" not in response
    # Only the frame's own page: every other page, the public page itself too, may not be framed.
    for response in (public(client), client.get(reverse("login"))):
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"] and response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "line",
    [
        "https://www.example.nl; script-src *",
        "https://www.example.nl/pad",
        "javascript:alert(1)",
        "www.example.nl",
        "https://*.example.nl",
        "https://example.nl 'unsafe-inline'",
    ],
)
def test_a_website_that_could_change_the_header_is_refused(org, line):
    with organisation_scope(org):
        form = PeoplePageForm(
            {"published": "on", "intro": "", "embed_origins": line}, instance=PeoplePage(organisation=org)
        )
        assert not form.is_valid() and "embed_origins" in form.errors
        assert "Schrijf elke website als https://" in form.errors["embed_origins"][0]


def test_communications_publishes_the_page_and_sees_who_is_on_it(client, people, org, handles):
    domain.opt_in(people["ambassador"], [handles["linkedin"]], "Verpleegkundige")
    client.force_login(people["communications"])
    text = client.get(reverse("people_page_manage")).content.decode()
    assert people["ambassador"].full_name in text and "niet gevonden" in text
    data = {"published": "on", "intro": "Welkom", "embed_origins": "HTTPS://WWW.Zorggroep.example/\n"}
    assert client.post(reverse("people_page_manage"), data).url == reverse("people_page_manage")
    saved = PeoplePage.objects.get()
    assert saved.published and saved.origins == ["https://www.zorggroep.example"]
    text = client.get(reverse("people_page_manage")).content.decode()
    assert reverse("people_online_embed", args=["test"]) in text and "https://www.zorggroep.example" in text
    assert "Welkom" in body(public(client))
    for role in ("ambassador", "manager", "webcare", "employee"):
        client.force_login(people[role])
        assert client.get(reverse("people_page_manage")).status_code == 403


def test_the_other_organisations_page_shows_only_its_own_people(client, people, page, handles, other_org, outsider):
    PeoplePage.objects.create(organisation=other_org, published=True)
    domain.opt_in(people["ambassador"], [handles["x"]])
    with organisation_scope(other_org):
        theirs = Handle.objects.create(user=outsider, platform="x", handle="daar_werk_ik")
        domain.opt_in(outsider, [theirs])
    client.force_login(outsider)  # signed in elsewhere, or not at all: the page is the same
    own, other = body(public(client)), body(public(client, "people_online", "andere"))
    assert "amba_prive" in own and "daar_werk_ik" not in own
    assert "daar_werk_ik" in other and "amba_prive" not in other
