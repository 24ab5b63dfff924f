"""The printed plan and placement agreement, read back the way a person (or a screen reader) would:
the text pypdf extracts, the PDF's metadata and fonts. Domain objects are built by hand; no database."""

from __future__ import annotations

import datetime
import pathlib
import re
import tomllib
from dataclasses import replace
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab import rl_config

import introdesk.reports
from introdesk.domain.deltaker import Deltaker
from introdesk.domain.innstillinger import Innstillinger
from introdesk.domain.plan import Element, Plan, Programperiode
from introdesk.domain.praksis import Arbeidsgiver, Kontaktperson, Praksis
from introdesk.reports.pdf import Texts, weekdays_text, write_atomically
from introdesk.reports.plan_pdf import render_plan
from introdesk.reports.praksisavtale_pdf import render_praksisavtale
from introdesk.resources import resources_dir

D = datetime.date
MUNICIPALITY = Innstillinger(kommune_navn="Ålvik kommune", kommune_nr="4601", tjeneste_navn="Flyktningtjenesten",
                             radgiver_navn="Kari Nordmann", radgiver_tittel="Programrådgiver",
                             adresse="Postboks 12, 5600 Ålvik", telefon="56 55 00 00")
PERIOD = Programperiode("integreringsloven", D(2025, 9, 1), D(2027, 8, 31), barn_under_18=False)
NAMES = [("Şükrü", "Yıldırım"), ("Kateřina", "Dvořáková"), ("Nguyễn", "Văn An"), ("Ålvik", "Øvrebø")]


def person(fornavn="Amal", etternavn="Haddad", lovverk="integreringsloven") -> Deltaker:
    return Deltaker(fornavn, etternavn, "17059012436", "fnr", D(1990, 5, 17), "K", lovverk)


def element(nokkel="1", type="norsk", tilbyder="Ålvik voksenopplæring", **kw) -> Element:
    values = dict(fra=D(2025, 9, 1), til=D(2026, 6, 19), timer_per_uke=Decimal("15.5"), dager=(0, 1, 2),
                  retning=None, oppfolging="Lærer Ola Dahl", status="pagar") | kw
    return Element(nokkel, type, tilbyder=tilbyder, **values)


def make_plan(**kw) -> Plan:
    values = dict(
        sluttmal="Fagbrev som tømrer innen to år.", norskmal="Norsk B1 muntlig og skriftlig.",
        onsker="Vil jobbe med hendene.", praksis_onske="Praksis i et byggefirma.",
        kontrakt_signert=D(2025, 8, 26), gjennomganger=(D(2025, 11, 20),),
        elementer=(element(),
                   element("2", "sprakpraksis", "Bygg & Anlegg <Vest>", dager=(3, 4), timer_per_uke=Decimal(15),
                           retning="arbeid", oppfolging="Kari Nordmann", status="planlagt")),
    ) | kw
    return Plan(deltaker_id=1, versjon=3, dato=D(2025, 8, 25), **values)


def plan_pdf(tmp_path, rules, plan=None, deltaker=None, period=PERIOD, malform="bokmal", name="plan.pdf"):
    return render_plan(tmp_path / name, plan or make_plan(), deltaker or person(), period, MUNICIPALITY, rules,
                       malform)


EMPLOYER = Arbeidsgiver("Bygg & Anlegg <Vest> AS", "974760673", "Industrivegen 4", "5600", "Ålvik")
CONTACT = Kontaktperson(1, "Per Berg", "Daglig leder", "912 34 567", "per@bygg.no")
PLACEMENT = Praksis(
    deltaker_id=1, arbeidsgiver_id=1, type="sprakpraksis", fra=D(2025, 9, 4), til=D(2025, 12, 19),
    timer_per_uke=Decimal(15), dager=(3, 4), oppfolging_dager=14,
    oppgaver="Rydde byggeplass og bære materialer.", sprakmal="Bruke ord for verktøy & materialer.")


def agreement_pdf(tmp_path, rules, malform="bokmal", placement=PLACEMENT, deltaker=None, contact=CONTACT):
    return render_praksisavtale(tmp_path / f"avtale-{malform}.pdf", placement, deltaker or person(), EMPLOYER,
                                contact, MUNICIPALITY, rules, malform)


def pages(path) -> list[str]:
    """Each page's text with whitespace folded, so words wrapped across lines still read as a phrase."""
    return [" ".join(page.extract_text().replace("\xa0", " ").split()) for page in PdfReader(path).pages]


def text(path) -> str:
    return " ".join(pages(path))


# ----- the plan

def test_plan_in_bokmal_has_what_the_participant_signs(tmp_path, rules):
    out = text(plan_pdf(tmp_path, rules))
    for expected in [
        "Ålvik kommune", "Flyktningtjenesten", "Postboks 12, 5600 Ålvik", "Telefon 56 55 00 00",
        "Integreringsplan", "Versjon 3, datert 25.08.2025",
        "Amal Haddad", "17.05.1990", "170590 *****", "01.09.2025–31.08.2027", "37,5 timer per uke",
        "Sluttmål Fagbrev som tømrer innen to år.", "Norskmål Norsk B1", "Deltakerens egne ønsker",
        "Vil jobbe med hendene.", "Ønske om praksis Praksis i et byggefirma.",
        "Opplæring i norsk", "Språkpraksis", "Timer per uke", "15,5", "man–ons", "tor, fre", "Arbeid", "Pågår",
        "Planlagt", "Lærer Ola Dahl", "01.09.2025– 19.06.2026",
        "Gjennomgått uten endringer: 20.11.2025.", "Integreringskontrakt", "Kontrakten ble signert 26.08.2025.",
        "Deltaker", "For kommunen", "Kari Nordmann", "Programrådgiver, Flyktningtjenesten", "Ålvik,",
        "Sted og dato", "Side 1 av",
    ]:
        assert expected in out, expected
    assert "17059012436" not in out  # the personal part of the number is masked


def test_plan_in_nynorsk(tmp_path, rules):
    path = plan_pdf(tmp_path, rules, malform="nynorsk")
    out = text(path)
    for expected in ["Deltakar", "Innhald i programmet", "37,5 timar per veke", "Tilbydar", "Stad og dato",
                     "Kontrakten vart signert 26.08.2025.", "Deltakaren forpliktar seg til å", "Amal Haddad"]:
        assert expected in out, expected
    assert "Deltakeren" not in out and "Sted og dato" not in out
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "nn-NO"


def test_plan_with_much_self_study_is_full_time_at_30_hours(tmp_path, rules):
    assert "30 timer per uke, fordi aktivitetene krever mye selvstudium" in text(
        plan_pdf(tmp_path, rules, make_plan(selvstudium=True)))


def test_plan_under_the_old_law_is_an_individual_plan_without_contract(tmp_path, rules):
    out = text(plan_pdf(tmp_path, rules, deltaker=person(lovverk="introloven"),
                        period=replace(PERIOD, lovverk="introloven")))
    assert "Individuell plan" in out
    assert "Integreringskontrakt" not in out and "Integreringsplan" not in out


def test_plan_before_the_programme_starts_says_so_and_an_empty_plan_prints(tmp_path, rules):
    out = text(plan_pdf(tmp_path, rules, make_plan(elementer=(), gjennomganger=(), kontrakt_signert=None),
                        period=replace(PERIOD, start=None, end=None)))
    for expected in ["Programperiode ikke startet", "Planen har ingen elementer ennå.",
                     "Ingen gjennomganger er registrert", "Kontrakten er ikke signert ennå."]:
        assert expected in out, expected


def test_user_text_with_markup_characters_prints_as_typed(tmp_path, rules):
    plan = make_plan(onsker="Jobb <b>ikke</b> i butikk & helst ute\nAndre linje", sluttmal="Mål > 0 & <>")
    out = text(plan_pdf(tmp_path, rules, plan))
    for expected in ["Bygg & Anlegg <Vest>", "Jobb <b>ikke</b> i butikk & helst ute Andre linje", "Mål > 0 & <>"]:
        assert expected in out, expected


@pytest.mark.parametrize("fornavn, etternavn", NAMES)
def test_names_with_latin_extended_letters_survive(tmp_path, rules, fornavn, etternavn):
    name = f"{fornavn} {etternavn}"
    assert name in text(plan_pdf(tmp_path, rules, deltaker=person(fornavn, etternavn)))
    assert name in text(agreement_pdf(tmp_path, rules, deltaker=person(fornavn, etternavn)))


def test_a_long_plan_runs_onto_more_pages_with_the_table_header_repeated(tmp_path, rules):
    many = tuple(element(str(i), tilbyder=f"Tilbyder nr. {i}", fra=D(2025, 9, 1) + datetime.timedelta(weeks=i),
                         til=D(2025, 9, 12) + datetime.timedelta(weeks=i), dager=(0, 1, 2, 3, 4))
                 for i in range(40))
    texts = pages(plan_pdf(tmp_path, rules, make_plan(elementer=many)))
    total = len(texts)
    assert total >= 2
    for number, page in enumerate(texts, 1):
        assert f"Side {number} av {total}" in page
    on_page_2 = [i for i in range(40) if re.search(rf"Tilbyder nr\. {i}\b", texts[1])]
    assert on_page_2 and "Element Tilbyder Periode Timer per uke" in texts[1]  # rows and their header
    assert "Tilbyder nr. 39" in " ".join(texts)


# ----- the placement agreement

def test_placement_agreement_in_bokmal(tmp_path, rules):
    out = text(agreement_pdf(tmp_path, rules))
    for expected in [
        "Praksisavtale", "Språkpraksis, 04.09.2025–19.12.2025", "Amal Haddad", "Fødselsdato: 17.05.1990",
        "Bygg & Anlegg <Vest> AS", "Org.nr. 974 760 673", "Industrivegen 4", "5600 Ålvik",
        "Kontaktperson: Per Berg, Daglig leder", "Telefon 912 34 567", "E-post per@bygg.no",
        "Programrådgiver: Kari Nordmann", "2 dager (tor, fre), 15 t/uke",
        "Programrådgiver Kari Nordmann følger opp, med besøk eller samtale minst hver 14. dag",
        "Rydde byggeplass og bære materialer.", "Bruke ord for verktøy & materialer.",
        "Forberedelse:", "Oppfølging underveis:", "Oppsummering:",
        "ikke ansatt på praksisplassen", "introduksjonsstønad", "ikke ha lønn", "kontaktperson",
        "melder fravær til kommunen", "taushetsplikt", "avslutte praksisen før tiden, etter samtale",
        "Deltaker", "For praksisplassen", "For kommunen", "Daglig leder, Bygg & Anlegg <Vest> AS",
    ]:
        assert expected in out, expected
    assert out.count("Sted og dato") == 3


def test_placement_agreement_in_nynorsk(tmp_path, rules):
    out = text(agreement_pdf(tmp_path, rules, "nynorsk"))
    for expected in ["2 dagar (tor, fre), 15 t/veke", "teieplikt", "Førebuing:", "Stad og dato", "Partane",
                     "Programrådgivar Kari Nordmann følgjer opp", "ikkje tilsett på praksisplassen"]:
        assert expected in out, expected
    assert "taushetsplikt" not in out


def test_placement_followed_up_by_a_teacher_without_a_contact_person(tmp_path, rules):
    placement = replace(PLACEMENT, oppfolger="larer", oppfolger_navn="Ola Dahl", dager=(0, 1, 2, 3, 4))
    out = text(agreement_pdf(tmp_path, rules, placement=placement, contact=None))
    for expected in ["Lærer Ola Dahl følger opp", "Kontaktperson: ikke avklart", "5 dager (man–fre)"]:
        assert expected in out, expected


# ----- the PDF itself

def test_metadata_title_author_and_language(tmp_path, rules):
    reader = PdfReader(plan_pdf(tmp_path, rules))
    assert reader.metadata.title == "Integreringsplan – Amal Haddad"
    assert reader.metadata.author == "Flyktningtjenesten, Ålvik kommune"
    assert reader.metadata.subject == "Versjon 3, datert 25.08.2025"
    assert reader.trailer["/Root"]["/Lang"] == "nb-NO"


def test_every_font_is_embedded_dejavu(tmp_path, rules):
    for path in (plan_pdf(tmp_path, rules), agreement_pdf(tmp_path, rules)):
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                assert "DejaVuSans" in font["/BaseFont"]
                assert "/FontFile2" in font["/FontDescriptor"]  # the font program is in the file


def test_invariant_output_is_byte_identical(tmp_path, rules, monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)
    first = plan_pdf(tmp_path, rules, name="a.pdf").read_bytes()
    assert first == plan_pdf(tmp_path, rules, name="b.pdf").read_bytes()


def test_write_leaves_no_part_file_and_a_failed_write_keeps_the_old_file(tmp_path, rules):
    path = plan_pdf(tmp_path, rules)
    assert path == tmp_path / "plan.pdf" and path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]

    def crash(part: pathlib.Path) -> None:
        part.write_bytes(b"%PDF-half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomically(path, crash)
    assert path.read_bytes().startswith(b"%PDF-1")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


# ----- texts and the layer

def test_every_text_is_in_both_written_standards():
    for path in (resources_dir() / "tekster").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(data) == {"bokmal", "nynorsk"}, path.name
        assert set(data["bokmal"]) == set(data["nynorsk"]), path.name


def test_a_missing_text_names_its_file():
    with pytest.raises(KeyError, match="plan.toml"):
        Texts("plan", "nynorsk")["finnes_ikke"]
    with pytest.raises(ValueError):
        Texts("plan", "svensk")


def test_weekdays_in_a_row_are_a_range():
    t = Texts("felles", "bokmal")
    assert weekdays_text(t, (0, 1, 2, 3, 4)) == "man–fre"
    assert weekdays_text(t, (3, 4)) == "tor, fre"
    assert weekdays_text(t, (0, 1, 2, 4)) == "man–ons, fre"
    assert weekdays_text(Texts("felles", "nynorsk"), (0, 1, 5)) == "mån, tys, lau"


def test_reports_import_only_the_domain_and_resources():
    allowed = ("introdesk.domain", "introdesk.resources", "introdesk.reports")
    for path in pathlib.Path(introdesk.reports.__path__[0]).glob("*.py"):
        for module in re.findall(r"^\s*(?:from|import)\s+(introdesk[\w.]*)", path.read_text(encoding="utf-8"),
                                 re.MULTILINE):
            assert module.startswith(allowed), f"{path.name} imports {module}"
