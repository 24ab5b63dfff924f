"""Import from spreadsheets: the template, the checks by row and column, all or nothing, idempotence, undo."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from introdesk.domain import importmal as mal
from introdesk.domain.form import FieldErrors
from introdesk.resources import resources_dir
from introdesk.services import deltakere, importering, program
from introdesk.services.importering import Avbrutt
from introdesk.services.regneark import read_workbook
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import hendelser as hendelse_repo
from introdesk.store import plans as plan_repo
from introdesk.store import praksis as praksis_repo

HEADERS = ["identitetsnummer", "fornavn", "etternavn", "fodselsdato", "kjonn", "landbakgrunn", "lovverk",
           "bosettingsdato", "programstart", "avslutningsdato", "avslutningstype", "sluttarsak"]
AMAL = {"identitetsnummer": "01889003711", "fornavn": "Amal", "etternavn": "Haddad", "fodselsdato": "01.08.1990",
        "kjonn": "K", "landbakgrunn": "SY", "lovverk": "integreringsloven", "bosettingsdato": "15.03.2025",
        "programstart": "01.05.2025", "avslutningsdato": "", "avslutningstype": "", "sluttarsak": ""}
YONAS = {**AMAL, "identitetsnummer": "17059012436", "fornavn": "Yonas", "etternavn": "Tesfaye", "fodselsdato": "",
         "kjonn": "M", "landbakgrunn": "ER", "avslutningsdato": "02.03.2026", "avslutningstype": "avsluttet",
         "sluttarsak": "arbeid_30"}


def write_csv(path: Path, rows: list[dict], headers: list[str] | None = None) -> Path:
    headers = headers or list(dict.fromkeys(h for r in rows for h in r))
    lines = [";".join(headers)] + [";".join(str(r.get(h, "")) for h in headers) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def audit_rows(session) -> int:
    return session.db.execute("SELECT count(*) FROM revisjon").fetchone()[0]


def snapshot(session) -> dict:
    """Every living participant with their events and placements, and the employers, as stored, without the ids
    a new store gives them (and without contact persons, which are not imported)."""
    events = hendelse_repo.all_living(session.db)
    employers = {e.id: praksis_repo.employer_row(e) for e in praksis_repo.employers(session.db)}
    placements: dict[int, list] = {}
    for p in praksis_repo.placements(session.db):
        row = {k: v for k, v in praksis_repo.placement_row(p).items() if k not in ("deltaker_id", "kontakt_id")}
        placements.setdefault(p.deltaker_id, []).append(repr(sorted({**row, "arbeidsgiver_id": employers[
            p.arbeidsgiver_id]["navn"]}.items())))
    found = {"arbeidsgivere": sorted(repr(sorted(e.items())) for e in employers.values())}
    for row in deltaker_repo.list_rows(session.db):
        d = deltaker_repo.get(session.db, row["id"]).deltaker
        plans = [(v.versjon, v.dato, v.sluttmal, v.norskmal, v.onsker, v.kontrakt_signert, v.gjennomganger,
                  sorted(repr(replace(e, id=None, nokkel="")) for e in v.elementer))
                 for v in plan_repo.versions(session.db, row["id"])]
        found[d.ident] = (deltaker_repo.to_row(d), sorted(
            repr(sorted((k, v) for k, v in hendelse_repo.to_row(e).items() if k != "deltaker_id"))
            for e in events.get(row["id"], [])), sorted(placements.get(row["id"], [])), plans)
    return found


# ----- the template

def test_the_demo_exported_to_the_template_imports_into_an_empty_store_as_the_same_records(
        demo_session, session, tmp_path):
    target = importering.export(demo_session, tmp_path / "register.xlsx")
    assert [t.name for t in read_workbook(target)] == [s.name for s in mal.SHEETS]
    people = len(deltakere.list_deltakere(demo_session))
    report = importering.import_file(session, target)
    assert report.ok, report.problems
    assert report.deltakere.nye == people and report.hendelser.nye > 40
    assert report.arbeidsgivere.nye >= 5 and report.praksis.nye >= 5 and report.planer.nye >= 10
    assert snapshot(session) == snapshot(demo_session)
    again = importering.import_file(session, target)
    assert (again.changes, again.kjoring_id, again.deltakere.uendret) == (0, None, people)


def test_the_shipped_template_has_the_documented_columns_and_its_example_imports_clean(session):
    folder = resources_dir() / "import"
    book = read_workbook(folder / "introdesk-importmal.xlsx")
    assert [(t.name, t.headers) for t in book] == [(s.name, [c.header for c in s.columns]) for s in mal.SHEETS]
    assert book[0].headers[:12] == HEADERS
    csv = read_workbook(folder / "deltakere.csv")
    assert csv[0].headers == book[0].headers
    docs = (resources_dir().parent / "docs" / "import.md").read_text(encoding="utf-8")
    for sheet in mal.SHEETS:
        for column in sheet.columns:
            assert f"`{column.header}`" in docs, column.header
    for path in (folder / "introdesk-importmal.xlsx", folder / "deltakere.csv"):
        report = importering.import_file(session, path, dry_run=True)
        assert report.ok and report.rows_read >= 1, report.problems


# ----- every rule, at its row and column

BAD = [
    ("identitetsnummer", "12345", "5 siffer"),
    ("identitetsnummer", "01889003712", "kontrollsiffer"),
    ("fornavn", "", "Fornavn må fylles ut"),
    ("etternavn", "x" * 201, "for lang"),
    ("fodselsdato", "31.02.1990", "ikke en gyldig dato"),
    ("fodselsdato", "02.08.1990", "Stemmer ikke med identitetsnummeret"),
    ("kjonn", "X", "ikke en gyldig verdi"),
    ("kjonn", "", "Velg kjønn"),
    ("landbakgrunn", "Atlantis", "ikke en gyldig verdi"),
    ("lovverk", "", "Velg lovverk"),
    ("bosettingsdato", "i fjor", "dd.mm.åååå"),
    ("programstart", "01.03.2025", "før bosettingen"),
    ("programstart", "2025-13-01", "ikke en gyldig dato"),
    ("avslutningsdato", "01.04.2025", "ligger etter denne sluttdatoen"),
    ("avslutningstype", "ferdig", "ikke en gyldig verdi"),
    ("sluttarsak", "atferd", "kan ikke brukes"),
    ("oppholdsgrunnlag", "flyktnig", "ikke en gyldig verdi"),
    ("oppholdstillatelse_dato", "01.01.2099", "fram i tid"),
    ("tolk_behov", "kanskje", "ja eller nei"),
    ("telefon", "12", "8–15 siffer"),
    ("epost", "amal(at)example", "gyldig e-postadresse"),
    ("postnummer", "12345", "4 siffer"),
    ("skolear", "40", "fra 0 til 30"),
    ("barn_under_18", "to", "fra 0 til 20"),
    ("vgs_fullfort", "kanskje", "ja eller nei"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD, ids=[f"{c}={v[:12]}" for c, v, _ in BAD])
def test_every_rule_rejects_its_bad_value_at_the_right_row_and_column(session, tmp_path, column, value, message):
    bad = {**YONAS, column: value}
    path = write_csv(tmp_path / "deltakere.csv", [AMAL, bad], HEADERS + [column] * (column not in HEADERS))
    before = audit_rows(session)
    report = importering.import_file(session, path)
    assert [(p.row, p.column) for p in report.problems] == [(3, column)], report.problems
    assert message in report.problems[0].message and report.problems[0].value == value
    assert audit_rows(session) == before and deltakere.list_deltakere(session) == []


def test_an_end_needs_its_type_and_a_permanent_stop_its_decision_date(session, tmp_path):
    rows = [{**YONAS, "avslutningstype": "", "sluttarsak": ""},
            {**AMAL, "avslutningsdato": "01.03.2026", "avslutningstype": "Vedtak om permanent stans",
             "sluttarsak": "atferd"}]
    report = importering.import_file(session, write_csv(tmp_path / "d.csv", rows), dry_run=True)
    assert {(p.row, p.column, p.message) for p in report.problems} == {
        (2, "avslutningstype", "Velg utgang."), (2, "sluttarsak", "Velg sluttårsak."),
        (3, "avslutning_vedtaksdato", "Permanent stans er et vedtak: fyll ut vedtaksdatoen.")}


def test_a_residence_ground_must_belong_to_the_legal_regime(session, tmp_path):
    row = {**AMAL, "lovverk": "kap6a", "oppholdsgrunnlag": "Flyktning (utlendingsloven § 28)"}
    report = importering.import_file(session, write_csv(tmp_path / "d.csv", [row]), dry_run=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (2, "oppholdsgrunnlag", "Flyktning (utlendingsloven § 28)")]
    assert "brukes ikke under det valgte lovverket" in report.problems[0].message


def test_the_same_person_twice_and_an_event_for_nobody(session, tmp_path):
    path = write_csv(tmp_path / "deltakere.csv", [AMAL, YONAS, {**AMAL, "fornavn": "Amaal"}])
    report = importering.import_file(session, path, dry_run=True)
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (4, "identitetsnummer", "Samme identitetsnummer står også i rad 2.")]
    leave = write_csv(tmp_path / "permisjoner.csv", [{"identitetsnummer": "17059012436", "fra": "01.09.2025",
                                                      "til": "10.09.2025", "vedtaksdato": "20.08.2025",
                                                      "grunn": "velferd"}])
    report = importering.import_file(session, leave, dry_run=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "identitetsnummer")]
    assert "Ingen deltaker" in report.problems[0].message


def test_a_file_with_one_bad_row_imports_nothing(session, tmp_path):
    rows = [AMAL, YONAS] + [{**AMAL, "identitetsnummer": "", "fornavn": f"P{n}"} for n in range(1)]
    report = importering.import_file(session, write_csv(tmp_path / "deltakere.csv", rows))
    assert not report.ok and report.kjoring_id is None and report.backup is None
    assert deltakere.list_deltakere(session) == [] and importering.last_run(session) is None


# ----- what an import writes

def test_codes_as_labels_and_header_variants(session, tmp_path):
    headers = ["Identitets-nummer", "FORNAVN", "Etter navn", "Fødselsdato", "Kjønn", "land_bakgrunn", "Lovverk",
               "Bosettings dato", "Program start", "Avslutnings dato", "Avslutningstype", "Sluttaarsak"]
    row = ["17059012436", "Yonas", "Tesfaye", "", " kvinne ", "eritrea", "Integreringsloven", "2025-03-15",
           "01.05.2025", "02.03.2026", "Avsluttet (fullført)", "arbeid, 30 timer eller mer per uke"]
    path = tmp_path / "Deltakere.csv"
    path.write_text(";".join(headers) + "\n" + ";".join(row) + "\n", encoding="utf-8")
    report = importering.import_file(session, path)
    assert report.ok, report.problems
    [person] = deltakere.list_deltakere(session)
    d = deltakere.get_deltaker(session, person.id).deltaker
    assert (d.kjonn, d.landbakgrunn, d.lovverk, d.bosatt_dato.isoformat()) == ("K", "ER", "integreringsloven",
                                                                              "2025-03-15")
    end = [h for h in program.hendelser(session, person.id) if h.type == "avslutning"][0]
    assert (end.utgang, end.sluttarsak) == ("avsluttet", "arbeid_30")
    assert mal.column_key("Foedsels dato") == mal.column_key("fødselsdato") == "fodselsdato"


def test_an_existing_participant_is_updated_never_duplicated_and_the_history_says_import(session, tmp_path):
    first = importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL, YONAS]))
    assert (first.deltakere.nye, first.hendelser.nye) == (2, 3)
    changed = [{**AMAL, "etternavn": "Haddad-Nour"}, {**YONAS, "sluttarsak": "arbeid_under_30"}]
    report = importering.import_file(session, write_csv(tmp_path / "deltakere.csv", changed))
    assert (report.deltakere.nye, report.deltakere.endret, report.deltakere.uendret) == (0, 1, 1)
    assert (report.hendelser.nye, report.hendelser.endret, report.hendelser.uendret) == (0, 1, 2)
    rows = {r.fornavn: r for r in deltakere.list_deltakere(session)}
    assert len(rows) == 2 and rows["Amal"].etternavn == "Haddad-Nour"
    latest = deltakere.history(session, rows["Amal"].id)[0]
    assert latest.source == "import" and latest.changes == {"etternavn": ["Haddad", "Haddad-Nour"]}
    ends = [h for h in program.hendelser(session, rows["Yonas"].id) if h.type == "avslutning"]
    assert [h.sluttarsak for h in ends] == ["arbeid_under_30"]


def test_columns_the_file_leaves_out_keep_their_values(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "d.csv", [{**AMAL, "telefon": "400 12 345"}]))
    slim = {k: AMAL[k] for k in ("identitetsnummer", "fornavn", "etternavn", "kjonn", "lovverk")}
    report = importering.import_file(session, write_csv(tmp_path / "d.csv", [{**slim, "fornavn": "Amala"}]))
    assert report.deltakere.endret == 1 and report.hendelser.nye == 0
    [row] = deltakere.list_deltakere(session)
    d = deltakere.get_deltaker(session, row.id).deltaker
    assert (d.fornavn, d.telefon, d.bosatt_dato.isoformat()) == ("Amala", "400 12 345", "2025-03-15")


def test_reimport_is_idempotent(session, tmp_path):
    path = write_csv(tmp_path / "deltakere.csv", [AMAL, YONAS])
    importering.import_file(session, path)
    before, backups = audit_rows(session), len(list(session.backup_dir.iterdir()))
    report = importering.import_file(session, path)
    assert report.ok and report.changes == 0 and report.kjoring_id is None
    assert (report.deltakere.uendret, report.hendelser.uendret) == (2, 3)
    assert audit_rows(session) == before and len(list(session.backup_dir.iterdir())) == backups


def test_leave_end_goal_and_other_events_from_their_sheets(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    sheets = {
        "permisjoner": [{"identitetsnummer": AMAL["identitetsnummer"], "fra": "01.09.2025", "til": "10.09.2025",
                         "vedtaksdato": "25.08.2025", "grunn": "Tungtveiende velferdsgrunner", "med_stonad": "ja"}],
        "sluttmal": [{"identitetsnummer": AMAL["identitetsnummer"], "dato": "01.05.2025",
                      "sluttmalgruppe": "vgs_eller_mer", "sluttmal": "Sykepleier"}],
        "hendelser": [{"identitetsnummer": AMAL["identitetsnummer"], "hendelse": "Kompetansekartlegging gjennomført",
                       "dato": "20.03.2025"}],
    }
    for name, rows in sheets.items():
        report = importering.import_file(session, write_csv(tmp_path / f"{name}.csv", rows))
        assert report.ok and report.hendelser.nye == 1, (name, report.problems)
    [row] = deltakere.list_deltakere(session)
    kinds = {h.type: h for h in program.hendelser(session, row.id)}
    assert set(kinds) == {"start", "permisjon", "sluttmal", "kartlegging"}
    assert kinds["permisjon"].grunn == "velferd" and kinds["permisjon"].med_stonad
    overlapping = [{**sheets["permisjoner"][0], "fra": "05.09.2025", "til": "12.09.2025"}]
    report = importering.import_file(session, write_csv(tmp_path / "permisjoner.csv", overlapping), dry_run=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "fra")] and "Overlapper" in report.problems[0].message
    wrong_place = [{"identitetsnummer": AMAL["identitetsnummer"], "hendelse": "start", "dato": "01.05.2025"}]
    report = importering.import_file(session, write_csv(tmp_path / "hendelser.csv", wrong_place), dry_run=True)
    assert [(p.column, p.message) for p in report.problems] == [
        ("hendelse", "«Programstart» føres i kolonnen programstart på arket deltakere.")]


def test_a_backup_is_taken_before_an_import_that_writes(session, tmp_path):
    report = importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    assert report.backup.exists() and "for-import" in report.backup.name


def test_a_stop_half_way_writes_nothing(session, tmp_path, monkeypatch):
    monkeypatch.setattr(importering, "_STEP", 1)
    path = write_csv(tmp_path / "deltakere.csv", [AMAL, YONAS])
    with pytest.raises(Avbrutt):
        importering.import_file(session, path, progress=lambda done, total, what: what != "Skriver hendelser")
    assert deltakere.list_deltakere(session) == [] and importering.last_run(session) is None


# ----- undo

def test_undo_removes_what_the_import_created_and_puts_back_what_it_changed(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    snapshot_before = snapshot(session)
    report = importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [
        {**AMAL, "etternavn": "Nour", "avslutningsdato": "01.03.2026", "avslutningstype": "avbrutt",
         "sluttarsak": "flyttet"}, YONAS]))
    assert report.kjoring_id is not None
    run = importering.undo_last(session)
    assert run.id == report.kjoring_id and run.filnavn == "deltakere.csv"
    assert snapshot(session) == snapshot_before
    [row] = deltakere.list_deltakere(session)
    assert deltakere.history(session, row.id)[0].changes == {"etternavn": ["Nour", "Haddad"]}
    with pytest.raises(FieldErrors, match="allerede angret. Bare den siste importen kan angres"):
        importering.undo_last(session)
    assert importering.last_run(session) is None


def test_undo_of_the_only_import_leaves_an_empty_register(session, tmp_path):
    with pytest.raises(FieldErrors, match="ingen import å angre"):
        importering.undo_last(session)
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL, YONAS]))
    importering.undo_last(session)
    assert deltakere.list_deltakere(session) == [] and hendelse_repo.all_living(session.db) == {}
    assert importering.import_file(session, tmp_path / "deltakere.csv").deltakere.nye == 2  # and in again


def test_undo_is_refused_when_a_record_was_changed_after_the_import(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL, YONAS]))
    yonas = next(r for r in deltakere.list_deltakere(session) if r.fornavn == "Yonas")
    program.save_hendelse(session, yonas.id, {"type": "kartlegging", "dato": "01.04.2025"})
    with pytest.raises(FieldErrors) as refused:
        importering.undo_last(session)
    assert "kan ikke angres: Yonas Tesfaye er endret etter importen" in str(refused.value)
    assert len(deltakere.list_deltakere(session)) == 2


# ----- files that are not what they should be

def test_a_wrong_file_gets_a_norwegian_message_never_a_traceback(session, tmp_path):
    cases = {"liste.pdf": b"%PDF-1.4", "ark.xlsx": b"not a zip at all", "tom.csv": b"", "halv.xlsx": b"PK\x03\x04"}
    messages = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        report = importering.import_file(session, tmp_path / name)
        assert not report.ok and report.problems[0].row == 0
        messages[name] = report.problems[0].message
    report = importering.import_file(session, tmp_path / "borte.xlsx")
    assert "Finner ikke filen" in report.problems[0].message
    assert "CSV-fil" in messages["liste.pdf"] and "tom" in messages["tom.csv"]
    assert "Kan ikke lese ark.xlsx som regneark" in messages["ark.xlsx"]


def test_a_register_kept_by_hand_is_mapped_column_by_column_and_the_mapping_remembered(session, tmp_path):
    headers = ["Fødselsnr", "Fornavn", "Etternavn", "Kjønn", "Lov", "Bosatt", "Kommentar"]
    path = tmp_path / "mitt register.csv"
    path.write_text(";".join(headers) + "\n01889003711;Amal;Haddad;Kvinne;integreringsloven;15.03.2025;ok\n",
                    encoding="utf-8")
    innlest = importering.read(path)
    assert importering.needs_mapping(innlest)
    mapping = importering.suggested_mapping(session, innlest.participants.headers)
    assert mapping == {0: "", 1: "fornavn", 2: "etternavn", 3: "kjonn", 4: "", 5: "", 6: ""}
    report = importering.check(session, innlest, mapping)
    assert [p.column for p in report.problems] == ["identitetsnummer", "lovverk"]
    mapping.update({0: "identitetsnummer", 4: "lovverk", 5: "bosettingsdato"})
    importering.save_mapping(session, headers, mapping)
    assert importering.suggested_mapping(session, headers) == mapping
    report = importering.import_file(session, path)  # the saved mapping, as the command line uses it
    assert report.ok and report.deltakere.nye == 1, report.problems


# ----- random bad cells


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from([c.header for c in mal.DELTAKERE.columns]),
       text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=";\n\r\"'"),
                    max_size=30))
def test_random_bad_cells_never_crash_the_import_and_never_write(session, tmp_path, column, text):
    path = write_csv(tmp_path / "deltakere.csv", [AMAL, {**YONAS, column: text}],
                     HEADERS + [column] * (column not in HEADERS))
    before = audit_rows(session)
    report = importering.import_file(session, path)
    if report.ok:
        if report.kjoring_id is not None:
            importering.undo_last(session)
    else:
        assert audit_rows(session) == before and deltakere.list_deltakere(session) == []
        assert all(p.row in (2, 3) and p.message for p in report.problems)


OTHER_SHEETS = {
    "sluttmal": {"identitetsnummer": AMAL["identitetsnummer"], "dato": "01.05.2025", "sluttmalgruppe": "andre",
                 "sluttmal": "Arbeid"},
    "permisjoner": {"identitetsnummer": AMAL["identitetsnummer"], "fra": "01.09.2025", "til": "10.09.2025",
                    "vedtaksdato": "25.08.2025", "grunn": "velferd"},
    "hendelser": {"identitetsnummer": AMAL["identitetsnummer"], "hendelse": "kartlegging", "dato": "20.03.2025"},
    "arbeidsgivere": {"navn": "Fjordvik Bygg AS", "orgnr": "983887457"},
    "praksis": {"identitetsnummer": AMAL["identitetsnummer"], "arbeidsgiver": "974760673", "type": "sprakpraksis",
                "fra": "01.10.2025", "til": "19.12.2025", "timer_per_uke": "15", "dager": "tir–tor"},
    "planer": {"identitetsnummer": AMAL["identitetsnummer"], "dato": "20.05.2025", "sluttmal": "Sykepleier"},
    "elementer": {"identitetsnummer": AMAL["identitetsnummer"], "plan_dato": "20.05.2025", "type": "norsk",
                  "fra": "01.06.2025", "til": "19.12.2025", "timer_per_uke": "15"},
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=st.sampled_from([(s.name, c.header) for s in mal.SHEETS[1:] for c in s.columns]),
       text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=";\n\r\"'"),
                    max_size=30))
def test_random_bad_cells_on_the_other_sheets_never_crash_and_never_write(session, tmp_path, cell, text):
    if not deltakere.list_deltakere(session):
        importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
        importering.import_file(session, write_csv(tmp_path / "arbeidsgivere.csv", [EMPLOYER]))
        importering.import_file(session, write_csv(tmp_path / "planer.csv", [OTHER_SHEETS["planer"]]))
    sheet, column = cell
    path = write_csv(tmp_path / f"{sheet}.csv", [{**OTHER_SHEETS[sheet], column: text}],
                     list(OTHER_SHEETS[sheet]) + [column] * (column not in OTHER_SHEETS[sheet]))
    before = audit_rows(session)
    report = importering.import_file(session, path)
    if not report.ok:
        assert audit_rows(session) == before
        assert all(p.row == 2 and p.message for p in report.problems)
    elif report.kjoring_id is not None:
        importering.undo_last(session)


# ----- the command line

def test_the_command_line_checks_imports_and_undoes(capsys, monkeypatch, data_dir, tmp_path):
    from introdesk.cli import main
    from introdesk.services.session import create_store

    create_store(data_dir, "riktig hest batteri stift").close()
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "riktig hest batteri stift")
    bad = write_csv(tmp_path / "feil.csv", [AMAL, {**YONAS, "kjonn": "X"}])
    assert main(["import", str(bad), "--dry-run", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["problemer"] == [{"ark": "", "rad": 3, "kolonne": "kjonn", "verdi": "X",
                                 "melding": "«X» er ikke en gyldig verdi for kjønn."}]
    good = write_csv(tmp_path / "deltakere.csv", [AMAL, YONAS])
    assert main(["import", str(good), "--dry-run"]) == 0
    assert "Deltakere: 2 nye" in capsys.readouterr().out
    assert main(["import", str(good)]) == 0
    assert "Angre med" in capsys.readouterr().out
    assert main(["import", str(good)]) == 0
    assert "Ingenting å endre" in capsys.readouterr().out
    assert main(["import", "--angre"]) == 0
    assert "er angret" in capsys.readouterr().out
    assert main(["import", str(tmp_path / "borte.xlsx"), "--json"]) == 1
    assert "Finner ikke filen" in json.loads(capsys.readouterr().out)["problemer"][0]["melding"]


def test_an_excel_workbook_with_date_cells_numbers_and_a_sheet_of_its_own(session, tmp_path):
    import datetime

    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Ark1"  # a first sheet by another name holds the participants
    first.append(["Identitetsnummer", "Fornavn", "Etternavn", "Kjønn", "Lovverk", "Bosettingsdato", "Programstart",
                  "Skoleår", "Tolk behov", "Tolkespråk", "Postnummer"])
    first.append([1889003711, "Amal", "Haddad", "Kvinne", "Integreringsloven", datetime.date(2025, 3, 15),
                  datetime.datetime(2025, 5, 1), 12, True, "Arabisk", 9990])
    leave = book.create_sheet("Permisjoner")
    leave.append(["identitetsnummer", "fra", "til", "vedtaksdato", "grunn", "med stønad"])
    leave.append(["01889003711", datetime.date(2025, 9, 1), datetime.date(2025, 9, 10), datetime.date(2025, 8, 25),
                  "velferd", False])
    book.create_sheet("Notater").append(["hva som helst"])
    book.save(tmp_path / "register.xlsx")
    innlest = importering.read(tmp_path / "register.xlsx")
    assert innlest.ignored == ["Notater"] and not importering.needs_mapping(innlest)
    report = importering.import_file(session, tmp_path / "register.xlsx")
    assert report.ok and (report.deltakere.nye, report.hendelser.nye) == (1, 2), report.problems
    [row] = deltakere.list_deltakere(session)
    d = deltakere.get_deltaker(session, row.id).deltaker
    assert (d.ident, d.skolear, d.tolk_behov, d.postnummer, d.fodselsdato.isoformat()) == (
        "01889003711", 12, True, "9990", "1990-08-01")
    leave_event = [h for h in program.hendelser(session, row.id) if h.type == "permisjon"][0]
    assert (leave_event.dato.isoformat(), leave_event.med_stonad) == ("2025-09-01", False)


# ----- employers and placements

EMPLOYER = {"navn": "Fjordvik sjukeheim", "orgnr": "974 760 673", "sektor": "Kommunal", "poststed": "Fjordvik"}
PLACEMENT = {"identitetsnummer": AMAL["identitetsnummer"], "arbeidsgiver": "974760673", "type": "Språkpraksis",
             "fra": "01.10.2025", "til": "19.12.2025", "timer_per_uke": "15", "dager": "tir–tor",
             "oppfolger": "Lærer", "oppfolger_navn": "Eva Lærer"}


def test_employers_and_placements_from_their_sheets(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    report = importering.import_file(session, write_csv(tmp_path / "arbeidsgivere.csv", [
        EMPLOYER, {"navn": "Fjordvik Bygg AS", "sektor": "privat"}]))
    assert report.ok and report.arbeidsgivere.nye == 2, report.problems
    by_name = {**PLACEMENT, "arbeidsgiver": "fjordvik bygg as", "fra": "05.01.2026", "til": "27.02.2026",
               "dager": "man, fre", "oppfolger": "", "oppfolger_navn": ""}
    report = importering.import_file(session, write_csv(tmp_path / "praksis.csv", [PLACEMENT, by_name]))
    assert report.ok and report.praksis.nye == 2, report.problems
    placements = sorted(praksis_repo.placements(session.db), key=lambda p: p.fra)
    assert [(p.type, p.dager, p.oppfolger, str(p.timer_per_uke)) for p in placements] == [
        ("sprakpraksis", (1, 2, 3), "larer", "15.00"), ("sprakpraksis", (0, 4), "radgiver", "15.00")]
    again = importering.import_file(session, write_csv(tmp_path / "praksis.csv", [
        PLACEMENT, {**by_name, "til": "06.03.2026"}]))
    assert (again.praksis.nye, again.praksis.endret, again.praksis.uendret) == (0, 1, 1)
    assert len(praksis_repo.placements(session.db)) == 2


def test_placement_problems_at_their_columns(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    importering.import_file(session, write_csv(tmp_path / "arbeidsgivere.csv", [EMPLOYER]))
    rows = [{**PLACEMENT, "arbeidsgiver": "Ukjent AS"}, {**PLACEMENT, "dager": "hver dag"},
            {**PLACEMENT, "oppfolger_navn": ""}, {**PLACEMENT, "til": "01.09.2025"},
            {**PLACEMENT, "timer_per_uke": "tre"}, {**PLACEMENT, "utfall": "kanskje"}]
    report = importering.import_file(session, write_csv(tmp_path / "praksis.csv", rows), dry_run=True)
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "arbeidsgiver"), (3, "dager"), (4, "oppfolger_navn"), (5, "til"), (6, "timer_per_uke"), (7, "utfall")]
    assert "Finner ikke arbeidsgiveren" in report.problems[0].message
    twice = importering.import_file(session, write_csv(tmp_path / "arbeidsgivere.csv", [
        EMPLOYER, {**EMPLOYER, "navn": "Sjukeheimen"}]), dry_run=True)
    assert [(p.row, p.column, p.message) for p in twice.problems] == [
        (3, "orgnr", "Samme arbeidsgiver står også i rad 2.")]


def test_undo_is_refused_when_an_imported_employer_got_a_placement_by_hand(session, tmp_path):
    from introdesk.services import praksis

    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    importering.import_file(session, write_csv(tmp_path / "arbeidsgivere.csv", [EMPLOYER]))
    [row] = deltakere.list_deltakere(session)
    [employer] = praksis_repo.employers(session.db)
    praksis.save_placement(session, row.id, {"arbeidsgiver_id": employer.id, "type": "sprakpraksis",
                                             "fra": "01.10.2025", "til": "19.12.2025", "timer_per_uke": "15",
                                             "dager": [1, 2]})
    with pytest.raises(FieldErrors, match="arbeidsgiveren Fjordvik sjukeheim er endret etter importen"):
        importering.undo_last(session)


# ----- integration plans

PLAN = {"identitetsnummer": AMAL["identitetsnummer"], "dato": "20.05.2025", "sluttmal": "Sykepleier",
        "kontrakt_signert": "20.05.2025"}
ELEMENT = {"identitetsnummer": AMAL["identitetsnummer"], "plan_dato": "20.05.2025", "type": "Opplæring i norsk",
           "fra": "01.06.2025", "til": "19.12.2025", "timer_per_uke": "15"}


def test_plan_versions_and_their_elements(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    importering.import_file(session, write_csv(tmp_path / "planer.csv", [PLAN]))
    report = importering.import_file(session, write_csv(tmp_path / "elementer.csv", [
        ELEMENT, {**ELEMENT, "type": "samfunnskunnskap", "timer_per_uke": "2,5", "dager": "fre"}]))
    assert report.ok and (report.elementer.nye, report.planer.endret) == (2, 1), report.problems
    [row] = deltakere.list_deltakere(session)
    [version] = plan_repo.versions(session.db, row.id)
    assert [(e.type, str(e.timer_per_uke), e.dager) for e in version.elementer] == [
        ("norsk", "15.00", (0, 1, 2, 3, 4)), ("samfunnskunnskap", "2.50", (4,))]
    second = importering.import_file(session, write_csv(tmp_path / "planer.csv", [
        PLAN, {**PLAN, "dato": "01.09.2025", "gjennomganger": "01.10.2025"}]))
    assert (second.planer.nye, second.planer.uendret, second.elementer.nye) == (1, 1, 2)  # the elements carried over
    versions = plan_repo.versions(session.db, row.id)
    assert [(v.versjon, v.gjennomganger) for v in versions] == [(1, ()), (2, (datetime.date(2025, 10, 1),))]
    assert [e.nokkel for e in versions[1].elementer] == [e.nokkel for e in versions[0].elementer]
    again = importering.import_file(session, write_csv(tmp_path / "planer.csv", [
        PLAN, {**PLAN, "dato": "01.09.2025", "gjennomganger": "01.10.2025"}]))
    assert again.changes == 0


def test_plan_rules_at_their_columns(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    importering.import_file(session, write_csv(tmp_path / "planer.csv", [PLAN, {**PLAN, "dato": "01.09.2025"}]))
    report = importering.import_file(session, write_csv(tmp_path / "planer.csv", [
        {**PLAN, "sluttmal": "Lærer"}, {**PLAN, "dato": "15.08.2025"}]), dry_run=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "dato"), (3, "dato")]
    assert "erstattet av versjon 2" in report.problems[0].message
    assert "ble sist laget eller gjennomgått 01.09.2025" in report.problems[1].message
    report = importering.import_file(session, write_csv(tmp_path / "elementer.csv", [
        {**ELEMENT, "plan_dato": "02.02.2025"}, {**ELEMENT, "plan_dato": "01.09.2025", "type": "golf"},
        {**ELEMENT, "plan_dato": "01.09.2025", "til": "01.01.2025"}]), dry_run=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "plan_dato"), (3, "type"), (4, "til")]


def test_undo_removes_imported_plans(session, tmp_path):
    importering.import_file(session, write_csv(tmp_path / "deltakere.csv", [AMAL]))
    importering.import_file(session, write_csv(tmp_path / "planer.csv", [PLAN]))
    importering.import_file(session, write_csv(tmp_path / "elementer.csv", [ELEMENT]))
    [row] = deltakere.list_deltakere(session)
    importering.undo_last(session)
    assert plan_repo.versions(session.db, row.id)[0].elementer == ()


# ----- the spreadsheets advisers really keep


def test_two_columns_with_the_same_header_are_mapped_by_their_place(session, tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Fnr;Fornavn;Etternavn;Kjønn;Lov;Dato;Dato\n"
                    "01889003711;Amal;Haddad;K;integreringsloven;15.03.2025;01.05.2025\n", encoding="utf-8")
    innlest = importering.read(path)
    mapping = {0: "identitetsnummer", 1: "fornavn", 2: "etternavn", 3: "kjonn", 4: "lovverk", 5: "bosettingsdato",
               6: "programstart"}
    report = importering.run(session, innlest, mapping)
    assert report.ok, report.problems
    (row,) = deltakere.list_deltakere(session)
    assert deltakere.get_deltaker(session, row.id).deltaker.bosatt_dato == datetime.date(2025, 3, 15)
    assert [e.dato for e in program.hendelser(session, row.id) if e.type == "start"] == [datetime.date(2025, 5, 1)]
    importering.save_mapping(session, innlest.participants.headers, mapping)
    assert importering.suggested_mapping(session, innlest.participants.headers) == mapping


def test_a_saved_mapping_does_not_touch_a_file_with_the_templates_headers(session, tmp_path):
    own = tmp_path / "eget.csv"
    own.write_text("Fnr;Fornavn;Etternavn;Kjønn;Lov;telefon\n", encoding="utf-8")
    headers = importering.read(own).participants.headers
    importering.save_mapping(session, headers, {0: "identitetsnummer", 1: "fornavn", 2: "etternavn", 3: "kjonn",
                                                4: "lovverk", 5: importering.IGNORE})
    template = write_csv(tmp_path / "mal.csv", [{**AMAL, "telefon": "400 00 000"}])
    assert importering.import_file(session, template).ok
    (row,) = deltakere.list_deltakere(session)
    assert deltakere.get_deltaker(session, row.id).deltaker.telefon == "400 00 000"


def test_excel_cells_as_excel_leaves_them(session, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    guide = book.active
    guide.title = "Veiledning"  # a first sheet of instructions: the sheet named deltakere holds them
    guide.append(["Slik fyller du ut arket"])
    ws = book.create_sheet("deltakere")
    ws.append([*HEADERS, "postnummer"])
    ws.append([*(AMAL[h] for h in HEADERS), 150])
    ws.append([*(YONAS[h] for h in HEADERS), 150])
    ws["F3"] = "#N/A"
    ws["F3"].data_type = "e"  # a VLOOKUP that found nothing
    ws["H2"] = datetime.datetime(2025, 3, 15, 10, 30)  # a date cell with a time of day
    ws["L3"] = "Ordinær utdanning - høyere utdanning"  # typed with a hyphen, the list has an en dash
    book.save(tmp_path / "register.xlsx")
    report = importering.import_file(session, tmp_path / "register.xlsx", dry_run=True)
    assert [(p.row, p.column, p.value) for p in report.problems] == [(3, "landbakgrunn", "#N/A")]
    assert "feil fra Excel" in report.problems[0].message
    ws["F3"] = "ER"
    book.save(tmp_path / "register.xlsx")
    report = importering.import_file(session, tmp_path / "register.xlsx")
    assert report.ok, report.problems
    people = {r.fornavn: deltakere.get_deltaker(session, r.id).deltaker for r in deltakere.list_deltakere(session)}
    assert people["Amal"].bosatt_dato == datetime.date(2025, 3, 15) and people["Amal"].postnummer == "0150"
    yonas = next(r.id for r in deltakere.list_deltakere(session) if r.fornavn == "Yonas")
    assert [e.sluttarsak for e in program.hendelser(session, yonas) if e.type == "avslutning"] == ["hoyere_utdanning"]


def test_an_identity_number_excel_wrote_as_1e10_is_explained(session, tmp_path):
    path = write_csv(tmp_path / "r.csv", [{**AMAL, "identitetsnummer": "1,88900E+10"}])
    (problem,) = importering.import_file(session, path, dry_run=True).problems
    assert problem.column == "identitetsnummer" and "Formater kolonnen som tekst" in problem.message


@pytest.mark.parametrize("encoding, separator, newline", [("utf-16", "\t", "\r\n"), ("utf-8", ";", "\r"),
                                                          ("cp1252", ";", "\r\n")])
def test_csv_as_excel_saves_it_on_windows_and_mac(session, tmp_path, encoding, separator, newline):
    path = tmp_path / "liste.txt"
    rows = [HEADERS, [AMAL[h] for h in HEADERS], [YONAS[h] for h in HEADERS]]
    path.write_bytes(newline.join(separator.join(r) for r in rows).encode(encoding))
    report = importering.import_file(session, path)
    assert report.ok and report.deltakere.nye == 2, report.problems


def test_the_dry_run_says_what_an_update_overwrites(session, tmp_path):
    assert importering.import_file(session, write_csv(tmp_path / "a.csv", [{**AMAL, "telefon": "400 00 000"}])).ok
    again = write_csv(tmp_path / "b.csv", [{**AMAL, "telefon": "", "bosettingsdato": "16.03.2025"}])
    report = importering.import_file(session, again, dry_run=True)
    assert report.ok and report.deltakere.endret == 1
    assert {(e.row, e.deltaker, e.felt, e.for_, e.etter) for e in report.endringer} == {
        (2, "Amal Haddad", "Telefon", "400 00 000", "(tom)"),
        (2, "Amal Haddad", "Bosettingsdato", "15.03.2025", "16.03.2025")}
    assert report.as_json()["endringer"][0]["rad"] == 2


def test_a_whole_document_pasted_in_a_cell_is_reported_at_its_row_and_column(session, tmp_path):
    path = write_csv(tmp_path / "r.csv", [{**AMAL, "notat": "n" * 300_000}])
    (problem,) = importering.import_file(session, path, dry_run=True).problems
    assert (problem.row, problem.column) == (2, "notat") and "for lang" in problem.message
