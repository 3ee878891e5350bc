"""Provisioning's addresses: the SCIM endpoint per organisation (api.py) and the administrator's page (views.py).

The SCIM paths follow RFC 7644 (/Users, /Groups, ...), with or without a slash at the end, as identity
providers send either.
"""

from django.urls import path, re_path

from . import api, views

SCIM = r"^scim/v2/(?P<slug>[-\w]+)/"

scim_urlpatterns = [
    re_path(SCIM + r"ServiceProviderConfigs?/?$", api.service_provider_config, name="scim_service_provider_config"),
    re_path(SCIM + r"ResourceTypes/?$", api.resource_types, name="scim_resource_types"),
    re_path(SCIM + r"ResourceTypes/(?P<key>[^/]+)/?$", api.resource_types, name="scim_resource_type"),
    re_path(SCIM + r"Schemas/?$", api.schemas, name="scim_schemas"),
    re_path(SCIM + r"Schemas/(?P<key>[^/]+)/?$", api.schemas, name="scim_schema"),
    re_path(SCIM + r"Users/?$", api.users, name="scim_users"),
    re_path(SCIM + r"Users/\.search/?$", api.users_search, name="scim_users_search"),
    re_path(SCIM + r"Users/(?P<scim_id>[^/]+)/?$", api.user, name="scim_user"),
    re_path(SCIM + r"Groups/?$", api.groups, name="scim_groups"),
    re_path(SCIM + r"Groups/\.search/?$", api.groups_search, name="scim_groups_search"),
    re_path(SCIM + r"Groups/(?P<scim_id>[^/]+)/?$", api.group, name="scim_group"),
    re_path(SCIM + r"\.search/?$", api.search, name="scim_search"),
    re_path(SCIM + r"Bulk/?$", api.bulk, name="scim_bulk"),
    re_path(SCIM + r"(?P<rest>.*)$", api.unknown, name="scim_unknown"),
]

urlpatterns = [
    path("", views.provisioning, name="provisioning"),
    path("sleutels/<int:pk>/intrekken/", views.token_revoke, name="provisioning_token_revoke"),
    path("groepen/<int:pk>/", views.group_role, name="provisioning_group"),
]
