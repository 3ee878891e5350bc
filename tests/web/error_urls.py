"""The site's URLs and error handlers, plus views that fail on purpose for the error page tests."""

from django.urls import path

from deelwijs.config import urls as site
from deelwijs.orgs.permissions import RoleRequired, can_manage_content


def broken(request):
    raise RuntimeError("database password is hunter2")  # a detail the 500 page must never show


def needs_communications(request):
    raise RoleRequired(can_manage_content)


urlpatterns = [path("kapot/", broken), path("alleen-communicatie/", needs_communications), *site.urlpatterns]
handler403, handler404, handler500 = site.handler403, site.handler404, site.handler500
