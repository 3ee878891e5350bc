"""Tenant scoping is a mechanism: scoped managers, a scope per request, explicit scopes in jobs."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django_scopes import ScopeError, scope

from deelwijs.content.models import ContentItem, Topic
from deelwijs.orgs.models import Organisation, User
from deelwijs.orgs.tenancy import OrganisationScopeMiddleware, organisation_scope, runs_in_organisation
from deelwijs.planning.models import Meeting
from deelwijs.webcare.models import Source
from tests.conftest import make_person

# The user model is read by sign-in before any scope exists; its scoped manager is User.members.
UNSCOPED_DEFAULT_MANAGER = {User}


def path_to_organisation(model, seen=()):
    """The lookup path from a model to Organisation along foreign keys, or None."""
    for field in model._meta.get_fields():
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            continue
        target = field.related_model
        if target is Organisation:
            return field.name
        if target in seen or target is model or not target.__module__.startswith("deelwijs"):
            continue
        rest = path_to_organisation(target, (*seen, model))
        if rest:
            return f"{field.name}__{rest}"
    return None


def resolves_to_organisation(model, path):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model is Organisation


@pytest.fixture
def outside_any_scope():
    """Where the worker and management commands run: no organisation is active."""
    with scope(organisation=None):
        yield


OWNED = [
    m
    for m in apps.get_models()
    if m.__module__.startswith("deelwijs") and m is not Organisation and path_to_organisation(m)
]


def test_the_walk_finds_the_models_that_belong_to_an_organisation():
    labels = {m._meta.label for m in OWNED}
    assert {"content.ContentItem", "sharing.Click", "webcare.ConversationView", "orgs.RoleAssignment"} <= labels
    assert "sharing.DailySalt" not in labels


@pytest.mark.parametrize("model", OWNED, ids=lambda m: m._meta.label)
def test_every_organisation_owned_model_reads_through_a_scoped_manager(model):
    manager = User.members if model in UNSCOPED_DEFAULT_MANAGER else model._default_manager
    path = getattr(manager, "organisation_path", None)
    assert path, f"{model._meta.label} needs objects = OrganisationManager(...)"
    assert resolves_to_organisation(model, path)


@pytest.mark.django_db
@pytest.mark.parametrize("model", OWNED, ids=lambda m: m._meta.label)
def test_every_organisation_owned_model_refuses_to_query_outside_a_scope(model, outside_any_scope):
    manager = User.members if model in UNSCOPED_DEFAULT_MANAGER else model._default_manager
    with pytest.raises(ScopeError):
        list(manager.all())
    with pytest.raises(ScopeError):
        manager.filter(pk=1).exists()


def test_a_scope_shows_its_own_organisation_only(org, other_org, outside_any_scope):
    Topic.objects.create(organisation=org, name="Zorg")
    Topic.objects.create(organisation=other_org, name="Elders")
    with organisation_scope(org):
        assert list(Topic.objects.values_list("name", flat=True)) == ["Zorg"]
        assert not Topic.objects.filter(name="Elders").exists()
    with organisation_scope(other_org.pk):
        assert list(Topic.objects.values_list("name", flat=True)) == ["Elders"]


def test_a_scope_needs_an_organisation():
    with pytest.raises(ValueError), organisation_scope(None):
        pass


def _middleware_reads(request):
    def view(request):
        return HttpResponse(",".join(Topic.objects.values_list("name", flat=True)))

    return OrganisationScopeMiddleware(view)(request)


def test_a_signed_in_request_reads_its_own_organisation(org, other_org, people):
    Topic.objects.create(organisation=org, name="Zorg")
    Topic.objects.create(organisation=other_org, name="Elders")
    request = RequestFactory().get("/")
    request.user = people["employee"]
    assert _middleware_reads(request).content == b"Zorg"


def test_an_anonymous_request_has_no_organisation_even_inside_another_scope(org):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with organisation_scope(org), pytest.raises(ScopeError):
        _middleware_reads(request)


def test_an_operator_reads_across_organisations_in_the_admin_site_only(org, other_org):
    Topic.objects.create(organisation=org, name="Zorg")
    Topic.objects.create(organisation=other_org, name="Elders")
    operator = User.objects.create_superuser("operator@example.test", "pw-operator-123", first_name="Op")
    admin = RequestFactory().get("/beheer/")
    admin.user = operator
    assert sorted(_middleware_reads(admin).content.decode().split(",")) == ["Elders", "Zorg"]
    elsewhere = RequestFactory().get("/delen/")
    elsewhere.user = operator
    with pytest.raises(ScopeError):
        _middleware_reads(elsewhere)


def test_a_task_for_one_organisation_runs_in_its_scope(org, other_org, outside_any_scope):
    Topic.objects.create(organisation=org, name="Zorg")
    Topic.objects.create(organisation=other_org, name="Elders")

    @runs_in_organisation
    def names(organisation_id):
        return list(Topic.objects.values_list("name", flat=True))

    assert names(other_org.pk) == ["Elders"]


def test_the_jobs_visit_every_organisation_in_its_own_scope(org, other_org, outside_any_scope):
    from deelwijs.planning.tasks import plan_ahead
    from deelwijs.webcare.tasks import poll_sources

    past = timezone.now() - timedelta(days=1)
    for organisation in (org, other_org):
        Meeting.objects.create(organisation=organisation, title="Overleg", starts_at=past)
        # Nothing listens there: the poll fails, and the failure is recorded on the source.
        Source.objects.create(organisation=organisation, name="Nieuws", url="http://127.0.0.1:9/feed")
    plan_ahead.call()
    poll_sources.call()
    with organisation_scope(org):
        assert Meeting.objects.count() == 2 and Source.objects.get().failures == 1
    with organisation_scope(other_org):
        assert Meeting.objects.count() == 2 and Source.objects.get().failures == 1


def test_the_digest_reads_each_organisation_in_its_own_scope(org, other_org, outside_any_scope, mailoutbox):
    from deelwijs.content.tasks import send_weekly_digest

    for organisation in (org, other_org):
        make_person(organisation, "employee", email=f"digest@{organisation.slug}.test")
        ContentItem.objects.create(organisation=organisation, title=f"Nieuws van {organisation.name}")
    assert send_weekly_digest.call() == 2
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert "Andere Zorg" not in bodies["digest@test.test"]
    assert "Zorggroep Test" not in bodies["digest@andere.test"]


def test_the_demo_enters_its_own_scope(db, outside_any_scope):
    from deelwijs.demo.build import create_demo

    org, _logins = create_demo()
    with organisation_scope(org):
        assert ContentItem.objects.exists()


def test_a_new_organisation_owned_model_without_a_scoped_manager_is_found():
    class Unscoped(models.Model):
        organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)

        class Meta:
            app_label = "orgs"

        def __str__(self):
            return "unscoped"

    assert path_to_organisation(Unscoped) == "organisation"
    assert getattr(Unscoped._default_manager, "organisation_path", None) is None
