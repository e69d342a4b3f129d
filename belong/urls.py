from django.contrib import admin
from django.urls import include, path

from belong.accounts import second_factor
from belong.accounts.views import SignupView
from belong.api.main import api
from belong.pages import installable
from belong.pages import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("om/", core_views.about, name="about"),
    path("tilgaengelighed/", core_views.accessibility, name="accessibility"),
    path("healthz", core_views.healthz, name="healthz"),
    path("manifest.webmanifest", installable.manifest, name="manifest"),
    path("sw.js", installable.service_worker, name="service_worker"),
    path("offline/", installable.offline, name="offline"),
    path("", include("belong.operations.urls")),
    path("hjaelp/raad/<slug:slug>/", core_views.help_page, name="help_page"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/signup/", SignupView.as_view(), name="account_signup"),
    # Before allauth's own: on to the staff page after setting up the authenticator.
    path(
        "accounts/2fa/totp/activate/",
        second_factor.activate_authenticator,
        name="mfa_activate_totp",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("belong.accounts.urls")),
    path("", include("belong.assisted.urls")),
    path("", include("belong.posts.urls")),
    path("", include("belong.messaging.urls")),
    path("", include("belong.matching.urls")),
    path("", include("belong.municipalities.urls")),
    path("", include("belong.support.urls")),
    path("", include("belong.moderation.urls")),
    path("", include("belong.organisations.urls")),
    path("", include("belong.activities.urls")),
    path("", include("belong.privacy.urls")),
    path("", include("belong.outcomes.urls")),
    path("", include("belong.statistics.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# allauth answers a passed rate limit (sign-up, login, login codes) with this view.
handler429 = "belong.pages.views.rate_limited"
# The database away answers a polite 503 "try again", not a 500.
handler500 = "belong.pages.views.server_error"
