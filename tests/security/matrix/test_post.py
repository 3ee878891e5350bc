"""Every form posted by every persona, and with the other organisation's objects in the path and in the fields.

The forms are the ones the pages offer, as a browser would send them (tests/security/matrix/helpers.py reads
them from the HTML); a URL that no page offers a form for is posted empty. A refused POST writes nothing at
all; an allowed one never touches the other organisation's rows nor links a row to one of theirs.
"""

import os

import pytest
from django.db import connection, transaction
from django.urls import reverse

from deelwijs.content.models import Image
from deelwijs.privacy.models import ErasureRecord
from tests.security.table import SIGN_IN, TABLE, status_matches
from tests.security.world import KINDS

from .conftest import (
    ANONYMOUS,
    OPERATOR,
    OUTSIDER,
    PERSONAS,
    first_allowed,
    forms_for,
    payload,
    url_for,
)
from .helpers import changed_models, cross_references, organisation_path, snapshot

STATE_CHANGING = [row for row in TABLE if row.post is not None or row.post_anonymous]
NOT_STATE_CHANGING = [row for row in TABLE if row not in STATE_CHANGING]


def test_every_state_changing_url_has_a_form(catalogue):
    """Posted empty, a form proves less: each URL that changes something is offered as a form by some page."""
    assert {row.name for row in STATE_CHANGING} - set(catalogue) == set()


@pytest.mark.parametrize("row", STATE_CHANGING, ids=lambda row: row.id)
def test_each_persona_may_post_what_the_table_says(browser, matrix, catalogue, row):
    """A refused POST (a missing role, no sign-in, another organisation) answers so and writes nothing."""
    failures = []
    for persona in PERSONAS:
        from_elsewhere = persona == OUTSIDER
        if from_elsewhere and not (row.kind and row.cross_org):
            continue  # the outsider's own pages are this matrix for their organisation
        url = url_for(row, matrix.own, matrix.key(persona))
        roles = matrix.roles(persona)
        allowed = not from_elsewhere and row.may_post(roles, persona == ANONYMOUS, persona == OPERATOR)
        for form in forms_for(row, catalogue):
            result = browser.request("post", persona, url, payload(form), json=form.json)
            response = result.response
            marker = matrix.marker_not_to_see(persona)
            if result.error:
                failures.append(str(result))
            elif persona != OPERATOR and result.shows(marker):
                failures.append(f"{result}: shows {marker}")
            elif allowed:
                if response.status_code in (403, 404, 405):
                    failures.append(f"{result}: refused, but the table allows it")
            else:
                if from_elsewhere:
                    expected = row.foreign
                elif persona == ANONYMOUS:
                    expected = SIGN_IN
                else:
                    expected = row.post_denied
                if not status_matches(response, expected):
                    failures.append(f"{result}, expected {expected}")
                if result.writes:
                    failures.append(f"{result}: refused, yet wrote to {', '.join(result.writes)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("row", NOT_STATE_CHANGING, ids=lambda row: row.id)
def test_a_post_to_a_page_without_a_form_changes_nothing(browser, matrix, catalogue, row):
    """A view that starts to change something on POST needs post= in the table (and this matrix)."""
    persona = ANONYMOUS if row.anonymous == 200 else first_allowed(row.get)
    url = url_for(row, matrix.own, matrix.key(persona))
    for form in forms_for(row, catalogue):
        result = browser.request("post", persona, url, payload(form), json=form.json)
        assert result.error is None, str(result)
        if not row.writes_on_get:
            assert not result.writes, f"{result} wrote to {', '.join(result.writes)}"


IN_THE_PATH = [row for row in STATE_CHANGING if row.kind and row.cross_org]


@pytest.mark.parametrize("row", IN_THE_PATH, ids=lambda row: row.id)
def test_a_post_to_the_other_organisations_object_is_not_found(browser, matrix, catalogue, row):
    failures = []
    for persona in PERSONAS:
        if persona == OUTSIDER or not row.may_post(matrix.roles(persona), persona == ANONYMOUS, persona == OPERATOR):
            continue
        url = url_for(row, matrix.other, matrix.key(persona))
        for form in forms_for(row, catalogue):
            result = browser.request("post", persona, url, payload(form), json=form.json)
            if result.error or not status_matches(result.response, row.foreign):
                failures.append(f"{result}, expected {row.foreign}")
            elif result.writes:
                failures.append(f"{result}: wrote to {', '.join(result.writes)}")
            elif result.shows(matrix.marker_not_to_see(persona)):
                failures.append(f"{result}: shows the other organisation's marker")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("row", STATE_CHANGING, ids=lambda row: row.id)
def test_forms_refuse_the_other_organisations_objects(browser, matrix, catalogue, row):
    """Each field that chooses an object, filled with the other organisation's object of that model."""
    other = matrix.other["organisation"]
    before = snapshot(other)
    persona = first_allowed(row.post or row.get)
    url = url_for(row, matrix.own, matrix.key(persona))

    def aftermath():
        return changed_models(before, snapshot(other)), cross_references()

    failures = []
    for form in forms_for(row, catalogue):
        for name, model in form.models.items():
            theirs = model._base_manager.filter(**{organisation_path(model): other.pk}).first()
            assert theirs is not None, f"the other organisation has no {model._meta.label}"
            result = browser.request("post", persona, url, payload(form, **{name: theirs.pk}), form.json, aftermath)
            if result.error:
                failures.append(f"{name}={theirs.pk}: {result}")
                continue
            changed, crossing = result.inspected
            if changed:
                failures.append(f"{name}={theirs.pk}: {result} changed the other organisation's {changed}")
            if crossing:
                failures.append(f"{name}={theirs.pk}: {result} linked to the other organisation: {crossing}")
            if result.shows(matrix.marker_not_to_see(persona)):
                failures.append(f"{name}={theirs.pk}: {result} shows the other organisation's marker")
    assert not failures, "\n".join(failures)


def test_the_snapshot_sees_a_change_in_the_other_organisation(matrix):
    other = matrix.other["organisation"]
    before = snapshot(other)
    with transaction.atomic():
        matrix.other["team"].members.remove(matrix.other["colleague"])
        assert changed_models(before, snapshot(other)) == ["orgs.User_teams"]
        transaction.set_rollback(True)


def test_an_erasure_changes_nothing_of_the_other_organisation_and_leaves_the_world_whole(browser, matrix, catalogue):
    """The administrator erases the colleague for real (the matrix types the name): the other organisation's rows
    stay as they were, nothing points across, and the photos it deleted are back for the next request."""
    other = matrix.other["organisation"]
    before = snapshot(other)
    colleague, photo = matrix.own["colleague"], matrix.own["story_photo"].image

    def aftermath():
        erased = ErasureRecord._base_manager.filter(person=colleague).exists()
        return erased, os.path.exists(photo.large.path), changed_models(before, snapshot(other)), cross_references()

    (row,) = [row for row in STATE_CHANGING if row.name == "person_erase"]
    url = url_for(row, matrix.own, "administrator")
    (form,) = forms_for(row, catalogue)
    result = browser.request("post", "administrator", url, payload(form), inspect=aftermath)
    assert result.error is None and result.response.status_code == 302, str(result)
    erased, photo_on_disk, changed, crossing = result.inspected
    assert erased and not photo_on_disk  # the erasure deleted the story's photo at once
    assert changed == [] and crossing == []
    assert all(os.path.exists(path) for path in matrix.files)
    story_photo = reverse("story_photo", kwargs=KINDS["story_photo"](matrix.own, None))
    assert browser.request("get", "communications", story_photo).response.status_code == 200


def test_files_deleted_on_commit_stay_when_a_request_is_rolled_back(matrix):
    """Deleting an image removes its files when the transaction commits; nothing in the matrices commits."""
    image = Image._base_manager.get(pk=matrix.own["image"].pk)  # a copy: delete() clears the instance's id
    paths = [image.large.path, image.small.path, image.public.path]
    waiting = len(connection.run_on_commit)
    with transaction.atomic():
        image.delete()
        assert len(connection.run_on_commit) > waiting
        transaction.set_rollback(True)
    assert len(connection.run_on_commit) == waiting
    assert all(os.path.exists(path) for path in paths)
