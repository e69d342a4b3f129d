"""Belong's one settings module: everything comes from the environment, with safe defaults."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# Where the embedded database and other runtime files live.
DATA_DIR = Path(env.str("BELONG_DATA_DIR", default=str(Path.cwd() / "var"))).resolve()

# A development key that production refuses (see belong.core.checks).
INSECURE_SECRET_KEY = "django-insecure-belong-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default="") or INSECURE_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin behind Belong's login, a second factor and the staff-access log.
    "belong.core.admin_apps.BelongAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    # Before allauth, so that Belong's templates override allauth's.
    "belong.core",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "belong.places",
    "belong.accounts",
    "belong.posts",
    "belong.safety",
    "belong.messaging",
    "belong.matching",
    "belong.municipalities",
    "belong.support",
    "belong.organisations",
    "belong.activities",
    "belong.privacy",
    "belong.statistics",
    "belong.outcomes",
    "belong.adulthood",  # the 18th-birthday move; its ready() hears of changed birth dates
    # Before django_tasks_db: its `db_worker` and Django's `migrate` are Belong's own here.
    "belong.operations",
    # Top layer: the `demo` and `seed` commands.
    "belong.demo",
    "django_tasks",
    "django_tasks_db",
    # The API's docs page and its Swagger UI files, served from here (no CDN).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "belong.core.middleware.HostHeaderMiddleware",
    "belong.core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "belong.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "belong.core.middleware.RestrictionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

# bench/load.py adds a bare view beside the real pages (bench/bare_urls.py) to compare with.
ROOT_URLCONF = env.str("BELONG_ROOT_URLCONF", default="belong.urls")
WSGI_APPLICATION = "belong.wsgi.application"
ASGI_APPLICATION = "belong.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "belong.places.context_processors.accessibility",
                "csp.context_processors.nonce",
                "belong.messaging.context_processors.unread",
            ],
        },
    },
]
FORM_RENDERER = "belong.core.form_renderer.Renderer"  # plain widgets drawn in Python

# --- Database -------------------------------------------------------------------------
# (belong/settings_database.py: SQLite by default, PostgreSQL and replicas from the URLs.)
from belong.settings_database import databases  # noqa: E402

DATABASES = databases(DATA_DIR)
REPLICA_DATABASES = [alias for alias in DATABASES if alias.startswith("replica")]
# How long after a person's last write their reads stay on the primary (replication lag).
BELONG_PRIMARY_PIN_SECONDS = env.int("BELONG_PRIMARY_PIN_SECONDS", default=15)
if REPLICA_DATABASES:
    DATABASE_ROUTERS = ["belong.core.replicas.PrimaryAfterWriteRouter"]
    # First, so that every read of the request (the session too) knows where to go.
    MIDDLEWARE.insert(0, "belong.core.replicas.PrimaryAfterWriteMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (Redis when REDIS_URL is set) -------------------------------------------------
# While Redis does not answer, the cache falls back to a table in the database (limits stay
# shared and in force, pages keep working); see belong/operations/cache.py.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "belong.operations.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "belong",
            "OPTIONS": {
                "RETRY_AFTER": env.float("BELONG_REDIS_RETRY_SECONDS", default=5),
                "socket_connect_timeout": env.float("BELONG_REDIS_TIMEOUT", default=1),
                "socket_timeout": env.float("BELONG_REDIS_TIMEOUT", default=1),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Live delivery (channels) ------------------------------------------------------------
# In memory for the embedded single-process setup; through Redis when REDIS_URL is set, so
# that every app server and worker reaches every open page.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # A Redis that hangs must not hang a send: connecting gives up quickly, and
                # a read outlasts the layer's own 5-second blocking pop before it gives up.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_connect_timeout": env.float("BELONG_REDIS_TIMEOUT", default=1),
                        "socket_timeout": 10,
                    }
                ],
                "prefix": env.str("CHANNELS_PREFIX", "belong"),
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Background work ---------------------------------------------------------------------
# django-tasks with its database backend: no other service to run; `belong db_worker` works
# the queue (`belong demo` starts one itself).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The recovery timings, the recurring tasks and the retention periods.
from belong.settings_tasks import *  # noqa: E402, F403

# The address citizens reach Belong at, for links in e-mails (belong/core/links.py). Unset,
# `belong demo` and `belong serve` use the address they serve on; production sets it.
BELONG_BASE_URL = env.str("BELONG_BASE_URL", default="")
# Web Push (VAPID): the public key as base64url (uncompressed point), the private key as
# base64url DER. Without a key pair, push is off and e-mail is the only notice.
BELONG_VAPID_PUBLIC_KEY = env.str("BELONG_VAPID_PUBLIC_KEY", default="")
BELONG_VAPID_PRIVATE_KEY = env.str("BELONG_VAPID_PRIVATE_KEY", default="")
BELONG_VAPID_SUBJECT = env.str("BELONG_VAPID_SUBJECT", default="mailto:drift@belong.dk")

# --- Erasure -----------------------------------------------------------------------------
# The file of erased account ids (no other data) that `belong restore` replays. Keep it
# outside the database and its backups, on storage every app server and worker shares.
BELONG_TOMBSTONE_FILE = Path(
    env.str("BELONG_TOMBSTONE_FILE", default=str(DATA_DIR / "erased-accounts.txt"))
)

# --- Accounts and login ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _VALIDATORS + "UserAttributeSimilarityValidator"},
    {"NAME": _VALIDATORS + "MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": _VALIDATORS + "CommonPasswordValidator"},
    {"NAME": _VALIDATORS + "NumericPasswordValidator"},
]
ACCOUNT_ADAPTER = "belong.accounts.adapter.AccountAdapter"
# MitID through an OpenID Connect broker (Signicat, Criipto ...), off unless configured
# (docs/privacy.md): the broker's issuer URL, and the client it registered for Belong. The
# verified `birthdate` claim becomes the birth date, which the citizen cannot change then.
BELONG_MITID_SERVER_URL = env.str("BELONG_MITID_SERVER_URL", default="")
BELONG_MITID_PROVIDER_ID = "mitid"
SOCIALACCOUNT_ADAPTER = "belong.accounts.identity.SocialAccountAdapter"
from belong.settings_saml import *  # noqa: E402, F403
from belong.settings_saml import BELONG_STAFF_SAML_APPS, BELONG_STAFF_SAML_FORM_ACTION  # noqa: E402

SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_AUTO_SIGNUP = False  # the citizen chooses name, gender and postcode first
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
_MITID_APP = {
    "provider_id": BELONG_MITID_PROVIDER_ID,
    "name": env.str("BELONG_MITID_NAME", default="MitID"),
    "client_id": env.str("BELONG_MITID_CLIENT_ID", default=""),
    "secret": env.str("BELONG_MITID_CLIENT_SECRET", default=""),
    "settings": {"server_url": BELONG_MITID_SERVER_URL},
}
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "SCOPE": env.list("BELONG_MITID_SCOPE", default=["openid", "email", "profile"]),
        "APPS": [_MITID_APP] if BELONG_MITID_SERVER_URL else [],
    },
    # Staff login with the municipality's identity provider; off unless configured.
    "saml": {"APPS": BELONG_STAFF_SAML_APPS},
}
# Municipalities (by code) whose youth space only opens to citizens with a verified age.
BELONG_YOUTH_SPACE_REQUIRES_VERIFIED_AGE = env.list(
    "BELONG_YOUTH_SPACE_REQUIRES_VERIFIED_AGE", cast=int, default=[]
)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "belong.accounts.forms.SignupDetailsForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 60 * 60 * 24
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Many of our users read mail slowly, on another device; an hour is generous but bounded.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 60 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 5
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Belong's own subjects name Belong (belong/core/templates/account/email/).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# allauth's limits, counted in the cache (Redis in production, so shared by every app server).
# A passed limit re-renders the form with what was typed (belong.pages.views.rate_limited).
ACCOUNT_RATE_LIMITS = {
    "login": env.str("BELONG_LIMIT_LOGIN", "30/m/ip"),
    # Wrong passwords: per address, and per account AND address together, so that guesses
    # from elsewhere never lock out the owner (belong/accounts/adapter.py) ...
    "login_failed": env.str("BELONG_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    # ... and per account from any address, generous, against guesses spread over many
    # addresses; meanwhile the owner logs in with a code sent to their e-mail.
    "login_failed_account": env.str("BELONG_LIMIT_LOGIN_FAILED_ACCOUNT", "30/h/key"),
    "signup": env.str("BELONG_LIMIT_SIGNUP", "20/h/ip"),
    "confirm_email": "1/3m/key",
    # Login by an e-mailed code: asking for codes; entering them is capped by
    # ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS.
    "request_login_code": env.str("BELONG_LIMIT_LOGIN_CODE", "20/m/ip,3/m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
# The youngest age at which a citizen may sign up.
BELONG_MINIMUM_AGE = 13
# Limits per person (or per IP address before sign-in), counted in the shared cache; see
# belong/core/limits.py. "N/period": s, m, h, d, optionally with a count ("10/5m").
BELONG_RATE_LIMITS = {
    "search": env.str("BELONG_LIMIT_SEARCH", "30/m"),
    "message": env.str("BELONG_LIMIT_MESSAGE", "20/m"),
    "first_contact": env.str("BELONG_LIMIT_FIRST_CONTACT", "20/d"),
    # Accounts younger than a week start fewer conversations a day.
    "first_contact_new_account": env.str("BELONG_LIMIT_FIRST_CONTACT_NEW", "5/d"),
    "report": env.str("BELONG_LIMIT_REPORT", "10/h"),
    "help_request": env.str("BELONG_LIMIT_HELP_REQUEST", "5/h"),
    "support_request": env.str("BELONG_LIMIT_SUPPORT_REQUEST", "5/d"),
    # Logins with a personal code (citizens without e-mail): per address AND login name
    # together, so one library's or care home's shared address never locks out every
    # assisted citizen there; per name from any address; and a generous cap per address.
    "code_login": env.str("BELONG_LIMIT_CODE_LOGIN", "10/h"),
    "code_login_name": env.str("BELONG_LIMIT_CODE_LOGIN_NAME", "30/h"),
    "code_login_address": env.str("BELONG_LIMIT_CODE_LOGIN_ADDRESS", "300/h"),
    "api_token": env.str("BELONG_LIMIT_API_TOKEN", "10/h"),
    # Deleting one's account through the API asks for the password: tries per account.
    "erasure_password": env.str("BELONG_LIMIT_ERASURE_PASSWORD", "5/h"),
}

# --- E-mail -------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST", "localhost")
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL_CONFIG.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Belong <noreply@belong.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language -----------------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
# Belong's own texts, then plain Danish for the library texts people meet (allauth's login,
# codes, passwords and second factor; Django's password checks): both before the libraries'.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
USE_I18N = True
# Dates as each language writes them ("1. dec 12:49", "1 Dec 12:49"); templates name a format
# from here rather than spelling one out.
FORMAT_MODULE_PATH = ["belong.core.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

# The accessibility statement for installations whose municipality sets none of its own.
ACCESSIBILITY_STATEMENT_URL = env.str("ACCESSIBILITY_STATEMENT_URL", default="")

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Collected static files are compressed (gzip) by collectstatic and served compressed by
# WhiteNoise. Production always collects; `belong demo` collects too (without hashed names, as
# it runs with DEBUG), so old phones on slow lines get the same small files there.
STATIC_COLLECTED = env.bool("BELONG_STATIC_COLLECTED", default=not DEBUG)
# Uploaded images (organisations' logos) go through Django's storage API, so several app
# servers can share them: a local folder by default, object storage by setting, e.g.
# BELONG_MEDIA_STORAGE=storages.backends.s3.S3Storage with its options as JSON in
# BELONG_MEDIA_STORAGE_OPTIONS. Belong itself serves them (after its visibility checks).
STORAGES = {
    "default": {
        "BACKEND": env.str(
            "BELONG_MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json("BELONG_MEDIA_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "whitenoise.storage.CompressedStaticFilesStorage"
            if STATIC_COLLECTED
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
# Uploaded images: at most this many bytes and pixels before decoding, and this long a side
# once re-encoded.
BELONG_IMAGE_MAX_BYTES = env.int("BELONG_IMAGE_MAX_BYTES", default=5 * 1024 * 1024)
BELONG_IMAGE_MAX_PIXELS = env.int("BELONG_IMAGE_MAX_PIXELS", default=25_000_000)
BELONG_IMAGE_MAX_SIDE = env.int("BELONG_IMAGE_MAX_SIDE", default=800)

# --- Security -----------------------------------------------------------------------------
# Production (DEBUG off) is HTTPS only by default: the SSL redirect, HSTS and secure cookies
# are on unless each is turned off by its own variable, or all of them at once with
# BELONG_ALLOW_PLAIN_HTTP=true (a closed test network without TLS; never on the internet).
SECURE_BY_DEFAULT = not DEBUG and not env.bool("BELONG_ALLOW_PLAIN_HTTP", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SECURE_BY_DEFAULT)
# Load balancers probe health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
# Per-IP limits (allauth) must see the citizen's address, not the proxy's: trust the
# X-Forwarded-For entries added by this many proxies of our own (1 behind one TLS proxy).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=1 if SECURE_PROXY_SSL_HEADER else 0
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE_BY_DEFAULT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_BY_DEFAULT
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE_BY_DEFAULT)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=SECURE_BY_DEFAULT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page of Belong uses, refused on every response
# (belong.core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = env.str(
    "PERMISSIONS_POLICY",
    default=(
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=()"
    ),
)

# Content-Security-Policy, in every environment (so tests and the demo meet it too): scripts
# only from our own origin and with the page's nonce, no inline styles, no framing. Live
# messages open a WebSocket to the same host; 'self' covers ws/wss in current browsers, the
# explicit host sources cover older ones.
_WS_SCHEMES = ["wss"] if SESSION_COOKIE_SECURE else ["ws", "wss"]
_WS_SOURCES = [
    f"{scheme}://{host}"
    for host in ALLOWED_HOSTS
    # CSP host sources cannot name IPv6 literals or wildcards; 'self' covers those.
    if host and host != "*" and not host.startswith((".", "["))
    for scheme in _WS_SCHEMES
]
_MITID_ORIGIN = (
    ["{0.scheme}://{0.netloc}".format(urlsplit(BELONG_MITID_SERVER_URL))]
    if BELONG_MITID_SERVER_URL
    else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF, *_WS_SOURCES],
        "object-src": [NONE],
        "base-uri": [NONE],
        # The MitID and staff login forms lead on to the broker and the identity provider.
        "form-action": [SELF, *_MITID_ORIGIN, *BELONG_STAFF_SAML_FORM_ACTION],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
