"""The certificate of participation on paper, read back the way a person, an employer or a screen reader
would: the text pypdf extracts, the PDF's metadata, fonts and pictures. Content built by hand; no database.

tests/golden/deltakerbevis_bokmal.pdf is the typical certificate byte for byte (ReportLab in invariant mode).
After a deliberate change to the layout or wording, regenerate it with
    INTRODESK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_deltakerbevis_pdf.py
and look at it before committing it.
"""

from __future__ import annotations

import datetime
import io
import os
import pathlib
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab import rl_config

from introdesk.domain.deltaker import Deltaker
from introdesk.domain.deltakerbevis import Bevisinnhold, Tiltak
from introdesk.domain.innstillinger import Innstillinger
from introdesk.reports.deltakerbevis_pdf import render_deltakerbevis

D = datetime.date
GOLDEN = pathlib.Path(__file__).parent / "golden" / "deltakerbevis_bokmal.pdf"
MUNICIPALITY = Innstillinger(kommune_navn="Ålvik kommune", kommune_nr="4601", tjeneste_navn="Flyktningtjenesten",
                             radgiver_navn="Kari Nordmann", radgiver_tittel="Programrådgiver",
                             adresse="Postboks 12, 5600 Ålvik", telefon="56 55 00 00")
ISSUED = D(2026, 8, 31)
NAMES = [("Şükrü", "Yıldırım"), ("Kateřina", "Dvořáková"), ("Nguyễn", "Văn An"), ("Ålvik", "Øvrebø")]


def person(fornavn="Amal", etternavn="Haddad", lovverk="integreringsloven", ident="17059012436",
           ident_type="fnr") -> Deltaker:
    return Deltaker(fornavn, etternavn, ident, ident_type, D(1990, 5, 17), "K", lovverk)


def tiltak(type, label, provider, fra, til, planned=None, completed=None, status="fullfort", note="") -> Tiltak:
    """A measure; type «praksis» stands for a registered language placement."""
    placement = type == "praksis"
    return Tiltak("sprakpraksis" if placement else type, label, provider, fra, til,
                  None if planned is None else Decimal(planned), None if completed is None else Decimal(completed),
                  status, note, placement=placement)


MEASURES = (
    tiltak("norsk", "Opplæring i norsk", "Ålvik voksenopplæring", D(2024, 9, 2), D(2025, 6, 20), 540, 520,
           note="Spor 2, muntlig og skriftlig"),
    tiltak("norsk", "Opplæring i norsk", "Ålvik voksenopplæring", D(2025, 8, 18), D(2026, 6, 19), 300,
           note="Norsk for arbeidslivet"),
    tiltak("samfunnskunnskap", "Opplæring i samfunnskunnskap", "Ålvik voksenopplæring", D(2024, 9, 2),
           D(2024, 12, 13), 75, 75),
    tiltak("livsmestring", "Livsmestring", "Ålvik voksenopplæring", D(2025, 1, 6), D(2025, 3, 28), 20, 20),
    tiltak("praksis", "Språkpraksis", "Bygg & Anlegg <Vest>", D(2025, 9, 4), D(2025, 12, 19), 240,
           note="Rydde byggeplass og bære materialer."),
    tiltak("arbeidsrettet", "Andre arbeidsrettede tiltak", "NAV Ålvik", D(2026, 1, 12), D(2026, 3, 13), 60, 58,
           note="Jobbsøkerkurs"),
    tiltak("grunnskole", "Grunnskoleopplæring", "Ålvik voksenopplæring", D(2026, 1, 5), D(2026, 6, 19), 200,
           status="avbrutt"),
)


def completed(**kw) -> Bevisinnhold:
    values = dict(deltaker=person(), lovverk="integreringsloven", start=D(2024, 9, 1), end=D(2026, 8, 31),
                  utgang="avsluttet", sluttarsak="arbeid_30", ended_early=False, months_used=24, months_planned=24,
                  sluttmal="Fagbrev som tømrer innen to år.", norskmal="Norsk B1 muntlig og skriftlig.",
                  measures=MEASURES) | kw
    return Bevisinnhold(**values)


def ended_early(**kw) -> Bevisinnhold:
    measures = (
        tiltak("norsk", "Opplæring i norsk", "Ålvik voksenopplæring", D(2024, 9, 2), D(2025, 11, 14), 700, 410,
               status="avbrutt", note="Spor 3"),
        tiltak("samfunnskunnskap", "Opplæring i samfunnskunnskap", "Ålvik voksenopplæring", D(2024, 9, 2),
               D(2024, 12, 13), 75, 75),
        tiltak("foreldreveiledning", "Foreldreveiledning", "Ålvik helsestasjon", D(2025, 2, 3), D(2025, 4, 28), 16),
    )
    values = dict(deltaker=person("Kateřina", "Dvořáková"), end=D(2025, 11, 14), utgang="permanent_stans",
                  sluttarsak="helse", ended_early=True, months_used=14, months_planned=24, measures=measures) | kw
    return completed(**values)


def running(**kw) -> Bevisinnhold:
    return completed(end=None, utgang=None, sluttarsak=None, months_used=None, **kw)


def many_measures(count=30) -> tuple[Tiltak, ...]:
    types = ["norsk"] * 8 + ["samfunnskunnskap"] * 2 + ["livsmestring"] * 2 + ["praksis"] * 6 + ["annet"] * 12
    return tuple(tiltak(kind, "Annet" if kind == "annet" else "Språkpraksis" if kind == "praksis" else kind.title(),
                        f"Tilbyder nr. {i}", D(2024, 9, 2) + datetime.timedelta(weeks=2 * i),
                        D(2024, 9, 13) + datetime.timedelta(weeks=2 * i), 30, 28 if i % 2 else None,
                        note=f"Kurs nr. {i}")
                 for i, kind in enumerate(types[:count]))


def render(rules, content=None, malform="bokmal", **kw) -> bytes:
    return render_deltakerbevis(content or completed(), MUNICIPALITY, rules, malform, issued=ISSUED, **kw)


def pages(pdf: bytes) -> list[str]:
    """Each page's text with whitespace folded, so words wrapped across lines still read as a phrase."""
    return [" ".join(page.extract_text().replace("\xa0", " ").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


# ----- what it says

def test_completed_certificate_in_bokmal_has_everything_an_employer_reads(rules):
    pdf = render(rules)
    assert pdf.startswith(b"%PDF")
    out = text(pdf)
    for expected in [
        "Ålvik kommune", "Flyktningtjenesten", "Postboks 12, 5600 Ålvik",
        "Deltakerbevis", "integreringsloven § 18 a",
        "Amal Haddad", "født 17.05.1990", "fødselsnummer 170590 *****",
        "har gjennomført introduksjonsprogrammet i Ålvik kommune i perioden 01.09.2024–31.08.2026",
        "Innhold i programmet", "Opplæring og tiltak Tilbyder / arbeidsgiver Periode Omfang",
        "Opplæring i norsk", "Spor 2, muntlig og skriftlig", "02.09.2024–20.06.2025", "520 timer gjennomført",
        "Norsk for arbeidslivet", "omfang 300 timer",
        "Livsmestring i et nytt land", "20 timer gjennomført",
        "Praksis", "Språkpraksis", "Rydde byggeplass og bære materialer.", "04.09.2025–19.12.2025",
        "omfang 240 timer",
        "Andre kurs og tiltak", "Andre arbeidsrettede tiltak", "Jobbsøkerkurs", "NAV Ålvik", "58 timer gjennomført",
        "Grunnskoleopplæring", "planlagt omfang 200 timer avbrutt før planlagt slutt",
        "Programmet ble fullført 31.08.2026, og deltakeren har gjennom programmet arbeidet mot sluttmålet "
        "«Fagbrev som tømrer innen to år».",
        "Ålvik, 31.08.2026", "Sted og dato", "Kari Nordmann", "Programrådgiver, Flyktningtjenesten",
        "Side 1 av 1",
    ]:
        assert expected in out, expected
    assert "17059012436" not in out and "170590 12436" not in out
    assert "Foreldreveiledning" not in out  # a part with nothing in it is left out
    assert "Årsak" not in out and "UTKAST" not in out
    assert "Norsk B1" not in out  # the goal for Norwegian is not a result: nothing that reads like a test level


def test_social_studies_gives_both_scope_and_length(rules):
    out = text(render(rules))
    assert re.search(r"Opplæring i samfunnskunnskap Opplæring i samfunnskunnskap Ålvik voksenopplæring "
                     r"02\.09\.2024–13\.12\.2024 75 timer gjennomført", out), out
    planned_only = completed(measures=(replace(MEASURES[2], hours_completed=None),))
    assert "02.09.2024–13.12.2024 omfang 75 timer" in text(render(rules, planned_only))


def test_test_results_are_left_to_the_test_centres(rules):
    out = text(render(rules))
    assert ("Deltakerbeviset omtaler ikke resultater fra prøver i norsk og samfunnskunnskap. Prøveresultatene står "
            "i egne prøvebevis, som skrives ut av prøvestedene.") in out
    assert "Deltakarbeviset omtaler ikkje resultat frå prøver" in text(render(rules, malform="nynorsk"))


def test_nynorsk_certificate(rules):
    pdf = render(rules, malform="nynorsk")
    out = text(pdf)
    for expected in ["Deltakarbevis", "integreringslova § 18 a", "fødd 17.05.1990", "Innhald i programmet",
                     "Tilbydar / arbeidsgivar", "Livsmeistring i eit nytt land", "gjennomført 520 timar",
                     "omfang 300 timar", "Andre arbeidsretta tiltak", "Grunnskuleopplæring",
                     "avslutta før planlagd slutt", "Programmet vart fullført 31.08.2026", "har gjennom programmet "
                     "arbeidd mot sluttmålet", "Stad og dato", "Ålvik, 31.08.2026", "Side 1 av 1"]:
        assert expected in out, expected
    for bokmal in ["Deltakerbevis", "Innhold", "Livsmestring i et nytt land", "timer", "Sted og dato", "født"]:
        assert bokmal not in out, bokmal
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "nn-NO"


def test_ended_early_says_why_and_how_much_was_completed(rules):
    out = text(render(rules, ended_early()))
    for expected in ["har deltatt i introduksjonsprogrammet i Ålvik kommune i perioden 01.09.2024–14.11.2025",
                     "Programmet ble avsluttet før tiden, 14.11.2025.", "Årsak Helsemessige årsaker",
                     "Type avslutning Vedtak om permanent stans", "Gjennomført 14 av 24 måneder",
                     "410 timer gjennomført avbrutt før planlagt slutt", "Foreldreveiledning", "omfang 16 timer"]:
        assert expected in out, expected
    assert "sluttmålet" not in out and "har gjennomført introduksjonsprogrammet" not in out

    nynorsk = text(render(rules, ended_early(), malform="nynorsk"))
    for expected in ["har delteke i introduksjonsprogrammet", "Programmet vart avslutta før tida, 14.11.2025.",
                     "Gjennomført 14 av 24 månader", "Foreldrerettleiing"]:
        assert expected in nynorsk, expected


def test_ended_early_with_months_unknown_leaves_the_line_out(rules):
    out = text(render(rules, ended_early(months_used=None, utgang="avbrutt", sluttarsak="flyttet")))
    assert "Årsak Flyttet" in out and "Type avslutning Avbrutt" in out
    assert "måneder" not in out


def test_legal_basis_follows_the_participants_law(rules):
    old = text(render(rules, completed(lovverk="introloven", deltaker=person(lovverk="introloven"))))
    assert "introduksjonsloven § 4 fjerde ledd" in old and "integreringsloven" not in old
    temporary = text(render(rules, completed(lovverk="kap6a", deltaker=person(lovverk="kap6a"))))
    assert "integreringsloven kapittel 6A og § 18 a" in temporary
    assert "introduksjonslova § 4 fjerde ledd" in text(render(
        rules, completed(lovverk="introloven", deltaker=person(lovverk="introloven")), malform="nynorsk"))


@pytest.mark.parametrize("fornavn, etternavn", NAMES)
def test_names_with_latin_extended_letters_survive(rules, fornavn, etternavn):
    pdf = render(rules, completed(deltaker=person(fornavn, etternavn)))
    assert f"{fornavn} {etternavn}" in text(pdf)
    assert PdfReader(io.BytesIO(pdf)).metadata.title == f"Deltakerbevis – {fornavn} {etternavn}"


def test_user_text_with_markup_characters_prints_as_typed(rules):
    measures = (replace(MEASURES[4], note="Bære <b>alt</b> & rydde"),)
    out = text(render(rules, completed(measures=measures, sluttmal="Jobb i «Bygg & Co» <snart>")))
    for expected in ["Bygg & Anlegg <Vest>", "Bære <b>alt</b> & rydde",
                     "sluttmålet «Jobb i «Bygg & Co» <snart>»."]:
        assert expected in out, expected


def test_identity_number_masked_unless_asked_for_in_full(rules):
    assert "fødselsnummer 170590 *****" in text(render(rules))
    full = text(render(rules, full_ident=True))
    assert "fødselsnummer 170590 12436" in full and "*****" not in full
    duf = completed(deltaker=person(ident="201912345678", ident_type="duf"))
    assert "DUF-nummer 2019 ********" in text(render(rules, duf))
    assert "DUF-nummer 2019 1234 5678" in text(render(rules, duf, full_ident=True))
    assert "D-nummer 570590" in text(render(rules, completed(deltaker=person(ident="57059012345", ident_type="dnr"))))


def test_only_a_draft_for_a_programme_that_has_not_ended(rules):
    with pytest.raises(ValueError, match="utkast"):
        render(rules, running())
    assert "UTKAST" in text(render(rules, running(), draft=True))


def test_placements_in_the_plan_are_listed_with_the_placements(rules):
    element = replace(tiltak("arbeidspraksis", "Arbeidspraksis", "Ålvik sjukeheim", D(2026, 2, 2), D(2026, 4, 24),
                             180), placement=True)  # as gather() marks a placement element of the plan
    out = text(render(rules, completed(measures=(*MEASURES, element))))
    placements = out[out.index("Praksis Språkpraksis"):out.index("Andre kurs og tiltak")]
    assert "Arbeidspraksis (NAV) Ålvik sjukeheim 02.02.2026–24.04.2026 omfang 180 timer" in placements


def test_draft_is_marked_on_every_page_and_says_it_is_not_valid(rules):
    pdf = render(rules, running(measures=many_measures()), draft=True)
    texts = pages(pdf)
    assert len(texts) == 2
    for page in texts:
        assert "UTKAST" in page
    assert "Utkast – ikke gyldig som deltakerbevis" in texts[0]
    assert "deltar i introduksjonsprogrammet i Ålvik kommune fra 01.09.2024" in texts[0]
    assert "Programmet er ikke avsluttet." in texts[1]
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Utkast – ikke gyldig som deltakerbevis – Amal Haddad"
    assert "Utkast – ikkje gyldig som deltakarbevis" in text(render(rules, running(), "nynorsk", draft=True))


def test_a_long_programme_flows_onto_a_second_page_with_the_header_repeated(rules):
    texts = pages(render(rules, completed(measures=many_measures(30))))
    assert len(texts) == 2
    assert "Side 1 av 2" in texts[0] and "Side 2 av 2" in texts[1]
    assert "Opplæring og tiltak Tilbyder / arbeidsgiver Periode Omfang" in texts[1]
    assert "Tilbyder nr. 0 " in texts[0] and "Tilbyder nr. 29 " in texts[1]
    assert "Kari Nordmann" in texts[1] and "Deltakerbevis – Amal Haddad" in texts[1]  # signature, footer


# ----- the file

def test_metadata_title_author_subject_and_language(rules):
    reader = PdfReader(io.BytesIO(render(rules)))
    assert reader.metadata.title == "Deltakerbevis – Amal Haddad"
    assert reader.metadata.author == "Flyktningtjenesten, Ålvik kommune"
    assert reader.metadata.subject == "Deltakerbevis for introduksjonsprogrammet, 01.09.2024–31.08.2026"
    assert reader.trailer["/Root"]["/Lang"] == "nb-NO"


def test_every_font_is_embedded_dejavu(rules):
    for pdf in (render(rules), render(rules, running(), draft=True)):
        for page in PdfReader(io.BytesIO(pdf)).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                assert "DejaVuSans" in font["/BaseFont"]
                assert "/FontFile2" in font["/FontDescriptor"]


def _images(pdf: bytes) -> list[tuple[int, int]]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    objects = page["/Resources"].get("/XObject", {})
    return [(o.get_object()["/Width"], o.get_object()["/Height"]) for o in objects.values()]


def test_logo_on_the_letterhead_scaled_down_and_left_out_when_unreadable(rules, tmp_path):
    big = tmp_path / "logo.png"
    Image.new("RGBA", (3000, 1500), (35, 70, 107, 255)).save(big)
    images = _images(render(rules, logo=big))
    assert len(images) == 1
    width, height = images[0]
    assert width < 3000 and width == pytest.approx(2 * height, rel=0.01)  # smaller file, same shape

    jpeg = tmp_path / "logo.jpg"
    Image.new("RGB", (200, 400), (200, 30, 30)).save(jpeg)
    assert len(_images(render(rules, logo=jpeg))) == 1

    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    for logo in (broken, tmp_path / "missing.png"):
        pdf = render(rules, logo=logo)
        assert _images(pdf) == [] and "Amal Haddad" in text(pdf)


def test_golden_file(rules, monkeypatch):
    """The typical certificate byte for byte, so a change to its look is a deliberate one."""
    monkeypatch.setattr(rl_config, "invariant", 1)  # restored after the test
    pdf = render(rules)
    if os.environ.get("INTRODESK_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(pdf)
    assert GOLDEN.exists(), "run with INTRODESK_UPDATE_GOLDEN=1 to write tests/golden/deltakerbevis_bokmal.pdf"
    assert pdf == GOLDEN.read_bytes(), ("the certificate changed: look at it, then run with "
                                        "INTRODESK_UPDATE_GOLDEN=1 to accept it")
    assert render(rules) == pdf  # and the same again
