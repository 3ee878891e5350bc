"""What the walk through every screen as each role found (issue 18), each kept fixed by a test."""

import pytest
from django.urls import reverse

from deelwijs.accounts import domain as accounts
from deelwijs.accounts.models import CorporateAccount
from deelwijs.orgs.tenancy import organisation_scope


@pytest.fixture
def lonely_account(org, people):
    account = CorporateAccount.objects.create(organisation=org, platform="facebook", handle="dagbesteding")
    account.owners.add(people["communications"])
    return account


@pytest.mark.parametrize("role", ["client", "volunteer", "employee"])
def test_the_owners_warning_is_only_for_who_can_add_an_owner(client, people, lonely_account, role):
    # They cannot choose a second owner, and clients and volunteers do not even see the owners: the warning at the
    # top says nothing to them.
    client.force_login(people[role])
    html = client.get(reverse("account_list")).content.decode()
    assert "dagbesteding" in html and "Een account mag nooit met één persoon vertrekken" not in html


@pytest.mark.parametrize("role", ["communications", "administrator"])
def test_who_keeps_the_accounts_is_warned_about_too_few_owners(client, people, lonely_account, role):
    client.force_login(people[role])
    assert "Een account mag nooit met één persoon vertrekken" in client.get(reverse("account_list")).content.decode()


def test_an_account_cannot_be_given_to_the_client_role(client, people):
    client.force_login(people["communications"])
    form = client.get(reverse("account_new")).context["form"]
    assert "client" not in dict(form.fields["allowed_roles"].choices)
    response = client.post(
        reverse("account_new"),
        {"platform": "x", "handle": "lindehof", "owners": [people["communications"].pk], "allowed_roles": ["client"]},
    )
    assert response.status_code == 200 and not CorporateAccount.objects.exists()
    assert "allowed_roles" in response.context["form"].errors


def test_the_demo_accounts_keep_the_rules_of_the_account_form(db):
    # A volunteer as owner, which the form never offers, was dropped the first time someone saved the account.
    from deelwijs.demo.build import create_demo

    org, _logins = create_demo()
    with organisation_scope(org):
        owners, users = set(accounts.choosable_owners(org)), set(accounts.choosable_users(org))
        for account in CorporateAccount.objects.prefetch_related("owners", "allowed_people"):
            assert set(account.owners.all()) <= owners, account
            assert set(account.allowed_people.all()) <= users, account
