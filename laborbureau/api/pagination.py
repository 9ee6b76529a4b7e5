"""Page-number pagination for list endpoints, with bounds: a page past the end is an
empty page, a page number too large to be an offset is a 422, never a database error."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from laborbureau.core.errors import ApplicationError

MAX_PAGE = 100_000
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="頁碼，從1起算 Page number, from 1.", examples=[1])
        page_size: int | None = Field(
            None,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"每頁筆數（預設{DEFAULT_PAGE_SIZE}） Items per page (default {DEFAULT_PAGE_SIZE}).",
            examples=[50],
        )

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="符合條件的總筆數 Total number of matching items.")

    def __init__(self, page_size: int = DEFAULT_PAGE_SIZE, max_page_size: int = MAX_PAGE_SIZE, **kwargs):
        super().__init__(page_size=page_size, max_page_size=max_page_size, **kwargs)


def page_slice(queryset, page: int, page_size: int | None, default: int = DEFAULT_PAGE_SIZE):
    """The items of one page and the total, for handlers that must see the page's rows
    before answering (e.g. to log who read them)."""
    # Handlers usually take `page` and `page_size` through a schema with these bounds;
    # one that takes plain query integers is answered 422 here rather than crashing on a
    # negative slice.
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        raise ApplicationError(f"頁碼須介於1至{MAX_PAGE}。", f"The page must be 1 to {MAX_PAGE}.", field="page")
    if page_size is not None and (isinstance(page_size, bool) or not isinstance(page_size, int)
                                  or not 1 <= page_size <= MAX_PAGE_SIZE):
        raise ApplicationError(f"每頁筆數須介於1至{MAX_PAGE_SIZE}。", f"The page size must be 1 to {MAX_PAGE_SIZE}.",
                               field="page_size")
    size = page_size or default
    offset = (page - 1) * size
    return list(queryset[offset : offset + size]), queryset.count()
