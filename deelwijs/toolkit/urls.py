from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="toolkit"),
    path("pagina/<int:pk>/", views.page_view, name="toolkit_page"),
    path("pagina/<int:pk>/bestand/<int:file_pk>/", views.attachment, name="toolkit_attachment"),
    path("woordkeuze/", views.tone, name="toolkit_tone"),
    path("beeldbank/", views.library, name="toolkit_library"),
    path("beeldbank/<int:pk>/<str:size>/", views.library_image, name="toolkit_library_image"),
    path("profiel/", views.profile_kit, name="toolkit_profile"),
    path("profiel/checklist/", views.checklist, name="toolkit_checklist"),
    path("profiel/banner/<int:pk>/<str:size>/", views.banner_image, name="toolkit_banner"),
    path("formats/", views.formats, name="toolkit_formats"),
    path("formats/<int:pk>/", views.format_use, name="toolkit_format"),
    path("beheer/", views.manage, name="toolkit_manage"),
    path("beheer/startset/", views.install, name="toolkit_install"),
    path("beheer/pagina/nieuw/", views.page_edit, name="toolkit_page_new"),
    path("beheer/pagina/<int:pk>/", views.page_edit, name="toolkit_page_edit"),
    path("beheer/pagina/<int:pk>/gecontroleerd/", views.page_checked, name="toolkit_page_checked"),
    path(
        "beheer/pagina/<int:pk>/bestand/<int:file_pk>/verwijderen/",
        views.attachment_delete,
        name="toolkit_attachment_delete",
    ),
    path("beheer/beeldbank/nieuw/", views.library_edit, name="toolkit_library_new"),
    path("beheer/beeldbank/<int:pk>/", views.library_edit, name="toolkit_library_edit"),
    path("beheer/banners/nieuw/", views.banner_edit, name="toolkit_banner_new"),
    path("beheer/banners/<int:pk>/", views.banner_edit, name="toolkit_banner_edit"),
    path("beheer/formats/nieuw/", views.format_edit, name="toolkit_format_new"),
    path("beheer/formats/<int:pk>/", views.format_edit, name="toolkit_format_edit"),
    path("beheer/<str:kind>/<int:pk>/verwijderen/", views.delete, name="toolkit_delete"),
    path("beheer/<str:kind>/<int:pk>/<str:direction>/", views.move, name="toolkit_move"),
]
