from django.urls import path

from . import views

urlpatterns = [
    path("", views.account_list, name="account_list"),
    path("nieuw/", views.account_edit, name="account_new"),
    path("<int:pk>/", views.account_edit, name="account_edit"),
    path("toegang/", views.access_matrix, name="access_matrix"),
    path("aanvragen/", views.page_requests, name="page_requests"),
    path("aanvragen/nieuw/", views.page_request_new, name="page_request_new"),
    path("aanvragen/<int:pk>/", views.page_request_detail, name="page_request_detail"),
    path("aanvragen/<int:pk>/<str:step>/", views.page_request_step, name="page_request_step"),
    path("gids/", views.directory, name="directory"),
    path("gids/mijn-accounts/", views.my_handles, name="my_handles"),
    path("gids/mijn-accounts/<int:pk>/verwijderen/", views.handle_delete, name="handle_delete"),
    path("gids/mijn-accounts/<int:pk>/zichtbaarheid/", views.handle_visibility, name="handle_visibility"),
    path("gids/mijn-team/", views.follow_team, name="follow_team"),
]
