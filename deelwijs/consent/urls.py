from django.urls import path

from . import views

urlpatterns = [
    path("", views.record_list, name="consent_list"),
    path("nieuw/", views.record_new, name="consent_new"),
    path("<int:pk>/", views.record_detail, name="consent_detail"),
    path("<int:pk>/bewerken/", views.record_edit, name="consent_edit"),
    path("<int:pk>/intrekken/", views.record_withdraw, name="consent_withdraw"),
    path("<int:pk>/formulier/", views.record_form_file, name="consent_form_file"),
    path("beeindigd/<int:pk>/", views.ending_detail, name="consent_ending"),
    path("fotos/", views.photo_list, name="consent_photos"),
    path("fotos/<int:pk>/", views.photo_detail, name="consent_photo"),
    path("fotos/<int:pk>/<str:size>/", views.photo_file, name="consent_photo_file"),
]
