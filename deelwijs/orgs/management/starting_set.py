"""The base of the commands that give one organisation a starting set (training modules, the toolkit)."""

from django.core.management.base import BaseCommand, CommandError

from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import organisation_scope


class StartingSetCommand(BaseCommand):
    """Subclasses set ``help``, ``what`` (the kind of things added, for the output) and ``install(org)``, which
    returns how many were added."""

    what = ""

    def install(self, org):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's code (slug)")

    def handle(self, organisation, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"no organisation with code {organisation!r}")
        with organisation_scope(org):
            added = self.install(org)
        self.stdout.write(f"{added} {self.what} added to {org.name}")
