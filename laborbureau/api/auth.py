"""API authentication: a bearer token (for systems) or the browser session (CSRF
checked for unsafe methods, as the pages do).

A request that sends an `Authorization: Bearer` header is judged by the token alone:
a wrong or revoked token answers 401 even when a session cookie came along, so a
misconfigured system never acts with a person's browser session by accident.
"""

from django.middleware.csrf import CsrfViewMiddleware
from ninja.security.base import AuthBase

from laborbureau.core.errors import Forbidden
from laborbureau.core.services import api_token_authenticate

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class SessionOrToken(AuthBase):
    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header[:7].lower() == "bearer ":
            key = header[7:].strip()
            user = api_token_authenticate(key) if 0 < len(key) <= 200 else None
            if user is not None:
                request.user = user
                request.auth_method = "token"
            return user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in SAFE_METHODS:
                check = CsrfViewMiddleware(lambda r: None)
                if check.process_view(request, None, (), {}) is not None:
                    raise Forbidden(
                        "CSRF 驗證失敗：以瀏覽器登入呼叫 API 時請附上 X-CSRFToken 標頭。",
                        "CSRF check failed: send the X-CSRFToken header when using a browser session.",
                        code="csrf_failed",
                    )
            request.auth_method = "session"
            return user
        return None
