"""`make bench`: start-up, filter-as-you-type, documents, placement lists, the NIR year file and the results
at 10 000 participants, each beside a bare baseline.

The figures that matter are the ratios; milliseconds depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import importering as import_bench  # an import of 10 000 from a spreadsheet, with its own data

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--deltakere", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from bench import documents, filtering, nir
    from bench.population import generate

    with tempfile.TemporaryDirectory(prefix="introdesk-bench-") as tmp:
        os.environ["INTRODESK_LOG_DIR"] = str(Path(tmp) / "logs")
        data_dir = Path(tmp) / "data"
        started = time.perf_counter()
        session = generate(data_dir, args.deltakere)
        generated = time.perf_counter() - started
        print(f"Genererte {args.deltakere} deltakere på {generated:.1f} s\n")

        results = import_bench.measure(args.deltakere)
        session.close()
        results.append(_startup(data_dir, args.runs))
        results += filtering.measure(data_dir)
        results += documents.measure(data_dir)
        results += nir.measure(data_dir)
    _report(results)


def _startup(data_dir: Path, runs: int):
    def once(*argv: str) -> float:
        launched = time.time()
        out = subprocess.run([sys.executable, "-m", "bench.startup", *argv], check=True, capture_output=True, text=True)
        return float(out.stdout.split()[-1]) - launched

    app = statistics.median(once("app", str(data_dir)) for _ in range(runs))
    bare = statistics.median(once("bare") for _ in range(runs))
    return ("Oppstart til interaktivt vindu (s)", app, bare)


def _report(results) -> None:
    width = max(len(name) for name, *_ in results)
    print(f"{'Måling':<{width}}  {'IntroDesk':>10}  {'Grunnlinje':>10}  {'Forhold':>8}")
    for name, value, baseline in results:
        print(f"{name:<{width}}  {value:>10.4f}  {baseline:>10.4f}  {value / baseline:>7.1f}x")


if __name__ == "__main__":
    main()
