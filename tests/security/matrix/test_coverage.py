"""The table covers every URL name the resolver knows, so a new view cannot slip past the matrices."""

from django.conf import settings

from tests.security import world
from tests.security.table import ADMIN_NAMESPACE, EXEMPT, TABLE

from .helpers import url_patterns

PATTERNS = list(url_patterns())
NAMES = {name for name, _route, _arguments in PATTERNS if name}


def test_every_url_name_is_in_the_table_or_exempt():
    covered = {row.name for row in TABLE} | set(EXEMPT)
    admin = {name for name in NAMES if name.split(":")[0] == ADMIN_NAMESPACE}
    missing = sorted(NAMES - covered - admin)
    assert not missing, f"add these to TABLE in tests/security/table.py (or to EXEMPT with a reason): {missing}"


def test_the_table_names_only_urls_that_exist():
    assert not ({row.name for row in TABLE} | set(EXEMPT)) - NAMES


def test_every_exemption_says_why():
    assert all(isinstance(reason, str) and len(reason.split()) >= 4 for reason in EXEMPT.values())


def test_every_url_outside_the_admin_site_has_a_name():
    """An unnamed pattern cannot be reversed, so the matrices could not reach it."""
    unnamed = [route for name, route, _a in PATTERNS if not name and not route.startswith(settings.ADMIN_URL_PATH)]
    assert not unnamed


def test_every_kind_in_the_table_can_be_built():
    assert {row.kind for row in TABLE if row.kind} <= set(world.KINDS)


def test_the_walk_finds_nested_and_admin_urls():
    assert {"account_list", "set_language", "admin:index", "admin:orgs_user_changelist"} <= NAMES
