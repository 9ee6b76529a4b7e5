"""`/api/v1/jobseekers`: job-seeker registration (求職登記) and counselling notes."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.schemas import Text
from laborbureau.core.api import PersonIn
from laborbureau.core.services import PersonInput, access_log_record
from laborbureau.employment import selectors, services
from laborbureau.employment.models import (
    CounsellingNote,
    Education,
    JobSeeker,
    Language,
    PayUnit,
    SeekerStatus,
    SupportedGroup,
    WorkingHours,
)

router = Router(tags=["jobseekers 求職登記"])

PAY_LIMIT = 100_000_000  # a bound on the number itself; the service applies the real ones


# --- job seekers -----------------------------------------------------------------------


class ProfileIn(Schema):
    desired_occupations: list[Text(4, 2)] = Field(min_length=1, max_length=5,
                                                  description="希望職業（職業標準分類中類） Occupations wanted.",
                                                  examples=[["51", "52"]])
    districts: list[Text(8, 3)] = Field([], max_length=12, description="可工作行政區（空為不限） Districts; empty: any.",
                                        examples=[["110", "106"]])
    pay_unit: PayUnit = Field(PayUnit.MONTHLY, description="希望計薪方式 MONTHLY or HOURLY.", examples=["MONTHLY"])
    expected_pay: int | None = Field(None, ge=1, le=PAY_LIMIT, description="希望待遇（元） Expected pay.",
                                     examples=[32000])
    working_hours: list[WorkingHours] = Field([], max_length=4, description="可配合時段 Working hours accepted.",
                                              examples=[["FULL_TIME", "SHIFT"]])
    education: Education = Field(Education.NONE, description="最高學歷 Education.", examples=["SENIOR_HIGH"])
    experience_years: int = Field(0, ge=0, le=60, description="工作年資 Years of experience.", examples=[3])
    experience: Text(services.MAX_PROFILE_TEXT) = Field("", description="工作經歷 Experience.",
                                                        examples=["連鎖餐廳外場3年"])
    skills: Text(services.MAX_PROFILE_TEXT) = Field("", description="專長技能 Skills.", examples=["收銀、點餐系統"])
    licences: Text(services.MAX_PROFILE_TEXT) = Field("", description="證照 Licences.", examples=["中餐烹調丙級"])
    languages: list[Language] = Field([], max_length=10, description="語言 Languages.", examples=[["zh", "nan"]])
    groups: list[SupportedGroup] = Field([], max_length=10, description="特定對象（就業服務法第24條；僅就業服務人員可見） "
                                         "Supported groups (Employment Service Act Art. 24; staff only).",
                                         examples=[["MIDDLE_AGED_OR_OLDER"]])
    consent_to_matching: bool = Field(False, description="同意媒合及推介（將求職資料提供給推介之雇主） Consent to "
                                      "matching and to referrals that pass the profile to an employer.",
                                      examples=[True])
    digest_opt_in: bool = Field(False, description="每日寄送符合條件的新職缺（須同意媒合） A daily digest of new "
                                "matching vacancies (needs the consent to matching).", examples=[True])


class SeekerIn(ProfileIn):
    person: PersonIn | None = Field(None, description="求職人身分（就業服務處臨櫃登記時必填；民眾為本人免填） The "
                                    "person: the service gives it; a citizen registers themself.")


class SeekerOut(Schema):
    id: int = Field(description="求職登記編號 Registration id.", examples=[7])
    name: str = Field(description="姓名 Name.", examples=["王小明"])
    masked_id: str = Field(description="遮蔽之證號 Masked ID.", examples=["A12****789"])
    status: str = Field(description="ACTIVE, PAUSED, CLOSED.", examples=["ACTIVE"])
    desired_occupations: list[str]
    districts: list[str]
    pay_unit: str
    expected_pay: int | None
    working_hours: list[str]
    education: str
    experience_years: int
    experience: str
    skills: str
    licences: str
    languages: list[str]
    groups: list[str]
    consent_to_matching: bool
    digest_opt_in: bool = Field(description="每日新職缺通知 Daily digest of new matching vacancies.", examples=[False])
    updated_at: dt.datetime


def _seeker_out(seeker: JobSeeker) -> dict:
    return {
        "id": seeker.pk, "name": seeker.person.name, "masked_id": seeker.person.masked_id, "status": seeker.status,
        "desired_occupations": sorted(o.pk for o in seeker.desired_occupations.all()),
        "districts": sorted(d.pk for d in seeker.districts.all()), "pay_unit": seeker.pay_unit,
        "expected_pay": seeker.expected_pay, "working_hours": seeker.working_hours, "education": seeker.education,
        "experience_years": seeker.experience_years, "experience": seeker.experience, "skills": seeker.skills,
        "licences": seeker.licences, "languages": seeker.languages, "groups": seeker.groups,
        "consent_to_matching": seeker.consent_to_matching, "digest_opt_in": seeker.digest_opt_in,
        "updated_at": seeker.updated_at,
    }


def _profile(payload: ProfileIn) -> services.SeekerProfile:
    return services.SeekerProfile(
        desired_occupations=list(payload.desired_occupations), districts=list(payload.districts),
        pay_unit=payload.pay_unit, expected_pay=payload.expected_pay, working_hours=[str(v) for v in
                                                                                    payload.working_hours],
        education=payload.education, experience_years=payload.experience_years, experience=payload.experience,
        skills=payload.skills, licences=payload.licences, languages=[str(v) for v in payload.languages],
        groups=[str(v) for v in payload.groups], consent_to_matching=payload.consent_to_matching,
        digest_opt_in=payload.digest_opt_in,
    )


def readable_seeker(request, seeker_id: int, purpose: str, *, with_lists: bool = True) -> JobSeeker:
    """The registration the caller may read (404 otherwise), the staff's read logged;
    `with_lists` prefetches the occupations and districts the output shows."""
    queryset = selectors.seekers_readable_by(request.user)
    if with_lists:
        queryset = queryset.prefetch_related("desired_occupations", "districts")
    seeker = queryset.filter(pk=seeker_id).first()
    if seeker is None:
        raise Http404
    if services.can_read(request.user):
        access_log_record(user=request.user, action="api", object_type="job_seeker", object_id=seeker.pk,
                          purpose=purpose, object_label=seeker.person.name)
    return seeker


@router.post(
    "", response={201: SeekerOut, **errors(401, 403, 409, 422)},
    summary="求職登記 Register a job seeker",
    description="民眾本人登記，或就業服務處臨櫃登記（須填 person）。已登記者回409。 A citizen registers themself; "
    "the service registers a person at the counter. Already registered: 409.",
)
def seeker_register(request, payload: SeekerIn):
    person = None
    if payload.person is not None:
        p = payload.person
        person = PersonInput(id_number=p.id_number, name=p.name, id_kind=p.id_kind or "",
                             passport_country=p.passport_country, birth_date=p.birth_date, sex=p.sex or "",
                             phone=p.phone, email=p.email, address=p.address, district_code=p.district_code)
    seeker = services.job_seeker_register(profile=_profile(payload), actor=request.user, person=person,
                                          channel="api")
    return Status(201, _seeker_out(JobSeeker.objects.select_related("person").get(pk=seeker.pk)))


class SeekerFilter(Schema):
    q: Text(selectors.MAX_QUERY) = Field("", description="關鍵字：希望職業、專長、經歷、證照（中文免空格） Free text "
                                     "over occupations, skills, experience and licences.", examples=["堆高機"])
    status: SeekerStatus | None = Field(None, description="ACTIVE, PAUSED or CLOSED.", examples=["ACTIVE"])
    occupation: Text(4) = Field("", description="希望職業中類（無關鍵字時） Occupation wanted (without q).",
                                examples=["51"])
    district: Text(8) = Field("", description="可工作行政區代碼（無關鍵字時） District (without q).",
                              examples=["63000020"])
    name: Text(80) = Field("", description="姓名或身分證號 Name or ID number.", examples=["王小明"])
    page: int = Field(1, ge=1, le=50, description="頁碼 Page.", examples=[1])
    page_size: int = Field(20, ge=1, le=100, description="每頁筆數 Per page.", examples=[20])


class SeekerPage(Schema):
    count: int = Field(description="符合筆數 Matching registrations.", examples=[132])
    page: int = Field(description="頁碼 Page.", examples=[1])
    items: list[SeekerOut] = Field(description="本頁求職登記 The registrations on this page.")


@router.get(
    "", response={200: SeekerPage, **errors(401, 404, 422)},
    summary="搜尋求職人（就業服務人員） Search job seekers (service staff)",
    description="有關鍵字時依相關度（同職缺搜尋：異體字、同義詞），否則依最近更新；每次查詢記入存取紀錄。 With q by "
    "relevance (the vacancy search's variants and synonyms), else most recently updated; every search is logged.",
)
def seeker_search(request, filters: Query[SeekerFilter]):
    if not services.can_read(request.user):
        raise Http404
    status = filters.status or ""
    start = (filters.page - 1) * filters.page_size
    if filters.q.strip():
        items, total = selectors.seeker_search(user=request.user, q=filters.q, status=status, name=filters.name,
                                               limit=filters.page_size, page=filters.page)
    else:
        queryset = selectors.seeker_list(user=request.user, status=status, occupation=filters.occupation,
                                         district=filters.district, name=filters.name)
        total = queryset.count()
        items = list(queryset.prefetch_related("districts")[start:start + filters.page_size])
    access_log_record(user=request.user, action="api", object_type="job_seeker_search", object_id="-",
                      purpose="就業服務（搜尋求職人）", object_label=f"q={filters.q[:30]} name={filters.name[:20]}")
    return {"count": total, "page": filters.page, "items": [_seeker_out(seeker) for seeker in items]}


@router.get(
    "/me", response={200: SeekerOut, **errors(401, 404)},
    summary="我的求職登記 My registration",
)
def seeker_me(request):
    seeker = selectors.my_registration(request.user)
    if seeker is None:
        raise Http404
    return _seeker_out(seeker)


@router.get(
    "/{seeker_id}", response={200: SeekerOut, **errors(401, 404)},
    summary="求職登記內容 A registration",
    description="就業服務處人員或本人；其他人回404。諮詢紀錄不在此（見 /notes，僅限就業服務人員）。 The service "
    "staff or the person; anyone else 404. Counselling notes are not here (see /notes, staff only).",
)
def seeker_get(request, seeker_id: int):
    return _seeker_out(readable_seeker(request, seeker_id, "就業服務（求職登記）"))


@router.put(
    "/{seeker_id}", response={200: SeekerOut, **errors(401, 404, 422)},
    summary="更新求職登記 Update a registration",
)
def seeker_update(request, seeker_id: int, payload: ProfileIn):
    seeker = readable_seeker(request, seeker_id, "就業服務（更新求職登記）")
    services.job_seeker_update(seeker=seeker, profile=_profile(payload), actor=request.user)
    return _seeker_out(selectors.seekers_readable_by(request.user).get(pk=seeker_id))


class StatusIn(Schema):
    status: SeekerStatus = Field(description="ACTIVE, PAUSED or CLOSED.", examples=["PAUSED"])


@router.post(
    "/{seeker_id}/status", response={200: SeekerOut, **errors(401, 404, 422)},
    summary="暫停、恢復或結束求職登記 Pause, resume or close",
)
def seeker_status(request, seeker_id: int, payload: StatusIn):
    seeker = readable_seeker(request, seeker_id, "就業服務（求職狀態）")
    services.job_seeker_set_status(seeker=seeker, status=payload.status, actor=request.user)
    return _seeker_out(selectors.seekers_readable_by(request.user).get(pk=seeker_id))


class NoteIn(Schema):
    text: Text(services.MAX_NOTE, 1) = Field(description="諮詢紀錄 Counselling note.",
                                             examples=["求職人希望日班，已說明職訓課程。"])


class NoteOut(Schema):
    id: int
    text: str = Field(description="諮詢紀錄 Note.")
    author: str = Field(description="記錄人 Written by.", examples=["就業服務處承辦人"])
    created_at: dt.datetime


def _note_out(note: CounsellingNote) -> dict:
    return {"id": note.pk, "text": note.text, "author": note.author.label, "created_at": note.created_at}


def _staff_seeker(request, seeker_id: int, purpose: str) -> JobSeeker:
    if not services.can_read(request.user):
        raise Http404
    return readable_seeker(request, seeker_id, purpose)


@router.get(
    "/{seeker_id}/notes", response={200: list[NoteOut], **errors(401, 404)},
    summary="諮詢紀錄 Counselling notes (service staff only)",
    description="僅就業服務人員；求職人本人及雇主回404。 Service staff only; the seeker and employers get 404.",
)
def note_list(request, seeker_id: int):
    seeker = _staff_seeker(request, seeker_id, "就業服務（諮詢紀錄）")
    return [_note_out(n) for n in seeker.notes.select_related("author")]


@router.post(
    "/{seeker_id}/notes", response={201: NoteOut, **errors(401, 403, 404, 422)},
    summary="新增諮詢紀錄 Add a counselling note",
)
def note_add(request, seeker_id: int, payload: NoteIn):
    seeker = _staff_seeker(request, seeker_id, "就業服務（新增諮詢紀錄）")
    return Status(201, _note_out(services.counselling_note_add(seeker=seeker, text=payload.text, actor=request.user)))


