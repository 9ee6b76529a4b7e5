"""Template helpers available in every template (settings: TEMPLATES builtins).

{% t "案件編號" "Case number" %} prints the text for the active language;
{{ value|roc }} prints 民國115年11月27日 (or "27 Nov 2026" in English);
{{ value|roc_short }} prints 115/11/27 for tables.
"""

from datetime import date, datetime

from django import template
from django.utils import timezone

from laborbureau.core.i18n import is_english, pick
from laborbureau.rules import roc_calendar

register = template.Library()


@register.simple_tag
def t(zh: str, en: str = "") -> str:
    return pick(zh, en)


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    return None


@register.filter
def roc(value) -> str:
    day = _as_date(value)
    if day is None:
        return ""
    if is_english():
        return f"{day.day} {day.strftime('%b')} {day.year}"
    return roc_calendar.format_long(day)


@register.filter
def roc_short(value) -> str:
    day = _as_date(value)
    if day is None:
        return ""
    return roc_calendar.format_short(day)


@register.filter
def roc_datetime(value) -> str:
    if not isinstance(value, datetime):
        return ""
    local = timezone.localtime(value)
    return f"{roc_calendar.format_short(local.date())} {local:%H:%M}"


@register.filter
def bilingual(value) -> str:
    """For choice labels written "中文 English": the part for the active language."""
    text = str(value)
    zh, _, en = text.partition(" ")
    return pick(zh, en) if en else text


@register.filter
def ntd(value) -> str:
    """An amount in New Taiwan dollars with thousands separators."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return ""
