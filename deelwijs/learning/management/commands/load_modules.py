from deelwijs.learning.content import install_modules
from deelwijs.orgs.management.starting_set import StartingSetCommand


class Command(StartingSetCommand):
    help = "Give an organisation the starting set of training modules (it can edit them afterwards)."
    what = "modules"

    def install(self, org):
        return install_modules(org)
