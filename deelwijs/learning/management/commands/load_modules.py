from django.core.management.base import BaseCommand, CommandError

from deelwijs.learning.content import install_modules
from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import organisation_scope


class Command(BaseCommand):
    help = "Give an organisation the starting set of training modules (it can edit them afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's code (slug)")

    def handle(self, organisation, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"no organisation with code {organisation!r}")
        with organisation_scope(org):
            added = install_modules(org)
        self.stdout.write(f"{added} modules added to {org.name}")
