"""`/api/v1/layoff-notices`: layoff notices (資遣通報, 就業服務法第33條).

An employer account files a notice (JSON) or uploads a CSV/Excel list (multipart), reads
the validation report and progress, and confirms it; nothing of an upload is filed until
it is confirmed, and then all of it. ESO staff enter a notice that came on paper
(POST /counter). The Employment Services Office's staff list every
notice (workers' personal data: logged). Another employer's notice or upload is 404.
"""

import datetime as dt

from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.core.errors import Forbidden, NotFound
from laborbureau.core.models import UserKind
from laborbureau.core.services import access_log_record
from laborbureau.employment.layoffnotices import selectors, services
from laborbureau.employment.layoffnotices.models import Channel, LayoffNotice, LayoffUpload

router = Router(tags=["layoff-notices 資遣通報"])


class WorkerIn(Schema):
    id_number: Text(12) = Field(description="身分證統一編號或居留證統一證號 National ID or UI number.",
                                examples=["A123456789"])
    name: Text(80) = Field(description="姓名 Name.", examples=["王小明"])
    sex: Text(6) = Field("", description="性別（男/女；空白依證號判斷） Sex (M/F; blank: from the ID).", examples=["男"])
    birth_date: Text(12) = Field(description="出生日期（西元或民國） Birth date (ISO or ROC).", examples=["1980-05-31"])
    phone: Text(30) = Field(description="電話 Phone.", examples=["0912-345-678"])
    address: Text(200) = Field(description="住址 Address.", examples=["臺北市信義區市府路1號"])
    email: Text(254) = Field("", description="電子郵件（寄送求職邀請） E-mail, for the invitation.",
                             examples=["worker@example.tw"])
    position: Text(60) = Field(description="擔任工作 Position.", examples=["作業員"])
    ground: Text(40) = Field(description="資遣事由：勞基法第11條各款、第13條但書或第20條（如 LSA11_2、11-2、虧損） "
                             "Ground: Labor Standards Act art. 11 (1–5), 13 proviso or 20.", examples=["LSA11_2"])
    last_day: Text(12) = Field(description="離職日（最後工作日） Last day of work.", examples=["2026-12-31"])
    needs_assistance: Text(6) = Field("是", description="需否就業輔導（是/否） Needs employment assistance.",
                                      examples=["是"])


class NoticeIn(Schema):
    workers: list[WorkerIn] = Field(min_length=1, max_length=services.MAX_FORM_WORKERS,
                                    description="被資遣員工 The workers (more: upload a file).")
    establishment_id: int | None = Field(None, description="廠場編號 Establishment id (or give a name).",
                                         examples=[None])
    establishment_name: Text(120) = Field("", description="廠場名稱（新廠場將建立） Establishment name.",
                                          examples=["內湖廠"])
    establishment_address: Text(200) = Field("", description="廠場地址 Establishment address.",
                                             examples=["臺北市內湖區瑞光路1號"])
    force_majeure: bool = Field(False, description="因天災、事變或其他不可抗力（離職後三日內通報，第33條第1項但書） "
                                "Force majeure: due within 3 days after.", examples=[False])
    contact_name: Text(80) = Field("", description="聯絡人 Contact person.", examples=["人資 林小姐"])
    contact_phone: Text(30) = Field("", description="聯絡電話 Contact phone.", examples=["02-2720-8889"])


class NoticeOut(Schema):
    id: int = Field(description="通報編號 Notice id.", examples=[12])
    number: str = Field(description="通報字號 Number.", examples=["LN-115-000012"])
    employer_name: str = Field(description="事業單位 Employer.", examples=["信義製造股份有限公司"])
    establishment_name: str = Field(description="廠場 Establishment.", examples=["內湖廠"])
    channel: str = Field(description="PORTAL, UPLOAD, API.", examples=["API"])
    filed_on: dt.date = Field(description="收件日 Filed on.", examples=["2026-11-27"])
    worker_count: int = Field(description="人數 Workers.", examples=[35])
    first_day: dt.date = Field(description="最早離職日 Earliest last day.", examples=["2026-12-31"])
    last_day: dt.date = Field(description="最晚離職日 Latest last day.", examples=["2026-12-31"])
    earliest_due: dt.date = Field(description="最早之通報期限（逾期者為其期限） Earliest due date (the missed one if late).",
                                  examples=["2026-12-22"])
    late: bool = Field(description="逾期（就業服務法第33條第1項） Filed late.", examples=[False])
    late_count: int = Field(description="逾期通報人數 Workers notified late.", examples=[0])
    max_days_late: int = Field(description="最多逾期日數 Most days late.", examples=[0])
    fine_case_number: str = Field(description="查處案號 Fine case number.", examples=[""])

    @staticmethod
    def resolve_employer_name(obj) -> str:
        return obj.employer.name

    @staticmethod
    def resolve_establishment_name(obj) -> str:
        return obj.establishment.name

    @staticmethod
    def resolve_fine_case_number(obj) -> str:
        return obj.fine_case.number if obj.fine_case_id else ""


class NoticePage(Schema):
    count: int = Field(description="總筆數 Total.", examples=[1])
    items: list[NoticeOut] = Field(description="通報 Notices.")


@router.post(
    "", response={201: NoticeOut, **errors(401, 403, 409, 422)},
    summary="提出資遣通報 File a layoff notice (employer account)",
    description="逐筆填報（最多500人）；每位員工檢核證號、日期與事由，錯誤位置為 workers.<序號>.<欄位>；同一員工同一離職日"
    "已通報者 409。離職日前十日內或之後才通報者標示逾期。 Each worker is checked (errors at workers.<i>.<field>); "
    "a worker already notified for the same last day answers 409; a notice within 10 days of the last day is late.",
)
def notice_create(request, payload: NoticeIn):
    if request.user.kind == UserKind.STAFF:
        raise Forbidden("就業服務處人員請以 POST /counter 登打紙本通報。", "Staff enter paper notices with POST /counter.")
    data = services.NoticeInput(
        workers=[worker.dict() for worker in payload.workers], establishment_id=payload.establishment_id,
        establishment_name=payload.establishment_name, establishment_address=payload.establishment_address,
        force_majeure=payload.force_majeure, contact_name=payload.contact_name, contact_phone=payload.contact_phone,
        channel=Channel.API,
    )
    notice = services.notice_file(data=data, actor=request.user)
    return Status(201, LayoffNotice.objects.select_related("employer", "establishment", "fine_case").get(pk=notice.pk))


class CounterNoticeIn(NoticeIn):
    employer_business_id: Text(10) = Field(description="事業單位統一編號 The employer's business ID (統一編號).",
                                           examples=["12345675"])
    employer_name: Text(120) = Field("", description="事業單位名稱（系統尚無此單位時必填） The employer's name, if new "
                                     "to the system.", examples=["信義製造股份有限公司"])
    received_on: dt.date | None = Field(None, description="收件日：臨櫃為當日，郵寄為郵戳日（行政程序法第49條）；預設今天，"
                                        "最早30日前 Day received: the counter day, or the postmark (Administrative "
                                        "Procedure Act art. 49); default today, at most 30 days back.",
                                        examples=["2026-11-25"])


@router.post(
    "/counter", response={201: NoticeOut, **errors(401, 403, 409, 422)},
    summary="登打紙本資遣通報 Enter a paper notice for an employer (ESO staff)",
    description="事業單位臨櫃或郵寄之通報，由就業服務處人員代為登打（通路 COUNTER）；事業單位依統一編號查得或建立；期限及逾期"
    "依收件日判斷。非就業服務處人員 403。 A notice that came on paper, entered by ESO staff (channel COUNTER) for the "
    "employer found (or recorded) by its business ID; deadlines are judged on the day received. Others: 403.",
)
def notice_counter(request, payload: CounterNoticeIn):
    data = services.NoticeInput(
        workers=[worker.dict() for worker in payload.workers], establishment_id=None,
        establishment_name=payload.establishment_name, establishment_address=payload.establishment_address,
        force_majeure=payload.force_majeure, contact_name=payload.contact_name, contact_phone=payload.contact_phone,
        employer_business_id=payload.employer_business_id, employer_name=payload.employer_name,
        received_on=payload.received_on,
    )
    notice = services.notice_file(data=data, actor=request.user)
    return Status(201, LayoffNotice.objects.select_related("employer", "establishment", "fine_case").get(pk=notice.pk))


@router.get(
    "", response={200: NoticePage, **errors(401, 422)},
    summary="資遣通報清單 List layoff notices",
    description="就業服務處人員看全部；事業單位看自己的。每頁最多200筆。 ESO staff see all; an employer its own. At most "
    "200 a page.",
)
def notice_list(request, paging: Query[Pages.Input], late: bool | None = None, q: Text(60) = ""):
    notices = selectors.notice_list(user=request.user, late=late, q=q)
    items, count = page_slice(notices, paging.page, paging.page_size, default=20)
    return {"count": count, "items": items}


class UploadProblemOut(Schema):
    row: int = Field(description="列號（0：整個檔案；1：欄位列） Row (0: the file; 1: the header).", examples=[7])
    column: str = Field(description="欄位（空白：整列） Column key (blank: the row).", examples=["id_number"])
    zh: str = Field(description="說明 Problem in Chinese.", examples=["檢查碼不正確，請確認號碼是否輸入錯誤。"])
    en: str = Field(description="Problem in English.", examples=["The check digit is wrong; please check the number."])


class UploadOut(Schema):
    id: int = Field(description="上傳編號 Upload id.", examples=[3])
    file_name: str = Field(description="檔名 File name.", examples=["資遣名冊.csv"])
    file_format: str = Field(description="csv 或 xlsx.", examples=["csv"])
    encoding: str = Field(description="辨識之編碼（utf-8、utf-8-sig、cp950 即 Big5） Encoding found.", examples=["cp950"])
    status: str = Field(description="QUEUED, VALIDATING, VALID, INVALID, IMPORTED, DISCARDED.", examples=["INVALID"])
    total_rows: int = Field(description="資料列數 Data rows.", examples=[1200])
    processed_rows: int = Field(description="已檢核列數 Rows checked so far.", examples=[1200])
    percent: int = Field(description="進度百分比 Progress.", examples=[100])
    error_count: int = Field(description="錯誤數 Problems found.", examples=[3])
    late_count: int = Field(description="逾期通報人數 Workers who would be notified late.", examples=[0])
    errors: list[UploadProblemOut] = Field(description="檢核報告（最多5000項） The report (at most 5,000 items).")
    notice_id: int | None = Field(description="確認後之通報編號 The notice, once confirmed.", examples=[None])

    @staticmethod
    def resolve_notice_id(obj) -> int | None:
        return LayoffNotice.objects.filter(upload_id=obj.pk).values_list("pk", flat=True).first()


@router.post(
    "/uploads", response={201: UploadOut, 200: UploadOut, **errors(401, 403, 409, 413, 422)},
    summary="上傳資遣名冊檔案 Upload a layoff list (CSV or Excel)",
    description="CSV（UTF-8 或 Big5）或 .xlsx，第一列為欄位名稱。背景檢核後以 GET /uploads/{id} 取得進度及報告；"
    "同一檔案再次上傳回應原上傳（200）；已通報之檔案 409。 CSV (UTF-8 or Big5) or .xlsx with a header row. Validated "
    "in the background: poll GET /uploads/{id}. The same file again answers the first upload (200); one already "
    "filed 409.",
)
def upload_create(request, file: File[UploadedFile], establishment_name: Form[str] = "",
                  establishment_id: Form[int | None] = None, establishment_address: Form[str] = "",
                  force_majeure: Form[bool] = False):
    if file.size > services.parsing.MAX_BYTES:
        from laborbureau.core.errors import ApplicationError

        raise ApplicationError("檔案超過30MB。", "The file is over 30 MB.", field="file")
    data = services.UploadInput(
        file_name=file.name or "upload.csv", content=file.read(), establishment_id=establishment_id,
        establishment_name=establishment_name, establishment_address=establishment_address,
        force_majeure=force_majeure,
    )
    upload, created = services.upload_create(data=data, actor=request.user)
    return Status(201 if created else 200, selectors.upload_get(request.user, upload.pk))


def _upload(request, upload_id: int) -> LayoffUpload:
    upload = selectors.upload_get(request.user, upload_id)
    if upload is None:
        raise NotFound("上傳檔案", "upload")
    return upload


@router.get(
    "/uploads/{upload_id}", response={200: UploadOut, **errors(401, 404)},
    summary="上傳檔案之進度及檢核報告 An upload's progress and report",
)
def upload_get(request, upload_id: int):
    return _upload(request, upload_id)


@router.post(
    "/uploads/{upload_id}/confirm", response={201: NoticeOut, **errors(401, 403, 404, 409, 422)},
    summary="確認通報 Confirm an upload (file every row)",
    description="僅檢核通過（VALID）之上傳可確認；全部列於同一交易寫入，任一列有誤則全部不寫入。 Only a VALID upload; all "
    "rows in one transaction, or none.",
)
def upload_confirm(request, upload_id: int):
    upload = _upload(request, upload_id)
    notice = services.upload_confirm(upload=upload, actor=request.user)
    return Status(201, LayoffNotice.objects.select_related("employer", "establishment", "fine_case").get(pk=notice.pk))


class WorkerOut(Schema):
    row: int = Field(description="序號 Row.", examples=[1])
    id_number: str = Field(description="證號 ID number.", examples=["A123456789"])
    name: str = Field(description="姓名 Name.", examples=["王小明"])
    position: str = Field(description="擔任工作 Position.", examples=["作業員"])
    ground: str = Field(description="資遣事由代碼 Ground code.", examples=["LSA11_2"])
    last_day: dt.date = Field(description="離職日 Last day.", examples=["2026-12-31"])
    due_on: dt.date = Field(description="通報期限 Notice due.", examples=["2026-12-22"])
    late: bool = Field(description="逾期 Late.", examples=[False])
    invitation: str = Field(description="SENT, ACCEPTED, DECLINED.", examples=["SENT"])
    matches: list[list[float]] = Field(description="配對職缺 [職缺編號, 分數] Matched vacancies [id, score].",
                                       examples=[[[42, 81.5]]])


class WorkerPage(Schema):
    count: int = Field(description="通報人數 Workers on the notice.", examples=[35])
    items: list[WorkerOut] = Field(description="本頁員工 The page's workers.")


@router.get(
    "/{notice_id}/workers", response={200: WorkerPage, **errors(401, 404, 422)},
    summary="通報之員工（個人資料，留存查詢紀錄） A notice's workers (personal data; logged)",
    description="依序號排列，每頁預設100筆、最多200筆。 By row; 100 a page by default, at most 200.",
)
def notice_workers(request, notice_id: int, paging: Query[Pages.Input]):
    notice = selectors.notice_get(request.user, notice_id)
    if notice is None:
        raise NotFound("資遣通報", "layoff notice")
    size = paging.page_size or 100
    rows = selectors.workers_page(notice, offset=(paging.page - 1) * size, limit=size)
    access_log_record(user=request.user, action="api", object_type="layoff_notice", object_id=notice.pk,
                      purpose="資遣通報（就業服務法第33條）", object_label=f"{notice.number} {len(rows)}人")
    return {"count": notice.worker_count, "items": [row["worker"] for row in rows]}
