"""Properties over many generated inputs: bad input always gets a message, never a traceback,
and what the form shows parses back to the same record."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import person
from introdesk.domain.deltaker import FIELD_NAMES, parse_deltaker, to_form
from introdesk.domain.form import FieldErrors
from introdesk.domain.ident import parse_person_id, synthetic_number
from introdesk.domain.names import norwegian_sort_key

TODAY = datetime.date(2026, 11, 22)
TYPED = st.one_of(st.text(max_size=40), st.sampled_from(["", " ", "01.02.2025", "17059012436", "SY", "0"]))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELD_NAMES), TYPED, max_size=8))
def test_any_typed_input_is_accepted_or_answered_per_field(rules, typed):
    try:
        parse_deltaker(person(**typed), rules, TODAY)
    except FieldErrors as exc:
        assert exc.errors and set(exc.errors) <= set(FIELD_NAMES)
        assert all(isinstance(m, str) and m.strip() for m in exc.errors.values())


@settings(max_examples=200, deadline=None)
@given(
    birth=st.dates(datetime.date(1940, 1, 1), datetime.date(2008, 12, 31)),
    kind=st.sampled_from(["fnr", "dnr", "hnr", "duf"]),
    serial=st.integers(0, 10**9),
    skolear=st.one_of(st.just(""), st.integers(0, 30).map(str)),
    note=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200),
)
def test_the_form_of_a_record_parses_back_to_the_same_record(rules, birth, kind, serial, skolear, note):
    raw = person(ident=synthetic_number(birth, kind, serial), fodselsdato=birth.strftime("%d.%m.%Y"),
                 tillatelse_dato="", skolear=skolear, notat=note)
    first = parse_deltaker(raw, rules, TODAY)
    assert parse_deltaker(to_form(first), rules, TODAY) == first


@settings(max_examples=300)
@given(st.dates(datetime.date(1900, 1, 1), datetime.date.today()), st.sampled_from(["fnr", "dnr", "hnr"]),
       st.integers(0, 10**6))
def test_every_generated_number_parses_to_its_kind_and_birth_date(birth, kind, serial):
    pid = parse_person_id(synthetic_number(birth, kind, serial))
    assert (pid.kind, pid.birth_date, pid.synthetic) == (kind, birth, kind != "hnr")


@given(st.text(max_size=30))
def test_any_text_as_an_identity_number_is_parsed_or_refused_in_words(text):
    try:
        parse_person_id(text)
    except ValueError as exc:
        assert str(exc).strip()


@given(st.lists(st.text("abcxyzæøå0 ", max_size=6), min_size=2, max_size=8))
def test_sort_key_orders_by_the_norwegian_alphabet(words):
    order = {ch: i for i, ch in enumerate(" 0abcxyzæøå")}
    assert sorted(words, key=norwegian_sort_key) == sorted(words, key=lambda w: [order[c] for c in w])


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)), st.integers(-600, 600))
def test_add_months_agrees_with_dateutil(day, months):
    from dateutil.relativedelta import relativedelta

    from introdesk.domain.dates import add_months

    assert add_months(day, months) == day + relativedelta(months=months)


@given(st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 1, 1)), st.integers(-3, 900),
       st.sets(st.integers(0, 6)))
def test_counted_weekdays_are_the_days_one_by_one(first, length, weekdays):
    from introdesk.domain.dates import count_weekdays

    last = first + datetime.timedelta(days=length)
    one_by_one = sum(1 for n in range(length + 1) if (first + datetime.timedelta(days=n)).weekday() in weekdays)
    assert count_weekdays(first, last, weekdays) == one_by_one


def test_digits_that_are_not_0_to_9_are_refused_not_crashed_on():
    from introdesk.domain.form import whole_number

    assert whole_number("12") == 12
    assert whole_number("²") is None and whole_number("٣") is None and whole_number("") is None
