"""The benefit's documents through the services: the statement and the two letters on a reduction for
unauthorised absence (read back as text), the approved month for payroll (XLSX and CSV), and a
teacher's attendance list read into the grid, all or nothing."""

import datetime

import openpyxl
import pytest
from pypdf import PdfReader

from conftest import person
from introdesk.domain.form import FieldErrors
from introdesk.domain.ident import synthetic_number
from introdesk.domain.stonad import kroner
from introdesk.services import deltakere, fravaer, program, settings, stonad
from introdesk.services.stonad_dokumenter import (export_month, import_attendance, write_letter,
                                                  write_statement)

D = datetime.date
MARCH, FEBRUARY = D(2026, 3, 1), D(2026, 2, 1)
NAME = "Şükrü Øvrebø-Dvořáková"
# Twelve working days in March 2026 at 7,5 hours: 90 hours, more than half the month's payment.
ABSENT = [D(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17)]


@pytest.fixture
def amal(session):
    """In the programme from 5 January 2026, 35 years old, twelve days away without leave in March."""
    settings.save(session, {"kommune_navn": "Ålvik kommune", "tjeneste_navn": "Flyktningtjenesten",
                            "radgiver_navn": "Kari Nordmann", "radgiver_tittel": "Programrådgiver",
                            "malform": "bokmal", "adresse": "Postboks 12, 5600 Ålvik", "telefon": "56 55 00 00"})
    amal = deltakere.create_deltaker(session, person(fornavn="Şükrü", etternavn="Øvrebø-Dvořáková",
                                                     bosatt_dato="01.12.2025", tillatelse_dato="01.10.2025"))
    program.save_hendelse(session, amal, {"type": "start", "dato": "05.01.2026"})
    fravaer.set_cells(session, [(amal, day, "U") for day in ABSENT] + [(amal, D(2026, 2, 2), "U")])
    return amal


def text(path) -> str:
    """The PDF's words with whitespace folded (a non-breaking space is a space to a reader)."""
    return " ".join(" ".join(p.extract_text().replace("\xa0", " ").split()) for p in PdfReader(path).pages)


def amount(ore: int) -> str:
    return kroner(ore).replace("\xa0", " ")


def basis(session, deltaker_id, month=MARCH):
    return next(r.grunnlag for r in stonad.month_basis(session, month).rows if r.deltaker_id == deltaker_id)


# ----- the statement and the letters

def test_the_statement_shows_every_line_and_the_net_in_both_written_standards(session, amal, tmp_path):
    g = basis(session, amal)
    out = text(write_statement(session, amal, MARCH, tmp_path / "oversikt.pdf"))
    for expected in ["Stønadsoversikt", "Introduksjonsstønad for mars 2026", NAME, "170590 *****",
                     "Foreløpig: måneden er ikke godkjent", "Hele mars 2026", amount(g.gross_ore),
                     "Ugyldig fravær: 90 timer × 1/1850 av årsbeløpet", amount(-g.absence_ore),
                     "Til utbetaling før skatt", amount(g.net_ore), "skattepliktig", "etterskuddsvis",
                     "eget brev", "programrådgiver Kari Nordmann, telefon 56 55 00 00"]:
        assert expected in out, expected
    out = text(write_statement(session, amal, MARCH, tmp_path / "nn.pdf", malform="nynorsk"))
    for expected in ["Utrekning", "Heile mars 2026", "Ugyldig fråvær: 90 timar × 1/1850 av årsbeløpet",
                     "Ugyldig fråvær gir trekk etter lengda (integreringslova § 21)", "etterskotsvis", "Førebels",
                     NAME, amount(g.net_ore)]:
        assert expected in out, expected
    assert "fravær" not in out and "måneden" not in out


def test_an_approved_month_is_stated_as_paid(session, amal, tmp_path):
    stonad.approve(session, MARCH)
    out = text(write_statement(session, amal, MARCH, tmp_path / "oversikt.pdf"))
    assert "Godkjent for utbetaling" in out and "Foreløpig" not in out


def test_the_advance_notice_gives_the_facts_and_a_deadline_to_answer(session, amal, tmp_path):
    g = basis(session, amal)
    out = text(write_letter(session, amal, MARCH, "forhandsvarsel", tmp_path / "varsel.pdf", deadline_days=14))
    deadline = datetime.date.today() + datetime.timedelta(days=14)
    for expected in ["Forhåndsvarsel om trekk i introduksjonsstønaden for mars 2026", NAME, "Vår dato",
                     "Unntatt offentlighet", "90 timer fravær uten gyldig grunn i mars 2026", "man 02.03.2026",
                     "tir 17.03.2026", "integreringsloven § 21", f"trekk på {amount(g.absence_ore)}",
                     amount(g.gross_ore), "forvaltningsloven § 16", "uttale deg", "legeerklæring",
                     "Med vennlig hilsen", "Kari Nordmann", "Programrådgiver, Flyktningtjenesten"]:
        assert expected in out, expected
    frist = out.split("Fristen for å uttale deg er ")[1][:10]
    assert deadline <= datetime.datetime.strptime(frist, "%d.%m.%Y").date() <= deadline + datetime.timedelta(days=4)
    assert "klage" not in out.lower()  # a notice is not a decision: nothing to complain about yet
    out = text(write_letter(session, amal, MARCH, "forhandsvarsel", tmp_path / "nn.pdf", "nynorsk"))
    for expected in ["Førehandsvarsel om trekk", "90 timar fråvær utan gyldig grunn", "forvaltningslova § 16",
                     "Med venleg helsing", NAME]:
        assert expected in out, expected


def test_the_decision_gives_reasons_consequences_and_the_right_to_complain(session, amal, tmp_path):
    g = basis(session, amal)
    out = text(write_letter(session, amal, MARCH, "vedtak", tmp_path / "vedtak.pdf"))
    for expected in ["Vedtak om trekk i introduksjonsstønaden for mars 2026", NAME,
                     f"blir redusert med {amount(g.absence_ore)}", "hjemmel i integreringsloven § 21",
                     "Begrunnelse", "90 timer i mars 2026", "1/1850", "50 % eller mer", "1/12 G",
                     "Hva vedtaket betyr for deg", f"{amount(g.net_ore)} før skatt", "Du kan klage",
                     "Klagefristen er 3 uker", "Statsforvalteren", "Ålvik kommune, Postboks 12, 5600 Ålvik",
                     "forvaltningsloven § 42", "forvaltningsloven §§ 18 og 19", "Kari Nordmann"]:
        assert expected in out, expected
    out = text(write_letter(session, amal, MARCH, "vedtak", tmp_path / "nn.pdf", "nynorsk"))
    for expected in ["Grunngiving", "heimel i integreringslova § 21", "Klagefristen er 3 veker", "klage",
                     "Statsforvaltaren", "forvaltningslova §§ 18 og 19", NAME, amount(g.absence_ore)]:
        assert expected in out, expected
    assert "Statsforvalteren" not in out and "uker" not in out


def test_a_letter_is_refused_for_a_month_that_needs_no_decision(session, amal, tmp_path):
    assert 0 < basis(session, amal, FEBRUARY).absence_ore  # one day: deducted without a decision
    with pytest.raises(FieldErrors) as caught:
        write_letter(session, amal, FEBRUARY, "vedtak", tmp_path / "vedtak.pdf")
    assert "krever ikke enkeltvedtak" in caught.value.errors["vedtak"]
    with pytest.raises(FieldErrors) as caught:
        write_letter(session, amal, MARCH, "purring", tmp_path / "x.pdf")
    assert set(caught.value.errors) == {"brev"}
    assert not (tmp_path / "vedtak.pdf").exists() and not (tmp_path / "x.pdf").exists()


# ----- the month for payroll

def test_only_an_approved_month_is_exported(session, amal, tmp_path):
    with pytest.raises(FieldErrors, match="ikke godkjent"):
        export_month(session, MARCH, tmp_path / "mars.xlsx")
    with pytest.raises(FieldErrors):
        export_month(session, MARCH, tmp_path / "mars.pdf")
    assert not (tmp_path / "mars.xlsx").exists() and not (tmp_path / "mars.pdf").exists()


@pytest.fixture
def two_approved(session, amal):
    """March approved with Amal (a decision needed) and Ola (no absence)."""
    ola = deltakere.create_deltaker(session, person(fornavn="Ola", etternavn="Ås", ident=synthetic_number(
        D(1991, 2, 3), "fnr", 1), bosatt_dato="01.12.2025", tillatelse_dato="01.10.2025"))
    program.save_hendelse(session, ola, {"type": "start", "dato": "02.03.2026"})
    stonad.approve(session, MARCH)
    return {r.deltaker_id: r for r in stonad.month_basis(session, MARCH).rows}, amal, ola


def test_the_xlsx_has_a_bold_header_amounts_as_kroner_and_a_total(session, two_approved, tmp_path):
    rows, amal, ola = two_approved
    sheet = openpyxl.load_workbook(export_month(session, MARCH, tmp_path / "mars.xlsx")).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["identitetsnummer", "navn", "maaned", "brutto", "trekk_fravaer", "reduksjoner",
                         "rettelser", "netto", "krever_vedtak"]
    assert all(c.font.b for c in sheet[1])
    by_ident = {v[0]: v for v in values[1:-1]}
    a, o = rows[amal].grunnlag, rows[ola].grunnlag
    assert by_ident["17059012436"][1:] == ["Øvrebø-Dvořáková, Şükrü", datetime.datetime(2026, 3, 1),
                                           a.gross_ore / 100, a.absence_ore / 100, 0, 0, a.net_ore / 100, "ja"]
    assert by_ident[rows[ola].ident][0].startswith("0") and by_ident[rows[ola].ident][-1] == "nei"  # kept as text
    assert values[-1][1] == "Sum" and values[-1][7] == pytest.approx((a.net_ore + o.net_ore) / 100)
    assert "kr" in sheet["H2"].number_format and sheet["C2"].number_format == "DD.MM.YYYY"


def test_the_csv_is_utf8_with_bom_semicolons_and_decimal_commas(session, two_approved, tmp_path):
    rows, amal, _ = two_approved
    data = export_month(session, MARCH, tmp_path / "mars.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "identitetsnummer;navn;maaned;brutto;trekk_fravaer;reduksjoner;rettelser;netto;krever_vedtak"
    g = rows[amal].grunnlag
    assert (f"17059012436;Øvrebø-Dvořáková, Şükrü;01.03.2026;{g.gross_ore // 100},{g.gross_ore % 100:02d};"
            f"{g.absence_ore // 100},{g.absence_ore % 100:02d};0,00;0,00;") in data.decode("utf-8-sig")
    assert len(lines) == 3  # no total row for a system to take for a person


# ----- a teacher's attendance list

def cells(session, deltaker_id, first, last):
    return {d.dato: d.cell for d in fravaer.days(session, deltaker_id, first, last) if d.cell}


def test_a_good_csv_is_written_whatever_the_header_looks_like(session, amal, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes("\ufeffIdentitets nummer;DATO;Fravær;Merknad\n"
                     "170590 12436;20.04.2026;U;\n"
                     "\n"
                     "17059012436;2026-04-21;u 2,5;kom sent\n"
                     "17059012436;22.04.2026;E;\n"
                     "17059012436;02.03.2026;;møtte likevel\n".encode())
    report = import_attendance(session, path)
    assert report.ok and (report.rows_read, report.written) == (4, 4)
    assert cells(session, amal, D(2026, 4, 1), D(2026, 4, 30)) == {
        D(2026, 4, 20): "U", D(2026, 4, 21): "U 2,5", D(2026, 4, 22): "E"}
    assert D(2026, 3, 2) not in cells(session, amal, MARCH, D(2026, 3, 31))  # attended after all


def test_one_bad_row_writes_nothing_and_each_problem_names_row_and_column(session, amal, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("identitetsnummer;dato;fravaer\n"
                    "17059012436;20.04.2026;U\n"
                    "17059012436;21.04.2026;X\n"
                    "99999999999;31.02.2026;U\n"
                    "17059012436;25.04.2026;U\n"
                    "17059012436;20.04.2026;E\n", encoding="utf-8")
    report = import_attendance(session, path)
    assert report.written == 0 and report.rows_read == 5
    found = {(p.row, p.column, p.value) for p in report.problems}
    assert found == {(3, "fravaer", "X"), (4, "identitetsnummer", "99999999999"), (4, "dato", "31.02.2026"),
                     (5, "dato", "25.04.2026"), (6, "dato", "20.04.2026")}
    messages = {(p.row, p.column): p.message for p in report.problems}
    assert "Ukjent fraværskode" in messages[3, "fravaer"] and "Fridag" in messages[5, "dato"]
    assert "rad 2" in messages[6, "dato"]  # the same day twice
    assert cells(session, amal, D(2026, 4, 1), D(2026, 4, 30)) == {}


def test_a_missing_column_and_a_dry_run(session, amal, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("identitetsnummer;fravaer\n17059012436;U\n", encoding="utf-8")
    assert [(p.row, p.column) for p in import_attendance(session, path).problems] == [(1, "dato")]
    path.write_text("deltaker_id;dato;fravaer\n" f"{amal};20.04.2026;U\n", encoding="utf-8")
    report = import_attendance(session, path, dry_run=True)
    assert report.ok and report.dry_run and (report.rows_read, report.written) == (1, 0)
    assert cells(session, amal, D(2026, 4, 1), D(2026, 4, 30)) == {}


def test_a_comma_separated_list_needs_quotes_around_decimal_hours(session, amal, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text('identitetsnummer,dato,fravaer,merknad\n17059012436,20.04.2026,"U 2,5",\n', encoding="utf-8")
    assert import_attendance(session, path).written == 1
    path.write_text("identitetsnummer,dato,fravaer,merknad\n17059012436,21.04.2026,U 2,5\n", encoding="utf-8")
    report = import_attendance(session, path)
    assert [(p.row, p.column) for p in report.problems] == [(2, "fravaer")] and "anførselstegn" in \
        report.problems[0].message
    assert cells(session, amal, D(2026, 4, 1), D(2026, 4, 30)) == {D(2026, 4, 20): "U 2,5"}


def test_an_xlsx_list_with_date_cells_and_numbers_for_identity_numbers(session, amal, tmp_path):
    ola = deltakere.create_deltaker(session, person(fornavn="Ola", etternavn="Ås", ident=synthetic_number(
        D(1991, 2, 3), "fnr", 1), bosatt_dato="01.12.2025", tillatelse_dato="01.10.2025"))
    program.save_hendelse(session, ola, {"type": "start", "dato": "02.03.2026"})
    book = openpyxl.Workbook()
    book.active.append(["Identitetsnummer", "Dato", "Fravær"])
    book.active.append([17059012436, D(2026, 4, 20), "U"])
    book.active.append([int(synthetic_number(D(1991, 2, 3), "fnr", 1)), D(2026, 4, 21), "B"])  # lost its zero
    book.save(tmp_path / "liste.xlsx")
    report = import_attendance(session, tmp_path / "liste.xlsx")
    assert report.ok and report.written == 2
    assert cells(session, amal, D(2026, 4, 1), D(2026, 4, 30)) == {D(2026, 4, 20): "U"}
    assert cells(session, ola, D(2026, 4, 1), D(2026, 4, 30)) == {D(2026, 4, 21): "B"}


def test_a_file_that_is_not_a_list_is_refused(session, tmp_path):
    with pytest.raises(FieldErrors) as caught:
        import_attendance(session, tmp_path / "liste.pdf")
    assert set(caught.value.errors) == {"fil"}
    with pytest.raises(FieldErrors, match="Finner ikke"):
        import_attendance(session, tmp_path / "borte.csv")
    (tmp_path / "liste.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(FieldErrors, match="Kan ikke lese"):
        import_attendance(session, tmp_path / "liste.xlsx")


def test_an_unquoted_decimal_comma_in_a_comma_file_is_reported_not_guessed(session, tmp_path):
    from introdesk.services import stonad_dokumenter

    path = tmp_path / "liste.csv"
    path.write_text("identitetsnummer,dato,fravaer\n17059012436,10.03.2026,U 2,5\n", encoding="utf-8")
    report = stonad_dokumenter.import_attendance(session, path, dry_run=True)
    assert [p.row for p in report.problems] == [2] and "anførselstegn" in report.problems[0].message
