"""SCIM 2.0 conformance: scim2-tester's checks against the endpoint, served on 127.0.0.1 (pytest-django's
live_server), over HTTP with a provisioning key. Any result but a success fails the test.

scim2-client's own transport is httpx2, which is not installed; the client below is its httpx2 engine on
httpx, whose API it follows.
"""

import httpx
import pytest
from scim2_client import BaseSyncSCIMClient
from scim2_client.errors import RequestNetworkException
from scim2_tester import Status, check_server

from deelwijs.orgs.models import AuditEntry, User
from deelwijs.provisioning import domain
from deelwijs.provisioning.models import ProvisionedPerson, ProvisionedTeam
from tests.database import in_the_sqlite_run_only


class HttpxSCIMClient(BaseSyncSCIMClient):
    """scim2-client's SyncSCIMClient over an httpx.Client whose base_url is the SCIM endpoint."""

    def __init__(self, client, **kwargs):
        super().__init__(**kwargs)
        self.client = client

    def _stays_under_base_url(self, endpoint):
        base_url = self.client.base_url
        try:
            url = self.client.build_request("GET", endpoint).url
        except httpx.InvalidURL:
            return False
        return (
            url.scheme == base_url.scheme
            and url.netloc == base_url.netloc
            and url.raw_path.startswith(base_url.raw_path)
        )

    def _parse_json(self, response):
        return response.json()

    def request(self, method, url, **kwargs):
        try:
            return self.client.request(method, url, **kwargs)
        except httpx.RequestError as e:
            raise RequestNetworkException() from e


def describe(result):
    return f"{result.status.name} {result.resource_type or ''} {result.title}: {result.reason}"


@pytest.mark.django_db(transaction=True)
@in_the_sqlite_run_only
def test_scim2_tester_finds_nothing_but_successes(live_server, org, people):
    _token, key = domain.create_token(people["administrator"], "Conformance")
    # 127.0.0.1, not localhost: no lookup, and no try on ::1 first for every connection.
    base_url = f"{live_server.url}/scim/v2/{org.slug}/".replace("//localhost:", "//127.0.0.1:")
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as http:
        results = check_server(HttpxSCIMClient(http))
    print(f"scim2-tester ran {len(results)} checks:")
    for result in results:
        print(" ", describe(result))
    failures = [describe(r) for r in results if r.status != Status.SUCCESS]
    assert not failures, "\n".join(failures)
    assert len(results) > 50
    # It did real work: people and teams were made, changed and removed, each step in the audit log.
    assert ProvisionedPerson.objects.filter(organisation=org).count() > 10
    assert ProvisionedTeam.objects.filter(organisation=org).exists() or AuditEntry.objects.filter(
        action="scim_group", details__event="deprovisioned"
    )
    assert AuditEntry.objects.filter(action="scim_person", details__token="Conformance").count() > 10
    # The personas were never touched.
    assert User.objects.filter(organisation=org, provisioned__isnull=True).count() == len(people)
