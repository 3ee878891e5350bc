"""python -m tests.oidc_provider.serve PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI EMAIL PASSWORD"""

import os
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main():
    port, client_id, client_secret, redirect_uri, email, password = sys.argv[1:7]
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    User.objects.create_user(username=email, email=email, password=password, first_name="Sso")
    Application.objects.create(
        name="Deelwijs",
        client_id=client_id,
        client_secret=client_secret,
        redirect_uris=redirect_uri,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", int(port), get_wsgi_application(), handler_class=QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
