import base64
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijs.orgs.models import AuditEntry, Invitation, User


def invite(client, people, **extra):
    client.force_login(people["administrator"])
    data = {"email": "nieuw@test.test", "first_name": "Nina", "last_name": "Nieuw", "roles": ["employee", "ambassador"]}
    data.update(extra)
    return client.post(reverse("invite"), data)


def test_an_invitation_is_mailed_and_accepted(client, people):
    assert invite(client, people).status_code == 302
    message = mail.outbox[0]
    assert message.to == ["nieuw@test.test"] and "Nina" in message.body
    link = re.search(r"http://\S+/uitnodiging/\S+/", message.body).group()
    assert Invitation.objects.get().token_hash not in link  # only a hash is stored
    client.logout()
    path = link.split("8000", 1)[1] if "8000" in link else link
    response = client.post(path, {"password1": "een-goed-wachtwoord", "password2": "een-goed-wachtwoord"})
    assert response.status_code == 302
    person = User.objects.get(email="nieuw@test.test")
    assert person.roles == {"employee", "ambassador"} and person.organisation == people["administrator"].organisation
    assert client.get(path).status_code == 404  # used once
    assert AuditEntry.objects.filter(action="invitation").exists()


def test_an_invitation_needs_a_matching_strong_password(client, people):
    invite(client, people)
    path = re.search(r"/uitnodiging/\S+/", mail.outbox[0].body).group()
    client.logout()
    response = client.post(path, {"password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200 and response.context["form"].errors["password1"]
    response = client.post(path, {"password1": "een-goed-wachtwoord", "password2": "iets-anders-123"})
    assert "niet hetzelfde" in response.content.decode()


def test_an_unknown_invitation_link_is_refused(client, db):
    assert client.get(reverse("accept_invitation", kwargs={"token": "onzin"})).status_code == 404


def test_inviting_an_existing_person_is_refused_with_input_kept(client, people):
    response = invite(client, people, email="employee@test.test", first_name="Dubbel")
    assert response.status_code == 200
    assert "al een account" in response.content.decode() and 'value="Dubbel"' in response.content.decode()


def test_password_reset_by_email(client, people):
    client.post(reverse("password_reset"), {"email": "employee@test.test"})
    body = mail.outbox[0].body
    assert "nieuw wachtwoord" in body.lower()
    path = re.search(r"/wachtwoord-herstellen/\S+/\S+/", body).group()
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0]
    client.post(form_path, {"new_password1": "nieuw-wachtwoord-99", "new_password2": "nieuw-wachtwoord-99"})
    assert User.objects.get(pk=people["employee"].pk).check_password("nieuw-wachtwoord-99")


def test_password_reset_tells_nothing_about_unknown_addresses(client, db):
    response = client.post(reverse("password_reset"), {"email": "niemand@test.test"})
    assert response.status_code == 302 and not mail.outbox


@pytest.fixture
def strict(org):
    org.require_two_factor = True
    org.save()
    return org


def sign_in(client, email):
    return client.post(reverse("login"), {"username": email, "password": "test-password-123"})


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrolment_secret(page):
    """The key the enrolment page tells the person to type in their app, as bytes."""
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page.content.decode()).group(1)
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def code_for(key):
    return f"{totp(key):06d}"


def test_communications_must_set_up_two_factor(client, people, strict):
    sign_in(client, "communications@test.test")
    response = client.get(reverse("account_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor"))
    page = client.get(response.url)
    assert "<svg" in page.content.decode() and "vertrouwelijke gegevens" in page.content.decode()
    response = client.post(response.url, {"token": code_for(enrolment_secret(page))})
    assert response.status_code == 302 and response.url == reverse("account_list")
    assert client.get(reverse("account_list")).status_code == 200
    device = TOTPDevice.objects.get(user=people["communications"])
    assert device.confirmed and device.bin_key == enrolment_secret(page)


def test_two_sessions_starting_enrolment_get_different_secrets(client, people, strict):
    other = Client()
    for session in (client, other):
        sign_in(session, "communications@test.test")
    first, second = (enrolment_secret(session.get(reverse("two_factor"))) for session in (client, other))
    assert first != second
    # The same session keeps its secret, so scanning and then reloading the page still works.
    assert enrolment_secret(client.get(reverse("two_factor"))) == first
    assert not TOTPDevice.objects.filter(user=people["communications"]).exists()


def test_a_code_from_one_sessions_secret_does_not_confirm_another_session(client, people, strict):
    other = Client()
    for session in (client, other):
        sign_in(session, "communications@test.test")
    secret = enrolment_secret(client.get(reverse("two_factor")))
    other.get(reverse("two_factor"))
    response = other.post(reverse("two_factor"), {"token": code_for(secret)})
    assert response.status_code == 200 and "niet goed" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=people["communications"]).exists()
    assert other.get(reverse("account_list")).status_code == 302
    # The session that was shown the secret can still confirm it.
    assert client.post(reverse("two_factor"), {"token": code_for(secret)}).status_code == 302
    assert client.get(reverse("account_list")).status_code == 200


def test_a_code_is_refused_when_no_enrolment_was_started_in_this_session(client, people, strict):
    sign_in(client, "communications@test.test")
    response = client.post(reverse("two_factor"), {"token": "123456"})
    assert response.status_code == 200 and "niet goed" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=people["communications"]).exists()


def test_an_old_unconfirmed_secret_never_becomes_valid(client, people, strict):
    old = TOTPDevice.objects.create(user=people["communications"], name="Deelwijs", confirmed=False)
    sign_in(client, "communications@test.test")
    page = client.get(reverse("two_factor"))
    assert enrolment_secret(page) != old.bin_key
    assert "niet goed" in client.post(reverse("two_factor"), {"token": current_code(old)}).content.decode()
    client.post(reverse("two_factor"), {"token": code_for(enrolment_secret(page))})
    assert list(TOTPDevice.objects.filter(user=people["communications"]).values_list("confirmed", flat=True)) == [True]
    assert TOTPDevice.objects.get().bin_key == enrolment_secret(page)


def test_a_confirmed_code_cannot_be_used_again_to_verify(client, people, strict):
    sign_in(client, "communications@test.test")
    token = code_for(enrolment_secret(client.get(reverse("two_factor"))))
    client.post(reverse("two_factor"), {"token": token})
    other = Client()
    sign_in(other, "communications@test.test")
    assert "niet goed" in other.post(reverse("two_factor"), {"token": token}).content.decode()


@pytest.mark.parametrize(
    "role, page",
    [
        ("administrator", "people"),
        ("communications", "account_list"),
        ("manager", "register"),
        ("webcare", "inbox"),
    ],
)
def test_every_role_that_reads_sensitive_data_must_use_two_factor(client, people, strict, role, page):
    sign_in(client, f"{role}@test.test")
    response = client.get(reverse(page))
    assert response.status_code == 302 and response.url == f"{reverse('two_factor')}?next={reverse(page)}"


def test_a_manager_and_webcare_pass_after_the_second_step(client, people, strict):
    for role, page in (("manager", "register"), ("webcare", "inbox")):
        session = Client()
        sign_in(session, f"{role}@test.test")
        secret = enrolment_secret(session.get(reverse("two_factor")))
        session.post(reverse("two_factor"), {"token": code_for(secret)})
        assert session.get(reverse(page)).status_code == 200


def test_a_wrong_code_is_refused_in_dutch(client, people, strict):
    sign_in(client, "administrator@test.test")
    response = client.post(reverse("two_factor"), {"token": "12345"})
    assert "6 cijfers" in response.content.decode()


def test_employees_do_not_need_a_second_step(client, people, strict):
    sign_in(client, "employee@test.test")
    assert client.get(reverse("home")).status_code == 200


def test_the_demo_organisation_may_waive_two_factor(client, people, org):
    assert not org.require_two_factor
    sign_in(client, "administrator@test.test")
    assert client.get(reverse("people")).status_code == 200


def test_a_wrong_six_digit_code_is_refused_and_throttled(client, people, strict):
    device = TOTPDevice.objects.create(user=people["communications"], name="app", confirmed=True)
    sign_in(client, "communications@test.test")
    wrong = "000000" if current_code(device) != "000000" else "111111"
    assert "niet goed" in client.post(reverse("two_factor"), {"token": wrong}).content.decode()
    # right after a failure even the right code waits: django-otp throttles guessing
    client.post(reverse("two_factor"), {"token": current_code(device)})
    assert client.get(reverse("account_list")).status_code == 302


def test_two_organisations_inviting_the_same_address_get_a_clear_message_not_an_error(client, people, outsider):
    from deelwijs.orgs import domain
    from deelwijs.orgs.tenancy import organisation_scope

    paths = []
    for admin in (people["administrator"], outsider):
        with organisation_scope(admin.organisation):
            domain.invite(admin, "dubbel@test.test", "Dirk", "", ["employee"], "http://testserver")
        paths.append(re.search(r"/uitnodiging/\S+/", mail.outbox[-1].body).group())
    password = {"password1": "een-goed-wachtwoord", "password2": "een-goed-wachtwoord"}
    assert client.post(paths[0], password).status_code == 302
    client.logout()
    response = client.post(paths[1], password)
    assert response.status_code == 200
    assert "Er is al een account met dit e-mailadres" in response.content.decode()
    assert User.objects.filter(email="dubbel@test.test").count() == 1
    assert User.objects.get(email="dubbel@test.test").organisation == people["administrator"].organisation


def _invitation_link(message):
    return re.search(r"/uitnodiging/\S+/", message.body).group()


def test_an_invitation_is_sent_again_with_a_new_link_and_the_old_one_stops(client, people):
    invite(client, people)
    old_link = _invitation_link(mail.outbox[0])
    invitation = Invitation.objects.get()
    invitation.created -= timezone.timedelta(days=Invitation.VALID_DAYS + 1)  # expired meanwhile
    invitation.save()
    body = client.get(reverse("invite")).content.decode()
    assert "verlopen" in body and "Opnieuw sturen" in body
    response = client.post(reverse("invitation_resend", args=[invitation.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["nieuw@test.test"]
    new_link = _invitation_link(mail.outbox[1])
    assert new_link != old_link
    client.logout()
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200  # valid again for the full period
    assert AuditEntry.objects.filter(action="invitation_resent").exists()


def test_a_withdrawn_invitation_link_no_longer_works(client, people):
    invite(client, people)
    link = _invitation_link(mail.outbox[0])
    invitation = Invitation.objects.get()
    assert client.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 302
    assert not Invitation.objects.exists()
    assert AuditEntry.objects.filter(action="invitation_revoked", details__person="Nina Nieuw").exists()
    client.logout()
    assert client.get(link).status_code == 404


def test_an_accepted_invitation_cannot_be_sent_again_or_withdrawn(client, people):
    invite(client, people)
    invitation = Invitation.objects.get()
    invitation.accepted = timezone.now()
    invitation.save()
    for name in ("invitation_resend", "invitation_revoke"):
        assert client.post(reverse(name, args=[invitation.pk])).status_code == 404
    assert len(mail.outbox) == 1 and Invitation.objects.exists()


def test_the_settings_page_shows_the_sso_code_and_whether_a_secret_is_stored(client, people, org):
    client.force_login(people["administrator"])
    body = client.get(reverse("settings")).content.decode()
    assert f"<code>{org.slug}</code>" in body and "/aanmelden/sso/terug/" in body
    assert "nog niet opgeslagen" in body and "require_two_factor" in body
    org.oidc_client_secret = "geheim-van-de-idp"
    org.save()
    body = client.get(reverse("settings")).content.decode()
    assert "opgeslagen, versleuteld" in body and "geheim-van-de-idp" not in body


def test_two_step_sign_in_is_switched_on_the_settings_page_and_it_is_logged(client, people, org):
    # The test organisation starts with it off, so its administrator needs no authenticator here.
    client.force_login(people["administrator"])
    data = {"name": org.name, "naming_convention": "{voornaam}_{organisatie}", "word_list_text": ""}
    assert not org.require_two_factor
    response = client.post(reverse("settings"), {**data, "require_two_factor": "on"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.require_two_factor
    assert "require_two_factor" in AuditEntry.objects.filter(action="settings").latest("created").details["fields"]
