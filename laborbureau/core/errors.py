"""The one application error type that services raise for business-rule violations.

Views map it to a message on the form, the API maps it to a 4xx JSON body
(api.errors). Never return error dicts from a service.
"""

from laborbureau.core.i18n import pick


class ApplicationError(Exception):
    """A refusal the user can act on. `field` names the input at fault, if any."""

    status = 400
    code = "invalid"

    def __init__(self, message_zh: str, message_en: str, *, field: str | None = None, code: str | None = None):
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh = message_zh
        self.message_en = message_en
        self.field = field
        if code:
            self.code = code

    @property
    def message(self) -> str:
        return pick(self.message_zh, self.message_en)


class NotFound(ApplicationError):
    """Missing, or not visible to this user: the two answer the same, so as not to leak."""

    status = 404
    code = "not_found"

    def __init__(self, what_zh: str = "資料", what_en: str = "record"):
        super().__init__(f"找不到{what_zh}。", f"The {what_en} was not found.")


class Forbidden(ApplicationError):
    status = 403
    code = "forbidden"


class Conflict(ApplicationError):
    """The record changed state in the meantime (e.g. a transition fired twice)."""

    status = 409
    code = "conflict"


class Throttled(ApplicationError):
    """Too many attempts from one address in a while: try again later."""

    status = 429
    code = "throttled"


def rule_error_to_application_error(error) -> ApplicationError:
    """Wrap a rules.base.RuleError (pure layer) in the application error."""
    return ApplicationError(error.message_zh, error.message_en, field=error.field)
