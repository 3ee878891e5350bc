"""The roles a person can hold. A leaf module: it imports nothing from the apps, so any module may use it."""

from django.utils.translation import gettext_lazy as _

EMPLOYEE = "employee"
VOLUNTEER = "volunteer"
CLIENT = "client"
AMBASSADOR = "ambassador"
COMMUNICATIONS = "communications"
WEBCARE = "webcare"
MANAGER = "manager"
ADMINISTRATOR = "administrator"
ROLES = [
    (EMPLOYEE, _("Employee")),
    (VOLUNTEER, _("Volunteer")),
    (CLIENT, _("Client")),
    (AMBASSADOR, _("Ambassador")),
    (COMMUNICATIONS, _("Communications")),
    (WEBCARE, _("Webcare")),
    (MANAGER, _("Manager")),
    (ADMINISTRATOR, _("Administrator")),
]
ROLE_LABELS = dict(ROLES)
# Roles that read sensitive data (people, the confidential register, webcare screenshots) or change what others
# see: when the organisation requires it, they sign in with a second factor.
TWO_FACTOR_ROLES = frozenset({ADMINISTRATOR, COMMUNICATIONS, WEBCARE, MANAGER})
# Clients and volunteers see only what is meant for them; everyone else is staff.
STAFF_ROLES = frozenset({EMPLOYEE, AMBASSADOR, COMMUNICATIONS, WEBCARE, MANAGER, ADMINISTRATOR})

# Who a text addresses: staff are told about "your work" and "colleagues"; a volunteer and a client are
# addressed as who they are (training, the share editor's advice).
STAFF, VOLUNTEERS, CLIENTS = "staff", "volunteer", "client"
AUDIENCES = [(STAFF, _("Staff")), (VOLUNTEERS, _("Volunteers")), (CLIENTS, _("Clients"))]


def audience_of(roles):
    """Staff if any role is a staff role (or none is given), else volunteer, else client."""
    roles = set(roles)
    if roles & STAFF_ROLES or not roles:
        return STAFF
    return VOLUNTEERS if VOLUNTEER in roles else CLIENTS
