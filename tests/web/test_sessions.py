"""Session limits: an idle timeout per organisation and an absolute lifetime (issue 14, shared ward PCs)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from deelwijs.orgs import sessions
from deelwijs.orgs.models import Organisation
from tests.conftest import make_person


class Clock:
    """Moves ``django.utils.timezone.now`` forward, as the middleware reads it."""

    def __init__(self, monkeypatch):
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def signed_in(client, person):
    client.force_login(person)
    assert client.get(reverse("home")).status_code == 200
    return client


def assert_signed_out_with(response, client, notice):
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?afgemeld=")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert notice in page
    return page


def test_activity_within_the_limit_keeps_the_session(client, people, clock):
    signed_in(client, people["employee"])
    for _ in range(6):  # three hours of steady use, 29 minutes apart
        clock.advance(minutes=29)
        assert client.get(reverse("home")).status_code == 200
    assert client.session["_auth_user_id"] == str(people["employee"].pk)


def test_idle_past_the_organisations_limit_signs_out_with_the_notice(client, people, clock):
    signed_in(client, people["employee"])
    clock.advance(minutes=31)
    response = client.get(reverse("home"))
    page = assert_signed_out_with(response, client, "Je bent afgemeld omdat je een tijd niets deed")
    assert "next=%2F" in response.url  # signing in again brings them back
    assert 'name="username"' in page
    assert client.get(reverse("home")).status_code == 302  # and stays signed out


def test_the_absolute_limit_ends_even_an_active_session(client, people, clock):
    signed_in(client, people["employee"])
    for _ in range(settings.SESSION_MAX_HOURS * 3):
        clock.advance(minutes=20)
        assert client.get(reverse("home")).status_code == 200
    clock.advance(minutes=20)
    response = client.get(reverse("home"))
    assert_signed_out_with(response, client, f"Je was langer dan {settings.SESSION_MAX_HOURS} uur aangemeld")


def test_the_cookie_lives_no_longer_than_the_absolute_limit():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600


def test_last_activity_is_written_at_most_once_a_minute(client, people, clock):
    signed_in(client, people["employee"])
    first = client.session[sessions.LAST_SEEN]
    clock.advance(seconds=30)
    response = client.get(reverse("home"))
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # session untouched: no write, no new cookie
    assert client.session[sessions.LAST_SEEN] == first
    clock.advance(seconds=31)
    client.get(reverse("home"))
    assert client.session[sessions.LAST_SEEN] == clock.now.timestamp()


def test_a_post_after_the_timeout_is_not_carried_out(client, people, clock):
    signed_in(client, people["administrator"])
    clock.advance(hours=1)
    response = client.post(reverse("settings"), {"name": "Overgenomen"})
    assert response.status_code == 302 and "afgemeld=inactief" in response.url and "next" not in response.url
    assert Organisation.objects.get(pk=people["administrator"].organisation_id).name == "Zorggroep Test"


def test_static_files_and_tracked_links_do_not_count_as_activity(client, people, clock):
    signed_in(client, people["employee"])
    seen = client.session[sessions.LAST_SEEN]
    clock.advance(minutes=20)
    client.get("/s/onbekend")
    client.get("/static/deelwijs.css")
    assert client.session[sessions.LAST_SEEN] == seen
    clock.advance(minutes=11)
    assert client.get(reverse("home")).status_code == 302


def test_anonymous_requests_are_unaffected(client, clock):
    clock.advance(days=3)
    response = client.get(reverse("login"))
    assert response.status_code == 200 and "afgemeld" not in response.content.decode()


def test_two_organisations_with_different_limits(client, people, other_org, clock):
    other_org.session_idle_minutes = 120
    other_org.save()
    elsewhere = make_person(other_org, "employee", email="medewerker@andere.test")
    ours = client
    theirs = client.__class__()
    signed_in(ours, people["employee"])
    signed_in(theirs, elsewhere)
    clock.advance(minutes=45)
    assert ours.get(reverse("home")).status_code == 302  # 30 minutes (the default) passed
    assert theirs.get(reverse("home")).status_code == 200  # 120 minutes not yet
    clock.advance(minutes=121)
    assert theirs.get(reverse("home")).status_code == 302


def settings_data(org, **extra):
    data = {"name": org.name, "naming_convention": org.naming_convention, "word_list_text": ""}
    data.update(extra)
    return data


def test_an_administrator_sets_the_idle_timeout(client, people, org, clock):
    signed_in(client, people["administrator"])
    page = client.get(reverse("settings")).content.decode()
    assert "Afmelden na inactiviteit (minuten)" in page and "Tussen 5 en 480 minuten" in page
    assert client.post(reverse("settings"), settings_data(org, session_idle_minutes=10)).status_code == 302
    org.refresh_from_db()
    assert org.session_idle_minutes == 10
    clock.advance(minutes=11)
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize("minutes", [4, 481, 0])
def test_an_idle_timeout_out_of_range_is_refused_in_dutch(client, people, org, minutes):
    signed_in(client, people["administrator"])
    response = client.post(reverse("settings"), settings_data(org, session_idle_minutes=minutes))
    assert response.status_code == 200
    assert response.context["form"].errors["session_idle_minutes"] == ["Kies tussen 5 en 480 minuten."]
    assert f'value="{minutes}"' in response.content.decode()  # what was typed is kept
    org.refresh_from_db()
    assert org.session_idle_minutes == 30


def test_only_administrators_change_the_idle_timeout(client, people, org):
    for role in ("communications", "manager", "employee"):
        signed_in(client, people[role])
        response = client.post(reverse("settings"), settings_data(org, session_idle_minutes=480))
        assert response.status_code == 403
    org.refresh_from_db()
    assert org.session_idle_minutes == 30
