"""Shared types for the statutory rules layer.

Every rule in ``laborbureau.rules`` is pure Python (no Django import), takes the
date on which it applies, and returns a result that names its legal basis
(:class:`LegalBasis`).  A rule that refuses an input raises :class:`RuleError`,
which carries the form field it concerns and a message in Traditional Chinese
(zh-Hant, shown first) and English, so that forms and API handlers can turn it
into a field-level 4xx without knowing the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LegalBasis", "RuleError", "Step"]


class RuleError(ValueError):
    """A rule rejected its input.

    ``field`` names the input field the error belongs to (e.g. ``"id_number"``),
    ``message_zh`` is the zh-Hant message shown to users, ``message_en`` the
    English one.  ``str(error)`` is ``"<zh> / <en>"``.
    """

    field: str
    message_zh: str
    message_en: str

    def __init__(self, field: str, message_zh: str, message_en: str) -> None:
        self.field = field
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(f"{message_zh} / {message_en}")

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message_en}"

    def __reduce__(self) -> tuple[type[RuleError], tuple[str, str, str]]:
        # Keep the error picklable (task queues, multiprocessing test runners).
        return (type(self), (self.field, self.message_zh, self.message_en))


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """The legal provision a result rests on.

    ``law`` is the official zh-Hant name of the law (e.g. ``勞動基準法``),
    ``article`` the article reference as cited in decisions
    (e.g. ``第79條第1項第1款``), ``version`` identifies the text in force
    (e.g. ``"2019-05-15 修正"`` or an effective-date note) and ``law_en`` the
    English name of the law.
    """

    law: str
    article: str
    version: str
    law_en: str = ""

    def cite(self) -> str:
        """Citation as written in a decision, e.g. ``勞動基準法第79條第1項第1款``."""
        return f"{self.law}{self.article}"

    def __str__(self) -> str:
        return self.cite()


@dataclass(frozen=True, slots=True)
class Step:
    """One line of a computation as shown to the public ("how the figure was reached").

    ``label_zh``/``label_en`` say what the line is (e.g. 平均工資 / average wage),
    ``formula`` how it was computed in plain arithmetic (e.g. ``"45,000 × 3"``, may be
    empty), and ``value`` the result as displayed (an amount, a date, a count).
    ``basis`` optionally cites the article this step applies.
    """

    label_zh: str
    label_en: str
    value: str
    formula: str = ""
    basis: LegalBasis | None = None
