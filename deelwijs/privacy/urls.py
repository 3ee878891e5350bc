from django.urls import path

from . import views

urlpatterns = [
    path("mijn-gegevens/", views.my_data, name="my_data"),
    path("mijn-gegevens/export/", views.export_mine, name="export_mine"),
    path("export/<uuid:key>/", views.export_download, name="export_download"),
    path("mensen/<int:pk>/", views.person_privacy, name="person_privacy"),
    path("mensen/<int:pk>/export/", views.person_export, name="person_export"),
    path("mensen/<int:pk>/wissen/", views.person_erase, name="person_erase"),
    path("wissingen/", views.erasures, name="erasures"),
    path("wissingen/<int:pk>/", views.erasure_report, name="erasure_report"),
    path("verwerkingsregister/", views.processing_register, name="processing_register"),
]
