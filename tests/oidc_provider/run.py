"""Start the test provider: `python -m tests.oidc_provider.run PORT`, with OIDC_PROVIDER_DB,
OIDC_TEST_BIRTHDATES, OIDC_TEST_CLIENT (id:secret) and OIDC_TEST_REDIRECT_URIS (one a line)
in the environment. Makes its database, signing key, client and people, then serves."""

import os
import sys


def main(port: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    client_id, secret = os.environ["OIDC_TEST_CLIENT"].split(":", 1)
    client = Client.objects.create(
        name="Belong",
        client_id=client_id,
        client_secret=secret,
        client_type="confidential",
        redirect_uris=os.environ["OIDC_TEST_REDIRECT_URIS"].split(),
        require_consent=False,
        _scope="openid email profile",
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    for username in settings.OIDC_TEST_BIRTHDATES:
        User.objects.create_user(
            username=username,
            password="mitid-test",  # noqa: S106
            email=f"{username}@example.dk",
            first_name=username.capitalize(),
        )
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    main(sys.argv[1])
