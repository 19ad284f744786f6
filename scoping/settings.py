"""Settings for the Peer Support Directory, read from the environment.

Fail closed: ``DEBUG`` is off unless ``DEBUG=1`` turns it on (``make run`` does, for
local use), and with it off the settings refuse to load without ``SECRET_KEY`` and
``ALLOWED_HOSTS``. The tests load ``scoping.settings_test``, the local configuration.
Every environment variable is read through ``scoping/environment.py``, which holds each
one's default and meaning (the table in docs/settings.md is generated from it).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import CSV, XLSX

from scoping import environment as env
from scoping.serving.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


# interviews/tests/test_settings.py tests the dates' rule under this name.
env_date = env.date


# Production unless DEBUG=1 says otherwise: a forgotten variable fails closed.
# DJANGO_ENV=production is still accepted, and then DEBUG may not be turned on at all.
PRODUCTION = env.text("DJANGO_ENV").lower() == "production"
DEBUG = env.flag("DEBUG")
if DEBUG and PRODUCTION:
    raise ImproperlyConfigured(
        "DEBUG=1 and DJANGO_ENV=production contradict each other: unset DEBUG."
    )

_LOCAL_SECRET = "local-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.text("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (production). "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'. "
            "For local development set DEBUG=1 instead (make run does)."
        )
    SECRET_KEY = _LOCAL_SECRET

ALLOWED_HOSTS = env.names("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DEBUG is off (production): the host names the site "
        "is served under, comma-separated, e.g. ALLOWED_HOSTS=peer-support.example.org. "
        "For local development set DEBUG=1 instead (make run does)."
    )
CSRF_TRUSTED_ORIGINS = env.names("CSRF_TRUSTED_ORIGINS")

# What /healthz reports as the version: this if set, else the git commit.
APP_VERSION = env.text("APP_VERSION")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_htmx",
    "import_export",
    "simple_history",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "scoping",
    "activities",
    "interviews",
    "reports",
]

MIDDLEWARE = [
    # Outermost: one log line and an X-Request-ID for every response.
    "scoping.serving.middleware.RequestLogMiddleware",
    # Next: no-store on every response that may carry interview data, errors included.
    "scoping.serving.middleware.NoStoreMiddleware",
    # The security headers wrap everything below, so the responses WhiteNoise (static
    # files) and the NUL check return early carry them too.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "scoping.serving.middleware.RejectNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "scoping.serving.middleware.RejectForgedAdminSelectionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave a second factor.
    "django_otp.middleware.OTPMiddleware",
    "scoping.serving.middleware.SessionIdleRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After the password, a code (or enrolment) where two-factor sign-in applies.
    "scoping.accounts.two_factor.gate.TwoFactorMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# A transcript file is read in memory and never written to the disk, whatever its size
# (interviews/transcripts/transcript_upload.py); other uploads as Django does them.
FILE_UPLOAD_HANDLERS = [
    "interviews.transcripts.transcript_upload.TranscriptUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

ROOT_URLCONF = "scoping.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "scoping.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env.text_or_default("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env.text("CONN_MAX_AGE")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails a page (and /healthz: 503) in seconds,
    # not after the system's minutes-long TCP timeout; ?connect_timeout= in the URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
else:
    # SQLite (make run) has one writer at a time: while the job worker writes an import in
    # its one transaction, a page or a second writer waits for it up to 30 s (SQLite's
    # default is 5 s) rather than failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "figures" holds facet counts and report tables, each under the data version it
# was computed at (activities/records/data_version.py), so a write retires them at once.
# Without CACHE_URL each process keeps its own (no cache server needed; every worker
# computes each figure once per data version). With CACHE_URL (redis://host:port/db)
# all app servers share one: a figure is computed once for all of them, and the
# admin's import previews (django-import-export) are kept there instead of in a
# local temporary file another server could not read. See docs/deploy.md.
CACHE_URL = env.text("CACHE_URL")
if CACHE_URL:
    # A cache server that stops answering costs a second, not a hung worker.
    _REDIS_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "psd-default",
            "OPTIONS": _REDIS_OPTIONS,
        },
        "figures": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "psd-figures",
            "OPTIONS": _REDIS_OPTIONS,
        },
    }
    IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "figures": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "figures",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# Long work runs as jobs (scoping/jobs/, docs/jobs.md): Django's Tasks API (the django-tasks
# backport until Django 6) on the app's own database, so workers on any machine that
# reaches it take from one queue. Result files are kept JOB_FILES_DAYS, finished jobs
# JOBS_KEEP_DAYS (prune_logs); a running job whose worker has not been heard from for
# WORKER_STALE_SECONDS has failed. A web server started by make run / make serve starts
# JOB_WORKERS workers beside it (scoping/serving/supervisor.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOB_FILES_DAYS = env.days("JOB_FILES_DAYS")
# The worker's nice value: recounts and imports give way to web requests for the processor.
JOBS_WORKER_NICENESS = env.whole_number("JOBS_WORKER_NICENESS", 0, 19)
JOBS_KEEP_DAYS = env.days("JOBS_KEEP_DAYS")
# A recount of the figures waits this long after the last one (activities/records/data_version.py).
FIGURES_RECOUNT_GAP_SECONDS = env.whole_number("FIGURES_RECOUNT_GAP_SECONDS", 0, 3600)
WORKER_STALE_SECONDS = int(env.text("WORKER_STALE_SECONDS"))
JOB_WORKERS = int(env.text("JOB_WORKERS"))

# E-mail (scoping/mail/): every message goes out through a job, recorded once per key.
# make run prints messages to the log (console); production sends through EMAIL_HOST.
_EMAIL_BACKEND = env.text("EMAIL_BACKEND", "console" if DEBUG else "smtp").strip().lower()
if _EMAIL_BACKEND not in {"smtp", "console"}:
    raise ImproperlyConfigured(f"EMAIL_BACKEND must be smtp or console, not {_EMAIL_BACKEND!r}.")
EMAIL_BACKEND = f"django.core.mail.backends.{_EMAIL_BACKEND}.EmailBackend"
EMAIL_HOST = env.text("EMAIL_HOST")
EMAIL_PORT = int(env.text("EMAIL_PORT"))
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env.text_or_default(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}"
)

# Two-factor sign-in (scoping/accounts/two_factor/): required of the Interview team and of
# staff who may read interview data when on; offered to everyone. Off under DEBUG unless
# TWO_FACTOR_REQUIRED=1, so a demo stays quick.
OTP_TOTP_ISSUER = "Peer Support Directory"
TWO_FACTOR_REQUIRED = env.text_or_default(
    "TWO_FACTOR_REQUIRED", "0" if DEBUG else "1"
).strip().lower() in {"1", "true", "yes", "on"}

# Argon2id first (scoping/accounts/hashers.py says why); the others only read passwords stored
# before, which are re-hashed with Argon2id when their owner next signs in.
PASSWORD_HASHERS = [
    "scoping.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading permissions in one query (scoping/accounts/auth_backend.py)
    "scoping.accounts.auth_backend.ModelBackend",
]

# Login protection: 5 failed attempts for one username from one address lock
# that pair out for 15 minutes. Administrators unlock in the admin (Access attempts).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # 15 minutes from the fifth failure
AXES_VERBOSE = False  # attempts are kept in the database and listed in the admin
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Which address a sign-in comes from: scoping/accounts/client_address.py. Behind a TLS proxy
# (BEHIND_TLS_PROXY=1) it is read from X-Forwarded-For, trusting TRUSTED_PROXY_COUNT
# proxies in front of the app (default 1); otherwise X-Forwarded-For is ignored.
AXES_CLIENT_IP_CALLABLE = "scoping.accounts.client_address.client_address"

# Sessions end after a working day (8 hours) without activity; the expiry is
# pushed forward at most every 5 minutes (scoping/serving/middleware.py).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True

# Behind a TLS-terminating proxy (or a chain of them): see docs/deploy.md.
BEHIND_TLS_PROXY = env.flag("BEHIND_TLS_PROXY")
TRUSTED_PROXY_COUNT = int(env.text("TRUSTED_PROXY_COUNT")) if BEHIND_TLS_PROXY else 0

LOGIN_URL = "login"
# A password reset link works once, for 2 hours (scoping/accounts/password_reset.py).
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded master sheets larger than this are refused before they are parsed.
MASTER_SHEET_MAX_UPLOAD_BYTES = int(env.text("MASTER_SHEET_MAX_UPLOAD_BYTES"))
# What an import reads (activities/master_sheet/readers.py): rows per sheet (and rows of
# data in the whole file), columns, and the run of blank rows after which data is refused
# as stray; errors kept in an import run's stored summary.
MASTER_SHEET_MAX_ROWS = int(env.text("MASTER_SHEET_MAX_ROWS"))
MASTER_SHEET_MAX_COLUMNS = int(env.text("MASTER_SHEET_MAX_COLUMNS"))
MASTER_SHEET_BLANK_RUN = int(env.text("MASTER_SHEET_BLANK_RUN"))
MASTER_SHEET_PROBLEMS_STORED = int(env.text("MASTER_SHEET_PROBLEMS_STORED"))

# django-import-export, for the admin's simple tables (places, aliases, organisations;
# activities/reference/admin_tables.py). The master sheet has its own importer. Imports are all
# or nothing and always previewed; CSV and Excel only; text is formula-escaped with a
# leading apostrophe by the resources themselves (scoping/shared/spreadsheets.py), not by the
# library's own escaping, which drops the "=" and cannot be read back.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_CONFIRM = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"  # the admins also ask for "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
IMPORT_EXPORT_FORMATS = [CSV, XLSX]

# The interview study's first research round (the 2019-20 study) takes its withdrawal
# deadline and deletion date (six months after the project ends) from these when the
# migration that made rounds runs; each round's are then data (interviews/rounds/).
INTERVIEWS_WITHDRAWAL_DEADLINE = env.date("INTERVIEWS_WITHDRAWAL_DEADLINE")
PROJECT_END_DATE = env.date("PROJECT_END_DATE")
# Withdrawn codes are also written here, outside the database, so a restore cannot bring
# a withdrawn participant back (interviews/erasure/storage.py); keep it off the backups' disk
# rotation and out of the database's backups. Backups are written to BACKUPS_DIR, and
# purge_expired deletes those that hold purged interview data.
INTERVIEWS_WITHDRAWAL_LEDGER = Path(
    env.text("INTERVIEWS_WITHDRAWAL_LEDGER", BASE_DIR / "withdrawals" / "withdrawn.jsonl")
)
BACKUPS_DIR = Path(env.text("BACKUPS_DIR", BASE_DIR / "backups"))

# Logs: one JSON object a line on stdout (scoping/serving/logs.py), one line per request
# (scoping.serving.middleware.RequestLogMiddleware; /healthz at DEBUG only), errors tagged
# with the request's id. LOG_LEVEL=DEBUG shows the health checks too.
LOGGING = logging_config(
    root={"handlers": ["stdout"], "level": env.text("LOG_LEVEL").upper()},
    loggers={
        # Django's own handlers (e-mail to admins, runserver's console) give way to the above.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # runserver's own line per request would repeat ours.
        "django.server": {"handlers": ["null"], "propagate": False},
    },
)

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Security headers. The Content-Security-Policy allows no inline script or
# style: every template keeps JavaScript and CSS in static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer's probe may come over HTTP
    SECURE_HSTS_SECONDS = int(env.text("SECURE_HSTS_SECONDS"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.flag("SECURE_HSTS_PRELOAD")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The Open Referral UK API (activities/api/). Partners' tokens by default;
# API_PUBLIC=true opens it to anyone, as the profile's compliance rules expect (no key,
# Access-Control-Allow-Origin: *). API_RATE_LIMIT is per token (per address when public).
API_PUBLIC = env.flag("API_PUBLIC")
API_RATE_LIMIT = env.text("API_RATE_LIMIT")

# How long the database keeps its logs (scoping/serving/housekeeping.py, manage.py prune_logs):
# sign-in records hold usernames and client addresses.
SIGN_IN_LOG_DAYS = env.days("SIGN_IN_LOG_DAYS")
SUBMITTER_EMAIL_DAYS = env.days("SUBMITTER_EMAIL_DAYS")
API_USE_LOG_DAYS = env.days("API_USE_LOG_DAYS")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["activities.api.access.PartnerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["activities.api.access.PartnerOrPublic"],
    "DEFAULT_THROTTLE_CLASSES": ["activities.api.access.PartnerRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # A 401 without a token says how to ask for one (the public About page).
    "EXCEPTION_HANDLER": "activities.api.errors.api_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Peer Support Directory: Open Referral UK API",
    "DESCRIPTION": (
        "The West Yorkshire & Harrogate peer support directory in the Open Referral UK "
        "profile (HSDS 3.0). A picture of what was visible when it was scoped: not "
        "exhaustive and not a signposting service."
    ),
    "VERSION": "3.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api",
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "ENUM_NAME_OVERRIDES": {},
}
