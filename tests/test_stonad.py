"""The monthly benefit basis with worked numbers: rates, G by month, part months, absence, the
decision threshold and rounding. DOMAIN.md section 9."""

import datetime
from decimal import Decimal

import pytest

from introdesk.domain.stonad import Justering, Reduksjon, Stonadsfakta, benefit_days, compute, kroner, round_ore

D = datetime.date
ADULT = D(1990, 3, 15)


def basis(rules, month, born=ADULT, parents=False, days=31, hours="0", lovverk="integreringsloven", **kw):
    facts = Stonadsfakta(1, lovverk, born, parents, days, Decimal(hours), **kw)
    return compute(facts, month, rules)


@pytest.mark.parametrize("month, g", [
    (D(2019, 5, 1), 99858), (D(2020, 5, 1), 101351), (D(2021, 5, 1), 106399), (D(2022, 5, 1), 111477),
    (D(2023, 5, 1), 118620), (D(2024, 5, 1), 124028), (D(2025, 5, 1), 130160), (D(2026, 5, 1), 136549),
])
def test_a_full_month_is_two_g_over_twelve_in_every_g_year(rules, month, g):
    b = basis(rules, month)
    assert b.gross_ore == b.net_ore == round(2 * g * 100 / 12)
    assert f"kr {g // 1000}\u00a0{g % 1000:03d},00" in b.lines[0].text


def test_the_worked_example_of_2019_under_25(rules):
    # Prop. 89 L: 2 G = 199 716, two thirds = 133 144 a year.
    young = basis(rules, D(2019, 6, 1), born=D(2000, 1, 1), days=30)
    assert "133\u00a0144,00 i året" in young.lines[1].text and young.gross_ore == 1109533  # 133 144 / 12
    assert basis(rules, D(2019, 6, 1), days=30).gross_ore == 1664300  # 199 716 / 12


def test_under_25_with_parents_gets_a_third_but_not_under_the_old_law(rules):
    b = basis(rules, D(2026, 6, 1), born=D(2003, 1, 1), parents=True, days=30)
    assert b.gross_ore == 758606  # 273 098 / 3 / 12 = 7 586,06
    old = basis(rules, D(2026, 6, 1), born=D(2003, 1, 1), parents=True, days=30, lovverk="introloven")
    assert old.gross_ore == 1517211  # two thirds: 273 098 × 2/3 / 12 = 15 172,11


def test_the_full_rate_starts_the_month_after_the_25th_birthday(rules):
    born = D(2001, 6, 15)
    assert basis(rules, D(2026, 6, 1), born=born, days=30).gross_ore == 1517211
    assert basis(rules, D(2026, 7, 1), born=born).gross_ore == 2275817


def test_g_changes_between_april_and_may(rules):
    assert basis(rules, D(2026, 4, 1), days=30).gross_ore == 2169333  # 260 320 / 12
    assert basis(rules, D(2026, 5, 1)).gross_ore == 2275817  # 273 098 / 12


def test_a_part_month_counts_calendar_days_at_a_thirtieth_capped_at_the_month(rules):
    assert basis(rules, D(2026, 5, 1), days=10).gross_ore == 758606  # 22 758,17 × 10/30
    assert basis(rules, D(2026, 2, 1), days=27).gross_ore == 1952400  # 27/30 of February, at the G of 2025
    assert basis(rules, D(2026, 2, 1), days=28).gross_ore == 2169333  # the whole month, not 28/30
    assert basis(rules, D(2026, 5, 1), days=0).net_ore == 0


def test_unauthorised_absence_is_an_hour_at_1850th_of_the_year(rules):
    b = basis(rules, D(2026, 5, 1), hours="7,5".replace(",", "."))
    assert b.absence_ore == 110715  # 273 098 × 7,5 / 1850 = 1 107,154
    assert b.net_ore == 2275817 - 110715 and not b.requires_vedtak
    assert [line.ore for line in b.lines if line.ore is not None] == [2275817, -110715]


def test_the_decision_threshold_exactly_at_and_just_under_both_limits(rules):
    # A full month at 2 G: half the payment (11 379,09) and 1/12 G (11 379,08) nearly coincide.
    # 77,09 hours = 11 380,08 kr: over both. 77,08 hours = 11 378,60: under both.
    assert basis(rules, D(2026, 5, 1), hours="77.09").requires_vedtak
    assert not basis(rules, D(2026, 5, 1), hours="77.08").requires_vedtak
    # Ten days: half the payment is 3 793,03, but 1/12 G (11 379,08) still has to be reached.
    part = basis(rules, D(2026, 5, 1), days=10, hours="30")  # 4 428,61: over half, under 1/12 G
    assert part.absence_ore > part.gross_ore / 2 and not part.requires_vedtak
    young = basis(rules, D(2026, 5, 1), born=D(2003, 1, 1), hours="77.09")  # 2/3: 50 % is 7 586,06
    assert not young.requires_vedtak  # 7 586,72 kr is over half, under 1/12 G
    reason = basis(rules, D(2026, 5, 1), hours="100").vedtak_reason
    assert "minst 50 % av utbetalingen og minst 1/12 G" in reason


def test_the_deduction_never_exceeds_the_payment(rules):
    b = basis(rules, D(2026, 5, 1), days=3, hours="150")
    assert b.absence_ore == b.gross_ore and b.net_ore == 0


def test_reductions_and_corrections_are_lines_that_add_up(rules):
    b = basis(rules, D(2026, 5, 1), hours="2", reductions=(Reduksjon("dagpenger", "Dagpenger fra NAV", 500000),),
              adjustments=(Justering(D(2026, 4, 1), "Etterbetaling for april 2026 (ny G)", 106484),))
    paid = [line.ore for line in b.lines if line.ore is not None]
    assert sum(paid) == b.net_ore and b.base_ore == b.net_ore - 106484
    assert kroner(b.net_ore) == "kr 18\u00a0527,77"  # 22 758,17 − 295,24 − 5 000 + 1 064,84 and kroner(-5) == "−kr 0,05"


def test_rounding_is_half_up_to_whole_ore():
    from fractions import Fraction

    assert (round_ore(Fraction(1, 200)), round_ore(Fraction(1, 201)), round_ore(Fraction(-1, 200))) == (1, 0, -1)


def test_benefit_days_leave_out_stops_and_unpaid_leave():
    assert benefit_days(D(2026, 5, 1), D(2026, 5, 10), None, []) == 22
    assert benefit_days(D(2026, 5, 1), D(2026, 1, 1), D(2026, 5, 20), [(D(2026, 5, 4), D(2026, 5, 8))]) == 15
    assert benefit_days(D(2026, 5, 1), None, None, []) == 0
