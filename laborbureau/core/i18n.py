"""Bilingual text, zh-Hant first, English second.

The platform speaks exactly two languages and its legal terms are chosen by the
engineer who knows the article, so both texts are written side by side at the point
of use (`t("案件編號", "Case number")`) rather than in a separate catalogue that
drifts (docs/adr/0002-bilingual-text.md). Django's own strings (form errors and the
like) still come from Django's zh_Hant catalogue through the active language.
"""

from django.utils.functional import lazy
from django.utils.translation import get_language


def is_english() -> bool:
    language = get_language() or "zh-hant"
    return language.lower().startswith("en")


def pick(zh: str, en: str) -> str:
    """The text for the active language (evaluated now)."""
    return en if is_english() and en else zh


t = lazy(pick, str)
"""The text for the language active when it is rendered (lazy: safe at import time)."""
