"""The yearly NIR file set: a golden copy for a fixed demo year, the JSON against its schema, the XLSX
through openpyxl, the documentation in step with the format, and the command.

tests/golden/nir-2025/ is the demo's 2025 as written on 24.11.2026. After a deliberate change of the
format or of the demo, look at the difference, then write it anew with

    INTRODESK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_nir_arsfil.py
"""

import csv
import datetime
import json
import os
import pathlib
from decimal import Decimal

import jsonschema
import pytest

from introdesk.cli import main
from introdesk.domain import nir_arsfil as spec
from introdesk.reports import nir_arsfil as writer
from introdesk.services import nir
from introdesk.services.demo import create_demo

TODAY = datetime.date(2026, 11, 24)
YEAR = 2025
GOLDEN = pathlib.Path(__file__).parent / "golden" / f"nir-{YEAR}"
DOCS = pathlib.Path(__file__).parent.parent / "docs"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The demo municipality as on TODAY, and its 2025 file set."""
    folder = tmp_path_factory.mktemp("nir")
    session = create_demo(folder / "demo", today=TODAY)
    try:
        arsfil, paths = nir.export(session, YEAR, folder / "out", TODAY)
    finally:
        session.close()
    return arsfil, paths


def test_the_file_set_matches_the_golden_copy(written):
    _, paths = written
    text_files = [p for p in paths if p.suffix in (".csv", ".json")]
    if os.environ.get("INTRODESK_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for p in text_files:
            (GOLDEN / p.name).write_bytes(p.read_bytes())
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(p.name for p in text_files), \
        "run with INTRODESK_UPDATE_GOLDEN=1 to write tests/golden/nir-2025/"
    for p in text_files:
        assert p.read_bytes() == (GOLDEN / p.name).read_bytes(), f"{p.name} changed: look, then update the golden copy"


def test_the_set_has_every_file_in_its_format(written):
    arsfil, paths = written
    assert [p.name for p in paths] == list(writer.file_names(YEAR))
    first = paths[2].read_bytes()
    assert first.startswith("\ufeff".encode()) and b"\r\n" in first  # BOM and CRLF for Excel
    with paths[2].open(encoding="utf-8-sig", newline="") as f:
        about = list(csv.DictReader(f, delimiter=";"))[0]
    assert about["formatversjon"] == spec.FORMATVERSJON and about["laget"] == "24.11.2026"
    assert about["komplett"] == ("ja" if arsfil.complete else "nei")


def test_the_json_validates_against_the_published_schema(written):
    _, paths = written
    schema = json.loads((DOCS / "nir-arsfil.schema.json").read_text(encoding="utf-8"))
    assert schema == writer.json_schema(), "docs/nir-arsfil.schema.json is behind the format: write it anew"
    document = json.loads(paths[1].read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    first = document["deltakere"][0]
    for wrong in ({"fodselsdato": "17.05.1990"}, {"identitetsnummer": "1705901243"}, {"identtype": "pass"},
                  {"fullfort_vgs": "ja"}, {"ukjent_kolonne": 1}):
        broken = {**document, "deltakere": [{**first, **wrong}]}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema, format_checker=jsonschema.FormatChecker())


def test_the_xlsx_round_trips_to_the_csv_values(written):
    from openpyxl import load_workbook

    arsfil, paths = written
    book = load_workbook(paths[0])
    assert book.sheetnames == [spec.OM_FILEN.navn, *(a.navn for a in spec.SHEETS)]
    for ark in spec.SHEETS:
        rows = list(book[ark.navn].values)
        assert list(rows[0]) == [f.navn for f in ark.columns()]
        assert len(rows) - 1 == len(arsfil.sheets[ark.navn])
        with (paths[0].parent / f"nir-{YEAR}-{ark.navn}.csv").open(encoding="utf-8-sig", newline="") as f:
            from_csv = list(csv.reader(f, delimiter=";"))[1:]
        for cells, line in zip(rows[1:], from_csv):
            assert [_same(c, text) for c, text in zip(cells, line)] == [True] * len(line), (cells, line)
    first = list(book[spec.OM_FILEN.navn].values)
    assert (first[1][0] == "UFULLSTENDIG") == (not arsfil.complete)  # under the header row


def _same(cell, text: str) -> bool:
    """An XLSX cell holds what the CSV says: dates as dates, numbers as numbers (4 and «4,0»)."""
    if cell is None:
        return text == ""
    if isinstance(cell, datetime.datetime):
        return cell.strftime("%d.%m.%Y") == text
    if isinstance(cell, (int, float)):
        return Decimal(str(cell)) == Decimal(text.replace(",", "."))
    return str(cell) == text


def test_the_demo_year_has_problems_and_is_marked_incomplete(written):
    arsfil, _ = written
    assert not arsfil.complete and arsfil.about["feil"] > 0
    problems = arsfil.sheets["mangler"]
    assert {p["kontroll"] for p in problems} >= {"mangler_karriereveiledning"}
    flagged = {p["deltaker_nr"] for p in problems if p["alvor"] == "feil"}
    assert {r["deltaker_nr"] for r in arsfil.sheets["deltakere"] if r["feil"]} == flagged


def test_every_column_is_documented():
    text = (DOCS / "nir-arsfil.md").read_text(encoding="utf-8")
    for ark in (spec.OM_FILEN, *spec.SHEETS):
        assert f"### `{ark.navn}`" in text
        for f in ark.felt:
            assert f"`{f.navn}`" in text, f"{ark.navn}.{f.navn} is missing in docs/nir-arsfil.md"


def test_the_commands_check_the_year_write_the_set_and_count_the_results(tmp_path, monkeypatch, capsys):
    assert main(["demo"]) == 0
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "demo-introdesk")
    capsys.readouterr()
    year = str(datetime.date.today().year)
    assert main(["nir", "--year", year, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["aar"] == int(year) and report["mangler"]
    assert {"deltaker_id", "alvor", "kontroll", "melding", "regel", "retting"} <= set(report["mangler"][0])
    assert main(["nir", "--year", year, "--out", str(tmp_path / "ut")]) == 0
    assert "ikke komplett" in capsys.readouterr().out
    assert (tmp_path / "ut" / f"nir-{year}.json").exists()
    assert main(["nir", "--year", "1999"]) == 1
    assert "1999" in capsys.readouterr().err
    assert main(["resultater", "--year", year, "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert {"ended", "in_work_or_education", "share", "breakdowns", "trend"} <= set(results)
    assert main(["resultater", "--year", year]) == 0
    assert "Alder ved avslutning" in capsys.readouterr().out


def test_a_text_that_looks_like_a_formula_stays_text_in_the_csv(tmp_path):
    from introdesk.reports import tabell

    target = tabell.write_csv(tmp_path / "x.csv", [tabell.Kolonne("etternavn")],
                              [['=HYPERLINK("http://x","klikk")'], ["-Ali"], ["Ålvik"]])
    assert target.read_text(encoding="utf-8-sig").splitlines()[1:] == [
        '"\'=HYPERLINK(""http://x"",""klikk"")"', "'-Ali", "Ålvik"]


def test_an_export_that_fails_leaves_the_last_set_as_it_was(demo_session, tmp_path):
    from introdesk.domain.form import FieldErrors

    _, paths = nir.export(demo_session, YEAR, tmp_path / "ut")
    before = {p.name: p.read_bytes() for p in paths}
    blocked = tmp_path / "ut" / f"nir-{YEAR}-klager.csv"
    blocked.unlink()
    blocked.mkdir()  # as a file held by another program: it cannot be replaced
    with pytest.raises(FieldErrors) as caught:
        nir.export(demo_session, YEAR, tmp_path / "ut")
    assert blocked.name in caught.value.errors["fil"]
    for p in paths:
        if p != blocked:
            assert p.read_bytes() == before[p.name]
    assert sorted(q.name for q in (tmp_path / "ut").iterdir()) == sorted(before)  # no half-written leftovers
