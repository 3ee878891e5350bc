from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from deelwijs.orgs.permissions import NoRole

from .domain import home_blocks


@login_required
def home(request):
    if request.user.organisation_id is None:
        # Operators have no organisation: their home is the admin site.
        return redirect("admin:index")
    if not request.user.roles:
        raise NoRole
    return render(request, "home/home.html", {"blocks": home_blocks(request.user)})
