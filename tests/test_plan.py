"""The integration plan's rules: hours against full time week by week, mandatory elements, the
programme period, comparing versions, and typed input."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest

from introdesk.domain.form import FieldErrors
from introdesk.domain.plan import (
    FEIL,
    Element,
    Plan,
    Programperiode,
    check_plan,
    copy_for_new_version,
    diff_plans,
    parse_element,
    week_schedule,
    weeks,
)

D = datetime.date
START, END = D(2026, 1, 5), D(2026, 3, 29)  # a Monday, and the Sunday twelve weeks later
PERIOD = Programperiode("integreringsloven", START, END, barn_under_18=False)
MON_FRI = (0, 1, 2, 3, 4)


def el(key, kind, hours, days=MON_FRI, fra=START, til=END, **kw):
    return Element(key, kind, fra, til, Decimal(hours), days, **kw)


# 15 + 15 + 5 + 2,5 = 37,5 every week; life skills 5 h a week for 5 weeks = 25 h.
FULL = (
    el("n", "norsk", 15, (0, 1, 2)),
    el("p", "sprakpraksis", 15, (3, 4), retning="arbeid"),
    el("s", "samfunnskunnskap", 5, (4,), til=D(2026, 2, 8)),
    el("l", "livsmestring", 5, (4,), fra=D(2026, 2, 9), til=D(2026, 3, 15)),
    el("f", "arbeidsrettet", 5, (4,), fra=D(2026, 3, 16), retning="arbeid"),
    el("x", "annet", Decimal("2.5"), (1,)),
)


def plan(*elements, **kw):
    return Plan(1, 1, START, sluttmal="Fast arbeid i butikk", kontrakt_signert=START, elementer=elements, **kw)


def texts(found):
    return [a.text for a in found]


def test_a_full_plan_has_nothing_to_remark(rules):
    assert texts(check_plan(plan(*FULL), PERIOD, rules)) == []
    assert {w.planned for w in weeks(plan(*FULL), PERIOD, rules)} == {Decimal("37.5")}


def test_weeks_under_and_over_full_time_are_named_with_their_dates(rules):
    over = el("o", "annet", 5, (0,), fra=D(2026, 1, 12), til=D(2026, 1, 25))  # weeks 3 and 4
    under = replace(FULL[0], til=D(2026, 3, 1))  # no Norwegian from week 10
    found = texts(check_plan(plan(*FULL[1:], under, over), PERIOD, rules))
    assert "42,5 timer per uke i uke 3–4 (12.01.2026–25.01.2026): over fulltid (37,5 timer)." in found
    assert "22,5 timer per uke i uke 10–13 (02.03.2026–29.03.2026): under fulltid (37,5 timer)." in found


def test_with_much_self_study_full_time_is_thirty_hours(rules):
    thirty = (el("n", "norsk", 15, (0, 1, 2)), el("p", "sprakpraksis", 10, (3, 4), retning="arbeid"),
              *FULL[2:5])  # 15 + 10 + 5 every week
    assert any("under fulltid (37,5 timer)" in t for t in texts(check_plan(plan(*thirty), PERIOD, rules)))
    assert not any("fulltid" in t for t in texts(check_plan(plan(*thirty, selvstudium=True), PERIOD, rules)))
    assert any("over fulltid (30 timer)" in t for t in texts(check_plan(plan(*FULL, selvstudium=True), PERIOD, rules)))


def test_a_part_week_at_the_start_is_measured_against_its_own_days(rules):
    period = replace(PERIOD, start=D(2026, 1, 7))  # a Wednesday: three working days in the first week
    first = weeks(plan(*FULL), period, rules)[0]
    # Wednesday 5 h Norwegian, Thursday 7,5 h practice, Friday 7,5 h practice and 5 h social studies.
    assert first.norm == Decimal("22.5") and first.planned == Decimal("25")


def test_a_part_week_is_named_with_its_own_target(rules):
    period = replace(PERIOD, start=D(2026, 1, 7))  # a Wednesday: three days in the first week
    found = texts(check_plan(plan(*FULL), period, rules))
    assert "25 timer per uke i uke 2 (05.01.2026): over fulltid (22,5 timer)." in found


def test_dates_past_2100_and_wrong_weekdays_are_refused(rules):
    with pytest.raises(FieldErrors) as caught:
        parse_element({"type": "norsk", "fra": "05.01.2026", "til": "31.12.9999", "timer_per_uke": "15",
                       "dager": ["mandag", 9]}, rules, "k")
    assert "senest 2100" in caught.value.errors["til"] and "dag" in caught.value.errors["dager"]


def test_weeks_with_nothing_planned_are_a_gap(rules):
    gap = tuple(replace(e, til=D(2026, 3, 1)) if e.til > D(2026, 3, 1) else e for e in FULL)
    found = check_plan(plan(*gap), PERIOD, rules)
    gap_text = "Ingenting er planlagt i uke 10–13 (02.03.2026–29.03.2026). Planlegg også ferien, som et element «Ferie»."
    assert (gap_text, FEIL) in [(a.text, a.severity) for a in found]
    holiday = el("h", "ferie", Decimal("37.5"), fra=D(2026, 3, 2), til=D(2026, 3, 29))
    assert not [a for a in check_plan(plan(*gap, holiday), PERIOD, rules) if "planlagt i uke" in a.text]


def test_mandatory_elements_by_regime_and_family(rules):
    without_social_studies = [e for e in FULL if e.type != "samfunnskunnskap"]
    assert "Opplæring i samfunnskunnskap mangler i planen." in texts(
        check_plan(plan(*without_social_studies), PERIOD, rules))
    with_children = replace(PERIOD, barn_under_18=True)
    assert "Foreldreveiledning mangler i planen." in texts(check_plan(plan(*FULL), with_children, rules))
    short_life_skills = tuple(replace(e, til=D(2026, 3, 8)) if e.type == "livsmestring" else e for e in FULL)
    assert any(t.startswith("Livsmestring i et nytt land: 20 timer planlagt, minst 25")
               for t in texts(check_plan(plan(*short_life_skills), PERIOD, rules)))
    no_work = tuple(replace(e, retning=None) for e in FULL)
    assert "Et arbeids- eller utdanningsrettet element mangler i planen." in texts(
        check_plan(plan(*no_work), PERIOD, rules))
    # The old law asked for neither life skills nor parental guidance.
    old_law = replace(with_children, lovverk="introloven")
    assert not [t for t in texts(check_plan(plan(*without_social_studies[:1], *FULL[1:2]), old_law, rules))
                if "Livsmestring" in t or "Foreldre" in t]


def test_elements_outside_the_programme_and_a_missing_end_goal_or_contract(rules):
    late = el("z", "annet", 1, (0,), fra=D(2026, 3, 23), til=D(2026, 4, 10))
    found = check_plan(Plan(1, 1, START, elementer=(*FULL, late)), PERIOD, rules)
    assert any("ligger utenfor programperioden (05.01.2026–29.03.2026)" in t for t in texts(found))
    assert "Sluttmålet mangler." in texts(found) and found[0].severity == FEIL
    assert "Integreringskontrakten er ikke registrert som signert." in texts(found)


def test_the_week_schedule_gives_each_day_its_elements_and_hours(rules):
    days = week_schedule(plan(*FULL), D(2026, 2, 9))
    assert [(o.element.type, o.hours) for o in days[0]] == [("norsk", 5)]
    assert sorted((o.element.type, o.hours) for o in days[4]) == [
        ("livsmestring", 5), ("sprakpraksis", Decimal("7.5"))]
    assert days[5] == days[6] == []


def test_a_new_version_compared_with_the_last(rules):
    old = plan(*FULL)
    new = copy_for_new_version(old, D(2026, 2, 1))
    assert new.versjon == 2 and new.dato == D(2026, 2, 1) and new.gjennomganger == ()
    new = replace(new, norskmal="A2 muntlig", elementer=(
        replace(new.elementer[0], timer_per_uke=Decimal(12)), *new.elementer[1:5],
        el("g", "grunnskole", 3, (1,), tilbyder="Fjordvik skole")))
    assert diff_plans(old, new, rules) == [
        "Norskmål: – → A2 muntlig",
        "Endret element Opplæring i norsk: timer per uke 15 → 12",
        "Nytt element: Grunnskoleopplæring (Fjordvik skole) 05.01.2026–29.03.2026, 3 t/uke",
        "Fjernet element: Annet 05.01.2026–29.03.2026, 2,5 t/uke",
    ]


def test_element_input_is_checked_field_by_field(rules):
    with pytest.raises(FieldErrors) as caught:
        parse_element({"type": "norsk", "fra": "10.03.2026", "til": "01.03.2026", "timer_per_uke": "mange",
                       "dager": []}, rules, "k")
    assert set(caught.value.errors) == {"til", "timer_per_uke", "dager"}
    e = parse_element({"type": "norsk", "fra": "05.01.2026", "til": "29.03.2026", "timer_per_uke": "7,5",
                       "dager": [0, 2], "retning": "utdanning"}, rules, "k")
    assert (e.timer_per_uke, e.dager, e.status, e.hours_per_day()) == (Decimal("7.5"), (0, 2), "planlagt",
                                                                        Decimal("3.75"))


def test_a_run_of_weeks_across_new_year_names_the_years(rules):
    period = Programperiode("integreringsloven", D(2026, 12, 7), D(2027, 1, 31), False)
    thin = Plan(1, 1, D(2026, 12, 7), sluttmal="Arbeid", kontrakt_signert=D(2026, 12, 7), elementer=(
        el("n", "norsk", 15, (0, 1, 2), fra=D(2026, 12, 7), til=D(2027, 1, 31)),))
    assert any("i uke 50/2026–4/2027 (07.12.2026–31.01.2027)" in t for t in texts(check_plan(thin, period, rules)))
