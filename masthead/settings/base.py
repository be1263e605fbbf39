"""Settings shared by every environment.

Every value that differs between installations comes from an environment
variable; the README lists them all. Integrations switch on when their
variables are present (Redis when ``REDIS_URL`` is set).
"""

import os
from email.utils import formataddr
from pathlib import Path

import dj_database_url

from .server_env import var_dir

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = var_dir()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("MASTHEAD_DEBUG", False)
# The paper's real readers: a command refuses to send them mail through a backend
# that delivers none (masthead/core/outgoing_mail.py). Only the production settings.
MASTHEAD_PRODUCTION = False
SECRET_KEY = os.environ.get("MASTHEAD_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("MASTHEAD_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("MASTHEAD_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "masthead.core",
    "masthead.accounts",
    "masthead.images",
    "masthead.mailbox",
    "masthead.news",
    "masthead.search",
    "masthead.paywall",
    "masthead.subscriptions",
    "masthead.payments",
    "masthead.appeals",
    "masthead.breaking",
    "masthead.recommendations",
    "masthead.readership",
    "masthead.analytics",
    "masthead.experiments",
    "masthead.newsletters",
    "masthead.corrections",
    "masthead.edge",
    "masthead.importing",
    "masthead.liveblogs",
    "masthead.gifts",
    "masthead.institutions",
    "masthead.groups",
    "masthead.offers",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Before the page cache: /?p=123 (an old WordPress link) is a redirect, not the front.
    "masthead.importing.middleware.OldQueryLinkMiddleware",
    # First: a page every anonymous reader shares is sent from memory (masthead/edge).
    "masthead.edge.middleware.SharedPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A logged-in reader's article page, shared by readers of their kind (masthead/edge).
    "masthead.edge.middleware.SharedAccountPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A rate-limited reader gets the 429 page (masthead/core/limits.py).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # A conversion made in this request is credited from its reader (masthead/analytics).
    "masthead.analytics.middleware.ConversionRequestMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "masthead.core.context_processors.publication",
                "masthead.payments.context_processors.payments",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'masthead.sqlite3'}",
        conn_max_age=int(os.environ.get("MASTHEAD_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Writers take turns on a kernel lock rather than in SQLite's sleeping busy
    # handler (masthead/core/sqlite). WAL lets readers and the one writer work
    # at once; the timeout is only a last resort.
    DATABASES["default"]["ENGINE"] = "masthead.core.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Connections stay open: when the last one to a WAL database closes, SQLite
    # checkpoints and removes the log, which costs a sync on every request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "masthead.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("MASTHEAD_CACHE_PREFIX", "masthead"),
        }
    }
    # Wagtail's rendition records never change once made: each process keeps them.
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
    # Sessions read from Redis, written through to the database: a logged-in
    # reader's kept page costs no query (a Redis outage falls back to the table).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The shared page cache (masthead/edge): rendered fronts and article variants,
# shared by every worker and server (in Redis when REDIS_URL is set; in
# VAR_DIR through diskcache on the embedded default), each process keeping its
# hottest pages in memory too. Kept pages are checked against the versions of
# the tags they were made from (a Redis hash, or files in VAR_DIR).
# URLs in each part of the sitemap index (50,000 is the sitemap protocol's limit).
MASTHEAD_SITEMAP_PART_SIZE = int(os.environ.get("MASTHEAD_SITEMAP_PART_SIZE", "50000"))

MASTHEAD_EDGE = {
    "enabled": env_bool("MASTHEAD_EDGE", True),
    "redis_url": REDIS_URL,
    "prefix": os.environ.get("MASTHEAD_CACHE_PREFIX", "masthead") + ":edge",
    "versions_dir": VAR_DIR / "page-versions",
    "pages_dir": VAR_DIR / "pages",
    "max_bytes": int(os.environ.get("MASTHEAD_EDGE_MAX_MB", "64")) * 1024 * 1024,
    "shared_max_bytes": int(os.environ.get("MASTHEAD_EDGE_SHARED_MAX_MB", "512")) * 1024 * 1024,
    # After a publish, a kept page it touched (a front, a story whose similar list moved)
    # is sent as it was for at most this long while it is rendered again off the readers'
    # path (masthead/edge/revalidation.py); 0: every reader after a change gets it new.
    "stale_seconds": float(os.environ.get("MASTHEAD_STALE_SECONDS", "5")),
    "revalidate": "thread",
}

# Similar stories with sentence vectors too (needs `pip install masthead[embeddings]`;
# better on short texts, far slower to rebuild a large archive).
MASTHEAD_SIMILAR_EMBEDDINGS = env_bool("MASTHEAD_SIMILAR_EMBEDDINGS", False)

# Read counts for "Most read" (masthead/readership): counted in each process,
# written every flush_seconds (or once flush_reads are waiting), ranked over
# window_days; the front's list moves at most every min_bump_seconds.
MASTHEAD_READERSHIP = {
    "background": True,
    "flush_seconds": int(os.environ.get("MASTHEAD_READS_FLUSH_SECONDS", "30")),
    "flush_reads": 1000,
    "refresh_seconds": int(os.environ.get("MASTHEAD_MOST_READ_REFRESH_SECONDS", "180")),
    "min_bump_seconds": 180,
    "window_days": 2,
}

# Reader analytics (masthead/analytics): every page sent is counted in the process
# and written every MASTHEAD_READERSHIP["flush_seconds"]; a reader's day mark every
# marks_seconds. The rollups are kept retention_days (0: for ever).
# MASTHEAD_ANALYTICS=off stops the counting (the bench's side-by-side rows).
MASTHEAD_ANALYTICS = {
    "counting": os.environ.get("MASTHEAD_ANALYTICS", "on") != "off",
    "marks_seconds": 2,
    "retention_days": int(os.environ.get("MASTHEAD_ANALYTICS_RETENTION_DAYS", "730")),
}

# A CDN or caching proxy in front that takes PURGE requests (Varnish, nginx with a
# purge module …): Wagtail purges a page when it is published or unpublished,
# and masthead/edge its section front and the front page with it.
if os.environ.get("MASTHEAD_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["MASTHEAD_FRONTEND_CACHE_URL"],
        }
    }

# Metered access. The meter store keeps who read what this month; Redis when
# REDIS_URL is set (several app servers), the database otherwise.
MASTHEAD_METER_STORE = (
    {
        "BACKEND": "masthead.paywall.meter.redis.RedisMeterStore",
        "OPTIONS": {
            "url": REDIS_URL,
            "prefix": os.environ.get("MASTHEAD_METER_PREFIX", "masthead:meter"),
        },
    }
    if REDIS_URL
    else {"BACKEND": "masthead.paywall.meter.database.DatabaseMeterStore"}
)
# How many proxies of our own stand in front of the app; X-Forwarded-For is
# believed for exactly that many hops and no more.
MASTHEAD_TRUSTED_PROXY_COUNT = int(os.environ.get("MASTHEAD_TRUSTED_PROXY_COUNT", "0"))
MASTHEAD_PAST_DUE_GRACE_DAYS = int(os.environ.get("MASTHEAD_PAST_DUE_GRACE_DAYS", "7"))

# Payments: Stripe when its secret key is set, the local demo provider otherwise.
MASTHEAD_STRIPE_SECRET_KEY = os.environ.get("MASTHEAD_STRIPE_SECRET_KEY", "")
MASTHEAD_STRIPE_WEBHOOK_SECRET = os.environ.get("MASTHEAD_STRIPE_WEBHOOK_SECRET", "")
MASTHEAD_STRIPE_API_BASE = os.environ.get("MASTHEAD_STRIPE_API_BASE", "")
MASTHEAD_PAYMENT_PROVIDER = "stripe" if MASTHEAD_STRIPE_SECRET_KEY else "demo"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "/accounts/login/"
# A page the newsroom set to "logged-in users only" sends readers to the site's own log-in.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"

# Reader accounts (django-allauth): email and password, no usernames.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"  # unverified readers keep the anonymous allowance
ACCOUNT_CONFIRM_EMAIL_ON_GET = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True  # "email me a log-in code" beside the password
ACCOUNT_ADAPTER = "masthead.accounts.adapter.ReaderAccountAdapter"
# allauth's forms with the paper's labels (masthead/accounts/forms.py).
ACCOUNT_FORMS = {
    name: f"masthead.accounts.forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "request_login_code": "RequestLoginCodeForm",
        "confirm_login_code": "ConfirmLoginCodeForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
# django-allauth's rate limits (per IP, per account or per address) on log-in,
# registration, password reset and log-in codes; the rest are its defaults.
# A limited reader gets templates/429.html. Counted in the default cache.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip,10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,3/h/key",
    "request_login_code": "20/m/ip,3/10m/key",
}
# Masthead's own (masthead/core/limits.py, django-ratelimit): tries per
# reader's address. Counted in the default cache (Redis when REDIS_URL is set:
# every server counts together); a cache outage lets the try through.
MASTHEAD_RATE_LIMITS = {
    "newsletter_signup": "10/h",  # sign-up forms sent and one-click joins
    "gift_link": "30/h",  # gift links made (the month's allowance still applies)
    "offer_code": "20/h",  # offer codes typed on /subscribe/
}
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "masthead.core.limits.too_many"
RATELIMIT_FAIL_OPEN = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("MASTHEAD_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("MASTHEAD_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MASTHEAD_MEDIA_ROOT", VAR_DIR / "media"))
MASTHEAD_SERVE_MEDIA = env_bool("MASTHEAD_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media in an S3-compatible bucket when MASTHEAD_S3_BUCKET is set
# (`pip install masthead[s3]`): what several app servers share.
if os.environ.get("MASTHEAD_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MASTHEAD_S3_BUCKET"],
            "endpoint_url": os.environ.get("MASTHEAD_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MASTHEAD_S3_REGION") or None,
            "custom_domain": os.environ.get("MASTHEAD_MEDIA_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    MASTHEAD_SERVE_MEDIA = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "MASTHEAD_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    },
    # Newsletter editions go out from a queue in the database, sent by its worker
    # (`masthead db_worker --backend newsletters --queue-name newsletters`, which
    # `make serve` starts); an edition whose worker was killed is resumed by the next.
    "newsletters": {
        "BACKEND": os.environ.get(
            "MASTHEAD_NEWSLETTER_TASK_BACKEND", "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["newsletters"],
    },
    # Work a publish or an upload sets off that must not run in the web worker which
    # served the editor: similar-stories refreshes (numpy, scipy, scikit-learn and the
    # archive's index) and image renditions. Its worker (`masthead db_worker --backend
    # background --queue-name background`) runs beside the server in `make demo` and
    # `make serve`; what a killed worker was running is queued again by `masthead
    # resume_tasks background`, which they run first.
    "background": {
        "BACKEND": os.environ.get(
            "MASTHEAD_BACKGROUND_TASK_BACKEND", "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["background"],
    },
}
# Newsletters: how long a sender's claim on a batch of addresses lasts before
# another sender may take it over (a crashed sender's batch is resumed after it).
MASTHEAD_NEWSLETTER_CLAIM_SECONDS = int(os.environ.get("MASTHEAD_NEWSLETTER_CLAIM_SECONDS", "120"))
MASTHEAD_NEWSLETTER_BATCH = int(os.environ.get("MASTHEAD_NEWSLETTER_BATCH", "500"))
# SMTP connections an edition is sent over at once (each a thread of the sender).
MASTHEAD_NEWSLETTER_CONNECTIONS = int(os.environ.get("MASTHEAD_NEWSLETTER_CONNECTIONS", "4"))
# Bounces and complaints from a provider's webhook (django-anymail), at
# /newsletters/anymail/<esp>/tracking/, behind HTTP basic auth with this secret.
ANYMAIL = {"WEBHOOK_SECRET": os.environ.get("MASTHEAD_ANYMAIL_WEBHOOK_SECRET", "")}

# The publication
MASTHEAD_PUBLICATION_NAME = os.environ.get("MASTHEAD_PUBLICATION_NAME", "The Daily Lantern")
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{MASTHEAD_PUBLICATION_NAME}: "
# Every email, the newsroom's included, comes from the paper by name.
DEFAULT_FROM_EMAIL = formataddr(
    (MASTHEAD_PUBLICATION_NAME, os.environ.get("MASTHEAD_FROM_EMAIL", "newsroom@localhost"))
)
MASTHEAD_PUBLICATION_TAGLINE = os.environ.get(
    "MASTHEAD_PUBLICATION_TAGLINE", "Independent, and paid for by its readers"
)
# Printed at the foot of every email, as the law on commercial email asks.
MASTHEAD_PUBLICATION_ADDRESS = os.environ.get(
    "MASTHEAD_PUBLICATION_ADDRESS", "14 Quay Street, Ardmouth AR1 4QS, United Kingdom"
)
MASTHEAD_PUBLICATION_LANGUAGE = "en-GB"
MASTHEAD_ARTICLES_PER_PAGE = 12
MASTHEAD_FEED_ITEMS = 30
MASTHEAD_NEWS_SITEMAP_HOURS = 48

# Wagtail
WAGTAIL_SITE_NAME = MASTHEAD_PUBLICATION_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("MASTHEAD_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.MastheadImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {
    # On PostgreSQL this backend uses its full-text search; on SQLite, FTS5.
    "default": {"BACKEND": "wagtail.search.backends.database"}
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff without an uploaded picture get Wagtail's own default avatar: asking
# gravatar.com would tell an outside service who is at work in the newsroom.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "txt", "docx", "odt", "xlsx"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MASTHEAD_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
