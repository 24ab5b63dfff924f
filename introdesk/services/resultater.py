"""The municipality's results for a year (DOMAIN.md section 13), counted with pandas: the main indicator
with its breakdowns, the trend over the years in the register, the target, and the status one year
after. A group smaller than the rule's limit gets its counts and no share.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from introdesk.domain import resultater as rules_
from introdesk.domain.resultater import BREAKDOWNS
from introdesk.services import nir, settings
from introdesk.services.files import writing
from introdesk.services.session import Session


@dataclass(frozen=True)
class Andel:
    """A group's count: ended, how many in work or education, and the share (None in a small group)."""

    group: str
    ended: int
    in_work_or_education: int
    share: float | None

    @property
    def small(self) -> bool:
        return self.share is None and self.ended > 0

    def share_text(self) -> str:
        if self.ended == 0:
            return "–"
        return "for få til andel" if self.share is None else percent_text(self.share)


@dataclass(frozen=True)
class Resultater:
    year: int
    total: Andel
    breakdowns: dict[str, list[Andel]]  # field (BREAKDOWNS) -> groups in order
    trend: list[Andel]  # one per year with endings, the group being the year
    target: int  # per cent
    followup: Andel  # status one year after, of those who ended in the year and have it recorded
    followup_of: int  # how many ended in the year: followup.ended of them have a recorded status
    min_group: int

    @property
    def years(self) -> list[int]:
        """The years with endings in the register, and this one, newest first: the trend knows them."""
        return sorted({int(a.group) for a in self.trend} | {self.year}, reverse=True)

    def as_json(self) -> dict:
        def one(a: Andel) -> dict:
            return {k: v for k, v in asdict(a).items() if k != "group"}

        return {"year": self.year, **one(self.total), "target": self.target / 100, "min_group": self.min_group,
                "breakdowns": {field: [{"group": a.group, **one(a)} for a in groups]
                               for field, groups in self.breakdowns.items()},
                "trend": [{"year": int(a.group), **one(a)} for a in self.trend],
                "followup": {**one(self.followup), "of_ended": self.followup_of}}


def percent_text(share: float) -> str:
    return f"{round(share * 100):d} %"


def results(session: Session, year: int, today: datetime.date | None = None) -> Resultater:
    today = today or datetime.date.today()
    endings = rules_.endings(nir.saker(session, today, content=False), session.rules, today)
    frame = pd.DataFrame([asdict(e) for e in endings], columns=list(rules_.Avslutning.__dataclass_fields__))
    minimum = session.rules.value("resultater.min_gruppe", "integreringsloven", today)
    this_year = frame[frame["year"] == year]

    def andel(group: str, rows: pd.DataFrame, column: str = "resultat") -> Andel:
        ended, hits = len(rows), int(rows[column].sum())
        return Andel(group, ended, hits, hits / ended if ended >= minimum else None)

    breakdowns = {}
    for field in BREAKDOWNS:
        groups = {str(k): g for k, g in this_year.groupby(field)}
        breakdowns[field] = [andel(label, groups[label]) for label in rules_.group_order(field, list(groups))]
    trend = [andel(str(y), rows) for y, rows in frame.groupby("year")]
    measured = this_year[this_year["oppfolging"].notna()]
    return Resultater(year, andel(str(year), this_year), breakdowns, trend, settings.load(session).resultatmal,
                      andel(str(year), measured, "oppfolging_resultat"), len(this_year), minimum)


def tables(r: Resultater) -> list[tuple[str, pd.DataFrame]]:
    """The results as tables with Norwegian headings: the year, each breakdown, the trend. «Andel» is a
    fraction, empty for a group too small to show one."""
    note = f"Færre enn {r.min_group}: bare antall"

    def frame(heading: str, rows: list[Andel]) -> pd.DataFrame:
        return pd.DataFrame({heading: [a.group for a in rows], "Avsluttet": [a.ended for a in rows],
                             "I arbeid eller utdanning": [a.in_work_or_education for a in rows],
                             "Andel": [a.share for a in rows], "Merknad": [note if a.small else "" for a in rows]})

    out = [("Hovedtall", frame("År", [r.total])), ("Ett år etter", frame("År", [r.followup]))]
    out += [(heading, frame(heading, r.breakdowns[field])) for field, heading in BREAKDOWNS.items()]
    out.append(("Utvikling", frame("År", r.trend)))
    return out


def export_tables(session: Session, year: int, target: Path, today: datetime.date | None = None) -> Path:
    """The tables as an Excel workbook, one sheet each; FieldErrors at «fil» when it cannot be written."""
    from introdesk.reports.pdf import write_atomically

    def write(part: Path) -> None:
        with pd.ExcelWriter(part, engine="openpyxl") as book:
            for name, table in tables(results(session, year, today)):
                table.to_excel(book, sheet_name=name, index=False)
                sheet = book.sheets[name]
                for cell in sheet["D"][1:]:
                    cell.number_format = "0 %"
                for column, width in zip("ABCDE", (28, 11, 24, 8, 26)):
                    sheet.column_dimensions[column].width = width

    with writing(target):
        return write_atomically(Path(target), write)


def write_report(session: Session, year: int, target: Path, today: datetime.date | None = None) -> Path:
    """The results report for the municipal council as PDF."""
    from introdesk.reports.resultater_pdf import render_resultater  # ReportLab loads when a document is written
    from introdesk.services.files import write_bytes

    r = results(session, year, today)
    return write_bytes(target, render_resultater(r, tables(r), settings.load(session), session.rules))
