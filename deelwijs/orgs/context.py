from .access import MANAGES_ACCOUNTS, MANAGES_PEOPLE, SEES_AUDIT, SEES_JOBS, SEES_TEAMS


def organisation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or user.organisation_id is None:
        return {}
    context = {
        "organisation": user.organisation,
        "can_manage_people": user.has_role(*MANAGES_PEOPLE),
        "can_manage_accounts": user.has_role(*MANAGES_ACCOUNTS),
        "can_see_audit": user.has_role(*SEES_AUDIT),
        "can_see_teams": user.has_role(*SEES_TEAMS),
        "can_see_jobs": user.has_role(*SEES_JOBS),
    }
    from deelwijs.planning.domain import PLANS_EVERYTHING, PLANS_FOR_TEAM, SEES_PLAN

    context["can_see_plan"] = user.has_role(*SEES_PLAN)
    context["can_plan_everything"] = user.has_role(*PLANS_EVERYTHING)
    context["can_plan_for_team"] = user.has_role(*PLANS_EVERYTHING, *PLANS_FOR_TEAM)
    context["can_see_meetings"] = user.has_role(*PLANS_EVERYTHING, "ambassador")
    context["can_see_dashboard"] = user.has_role(*PLANS_EVERYTHING, "manager")
    context["can_handle_inbox"] = user.has_role(*PLANS_EVERYTHING, "webcare")
    context["can_see_register"] = user.has_role(*PLANS_EVERYTHING, "manager")
    context["unread_notifications"] = user.notifications.filter(read=False).count()
    if context["can_manage_accounts"]:
        # Shown on every page to those who can fix it: an account must never leave with one person.
        from deelwijs.accounts.models import accounts_short_of_owners

        context["accounts_short_of_owners"] = accounts_short_of_owners(user.organisation)
    return context
