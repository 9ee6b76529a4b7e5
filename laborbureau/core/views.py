"""Sign-in, sign-out and the profile page (API tokens). Thin: the throttle and
token logic live in core.services."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from laborbureau.core import services
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import LoginForm
from laborbureau.core.i18n import pick
from laborbureau.core.middleware import client_ip
from laborbureau.core.models import ApiToken, UserKind


def login_view(request):
    form = LoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        if services.login_is_throttled(username=username, ip=ip):
            form.add_error(
                None,
                pick(
                    "登入失敗次數過多，請15分鐘後再試。",
                    "Too many failed sign-ins. Try again in 15 minutes.",
                ),
            )
            return render(request, "registration/login.html", {"form": form, "next": next_url}, status=429)
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        services.login_attempt_record(username=username, ip=ip, succeeded=user is not None)
        if user is None:
            form.add_error(None, pick("帳號或密碼錯誤。", "Wrong username or password."))
        else:
            login(request, user)
            if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                return redirect(next_url)
            return redirect("staff_home" if user.kind == UserKind.STAFF else "portal_home")
    return render(request, "registration/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("home")


@login_required
def profile(request):
    new_key = None
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                token = ApiToken.objects.filter(pk=request.POST.get("revoke"), user=request.user).first()
                if token:
                    services.api_token_revoke(token=token, actor=request.user)
                    messages.success(request, pick("權杖已撤銷。", "Token revoked."))
                return redirect("profile")
            _, new_key = services.api_token_create(user=request.user, name=request.POST.get("name", ""))
        except ApplicationError as error:
            messages.error(request, error.message)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "core/profile.html", {"tokens": tokens, "new_key": new_key})
