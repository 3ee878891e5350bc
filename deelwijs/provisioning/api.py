"""The SCIM 2.0 endpoint of an organisation (RFC 7644) at /scim/v2/<organisation code>/.

An identity provider has no session: every request carries a provisioning key as its bearer token. The key
decides the organisation and must belong to the one in the address; a missing, unknown, revoked or other
organisation's key all get the same 401, so nobody learns which organisations exist. The request then runs
in that organisation's scope, under the policy of resources.POLICY, and a request that writes runs in one
transaction: a refusal (a SCIM error) leaves nothing half done.

The protocol is scim2-models': it reads and checks payloads, applies PATCH operations and replacements to a
resource, and writes responses and errors; filters become queries with scim2-filter-parser (filters.py).
What a resource means for accounts and teams is domain.py's.
"""

import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.http.request import RawPostDataException
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError
from scim2_models import (
    Context,
    Error,
    InvalidSyntaxException,
    ListResponse,
    Meta,
    NotFoundException,
    NotImplementedException,
    PatchOp,
    PayloadTooLargeException,
    SCIMException,
    SearchRequest,
)

from deelwijs.orgs.tenancy import organisation_scope

from . import domain, filters, resources
from .models import ProvisionedPerson, ProvisionedTeam

CONTENT_TYPE = "application/scim+json"
READS = ("GET",)


def _json(payload, status=200, location=None):
    response = HttpResponse(json.dumps(payload), status=status, content_type=CONTENT_TYPE)
    if location:
        response["Location"] = location
    response["Cache-Control"] = "no-store"
    return response


def _error(error):
    """A SCIM Error (RFC 7644 §3.12) as the response."""
    return _json(error.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE), status=error.status or 400)


def _unauthorized():
    response = _error(Error(status=401, detail=_("A valid provisioning key is needed (Authorization: Bearer).")))
    response["WWW-Authenticate"] = 'Bearer realm="Deelwijs SCIM"'
    return response


def _bearer(request):
    scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


def endpoint(*methods):
    """A SCIM view: the key checked, the method allowed, the organisation's scope, errors as SCIM errors.

    The view is called as view(request, token, **kwargs); a write runs in a transaction.
    """

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def wrapped(request, slug, **kwargs):
            token = domain.find_token(_bearer(request), slug)
            if token is None:
                return _unauthorized()
            if request.method not in methods:
                response = _error(
                    Error(
                        status=405, detail=_("This address does not take %(method)s.") % {"method": request.method[:10]}
                    )
                )
                response["Allow"] = ", ".join(methods)
                return response
            with organisation_scope(token.organisation_id), resources.POLICY:
                try:
                    if request.method in READS:
                        response = view(request, token, **kwargs)
                    else:
                        with transaction.atomic():
                            response = view(request, token, **kwargs)
                except IntegrityError:
                    # Two requests at once for the same person or team (identity providers send in parallel):
                    # the database's unique constraints let one through; the other may try again.
                    response = _error(Error(status=409, scim_type="uniqueness", detail=_("Changed at the same time.")))
                except SCIMException as e:
                    response = _error(e.to_error())
                except ValidationError as e:
                    response = _error(Error.from_validation_errors(e)[0])
                domain.mark_used(token)
            return response

        return wrapped

    return decorator


def _body(request):
    """The request's JSON object; invalidSyntax when it is none, 413 when it is too large."""
    try:
        payload = json.loads(request.body or b"{}")
    except RequestDataTooBig as e:
        raise PayloadTooLargeException() from e
    except (ValueError, RecursionError, RawPostDataException) as e:
        # RecursionError: JSON nested deeper than Python's decoder goes ("[[[[...").
        raise InvalidSyntaxException(detail=_("The body is not JSON.")) from e
    if not isinstance(payload, dict):
        raise InvalidSyntaxException(detail=_("The body is not a JSON object."))
    return payload


def _url(request, name, **kwargs):
    return request.build_absolute_uri(reverse(name, kwargs={"slug": request.resolver_match.kwargs["slug"], **kwargs}))


def _search(request, model, body=None):
    """The SearchRequest of a query (GET) or a search (POST .search), checked by scim2-models."""
    if body is None:
        keys = ("filter", "startIndex", "count", "attributes", "excludedAttributes", "sortBy", "sortOrder")
        body = {key: request.GET[key] for key in keys if key in request.GET}
    return SearchRequest[model].model_validate(body, scim_ctx=Context.SEARCH_REQUEST)


def _parameters(request, model):
    """attributes and excludedAttributes of a request that answers with one resource."""
    keys = ("attributes", "excludedAttributes")
    return SearchRequest[model].model_validate(
        {key: request.GET[key] for key in keys if key in request.GET}, scim_ctx=Context.SEARCH_REQUEST
    )


def _dump(resource, context, parameters=None):
    return resource.model_dump(scim_ctx=context, response_parameters=parameters)


# Users


def _people():
    groups = ProvisionedTeam.objects.select_related("team")
    return (
        ProvisionedPerson.objects.filter(deprovisioned__isnull=True)
        .select_related("person")
        .prefetch_related(Prefetch("groups", queryset=groups))
    )


def _user(request, provisioned):
    """The SCIM User of a provisioned person: what the identity provider sent, the account's state, its groups."""
    given, family = provisioned.given_name, provisioned.family_name
    return resources.User(
        id=provisioned.scim_id,
        external_id=provisioned.external_id or None,
        user_name=provisioned.user_name,
        name=resources.Name(given_name=given or None, family_name=family or None) if given or family else None,
        display_name=provisioned.display_name or None,
        active=provisioned.person.is_active,
        emails=[resources.Email.model_validate(e) for e in provisioned.emails] or None,
        groups=[
            resources.GroupMembership(
                value=group.scim_id, ref=_url(request, "scim_group", scim_id=group.scim_id), display=group.team.name
            )
            for group in provisioned.groups.all()
        ]
        or None,
        meta=Meta(
            resource_type="User",
            created=provisioned.created,
            last_modified=provisioned.modified,
            location=_url(request, "scim_user", scim_id=provisioned.scim_id),
        ),
    )


def _found_person(scim_id):
    provisioned = _people().filter(scim_id=scim_id).first()
    if provisioned is None:
        raise NotFoundException(detail=_("No person has this id."))
    return provisioned


@endpoint("GET", "POST")
def users(request, token):
    if request.method == "POST":
        user = resources.User.model_validate(_body(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST)
        provisioned = _found_person(domain.provision_person(token, user).scim_id)
        resource = _user(request, provisioned)
        body = _dump(resource, Context.RESOURCE_CREATION_RESPONSE, _parameters(request, resources.User))
        return _json(body, status=201, location=resource.meta.location)
    return _list(request, resources.User, _search(request, resources.User))


@endpoint("POST")
def users_search(request, token):
    return _list(request, resources.User, _search(request, resources.User, _body(request)))


@endpoint("GET", "PUT", "PATCH", "DELETE")
def user(request, token, scim_id):
    return _one(
        request, token, scim_id, resources.User, _found_person, _user, domain.update_person, domain.deprovision_person
    )


def _one(request, token, scim_id, model, found, shown, update, deprovision):
    """GET, PUT, PATCH or DELETE of one User or Group: found(scim_id) is the stored one, shown(request, it) its
    SCIM resource, update(token, it, resource) stores a changed resource, deprovision(token, it) ends it."""
    provisioned = found(scim_id)
    if request.method == "DELETE":
        deprovision(token, provisioned)
        return HttpResponse(status=204)
    resource = shown(request, provisioned)
    context = Context.RESOURCE_QUERY_RESPONSE
    if request.method == "PUT":
        replacement = model.model_validate(_body(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST)
        replacement.replace(resource)
        update(token, provisioned, replacement)
        context = Context.RESOURCE_REPLACEMENT_RESPONSE
    elif request.method == "PATCH":
        patch = PatchOp[model].model_validate(_body(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST)
        patch.patch(resource)
        update(token, provisioned, resource)
        context = Context.RESOURCE_PATCH_RESPONSE
    if request.method != "GET":
        resource = shown(request, found(scim_id))
    return _json(_dump(resource, context, _parameters(request, model)))


# Groups


def _teams(with_members=True):
    teams = ProvisionedTeam.objects.select_related("team")
    if with_members:
        people = ProvisionedPerson.objects.filter(deprovisioned__isnull=True)
        teams = teams.prefetch_related(Prefetch("members", queryset=people))
    return teams


def _group(request, provisioned, with_members=True):
    members = None
    if with_members:
        members = [
            resources.Member(value=person.scim_id, ref=_url(request, "scim_user", scim_id=person.scim_id))
            for person in provisioned.members.all()
        ]
    return resources.Group(
        id=provisioned.scim_id,
        external_id=provisioned.external_id or None,
        display_name=provisioned.team.name,
        members=members or None,
        meta=Meta(
            resource_type="Group",
            created=provisioned.created,
            last_modified=provisioned.modified,
            location=_url(request, "scim_group", scim_id=provisioned.scim_id),
        ),
    )


def _found_team(scim_id):
    provisioned = _teams().filter(scim_id=scim_id).first()
    if provisioned is None:
        raise NotFoundException(detail=_("No group has this id."))
    return provisioned


@endpoint("GET", "POST")
def groups(request, token):
    if request.method == "POST":
        group = resources.Group.model_validate(_body(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST)
        resource = _group(request, _found_team(domain.provision_team(token, group).scim_id))
        body = _dump(resource, Context.RESOURCE_CREATION_RESPONSE, _parameters(request, resources.Group))
        return _json(body, status=201, location=resource.meta.location)
    return _list(request, resources.Group, _search(request, resources.Group))


@endpoint("POST")
def groups_search(request, token):
    return _list(request, resources.Group, _search(request, resources.Group, _body(request)))


@endpoint("GET", "PUT", "PATCH", "DELETE")
def group(request, token, scim_id):
    return _one(
        request, token, scim_id, resources.Group, _found_team, _group, domain.update_team, domain.deprovision_team
    )


# Lists and searches


def _excludes(search, attribute):
    return any(str(path).lower() == attribute for path in search.excluded_attributes or [])


def _rows(model, search):
    """The query behind a list of Users or Groups: filtered and ordered as the search asks."""
    if model is resources.User:
        queryset, columns = _people(), filters.USER_COLUMNS
    else:
        queryset, columns = _teams(with_members=not _excludes(search, "members")), filters.GROUP_COLUMNS
    if search.filter is not None:
        queryset = filters.apply(queryset, str(search.filter), columns)
    return filters.order(queryset, str(search.sort_by) if search.sort_by else "", search.sort_order, columns)


def _resource(request, model, row, search):
    if model is resources.User:
        return _user(request, row)
    return _group(request, row, with_members=not _excludes(search, "members"))


def _count(search):
    return min(resources.DEFAULT_COUNT if search.count is None else search.count, resources.MAX_RESULTS)


def _start(search):
    # No list is this long; a larger number overflows the database's OFFSET.
    return min(search.start_index or 1, resources.MAX_START)


def _list(request, model, search):
    start = _start(search)
    total, rows = filters.page(_rows(model, search), start, _count(search))
    found = [_resource(request, model, row, search) for row in rows]
    answer = ListResponse[model](
        total_results=total, start_index=start, items_per_page=len(found), resources=found or None
    )
    return _json(_dump(answer, Context.SEARCH_RESPONSE, search))


@endpoint("POST")
def search(request, token):
    """POST /.search at the root (RFC 7644 §3.4.3): Users and Groups together, Users first. A filter on an
    attribute only one of them has finds only resources of that one."""
    body = _body(request)
    union = resources.User | resources.Group
    wanted = SearchRequest[union].model_validate(body, scim_ctx=Context.SEARCH_REQUEST)
    found, total, start, count = [], 0, _start(wanted), _count(wanted)
    for model in (resources.User, resources.Group):
        try:
            queryset = _rows(model, wanted)
        except SCIMException:
            continue  # an attribute this type does not have: none of its resources match
        skip = max(0, start - 1 - total)
        matched, rows = filters.page(queryset, skip + 1, max(0, count - len(found)))
        total += matched
        found += [_resource(request, model, row, wanted) for row in rows]
    answer = ListResponse[union](
        total_results=total, start_index=start, items_per_page=len(found), resources=found or None
    )
    return _json(_dump(answer, Context.SEARCH_RESPONSE, wanted))


# Discovery (RFC 7644 §4)


def _no_filter(request):
    # "Service providers SHOULD respond with 403 when a filter is given" on the discovery endpoints.
    if "filter" in request.GET:
        return _error(Error(status=403, detail=_("The discovery endpoints cannot be filtered.")))
    return None


def _discovered(request, items, name, kind):
    for item in items:
        item.meta = Meta(resource_type=kind, location=_url(request, name, key=item.id))
    return items


@endpoint("GET")
def service_provider_config(request, token):
    refused = _no_filter(request)
    if refused:
        return refused
    config = resources.service_provider_config()
    config.meta = Meta(resource_type="ServiceProviderConfig", location=_url(request, "scim_service_provider_config"))
    return _json(_dump(config, Context.RESOURCE_QUERY_RESPONSE))


@endpoint("GET")
def resource_types(request, token, key=None):
    found = _discovered(request, resources.resource_types(), "scim_resource_type", "ResourceType")
    return _discovery(request, found, key)


@endpoint("GET")
def schemas(request, token, key=None):
    found = _discovered(request, resources.schemas(), "scim_schema", "Schema")
    return _discovery(request, found, key)


def _discovery(request, items, key):
    refused = _no_filter(request)
    if refused:
        return refused
    if key is not None:
        for item in items:
            if item.id == key:
                return _json(_dump(item, Context.RESOURCE_QUERY_RESPONSE))
        raise NotFoundException(detail=_("There is nothing with this id here."))
    answer = ListResponse[type(items[0])](
        total_results=len(items), start_index=1, items_per_page=len(items), resources=items
    )
    return _json(_dump(answer, Context.RESOURCE_QUERY_RESPONSE))


@endpoint("POST")
def bulk(request, token):
    raise NotImplementedException(detail=_("Deelwijs does not take bulk operations: send them one by one."))


@endpoint("GET", "POST", "PUT", "PATCH", "DELETE")
def unknown(request, token, rest=""):
    """Any other address under the endpoint, for a valid key only (others get 401 first)."""
    raise NotFoundException(detail=_("There is nothing at this address."))
