from deelwijs.accounts.models import accounts_short_of_owners
from deelwijs.orgs.permissions import can_manage_accounts, is_member, template_rules


def organisation(request):
    """The signed-in person's organisation, every ``can_*`` rule for them, and what needs their attention."""
    user = getattr(request, "user", None)
    if not is_member(user):
        return {}
    context = {
        "organisation": user.organisation,
        # Without a role the menu is left out: there is nothing behind it (permissions.NoRole).
        "has_role": bool(user.roles),
        **template_rules(user),
        "unread_notifications": user.notifications.filter(read=False).count(),
    }
    if can_manage_accounts(user):
        # Shown on every page to those who can fix it: an account must never leave with one person.
        context["accounts_short_of_owners"] = accounts_short_of_owners(user.organisation)
    return context
