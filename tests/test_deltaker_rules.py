import datetime

import pytest

from conftest import person
from introdesk.domain.deltaker import parse_deltaker
from introdesk.domain.form import FieldErrors
from introdesk.domain.names import names_similar, norwegian_sort_key

TODAY = datetime.date(2026, 11, 22)


def errors_of(rules, **overrides):
    with pytest.raises(FieldErrors) as caught:
        parse_deltaker(person(**overrides), rules, TODAY)
    return caught.value.errors


def test_valid_input_derives_kind_and_birth_date(rules):
    d = parse_deltaker(person(), rules, TODAY)
    assert (d.ident, d.ident_type, d.fodselsdato) == ("17059012436", "fnr", datetime.date(1990, 5, 17))
    assert d.tillatelse_dato == datetime.date(2025, 2, 1)


def test_gender_is_never_taken_from_the_number(rules):
    errors = errors_of(rules, kjonn="")
    assert errors["kjonn"] == "Velg kjønn."


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("fornavn", "  ", "må fylles ut"),
        ("ident", "17059012437", "Andre kontrollsiffer"),
        ("fodselsdato", "18.05.1990", "Stemmer ikke med identitetsnummeret"),
        ("fodselsdato", "31.02.1990", "ikke en gyldig dato"),
        ("tillatelse_dato", "01.01.2030", "fram i tid"),
        ("tillatelse_dato", "1/2/2025", "dd.mm.åååå"),
        ("lovverk", "svensk", "ikke en gyldig verdi"),
        ("landbakgrunn", "ZZ", "ikke en gyldig verdi"),
        ("epost", "amal@", "gyldig e-postadresse"),
        ("telefon", "12", "8–15 siffer"),
        ("postnummer", "123", "4 siffer"),
        ("skolear", "-1", "fra 0 til 30"),
        ("etternavn", "Had\x00dad", "kontrolltegn"),
    ],
)
def test_each_bad_value_gets_its_message_at_its_field(rules, field, value, message):
    assert message in errors_of(rules, **{field: value})[field]


def test_duf_number_needs_a_typed_birth_date(rules):
    assert "Fødselsdato må fylles ut" in errors_of(rules, ident="201912345678")["fodselsdato"]
    d = parse_deltaker(person(ident="201912345678", fodselsdato="02.03.1988"), rules, TODAY)
    assert (d.ident_type, d.fodselsdato) == ("duf", datetime.date(1988, 3, 2))


def test_residence_ground_must_belong_to_the_regime(rules):
    errors = errors_of(rules, lovverk="kap6a", oppholdsgrunnlag="flyktning")
    assert "lovverket" in errors["oppholdsgrunnlag"]


def test_interpreter_needs_a_language(rules):
    assert "språk" in errors_of(rules, tolk_behov=True)["tolk_sprak"]


def test_a_huge_note_is_refused_with_its_size_not_truncated(rules):
    errors = errors_of(rules, notat="x" * (5 * 1024 * 1024))
    assert errors["notat"] == "Teksten er for lang: 5\u00a0242\u00a0880 tegn, høyst 20\u00a0000 er lov."


def test_names_with_latin_extended_letters_are_kept_as_typed(rules):
    d = parse_deltaker(person(fornavn="Şükrü", etternavn="Dvořák Øvrebø-Ğül"), rules, TODAY)
    assert d.fullt_navn == "Şükrü Dvořák Øvrebø-Ğül"


def test_similar_names_are_recognised():
    assert names_similar("Mohammad Rezaei", "Mohammed Rezaei")
    assert names_similar("Şükrü Yıldırım", "Sukru Yildirim")
    assert names_similar("Haddad Amal", "Amal Haddad")
    assert not names_similar("Amal Haddad", "Yonas Tesfaye")


def test_norwegian_order_puts_ae_oe_aa_after_z():
    names = ["Åsen", "Zahir", "Øvrebø", "Ærø", "Andersen", "Şahin", "Özil", "Dvořák"]
    assert sorted(names, key=norwegian_sort_key) == ["Andersen", "Dvořák", "Şahin", "Zahir", "Ærø", "Øvrebø", "Özil", "Åsen"]


def test_an_invalid_number_is_the_only_complaint_about_identity(rules):
    errors = errors_of(rules, ident="17059012437")
    assert "ident" in errors and "fodselsdato" not in errors


def test_a_superscript_two_in_years_of_schooling_is_a_message(rules):
    import datetime

    from introdesk.domain.deltaker import parse_deltaker
    from introdesk.domain.form import FieldErrors

    with pytest.raises(FieldErrors) as caught:
        parse_deltaker(person(skolear="²"), rules, datetime.date(2026, 11, 24))
    assert "helt tall" in caught.value.errors["skolear"]
