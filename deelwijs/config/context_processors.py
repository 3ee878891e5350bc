from deelwijs.orgs.permissions import is_member, template_rules

from . import menu


def organisation(request):
    """The signed-in person's organisation, every ``can_*`` rule for them, and the main menu with its counts."""
    user = getattr(request, "user", None)
    if not is_member(user):
        return {}
    unread = user.notifications.filter(read=False).count()
    context = {
        "organisation": user.organisation,
        # Without a role the menu is left out: there is nothing behind it (permissions.NoRole).
        "has_role": bool(user.roles),
        **template_rules(user),
        "unread_notifications": unread,
    }
    if user.roles:
        match = getattr(request, "resolver_match", None)
        context["menu"] = menu.build(user, request.path, match.url_name if match else None, unread)
    return context
