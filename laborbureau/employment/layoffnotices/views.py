"""Pages of the layoff notices. Thin: services decide, selectors read.

Portal (employer account): file a notice, upload a list and follow its check, read the
report (and download it), confirm or discard. Portal (citizen): the invitations
addressed to them; accept (job-seeker registration and matches) or decline. Staff
(Employment Services Office): the notices (late ones flagged), a notice's workers with
their invitations and matches (logged), the fine case in one step, bulk matching; a
paper notice entered for an employer; the invitation letters to print for workers the
portal and e-mail cannot reach.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from laborbureau.core.decorators import staff_required
from laborbureau.core.errors import ApplicationError
from laborbureau.core.i18n import pick
from laborbureau.core.models import UserKind
from laborbureau.core.services import access_log_record
from laborbureau.employment.layoffnotices import rows, selectors, services, workflows
from laborbureau.employment.layoffnotices.models import Channel, Ground, LayoffWorker, UploadStatus
from laborbureau.employment.models import Occupation
from laborbureau.rules import roc_calendar

FORM_WORKERS = 5
COUNTER_WORKERS = 10  # a paper list is typed in ten rows at a time (more: several notices, or the employer uploads)
PURPOSE = "資遣通報（就業服務法第33條）"


def _employer(request):
    if request.user.kind != UserKind.EMPLOYER or not request.user.employer_id:
        raise Http404
    return request.user


# --- employer ---------------------------------------------------------------------------------


@login_required
def employer_notices(request):
    _employer(request)
    notices = list(selectors.notice_list(user=request.user)[:100])
    uploads = list(selectors.uploads_readable_by(request.user).exclude(status=UploadStatus.DISCARDED)[:20])
    return render(request, "layoffnotices/employer_notices.html", {"notices": notices, "uploads": uploads})


@login_required
def employer_notice(request, pk: int):
    _employer(request)
    notice = selectors.notice_get(request.user, pk)
    if notice is None:
        raise Http404
    page = Paginator(LayoffWorker.objects.filter(notice=notice).order_by("row"), 100).get_page(request.GET.get("page"))
    access_log_record(user=request.user, action="view", object_type="layoff_notice", object_id=notice.pk,
                      purpose=PURPOSE, object_label=notice.number)
    return render(request, "layoffnotices/employer_notice.html", {"notice": notice, "page": page})


def _worker_values(post, index: int) -> dict[str, str]:
    return {column.key: post.get(f"w{index}-{column.key}", "").strip() for column in rows.COLUMNS}


@login_required
def employer_notice_new(request):
    """The form: up to FORM_WORKERS workers (a longer list: the upload)."""
    _employer(request)
    sites = list(request.user.employer.establishments.order_by("name"))
    context = {"sites": sites, "columns": rows.COLUMNS, "grounds": Ground.choices, "indexes": range(FORM_WORKERS),
               "values": {}, "error": None}
    if request.method == "POST":
        workers = [values for values in (_worker_values(request.POST, i) for i in range(FORM_WORKERS))
                   if any(values.values())]
        site_id = request.POST.get("establishment_id") or None
        data = services.NoticeInput(
            workers=workers, establishment_id=int(site_id) if site_id and site_id.isdigit() else None,
            establishment_name=request.POST.get("establishment_name", ""),
            force_majeure=request.POST.get("force_majeure") == "on",
            contact_name=request.POST.get("contact_name", ""), contact_phone=request.POST.get("contact_phone", ""),
            channel=Channel.PORTAL,
        )
        try:
            notice = services.notice_file(data=data, actor=request.user)
        except ApplicationError as error:
            context.update(error=error, values=request.POST)
            return render(request, "layoffnotices/employer_notice_form.html", context, status=422)
        messages.success(request, pick(f"已通報（{notice.number}）。", f"Filed as {notice.number}."))
        return redirect("layoffnotices_employer_notice", pk=notice.pk)
    return render(request, "layoffnotices/employer_notice_form.html", context)


@login_required
def employer_upload_new(request):
    _employer(request)
    sites = list(request.user.employer.establishments.order_by("name"))
    context = {"sites": sites, "columns": rows.COLUMNS, "error": None}
    if request.method == "POST":
        upload_file = request.FILES.get("file")
        site_id = request.POST.get("establishment_id") or None
        try:
            if upload_file is None:
                raise ApplicationError("請選擇檔案。", "Choose a file.", field="file")
            if upload_file.size > services.parsing.MAX_BYTES:
                raise ApplicationError("檔案超過30MB。", "The file is over 30 MB.", field="file")
            upload, created = services.upload_create(data=services.UploadInput(
                file_name=upload_file.name, content=upload_file.read(),
                establishment_id=int(site_id) if site_id and site_id.isdigit() else None,
                establishment_name=request.POST.get("establishment_name", ""),
                force_majeure=request.POST.get("force_majeure") == "on"), actor=request.user)
        except ApplicationError as error:
            context["error"] = error
            return render(request, "layoffnotices/employer_upload_form.html", context, status=422)
        if not created:
            messages.info(request, pick("此檔案先前已上傳，以下為原檢核結果。", "This file was uploaded before: its report."))
        return redirect("layoffnotices_employer_upload", pk=upload.pk)
    return render(request, "layoffnotices/employer_upload_form.html", context)


def _own_upload(request, pk: int):
    _employer(request)
    upload = selectors.upload_get(request.user, pk)
    if upload is None:
        raise Http404
    return upload


@login_required
def employer_upload(request, pk: int):
    """Progress (refreshing itself while the check runs), then the report and the buttons."""
    upload = _own_upload(request, pk)
    errors_page = Paginator(upload.errors, 200).get_page(request.GET.get("page"))
    errors_page.object_list = [
        {**item, "label": f"{rows.BY_KEY[item['column']].zh} {rows.BY_KEY[item['column']].en}"
         if item["column"] in rows.BY_KEY else ""} for item in errors_page.object_list]
    notice = selectors.notices_readable_by(request.user).filter(upload=upload).first()
    return render(request, "layoffnotices/employer_upload.html", {
        "upload": upload, "errors_page": errors_page, "notice": notice,
        "more_errors": upload.error_count - len(upload.errors)})


@login_required
def employer_upload_report(request, pk: int):
    upload = _own_upload(request, pk)
    response = HttpResponse(services.report_csv(upload), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="layoff-upload-{upload.pk}-report.csv"'
    return response


@login_required
@require_POST
def employer_upload_confirm(request, pk: int):
    upload = _own_upload(request, pk)
    try:
        notice = services.upload_confirm(upload=upload, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("layoffnotices_employer_upload", pk=pk)
    messages.success(request, pick(f"已通報{notice.worker_count}人（{notice.number}）。",
                                   f"{notice.worker_count} workers filed as {notice.number}."))
    return redirect("layoffnotices_employer_notice", pk=notice.pk)


@login_required
@require_POST
def employer_upload_discard(request, pk: int):
    upload = _own_upload(request, pk)
    try:
        services.upload_discard(upload=upload, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("layoffnotices_employer_upload", pk=pk)
    return redirect("layoffnotices_employer_notices")


# --- citizen ---------------------------------------------------------------------------------


def _occupations():
    return list(Occupation.objects.filter(level="sub_major").order_by("code").values_list("code", "name_zh"))


@login_required
def my_invitations(request):
    if request.user.kind != UserKind.CITIZEN:
        raise Http404
    invitations = selectors.invitations_for(request.user)
    return render(request, "layoffnotices/my_invitations.html", {
        "invitations": invitations, "occupations": _occupations(), "today": timezone.localdate()})


def _profile(post):
    from laborbureau.employment import services as employment_services

    codes = [code for code in post.getlist("desired_occupations") if code]
    return employment_services.SeekerProfile(desired_occupations=codes,
                                             consent_to_matching=post.get("consent_to_matching") == "on")


@login_required
@require_POST
def invitation_answer(request, pk: int):
    """Accept (registration + matches) or decline, by the citizen or an ESO officer."""
    worker = selectors.invitation_get(request.user, pk)
    if worker is None:
        raise Http404
    try:
        if request.POST.get("answer") == "decline":
            services.invitation_decline(worker=worker, actor=request.user)
            messages.success(request, pick("已記錄不需要就業服務。", "Recorded: no help needed."))
        else:
            services.invitation_accept(worker=worker, actor=request.user, profile=_profile(request.POST))
            messages.success(request, pick("已完成求職登記，以下為為您配對的職缺。",
                                           "Registered; here are the vacancies matched for you."))
    except ApplicationError as error:
        messages.error(request, error.message)
    if request.user.kind == UserKind.STAFF:
        return redirect("layoffnotices_staff_notice", pk=worker.notice_id)
    return redirect("layoffnotices_my_invitations")


# --- staff ------------------------------------------------------------------------------------


def _staff_notice(request, pk: int):
    if not services.can_read(request.user):
        raise Http404
    notice = selectors.notice_get(request.user, pk)
    if notice is None:
        raise Http404
    return notice


@staff_required
def staff_notices(request):
    if not services.can_read(request.user):
        raise Http404
    late = {"1": True, "0": False}.get(request.GET.get("late", ""))
    q = request.GET.get("q", "")
    page = Paginator(selectors.notice_list(user=request.user, late=late, q=q), 50).get_page(request.GET.get("page"))
    return render(request, "layoffnotices/staff_notices.html", {"page": page, "late": request.GET.get("late", ""),
                                                                 "q": q, "can_serve": services.can_serve(request.user)})


@staff_required
def staff_notice(request, pk: int):
    """A notice and its workers' queue: invitation state and best matches (logged)."""
    notice = _staff_notice(request, pk)
    paginator = Paginator(range(notice.worker_count), 100)
    page = paginator.get_page(request.GET.get("page"))
    queue = selectors.workers_page(notice, offset=page.start_index() - 1 if notice.worker_count else 0, limit=100)
    access_log_record(user=request.user, action="view", object_type="layoff_notice", object_id=notice.pk,
                      purpose=PURPOSE, object_label=f"{notice.number} {len(queue)}人")
    return render(request, "layoffnotices/staff_notice.html", {
        "notice": notice, "queue": queue, "page": page, "counts": selectors.invitation_counts(notice),
        "can_serve": services.can_serve(request.user),
        "can_fine": services.can_serve(request.user) and request.user.role in workflows.OFFICERS,
        "violation_date": workflows.violation_date(notice), "occupations": _occupations(),
        "fine_min": 30000,
    })


@staff_required
@require_POST
def staff_fine(request, pk: int):
    notice = _staff_notice(request, pk)
    from laborbureau.core.forms import DateField

    try:
        day = DateField().clean(request.POST.get("violation_date", ""))
        amount_text = request.POST.get("amount", "").replace(",", "").strip()
        if not amount_text.isdigit():
            raise ApplicationError("罰鍰金額應為整數（新臺幣元）。", "The amount must be a whole number.", field="amount")
        case = services.fine_case_open(notice=notice, actor=request.user, violation_date=day, amount=int(amount_text),
                                       findings=request.POST.get("findings", ""))
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("layoffnotices_staff_notice", pk=pk)
    except Exception as error:  # a DateField ValidationError
        from django.core.exceptions import ValidationError

        if not isinstance(error, ValidationError):
            raise
        messages.error(request, pick("違規日期格式不正確。", "The violation date is not a date."))
        return redirect("layoffnotices_staff_notice", pk=pk)
    messages.success(request, pick(f"已開立查處案件 {case.number} 並送陳核。", f"Case {case.number} opened for sign-off."))
    return redirect("staff_case", number=case.number)


@staff_required
@require_POST
def staff_match_run(request, pk: int):
    notice = _staff_notice(request, pk)
    try:
        run = services.notice_match_run(notice=notice, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("layoffnotices_staff_notice", pk=pk)
    return redirect("employment_staff_match_run", pk=run.pk)


@staff_required
def staff_notice_new(request):
    """A notice that came on paper (at the counter or by mail), entered for the employer."""
    if not services.can_serve(request.user):
        raise Http404
    today = timezone.localdate()
    context = {"columns": rows.COLUMNS, "grounds": Ground.choices, "indexes": range(COUNTER_WORKERS),
               "values": {}, "error": None, "today": today, "backdate": services.PAPER_BACKDATE_DAYS}
    if request.method == "POST":
        from django.core.exceptions import ValidationError

        from laborbureau.core.forms import DateField

        workers = [values for values in (_worker_values(request.POST, i) for i in range(COUNTER_WORKERS))
                   if any(values.values())]
        try:
            try:
                received = DateField().clean(request.POST.get("received_on", "")) or today
            except ValidationError:
                raise ApplicationError("收件日格式不正確。", "The day received is not a date.",
                                       field="received_on") from None
            notice = services.notice_file(data=services.NoticeInput(
                workers=workers, establishment_name=request.POST.get("establishment_name", ""),
                establishment_address=request.POST.get("establishment_address", ""),
                force_majeure=request.POST.get("force_majeure") == "on",
                contact_name=request.POST.get("contact_name", ""), contact_phone=request.POST.get("contact_phone", ""),
                employer_business_id=request.POST.get("employer_business_id", ""),
                employer_name=request.POST.get("employer_name", ""), received_on=received,
            ), actor=request.user)
        except ApplicationError as error:
            context.update(error=error, values=request.POST)
            return render(request, "layoffnotices/staff_notice_form.html", context, status=422)
        messages.success(request, pick(f"已登打紙本通報（{notice.number}）。", f"Paper notice entered as {notice.number}."))
        return redirect("layoffnotices_staff_notice", pk=notice.pk)
    return render(request, "layoffnotices/staff_notice_form.html", context)


@staff_required
def staff_letters(request, pk: int):
    """The invitations to print for a notice's workers with neither a portal account nor
    an e-mail: one letter a page, in Traditional Chinese (logged: names and addresses).
    POST records the chosen letters as mailed."""
    notice = _staff_notice(request, pk)
    if not services.can_serve(request.user):
        raise Http404
    if request.method == "POST":
        try:
            count = services.letters_mark_sent(notice=notice, actor=request.user,
                                               worker_ids=[v for v in request.POST.getlist("workers") if v.isdigit()])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, pick(f"已登錄{count}封邀請函寄出。", f"{count} letters recorded as mailed."))
        return redirect("layoffnotices_staff_letters", pk=pk)
    pending = request.GET.get("all") != "1"
    letters = selectors.letter_workers(notice)
    if pending:
        letters = letters.filter(letter_sent_at__isnull=True)
    letters = list(letters[:1000])
    for worker in letters:  # the letter is in Chinese whatever the page's language
        worker.last_day_text = roc_calendar.format_long(worker.last_day)
    access_log_record(user=request.user, action="export", object_type="layoff_notice", object_id=notice.pk,
                      purpose=PURPOSE, object_label=f"{notice.number} 邀請函{len(letters)}封")
    return render(request, "layoffnotices/staff_letters.html", {
        "notice": notice, "letters": letters, "pending": pending, "office": services.letter_office(),
        "today_text": roc_calendar.format_long(timezone.localdate())})
