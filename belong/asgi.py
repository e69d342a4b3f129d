"""ASGI entry point: HTTP goes to Django, WebSockets to the live-delivery consumers."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
# Django must be set up before the consumers (and their models) are imported.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from belong.messaging.routing import websocket_urlpatterns  # noqa: E402


def build_application(http_app=None):
    """The whole application; tests build a fresh one after changing settings."""
    return ProtocolTypeRouter(
        {
            "http": http_app or get_asgi_application(),
            "websocket": AllowedHostsOriginValidator(
                AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
            ),
        }
    )


application = build_application(django_asgi_app)
