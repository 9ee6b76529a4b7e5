"""One error shape for the whole API:

    {"detail": [{"loc": ["body", "id_number"], "msg": "<zh-Hant>", "msg_en": "<English>", "type": "..."}]}

Validation errors answer 422 with the path of each field at fault; business-rule
refusals (core.errors.ApplicationError) answer their 4xx; nothing answers 500 by design.
"""

import logging

from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

from laborbureau.core.errors import ApplicationError

log = logging.getLogger(__name__)

# Chinese for the pydantic error types an API user meets most.
_ZH = {
    "missing": "此欄位為必填。",
    "string_type": "應為文字。",
    "int_type": "應為整數。",
    "int_parsing": "應為整數。",
    "bool_parsing": "應為是或否（true/false）。",
    "date_from_datetime_parsing": "日期格式不正確，請用 YYYY-MM-DD。",
    "date_parsing": "日期格式不正確，請用 YYYY-MM-DD。",
    "date_type": "日期格式不正確，請用 YYYY-MM-DD。",
    "greater_than_equal": "數值太小。",
    "less_than_equal": "數值太大。",
    "greater_than": "數值太小。",
    "string_too_long": "文字太長。",
    "string_too_short": "文字太短。",
    "enum": "不是可用的選項。",
    "literal_error": "不是可用的選項。",
    "json_invalid": "JSON 格式錯誤。",
    "model_attributes_type": "格式不正確。",
    "dict_type": "格式不正確。",
    "list_type": "應為清單。",
    "value_error": "內容不正確。",
    "extra_forbidden": "不接受此欄位。",
    "uuid_parsing": "格式不正確。",
    "float_parsing": "應為數字。",
}


def detail(loc: list, msg_zh: str, msg_en: str, kind: str) -> dict:
    return {"detail": [{"loc": loc, "msg": msg_zh, "msg_en": msg_en, "type": kind}]}


def install_error_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        items = []
        for error in exc.errors:
            kind = str(error.get("type", "value_error"))
            message_en = str(error.get("msg", "Invalid value."))
            context = error.get("ctx") or {}
            zh = _ZH.get(kind, "內容不正確。")
            if kind == "value_error" and isinstance(context.get("error"), ApplicationError):
                zh = context["error"].message_zh
                message_en = context["error"].message_en
            items.append({"loc": list(error.get("loc", [])), "msg": zh, "msg_en": message_en, "type": kind})
        return api.create_response(request, {"detail": items}, status=422)

    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        loc = ["body", exc.field] if exc.field else []
        status = 422 if exc.status == 400 and exc.field else exc.status
        return api.create_response(request, detail(loc, exc.message_zh, exc.message_en, exc.code), status=status)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return api.create_response(
            request,
            detail([], "請先登入或提供有效的權杖。", "Sign in or send a valid bearer token.", "unauthorized"),
            status=401,
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, detail([], "找不到資料。", "Not found.", "not_found"), status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return api.create_response(request, detail([], str(exc), str(exc), "error"), status=exc.status_code)
