"""The screening hook every vacancy passes before it is published (求職防騙, 不實徵才廣告查察).

`screen_vacancy` is the one place the scam screening will plug in (a later session of
issue 5): it reads the vacancy as it is about to be saved and answers PUBLISH (it goes
public at once) or REVIEW (it waits, status HELD, in an officer's review queue). For now
it publishes everything that passed validation; nothing is held yet.
"""

from dataclasses import dataclass

PUBLISH = "publish"
REVIEW = "review"


@dataclass(frozen=True)
class ScreeningDecision:
    decision: str  # PUBLISH or REVIEW
    reason: str = ""  # why it was held, for the officer (empty when published)
    score: float = 0.0


def screen_vacancy(vacancy) -> ScreeningDecision:
    """Decide whether `vacancy` (an unsaved or changed employment.Vacancy with its
    employer) may be published now. Placeholder: always PUBLISH."""
    return ScreeningDecision(decision=PUBLISH)
