from django.urls import path

from . import views

urlpatterns = [
    path("", views.channel_list, name="chat_channels"),
    path("nieuw/", views.channel_edit, name="chat_channel_new"),
    path("<int:pk>/", views.channel_detail, name="chat_channel"),
    path("<int:pk>/wijzigen/", views.channel_edit, name="chat_channel_edit"),
    path("<int:pk>/proefbericht/", views.channel_test, name="chat_channel_test"),
    path("<int:pk>/verwijderen/", views.channel_delete, name="chat_channel_delete"),
]
