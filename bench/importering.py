"""Import from a spreadsheet at scale: a generated register in the import template (XLSX, one row per
participant, event, employer, placement, plan and element) imported into an empty store, then the same file again (every
row checked, nothing to write), then undone.

Baseline, measured in the same run: pandas reading the same workbook, and the same rows inserted with
plain INSERTs in one transaction into an empty encrypted store: no checks, no audit trail, no matching.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.importering [--deltakere 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

PASSPHRASE = "benk-import-passordfrase"


def measure(count: int) -> list[tuple[str, float, float]]:
    from introdesk.services import importering
    from introdesk.services.session import create_store

    with tempfile.TemporaryDirectory(prefix="introdesk-import-") as tmp:
        workbook = _workbook(Path(tmp) / "register.xlsx", count)
        target = create_store(Path(tmp) / "tom", PASSPHRASE, source="bench", check_strength=False)
        try:
            started = time.perf_counter()
            report = importering.import_file(target, workbook)
            first = time.perf_counter() - started
            assert report.ok and report.kjoring_id is not None, report.problems[:5]
            started = time.perf_counter()
            again = importering.import_file(target, workbook)
            second = time.perf_counter() - started
            assert again.ok and again.changes == 0
            started = time.perf_counter()
            importering.undo_last(target)
            undo = time.perf_counter() - started
        finally:
            target.close()
        bare = _bare(workbook, Path(tmp) / "bar")
    rows = sum(report.counts())
    return [
        (f"Import av {report.deltakere.nye} deltakere, {rows} poster i alt, fra XLSX (s)", first, bare),
        ("Samme fil på nytt, ingenting å endre (s)", second, bare),
        ("Angre importen (s)", undo, bare),
    ]


def _workbook(path: Path, count: int, seed: int = 2026) -> Path:
    """A register as a municipality would bring it: participants with start and (some) end, an end goal
    each, a plan with two elements, a leave for one in ten, a placement with one of the employers for three in
    ten; dates relative to today so every row is valid."""
    import datetime
    import random

    from bench.population import FAMILY, GIVEN, GROUNDS
    from introdesk.domain import importmal as mal
    from introdesk.domain.dates import format_date
    from introdesk.domain.ident import synthetic_number
    from introdesk.reports.importmal import write_workbook

    rng = random.Random(seed)
    today = datetime.date.today()
    rows: dict[str, list[list[str]]] = {s.name: [] for s in mal.SHEETS}
    employers = [f"Arbeidsgiver {n}" for n in range(max(1, count // 50))]
    rows["arbeidsgivere"] = [[name if c.header == "navn" else "privat" if c.header == "sektor" else ""
                              for c in mal.ARBEIDSGIVERE.columns] for name in employers]
    seen: set[str] = set()
    while len(seen) < count:
        birth = today - datetime.timedelta(days=rng.randint(18 * 365, 55 * 365))
        ident = synthetic_number(birth, "fnr", rng.randint(0, 499))
        if ident in seen:
            continue
        seen.add(ident)
        land, lovverk, grunnlag = rng.choice(GROUNDS)
        settled = today - datetime.timedelta(days=rng.randint(120, 1200))
        start = settled + datetime.timedelta(days=rng.randint(20, 80))
        ended = start + datetime.timedelta(days=rng.randint(300, 900))
        values = {"identitetsnummer": ident, "fornavn": rng.choice(GIVEN), "etternavn": rng.choice(FAMILY),
                  "kjonn": rng.choice("KM"), "landbakgrunn": land, "lovverk": lovverk, "oppholdsgrunnlag": grunnlag,
                  "bosettingsdato": format_date(settled), "programstart": format_date(start),
                  "skolear": str(rng.randint(0, 16)), "vgs_fullfort": rng.choice(["ja", "nei", ""]),
                  "telefon": f"4{rng.randint(1000000, 9999999)}", "postnummer": "9990", "poststed": "Fjordvik"}
        if ended < today:
            values.update(avslutningsdato=format_date(ended), avslutningstype="avsluttet", sluttarsak="arbeid_30")
        rows["deltakere"].append([values.get(c.header, "") for c in mal.DELTAKERE.columns])
        goal = {"identitetsnummer": ident, "dato": format_date(start),
                "sluttmalgruppe": "introloven" if lovverk == "introloven" else "andre", "sluttmal": "Arbeid"}
        rows["sluttmal"].append([goal.get(c.header, "") for c in mal.SLUTTMAL.columns])
        leave_from = start + datetime.timedelta(days=60)
        if rng.random() < 0.1 and leave_from + datetime.timedelta(days=9) < min(ended, today):
            leave = {"identitetsnummer": ident, "fra": format_date(leave_from),
                     "til": format_date(leave_from + datetime.timedelta(days=9)),
                     "vedtaksdato": format_date(leave_from - datetime.timedelta(days=5)), "grunn": "velferd"}
            rows["permisjoner"].append([leave.get(c.header, "") for c in mal.PERMISJONER.columns])
        plan_day = format_date(start + datetime.timedelta(days=14))
        if start + datetime.timedelta(days=14) <= today:
            rows["planer"].append([{"identitetsnummer": ident, "dato": plan_day, "sluttmal": "Arbeid"}.get(c.header, "")
                                   for c in mal.PLANER.columns])
            for kind, hours in (("norsk", "15"), ("samfunnskunnskap", "2,5")):
                element = {"identitetsnummer": ident, "plan_dato": plan_day, "type": kind, "fra": plan_day,
                           "til": format_date(start + datetime.timedelta(days=300)), "timer_per_uke": hours}
                rows["elementer"].append([element.get(c.header, "") for c in mal.ELEMENTER.columns])
        if rng.random() < 0.3:
            fra = start + datetime.timedelta(days=rng.randint(30, 200))
            placement = {"identitetsnummer": ident, "arbeidsgiver": rng.choice(employers), "type": "sprakpraksis",
                         "fra": format_date(fra), "til": format_date(fra + datetime.timedelta(days=69)),
                         "timer_per_uke": "15", "dager": "tir–tor"}
            rows["praksis"].append([placement.get(c.header, "") for c in mal.PRAKSIS.columns])
    return write_workbook(path, [(s.name, [c.header for c in s.columns], rows[s.name])
                                 for s in mal.SHEETS])


def _bare(workbook: Path, folder: Path) -> float:
    """pandas reads the sheets; every row goes into a plain table with one INSERT each, one transaction."""
    import pandas as pd

    from introdesk.store.connection import create_database

    started = time.perf_counter()
    sheets = pd.read_excel(workbook, sheet_name=None, dtype=str, keep_default_na=False, engine="calamine")
    folder.mkdir()
    db = create_database(folder / "bar.db", PASSPHRASE)
    try:
        with db.atomic():
            for name, frame in sheets.items():
                columns = ", ".join(f"c{i}" for i in range(len(frame.columns)))
                db.execute(f"CREATE TABLE t_{name} ({columns})")
                insert = f"INSERT INTO t_{name} VALUES ({', '.join('?' for _ in frame.columns)})"
                for row in frame.itertuples(index=False):
                    db.execute(insert, list(row))
    finally:
        db.close()
    return time.perf_counter() - started


def main() -> None:
    import os

    parser = argparse.ArgumentParser(prog="python -m bench.importering")
    parser.add_argument("--deltakere", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="introdesk-bench-") as tmp:
        os.environ["INTRODESK_LOG_DIR"] = str(Path(tmp) / "logs")
        for name, value, baseline in measure(args.deltakere):
            print(f"{name}: {value:.2f}  grunnlinje {baseline:.2f}  forhold {value / baseline:.1f}x")


if __name__ == "__main__":
    main()
