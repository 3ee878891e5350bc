"""People hold several roles, as real people do: together their roles allow the union, nothing more.

The GET and POST matrices ask every view as these people too; here the rules themselves.
"""

import pytest

from deelwijs.orgs import permissions
from deelwijs.orgs.permissions import Rule, template_rules
from tests.security import world

from .conftest import MEMBERS

RULES = {name: rule for name, rule in vars(permissions).items() if isinstance(rule, Rule)}


def test_each_persona_holds_the_roles_it_is_named_after(matrix):
    for persona in MEMBERS:
        assert matrix.people[persona].roles == set(world.roles_of(persona)), persona


@pytest.mark.parametrize("persona", world.MULTI_ROLES)
def test_a_person_with_several_roles_holds_each_rule_one_of_their_roles_holds(matrix, persona):
    person = matrix.people[persona]
    alone = [matrix.people[role] for role in world.MULTI_ROLES[persona]]
    for name, rule in RULES.items():
        assert rule(person) == any(rule(single) for single in alone), name


@pytest.mark.parametrize("persona", world.MULTI_ROLES)
def test_the_templates_offer_a_person_with_several_roles_the_union(matrix, persona):
    person = matrix.people[persona]
    alone = [template_rules(matrix.people[role]) for role in world.MULTI_ROLES[persona]]
    assert template_rules(person) == {name: any(rules[name] for rules in alone) for name in alone[0]}
