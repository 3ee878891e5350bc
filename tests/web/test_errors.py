"""Our own 403, 404 and 500 pages: Dutch, a way forward, whom to ask, and nothing technical."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from deelwijs.content.models import ContentItem
from deelwijs.orgs.errors import server_error
from deelwijs.orgs.permissions import RoleRequired, can_manage_content, requires
from tests.conftest import make_person

pytestmark = pytest.mark.urls("tests.web.error_urls")


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False  # with DEBUG Django shows its technical pages instead


def test_the_handlers_are_ours():
    from deelwijs.config import urls

    assert urls.handler403 == "deelwijs.orgs.errors.permission_denied"
    assert urls.handler404 == "deelwijs.orgs.errors.page_not_found"
    assert urls.handler500 == "deelwijs.orgs.errors.server_error"


def test_role_required_says_which_roles(rf, people):
    request = rf.get("/")
    request.user = people["employee"]
    with pytest.raises(RoleRequired) as refused:
        requires(can_manage_content)(lambda request: None)(request)
    assert refused.value.roles == ("administrator", "communications")


# 404
def test_a_missing_page_explains_in_dutch_with_the_menu(client, people):
    client.force_login(people["employee"])
    response = client.get("/bestaat-niet/", HTTP_REFERER="http://testserver/delen/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina is niet te vinden" in html and "verlopen of verwijderd" in html
    assert 'href="/delen/">Delen</a>' in html  # the signed-in menu
    assert 'class="button primary" href="/">Naar de startpagina' in html
    assert 'href="http://testserver/delen/">Terug naar de vorige pagina' in html


def test_a_missing_page_for_an_anonymous_visitor_has_no_menu(client):
    response = client.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404 and "Deze pagina is niet te vinden" in html
    assert 'href="/delen/"' not in html


def test_a_link_from_elsewhere_is_not_offered_as_the_way_back(client):
    html = client.get("/bestaat-niet/", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in html and "Terug naar de vorige pagina" not in html


def test_another_organisations_item_is_a_plain_404(client, people, other_org):
    item = ContentItem.objects.create(organisation=other_org, title="Hun geheime item")
    client.force_login(people["employee"])
    response = client.get(reverse("share", args=[item.pk]))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Hun geheime item" not in html and other_org.name not in html


def test_the_404_page_follows_the_language_choice(client):
    client.cookies["django_language"] = "en"
    assert "This page cannot be found" in client.get("/bestaat-niet/").content.decode()


# 403
def test_a_refused_page_names_the_role_and_the_administrators(client, people, org):
    extra = make_person(org, "administrator", email="fatima@test.test")
    extra.first_name = "Fatima"
    extra.save(update_fields=["first_name"])
    make_person(org, "administrator", email="weg@test.test", is_active=False)
    client.force_login(people["employee"])
    response = client.get(reverse("item_list"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Deze pagina is niet voor jou open" in html
    assert (
        "een van deze rollen" in html
        and "<strong>Communicatie</strong>" in html
        and "<strong>Beheerder</strong>" in html
    )
    assert "Vraag het een beheerder van Zorggroep Test" in html
    assert people["administrator"].full_name in html and 'href="mailto:administrator@test.test"' in html
    assert 'href="mailto:fatima@test.test"' in html and extra.full_name in html
    assert "weg@test.test" not in html  # only active administrators
    assert 'href="/delen/">Delen</a>' in html and "Naar de startpagina" in html


def test_one_role_reads_as_one(client, people):
    client.force_login(people["employee"])
    html = client.get(reverse("people")).content.decode()
    assert "Ze is voor mensen met deze rol:" in html and "<strong>Beheerder</strong>" in html
    assert "Communicatie</strong>" not in html


def test_a_refused_page_never_names_another_organisations_administrators(client, people, outsider):
    client.force_login(people["employee"])
    html = client.get(reverse("item_list")).content.decode()
    assert outsider.email not in html and "Andere Zorg" not in html
    client.force_login(make_person(outsider.organisation, "employee", email="medewerker@andere.test"))
    html = client.get(reverse("item_list")).content.decode()
    assert outsider.email in html
    assert people["administrator"].email not in html and "Zorggroep Test" not in html


def test_without_administrators_the_page_says_whom_else_to_ask(client, people):
    people["administrator"].is_active = False
    people["administrator"].save()
    client.force_login(people["employee"])
    html = client.get(reverse("item_list")).content.decode()
    assert "Vraag je leidinggevende wie Deelwijs in jullie organisatie beheert." in html


def test_an_anonymous_visitor_gets_the_roles_but_no_organisation_details(client, people):
    response = client.get("/alleen-communicatie/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<strong>Communicatie</strong>" in html and "Meld je dan eerst aan" in html
    assert 'href="/aanmelden/"' in html
    assert people["administrator"].email not in html and "Zorggroep Test" not in html


def test_a_plain_permission_denied_gives_the_page_without_roles(client, people, org):
    from deelwijs.webcare.models import Conversation

    entry = Conversation.objects.create(
        organisation=org,
        employee=people["volunteer"],
        recorded_by=people["manager"],
        post="Vertrouwelijk gesprek",
        conversation="Afspraken",
    )
    client.force_login(people["client"])
    response = client.get(reverse("conversation", args=[entry.pk]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Je account geeft er geen toegang toe." in html and "Vertrouwelijk gesprek" not in html


# 500
def test_a_crash_shows_a_calm_dutch_page_without_details(client, people):
    client.raise_request_exception = False
    for person in (None, people["employee"]):
        if person:
            client.force_login(person)
        response = client.get("/kapot/")
        html = response.content.decode()
        assert response.status_code == 500
        assert "Er ging iets mis" in html and "Probeer het over een paar minuten opnieuw." in html
        assert 'href="/">Naar de startpagina' in html
        assert "hunter2" not in html and "RuntimeError" not in html and "Traceback" not in html


def test_the_500_page_renders_without_the_database(people, django_assert_num_queries):
    def refuse(*args):
        raise AssertionError("the 500 page queried the database")

    request = RequestFactory().get("/")
    request.user = people["employee"]  # context processors would look up their organisation and notifications
    with django_assert_num_queries(0), connection.execute_wrapper(refuse):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500 and "Er ging iets mis" in html
    assert 'class="narrow error-page"' in html and "Blijft het misgaan?" in html  # the template, not the fallback


def test_a_broken_500_template_still_gives_a_dutch_page(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False}]
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Er ging iets mis" in response.content.decode()
