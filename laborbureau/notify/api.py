"""/api/v1/notifications: the caller's own in-app notices. Another user's notice
answers 404, exactly like a missing one."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from laborbureau.api.pagination import Pages
from laborbureau.notify import selectors, services

router = Router(tags=["notifications 通知"])


class NotificationOut(Schema):
    id: int
    subject_zh: str
    subject_en: str
    body_zh: str
    body_en: str
    link: str
    case_id: int | None
    created_at: datetime
    read_at: datetime | None
    is_read: bool


class UnreadCountOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int


@router.get("", response=list[NotificationOut], summary="List my notices (unread first)")
@paginate(Pages, page_size=50)
def list_notifications(request: HttpRequest, unread: bool = False):
    return selectors.notification_list(user=request.auth, unread_only=unread)


@router.get("/unread-count", response=UnreadCountOut, summary="How many of my notices are unread")
def unread_count(request: HttpRequest):
    return {"unread": selectors.notification_unread_count(user=request.auth)}


@router.post("/{int:notification_id}/read", response=NotificationOut, summary="Mark one of my notices read")
def mark_read(request: HttpRequest, notification_id: int):
    return services.notification_mark_read(actor=request.auth, notification_id=notification_id)


@router.post("/read-all", response=MarkedOut, summary="Mark all my notices read")
def mark_all_read(request: HttpRequest):
    return {"marked": services.notification_mark_all_read(actor=request.auth)}
