"""Business rules for organisations and people. Each function lists its whole effect."""

from django.db import transaction

from .models import ROLE_LABELS, AuditEntry, RoleAssignment


def log(organisation, actor, action, summary):
    AuditEntry.objects.create(organisation=organisation, actor=actor, action=action, summary=summary[:500])


@transaction.atomic
def set_roles(actor, person, roles):
    """Give person exactly these roles; record the change in the audit log. Returns True if anything changed."""
    old, new = set(person.roles), set(roles)
    if old == new:
        return False
    person.role_assignments.exclude(role__in=new).delete()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=person, role=r) for r in new - old])
    person.__dict__.pop("_roles", None)
    added = ", ".join(str(ROLE_LABELS[r]) for r in sorted(new - old))
    removed = ", ".join(str(ROLE_LABELS[r]) for r in sorted(old - new))
    log(person.organisation, actor, "roles", f"{person.full_name}: +[{added}] -[{removed}]")
    return True


@transaction.atomic
def update_settings(actor, organisation, changed_fields):
    """Save the organisation's settings and record which fields changed."""
    if not changed_fields:
        return
    organisation.save(update_fields=changed_fields)
    log(organisation, actor, "settings", ", ".join(sorted(changed_fields)))
