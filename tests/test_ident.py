import datetime

import pytest

from introdesk.domain.ident import mask_number, parse_person_id, synthetic_number


@pytest.mark.parametrize(
    "text, kind, born",
    [
        ("17059012436", "fnr", datetime.date(1990, 5, 17)),
        ("151086 95088", "fnr", datetime.date(1986, 10, 15)),  # python-stdnum's published example
        ("011099-49988", "fnr", datetime.date(1999, 10, 1)),
        ("57059012500", "dnr", datetime.date(1990, 5, 17)),  # day + 40
        ("17459012419", "hnr", datetime.date(1990, 5, 17)),  # month + 40
    ],
)
def test_valid_numbers_give_kind_and_birth_date(text, kind, born):
    pid = parse_person_id(text)
    assert (pid.kind, pid.birth_date, pid.synthetic) == (kind, born, False)
    assert pid.number.isdigit() and len(pid.number) == 11


def test_duf_number_has_twelve_digits_and_no_birth_date():
    pid = parse_person_id("2019 1234 5678")
    assert (pid.kind, pid.number, pid.birth_date) == ("duf", "201912345678", None)


@pytest.mark.parametrize("number", ["17059012444", "17059012452", "17059012460"])
def test_2032_rule_accepts_first_check_digit_with_remainder_one_to_three(number):
    assert parse_person_id(number).birth_date == datetime.date(1990, 5, 17)


@pytest.mark.parametrize(
    "text, message",
    [
        ("17059012401", "Første kontrollsiffer"),  # remainder 8: invalid under both rules
        ("17059012479", "Første kontrollsiffer"),  # remainder 4: just outside the 2032 rule
        ("17059012437", "Andre kontrollsiffer"),
        ("31029012574", "gyldig fødselsdato"),  # 31 February, correct check digits
        ("1705901243", "10 siffer"),
        ("17059O12436", "bare inneholde siffer"),
        ("", "Skriv inn"),
        ("81059012436", "FH-nummer"),
    ],
)
def test_invalid_numbers_raise_norwegian_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_person_id(text)


def test_birth_date_in_the_future_is_refused():
    future = datetime.date.today() + datetime.timedelta(days=400)
    number = synthetic_number(future, "fnr", 1)
    with pytest.raises(ValueError, match="fram i tid"):
        parse_person_id(number)


@pytest.mark.parametrize("kind", ["fnr", "dnr", "hnr", "duf"])
def test_synthetic_numbers_are_valid_and_marked(kind):
    born = datetime.date(2001, 2, 28)
    pid = parse_person_id(synthetic_number(born, kind, 12))
    assert pid.kind == kind
    assert pid.birth_date == (None if kind == "duf" else born)
    assert pid.synthetic == (kind in ("fnr", "dnr"))


def test_mask_hides_the_personal_number():
    assert mask_number("17059012436") == "170590 *****"
    assert mask_number("201912345678") == "2019 ********"
