"""One error shape for the whole API:

    {"detail": [{"loc": ["body", "id_number"], "msg": "<zh-Hant>", "msg_en": "<English>", "type": "..."}]}

- Schema validation errors answer 422 with the path of each field at fault. The
  path names the input as the client sent it: `["body", "id_number"]`, never the
  Python parameter that holds the body (LaborApi.validation_error_from_error_contexts).
- Business-rule refusals (core.errors.ApplicationError) answer their 4xx; one with a
  `field` answers 422 at `["body", <field>]` (or the `loc` it carries).
- Malformed JSON answers 422 `json_invalid` at `["body"]`; an oversized body 413.
- Anything else is a bug: Django logs it and answers 500.
"""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from ninja import Field, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from laborbureau.core.errors import ApplicationError

log = logging.getLogger(__name__)

# Chinese for the pydantic error types an API user meets.
_ZH = {
    "missing": "此欄位為必填。",
    "string_type": "應為文字。",
    "string_unicode": "文字編碼不正確（須為 UTF-8）。",
    "string_pattern_mismatch": "格式不正確。",
    "invalid_characters": "文字含有不允許的控制字元。",
    "int_type": "應為整數。",
    "int_parsing": "應為整數。",
    "int_from_float": "應為整數。",
    "bool_type": "應為是或否（true/false）。",
    "bool_parsing": "應為是或否（true/false）。",
    "date_from_datetime_parsing": "日期格式不正確，請用 YYYY-MM-DD。",
    "date_from_datetime_inexact": "日期格式不正確，請用 YYYY-MM-DD。",
    "date_parsing": "日期格式不正確，請用 YYYY-MM-DD。",
    "date_type": "日期格式不正確，請用 YYYY-MM-DD。",
    "datetime_parsing": "時間格式不正確。",
    "greater_than_equal": "數值太小。",
    "less_than_equal": "數值太大。",
    "greater_than": "數值太小。",
    "less_than": "數值太大。",
    "finite_number": "應為有限的數字。",
    "string_too_long": "文字太長。",
    "string_too_short": "文字太短。",
    "too_long": "項目太多。",
    "too_short": "項目太少。",
    "enum": "不是可用的選項。",
    "literal_error": "不是可用的選項。",
    "json_invalid": "JSON 格式錯誤。",
    "json_type": "JSON 格式錯誤。",
    "model_type": "格式不正確，應為 JSON 物件。",
    "model_attributes_type": "格式不正確，應為 JSON 物件。",
    "dict_type": "格式不正確，應為 JSON 物件。",
    "list_type": "應為清單。",
    "value_error": "內容不正確。",
    "extra_forbidden": "不接受此欄位。",
    "uuid_parsing": "格式不正確。",
    "float_parsing": "應為數字。",
    "decimal_parsing": "應為數字。",
    "decimal_max_places": "小數位數過多。",
    "decimal_max_digits": "位數過多。",
    "float_type": "應為數字。",
    "union_tag_invalid": "不是可用的選項。",
}


class ErrorItem(Schema):
    loc: list[str | int] = Field(
        description="出錯的輸入位置 Where the input at fault is (source, field, ...); empty when not about one field.",
        examples=[["body", "id_number"]],
    )
    msg: str = Field(description="中文訊息 Message in Traditional Chinese.", examples=["身分證字號檢查碼不正確。"])
    msg_en: str = Field(description="Message in English.", examples=["The ID number's check digit is wrong."])
    type: str = Field(description="錯誤類型 Machine-readable error type.", examples=["value_error"])


class ErrorOut(Schema):
    """The body of every 4xx answer."""

    detail: list[ErrorItem] = Field(description="一或多個錯誤 One or more errors.")


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """The documented error answers of an endpoint: `response={200: X, **errors(401, 404)}`."""
    return {code: ErrorOut for code in codes}


def detail(loc: list, msg_zh: str, msg_en: str, kind: str) -> dict:
    return {"detail": [{"loc": loc, "msg": msg_zh, "msg_en": msg_en, "type": kind}]}


class InputError(ApplicationError):
    """A refusal about one input outside the body (a query or path parameter)."""

    def __init__(self, loc: list, message_zh: str, message_en: str):
        super().__init__(message_zh, message_en, field=str(loc[-1]))
        self.loc = loc


def query_error(name: str, message_zh: str, message_en: str) -> InputError:
    return InputError(["query", name], message_zh, message_en)


class remap_fields:
    """Context manager: re-raise an ApplicationError whose `field` names a service's
    argument under the name the API client used (e.g. district -> district_code)."""

    def __init__(self, **names: str):
        self.names = names

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, ApplicationError) and not isinstance(error, InputError) and error.field in self.names:
            error.field = self.names[error.field]
        return False


def _error_location(exc: ApplicationError) -> list:
    explicit = getattr(exc, "loc", None)
    if explicit:
        return list(explicit)
    if exc.field:
        return ["body", *exc.field.split(".")]
    return []


def _validation_items(exc: ValidationError) -> list[dict]:
    items = []
    for error in exc.errors:
        kind = str(error.get("type", "value_error"))
        message_en = str(error.get("msg", "Invalid value."))
        zh = _ZH.get(kind, "內容不正確。")
        cause = (error.get("ctx") or {}).get("error")
        # A rule (rules.base.RuleError) or service error raised by a schema validator
        # carries its own bilingual message: show it instead of pydantic's.
        if getattr(cause, "message_zh", None):
            zh = cause.message_zh
            message_en = cause.message_en
        items.append({"loc": list(error.get("loc", [])), "msg": zh, "msg_en": message_en, "type": kind})
    return items


def install_error_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        return api.create_response(request, {"detail": _validation_items(exc)}, status=422)

    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        loc = _error_location(exc)
        status = 422 if exc.status == 400 and loc else exc.status
        return api.create_response(request, detail(loc, exc.message_zh, exc.message_en, exc.code), status=status)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return api.create_response(
            request,
            detail([], "請先登入或提供有效的權杖。", "Sign in or send a valid bearer token.", "unauthorized"),
            status=401,
        )

    @api.exception_handler(AuthorizationError)
    def authorization_error(request, exc):
        return api.create_response(
            request, detail([], "您沒有執行此操作的權限。", "You may not do this.", "forbidden"), status=403
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, detail([], "找不到資料。", "Not found.", "not_found"), status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            # ninja's wording when the body is not JSON (params.models.BodyModel).
            return api.create_response(
                request,
                detail(["body"], "JSON 格式錯誤，無法解析。", "The body is not valid JSON.", "json_invalid"),
                status=422,
            )
        return api.create_response(request, detail([], str(exc), str(exc), "error"), status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return api.create_response(
            request, detail(["body"], "傳送的資料太大。", "The request body is too large.", "too_large"), status=413
        )

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):
        log.warning("API: suspicious request refused: %s", exc)
        return api.create_response(
            request, detail([], "請求格式不正確。", "The request is malformed.", "bad_request"), status=400
        )
