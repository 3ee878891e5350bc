"""Tenant scoping by the framework: an organisation's rows are read only inside its scope.

Every model that belongs to an organisation declares
``objects = OrganisationManager("path__to__organisation")``. Its queries are
filtered to the active organisation, and refused (``django_scopes.ScopeError``)
when no organisation is active, so a forgotten filter fails loudly instead of
leaking. The scope is entered

- once per request by ``OrganisationScopeMiddleware``, for the signed-in
  person's organisation;
- explicitly by background tasks, management commands and the demo, with
  ``organisation_scope(organisation)``, one organisation at a time;
- never implicitly for anyone else.

A deliberate read across organisations (the operators' admin site, the
tracked-link redirect, token feeds, finding an invitation by its token, jobs
that visit every organisation) goes through ``across_organisations()``, the one
named escape hatch; every caller says why in a comment. Built on django-scopes,
the mechanism pretalx uses.
"""

import copy
from contextlib import contextmanager
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.db import models
from django_scopes import get_scope, scope, scopes_disabled
from django_scopes.manager import DisabledQuerySet


class OutsideScope(DisabledQuerySet):
    """What a scoped manager gives outside a scope: every query refuses to run.

    ``all()`` alone is let through, because Django copies a model's default
    queryset when it builds a ModelForm's choice fields at import time; the copy
    still refuses to run.
    """

    def all(self):
        return self._chain()


def OrganisationManager(path="organisation", manager_class=models.Manager):
    """The default manager of an organisation-owned model; ``path`` leads from the model to its organisation.

    The same rules as django-scopes' ScopedManager, on its scope state, with one
    dimension: the organisation.
    """

    class Manager(manager_class):
        organisation_path = path

        def with_scope(self, organisation):
            """This manager as if inside ``organisation``'s scope (used where a scope cannot exist yet)."""
            manager = copy.copy(self)
            manager._override_scope = {"_enabled": True, "organisation": organisation}
            return manager

        def get_queryset(self):
            current = getattr(self, "_override_scope", None) or get_scope()
            if not current.get("_enabled", True):
                return super().get_queryset()
            organisation = current.get("organisation")
            if organisation is None:
                return OutsideScope(self.model, using=self._db, missing_scopes=["organisation"])
            return super().get_queryset().filter(**{path: organisation})

    return Manager()


@contextmanager
def organisation_scope(organisation):
    """Read and write as one organisation (an Organisation or its id)."""
    organisation_id = getattr(organisation, "pk", organisation)
    if organisation_id is None:
        # A missing organisation here is a caller's bug (an unsaved object, a person without one): say so,
        # rather than run everything after it as "no organisation" and fail further on.
        raise ValueError("an organisation scope needs an organisation")
    with scope(organisation=organisation_id):
        yield


def across_organisations():
    """The named escape hatch: reads that deliberately cross organisations. Say why at every use."""
    return scopes_disabled()


class OrganisationScopeMiddleware:
    """Enters the signed-in person's organisation for the whole request.

    Anonymous requests get no scope, so views for them (sign-in, the redirect,
    feeds) must use the escape hatch on purpose. Operators (superusers without
    an organisation) read across organisations in the admin site only.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL_PATH.strip("/") + "/"

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.organisation_id is not None:
                with organisation_scope(user.organisation_id):
                    return self.get_response(request)
            if user.is_superuser and request.path.startswith(self.admin_prefix):
                # The operators' admin site works across organisations by design.
                with across_organisations():
                    return self.get_response(request)
        # Explicitly no organisation, whatever the surrounding code had entered.
        with scope(organisation=None):
            return self.get_response(request)


def each_organisation():
    """Every organisation in turn, inside its own scope: for jobs that visit them all."""
    organisations = apps.get_model("orgs", "Organisation").objects.order_by("pk")
    for organisation in organisations:
        with organisation_scope(organisation):
            yield organisation


def runs_in_organisation(function):
    """A background task whose first argument is the organisation it works for runs in that scope."""

    @wraps(function)
    def wrapper(organisation_id, *args, **kwargs):
        with organisation_scope(organisation_id):
            return function(organisation_id, *args, **kwargs)

    return wrapper
