"""Pages of the advice desk. Thin: forms parse, advice.services decides,
advice.selectors reads."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.forms import add_application_error
from laborbureau.core.i18n import pick
from laborbureau.core.models import User, UserKind
from laborbureau.core.services import access_log_record
from laborbureau.relations.advice import forms, policy, selectors, services
from laborbureau.relations.advice.models import AdviceBooking, AdviceSlot, BookingDocument


def _range(request, default_days: int = 14):
    form = forms.RangeForm(request.GET or None)
    today = timezone.localdate()
    date_from, date_to = today, today + timedelta(days=default_days)
    if form.is_valid():
        date_from = form.cleaned_data.get("date_from") or date_from
        date_to = form.cleaned_data.get("date_to") or date_from + timedelta(days=default_days)
    if date_to < date_from or (date_to - date_from).days > 120:
        date_to = date_from + timedelta(days=default_days)
    return form, date_from, date_to


# --- portal ----------------------------------------------------------------------------


def portal_slots(request):
    """Open slots: public, no personal data."""
    form = forms.SlotFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    slots = list(selectors.open_slots(
        date_from=filters.get("date_from"), date_to=filters.get("date_to"), topic=filters.get("topic") or "",
        language=filters.get("language") or "", mode=filters.get("mode") or "",
    )[:200])
    block = None
    if request.user.is_authenticated and request.user.kind == UserKind.CITIZEN and request.user.person_id:
        block = services.person_block(request.user.person)
    status = 422 if request.GET and not form.is_valid() else 200
    return render(request, "advice/slots.html", {
        "form": form, "slots": slots, "block": block, "policy": policy, "nav": "advice",
    }, status=status)


@login_required
def portal_book(request, pk: int):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    slot = get_object_or_404(AdviceSlot.objects.select_related("adviser"), pk=pk)
    if request.user.person_id is None:
        messages.info(request, pick("請先完成身分資料。", "Please complete your identity details first."))
        return redirect("portal_register")
    form = forms.BookingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.booking_create(
                actor=request.user, slot=slot, data=services.BookingInput(
                    topic=data["topic"], question=data["question"], language=data["language"], phone=data["phone"],
                    attachments=[(f.name, f.read()) for f in data.get("attachments") or []],
                ),
            )
        except ApplicationError as error:
            add_application_error(form, error, {"slot": "__all__", "booking": "__all__"})
        else:
            messages.success(request, pick(
                f"預約成功：{booking.slot_date:%Y-%m-%d} {booking.slot.start_time:%H:%M}。",
                f"Booked: {booking.slot_date:%Y-%m-%d} {booking.slot.start_time:%H:%M}.",
            ))
            return redirect("advice_my_bookings")
    status = 422 if request.method == "POST" else 200
    return render(request, "advice/book.html", {"form": form, "slot": slot, "policy": policy, "nav": "advice"},
                  status=status)


@login_required
def portal_my_bookings(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    bookings = list(selectors.my_bookings(request.user)[:100])
    now = timezone.now()
    for booking in bookings:
        booking.can_cancel = booking.status == "BOOKED" and now <= policy.cancel_deadline(
            services.slot_start(booking.slot))
    return render(request, "advice/my_bookings.html", {
        "bookings": bookings, "policy": policy, "nav": "advice", "is_adviser": services.adviser_of(request.user),
    })


@login_required
@require_POST
def portal_cancel(request, pk: int):
    booking = selectors.my_bookings(request.user).filter(pk=pk).first()
    if booking is None:
        raise Http404
    try:
        services.booking_cancel(actor=request.user, booking=booking, reason=request.POST.get("reason", "")[:200])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, pick("已取消預約。", "Booking cancelled."))
    return redirect("advice_my_bookings")


@login_required
def adviser_desk(request):
    """An adviser's day: who is booked, their questions and documents."""
    if services.adviser_of(request.user) is None:
        raise Http404
    form = forms.RangeForm(request.GET or None)
    day = timezone.localdate()
    if form.is_valid() and form.cleaned_data.get("date_from"):
        day = form.cleaned_data["date_from"]
    bookings = list(selectors.adviser_day(user=request.user, day=day))
    if bookings:
        access_log_record(user=request.user, action="view", object_type="advice_day", object_id=day.isoformat(),
                          purpose="義務律師諮詢（顧問當日預約）", object_label=f"{len(bookings)} bookings")
    return render(request, "advice/desk.html", {"bookings": bookings, "day": day, "form": form, "nav": "advice",
                                                "portal": True})


def _outcome(request, booking: AdviceBooking):
    """The outcome form: None once recorded (redirect), else the form to show."""
    form = forms.OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_outcome_record(actor=request.user, booking=booking,
                                            outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"])
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick("已登錄。", "Recorded."))
            return None
    return form


@login_required
def adviser_booking(request, pk: int):
    adviser = services.adviser_of(request.user)
    if adviser is None:
        raise Http404
    booking = AdviceBooking.objects.select_related("slot", "person").prefetch_related("documents").filter(
        pk=pk, slot__adviser=adviser).first()
    if booking is None:
        raise Http404
    access_log_record(user=request.user, action="view", object_type="advice_booking", object_id=booking.pk,
                      purpose="義務律師諮詢", object_label=booking.person.name)
    form = _outcome(request, booking)
    if form is None:
        return redirect(request.path)
    return render(request, "advice/booking.html", {
        "booking": booking, "form": form, "portal": True, "nav": "advice",
        "started": timezone.now() >= services.slot_start(booking.slot),
    }, status=422 if request.method == "POST" else 200)


@login_required
def document_download(request, pk: int):
    document = get_object_or_404(BookingDocument.objects.select_related("booking__slot"), pk=pk)
    if selectors.bookings_for(user=request.user).filter(pk=document.booking_id).first() is None:
        raise Http404
    access_log_record(user=request.user, action="view", object_type="advice_document", object_id=document.pk,
                      purpose="義務律師諮詢附件", object_label=document.original_name)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name,
                        content_type=document.content_type)


# --- staff ------------------------------------------------------------------------------


def _staff_reader(request):
    if not services.can_read(request.user):
        raise Http404


@staff_required
def staff_calendar(request):
    _staff_reader(request)
    form, date_from, date_to = _range(request)
    slots = list(selectors.slot_calendar(user=request.user, date_from=date_from, date_to=date_to))
    days: dict = {}
    for slot in slots:
        slot.booking = selectors.active_booking(slot)
        days.setdefault(slot.date, []).append(slot)
    return render(request, "advice/staff_calendar.html", {
        "form": form, "days": sorted(days.items()), "date_from": date_from, "date_to": date_to,
        "can_manage": services.can_manage(request.user), "close_form": forms.CloseSlotForm(), "nav": "advice",
    })


@staff_required
def staff_publish(request):
    if not services.can_manage(request.user):
        raise Http404
    form = forms.PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.slots_publish(
                actor=request.user, adviser=data["adviser"], date_from=data["date_from"], date_to=data["date_to"],
                weekdays=[int(d) for d in data["weekdays"]], start_times=data["start_times"],
                duration_minutes=data["duration_minutes"], mode=data["mode"], place=data["place"],
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, pick(
                f"已開放 {len(result.created)} 個時段，略過 {len(result.skipped)} 個（非上班日或重疊）。",
                f"Published {len(result.created)} slots; skipped {len(result.skipped)} (days off or overlaps).",
            ))
            return redirect(f"{request.path.rsplit('publish/', 1)[0]}?date_from={data['date_from']:%Y-%m-%d}"
                            f"&date_to={data['date_to']:%Y-%m-%d}")
    return render(request, "advice/staff_publish.html", {"form": form, "nav": "advice"},
                  status=422 if request.method == "POST" else 200)


@staff_required
@require_POST
def staff_slot_close(request, pk: int):
    slot = get_object_or_404(AdviceSlot, pk=pk)
    form = forms.CloseSlotForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError("請說明關閉理由。", "Give the reason.", field="reason")
        services.slot_close(actor=request.user, slot=slot, reason=form.cleaned_data["reason"])
    except ApplicationError as error:
        if error.status == 403:
            raise Http404 from None
        messages.error(request, error.message)
    else:
        messages.success(request, pick("時段已關閉。", "Slot closed."))
    return redirect(f"/staff/advice/?date_from={slot.date:%Y-%m-%d}")


@staff_required
def staff_advisers(request):
    _staff_reader(request)
    form = forms.AdviserForm(request.POST or None)
    if request.method == "POST":
        if not services.can_manage(request.user):
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            account = None
            if data["account"]:
                account = User.objects.filter(username=data["account"]).first()
                if account is None:
                    form.add_error("account", pick("查無此帳號。", "No such account."))
            if not form.errors:
                try:
                    services.adviser_create(actor=request.user, kind=data["kind"], name=data["name"],
                                            organisation=data["organisation"], topics=data["topics"],
                                            languages=data["languages"], account=account)
                except ApplicationError as error:
                    add_application_error(form, error)
                else:
                    messages.success(request, pick("已新增顧問。", "Adviser added."))
                    return redirect(request.path)
    return render(request, "advice/staff_advisers.html", {
        "form": form, "advisers": list(selectors.advisers(user=request.user)),
        "can_manage": services.can_manage(request.user), "nav": "advice",
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_bookings(request):
    _staff_reader(request)
    form, date_from, date_to = _range(request)
    status = request.GET.get("status", "")
    bookings = list(selectors.bookings_for(user=request.user, date_from=date_from, date_to=date_to,
                                           status=status if status in ("BOOKED", "CANCELLED", "ATTENDED", "NO_SHOW")
                                           else "")[:500])
    if bookings:
        access_log_record(user=request.user, action="search", object_type="advice_bookings",
                          object_id=f"{date_from:%Y%m%d}-{date_to:%Y%m%d}", purpose="義務律師諮詢預約清單",
                          object_label=f"{len(bookings)} bookings")
    return render(request, "advice/staff_bookings.html", {
        "form": form, "bookings": bookings, "date_from": date_from, "date_to": date_to, "nav": "advice",
    })


@staff_required
def staff_booking(request, pk: int):
    _staff_reader(request)
    booking = selectors.booking_get(user=request.user, pk=pk)
    if booking is None:
        raise Http404
    access_log_record(user=request.user, action="view", object_type="advice_booking", object_id=booking.pk,
                      purpose="義務律師諮詢", object_label=booking.person.name)
    form = forms.OutcomeForm()
    if request.method == "POST":
        if not services.can_manage(request.user):
            raise Http404
        if request.POST.get("action") == "cancel":
            try:
                services.booking_cancel(actor=request.user, booking=booking, reason=request.POST.get("reason", ""))
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, pick("已取消預約並通知民眾。", "Cancelled; the citizen was told."))
            return redirect(request.path)
        form = _outcome(request, booking)
        if form is None:
            return redirect(request.path)
    return render(request, "advice/booking.html", {
        "booking": booking, "form": form, "portal": False, "nav": "advice",
        "can_manage": services.can_manage(request.user),
        "started": timezone.now() >= services.slot_start(booking.slot),
    }, status=422 if request.method == "POST" else 200)


@staff_required
def staff_no_shows(request):
    _staff_reader(request)
    rows = selectors.no_show_list(user=request.user)
    if rows:
        access_log_record(user=request.user, action="search", object_type="advice_no_shows", object_id="list",
                          purpose="義務律師諮詢未到紀錄", object_label=f"{len(rows)} persons")
    return render(request, "advice/staff_no_shows.html", {"rows": rows, "policy": policy, "nav": "advice"})


@staff_required
def staff_figures(request):
    _staff_reader(request)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2013), timezone.localdate().year + 1)
    months, topics = selectors.monthly_figures(user=request.user, year=year)
    totals = {
        key: sum(getattr(m, key) for m in months) for key in ("slots", "booked", "attended", "no_show", "cancelled")
    }
    return render(request, "advice/staff_figures.html", {
        "months": months, "topics": topics, "year": year, "totals": totals, "nav": "advice",
    })
