"""Carries the request's address and path to the access log without threading them
through every service call."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str = ""
    path: str = ""


current_request: ContextVar[RequestContext] = ContextVar("current_request", default=RequestContext())  # noqa: B039 - frozen


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy
    # rewrites it, and the log must not record an address the client chose.
    return request.META.get("REMOTE_ADDR", "")[:45]


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(RequestContext(ip=client_ip(request), path=request.path[:300]))
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
