"""The results report for the municipal council (reports/resultater_pdf.py), read back as text: the
headline in plain words, the target, small groups as counts with «for få» and never a percentage, both
written standards, and the demo municipality's report through the service."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from introdesk.domain.innstillinger import Innstillinger
from introdesk.domain.resultater import BREAKDOWNS
from introdesk.reports.resultater_pdf import render_resultater
from introdesk.services import demo, resultater
from introdesk.services.resultater import Andel, Resultater, tables

D = datetime.date
DATED = D(2027, 2, 1)
SETTINGS = Innstillinger(kommune_navn="Åfjord kommune", tjeneste_navn="Flyktningtjenesten Nesøya",
                         adresse="Postboks 1, 7170 Åfjord")
FOOTNOTE = "Grupper med færre enn 5 avsluttede vises bare som antall, ikke som andel."
HEADLINE = ("Av 12 deltakere som avsluttet programmet i 2026, gikk 6 (50 %) over til arbeid eller utdanning. "
            "Målet er 70 %.")


def a(group: str, ended: int, hits: int, min_group: int = 5) -> Andel:
    return Andel(group, ended, hits, hits / ended if ended >= min_group else None)


def made(**changes) -> Resultater:
    """A year built by hand: 12 ended and 6 in work or education; Việt Nam (1 of 3) and 2023 (2 of 3) too
    small for a share."""
    values = dict(
        year=2026, total=a("2026", 12, 6),
        breakdowns={
            "kjonn": [a("Kvinne", 7, 4), a("Mann", 5, 2)],
            "aldersgruppe": [a("18–24 år", 5, 2), a("25–34 år", 7, 4)],
            "landbakgrunn": [a("Eritrea", 9, 5), a("Việt Nam", 3, 1)],
            "utdanning": [a("Fullført videregående", 6, 5), a("Ikke fullført videregående", 6, 1)],
            "lovverk": [a("Integreringsloven", 12, 6)],
            "programlengde": [a("Under 12 måneder", 12, 6)],
        },
        trend=[a("2023", 3, 2), a("2024", 8, 6), a("2025", 10, 9), a("2026", 12, 6)],
        target=70, followup=a("2026", 0, 0), followup_of=12, min_group=5)
    values.update(changes)
    return Resultater(**values)


def render(r: Resultater, rules, settings: Innstillinger = SETTINGS, malform: str | None = None) -> bytes:
    return render_resultater(r, tables(r), settings, rules, malform, dated=DATED)


def text(pdf: bytes) -> str:
    """The PDF's words with whitespace folded (a non-breaking space is a space to a reader)."""
    return " ".join(" ".join(p.extract_text().replace("\xa0", " ").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


# ----- what the council reads

def test_the_headline_target_and_trend_in_plain_words(rules):
    pdf = render(made(), rules)
    assert pdf.startswith(b"%PDF")
    out = text(pdf)
    for expected in ["Åfjord kommune", "Flyktningtjenesten Nesøya", "Resultater i introduksjonsprogrammet 2026",
                     HEADLINE, "Det er 20 prosentpoeng under målet.", "I 2025 var andelen 90 %.",
                     "Mål 70 %", "6 av 12", "9 av 10", "Utviklingen over år", "Etter kjønn og alder",
                     "Kvinne 7 4 57 %", "Mann 5 2 40 %", "2024 8 6 75 %", "Slik er tallene regnet",
                     "De som mangler sluttårsak, er også med",
                     "Arbeid, 30 timer eller mer per uke", "Ordinær utdanning – videregående skole",
                     "kommunens egne registreringer i IntroDesk", "(NIR) og IMDi kan avvike", "Side 1 av"]:
        assert expected in out, expected
    assert "grunnskole" not in out  # an end reason that does not count is not listed as one that does
    assert 1 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 3


def test_a_small_group_shows_its_counts_and_no_share(rules):
    out = text(render(made(), rules))
    assert "Việt Nam 3 1 for få" in out
    assert "2023 3 2 for få" in out  # the trend's year too small for a share
    assert "2 av 3" in out  # under the trend chart's empty place for 2023
    assert "33 %" not in out and "67 %" not in out  # 1 of 3 and 2 of 3 are never shown as shares
    assert FOOTNOTE in out
    assert "År uten søyle hadde færre enn 5 avsluttede" in out


def test_a_year_too_small_for_a_share_says_so_without_one(rules):
    r = made(total=a("2026", 3, 2), trend=[a("2026", 3, 2)],
             breakdowns={**{field: [] for field in BREAKDOWNS}, "kjonn": [a("Kvinne", 3, 2)]})
    out = text(render(r, rules))
    assert ("Av 3 deltakere som avsluttet programmet i 2026, gikk 2 over til arbeid eller utdanning. Det er for få "
            "til å regne en andel som sier noe. Målet er 70 %.") in out
    assert "67 %" not in out and "for få: 2 av 3" in out


def test_a_year_without_endings_still_prints(rules):
    r = made(total=Andel("2026", 0, 0, None), breakdowns={field: [] for field in BREAKDOWNS}, trend=[],
             followup_of=0)
    out = text(render(r, rules))
    assert "Ingen deltakere avsluttet programmet i 2026. Målet er 70 %." in out
    assert "Ingen avslutninger er registrert ennå." in out
    assert "Etter kjønn og alder" not in out and "Tallene i tabeller" not in out


def test_the_target_from_the_settings(rules):
    out = text(render(made(target=50), rules))
    assert "Målet er 50 %. Det er akkurat på målet." in out and "Mål 50 %" in out and "70 %" not in out


def test_the_followup_status_with_how_many_have_one(rules):
    out = text(render(made(), rules))
    assert "For dem som avsluttet i 2026, er det ikke registrert noen status ett år etter ennå." in out
    out = text(render(made(followup=a("2026", 10, 7), followup_of=12), rules))
    assert ("Av 12 deltakere som avsluttet i 2026, er status ett år etter registrert for 10. Av dem var 7 (70 %) "
            "i arbeid eller utdanning.") in out
    out = text(render(made(followup=a("2026", 3, 2), followup_of=12), rules))
    assert "registrert for 3. Av dem var 2 i arbeid eller utdanning. Det er for få til å regne en andel." in out


def test_nynorsk_from_the_settings_or_the_argument(rules):
    for pdf in (render(made(), rules, malform="nynorsk"),
                render(made(), rules, Innstillinger(kommune_navn="Åfjord kommune", malform="nynorsk"))):
        out = text(pdf)
        for expected in ["Resultat i introduksjonsprogrammet 2026",
                         "Av 12 deltakarar som avslutta programmet i 2026, gjekk 6 (50 %) over til arbeid eller "
                         "utdanning. Målet er 70 %.", "I 2025 var delen 90 %.", "Utviklinga over år",
                         "Alder ved avslutting", "Ikkje fullført vidaregåande 6 1 17 %", "Integreringslova",
                         "Under 12 månader", "Việt Nam 3 1 for få",
                         "Grupper med færre enn 5 avslutta blir berre viste som tal, ikkje som del.",
                         "Slik er tala rekna ut", "Arbeid, 30 timar eller meir per veke", "Side 1 av"]:
            assert expected in out, expected
        for bokmal in ("deltakere", "avsluttet", "Tallene", "Ikke fullført", "måneder"):
            assert bokmal not in out, bokmal
        assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "nn-NO"


def test_group_names_with_markup_characters_print_as_typed(rules):
    r = made(breakdowns={**made().breakdowns, "landbakgrunn": [a("<b>Sør & vest</b>", 9, 5)]})
    out = text(render(r, rules, Innstillinger(kommune_navn="A & B <kommune>", tjeneste_navn="Ørsta & Volda")))
    assert "<b>Sør & vest</b> 9 5 56 %" in out and "A & B <kommune>" in out


# ----- the file

def test_metadata_fonts_and_stable_bytes(rules, monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)
    pdf = render(made(), rules)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Resultater i introduksjonsprogrammet 2026"
    assert reader.metadata.author == "Flyktningtjenesten Nesøya, Åfjord kommune"
    assert reader.trailer["/Root"]["/Lang"] == "nb-NO"
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVuSans" in font["/BaseFont"] and "/FontFile2" in font["/FontDescriptor"]
    assert pdf == render(made(), rules)


# ----- the demo municipality through the service

@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    """The demo's report for 2025, made on a fixed day so the drawn demo is the same each run."""
    folder = tmp_path_factory.mktemp("demo")
    today = D(2026, 11, 24)
    session = demo.create_demo(folder / "data", today=today)
    try:
        r = resultater.results(session, 2025, today)
        path = resultater.write_report(session, 2025, folder / "resultater.pdf", today)
        return r, path.read_bytes()
    finally:
        session.close()


def test_the_demo_report_has_the_years_figures(demo_report):
    r, pdf = demo_report
    assert pdf.startswith(b"%PDF")
    out = text(pdf)
    share = f"{round(r.total.share * 100)} %"
    assert (f"Av {r.total.ended} deltakere som avsluttet programmet i 2025, gikk {r.total.in_work_or_education} "
            f"({share}) over til arbeid eller utdanning. Målet er 70 %.") in out
    assert "Fjordvik kommune" in out and "Resultater i introduksjonsprogrammet 2025" in out
    small = next(g for groups in r.breakdowns.values() for g in groups if g.small)
    assert f"{small.group} {small.ended} {small.in_work_or_education} for få" in out
    assert FOOTNOTE in out
    assert f"status ett år etter registrert for {r.followup.ended}" in out
    assert 1 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 3
