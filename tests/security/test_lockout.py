"""Lock-out per account whatever the address, a limit per address, and one idea of the client's address."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from deelwijs.common.clientip import client_address
from deelwijs.sharing.models import Click

WRONG = {"password": "fout-wachtwoord"}
RIGHT = {"password": "test-password-123"}


def sign_in(client, email, password, address):
    return client.post(reverse("login"), {"username": email, **password}, REMOTE_ADDR=address)


def test_the_right_password_from_another_address_does_not_get_in_after_five_failures(client, people):
    for n in range(5):
        sign_in(client, "employee@test.test", WRONG, f"198.51.100.{n + 1}")
    response = sign_in(client, "employee@test.test", RIGHT, "203.0.113.9")
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_someone_elses_failures_from_the_same_address_do_not_lock_me_out(client, people):
    for _ in range(5):
        sign_in(client, "manager@test.test", WRONG, "192.0.2.10")
    response = sign_in(client, "employee@test.test", RIGHT, "192.0.2.10")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(people["employee"].pk)


def test_many_accounts_tried_from_one_address_stop_that_address(client, people, settings):
    settings.SIGNIN_ADDRESS_LIMIT = 6
    for n in range(6):
        sign_in(client, f"niemand{n}@test.test", WRONG, "192.0.2.66")
    response = sign_in(client, "employee@test.test", RIGHT, "192.0.2.66")
    assert response.status_code == 200 and "te veel mislukte aanmeldpogingen" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "employee@test.test", RIGHT, "192.0.2.67").status_code == 302


@pytest.mark.parametrize(
    "count, forwarded, remote, expected",
    [
        (0, "6.6.6.6", "10.0.0.5", "10.0.0.5"),  # no proxy: the header is anyone's to write
        (1, "6.6.6.6, 198.51.100.7", "10.0.0.5", "198.51.100.7"),  # the proxy appended the real client
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.4", "10.0.0.5", "198.51.100.7"),
        (1, "", "10.0.0.5", "10.0.0.5"),  # a request that bypassed the proxy
        (1, "not-an-address", "10.0.0.5", "10.0.0.5"),
    ],
)
def test_the_client_address_counts_trusted_proxies_from_the_right(settings, count, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_address(request) == expected


def test_the_click_counter_uses_the_same_address(client, people, org, settings):
    from tests.web.test_sharing import BROWSER

    settings.TRUSTED_PROXY_COUNT = 1
    from deelwijs.sharing.models import TrackedLink
    from tests.web.test_content import make_item

    item = make_item(org)
    client.force_login(people["ambassador"])
    client.post(
        reverse("share", kwargs={"pk": item.pk}),
        {"network": "x", "text": "Mooi nieuws van ons team! Ik werk er met plezier.", "action": "share"},
    )
    code = TrackedLink.objects.get().code
    client.logout()
    # Two visitors behind the same proxy who forge the left-most entry alike are still two visitors.
    for real in ("198.51.100.1", "198.51.100.2"):
        client.get(f"/s/{code}", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {real}", HTTP_USER_AGENT=BROWSER)
    assert Click.objects.count() == 2 and Click.objects.values("visitor").distinct().count() == 2
