from django.core.management.base import BaseCommand

from deelwijs.sharing.clicks import forget_old_salts


class Command(BaseCommand):
    help = "Delete the click-counting salts of past days, so their visitor hashes can never be linked (run daily)."

    def handle(self, *args, **options):
        forget_old_salts()
