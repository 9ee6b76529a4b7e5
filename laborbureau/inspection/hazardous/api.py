"""REST endpoints of the construction projects (營造工程) at /api/v1/construction-projects:
Labor Inspection Office staff list, record and correct them. The 丁類 flag is set only by
an approved review (/api/v1/type-d-reviews)."""

from datetime import date
from typing import Annotated

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.pagination import Pages, page_slice
from laborbureau.api.schemas import Text
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Establishment, User
from laborbureau.inspection.hazardous import selectors
from laborbureau.inspection.inspections import services as inspection_services
from laborbureau.inspection.inspections.models import ConstructionProject

router = Router(tags=["construction-projects 營造工程"])
Id = Annotated[int, Field(ge=1, le=2**62)]
ProjectId = Path(..., ge=1, le=2**62, description="工程編號 Project id.", examples=[7])


def require_lio(user: User) -> None:
    if not selectors.is_lio_staff(user):
        raise Forbidden("限勞動檢查處人員。", "Labor Inspection Office staff only.")


def site_get(establishment_id: int) -> Establishment:
    site = Establishment.objects.select_related("employer").filter(pk=establishment_id).first()
    if site is None:
        raise ApplicationError("找不到此廠場。", "No such establishment.", field="establishment_id")
    return site


class ProjectOut(Schema):
    id: int = Field(description="工程編號 Project id.", examples=[7])
    name: str = Field(description="工程名稱 Name.", examples=["信義區商辦大樓新建工程"])
    establishment_id: int = Field(description="廠場編號 Establishment id.", examples=[31])
    establishment_name: str = Field(description="廠場 Establishment.", examples=["信義區工地"])
    employer_id: int = Field(description="事業單位編號 Employer id.", examples=[12])
    employer_name: str = Field(description="事業單位 Employer.", examples=["大安營造股份有限公司"])
    starts_on: date = Field(description="開工日 Starts on.", examples=["2026-03-01"])
    ends_on: date = Field(description="預定完工日 Ends on.", examples=["2028-02-29"])
    type_d: bool = Field(description="丁類危險性工作場所審查合格 Approved as a type D hazardous workplace.",
                         examples=[True])


class ProjectPage(Schema):
    items: list[ProjectOut] = Field(description="工程 Projects.")
    count: int = Field(description="符合條件的總筆數 Total matching.", examples=[1])


class ProjectFilters(Schema):
    q: Text(60) = Field("", description="工程名稱關鍵字 Words of the name.", examples=["商辦"])
    type_d: bool | None = Field(None, description="只列（非）丁類 Only type D (or not).", examples=[True])


class ProjectIn(Schema):
    establishment_id: Id = Field(description="廠場編號 Establishment id.", examples=[31])
    name: Text(120) = Field(description="工程名稱 Name.", examples=["信義區商辦大樓新建工程"])
    starts_on: date = Field(description="開工日 Starts on.", examples=["2026-03-01"])
    ends_on: date = Field(description="預定完工日 Ends on.", examples=["2028-02-29"])


class ProjectUpdate(Schema):
    name: Text(120) = Field(description="工程名稱 Name.", examples=["信義區商辦大樓新建工程"])
    starts_on: date = Field(description="開工日 Starts on.", examples=["2026-03-01"])
    ends_on: date = Field(description="預定完工日 Ends on.", examples=["2028-02-29"])


def project_out(project: ConstructionProject) -> dict:
    return {"id": project.pk, "name": project.name, "establishment_id": project.establishment_id,
            "establishment_name": project.establishment.name, "employer_id": project.establishment.employer_id,
            "employer_name": project.establishment.employer.name, "starts_on": project.starts_on,
            "ends_on": project.ends_on, "type_d": project.type_d}


@router.get("", response={200: ProjectPage, **errors(401, 403, 422)}, summary="營造工程清單 List construction projects",
            description="勞動檢查處人員：營造工程（新開工者在前）。 LIO staff: construction projects, newest first.")
def project_list(request, paging: Query[Pages.Input], filters: Query[ProjectFilters]):
    require_lio(request.auth)
    items, count = page_slice(selectors.construction_projects(request.auth, q=filters.q.strip(), type_d=filters.type_d),
                              paging.page, paging.page_size)
    return {"items": [project_out(p) for p in items], "count": count}


@router.post("", response={201: ProjectOut, **errors(401, 403, 422)}, summary="登錄營造工程 Record a project",
             description="勞動檢查處人員登錄廠場之營造工程（年度計畫之風險分數讀取之）。 LIO staff record a project.")
def project_create(request, payload: ProjectIn):
    require_lio(request.auth)
    project = inspection_services.construction_project_record(
        establishment=site_get(payload.establishment_id), name=payload.name, starts_on=payload.starts_on,
        ends_on=payload.ends_on, type_d=False, actor=request.auth)
    project = ConstructionProject.objects.select_related("establishment__employer").get(pk=project.pk)
    return Status(201, project_out(project))


@router.get("/{project_id}", response={200: ProjectOut, **errors(401, 403, 404)}, summary="單一工程 One project",
            description="勞動檢查處人員讀取一筆工程。 LIO staff read one project.")
def project_get(request, project_id: int = ProjectId):
    require_lio(request.auth)
    project = selectors.construction_project_get(request.auth, project_id)
    if project is None:
        raise Http404
    return project_out(project)


@router.put("/{project_id}", response={200: ProjectOut, **errors(401, 403, 404, 422)}, summary="修改工程 Correct a project",
            description="更正工程名稱或工期；丁類認定由審查案核定。 Correct the name or period; type D is set by a review.")
def project_update(request, payload: ProjectUpdate, project_id: int = ProjectId):
    require_lio(request.auth)
    project = selectors.construction_project_get(request.auth, project_id)
    if project is None:
        raise Http404
    project = inspection_services.construction_project_update(
        project=project, name=payload.name, starts_on=payload.starts_on, ends_on=payload.ends_on, actor=request.auth)
    return project_out(selectors.construction_project_get(request.auth, project.pk))
