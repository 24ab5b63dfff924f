"""Attendance and the month's basis through the services: the grid, approval and locking, corrections
of paid months and the back-pay of a G adopted late."""

import datetime
from dataclasses import replace

import pytest

from conftest import person
from introdesk.domain.form import FieldErrors
from introdesk.domain.rules import RuleBook, close_periods
from introdesk.services import deltakere, fravaer, program, stonad

D = datetime.date


@pytest.fixture
def amal(session):
    """In the programme from 5 January 2026, 36 years old."""
    amal = deltakere.create_deltaker(session, person(bosatt_dato="01.12.2025", tillatelse_dato="01.10.2025"))
    program.save_hendelse(session, amal, {"type": "start", "dato": "05.01.2026"})
    return amal


def row(month_basis, deltaker_id):
    return next(r.grunnlag for r in month_basis.rows if r.deltaker_id == deltaker_id)


def test_the_grid_records_absence_and_the_month_deducts_it(session, amal):
    fravaer.set_cells(session, [(amal, D(2026, 3, 2), "U"), (amal, D(2026, 3, 3), "U 2,5"),
                                (amal, D(2026, 3, 4), "E")])
    march = [d for d in fravaer.days(session, amal, D(2026, 3, 1), D(2026, 3, 8))]
    assert [d.cell for d in march] == ["", "U", "U 2,5", "E", "", "", "", ""] and march[0].off  # a Sunday
    g = row(stonad.month_basis(session, D(2026, 3, 1)), amal)
    assert g.gross_ore == 2169333 and g.absence_ore == 140714  # 10 hours × 260 320 / 1850 = 1 407,135
    assert g.net_ore == g.gross_ore - g.absence_ore
    fravaer.set_cell(session, amal, D(2026, 3, 2), "")  # attended after all
    assert row(stonad.month_basis(session, D(2026, 3, 1)), amal).absence_ore == 35178  # 2,5 hours: 351,784


def test_a_wrong_cell_or_a_day_off_refuses_the_whole_batch(session, amal):
    with pytest.raises(FieldErrors) as caught:
        fravaer.set_cells(session, [(amal, D(2026, 3, 2), "U"), (amal, D(2026, 3, 3), "X")])
    assert list(caught.value.errors) == [f"{amal}:2026-03-03"]
    with pytest.raises(FieldErrors) as caught:
        fravaer.set_cells(session, [(amal, D(2026, 3, 2), "U"), (amal, D(2026, 4, 6), "U")])  # Easter Monday
    assert "Fridag" in caught.value.errors[f"{amal}:2026-04-06"]
    assert fravaer.days(session, amal, D(2026, 3, 2), D(2026, 3, 2))[0].absence is None  # nothing half-written


def test_the_start_month_is_a_part_month(session, amal):
    g = row(stonad.month_basis(session, D(2026, 1, 1)), amal)
    assert g.gross_ore == 1952400  # 27 days from 5 January: 27/30 of 21 693,33


def test_an_approved_month_is_locked_and_later_changes_are_corrected_in_the_next_open_month(session, amal):
    fravaer.set_cell(session, amal, D(2026, 3, 2), "U")
    march = stonad.approve(session, D(2026, 3, 1))
    paid = row(march, amal).net_ore
    assert march.locked and paid == 2169333 - 105535  # 7,5 hours
    with pytest.raises(FieldErrors):
        stonad.approve(session, D(2026, 3, 1))
    with pytest.raises(FieldErrors):
        stonad.add_reduction(session, amal, D(2026, 3, 1), {"type": "dagpenger", "belop": "1000"})

    fravaer.set_cell(session, amal, D(2026, 3, 3), "U")  # found out late: another day in March
    assert row(stonad.month_basis(session, D(2026, 3, 1)), amal).net_ore == paid  # March stays as paid
    april = row(stonad.month_basis(session, D(2026, 4, 1)), amal)
    assert [(a.month, a.ore) for a in april.adjustments] == [(D(2026, 3, 1), -105535)]
    assert april.net_ore == april.base_ore - 105535
    stonad.approve(session, D(2026, 4, 1))
    may = row(stonad.month_basis(session, D(2026, 5, 1)), amal)
    assert may.adjustments == ()  # carried once, in April
    with pytest.raises(FieldErrors, match="tidligere måned"):
        stonad.approve(session, D(2026, 2, 1))


def test_a_g_adopted_late_is_paid_back_for_each_locked_month(session, amal):
    shipped = session.rules
    before = [replace(v, valid_to=None) for v in shipped.values
              if not (v.name == "grunnbelop" and v.valid_from == D(2026, 5, 1))]
    session.rules = RuleBook(close_periods(before), shipped.code_lists)  # May 2026: the new G not known yet
    for month in (5, 6, 7):
        assert row(stonad.approve(session, D(2026, month, 1)), amal).net_ore == 2169333
    session.rules = shipped  # the new G is adopted in August, from 1 May
    august = row(stonad.month_basis(session, D(2026, 8, 1)), amal)
    assert [(a.month.month, a.ore) for a in august.adjustments] == [(5, 106484), (6, 106484), (7, 106484)]
    assert august.net_ore == 2275817 + 3 * 106484
    assert "Etterbetaling for mai 2026" in [line.text for line in august.lines][-3]


def test_reductions_are_lines_of_an_open_month(session, amal):
    with pytest.raises(FieldErrors) as caught:
        stonad.add_reduction(session, amal, D(2026, 6, 1), {"type": "", "belop": "mye"})
    assert set(caught.value.errors) == {"type", "belop"}
    reduction = stonad.add_reduction(session, amal, D(2026, 6, 1), {"type": "lonn_program", "belop": "2 500,50"})
    g = row(stonad.month_basis(session, D(2026, 6, 1)), amal)
    assert g.net_ore == 2275817 - 250050 and "Lønn fra arbeid som er del av programmet" in g.lines[-1].text
    stonad.delete_reduction(session, reduction)
    assert row(stonad.month_basis(session, D(2026, 6, 1)), amal).net_ore == 2275817


def test_a_stop_and_unpaid_leave_cut_the_month(session, amal):
    program.save_hendelse(session, amal, {"type": "permisjon", "dato": "04.05.2026", "til_dato": "08.05.2026",
                                          "vedtaksdato": "01.05.2026", "grunn": "velferd"})
    program.save_hendelse(session, amal, {"type": "stans", "dato": "25.05.2026", "vedtaksdato": "20.05.2026",
                                          "grunn": "Ugyldig fravær"})
    g = row(stonad.month_basis(session, D(2026, 5, 1)), amal)
    assert g.gross_ore == round(2275817 * 19 / 30)  # 31 days less 5 of leave and 7 of stop
    assert stonad.month_basis(session, D(2026, 6, 1)).rows == []


@pytest.mark.parametrize("text, month", [("2026-05", D(2026, 5, 1)), ("05.2026", D(2026, 5, 1)),
                                         ("5.2026", D(2026, 5, 1))])
def test_a_month_is_typed_as_iso_or_norwegian(text, month):
    assert stonad.parse_month(text) == month
    with pytest.raises(ValueError, match="er ikke en måned"):
        stonad.parse_month("mai")


def test_one_participants_basis_is_the_same_as_in_the_register(session, amal):
    other = deltakere.create_deltaker(session, person(ident="2020 1234 5678", fornavn="Yonas", etternavn="Tesfaye",
                                                      fodselsdato="01.01.1990", bosatt_dato="01.12.2025"))
    program.save_hendelse(session, other, {"type": "start", "dato": "01.02.2026"})
    fravaer.set_cell(session, amal, D(2026, 3, 2), "U")
    stonad.approve(session, D(2026, 3, 1))
    fravaer.set_cell(session, amal, D(2026, 3, 3), "U")
    alone = stonad.month_basis(session, D(2026, 4, 1), amal)
    assert [r.deltaker_id for r in alone.rows] == [amal]
    assert alone.rows[0].grunnlag == row(stonad.month_basis(session, D(2026, 4, 1)), amal)
    assert [r.deltaker_id for r in stonad.month_basis(session, D(2026, 3, 1), other).rows] == [other]


def test_no_absence_before_the_start(session, amal):
    with pytest.raises(FieldErrors, match="ikke i programmet"):
        fravaer.set_cell(session, amal, D(2026, 1, 2), "U")
    assert fravaer.days(session, amal, D(2026, 1, 2), D(2026, 1, 2))[0].outside


def test_months_are_approved_in_order_so_none_is_left_unpaid(session, amal):
    stonad.approve(session, D(2026, 5, 1))
    with pytest.raises(FieldErrors, match="Godkjenn juni 2026 først"):
        stonad.approve(session, D(2026, 7, 1))
    stonad.approve(session, D(2026, 6, 1))


def test_a_participant_deleted_after_a_paid_month_is_neither_a_crash_nor_clawed_back(session, amal):
    stonad.approve(session, D(2026, 3, 1))
    deltakere.delete_deltaker(session, amal)
    assert stonad.month_basis(session, D(2026, 4, 1)).rows == []


def test_no_absence_on_a_day_without_benefit_or_beyond_the_days_hours(session, amal):
    program.save_hendelse(session, amal, {"type": "stans", "dato": "10.02.2026", "vedtaksdato": "09.02.2026",
                                          "grunn": "Fravær"})
    program.save_hendelse(session, amal, {"type": "gjenopptatt", "dato": "20.02.2026"})
    with pytest.raises(FieldErrors, match="ingen stønad å trekke i"):
        fravaer.set_cell(session, amal, D(2026, 2, 12), "U")
    with pytest.raises(FieldErrors, match="7,5 timer i planen"):
        fravaer.set_cell(session, amal, D(2026, 2, 23), "U 12")


def test_a_negative_net_is_not_sent_to_payroll(session, amal):
    stonad.add_reduction(session, amal, D(2026, 5, 1), {"type": "dagpenger", "belop": "30 000"})
    assert row(stonad.month_basis(session, D(2026, 5, 1)), amal).net_ore < 0
    with pytest.raises(FieldErrors, match="Netto er negativ"):
        stonad.approve(session, D(2026, 5, 1))


def test_a_changed_living_situation_does_not_rewrite_paid_months(session):
    young = deltakere.create_deltaker(session, person(ident="2020 1234 5678", fornavn="Dmytro",
                                                      etternavn="Kovalenko", fodselsdato="01.01.2006",
                                                      bor_med_foreldre=True, bosatt_dato="01.12.2025"))
    program.save_hendelse(session, young, {"type": "start", "dato": "05.01.2026"})
    for month in (1, 2, 3):
        stonad.approve(session, D(2026, month, 1))
    d = deltakere.get_deltaker(session, young).deltaker
    from introdesk.domain.deltaker import to_form
    deltakere.update_deltaker(session, young, {**to_form(d), "bor_med_foreldre": False})  # moved out in April
    april = row(stonad.month_basis(session, D(2026, 4, 1)), young)
    assert april.adjustments == () and april.gross_ore == 1446222  # 2/3 from April: 260 320 × 2/3 / 12


@pytest.mark.parametrize("typed, ore", [("2 500,50", 250050), ("2500", 250000), ("1.000,50", 100050),
                                        ("kr 12,5", 1250), ("1000.50", 100050)])
def test_a_reduction_is_typed_in_kroner_as_norwegians_write_them(session, amal, typed, ore):
    stonad.add_reduction(session, amal, D(2026, 6, 1), {"type": "dagpenger", "belop": typed})
    assert row(stonad.month_basis(session, D(2026, 6, 1)), amal).net_ore == 2275817 - ore


@pytest.mark.parametrize("typed", ["mye", "-5", "0", "1,234", "2 000 000"])
def test_a_wrong_amount_gets_a_message_about_kroner(session, amal, typed):
    with pytest.raises(FieldErrors) as caught:
        stonad.add_reduction(session, amal, D(2026, 6, 1), {"type": "dagpenger", "belop": typed})
    assert "kroner" in caught.value.errors["belop"] or "null" in caught.value.errors["belop"]
