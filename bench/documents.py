"""Documents and lists at scale: the plan as PDF, and the placement list and overview, in a register
of 10 000 participants.

Baselines, measured in the same run:
- PDF: ReportLab's own SimpleDocTemplate writing a one-page table of the same rows with the built-in
  Helvetica, no font embedding, no lookups: the least a table in a PDF can cost.
- Placements: reading the same placement rows with one plain SELECT, no domain objects, no names.
- The benefit month and its payroll export: the csv module writing one plain row per participant with
  the same number of columns, with no rules, no rounding, no lookups.
"""

from __future__ import annotations

import datetime
import statistics
import tempfile
import time
from pathlib import Path

RUNS = 7


def measure(data_dir: Path) -> list[tuple[str, float, float]]:
    from bench.population import PASSPHRASE
    from introdesk.services import plan, praksis, program, stonad, stonad_dokumenter
    from introdesk.services.session import open_store

    session = open_store(data_dir, PASSPHRASE, source="bench")
    try:
        with_plan = session.db.execute("SELECT deltaker_id FROM plan WHERE slettet IS NULL LIMIT 1").fetchone()[0]
        elements = plan.current(session, with_plan).elementer
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "plan.pdf"
            pdf = _median(lambda: plan.write_pdf(session, with_plan, target))
            bare_pdf = _median(lambda: _bare_pdf(Path(folder) / "bare.pdf", len(elements)))
        listing = _median(lambda: praksis.placements(session))
        statuses = program.statuses(session)  # the window reads them once for the list, radar and overview
        overview = _median(lambda: praksis.overview(session, statuses=statuses))
        bare_rows = _median(lambda: session.db.execute("SELECT * FROM praksis WHERE slettet IS NULL").fetchall())
        open_month = datetime.date.today().replace(day=1)  # computed from the records, with last month's corrections
        basis = _median(lambda: stonad.month_basis(session, open_month), runs=3)
        rows = len(stonad.month_basis(session, open_month).rows)
        paid = open_month - datetime.timedelta(days=1)  # approved by the population
        with tempfile.TemporaryDirectory() as folder:
            export = _median(lambda: stonad_dokumenter.export_month(session, paid, Path(folder) / "l.csv"), runs=3)
            bare_export = _median(lambda: _bare_csv(Path(folder) / "b.csv", rows), runs=3)
    finally:
        session.close()
    return [
        ("Integreringsplan som PDF (ms)", pdf * 1000, bare_pdf * 1000),
        ("Praksisliste, alle (ms)", listing * 1000, bare_rows * 1000),
        ("Praksisoversikt (ms)", overview * 1000, bare_rows * 1000),
        (f"Stønadsgrunnlag, åpen måned, {rows} deltakere (ms)", basis * 1000, bare_export * 1000),
        ("Eksport til lønn, godkjent måned, CSV (ms)", export * 1000, bare_export * 1000),
    ]


def _median(work, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _bare_csv(target: Path, rows: int) -> None:
    import csv

    with target.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows([["01017012345", "Navn", "2026-05", 1, 2, 3, 4, 5, "nei"]] * rows)


def _bare_pdf(target: Path, rows: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    data = [["Element", "Tilbyder", "Periode", "Timer"]] + [["Norsk", "Skolen", "01.01–31.12", "15"]] * rows
    SimpleDocTemplate(str(target), pagesize=A4).build([Table(data)])
