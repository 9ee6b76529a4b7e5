"""Settings for pytest: the base settings with LB_ENV=test (fast hasher, immediate
tasks, quiet logs). DATABASE_URL still selects PostgreSQL when set."""

import os

os.environ["LB_ENV"] = "test"

from laborbureau.config.settings import *  # noqa: E402,F403

MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
