from django.core.management.base import BaseCommand, CommandError

from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.toolkit.content import install_toolkit


class Command(BaseCommand):
    help = "Give an organisation the starting set of the toolkit (it can edit it afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's code (slug)")

    def handle(self, organisation, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"no organisation with code {organisation!r}")
        with organisation_scope(org):
            added = install_toolkit(org)
        self.stdout.write(f"{added} pages, guides and formats added to {org.name}")
