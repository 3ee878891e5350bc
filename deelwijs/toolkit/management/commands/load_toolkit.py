from deelwijs.orgs.management.starting_set import StartingSetCommand
from deelwijs.toolkit.content import install_toolkit


class Command(StartingSetCommand):
    help = "Give an organisation the starting set of the toolkit (it can edit it afterwards)."
    what = "pages, guides and formats"

    def install(self, org):
        return install_toolkit(org)
