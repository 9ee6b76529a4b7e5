"""The REST API: one NinjaAPI at /api/, version 1 routers at /api/v1/..., OpenAPI
docs at /api/docs. Routers live in their apps (`<app>/api.py`) and are mounted by
laborbureau.api.routers."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from laborbureau.api.auth import SessionOrToken
from laborbureau.api.errors import ErrorItem, ErrorOut, install_error_handlers


class LaborApi(NinjaAPI):
    def validation_error_from_error_contexts(self, error_contexts) -> ValidationError:
        """As ninja's, with two changes: a body held in one schema parameter reports
        `["body", "id_number"]` rather than `["body", "payload", "id_number"]`, and the
        exception raised by a validator stays an object, so that a RuleError's bilingual
        message reaches the answer (api.errors)."""
        items = []
        for context in error_contexts:
            model = context.model
            single = getattr(model, "__read_from_single_attr__", None)
            for error in context.pydantic_validation_error.errors(include_url=False):
                loc = (model.__ninja_param_source__,) + model.__ninja_flatten_map_reverse__.get(
                    error["loc"], error["loc"]
                )
                if single and len(loc) > 1 and loc[1] == single:
                    loc = (loc[0],) + loc[2:]
                error.pop("input", None)
                error["loc"] = loc
                items.append(dict(error))
        return ValidationError(items)

    def get_openapi_schema(self, *args, **kwargs):
        """As ninja's, plus the answers every router gives without declaring them: 401
        on each authenticated operation, 422 on each that takes input and 413 on each
        that takes a body, in the one error shape (api.errors.ErrorOut)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, model in (("ErrorOut", ErrorOut), ("ErrorItem", ErrorItem)):
            if name not in components:
                definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(definition.pop("$defs", {}))
                components[name] = definition
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                codes = {str(code) for code in responses}
                if operation.get("security") and "401" not in codes:
                    responses[401] = _error_answer("Unauthorized: sign in or send a valid bearer token")
                if (operation.get("parameters") or operation.get("requestBody")) and "422" not in codes:
                    responses[422] = _error_answer("Unprocessable Entity: an input is missing or invalid")
                if operation.get("requestBody") and "413" not in codes:
                    responses[413] = _error_answer("Content Too Large: the body exceeds the upload limit")
        return schema


def _error_answer(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


api = LaborApi(
    title="臺北市政府勞動局 業務平台 API (Department of Labor, Taipei City)",
    version="1",
    description=(
        "Labor-affairs platform API. Authenticate with `Authorization: Bearer <token>` "
        "(create a token on your profile page or with `manage.py create_token USERNAME`); "
        "a signed-in browser session works too (send the CSRF token on writes). Every endpoint "
        "applies the same unit-scoped permissions as the staff pages: a case of another unit "
        "answers 404, an auditor's writes 403, and portal users see only their own cases.\n\n"
        'Errors: 4xx with `{"detail": [{"loc": [...], "msg": "中文", "msg_en": "English", '
        '"type": "..."}]}`; validation errors answer 422 with the path of the field at fault.'
    ),
    auth=SessionOrToken(),
    urls_namespace="api",
    docs_url="docs",
    openapi_url="openapi.json",
)
install_error_handlers(api)

# Routers are mounted by laborbureau.api.routers (imported last to avoid cycles).
from laborbureau.api import routers  # noqa: E402,F401
