"""Every URL name opened by every persona: the status the table says, and never the other organisation's marker."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.database import loaded_on_postgres_by_the_access_tables
from tests.security.table import ALL, TABLE, admin_status, status_matches

from .conftest import ANONYMOUS, MEMBERS, OPERATOR, OUTSIDER, PERSONAS, url_for
from .helpers import organisation_path, url_patterns

pytestmark = loaded_on_postgres_by_the_access_tables


def expected_get(row, persona, roles):
    if persona == ANONYMOUS:
        return row.anonymous
    if persona == OPERATOR:
        return row.operator
    if persona == OUTSIDER and row.kind and row.cross_org and row.ok != 405:
        return row.foreign  # an object of another organisation does not exist for them
    return row.get_status(roles)


def check(failures, browser, persona, url, expected):
    result = browser.request("get", persona, url)
    marker = browser.world.marker_not_to_see(persona)
    if result.error:
        failures.append(str(result))
    elif not status_matches(result.response, expected):
        failures.append(f"{result}, expected {expected}")
    elif persona != OPERATOR and result.shows(marker):
        failures.append(f"{result}: shows {marker}")


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.id)
def test_each_persona_gets_what_the_table_says(browser, matrix, row):
    failures = []
    for persona in PERSONAS:
        # Tokens and public codes are keys of their own: the outsider uses those of their organisation.
        objects = matrix.other if persona == OUTSIDER and not row.cross_org else matrix.own
        url = url_for(row, objects, matrix.key(persona))
        check(failures, browser, persona, url, expected_get(row, persona, matrix.roles(persona)))
    assert not failures, "\n".join(failures)


CROSS_ORGANISATION = [row for row in TABLE if row.kind and row.cross_org and row.ok != 405]


@pytest.mark.parametrize("row", CROSS_ORGANISATION, ids=lambda row: row.id)
def test_the_other_organisations_objects_are_not_found(browser, matrix, row):
    """Everyone whose role opens the page, with the other organisation's object of the same kind in the path."""
    failures = []
    for persona in MEMBERS:
        if matrix.roles(persona) & row.get:
            check(failures, browser, persona, url_for(row, matrix.other, matrix.key(persona)), row.foreign)
    assert not failures, "\n".join(failures)


ADMIN_PATTERNS = sorted((name, arguments) for name, _route, arguments in url_patterns() if name and ":" in name)


MISSING = 999_999


def admin_kwargs(name, arguments, objects, missing=False):
    """An object of the organisation of the admin page's model where there is one, else one that may not exist.

    missing: an id no row has, as an operator may type or follow a stale link.
    """
    kwargs = {}
    model = None
    for candidate in apps.get_models():
        meta = candidate._meta
        if name.startswith(f"admin:{meta.app_label}_{meta.model_name}_"):
            model = candidate
    for argument in {"object_id", "pk"} & arguments:
        if model is not None and organisation_path(model):
            found = model._base_manager.filter(**{organisation_path(model): objects["organisation"].pk}).first()
        else:
            found = model._base_manager.first() if model is not None else None
        kwargs[argument] = MISSING if missing or not found else found.pk
    if "app_label" in arguments:
        kwargs["app_label"] = "orgs"
    if "content_type_id" in arguments:
        kwargs["content_type_id"] = ContentType.objects.get_for_model(objects["team"]).pk
        kwargs["object_id"] = objects["team"].pk
    return kwargs


# The admin site lets in staff, whatever their roles: a few people of each kind stand for all of them.
ADMIN_PERSONAS = [ANONYMOUS, OPERATOR, "administrator", "communications+webcare", "client", OUTSIDER]


@pytest.mark.parametrize("name, arguments", ADMIN_PATTERNS, ids=[name for name, _a in ADMIN_PATTERNS])
def test_only_operators_enter_the_admin_site(browser, matrix, name, arguments):
    failures = []
    url = reverse(name, kwargs=admin_kwargs(name, arguments, matrix.own))
    for persona in ADMIN_PERSONAS:
        if persona == OPERATOR:
            # Whatever the admin answers its operators (a page, a redirect, a refusal), it does not fail,
            # not even for an id that does not exist.
            missing = reverse(name, kwargs=admin_kwargs(name, arguments, matrix.own, missing=True))
            for address in dict.fromkeys([url, missing]):
                result = browser.request("get", persona, address)
                if result.error:
                    failures.append(str(result))
        else:
            check(failures, browser, persona, url, admin_status(name, persona == ANONYMOUS))
    assert not failures, "\n".join(failures)


def test_the_outsider_holds_every_role(matrix):
    assert matrix.roles(OUTSIDER) == ALL
