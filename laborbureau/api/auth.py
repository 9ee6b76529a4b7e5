"""API authentication: a bearer token (for systems) or the browser session (CSRF
checked for unsafe methods, as the pages do)."""

from django.middleware.csrf import CsrfViewMiddleware
from ninja.security.base import AuthBase

from laborbureau.core.services import api_token_authenticate


class SessionOrToken(AuthBase):
    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = api_token_authenticate(header[7:].strip())
            if user is not None:
                request.user = user
                request.auth_method = "token"
            return user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                check = CsrfViewMiddleware(lambda r: None)
                if check.process_view(request, None, (), {}) is not None:
                    return None
            request.auth_method = "session"
            return user
        return None

