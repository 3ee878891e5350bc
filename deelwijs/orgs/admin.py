from django.contrib import admin

from .models import AuditEntry, Location, Organisation, Team, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "require_two_factor"]
    exclude = ["oidc_client_secret"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    exclude = ["password", "user_permissions", "groups"]


admin.site.register([Location, Team])


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created", "organisation", "actor", "action", "summary"]

    def has_change_permission(self, request, obj=None):
        return False
