"""The processing register: every model considered, this organisation's own figures, periods and recipients."""

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.privacy import register
from deelwijs.privacy.models import DataExport
from deelwijs.sharing.models import Share

from ..conftest import make_person
from .test_content import make_item


def test_every_model_of_ours_is_in_the_register_or_said_to_hold_no_personal_data():
    ours = {m._meta.label for m in apps.get_models() if m.__module__.startswith("deelwijs.")}
    listed = [label for part in register.PARTS for label in part.models]
    assert len(listed) == len(set(listed)), "a model is in two parts"
    assert not set(listed) & set(register.NO_PERSONAL_DATA), "a model is both in a part and said to hold nothing"
    missing = ours - set(listed) - set(register.NO_PERSONAL_DATA)
    assert not missing, f"add to a part of deelwijs/privacy/register.py or to NO_PERSONAL_DATA with why: {missing}"
    assert not (set(listed) | set(register.NO_PERSONAL_DATA)) - ours, "the register names a model that is gone"
    for part in register.PARTS:
        assert all(label in part.models for label, _text in part.counted)


def register_page(client, people):
    client.force_login(people["administrator"])
    response = client.get(reverse("processing_register"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_periods_in_force(client, people, org):
    org.keep_clicks_months = 7
    org.keep_mentions_months = 18
    org.save()
    html = register_page(client, people)
    assert "7 maanden" in html and "18 maanden" in html
    assert "Verwerkingsregister" in html and "bijzonder persoonsgegeven" in html


def test_it_counts_only_this_organisations_records(client, people, org, other_org, outsider):
    item = make_item(org)
    with organisation_scope(org):
        Share.objects.create(organisation=org, item=item, person=people["ambassador"], network="linkedin", text="a")
    with organisation_scope(other_org):
        other_item = make_item(other_org)
        for _n in range(3):
            Share.objects.create(organisation=other_org, item=other_item, person=outsider, network="x", text="b")
    html = register_page(client, people)
    assert "1 deelactie" in html and "3 deelacties" not in html


def test_it_names_the_mail_server_and_the_identity_provider_when_they_are_used(client, people, org, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.zorggroep.example"
    org.oidc_issuer = "https://login.zorggroep.example"
    org.oidc_client_id = "deelwijs"
    org.oidc_client_secret = "s3cret"
    org.save()
    html = register_page(client, people)
    assert "smtp.zorggroep.example" in html and "https://login.zorggroep.example" in html
    assert "s3cret" not in html


def test_without_sso_or_smtp_it_says_nothing_goes_out(client, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    html = register_page(client, people)
    assert "Niemand buiten Deelwijs." in html and "De identiteitsprovider van de organisatie" not in html


def test_the_page_takes_the_same_queries_for_one_or_three_exports(client, people, org):
    client.force_login(people["administrator"])
    counts = []
    for n in range(3):
        with organisation_scope(org):
            person = make_person(org, "employee", email=f"p{n}@test.test")
            DataExport.objects.create(organisation=org, person=person, requested_by=people["administrator"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("processing_register"))
        assert response.content.decode().count('<td data-label="Voor">') == n + 1
        counts.append(len(queries))
    assert counts[0] == counts[2]
