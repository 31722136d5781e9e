"""Settings for the STCE Training & Accreditation Manager.

Everything that differs between a laptop and production comes from the environment;
development works with no variable set. See README.md for the list.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or _DEV_SECRET_KEY
# A weak key in production makes sessions and password-reset tokens forgeable, so refuse
# to start rather than warn.
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
        "when DJANGO_DEBUG=0. Generate one with: python -c \"import secrets; "
        'print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Base of the links printed on certificates (QR codes), in e-mails and calendar files, e.g.
# https://stce.wcoomd.org. Required when DJANGO_DEBUG=0 (a system check stops start-up);
# in development, links follow the address the server is reached at (people.links).
STCE_PUBLIC_URL = os.environ.get("STCE_PUBLIC_URL", "").strip().rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",  # authenticator apps
    "django_otp.plugins.otp_static",  # recovery codes
    # The task queue: Django's Tasks API (backport) and its database backend.
    "django_tasks",
    "django_tasks_db",
    # Lowest layer first; a layer imports only those listed before it (see README, Architecture).
    "people",
    "background",
    "mailing",
    "courses",
    "evaluation",
    "frameworks",
    "certificates",
    "nominations",
    "accreditation",
    "reporting",
    "stce",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "stce.middleware.ServedAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "stce.middleware.SecondFactorMiddleware",
    "stce.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "stce.middleware.ContentSecurityPolicyMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stce.urls"
WSGI_APPLICATION = "stce.wsgi.application"

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
                "django.template.context_processors.i18n",
                "people.context_processors.roles",
                "people.context_processors.menu_badges",
                "nominations.context_processors.focal_point",
                "accreditation.context_processors.expert",
            ],
        },
    },
]

# SQLite under var/ by default; PostgreSQL (or anything dj-database-url knows) via DATABASE_URL.
(BASE_DIR / "var" / "staticfiles").mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'stce.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at BEGIN,
    # so two concurrent writers queue instead of failing with "database is locked" mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # The test database is a file, not memory, so that a worker started by a test (a separate
    # process, as in production) works on the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test_stce.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
TIME_ZONE = "Europe/Brussels"  # The WCO Secretariat's time zone.
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploads previewed but not yet committed (participant imports): whole files of personal data
# kept for at most an hour, outside the media storage so that backups never copy them.
STCE_PENDING_IMPORTS_ROOT = Path(
    os.environ.get("STCE_PENDING_IMPORTS_ROOT", BASE_DIR / "var" / "pending-imports")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "pending_imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": STCE_PENDING_IMPORTS_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "stce.storage.StaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploads: participant lists are small; refuse anything huge before it reaches a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Dashboards: the share of women the programme aims at (percent), and whether exports
# replace counts of fewer than 5 people by "<5" (so that nobody can be singled out).
STCE_GENDER_TARGET = float(os.environ.get("STCE_GENDER_TARGET", "50"))
STCE_MASK_SMALL_COUNTS = env_bool("STCE_MASK_SMALL_COUNTS", True)
STCE_MAX_IMPORT_BYTES = int(os.environ.get("STCE_MAX_IMPORT_BYTES", 10 * 1024 * 1024))
# The upload gate (documents/uploads.py): what an import may hold once unpacked and read.
STCE_MAX_UNPACKED_BYTES = int(os.environ.get("STCE_MAX_UNPACKED_BYTES", 200 * 1024 * 1024))
STCE_MAX_IMPORT_ROWS = int(os.environ.get("STCE_MAX_IMPORT_ROWS", 100_000))
STCE_MAX_IMPORT_COLUMNS = int(os.environ.get("STCE_MAX_IMPORT_COLUMNS", 50))

# Caches, rate limits and lockouts must be shared by every app server: the database by
# default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "stce_cache",
        }
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Login protection (django-axes): lock the username and the address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Lockouts must hold on every app server: in the database (AccessAttempt rows) by default,
# in the shared Redis cache when there is one.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler" if REDIS_URL else "axes.handlers.database.AxesDatabaseHandler"
)
# Axes would log the username and address of every failed sign-in; log a keyed digest instead.
AXES_CLIENT_STR_CALLABLE = "stce.security.anonymous_client_str"
# Lockouts key on the client's address as the trusted proxies report it (see below).
AXES_CLIENT_IP_CALLABLE = "people.client_address.client_address"

# Reverse proxies in front of the app servers: how many in a row ("1" for one nginx), or the
# networks they are in ("10.0.0.0/8,192.168.0.0/16"). Sign-in lockouts and the verify rate
# limit then read the client's address from X-Forwarded-For, right to left past those hops
# (people/client_address.py). Unset: X-Forwarded-For is ignored, REMOTE_ADDR is the client.
STCE_TRUSTED_PROXIES = os.environ.get("STCE_TRUSTED_PROXIES", "").strip() or 0

# Two-factor sign-in (people/twofactor.py): coordinators and administrators confirm each
# sign-in with a code from an authenticator app or a recovery code, and accreditation
# decisions need such a session. On by default in production, off in development.
STCE_REQUIRE_2FA = env_bool("STCE_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "WCO STCE"  # the account's name in the authenticator app
OTP_TOTP_THROTTLE_FACTOR = 1  # after wrong codes, wait 1, 2, 4, 8 ... seconds (kept on the device)
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the back office shows no key or QR code
# Keep typed codes out of axes' record of a failed attempt.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]

# People with no activity for this many years are listed by `manage.py list_retention_due`.
STCE_RETENTION_YEARS = int(os.environ.get("STCE_RETENTION_YEARS", "10"))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# A mail server that stops answering must not hold a worker for ever.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "stce-programme@wcoomd.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (README, "Workers"). Tasks are enqueued through Django's Tasks API; the
# database backend keeps them in this database, so enqueuing commits or rolls back with the
# request's own writes, and `manage.py run_worker` runs them on any number of machines.
# STCE_TASK_BACKEND names another backend of the same API for a larger installation.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("STCE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail"],
    }
}
# A task still "running" after this long lost its worker (a machine that never came back)
# and is run again; it must be longer than the longest task.
BACKGROUND_STALE_AFTER_SECONDS = int(os.environ.get("STCE_TASK_STALE_AFTER_SECONDS", str(30 * 60)))
BACKGROUND_MAINTENANCE_EVERY_SECONDS = float(os.environ.get("STCE_TASK_MAINTENANCE_SECONDS", "30"))
# Daily work run by the workers instead of cron: name -> (task, "HH:MM" in TIME_ZONE). The
# first worker to see a schedule due enqueues it, once a day.
# Called by every worker's maintenance pass (every BACKGROUND_MAINTENANCE_EVERY_SECONDS):
# short, idempotent clean-ups that cannot wait for a daily schedule.
BACKGROUND_HOUSEKEEPING = ["courses.services.participant_import.forget_stale_uploads"]
BACKGROUND_SCHEDULES = {
    "trainings-that-took-place": ("courses.tasks.mark_trainings_that_took_place", "00:05"),
    "accreditation-expiry-reminders": ("accreditation.tasks.send_expiry_reminders", "07:00"),
    "event-reminders": ("courses.tasks.send_event_reminders", "07:10"),
    "delivery-invitation-reminders": ("accreditation.tasks.remind_delivery_invitations", "07:20"),
    "scheduled-reports": ("reporting.tasks.produce_due_reports", "06:00"),
}
# E-mail: seconds to wait before each new attempt after a failure (the number of delays is
# the number of retries); what to do with a message whose worker died between the mail
# server's acceptance and the record of it ("resend": again, with the same Message-ID;
# "hold": mark it "unknown" for a coordinator to decide); messages per sending task.
STCE_MAIL_RETRY_DELAYS = [
    float(d) for d in env_list("STCE_MAIL_RETRY_DELAYS", "60,600,3600,21600")
]
STCE_MAIL_ON_AMBIGUOUS = os.environ.get("STCE_MAIL_ON_AMBIGUOUS", "resend")
STCE_MAIL_CHUNK = int(os.environ.get("STCE_MAIL_CHUNK", "50"))
# Above these sizes the work goes to a worker and the page shows its progress.
STCE_BACKGROUND_IMPORT_ROWS = int(os.environ.get("STCE_BACKGROUND_IMPORT_ROWS", "2000"))
STCE_BACKGROUND_CERTIFICATES = int(os.environ.get("STCE_BACKGROUND_CERTIFICATES", "30"))
# Participants informed of an event are reminded this many days before it starts (0: never).
STCE_EVENT_REMINDER_DAYS = int(os.environ.get("STCE_EVENT_REMINDER_DAYS", "7"))
# Experts who have not answered an invitation to deliver are reminded once after this many days.
STCE_INVITATION_REMINDER_DAYS = int(os.environ.get("STCE_INVITATION_REMINDER_DAYS", "5"))

# Security settings from Django's deployment checklist. Behind a TLS-terminating proxy
# set DJANGO_SECURE_PROXY_SSL_HEADER=1.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs carry ids and actions, never names or e-mail addresses.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"no_personal_data": {"()": "stce.security.PersonalDataLogFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # A worker says which task it runs and how it ended (ids, never names or addresses).
        "django_tasks": {"level": "INFO"},
        "django_tasks_db": {"level": "INFO"},
    },
}
