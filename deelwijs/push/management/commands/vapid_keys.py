from django.core.management.base import BaseCommand

from deelwijs.push.keys import generate_private_key, public_key


class Command(BaseCommand):
    help = (
        "Print a new VAPID key pair for Web Push. Put the private key in DEELWIJS_VAPID_PRIVATE_KEY (or a file named "
        "in DEELWIJS_VAPID_PRIVATE_KEY_FILE); Deelwijs derives the public key itself. A new key pair ends every "
        "existing subscription: people switch notifications on again."
    )

    def handle(self, *args, **options):
        private = generate_private_key()
        self.stdout.write(f"DEELWIJS_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"# public key (derived, for reference): {public_key(private)}")
