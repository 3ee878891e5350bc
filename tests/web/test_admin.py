"""The operators' admin site (/beheer/): a second factor for superusers, no TOTP keys, a read-only audit log."""

import base64

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijs.orgs.models import AuditEntry, User
from tests.web.test_signin import code_for, current_code, enrolment_secret, sign_in

PASSWORD = "test-password-123"


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator@example.test", PASSWORD, first_name="Op")


def verified(client, operator):
    """Signed in with password and the code of a confirmed device, as an operator does."""
    device = TOTPDevice.objects.create(user=operator, name="Deelwijs", confirmed=True)
    sign_in(client, operator.email)
    assert client.post(reverse("two_factor"), {"token": current_code(device)}).status_code == 302
    return device


def test_a_superuser_with_a_password_only_gets_no_admin_page(client, operator):
    TOTPDevice.objects.create(user=operator, name="Deelwijs", confirmed=True)
    sign_in(client, operator.email)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor"))
    assert client.get(reverse("admin:orgs_user_changelist")).status_code == 302


def test_the_admin_site_itself_refuses_an_unverified_superuser(operator):
    request = RequestFactory().get("/beheer/")
    request.user = operator
    request.user.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    request.user.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_a_superuser_with_a_verified_device_reaches_the_admin(client, operator):
    verified(client, operator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:orgs_user_changelist")).status_code == 200


def test_a_superuser_without_a_device_enrols_through_the_normal_flow(client, operator):
    sign_in(client, operator.email)
    response = client.get(reverse("admin:index"))
    assert response.url == f"{reverse('two_factor')}?next={reverse('admin:index')}"
    page = client.get(response.url)
    response = client.post(response.url, {"token": code_for(enrolment_secret(page))})
    assert response.status_code == 302 and response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_sign_in_is_the_normal_sign_in(client, operator):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_person_who_is_no_operator_gets_a_refusal_not_a_loop(client, people):
    client.force_login(people["administrator"])
    assert client.get(reverse("admin:index"), follow=True).status_code == 403


def test_the_admin_shows_no_totp_keys(client, operator, people):
    own = verified(client, operator)
    device = TOTPDevice.objects.create(user=people["communications"], name="Deelwijs", confirmed=True)
    pages = [
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]),
    ]
    for page in pages:
        response = client.get(page)
        html = response.content.decode()
        assert response.status_code == 200, page
        for key in (device, own):
            assert key.key not in html and base64.b32encode(key.bin_key).decode().rstrip("=") not in html
    for path in (f"{pages[0]}{device.pk}/config/", f"{pages[0]}{device.pk}/qrcode/"):
        assert client.get(path).status_code in (302, 404)
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    response = client.post(pages[1], {"key": "00" * 20, "user": operator.pk, "name": "x", "confirmed": "on"})
    assert response.status_code == 403 and TOTPDevice.objects.get(pk=device.pk).key == device.key


def test_a_lost_phone_is_reset_by_deleting_the_device_in_the_admin(client, operator, people):
    verified(client, operator)
    device = TOTPDevice.objects.create(user=people["communications"], name="Deelwijs", confirmed=True)
    response = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert response.status_code == 302 and not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_audit_entries_are_read_only_in_the_admin(client, operator, org, people):
    entry = AuditEntry.objects.create(organisation=org, actor=people["administrator"], action="roles", summary="echt")
    verified(client, operator)
    change = reverse("admin:orgs_auditentry_change", args=[entry.pk])
    response = client.get(change)
    assert response.status_code == 200 and "echt" in response.content.decode()
    assert client.get(reverse("admin:orgs_auditentry_changelist")).status_code == 200
    data = {"organisation": org.pk, "action": "vervalst", "summary": "vervalst", "created_0": "2020-01-01"}
    assert client.post(change, data).status_code == 403
    assert client.get(reverse("admin:orgs_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:orgs_auditentry_add"), data).status_code == 403
    assert client.post(reverse("admin:orgs_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    changelist = reverse("admin:orgs_auditentry_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert AuditEntry.objects.get(pk=entry.pk).summary == "echt"
    entry_admin = admin.site._registry[AuditEntry]
    request = RequestFactory().get(changelist)
    request.user = operator
    assert not entry_admin.has_add_permission(request)
    assert not entry_admin.has_change_permission(request, entry)
    assert not entry_admin.has_delete_permission(request, entry)
    assert entry_admin.has_view_permission(request, entry)


def test_people_are_closed_and_erased_on_the_organisations_pages_not_in_the_admin(client, operator, people):
    person = people["employee"]
    verified(client, operator)
    delete = reverse("admin:orgs_user_delete", args=[person.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:orgs_user_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"})
    change = reverse("admin:orgs_user_change", args=[person.pk])
    html = client.get(change).content.decode()
    assert 'name="is_active"' not in html
    assert User.objects.filter(pk=person.pk, is_active=True).exists()
