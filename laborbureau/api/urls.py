"""The REST API: one NinjaAPI at /api/, version 1 routers at /api/v1/..., OpenAPI
docs at /api/docs. Routers live in their apps (`<app>/api.py`) and are mounted here."""

from ninja import NinjaAPI

from laborbureau.api.auth import SessionOrToken
from laborbureau.api.errors import install_error_handlers

api = NinjaAPI(
    title="臺北市政府勞動局 業務平台 API (Department of Labor, Taipei City)",
    version="1",
    description=(
        "Labor-affairs platform API. Authenticate with `Authorization: Bearer <token>` "
        "(create a token on your profile page or with `manage.py create_token USERNAME`); "
        "a signed-in browser session works too. Every endpoint applies the same unit-scoped "
        "permissions as the staff pages. Errors: 4xx with `{\"detail\": [{\"loc\": [...], "
        "\"msg\": \"...\", \"msg_en\": \"...\", \"type\": \"...\"}]}`."
    ),
    auth=SessionOrToken(),
    urls_namespace="api",
    docs_url="docs",
    openapi_url="openapi.json",
)
install_error_handlers(api)

# Routers are mounted by laborbureau.api.routers (imported last to avoid cycles).
from laborbureau.api import routers  # noqa: E402,F401
