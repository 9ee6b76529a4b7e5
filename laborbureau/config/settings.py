"""One settings module for every environment, read from the environment.

LB_ENV selects the environment: `development` (the default: `make run`), `test`
(pytest) or `production`. Production refuses to start without a secret key, allowed
hosts and a PostgreSQL DATABASE_URL; nothing exists only in production.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from laborbureau.config.env import env_bool, env_choice, env_int, env_list, env_str
from laborbureau.config.sqlite import use_pinned_sqlite

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("LB_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_choice("LB_ENV", "development", {"development", "test", "production"})
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"

DEBUG = env_bool("DEBUG", ENVIRONMENT == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
else:
    # A fixed key for development and tests only; production refuses it above.
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-laborbureau-" + "x" * 32)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "laborbureau.core",
    "laborbureau.cases",
    "laborbureau.fines",
    "laborbureau.notify",
    "laborbureau.documents",
    "laborbureau.search",
    "laborbureau.relations",
    "laborbureau.relations.mediation",
    "laborbureau.relations.layoffs",
    "laborbureau.relations.closures",
    "laborbureau.relations.advice",
    "laborbureau.relations.fund",
    "laborbureau.inspection.inspections",
    "laborbureau.employment",
    "laborbureau.employment.fairs",
    "laborbureau.employment.certification",
    "laborbureau.employment.layoffnotices",
    "laborbureau.employment.recruitment",
    "laborbureau.inspection.accidents",
    "laborbureau.inspection.registries",
    "laborbureau.inspection.hazardous",
    "laborbureau.calculators",
    "laborbureau.portal",
    "laborbureau.backoffice",
    "laborbureau.api",
    "laborbureau.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "laborbureau.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "laborbureau.config.urls"
WSGI_APPLICATION = "laborbureau.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "laborbureau" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "laborbureau.notify.context_processors.unread_notifications",
            ],
            "builtins": [
                "django.templatetags.static",
                "django.templatetags.i18n",
                "laborbureau.core.templatetags.lb",
            ],
        },
    }
]

# Database: SQLite (WAL) under var/ by default; DATABASE_URL for PostgreSQL.
use_pinned_sqlite()  # the system's SQLite loses FTS5 rows read newest first (config/sqlite.py)
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    if PRODUCTION:
        raise ImproperlyConfigured("Production needs DATABASE_URL pointing at PostgreSQL.")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "laborbureau.sqlite3",
            "OPTIONS": {
                # WAL lets the worker and the web server share the file; IMMEDIATE
                # transactions take the write lock up front instead of failing on upgrade.
                # mmap: index reads (search facets) skip SQLite's small page cache.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env_str("LB_TEST_DB_NAME", "test_laborbureau")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login throttling (core.services.login_*): failures per username and per address.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=60)

# Internationalisation: zh-Hant first, English second, Taipei time.
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Outside production WhiteNoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if not PRODUCTION
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("LB_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# Attachments: stored outside the database (cases.services.attachment_add).
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Background work: Django tasks through the database backend (`manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@bola.taipei.example")
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 8, minimum=1)
# The SMS gateway: a class with send(phone, text) (notify.sms); the shipped one logs.
NOTIFY_SMS_BACKEND = env_str("NOTIFY_SMS_BACKEND", "laborbureau.notify.sms.LoggingSmsBackend")

# Public base URL printed on documents (verification links and QR codes).
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Security. Cookies are HTTP-only and same-site everywhere, secure in production.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Demo logins exist only outside production (core.management.commands.seed_demo).
DEMO_DATA_ALLOWED = not PRODUCTION

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING" if TESTING else "INFO")},
    # WeasyPrint logs every stylesheet it parses at INFO; only its warnings matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 50
# Bounded page numbers and sizes: a huge page is a 422, never a database overflow.
NINJA_PAGINATION_CLASS = "laborbureau.api.pagination.Pages"
