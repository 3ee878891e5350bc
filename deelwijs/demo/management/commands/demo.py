from django.core.management.base import BaseCommand

from deelwijs.demo.build import DEMO_PASSWORD, create_demo


class Command(BaseCommand):
    help = "Create (or keep) the demo organisation Zorggroep Lindehof and print its logins."

    def handle(self, *args, **options):
        org, logins = create_demo()
        self.stdout.write(f"Demo organisation: {org.name}")
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}")
        for email, roles in logins:
            self.stdout.write(f"  {email:34} {roles}")
