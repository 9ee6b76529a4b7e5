"""Reads of domestic recruitment, separation-certificate help and worker transfers,
scoped by the reader through the case engine (cases.access): ESO staff (and those who
read every unit or hold a grant), and the parties the workflow lets in."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from laborbureau.cases.access import cases_readable_by
from laborbureau.core.models import User
from laborbureau.employment.models import Referral, VacancyStatus
from laborbureau.employment.recruitment.models import (
    DomesticRecruitment,
    EmployerDecision,
    Judgement,
    RecruitmentReferralOutcome,
    SeparationCertificateRequest,
    WorkerTransfer,
)
from laborbureau.rules import foreign_worker_recruitment as rule
from laborbureau.rules.base import RuleError


def recruitments_readable_by(user: User) -> QuerySet:
    return (DomesticRecruitment.objects.filter(case__in=cases_readable_by(user))
            .select_related("case", "employer", "vacancy").order_by("-case__opened_at"))


def recruitment_get(user: User, number: str) -> DomesticRecruitment | None:
    return recruitments_readable_by(user).filter(case__number=(number or "")[:20]).first()


def separations_readable_by(user: User) -> QuerySet:
    return (SeparationCertificateRequest.objects.filter(case__in=cases_readable_by(user))
            .select_related("case", "worker", "employer").order_by("-case__opened_at"))


def separation_get(user: User, number: str) -> SeparationCertificateRequest | None:
    return separations_readable_by(user).filter(case__number=(number or "")[:20]).first()


def transfers_readable_by(user: User) -> QuerySet:
    return (WorkerTransfer.objects.filter(case__in=cases_readable_by(user))
            .select_related("case", "worker", "original_employer", "new_employer").order_by("-case__opened_at"))


def transfer_get(user: User, number: str) -> WorkerTransfer | None:
    return transfers_readable_by(user).filter(case__number=(number or "")[:20]).first()


@dataclass
class ReferralRow:
    referral: Referral
    outcome: RecruitmentReferralOutcome | None
    presumed_lawful: bool | None  # for a refusal: the rule's presumption


@dataclass
class RecruitmentAssessment:
    """Where a domestic recruitment stands on `today`: its statutory period, the
    referrals and their outcomes, the shortfall, and what stops a certificate."""

    period: rule.RecruitmentPeriod | None
    rows: list[ReferralRow]
    openings: int
    hired: int
    refused: int
    unanswered: int
    unjudged: int
    unlawful: int
    blockers: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)
    refusal_grounds: list[tuple[str, str]] = field(default_factory=list)

    @property
    def shortfall(self) -> int:
        return max(0, self.openings - self.hired)


def recruitment_period(recruitment: DomesticRecruitment) -> rule.RecruitmentPeriod | None:
    """The statutory period, once the vacancy is public (None while held for review)."""
    vacancy = recruitment.vacancy
    if vacancy.posted_at is None:
        return None
    try:
        return rule.recruitment_period(
            registered_on=recruitment.registered_on, advertised_on=timezone.localdate(vacancy.posted_at),
            work_category=recruitment.work_category, newspaper_first_day=recruitment.newspaper_first_day,
        )
    except RuleError:
        return None  # checked at registration; a record from before the rule's version has no period


def referral_rows(recruitment: DomesticRecruitment) -> list[ReferralRow]:
    """The referrals to the recruitment's vacancy with their recorded outcomes (two queries)."""
    referrals = list(Referral.objects.filter(vacancy_id=recruitment.vacancy_id)
                     .select_related("seeker__person").order_by("created_at", "pk"))
    outcomes = {o.referral_id: o for o in RecruitmentReferralOutcome.objects.filter(recruitment=recruitment)}
    rows = []
    for referral in referrals:
        outcome = outcomes.get(referral.pk)
        presumed = None
        if outcome is not None and outcome.decision == EmployerDecision.REFUSED:
            presumed = rule.REFUSAL_REASONS[outcome.reason].presumed_lawful
        rows.append(ReferralRow(referral, outcome, presumed))
    return rows


def recruitment_assess(recruitment: DomesticRecruitment, today: date) -> RecruitmentAssessment:
    """The certificate's conditions (就業服務法第47條; 雇主聘僱外國人許可及管理辦法第17條):
    the period is over, the advertisement stayed up for it, every referral has its
    outcome and every refusal its judgement, none was refused without a proper reason,
    and local hires left a shortfall."""
    period = recruitment_period(recruitment)
    rows = referral_rows(recruitment)
    outcomes = [row.outcome for row in rows if row.outcome is not None]
    hired = sum(1 for o in outcomes if o.decision == EmployerDecision.HIRED)
    refused = sum(1 for o in outcomes if o.decision == EmployerDecision.REFUSED)
    unjudged = sum(1 for o in outcomes if o.decision == EmployerDecision.REFUSED and o.judgement == Judgement.PENDING)
    unlawful = sum(1 for o in outcomes if o.judgement == Judgement.UNLAWFUL)
    unanswered = len(rows) - len(outcomes)
    vacancy = recruitment.vacancy
    result = RecruitmentAssessment(period=period, rows=rows, openings=vacancy.openings, hired=hired, refused=refused,
                                   unanswered=unanswered, unjudged=unjudged, unlawful=unlawful)
    not_public = ("求才廣告尚未刊登（待審核）。", "The advertisement is not public yet (held for review).")
    cut_short = ("求才廣告未刊登滿法定招募期間。", "The advertisement did not stay up for the whole period.")
    no_shortfall = ("國內招募已足額，無不足人數。", "Local hires filled every opening: no shortfall.")
    refused_unlawfully = (f"雇主有{unlawful}件無正當理由拒絕推介求職人（就業服務法第47條第2項）。",
                          f"The employer refused {unlawful} referred job seeker(s) without a proper reason (Art. 47(2)).")
    closed_on = timezone.localdate(vacancy.closed_at) if vacancy.closed_at else None
    ended_early = (vacancy.status != VacancyStatus.FILLED and closed_on is not None
                   and (period is None or closed_on <= period.last_day))
    period_over = period is not None and period.complete_on(today)
    if period is None and not ended_early:
        result.blockers.append(not_public)
    elif ended_early:
        result.blockers.append(cut_short)
    elif not period_over:
        result.blockers.append((f"招募期間至{period.last_day.isoformat()}止，尚未期滿。",
                                f"The recruitment runs until {period.last_day.isoformat()}."))
    if unanswered:
        result.blockers.append((f"尚有{unanswered}位推介求職人未登錄結果。", f"{unanswered} referral(s) have no outcome yet."))
    if unjudged:
        result.blockers.append((f"尚有{unjudged}件不予錄用理由待認定。",
                                f"{unjudged} refusal(s) await the officer's judgement."))
    if unlawful:
        result.blockers.append(refused_unlawfully)
    if result.shortfall == 0:
        result.blockers.append(no_shortfall)
    # A refusal needs a settled ground: the advertisement cut short, or (the period over
    # and every outcome answered and judged) a refusal without a proper reason or no shortfall.
    if ended_early:
        result.refusal_grounds.append(cut_short)
    if period_over and not unanswered and not unjudged:
        if unlawful:
            result.refusal_grounds.append(refused_unlawfully)
        if result.shortfall == 0:
            result.refusal_grounds.append(no_shortfall)
    return result
