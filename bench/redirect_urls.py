from django.http import HttpResponse
from django.urls import path

from deelwijs.config.urls import urlpatterns as app_patterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *app_patterns]
