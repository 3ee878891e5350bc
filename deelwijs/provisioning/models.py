"""What provisioning keeps: the keys identity providers use, and the people and teams they manage.

A ProvisionedPerson is a person as the identity provider sent them (SCIM User): its own id for them, its
names and addresses, and what it last said about the account being active. The person's account itself
(orgs.User) is derived from that: its e-mail address, first and last name. A ProvisionedTeam is a team
(orgs.Team) the identity provider manages as a SCIM Group, with its members as the provider sent them and
the role they get, if the administrator chose one.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.orgs.models import Organisation, Team
from deelwijs.orgs.roles import ROLES
from deelwijs.orgs.tenancy import OrganisationManager


def new_scim_id():
    return str(uuid.uuid4())


class ScimToken(models.Model):
    """A key an identity provider sends as its bearer token. Only its hash is stored; it is shown once."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="provisioning_keys")
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.name


class ProvisionedPerson(models.Model):
    """A person as the identity provider keeps them (a SCIM User), linked to their account."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provisioned")
    scim_id = models.CharField(max_length=36, unique=True, default=new_scim_id)
    user_name = models.CharField(max_length=254)
    external_id = models.CharField(max_length=254, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=150, blank=True)
    display_name = models.CharField(max_length=250, blank=True)
    # [{"value": ..., "type": ..., "primary": ...}] as sent: Deelwijs answers with what it was given.
    emails = models.JSONField(default=list, blank=True)
    # What the identity provider last said; it reopens an account only when it changes its mind (domain.py).
    idp_active = models.BooleanField(default=True)
    # Made by provisioning (True) or an account that was there already and was taken over.
    made_here = models.BooleanField(default=True)
    # The roles provisioning stands for (the default role, the groups' roles): only these it takes away again.
    given_roles = models.JSONField(default=list, blank=True)
    # DELETE: the account was closed and the identity provider no longer manages it; the row stays so a new
    # POST for the same person finds their account again.
    deprovisioned = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    modified = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("user_name"),
                "organisation",
                condition=models.Q(deprovisioned__isnull=True),
                name="unique_provisioned_user_name",
            ),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=models.Q(deprovisioned__isnull=True) & ~models.Q(external_id=""),
                name="unique_provisioned_external_id",
            ),
        ]

    def __str__(self):
        return self.user_name


class ProvisionedTeam(models.Model):
    """A team the identity provider manages as a SCIM Group; its members get ``role`` when one is chosen."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="provisioned")
    scim_id = models.CharField(max_length=36, unique=True, default=new_scim_id)
    external_id = models.CharField(max_length=254, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=ROLES, blank=True)
    # The group's members as the identity provider sent them. The team's members are the open accounts among
    # them (closing takes a person out of every team), besides anyone an administrator added by hand.
    members = models.ManyToManyField(ProvisionedPerson, blank=True, related_name="groups")
    created = models.DateTimeField(default=timezone.now)
    modified = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["team__name"]

    def __str__(self):
        return self.external_id or self.scim_id
