"""NIR bookkeeping and the year's completeness check on crafted cases: each rule fires on its case, with
its rule and fix, and a clean case is silent."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest

from introdesk.domain import forlop, nir
from introdesk.domain.deltaker import Deltaker
from introdesk.domain.hendelser import Hendelse
from introdesk.domain.plan import Element, Plan

D = datetime.date
TODAY = D(2027, 2, 10)  # the clean-up before 28 February
YEAR = 2026
REG = {"nir_dato": D(2026, 3, 1)}


def deltaker(**changes) -> Deltaker:
    return replace(Deltaker("Amal", "Haddad", "17059012436", "fnr", D(1990, 5, 17), "K", "integreringsloven",
                            landbakgrunn="SY", bosatt_dato=D(2025, 11, 1), vgs_fullfort=True, barn_under_18=2),
                   **changes)


def event(kind: str, day: datetime.date, n: int, **fields) -> Hendelse:
    return Hendelse(id=n, deltaker_id=1, type=kind, dato=day, **{**REG, **fields})


def clean_events() -> list[Hendelse]:
    return [
        event("kartlegging", D(2025, 11, 20), 1, nir_dato=D(2025, 12, 1)),
        event("karriereveiledning", D(2025, 12, 1), 2, nir_dato=D(2025, 12, 10)),
        event("innvilget", D(2026, 1, 5), 3, vedtaksdato=D(2026, 1, 2)),
        event("start", D(2026, 1, 5), 4),
        event("sluttmal", D(2026, 1, 5), 5, sluttmalgruppe="vgs_eller_mer", sluttmal="Sykepleier"),
        event("permisjon", D(2026, 3, 2), 6, til_dato=D(2026, 3, 6), vedtaksdato=D(2026, 2, 25), grunn="velferd",
              nir_dato=D(2026, 3, 10)),
        event("avslutning", D(2026, 7, 3), 7, utgang="avsluttet", sluttarsak="arbeid_30", nir_dato=D(2026, 7, 20)),
    ]


def course(kind: str, status: str = "fullfort") -> Element:
    return Element(kind, kind, D(2026, 2, 1), D(2026, 4, 30), Decimal(3), status=status)


def clean_plan() -> Plan:
    return Plan(1, 1, D(2026, 1, 20), sluttmal="Sykepleier", kontrakt_signert=D(2026, 1, 25),
                elementer=(course("livsmestring"), course("foreldreveiledning")))


def sak(rules, events=None, plan="clean", **person) -> nir.Sak:
    d = deltaker(**person)
    events = clean_events() if events is None else events
    return nir.Sak(1, d, forlop.summarize(events, d.lovverk, rules, TODAY), clean_plan() if plan == "clean" else plan)


def codes(found) -> list[str]:
    return [m.kode for m in found]


def without(kind: str) -> list[Hendelse]:
    return [e for e in clean_events() if e.type != kind]


def changed(kind: str, **fields) -> list[Hendelse]:
    return [replace(e, **fields) if e.type == kind else e for e in clean_events()]


def test_a_clean_year_has_no_problems(rules):
    assert nir.check(sak(rules), YEAR, rules, TODAY) == []


@pytest.mark.parametrize("case, kode", [
    (lambda r: sak(r, changed("avslutning", sluttarsak=None)), "mangler_sluttarsak"),
    (lambda r: sak(r, changed("avslutning", utgang="avbrutt", sluttarsak="arbeid_30")), "sluttarsak_utgang"),
    (lambda r: sak(r, changed("avslutning", utgang="permanent_stans", sluttarsak="grunnskole",
                              vedtaksdato=D(2026, 7, 1))), "sluttarsak_utgang"),
    (lambda r: sak(r, without("sluttmal")), "mangler_sluttmal"),
    (lambda r: sak(r, plan=None), "mangler_kontraktsdato"),
    (lambda r: sak(r, plan=replace(clean_plan(), kontrakt_signert=None)), "mangler_kontraktsdato"),
    (lambda r: sak(r, without("kartlegging")), "mangler_kartlegging"),
    (lambda r: sak(r, without("karriereveiledning")), "mangler_karriereveiledning"),
    (lambda r: sak(r, vgs_fullfort=None), "mangler_utdanning"),
    (lambda r: sak(r, changed("permisjon", vedtaksdato=None)), "permisjon_uten_vedtak"),
    (lambda r: sak(r, changed("start", nir_dato=None)), "ikke_registrert_nir"),
    (lambda r: sak(r, plan=replace(clean_plan(), elementer=(course("foreldreveiledning"),))),
     "livsmestring_ikke_registrert"),
    (lambda r: sak(r, plan=replace(clean_plan(), elementer=(course("livsmestring"),
                                                            course("foreldreveiledning", "pagar")))),
     "foreldreveiledning_ikke_registrert"),
])
def test_each_rule_fires_on_its_case_with_its_rule_and_fix(rules, case, kode):
    found = nir.check(case(rules), YEAR, rules, TODAY)
    assert kode in codes(found)
    problem = next(m for m in found if m.kode == kode)
    assert problem.regel and problem.retting and problem.melding
    assert problem.alvor == "feil"


def test_a_programme_past_its_planned_end_without_an_end_is_a_warning(rules):
    events = without("avslutning")  # 6 months for vgs_eller_mer: planned end in July 2026
    found = nir.check(sak(rules, events), YEAR, rules, TODAY)
    assert codes(found) == ["slutt_passert"]
    assert found[0].alvor == "advarsel"


def test_an_event_not_yet_due_in_nir_is_a_warning_and_an_overdue_one_an_error(rules):
    events = changed("avslutning", dato=D(2026, 12, 28), nir_dato=None)
    assert [(m.kode, m.alvor) for m in nir.check(sak(rules, events), YEAR, rules, D(2027, 1, 15))] == [
        ("ikke_registrert_nir_enda", "advarsel")]
    assert codes(nir.check(sak(rules, events), YEAR, rules, D(2027, 3, 1))) == ["ikke_registrert_nir"]


def test_an_end_reason_may_be_missing_with_the_exit_type(rules):
    found = nir.check(sak(rules, changed("avslutning", utgang=None, sluttarsak=None)), YEAR, rules, TODAY)
    assert "uten utgang og sluttårsak" in found[0].melding


def test_the_courses_are_asked_for_only_at_the_end_and_parental_guidance_only_for_parents(rules):
    no_courses = replace(clean_plan(), elementer=())
    running = sak(rules, without("avslutning") + [event("forlengelse", D(2026, 6, 1), 9, vedtaksdato=D(2026, 5, 20),
                                                        maaneder=6)], plan=no_courses)
    assert codes(nir.check(running, YEAR, rules, TODAY)) == []
    childless = sak(rules, plan=replace(clean_plan(), elementer=(course("livsmestring"),)), barn_under_18=0)
    assert codes(nir.check(childless, YEAR, rules, TODAY)) == []
    dropped = sak(rules, plan=replace(clean_plan(), elementer=(course("livsmestring", "avbrutt"),
                                                               course("foreldreveiledning", "avbrutt"))))
    assert codes(nir.check(dropped, YEAR, rules, TODAY)) == []  # recorded as not done is recorded


def test_the_old_law_asks_for_less(rules):
    events = [e for e in clean_events() if e.type not in ("sluttmal", "kartlegging", "karriereveiledning")]
    old = sak(rules, events, plan=None, lovverk="introloven", vgs_fullfort=None)
    assert codes(nir.check(old, YEAR, rules, TODAY)) == []


def test_nir_asks_for_different_events_under_each_law(rules):
    events = [event(kind, D(2026, 5, 1), n, nir_dato=None) for n, kind in
              enumerate(("kartlegging", "sluttmal", "start", "klage"), 1)]
    new = {w.hendelse.type for w in nir.awaiting(events, "integreringsloven", rules, TODAY)}
    old = {w.hendelse.type for w in nir.awaiting(events, "introloven", rules, TODAY)}
    assert new == {"kartlegging", "sluttmal", "start", "klage"}
    assert old == {"start", "klage"}


def test_the_deadline_runs_from_the_decision_when_it_came_later(rules):
    late = event("permisjon", D(2026, 3, 2), 1, til_dato=D(2026, 3, 6), vedtaksdato=D(2026, 3, 20), nir_dato=None)
    (waiting,) = nir.awaiting([late], "integreringsloven", rules, TODAY)
    assert waiting.since == D(2026, 3, 20) and waiting.due == D(2026, 5, 20)
    assert nir.awaiting([replace(late, dato=D(2027, 3, 1), til_dato=D(2027, 3, 2), vedtaksdato=None)],
                        "integreringsloven", rules, TODAY) == []  # not happened yet


def test_who_belongs_to_a_year(rules):
    assert nir.active_in(sak(rules), 2026)
    assert nir.active_in(sak(rules), 2025)  # competence mapping in November 2025
    assert not nir.active_in(sak(rules), 2027)
    assert nir.active_in(sak(rules, without("avslutning")), 2027)  # still running


def test_a_decision_is_due_two_months_after_it_was_made_and_can_be_keyed_in_from_then(rules):
    grant = event("innvilget", D(2026, 12, 5), 1, vedtaksdato=D(2026, 11, 4), nir_dato=None)
    (waiting,) = nir.awaiting([grant], "integreringsloven", rules, D(2026, 11, 24))
    assert (waiting.since, waiting.due) == (D(2026, 11, 4), D(2027, 1, 4))
    assert nir.earliest_registration(grant) == D(2026, 11, 4)


def test_a_complaints_outcome_is_due_again_after_it_was_keyed_in_on_receipt(rules):
    complaint = event("klage", D(2026, 3, 1), 1, grunn="Stans", nir_dato=D(2026, 3, 10))
    assert nir.awaiting([complaint], "integreringsloven", rules, TODAY) == []
    decided = replace(complaint, utfall="medhold", utfall_dato=D(2026, 5, 2))
    (waiting,) = nir.awaiting([decided], "integreringsloven", rules, TODAY)
    assert waiting.since == D(2026, 5, 2)
    assert nir.awaiting([replace(decided, nir_dato=D(2026, 5, 20))], "integreringsloven", rules, TODAY) == []


def test_an_end_recorded_ahead_of_time_has_not_happened(rules):
    ahead = changed("avslutning", dato=D(2027, 3, 31))
    no_courses = replace(clean_plan(), elementer=())
    assert "livsmestring_ikke_registrert" not in codes(nir.check(sak(rules, ahead, plan=no_courses), YEAR, rules,
                                                                 TODAY))


def test_plan_items_are_warnings_until_the_plan_is_due(rules):
    events = [e for e in changed("start", dato=D(2026, 12, 14)) if e.type not in ("karriereveiledning", "avslutning")]
    events = [replace(e, dato=D(2026, 12, 14)) if e.type == "sluttmal" else e for e in events]
    found = nir.check(sak(rules, events, plan=None), YEAR, rules, TODAY)
    assert {(m.kode, m.alvor) for m in found} == {("mangler_kontraktsdato", "advarsel"),
                                                  ("mangler_karriereveiledning", "advarsel")}


def test_the_courses_are_not_asked_of_someone_who_never_started_and_warned_for_a_broken_off_programme(rules):
    never = [e for e in clean_events() if e.type not in ("start", "sluttmal", "permisjon")]
    never = [replace(e, utgang="avbrutt", sluttarsak="flyttet") if e.type == "avslutning" else e for e in never]
    assert codes(nir.check(sak(rules, never, plan=None), YEAR, rules, TODAY)) == []
    broken_off = changed("avslutning", utgang="avbrutt", sluttarsak="flyttet")
    found = nir.check(sak(rules, broken_off, plan=replace(clean_plan(), elementer=())), YEAR, rules, TODAY)
    assert {(m.kode, m.alvor) for m in found} == {("livsmestring_ikke_registrert", "advarsel"),
                                                  ("foreldreveiledning_ikke_registrert", "advarsel")}
    assert "ikke i planen" in found[0].melding
