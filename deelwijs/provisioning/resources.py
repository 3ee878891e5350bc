"""The SCIM 2.0 resources Deelwijs serves (RFC 7643), as scim2-models models, and what the service announces.

Deelwijs keeps only what it uses of a person, so its User is the core User schema with fewer attributes:
userName, name (givenName, familyName), displayName, active, emails (value, type, primary) and groups, besides
id, externalId and meta. Its Group is displayName and members (Users only). Anything else an identity
provider sends (titles, phone numbers, addresses, the enterprise extension) is accepted and dropped: the
policy below ignores attributes these models do not declare, so an Entra ID mapping we do not use does not
fail. The /Schemas endpoint publishes exactly these attributes.
"""

from typing import Annotated

from pydantic import Field
from scim2_models import (
    URI,
    URN,
    AuthenticationScheme,
    Bulk,
    CaseExact,
    ChangePassword,
    ComplexAttribute,
    ETag,
    Filter,
    Mutability,
    Pagination,
    Patch,
    Reference,
    Required,
    Resource,
    ResourceType,
    Schema,
    ScimPolicy,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)
from scim2_models import Email as CoreEmail

# Entra ID's habits, which scim2-models knows: attributes we do not keep are dropped, a "remove" of group
# members carries the members in its value, and emails[type eq "work"].value on a person without a work
# address adds one.
POLICY = ScimPolicy(
    unknown=ScimPolicy.Unknown.ignore,
    remove_value_as_filter=ScimPolicy.RemoveValue.apply,
    unmatched_path_filter=ScimPolicy.UnmatchedPathFilter.create,
)

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
MAX_RESULTS = 200
DEFAULT_COUNT = 100
MAX_START = 1_000_000_000


class Name(ComplexAttribute):
    given_name: str | None = Field(None, description="First name: the person's first name in Deelwijs.")
    family_name: str | None = Field(None, description="Last name: the person's last name in Deelwijs.")


class Email(ComplexAttribute):
    # Checked as Django checks addresses (domain.account_address): email-validator's EmailStr refuses the
    # intranet domains some organisations use (.local, .internal).
    value: Annotated[str | None, Required.true] = Field(None, description="An e-mail address.")
    type: CoreEmail.Type | None = Field(None, description="work, home or other.")
    primary: bool | None = Field(None, description="The address to use when userName is not an address.")


class GroupMembership(ComplexAttribute):
    value: Annotated[str | None, Mutability.read_only, CaseExact.true] = Field(None, description="The group's id.")
    ref: Annotated[Reference["Group"] | None, Mutability.read_only] = Field(
        None, serialization_alias="$ref", validation_alias="$ref", description="The group's address."
    )
    display: Annotated[str | None, Mutability.read_only] = Field(None, description="The team's name.")


class User(Resource):
    """A person with an account in Deelwijs."""

    __schema__ = URN(USER_SCHEMA)

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = Field(
        None,
        description=(
            "The sign-in name. When it is an e-mail address (Entra ID's userPrincipalName) it is the account's "
            "address; otherwise the primary or work address of emails is."
        ),
    )
    name: Name | None = None
    display_name: str | None = Field(None, description="Used as the first name when name.givenName is missing.")
    active: bool | None = Field(
        None,
        description=(
            "false closes the account as an administrator's button does (sign-in refused, sessions ended, links "
            "revoked); true reopens it. Required: Deelwijs reads a missing value as true on creation."
        ),
    )
    emails: list[Email] | None = Field(
        None,
        description="Required unless userName is an e-mail address: every account in Deelwijs has an address.",
    )
    groups: Annotated[list[GroupMembership] | None, Mutability.read_only] = Field(
        None, description="The teams the person is in through the identity provider's groups."
    )


class Member(ComplexAttribute):
    value: Annotated[str | None, Mutability.immutable, CaseExact.true] = Field(None, description="A User's id.")
    ref: Annotated[Reference["User"] | None, Mutability.immutable] = Field(
        None, serialization_alias="$ref", validation_alias="$ref", description="The User's address."
    )


class Group(Resource):
    """A team in Deelwijs. Its members are people (Users) of the same organisation."""

    __schema__ = URN(GROUP_SCHEMA)

    display_name: Annotated[str | None, Required.true] = Field(None, description="The team's name.")
    members: list[Member] | None = Field(None, description="The people in the team, as Users.")


MODELS = {"User": User, "Group": Group}
ENDPOINTS = {"User": "/Users", "Group": "/Groups"}


def schemas():
    """The schemas /Schemas publishes: our User and Group, and the three of discovery itself (RFC 7643 §7)."""
    user = User.to_schema()
    user.description = User.__doc__
    # Required as announced, though read leniently (see the attribute descriptions): Deelwijs needs an
    # account's active state and address, and an identity provider that sends neither still gets an account.
    for attribute in user.attributes:
        if attribute.name in ("active", "emails"):
            attribute.required = Required.true
    group = Group.to_schema()
    group.description = Group.__doc__
    return [user, group, ServiceProviderConfig.to_schema(), ResourceType.to_schema(), Schema.to_schema()]


def resource_types():
    return [
        ResourceType(
            id=name,
            name=name,
            description=MODELS[name].__doc__,
            endpoint=Reference[URI](ENDPOINTS[name]),
            schema_=Reference[URI](str(MODELS[name].__schema__)),
        )
        for name in MODELS
    ]


def service_provider_config():
    return ServiceProviderConfig(
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=True),
        etag=ETag(supported=False),
        pagination=Pagination(cursor=False, index=True, default_page_size=DEFAULT_COUNT, max_page_size=MAX_RESULTS),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Bearer token",
                description=(
                    "A provisioning key an administrator makes in Deelwijs (Instellingen → Provisioning), sent as "
                    "Authorization: Bearer <key>."
                ),
                primary=True,
            )
        ],
    )
