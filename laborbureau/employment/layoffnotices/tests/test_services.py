"""The layoff notices through their services: filing, deadlines (就業服務法第33條), uploads
(encodings, report, all-or-nothing confirmation, re-uploads), invitations and matches, the
mass-layoff monitor and the late-notice fine (第68條第1項)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import PersonFactory, citizen, national_id, staff
from laborbureau.employment.layoffnotices import rows, services
from laborbureau.employment.layoffnotices.models import (
    InvitationStatus,
    LayoffNotice,
    LayoffUpload,
    LayoffUploadFile,
    LayoffWorker,
    MonitorFeed,
    UploadStatus,
)
from laborbureau.employment.layoffnotices.tests.factories import (
    HEADER,
    committed,
    counsellor,
    csv_bytes,
    employer_account,
    file_notice,
    in_days,
    vacancy,
    worker_values,
    xlsx_bytes,
)
from laborbureau.employment.models import JobSeeker
from laborbureau.employment.tests.factories import profile
from laborbureau.fines.models import Fine
from laborbureau.notify.models import OutboxMessage
from laborbureau.relations.layoffs.models import LayoffEvent

pytestmark = pytest.mark.django_db


def upload(account, content: bytes, name: str = "名冊.csv", **overrides):
    data = services.UploadInput(file_name=name, content=content, establishment_name="總公司", **overrides)
    with committed():
        made, created = services.upload_create(data=data, actor=account)
    made.refresh_from_db()
    return made, created


# --- filing and deadlines ------------------------------------------------------------------


def test_a_notice_ten_days_ahead_is_in_time_and_one_later_is_late():
    account = employer_account()
    timely = file_notice(account, [worker_values(last_day=in_days(10))])
    assert (timely.late, timely.late_count, timely.worker_count) == (False, 0, 1)
    # 第33條第1項: due 10 days before the day the layoff takes effect (last day + 1),
    # i.e. last_day - 9; late only after the Department's published reading (one day more).
    late = file_notice(account, [worker_values(last_day=in_days(7)), worker_values(last_day=in_days(30))])
    worker = late.workers.get(last_day=in_days(7))
    assert worker.due_on == in_days(7) - timedelta(days=9)
    assert worker.late is True
    assert (late.late, late.late_count, late.max_days_late) == (True, 1, 2)
    assert late.earliest_due == in_days(-2)
    assert late.number.startswith("LN-")


def test_the_day_the_taipei_reading_allows_is_not_late():
    notice = file_notice(workers=[worker_values(last_day=in_days(8))])  # strict due: yesterday
    worker = notice.workers.get()
    assert worker.due_on == in_days(-1)
    assert worker.late is False


def test_force_majeure_notice_is_due_three_days_after():
    notice = file_notice(workers=[worker_values(last_day=in_days(-2), ground="13")], force_majeure=True)
    assert notice.late is False
    assert notice.workers.get().ground == "LSA13"


def test_a_bad_worker_is_refused_with_its_field_and_nothing_is_written():
    account = employer_account()
    with pytest.raises(ApplicationError) as error:
        file_notice(account, [worker_values(), worker_values(id_number="A123456788")])
    assert error.value.field == "workers.1.id_number"
    assert "檢查碼" in error.value.message_zh
    assert LayoffNotice.objects.count() == 0 and LayoffWorker.objects.count() == 0


def test_the_same_worker_twice_is_refused():
    account = employer_account()
    person_id = national_id()
    with pytest.raises(ApplicationError) as error:
        file_notice(account, [worker_values(id_number=person_id), worker_values(id_number=person_id)])
    assert error.value.field == "workers.1.id_number"
    file_notice(account, [worker_values(id_number=person_id)])
    with pytest.raises(Conflict):
        file_notice(account, [worker_values(id_number=person_id)])
    assert LayoffWorker.objects.count() == 1


def test_an_employer_account_files_and_the_office_enters_paper_notices_only():
    with pytest.raises(Forbidden):
        file_notice(citizen())
    with pytest.raises(Forbidden):  # staff of another unit
        file_notice(staff(Role.CASE_OFFICER, "LS"), employer_business_id="12345675")
    with pytest.raises(ApplicationError) as error:  # the office names the employer
        file_notice(counsellor())
    assert error.value.field == "employer_business_id"
    with pytest.raises(Forbidden):  # an employer cannot file as if on paper
        file_notice(employer_account(), received_on=in_days(-3))


# --- uploads --------------------------------------------------------------------------------


def test_a_messy_big5_file_reports_every_problem_then_the_fixed_file_is_confirmed():
    account = employer_account()
    duplicate = national_id()
    messy = [
        worker_values(id_number=duplicate),
        worker_values(id_number="A123456788"),  # wrong check digit
        worker_values(id_number=duplicate),  # the same worker again
        worker_values(last_day=in_days(-200)),  # beyond the allowed window
        worker_values(ground="辭職", birth_date="1980/13/40"),  # not a layoff ground; not a date
    ]
    made, created = upload(account, csv_bytes(messy, encoding="cp950"))
    assert created is True
    assert made.encoding == "cp950"
    assert made.status == UploadStatus.INVALID
    assert made.total_rows == 5 and made.error_count == 5
    assert [(e["row"], e["column"]) for e in made.errors] == [
        (3, "id_number"), (4, "id_number"), (5, "last_day"), (6, "birth_date"), (6, "ground")]
    assert "同一員工" in made.errors[1]["zh"] and "row 2" in made.errors[1]["en"]
    with pytest.raises(Conflict):
        services.upload_confirm(upload=made, actor=account)
    assert LayoffNotice.objects.count() == 0
    fixed = [worker_values(id_number=duplicate), worker_values(), worker_values(name="陳美麗", sex="女")]
    good, _ = upload(account, csv_bytes(fixed, encoding="cp950"))
    assert good.status == UploadStatus.VALID and good.error_count == 0
    with committed():
        notice = services.upload_confirm(upload=good, actor=account)
    assert notice.worker_count == 3
    assert list(notice.workers.values_list("name", flat=True)) == ["王小明", "王小明", "陳美麗"]
    good.refresh_from_db()
    assert good.status == UploadStatus.IMPORTED and bytes(LayoffUploadFile.objects.get(upload=good).content) == b""


def test_utf8_with_bom_and_xlsx_are_read():
    account = employer_account()
    made, _ = upload(account, b"\xef\xbb\xbf" + csv_bytes([worker_values()]))
    assert (made.encoding, made.status) == ("utf-8-sig", UploadStatus.VALID)
    book, _ = upload(account, xlsx_bytes([worker_values(), worker_values()]), name="名冊.xlsx")
    assert (book.file_format, book.status, book.total_rows) == ("xlsx", UploadStatus.VALID, 2)
    assert services.upload_confirm(upload=book, actor=account).worker_count == 2


def test_missing_columns_are_reported_once_on_the_header():
    account = employer_account()
    header = [h for h in HEADER if h not in ("離職日", "資遣事由")]
    made, _ = upload(account, csv_bytes([["A"] * len(header)], header=header))
    assert made.status == UploadStatus.INVALID
    assert made.errors == [{"row": 1, "column": "", "zh": "缺少必要欄位：資遣事由、離職日。",
                            "en": "Missing columns: Ground, Last day."}]


def test_an_unreadable_encoding_is_a_clear_file_problem():
    account = employer_account()
    made, _ = upload(account, "身分證統一編號,姓名\n".encode()[:5] + b"\xff\xfe\xfa\n")
    assert made.status == UploadStatus.INVALID
    assert made.errors[0]["row"] == 0 and "編碼" in made.errors[0]["zh"]


def test_a_file_over_the_row_limit_imports_nothing(monkeypatch):
    monkeypatch.setattr(rows, "MAX_ROWS", 3)
    account = employer_account()
    made, _ = upload(account, csv_bytes([worker_values() for _ in range(5)]))
    assert made.status == UploadStatus.INVALID
    assert made.errors[-1]["zh"].startswith("資料超過3列")
    assert LayoffWorker.objects.count() == 0


def test_the_same_file_again_answers_the_first_upload_and_after_filing_a_conflict():
    account = employer_account()
    content = csv_bytes([worker_values(), worker_values()])
    first, created = upload(account, content)
    again, created_again = upload(account, content)
    assert (created, created_again, again.pk) == (True, False, first.pk)
    services.upload_confirm(upload=first, actor=account)
    with pytest.raises(Conflict) as error:
        upload(account, content)
    assert error.value.field == "file"
    assert LayoffWorker.objects.count() == 2 and LayoffUpload.objects.count() == 1


def test_a_confirmation_that_meets_new_duplicates_files_nothing():
    account = employer_account()
    person_id = national_id()
    made, _ = upload(account, csv_bytes([worker_values(), worker_values(id_number=person_id)]))
    assert made.status == UploadStatus.VALID
    file_notice(account, [worker_values(id_number=person_id)])  # filed by the form meanwhile
    with pytest.raises(ApplicationError) as error:
        services.upload_confirm(upload=made, actor=account)
    assert error.value.field == "file"
    made.refresh_from_db()
    assert made.status == UploadStatus.INVALID and made.errors[0]["row"] == 3
    assert LayoffWorker.objects.count() == 1 and LayoffNotice.objects.count() == 1


def test_another_employer_cannot_confirm_an_upload():
    made, _ = upload(employer_account(), csv_bytes([worker_values()]))
    with pytest.raises(NotFound):
        services.upload_confirm(upload=made, actor=employer_account())
    assert LayoffNotice.objects.count() == 0


def test_a_validation_report_downloads_as_csv():
    made, _ = upload(employer_account(), csv_bytes([worker_values(id_number="A1234")]))
    text = services.report_csv(made).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("2,身分證統一編號 ID number,身分證字號或統一證號應為10碼")


# --- invitations and matches -----------------------------------------------------------------


def test_workers_are_invited_and_an_accepting_citizen_is_registered_and_matched():
    job = vacancy(occupation_code="51")
    person = PersonFactory()
    worker_user = citizen(person)
    notice = file_notice(workers=[worker_values(id_number=person.id_number, email="w@example.tw"),
                                  worker_values(email="other@example.tw")])
    assert OutboxMessage.objects.filter(subject_zh__startswith="臺北市就業服務處邀請").count() >= 2
    assert notice.workers.filter(invited_at__isnull=True).count() == 0
    worker = notice.workers.get(id_number=person.id_number)
    with pytest.raises(NotFound):
        services.invitation_accept(worker=notice.workers.exclude(pk=worker.pk).get(), actor=worker_user,
                                   profile=profile())
    accepted = services.invitation_accept(worker=worker, actor=worker_user, profile=profile())
    assert accepted.invitation == InvitationStatus.ACCEPTED
    assert accepted.seeker == JobSeeker.objects.get(person=person)
    assert [pk for pk, _ in accepted.matches] == [job.pk]
    with pytest.raises(Conflict):
        services.invitation_accept(worker=accepted, actor=worker_user, profile=profile())


def test_an_officer_records_an_answer_given_at_the_counter():
    officer = counsellor()
    notice = file_notice()
    worker = notice.workers.get()
    accepted = services.invitation_accept(worker=worker, actor=officer, profile=profile())
    assert accepted.seeker.person.id_number == worker.id_number
    other = file_notice(workers=[worker_values()]).workers.get()
    assert services.invitation_decline(worker=other, actor=officer).invitation == InvitationStatus.DECLINED
    with pytest.raises(NotFound):
        services.invitation_decline(worker=other, actor=staff(Role.CASE_OFFICER, "LS"))


# --- the mass-layoff monitor ------------------------------------------------------------------


def test_layoffs_reach_the_monitor_on_their_day_once(monkeypatch):
    notice = file_notice(workers=[worker_values(last_day=in_days(0)), worker_values(last_day=in_days(0)),
                                  worker_values(last_day=in_days(20))])
    assert services.monitor_feed_due() == 1
    event = LayoffEvent.objects.get()
    assert (event.count, event.day, event.reference, event.source) == (2, in_days(0), notice.number,
                                                                       "EMPLOYMENT_NOTICE")
    assert event.establishment_id == notice.establishment_id
    assert services.monitor_feed_due() == 0
    later = in_days(20)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    assert services.monitor_feed_due() == 1
    assert LayoffEvent.objects.count() == 2 and MonitorFeed.objects.count() == 2


# --- the late-notice fine -----------------------------------------------------------------------


def test_a_late_notice_opens_a_fine_case_in_one_step_and_the_fine_follows_sign_off():
    officer = counsellor()
    chief = staff(Role.SECTION_CHIEF, "ESO")
    director = staff(Role.DIRECTOR, "ADM")
    notice = file_notice(workers=[worker_values(last_day=in_days(3))])
    assert notice.late
    with pytest.raises(ApplicationError) as error:
        services.fine_case_open(notice=notice, actor=officer, violation_date=in_days(-5), amount=20000)
    assert error.value.field == "amount"
    assert notice.__class__.objects.get(pk=notice.pk).fine_case_id is None
    case = services.fine_case_open(notice=notice, actor=officer, violation_date=timezone.localdate(), amount=30000)
    assert case.status == "FINE_PENDING_APPROVAL"
    with pytest.raises(Conflict):
        services.fine_case_open(notice=notice, actor=officer, violation_date=timezone.localdate(), amount=30000)
    signoff = SignOff.objects.get(case=case)
    case_services.signoff_decide(signoff=signoff, actor=chief, approve=True)
    case_services.signoff_decide(signoff=SignOff.objects.get(pk=signoff.pk), actor=director, approve=True)
    fine = Fine.objects.get(case=case)
    assert (fine.law_code, fine.article, fine.amount, fine.employer_id) == ("ESA", "第68條第1項", 30000,
                                                                           notice.employer_id)


def test_a_timely_notice_cannot_be_fined():
    notice = file_notice(workers=[worker_values(last_day=in_days(30))])
    with pytest.raises(ApplicationError):
        services.fine_case_open(notice=notice, actor=counsellor(), violation_date=timezone.localdate(), amount=30000)
