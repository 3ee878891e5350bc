from django.core.management.base import BaseCommand, CommandError

from deelwijs.common.encryption import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored secret (the SSO client secrets) with the first key of DEELWIJS_ENCRYPTION_KEYS; "
        "afterwards the older keys can be removed."
    )

    def handle(self, *args, **options):
        refused = rotate_all()
        if refused:
            rows = ", ".join(f"{table} {row_id}" for table, row_id in refused)
            raise CommandError(
                f"No key in DEELWIJS_ENCRYPTION_KEYS opens {rows}: put the old key back (after the new one) and run "
                "this again, or enter those secrets again. The others are re-encrypted."
            )
        self.stdout.write("Every stored secret is encrypted with the first key; older keys may be removed now.")
