import datetime

import pytest
from dateutil.relativedelta import relativedelta

from introdesk.domain import malgruppe
from introdesk.domain.malgruppe import MalgruppeFacts, assess

PERMIT = datetime.date(2024, 6, 10)
SETTLED = datetime.date(2024, 8, 1)


def facts(**kw):
    base = dict(
        lovverk="integreringsloven",
        birth_date=PERMIT - relativedelta(years=30),
        permit_date=PERMIT,
        settlement_date=SETTLED,
        settled_by_agreement=True,
        residence_ground="flyktning",
    )
    base.update(kw)
    return MalgruppeFacts(**base)


ON = datetime.date(2025, 1, 1)


def test_refugee_settled_by_agreement_has_right_and_duty(rules):
    result = assess(facts(), rules, ON)
    assert result.outcome == malgruppe.RETT_OG_PLIKT
    assert "innenfor 18–55 år" in result.explanation()


@pytest.mark.parametrize(
    "birth_date, outcome",
    [
        (PERMIT - relativedelta(years=18), malgruppe.RETT_OG_PLIKT),  # 18th birthday on the permit date
        (PERMIT - relativedelta(years=18) + relativedelta(days=1), malgruppe.UTENFOR),  # a day short of 18
        (PERMIT - relativedelta(years=56) + relativedelta(days=1), malgruppe.RETT_OG_PLIKT),  # last day aged 55
        (PERMIT - relativedelta(years=56), malgruppe.KAN_TILBYS),  # 56th birthday on the permit date
    ],
)
def test_age_is_judged_on_the_permit_date(rules, birth_date, outcome):
    assert assess(facts(birth_date=birth_date), rules, ON).outcome == outcome


@pytest.mark.parametrize(
    "on, outcome",
    [
        (SETTLED + relativedelta(years=2) - relativedelta(days=1), malgruppe.RETT_OG_PLIKT),
        (SETTLED + relativedelta(years=2), malgruppe.UTENFOR),  # two years to the day: no longer less
    ],
)
def test_less_than_two_years_in_the_municipality(rules, on, outcome):
    assert assess(facts(), rules, on).outcome == outcome


def test_not_settled_by_agreement_can_be_offered(rules):
    result = assess(facts(settled_by_agreement=False), rules, ON)
    assert result.outcome == malgruppe.KAN_TILBYS
    assert "Ikke bosatt etter avtale" in result.explanation()


def test_family_of_others_can_be_offered_and_other_grounds_are_outside(rules):
    assert assess(facts(residence_ground="familie_annen"), rules, ON).outcome == malgruppe.KAN_TILBYS
    assert assess(facts(residence_ground="annet"), rules, ON).outcome == malgruppe.UTENFOR


def test_collective_protection_under_chapter_6a(rules):
    result = assess(facts(lovverk="kap6a", residence_ground="kollektiv_beskyttelse"), rules, ON)
    assert result.outcome == malgruppe.RETT_OG_PLIKT


def test_missing_facts_are_named_not_guessed(rules):
    result = assess(facts(permit_date=None, settlement_date=None), rules, ON)
    assert result.outcome == malgruppe.UAVKLART
    assert "Bosettingsdato mangler" in result.explanation()


def test_outside_wins_over_can_be_offered(rules):
    # Over 55 (could be offered) but settled more than two years ago (outside).
    result = assess(facts(birth_date=PERMIT - relativedelta(years=60)), rules, SETTLED + relativedelta(years=3))
    assert result.outcome == malgruppe.UTENFOR
