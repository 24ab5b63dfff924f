"""The NIR year and the results at scale: the year's file set (XLSX, CSV, JSON) with its completeness
check, and the results for a year, in a register of 10 000 participants.

Baselines, measured in the same run:
- Year file: the csv module writing as many plain rows as the file set has, with no rules and no lookups.
- Results: one SELECT of the endings and a pandas group-by on the end reason: the least the count costs.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

from bench.documents import _bare_csv, _median


def measure(data_dir: Path) -> list[tuple[str, float, float]]:
    import pandas as pd

    from bench.population import PASSPHRASE
    from introdesk.services import nir, resultater
    from introdesk.services.session import open_store

    session = open_store(data_dir, PASSPHRASE, source="bench")
    year = datetime.date.today().year
    try:
        with tempfile.TemporaryDirectory() as folder:
            export = _median(lambda: nir.export(session, year, Path(folder) / "nir"), runs=3)
            arsfil = nir.year_file(session, year)
            rows = sum(len(r) for r in arsfil.sheets.values())
            bare_export = _median(lambda: _bare_csv(Path(folder) / "b.csv", rows), runs=3)
            results = _median(lambda: resultater.results(session, year), runs=3)

            def bare_results():
                ended = pd.DataFrame(session.db.execute(
                    "SELECT substr(dato, 1, 4), sluttarsak FROM hendelse WHERE type = 'avslutning' AND slettet IS NULL"
                ).fetchall(), columns=["aar", "sluttarsak"])
                return ended.groupby(["aar", "sluttarsak"]).size()

            bare = _median(bare_results, runs=3)
            report = _median(lambda: resultater.write_report(session, year, Path(folder) / "r.pdf"), runs=3)
    finally:
        session.close()
    return [
        (f"NIR-årsfil {year}, {arsfil.about['deltakere']} deltakere, {rows} rader (s)", export, bare_export),
        (f"Resultater {year} med fordelinger (s)", results, bare),
        (f"Resultatrapport {year} som PDF (s)", report, bare),
    ]
