from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from laborbureau.core.models import UserKind


def staff_required(view):
    """Staff pages: anonymous users go to sign-in; portal users get 404 (the staff
    workspace does not exist for them)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.kind != UserKind.STAFF:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
