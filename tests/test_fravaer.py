"""Absence: the grid's input, planned hours and holidays, and the quotas. DOMAIN.md section 8."""

import datetime
from decimal import Decimal

import pytest

from introdesk.domain.fravaer import Fravaer, cell_text, parse_cell, planned_hours, public_holidays, quotas
from introdesk.domain.plan import Element, Plan

D = datetime.date
H = Decimal


@pytest.mark.parametrize("text, parsed", [
    ("", None), ("  ", None), ("U", ("ugyldig", None)), ("u", ("ugyldig", None)), ("U 2,5", ("ugyldig", H("2.5"))),
    ("2,5u", ("ugyldig", H("2.5"))), ("E", ("egenmelding", None)), ("b3", ("barns_sykdom", H(3))),
])
def test_a_cell_is_a_letter_and_maybe_hours(rules, text, parsed):
    assert parse_cell(text, rules) == parsed


@pytest.mark.parametrize("text, message", [
    ("X", "Ukjent fraværskode «X»"), ("U 25", "mellom 0,25 og 24"), ("U 1,1", "hele kvarter"),
    ("syk", "Skriv en bokstav"), ("U 1,2,3", "som et tall"),
])
def test_a_wrong_cell_is_explained(rules, text, message):
    with pytest.raises(ValueError, match=message):
        parse_cell(text, rules)


def test_cell_text_is_the_inverse(rules):
    for text in ("U", "E", "B 3", "U 2,5"):
        kind, hours = parse_cell(text, rules)
        assert cell_text(Fravaer(1, D(2026, 5, 4), kind, hours), rules) == text


def test_planned_hours_follow_the_plan_weekends_and_holidays():
    plan = Plan(1, 1, D(2026, 1, 1), elementer=(
        Element("n", "norsk", D(2026, 1, 1), D(2026, 12, 31), H("22.5"), (0, 1, 2)),
        Element("p", "sprakpraksis", D(2026, 1, 1), D(2026, 12, 31), H(15), (3, 4))))
    off = public_holidays(2026)
    assert off[D(2026, 5, 17)] == "Grunnlovsdag"
    assert planned_hours(plan, D(2026, 5, 4), off, H("7.5")) == H("7.5")  # Monday, Norwegian
    assert planned_hours(plan, D(2026, 5, 14), off, H("7.5")) == 0  # Ascension Day
    assert planned_hours(plan, D(2026, 5, 16), off, H("7.5")) == 0  # Saturday
    assert planned_hours(None, D(2026, 5, 4), off, H("7.5")) == H("7.5")  # no plan: a full day


def absences(kind, *days):
    return [Fravaer(1, d, kind) for d in days]


def test_self_certification_at_most_three_days_four_times_and_after_eight_weeks(rules):
    days = [D(2026, 3, 5), D(2026, 3, 6), D(2026, 3, 9), D(2026, 3, 10),  # Thu-Tue over a weekend: 4 days
            D(2026, 4, 1), D(2026, 5, 4), D(2026, 6, 1), D(2026, 8, 3)]
    quota = next(q for q in quotas(absences("egenmelding", *days), "integreringsloven", 0, D(2026, 2, 1),
                                    D(2026, 9, 1), rules) if q.name == "Egenmelding")
    assert quota.used == 5 and quota.over
    assert any("05.03.2026 varte 4 dager" in w for w in quota.warnings)
    assert any("før deltakeren hadde vært 8 uker" in w for w in quota.warnings)
    assert any("5 egenmeldinger siste 12 måneder; høyst 4" in w for w in quota.warnings)


def test_child_illness_days_depend_on_the_number_of_children(rules):
    eleven = absences("barns_sykdom", *(D(2026, 3, d) for d in range(2, 14) if D(2026, 3, d).weekday() < 5))
    assert len(eleven) == 10
    extra = eleven + absences("barns_sykdom", D(2026, 4, 1))
    two = next(q for q in quotas(extra, "integreringsloven", 2, None, D(2026, 6, 1), rules) if q.name == "Barns sykdom")
    three = next(q for q in quotas(extra, "integreringsloven", 3, None, D(2026, 6, 1), rules)
                 if q.name == "Barns sykdom")
    assert (two.used, two.limit, two.over) == (11, 10, True) and (three.limit, three.over) == (15, False)


def test_holiday_beyond_five_weeks_in_a_year_is_warned(rules):
    days = [D(2026, 7, 1) + datetime.timedelta(days=i) for i in range(40) if (D(2026, 7, 1) +
                                                                              datetime.timedelta(days=i)).weekday() < 5]
    holiday = next(q for q in quotas(absences("ferie", *days), "integreringsloven", 0, None, D(2026, 12, 1), rules)
                   if q.name == "Ferie")
    assert holiday.used == 28 and holiday.limit == 25 and "28 dager ferie i 2026; høyst 25." in holiday.warnings


def test_birth_leave_is_counted_in_working_days_against_its_quota(rules):
    from introdesk.domain.fravaer import leave_quotas
    from introdesk.domain.hendelser import Hendelse

    father = [Hendelse(1, 1, "permisjon", D(2026, 5, 11), til_dato=D(2026, 5, 20), grunn="fodsel_far")]
    quota = leave_quotas(father, "integreringsloven", D(2026, 6, 1), rules)
    assert [(q.name, q.used, q.limit) for q in quota] == [("Fødsel (far eller medmor)", 7, 7)]  # Ascension Day off
    assert not quota[0].over
    longer = [Hendelse(1, 1, "permisjon", D(2026, 5, 11), til_dato=D(2026, 5, 22), grunn="fodsel_far")]
    assert leave_quotas(longer, "integreringsloven", D(2026, 6, 1), rules)[0].warnings == (
        "Fødsel (far eller medmor): 9 virkedager siste 12 måneder; høyst 7.",)
    assert leave_quotas([Hendelse(1, 1, "permisjon", D(2026, 5, 11), til_dato=D(2026, 5, 20), grunn="velferd")],
                        "integreringsloven", D(2026, 6, 1), rules) == []


def test_own_illness_is_whole_days_and_a_holiday_does_not_split_a_spell(rules):
    with pytest.raises(ValueError, match="delvis sykmeldt"):
        parse_cell("E 2,5", rules)
    assert parse_cell("B 2,5", rules) == ("barns_sykdom", H("2.5"))  # a child's illness may be hours
    # Wednesday and Friday around Ascension Day 2026 are one spell of self-certification, not two.
    quota = next(q for q in quotas(absences("egenmelding", D(2026, 5, 13), D(2026, 5, 15)), "integreringsloven", 0,
                                    None, D(2026, 6, 1), rules) if q.name == "Egenmelding")
    assert quota.used == 1
