"""The programme's events, their consistency rules, and what follows: status, planned end, time."""

import datetime

import pytest

from introdesk.domain import forlop
from introdesk.domain.dates import add_months
from introdesk.domain.form import FieldErrors
from introdesk.domain.hendelser import Hendelse, check_consistency, parse_hendelse

D = datetime.date
TODAY = D(2026, 11, 22)


def ev(kind, dato, **kw):
    return Hendelse(id=kw.pop("id", None), deltaker_id=1, type=kind, dato=dato, **kw)


def summary(rules, events, lovverk="integreringsloven", today=TODAY):
    return forlop.summarize(events, lovverk, rules, today)


@pytest.mark.parametrize(
    "group, months, start, end",
    [
        ("vgs_eller_mer", 6, D(2026, 1, 1), D(2026, 6, 30)),
        ("andre", 24, D(2025, 1, 31), D(2027, 1, 30)),
        ("under_25_vgs", 36, D(2024, 2, 29), D(2027, 2, 28)),
        ("over_25_vgs", 36, D(2025, 3, 1), D(2028, 2, 29)),
    ],
)
def test_planned_end_is_start_plus_the_groups_length(rules, group, months, start, end):
    f = summary(rules, [ev("start", start), ev("sluttmal", start, sluttmalgruppe=group, sluttmal="Arbeid")])
    assert (f.ordinary_months, f.planned_end) == (months, end)


def test_leave_and_extension_move_the_planned_end(rules):
    events = [
        ev("start", D(2025, 1, 1)),
        ev("sluttmal", D(2025, 1, 1), sluttmalgruppe="andre", sluttmal="Arbeid"),
        ev("permisjon", D(2025, 6, 1), til_dato=D(2025, 6, 10), vedtaksdato=D(2025, 5, 20), grunn="velferd"),
        ev("forlengelse", D(2026, 11, 1), vedtaksdato=D(2026, 10, 1), maaneder=12),
    ]
    f = summary(rules, events)
    assert f.planned_end == D(2027, 12, 31) + datetime.timedelta(days=10)
    assert (f.leave_days, f.extension_months, f.max_extension_months) == (10, 12, 12)
    assert {p.kind for p in f.periods} == {"program", "forlengelse", "permisjon"}


@pytest.mark.parametrize(
    "start, months, due",
    [(D(2026, 1, 31), 1, D(2026, 2, 28)), (D(2024, 1, 31), 1, D(2024, 2, 29)), (D(2026, 11, 30), 3, D(2027, 2, 28)),
     (D(2026, 8, 31), 2, D(2026, 10, 31)), (D(2026, 3, 15), 3, D(2026, 6, 15))],
)
def test_deadlines_in_months_end_on_the_months_last_day_when_needed(start, months, due):
    assert add_months(start, months) == due


def test_the_old_law_has_one_length_and_needs_no_end_goal(rules):
    f = summary(rules, [ev("start", D(2020, 12, 1))], lovverk="introloven")
    assert (f.group, f.planned_end) == ("introloven", D(2022, 11, 30))


def test_without_an_end_goal_the_planned_end_is_explained(rules):
    f = summary(rules, [ev("start", D(2026, 1, 1))])
    assert f.planned_end is None and "Sluttmål" in f.missing


@pytest.mark.parametrize(
    "events, status",
    [
        ([], forlop.IKKE_STARTET),
        ([ev("avslag", D(2026, 3, 1), vedtaksdato=D(2026, 3, 1), grunn="Utenfor målgruppen")], forlop.AVSLATT),
        ([ev("start", D(2026, 1, 1))], forlop.I_PROGRAM),
        ([ev("start", D(2026, 1, 1)), ev("permisjon", D(2026, 11, 1), til_dato=D(2026, 11, 30))], forlop.PERMISJON),
        ([ev("start", D(2026, 1, 1)), ev("stans", D(2026, 10, 1))], forlop.STANSET),
        ([ev("start", D(2026, 1, 1)), ev("stans", D(2026, 10, 1)), ev("gjenopptatt", D(2026, 11, 1))], forlop.I_PROGRAM),
        ([ev("start", D(2025, 1, 1)), ev("avslutning", D(2026, 6, 30), utgang="avsluttet", sluttarsak="arbeid_30")],
         forlop.AVSLUTTET),
    ],
)
def test_status_on_a_day(rules, events, status):
    assert summary(rules, events).status == status


def test_time_used_leaves_out_leave(rules):
    events = [ev("start", D(2026, 11, 1)), ev("permisjon", D(2026, 11, 5), til_dato=D(2026, 11, 9))]
    assert summary(rules, events).used_days == 22 - 5


# ----- consistency


def refused(rules, new, others, bosatt=D(2025, 1, 1), lovverk="integreringsloven"):
    with pytest.raises(FieldErrors) as caught:
        check_consistency(new, others, bosatt, lovverk, rules)
    return caught.value.errors


STARTED = [ev("start", D(2025, 3, 1), id=1)]
ENDED = STARTED + [ev("avslutning", D(2026, 6, 30), utgang="avsluttet", sluttarsak="arbeid_30", id=2)]


def test_no_start_before_settlement(rules):
    assert "bosettingen" in refused(rules, ev("start", D(2024, 12, 31)), [])["dato"]
    check_consistency(ev("start", D(2025, 1, 1)), [], D(2025, 1, 1), "integreringsloven", rules)


def test_nothing_after_the_end_but_a_complaint(rules):
    assert "avsluttet" in refused(rules, ev("kartlegging", D(2026, 7, 1)), ENDED)["dato"]
    check_consistency(ev("klage", D(2026, 7, 1), grunn="Avslutningen"), ENDED, D(2025, 1, 1), "integreringsloven", rules)


def test_the_end_reason_must_fit_the_exit_type(rules):
    new = ev("avslutning", D(2026, 6, 30), utgang="avbrutt", sluttarsak="arbeid_30")
    assert "kan ikke brukes" in refused(rules, new, STARTED)["sluttarsak"]
    stop = ev("avslutning", D(2026, 6, 30), utgang="permanent_stans", sluttarsak="helse")
    assert "vedtaksdato" in refused(rules, stop, STARTED)


def test_leave_periods_may_not_overlap(rules):
    first = ev("permisjon", D(2025, 6, 1), til_dato=D(2025, 6, 30), id=3)
    new = ev("permisjon", D(2025, 6, 30), til_dato=D(2025, 7, 5))
    assert "Overlapper" in refused(rules, new, STARTED + [first])["dato"]
    check_consistency(ev("permisjon", D(2025, 7, 1), til_dato=D(2025, 7, 5)), STARTED + [first], None,
                      "integreringsloven", rules)


def test_a_stop_only_while_running(rules):
    assert "etter programstart" in refused(rules, ev("stans", D(2025, 2, 1)), [])["dato"]
    stopped = STARTED + [ev("stans", D(2025, 5, 1), id=4)]
    assert "allerede stanset" in refused(rules, ev("stans", D(2025, 6, 1)), stopped)["dato"]
    assert "ingen stans" in refused(rules, ev("gjenopptatt", D(2025, 6, 1)), STARTED)["dato"]


def test_one_start_only_and_groups_follow_the_regime(rules):
    assert "allerede" in refused(rules, ev("start", D(2025, 4, 1)), STARTED)["type"]
    new = ev("sluttmal", D(2025, 3, 1), sluttmalgruppe="introloven", sluttmal="Arbeid")
    assert "lovverk" in refused(rules, new, STARTED)["sluttmalgruppe"]


def test_typed_event_input_gets_messages_per_field(rules):
    with pytest.raises(FieldErrors) as caught:
        parse_hendelse({"type": "permisjon", "dato": "10.06.2025", "til_dato": "01.06.2025", "grunn": "velferd",
                        "vedtaksdato": "31.02.2025"}, 1, rules, TODAY)
    assert caught.value.errors == {"vedtaksdato": "31.02.2025 er ikke en gyldig dato.",
                                   "til_dato": "Sluttdatoen ligger før startdatoen."}
    h = parse_hendelse({"type": "forlengelse", "dato": "01.01.2027", "vedtaksdato": "01.11.2026", "maaneder": "6"},
                       1, rules, TODAY)
    assert (h.maaneder, h.vedtaksdato) == (6, D(2026, 11, 1))
