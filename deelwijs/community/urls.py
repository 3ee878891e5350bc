from django.urls import path

from . import views

urlpatterns = [
    path("", views.hub, name="community"),
    path("wat-speelt-er/", views.talk, name="community_talk"),
    path("vragen/", views.questions, name="questions"),
    path("vragen/nieuw/", views.question_new, name="question_new"),
    path("vragen/<int:pk>/", views.question, name="question"),
    path("vragen/<int:pk>/antwoord/<int:answer_pk>/naar-toolkit/", views.answer_promote, name="answer_promote"),
    path("toolkitvragen/<int:pk>/", views.promoted_answer_edit, name="promoted_answer_edit"),
    path("toolkitvragen/<int:pk>/verwijderen/", views.promoted_answer_delete, name="promoted_answer_delete"),
    path("buddys/", views.buddies, name="buddies"),
    path("buddys/<int:pk>/stoppen/", views.buddy_end, name="buddy_end"),
    path("online/", views.online, name="online"),
    path("online/stoppen/", views.online_withdraw, name="online_withdraw"),
    path("online/beheer/", views.people_page_manage, name="people_page_manage"),
    path("ambassadeur-worden/", views.join, name="join"),
    path("aanmeldingen/", views.join_requests, name="join_requests"),
    path("aanmeldingen/<int:pk>/", views.join_request, name="join_request"),
    path("hulp/", views.help_requests, name="help_requests"),
    path("hulp/nieuw/", views.help_new, name="help_new"),
    path("hulp/<int:pk>/", views.help_request, name="help_request"),
]

# The public page of the organisation's people online, by its slug: no sign-in.
public_urlpatterns = [
    path("<slug:slug>/", views.people_online, name="people_online"),
    path("<slug:slug>/inbedden/", views.people_online_embed, name="people_online_embed"),
    path("<slug:slug>/mensen.json", views.people_online_json, name="people_online_json"),
    path("<slug:slug>/mensen.html", views.people_online_snippet, name="people_online_snippet"),
    path("<slug:slug>/volgen/<str:name>", views.people_online_export, name="people_online_export"),
]
