from django.urls import path

from . import views

urlpatterns = [
    path("voorkeuren/telefoon/", views.push_settings, name="push_settings"),
    path("voorkeuren/telefoon/aanzetten/", views.subscribe, name="push_subscribe"),
    path("voorkeuren/telefoon/proefmelding/", views.test_push, name="push_test"),
    path("voorkeuren/telefoon/apparaten/<int:pk>/verwijderen/", views.device_remove, name="push_device_remove"),
    # At the root: a service worker controls only the pages under its own address.
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    path("offline/", views.offline, name="offline"),
]
