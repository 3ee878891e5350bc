from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    # Closing and erasing go through the organisation's own pages (People -> Close account, Privacy -> Erase):
    # only those end the sessions, revoke the feeds and replace the name everywhere it was written.
    readonly_fields = ["is_active", "closed_at"]

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register([Location, Team])


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The record of who changed what: operators read it, nobody writes or removes it here."""

    list_display = ["created", "organisation", "actor", "action", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# In place of django-otp's own admin, which shows the secret key and a QR code of it.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """Who has set up an authenticator app; deleting a device (a lost phone) lets that person set it up again."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__email"]
    fields = readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
