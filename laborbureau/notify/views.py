"""The signed-in user's notices, and the administrators' view of the outbox. Thin:
writes go through notify.services, reads through notify.selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from laborbureau.core.errors import ApplicationError, NotFound
from laborbureau.core.i18n import pick
from laborbureau.core.services import access_log_record
from laborbureau.notify import selectors, services
from laborbureau.notify.models import OutboxMessage

PAGE_SIZE = 50


@require_GET
@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.notification_list(user=request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notify/list.html",
        {
            "page": page,
            "notices": page.object_list,
            "unread_only": unread_only,
            "unread_count": selectors.notification_unread_count(user=request.user),
        },
    )


@require_POST
@login_required
def notification_read(request, pk: int):
    """Mark one notice read; with `open`, go on to what it links to."""
    try:
        notification = services.notification_mark_read(actor=request.user, notification_id=pk)
    except NotFound:
        raise Http404 from None
    link = notification.link
    if (
        "open" in request.POST
        and link.startswith("/")
        and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    ):
        return redirect(link)
    return redirect("notifications")


@require_POST
@login_required
def notification_read_all(request):
    count = services.notification_mark_all_read(actor=request.user)
    messages.success(request, pick(f"已將 {count} 則通知標為已讀。", f"Marked {count} notices read."))
    return redirect("notifications")


def _sysadmin_only(request):
    """Anonymous users sign in; everyone else but administrators finds nothing here."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_manage_outbox(request.user):
        raise Http404
    return None


@require_GET
def outbox_list(request):
    refusal = _sysadmin_only(request)
    if refusal:
        return refusal
    status = request.GET.get("status", "")
    if status not in (OutboxMessage.Status.DEAD, OutboxMessage.Status.PENDING):
        status = ""
    page = Paginator(selectors.outbox_list(status=status or None), PAGE_SIZE).get_page(request.GET.get("page"))
    # Recipients' addresses and the notices' texts are personal data.
    access_log_record(
        user=request.user,
        action="view",
        object_type="outbox",
        object_id=status or "undelivered",
        purpose="通知發送監控 notification delivery monitoring",
    )
    return render(request, "notify/outbox.html", {"page": page, "messages_page": page.object_list, "status": status})


@require_POST
def outbox_retry(request, pk: int):
    refusal = _sysadmin_only(request)
    if refusal:
        return refusal
    try:
        services.outbox_retry(actor=request.user, message_id=pk)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, pick(f"訊息 #{pk} 已排入立即重送。", f"Message #{pk} will be retried now."))
    return redirect("notification_outbox")
