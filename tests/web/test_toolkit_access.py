"""Who may use which page of the toolkit: every role, anonymous visitors, the other organisation; and lists
whose number of queries does not grow with their length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelwijs.orgs.roles import ROLES
from deelwijs.toolkit.models import Page

from .toolkit_data import attachment, banner, library_image, page, post_format

ALL = {role for role, _ in ROLES}
COMMS = {"communications", "administrator"}
STAFF = ALL - {"client", "volunteer"}
PROFILE_KIT = STAFF | {"volunteer"}


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def objects(org):
    everyone = [role for role, _ in ROLES]
    open_page = page(org, "Voor iedereen", roles=everyone)
    return {
        "page": open_page,
        "guide": page(org, "LinkedIn", kind=Page.GUIDE, network="linkedin", roles=everyone),
        "file": attachment(open_page),
        "image": library_image(org),
        "banner": banner(org),
        "format": post_format(org, roles=everyone),
    }


def url_for(name, kind, objects, extra=()):
    if kind is None:
        return reverse(name)
    if kind == "file":
        return reverse(name, args=[objects["page"].pk, objects["file"].pk])
    if kind == "move":
        return reverse(name, args=["pagina", objects["page"].pk, *extra])
    return reverse(name, args=[objects[kind].pk, *extra])


# name, object kind, extra arguments, roles that may GET it
PAGES = [
    ("toolkit", None, (), ALL),
    ("toolkit_tone", None, (), ALL),
    ("toolkit_formats", None, (), ALL),
    ("toolkit_page", "page", (), ALL),
    ("toolkit_page", "guide", (), ALL),
    ("toolkit_format", "format", (), ALL),
    ("toolkit_library", None, (), STAFF),
    ("toolkit_profile", None, (), PROFILE_KIT),
    ("toolkit_manage", None, (), COMMS),
    ("toolkit_page_new", None, (), COMMS),
    ("toolkit_page_edit", "page", (), COMMS),
    ("toolkit_library_new", None, (), COMMS),
    ("toolkit_library_edit", "image", (), COMMS),
    ("toolkit_banner_new", None, (), COMMS),
    ("toolkit_banner_edit", "banner", (), COMMS),
    ("toolkit_format_new", None, (), COMMS),
    ("toolkit_format_edit", "format", (), COMMS),
]
# Files: whoever may not have them gets 404, so an address tells nobody that a file exists.
FILES = [
    ("toolkit_attachment", "file", (), ALL),
    ("toolkit_library_image", "image", ("klein",), STAFF),
    ("toolkit_library_image", "image", ("linkedin",), STAFF),
    ("toolkit_banner", "banner", ("klein",), PROFILE_KIT),
    ("toolkit_banner", "banner", ("banner",), PROFILE_KIT),
]
# State changes: name, object kind, extra arguments, roles that may POST.
POSTS = [
    ("toolkit_checklist", None, (), PROFILE_KIT),
    ("toolkit_install", None, (), COMMS),
    ("toolkit_page_checked", "guide", (), COMMS),
    ("toolkit_move", "move", ("omlaag",), COMMS),
    ("toolkit_attachment_delete", "file", (), COMMS),
]


@pytest.mark.parametrize("name, kind, extra, allowed", PAGES)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_gets_the_pages_meant_for_it(client, people, objects, name, kind, extra, allowed, role):
    client.force_login(people[role])
    response = client.get(url_for(name, kind, objects, extra))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("name, kind, extra, allowed", FILES)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_gets_the_files_meant_for_it(client, people, objects, name, kind, extra, allowed, role):
    client.force_login(people[role])
    response = client.get(url_for(name, kind, objects, extra))
    assert response.status_code == (200 if role in allowed else 404)


@pytest.mark.parametrize("name, kind, extra, allowed", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, objects, name, kind, extra, allowed):
    response = client.get(url_for(name, kind, objects, extra))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name, kind, extra, allowed", FILES)
def test_anonymous_visitors_get_no_file(client, objects, name, kind, extra, allowed):
    assert client.get(url_for(name, kind, objects, extra)).status_code == 404


@pytest.mark.parametrize("name, kind, extra", [(n, k, e) for n, k, e, _ in PAGES + FILES if k])
def test_it_rejects_other_organisation(client, objects, outsider, name, kind, extra):
    client.force_login(outsider)  # an administrator there, who could reach every toolkit page of their own
    assert client.get(url_for(name, kind, objects, extra)).status_code == 404


@pytest.mark.parametrize("name, kind, extra, allowed", POSTS)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_may_change_what_the_rules_say(client, people, objects, name, kind, extra, allowed, role):
    client.force_login(people[role])
    response = client.post(url_for(name, kind, objects, extra))
    assert response.status_code == (302 if role in allowed else 403)


@pytest.mark.parametrize("name, kind, extra, allowed", POSTS)
def test_state_changes_refuse_get_and_anonymous_visitors(client, people, objects, name, kind, extra, allowed):
    url = url_for(name, kind, objects, extra)
    response = client.post(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(people["administrator"])
    assert client.get(url).status_code == 405


@pytest.mark.parametrize(
    "kind, key", [("pagina", "page"), ("format", "format"), ("beeld", "image"), ("banner", "banner")]
)
def test_deleting_is_for_communications_and_not_across_organisations(client, people, objects, outsider, kind, key):
    made = objects[key]
    url = reverse("toolkit_delete", args=[kind, made.pk])
    client.force_login(people["ambassador"])
    assert client.post(url).status_code == 403
    client.force_login(outsider)  # another organisation's object: nothing happens, back to their own list
    assert client.post(url).status_code == 302 and type(made).objects.filter(pk=made.pk).exists()
    assert client.get(url).status_code == 405
    client.force_login(people["communications"])
    assert client.post(url).status_code == 302 and not type(made).objects.filter(pk=made.pk).exists()
    assert client.post(url).status_code == 302  # gone already: nothing to do


def test_posts_of_the_other_organisation_are_not_found(client, objects, outsider):
    client.force_login(outsider)
    for name, kind, extra, _allowed in POSTS:
        if kind:
            assert client.post(url_for(name, kind, objects, extra)).status_code == 404


# Lists: the same number of queries for one item as for three
def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name, role",
    [
        ("toolkit", "employee"),
        ("toolkit_library", "employee"),
        ("toolkit_formats", "employee"),
        ("toolkit_profile", "employee"),
        ("toolkit_manage", "communications"),
        ("directory", "employee"),
    ],
)
def test_lists_take_the_same_queries_for_one_or_three(client, people, org, name, role):
    from deelwijs.accounts.models import Handle
    from deelwijs.toolkit.domain import CHECKLIST_KEYS, save_checklist
    from deelwijs.toolkit.models import LibraryImage

    client.force_login(people[role])
    counts = []
    for n in (1, 3):
        while LibraryImage.objects.count() < n:
            number = LibraryImage.objects.count()
            library_image(org, f"Beeld {number}")
            page(org, f"Pagina {number}")
            page(org, f"Handleiding {number}", kind=Page.GUIDE, network=["x", "linkedin", "bluesky"][number])
            attachment(page(org, f"Met bestand {number}"))
            post_format(org, f"Format {number}")
            banner(org, ["x", "linkedin", "bluesky"][number])
            colleague = list(people.values())[number]
            Handle.objects.get_or_create(user=colleague, platform="x", defaults={"handle": f"collega{number}"})
            save_checklist(colleague, CHECKLIST_KEYS, True)
        counts.append(_queries(client, reverse(name)))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name, kind, extra, allowed", [row for row in PAGES if "communications" in row[3]])
def test_every_page_has_a_plain_title(client, people, objects, name, kind, extra, allowed):
    import re

    client.force_login(people["communications"])
    title = re.search(r"<title>(.*?)</title>", client.get(url_for(name, kind, objects, extra)).content.decode(), re.S)
    assert title and "<" not in title.group(1) and title.group(1).strip().endswith("· Deelwijs")
