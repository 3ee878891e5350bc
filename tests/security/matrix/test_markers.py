"""The markers can be seen: every model of the other organisation carries one, and pages show their own."""

import json

import pytest
from django.db import models
from django.urls import reverse

from tests.security import world

from .conftest import OUTSIDER
from .helpers import cross_references, organisation_path, owned_models

# Models without a text that could carry a marker (counts, dates, hashes of tokens): rows are enough.
NO_TEXT = {
    "orgs.RoleAssignment": "a role code",
    "orgs.User_teams": "a many-to-many row",
    "accounts.CorporateAccount_owners": "a many-to-many row",
    "accounts.CorporateAccount_allowed_people": "a many-to-many row",
    "content.ContentItem_topics": "a many-to-many row",
    "content.ContentItem_audience_teams": "a many-to-many row",
    "content.ContentItem_audience_locations": "a many-to-many row",
    "orgs.Team_managers": "a many-to-many row",
    "sharing.Click": "a day and a visitor hash",
    "stories.StoryPhoto": "links a story and an image",
    "planning.CalendarFeed": "the hash of its token",
    "learning.Answer": "JSON answers",
    "insight.DailyStat": "counts",
    "insight.DailyTeamStat": "counts",
    "insight.MonthlyTeamStat": "counts",
    "insight.MonthlyItemStat": "counts",
    "insight.MonthlyItemTeamStat": "counts",
    "insight.PeriodSharer": "counts",
    "insight.ReportSettings": "targets, a hex colour and a logo (an image whose alt text carries the marker)",
    "webcare.ConversationView": "who opened an entry when",
    "orgs.RetentionRun": "counts per kind",
    "privacy.DataExport": "a status and the path of its ZIP",
    "toolkit.ProfileChecklist": "the keys of what someone ticked",
    "consent.ImageConsent": "which consents a photo has",
    "consent.ImageConsent_records": "the link between photos and consents",
    "consent.ConsentEnding": "a number, a kind and its lists as JSON",
    "community.BuddyPairing": "who is whose buddy, since when",
    "community.OnlineListing_handles": "a many-to-many row",
    "community.HelpRequest_asked": "a many-to-many row",
    "provisioning.ProvisionedTeam_members": "a many-to-many row",
    "push.PushPreferences": "choices, times and a number",
    "push.PushDay": "a count per day",
}


def _texts(row):
    # Text kept as JSON (what the photo check read in a photo) carries the marker too.
    return " ".join(
        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        for value in row
        if isinstance(value, (str, dict, list))
    )


@pytest.mark.parametrize("model", owned_models(), ids=lambda model: model._meta.label)
def test_the_other_organisation_has_marked_rows_in_every_model(matrix, model):
    """A new model gets rows in tests/security/world.py, so the matrices would see it leak."""
    label = model._meta.label
    rows = model._base_manager.filter(**{organisation_path(model): matrix.other["organisation"].pk}).values_list()
    assert rows, f"{label} has no rows in the other organisation: add some to tests/security/world.py"
    if label not in NO_TEXT:
        texts = " ".join(_texts(row) for row in rows).lower()
        assert world.OTHER_MARKER.lower() in texts, f"no text of {label} carries the marker"


def test_markerless_models_have_no_free_text():
    free_text = (models.CharField, models.TextField)
    for model in owned_models():
        if model._meta.label in NO_TEXT:
            texts = [f.name for f in model._meta.concrete_fields if isinstance(f, free_text) and not f.choices]
            assert set(texts) <= {"visitor", "token_hash", "network", "period", "file_name", "colour"}, (
                model._meta.label,
                texts,
            )


# Pages that show the organisation's data to the persona: the marker check can see it.
SHOWN = [
    ("communications", "feed", None),
    ("communications", "item_list", None),
    ("administrator", "people", None),
    ("administrator", "audit_log", None),
    ("employee", "directory", None),
    ("webcare", "inbox", None),
    ("communications", "calendar", None),
    ("communications", "story_review", "story"),
    ("manager", "register", None),
    (OUTSIDER, "feed", None),
]


@pytest.mark.parametrize("persona, name, kind", SHOWN)
def test_pages_show_their_own_organisations_marker(browser, matrix, persona, name, kind):
    objects = matrix.organisation_of(persona)
    kwargs = world.KINDS[kind](objects, matrix.key(persona)) if kind else {}
    result = browser.request("get", persona, reverse(name, kwargs=kwargs))
    assert result.error is None and result.response.status_code == 200
    assert result.shows(world.OTHER_MARKER if persona == OUTSIDER else world.OWN_MARKER)


def test_no_row_points_at_another_organisations_row(matrix):
    assert cross_references() == []


def test_the_check_finds_a_row_that_points_at_another_organisation(matrix):
    post = matrix.own["post"]
    post.account = matrix.other["account"]
    post.save(update_fields=["account"])
    matrix.own["item"].audience_teams.add(matrix.other["team"])
    assert cross_references() == [
        "content.ContentItem_audience_teams.team: 1 rows",
        "planning.PlannedPost.account: 1 rows",
    ]
