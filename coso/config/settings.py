"""Coso settings, read from the environment (see README, "Configuration")."""

import datetime as dt
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from coso.config.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    local_audit_key,
    local_field_key,
    local_secret_key,
    var_dir,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = var_dir()

COSO_ENV = env_str("COSO_ENV", "local")
PRODUCTION = COSO_ENV == "production"
# Present while `coso demo` is still seeding behind the server it already started.
DEMO_MARKER = VAR_DIR / "demo-preparing"

SECRET_KEY = (
    env_str("SECRET_KEY", required=True)
    if PRODUCTION
    else (env_str("SECRET_KEY") or local_secret_key(VAR_DIR))
)
# Fernet key(s) for fields encrypted at rest (a denouncer's identity): comma-separated,
# newest first, so keys can be rotated. Generated into var/ for local use.
FIELD_ENCRYPTION_KEYS = env_list(
    "COSO_FIELD_KEYS", [] if PRODUCTION else [local_field_key(VAR_DIR)]
)
if PRODUCTION and not FIELD_ENCRYPTION_KEYS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("The environment variable COSO_FIELD_KEYS must be set.")
# Key(s) signing the audit log (HMAC), kept outside the database: comma-separated, newest
# first, so keys can be rotated (older entries verify with the older key).
AUDIT_KEYS = env_list("COSO_AUDIT_KEYS", [] if PRODUCTION else [local_audit_key(VAR_DIR)])
if PRODUCTION and not AUDIT_KEYS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("The environment variable COSO_AUDIT_KEYS must be set.")
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
# Route /bench/bare, the short page bench/load.py measures pages against.
COSO_BENCH_BARE = env_bool("COSO_BENCH_BARE", False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
PORT = env_int("PORT", 8000)

INSTALLED_APPS = [
    "coso.core.apps.CosoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "coso.core",
    "coso.accounts",
    "coso.rules",
    "coso.units",
    "coso.people",
    "coso.disclosures",
    "coso.decisions",
    "coso.petitions",
    "coso.notices",
    "coso.followups",
    "coso.dialogues",
    "coso.exemplars",
    "coso.support",
    "coso.residents",
    "coso.consultations",
    "coso.oversight",
    "coso.surveys",
    "coso.ratings",
    "coso.reports",
    "coso.emulation",
    "coso.concerns",
    "coso.alerts",
    "coso.calendars",
    "coso.field",
    "coso.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (static files come compressed from WhiteNoise, above): see the
    # "Light pages" block at the end for BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "coso.core.middleware.NulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "coso.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coso.accounts.middleware.CachedOTPMiddleware",
    "coso.accounts.middleware.TokenMiddleware",
    "coso.accounts.middleware.TwoFactorMiddleware",
    "coso.accounts.middleware.SessionRenewalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "coso.core.middleware.PolicyHeadersMiddleware",
    # Sends the reads of dashboards and public pages to the replica, if there is one.
    "coso.config.routers.ReplicaMiddleware",
    # Last, as django-axes asks: it answers for locked accounts and addresses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coso.config.urls"
WSGI_APPLICATION = "coso.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coso.portal.context_processors.demo",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'coso.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN, so two writers queue instead of failing half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A PostgreSQL streaming replica for reads that may be a moment stale (dashboards,
# public pages): see coso/config/routers.py. Tests use the primary as the replica.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0)),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["coso.config.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses locked accounts and addresses.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend reading a signed-in user and their roles from the shared cache.
    "coso.accounts.backends.CachedModelBackend",
    # user.has_perm("coso.<action>", unit) answered by the permission matrix.
    "coso.core.permissions.MatrixBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:official_home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# i18n (issue 23): dates are typed day/month/year in both languages (coso/config/formats;
# Django's English formats would read 05/06/2026 as the 6th of May). Django's own
# messages its Vietnamese catalogue lacks are in coso/locale/vi.
FORMAT_MODULE_PATH = ["coso.config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Every web server must see the same files: in production a shared mount.
        "OPTIONS": {"location": env_str("COSO_MEDIA_DIR") or VAR_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Rate limits count in the cache, so every web process must share it: Redis in
# production. Locally one process's memory will do. (Sign-in lockouts are counted by
# django-axes in the database.)
REDIS_URL = env_str("REDIS_URL", required=PRODUCTION)
CACHES = {
    "default": {"BACKEND": "coso.core.cache.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# The longest a cached page is served (coso.core.pagecache): a change to its records
# replaces it at once; figures refreshed out of request and dates such as "overdue"
# within this many seconds. Pages are cached only in a shared cache: a process's own
# memory would not see a change another process made (0: not cached).
COSO_PAGE_CACHE_SECONDS = env_int("COSO_PAGE_CACHE_SECONDS", 60 if REDIS_URL else 0)
# The longest a signed-in user and their roles are read from the cache
# (coso.accounts.backends): a change to either replaces them at once. Only a shared
# cache: each process's memory would keep roles another process took away.
COSO_AUTH_CACHE_SECONDS = env_int("COSO_AUTH_CACHE_SECONDS", 300 if REDIS_URL else 0)
# Sessions are read from the cache when it is shared (Redis), written through to the
# database: a signed-in request does not query for its session. Each process's own
# memory would let one process keep a session another has ended.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# django-ratelimit lists Django's own Redis cache as "not officially supported" (W001)
# although its incr is Redis's atomic INCR; locmem (E003) is only ever used locally.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + (
    [] if PRODUCTION else ["django_ratelimit.E003"]
)
# Behind a proxy REMOTE_ADDR is the proxy: name the header that carries the client's
# address (e.g. HTTP_X_REAL_IP) so that limits count per person, not per proxy.
COSO_CLIENT_IP_HEADER = env_str("COSO_CLIENT_IP_HEADER", "REMOTE_ADDR")
RATELIMIT_IP_META_KEY = "coso.core.ratelimit.client_ip"
# Requests per address that anonymous senders may make (django-ratelimit's "N/period").
COSO_RATE_LIMITS = {
    "petition": env_str("COSO_RATE_PETITION", "10/m"),
    "open311": env_str("COSO_RATE_OPEN311", "20/m"),
    # A registered Open311 client application (its api_key), counted by key, not address.
    "open311_client": env_str("COSO_RATE_OPEN311_CLIENT", "600/m"),
    "vote": env_str("COSO_RATE_VOTE", "20/m"),
    "signin": env_str("COSO_RATE_SIGNIN", "10/m"),
    "followup": env_str("COSO_RATE_FOLLOWUP", "20/m"),
    "rating": env_str("COSO_RATE_RATING", "20/m"),
    # prefs (issue 22): a petition's sender choosing, on the tracking page, how to be told.
    "notices": env_str("COSO_RATE_NOTICES", "20/m"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; its warnings (lockouts) are what matter.
    "loggers": {"axes": {"level": "WARNING"}},
}

SESSION_COOKIE_HTTPONLY = True
# A session ends after this many minutes without a request (renewed at most once a
# minute by coso.accounts.middleware.SessionRenewalMiddleware, not written every request).
SESSION_COOKIE_AGE = 60 * env_int("COSO_SESSION_IDLE_MINUTES", 30)

# Sign-in: the failure that locks an account or an address, and for how long (django-axes).
AXES_FAILURE_LIMIT = env_int("COSO_SIGNIN_MAX_FAILURES", 6)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("COSO_SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coso.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "coso.core.ratelimit.client_ip"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Second factor (TOTP). Waived only for a local demo (`make demo`); never in production.
COSO_2FA_WAIVED = env_bool("COSO_2FA_WAIVED", False)
if PRODUCTION and COSO_2FA_WAIVED:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("COSO_2FA_WAIVED is for the local demo only, never production.")
OTP_TOTP_ISSUER = "Coso"

# Content-Security-Policy: only this site's own files, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features Coso's pages may use: the petition form may ask for the location.
PERMISSIONS_POLICY = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    # Coso sits behind a TLS-terminating proxy in production; these are what
    # `coso check --deploy` asks for.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Keyset pagination page size for lists and the API.
PAGE_SIZE = 50
# A list counts its rows up to this many and shows "more than" beyond: an exact count
# of a province's records would read them all on every page.
COSO_LIST_COUNT_CAP = env_int("COSO_LIST_COUNT_CAP", 1000)
# The longest free text (a petition's description, a proposal, a disclosure's body)
# anyone may send; short fields keep their own column lengths.
COSO_TEXT_MAX_CHARS = env_int("COSO_TEXT_MAX_CHARS", 10_000)
# How far ahead a date may be entered (a reception day, a meeting): beyond it, a typo.
COSO_FUTURE_DAYS = env_int("COSO_FUTURE_DAYS", 400)
COSO_UPLOAD_MAX_BYTES = env_int("COSO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# The Paillier modulus of a new encrypted secret round's key (docs/secret-ballot.md):
# 2048 bits; tests make smaller keys to run fast.
COSO_BALLOT_KEY_BITS = env_int("COSO_BALLOT_KEY_BITS", 2048)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "coso@localhost")
# Petitions due within this many working days are listed as "due soon" (a work-list
# setting, not a legal period).
COSO_PETITION_SOON_DAYS = env_int("COSO_PETITION_SOON_DAYS", 3)
# Households signing in (coso.residents): wrong secrets before a lock, its minutes, and
# how long a code sent by SMS stays valid; the SMS gateway (a dotted path).
COSO_HOUSEHOLD_ATTEMPTS = env_int("COSO_HOUSEHOLD_ATTEMPTS", 5)
COSO_HOUSEHOLD_LOCK_MINUTES = env_int("COSO_HOUSEHOLD_LOCK_MINUTES", 15)
COSO_SMS_CODE_MINUTES = env_int("COSO_SMS_CODE_MINUTES", 10)
# Empty: no SMS (households sign in with their code and PIN only) — production's default
# until a carrier's gateway is configured. The console backend prints sign-in codes to
# the log: the demo's, never production's.
COSO_SMS_BACKEND = env_str(
    "COSO_SMS_BACKEND", "" if PRODUCTION else "coso.notices.sms.ConsoleBackend"
)
if PRODUCTION and COSO_SMS_BACKEND in {
    "coso.notices.sms.ConsoleBackend",
    "coso.notices.sms.MemoryBackend",
}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "COSO_SMS_BACKEND: the console and memory backends print or keep sign-in codes; "
        "set a carrier's gateway, or leave it unset for no SMS."
    )
# How many times the outbox tries a notice before giving up on it, and how long it waits
# after a failed try: the base, doubled after each failure, up to the cap.
COSO_NOTICE_ATTEMPTS = env_int("COSO_NOTICE_ATTEMPTS", 5)
# The channel a resident is told on until they choose one (sms or zalo; e-mail needs an
# address few households give).
COSO_NOTICE_RESIDENT_CHANNEL = env_str("COSO_NOTICE_RESIDENT_CHANNEL", "sms")
COSO_NOTICE_BACKOFF_SECONDS = env_int("COSO_NOTICE_BACKOFF_SECONDS", 60)
COSO_NOTICE_BACKOFF_MAX_SECONDS = env_int("COSO_NOTICE_BACKOFF_MAX_SECONDS", 6 * 3600)
# A text longer than this many segments (70 characters in UCS-2, 67 each when joined) is
# cut, ending in "…" (coso.notices.segments): Coso's policy, each segment is paid for.
COSO_SMS_MAX_SEGMENTS = env_int("COSO_SMS_MAX_SEGMENTS", 3)
# eSMS.vn (COSO_SMS_BACKEND = "coso.notices.sms.EsmsBackend"): the API's address, the
# account's keys, the brand name registered with the carriers, and the address eSMS
# calls back with each delivery report (…/notices/callback/esms/<COSO_NOTICE_CALLBACK_SECRET>/).
COSO_ESMS_URL = env_str(
    "COSO_ESMS_URL", "https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/"
)
COSO_ESMS_API_KEY = env_str("COSO_ESMS_API_KEY")
COSO_ESMS_SECRET_KEY = env_str("COSO_ESMS_SECRET_KEY")
COSO_ESMS_BRANDNAME = env_str("COSO_ESMS_BRANDNAME")
COSO_ESMS_CALLBACK_URL = env_str("COSO_ESMS_CALLBACK_URL")
# eSMS's test mode ("Sandbox": "1"): requests are checked, nothing is sent or charged.
COSO_ESMS_SANDBOX = env_bool("COSO_ESMS_SANDBOX", False)
# Zalo template messages (ZNS) through the commune's Official Account: empty, no Zalo;
# the console backend in the demo; "coso.notices.zalo.ZnsBackend" for the real one, with
# the app's id and secret, a first refresh token (later ones are kept in the database),
# the approved template's id and the names of its two parameters, each cut to its
# length in the template (a ZNS parameter's length depends on its type: 30 for a label,
# 200 for an address or a product name; see docs/notices.md).
COSO_ZALO_BACKEND = env_str(
    "COSO_ZALO_BACKEND", "" if PRODUCTION else "coso.notices.zalo.ConsoleBackend"
)
COSO_ZALO_ZNS_URL = env_str(
    "COSO_ZALO_ZNS_URL", "https://business.openapi.zalo.me/message/template"
)
COSO_ZALO_OAUTH_URL = env_str("COSO_ZALO_OAUTH_URL", "https://oauth.zaloapp.com/v4/oa/access_token")
COSO_ZALO_APP_ID = env_str("COSO_ZALO_APP_ID")
COSO_ZALO_APP_SECRET = env_str("COSO_ZALO_APP_SECRET")
# The Official Account's secret key (not the app's): Zalo signs its webhook events with it.
COSO_ZALO_OA_SECRET_KEY = env_str("COSO_ZALO_OA_SECRET_KEY")
COSO_ZALO_REFRESH_TOKEN = env_str("COSO_ZALO_REFRESH_TOKEN")
COSO_ZALO_TEMPLATE_ID = env_str("COSO_ZALO_TEMPLATE_ID")
COSO_ZALO_SUBJECT_PARAM = env_str("COSO_ZALO_SUBJECT_PARAM", "title")
COSO_ZALO_BODY_PARAM = env_str("COSO_ZALO_BODY_PARAM", "content")
COSO_ZALO_SUBJECT_CHARS = env_int("COSO_ZALO_SUBJECT_CHARS", 30)
COSO_ZALO_PARAM_CHARS = env_int("COSO_ZALO_PARAM_CHARS", 200)
# The secret part of the delivery-report addresses given to the gateways; empty, the
# callbacks answer 404.
COSO_NOTICE_CALLBACK_SECRET = env_str("COSO_NOTICE_CALLBACK_SECRET")
# A follow-up is "due soon" this many days before its due date (reminders, work lists).
COSO_FOLLOWUP_SOON_DAYS = env_int("COSO_FOLLOWUP_SOON_DAYS", 7)
# Periodic reports due within this many days are reminded of (a work setting).
COSO_REPORT_SOON_DAYS = env_int("COSO_REPORT_SOON_DAYS", 5)
# Calendar feeds (coso.calendars), Coso's policy, not the law's: each feed lists the
# events from COSO_CALENDAR_PAST_DAYS back to COSO_CALENDAR_FUTURE_DAYS ahead, at most
# COSO_CALENDAR_MAX_EVENTS of them (the coming ones first), so a feed costs the same
# however long a unit's history; a calendar client may keep a feed this many seconds
# before asking again (it then asks with its ETag, answered 304 when unchanged).
COSO_CALENDAR_PAST_DAYS = env_int("COSO_CALENDAR_PAST_DAYS", 90)
COSO_CALENDAR_FUTURE_DAYS = env_int("COSO_CALENDAR_FUTURE_DAYS", 400)
COSO_CALENDAR_MAX_EVENTS = env_int("COSO_CALENDAR_MAX_EVENTS", 500)
COSO_CALENDAR_MAX_AGE = env_int("COSO_CALENDAR_MAX_AGE", 900)
# Events that notify residents (a vote opened, a consultation opened): the site's public
# address, put before the links a text carries — a notice is written outside any request,
# so it cannot tell the host by itself. Empty: the links are paths only.
COSO_SITE_URL = env_str("COSO_SITE_URL", "" if PRODUCTION else "http://localhost:8000").rstrip("/")


# --- Sign-in through the province's identity provider (OpenID Connect; docs/signin.md) ---
# Empty issuer or client id: no such sign-in, no button. The provider's endpoints come
# from <issuer>/.well-known/openid-configuration unless all three are given here.
COSO_OIDC_ISSUER = env_str("COSO_OIDC_ISSUER").rstrip("/")
COSO_OIDC_CLIENT_ID = env_str("COSO_OIDC_CLIENT_ID")
COSO_OIDC_CLIENT_SECRET = env_str("COSO_OIDC_CLIENT_SECRET")
COSO_OIDC_AUTHORIZATION_URL = env_str("COSO_OIDC_AUTHORIZATION_URL")
COSO_OIDC_TOKEN_URL = env_str("COSO_OIDC_TOKEN_URL")
COSO_OIDC_JWKS_URL = env_str("COSO_OIDC_JWKS_URL")
COSO_OIDC_SCOPES = env_list("COSO_OIDC_SCOPES", ["openid", "profile", "email"])
# The signature algorithms Coso accepts on an ID token (never "none", never a shared secret).
COSO_OIDC_ALGORITHMS = env_list("COSO_OIDC_ALGORITHMS", ["RS256", "PS256", "ES256"])
# Which claim names the Coso account on a first sign-in, and which field of the account
# it is compared with ("username", or "email" — then only an address the provider says
# it verified). Later sign-ins match the provider's `sub` bound on the first.
COSO_OIDC_CLAIM = env_str("COSO_OIDC_CLAIM", "preferred_username")
COSO_OIDC_ACCOUNT_FIELD = env_str("COSO_OIDC_ACCOUNT_FIELD", "username")
# Coso's policy: an unknown official is refused; on, an account with no role is made.
COSO_OIDC_CREATE_ACCOUNTS = env_bool("COSO_OIDC_CREATE_ACCOUNTS", False)
# Coso's TOTP step is skipped only when the provider says it checked a second factor:
# one of these `amr` values (RFC 8176), or an `acr` in the second list (provider-specific).
COSO_OIDC_MFA_AMR = env_list("COSO_OIDC_MFA_AMR", ["mfa", "otp", "hwk", "sms", "sc"])
COSO_OIDC_MFA_ACR = env_list("COSO_OIDC_MFA_ACR", [])
# Clock skew allowed on the token's times, and how long a call to the provider may take.
COSO_OIDC_LEEWAY_SECONDS = env_int("COSO_OIDC_LEEWAY_SECONDS", 60)
COSO_OIDC_TIMEOUT_SECONDS = env_int("COSO_OIDC_TIMEOUT_SECONDS", 10)
if PRODUCTION and COSO_OIDC_ISSUER and not COSO_OIDC_ISSUER.startswith("https://"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("COSO_OIDC_ISSUER must be an https:// address in production.")

# Offline field capture (coso.field), Coso's policy: how many entries one send may
# carry, and how many open meetings and villages the field page keeps on the phone.
COSO_FIELD_SYNC_MAX = 200
COSO_FIELD_CACHE_MAX = 50

# Accessibility (issue 23): every form shown whole opens with a summary of its errors
# that takes the focus after a failed submit (coso/core/templates/coso/forms/div.html).
FORM_RENDERER = "coso.core.forms.FormRenderer"

# --- Light pages and error pages (issue 23, point 2; tests/browser/test_page_weight.py) ---
# HTML is gzipped by GZipMiddleware; static files are served by WhiteNoise, compressed
# once at collectstatic (production's CompressedManifestStaticFilesStorage). BREACH (a
# secret in a compressed page that also reflects the attacker's input) is answered by
# Django's own mitigations: the CSRF token is masked anew on every response, and
# GZipMiddleware pads each response with up to 100 random bytes ("Heal the Breach",
# Django 4.2). No page shows any other secret next to reflected input.
# Files served at the site's root, not under STATIC_URL: /favicon.ico.
WHITENOISE_ROOT = PACKAGE_DIR / "static_root"
# Coso's policy for a public page on a cheap phone: at most this many bytes transferred
# on first load (HTML, CSS, scripts, compressed) and its load event within this many
# milliseconds on the slow 3G profile; the offline app's bundle at most this many bytes.
COSO_PAGE_MAX_BYTES = 30_000
COSO_PAGE_MAX_LOAD_MS = 1500
COSO_OFFLINE_BUNDLE_MAX_BYTES = 300_000
# A refused form (its CSRF token missing or stale) explained in the person's language.
CSRF_FAILURE_VIEW = "coso.core.error_pages.csrf_failure"
