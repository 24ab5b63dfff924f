"""The benefit's documents and files: the participant's statement for a month and the two letters on a
reduction for unauthorised absence (PDF), the approved month for payroll (XLSX or CSV), and a teacher's
attendance list read into the grid (CSV or XLSX). DOMAIN.md sections 8, 9 and 14; the formats are in
docs/stonad-eksport.md and docs/fravaer-import.md.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from introdesk.domain.dates import first_of_month, last_of_month, month_name, parse_date
from introdesk.domain.form import FieldErrors, whole_number
from introdesk.domain.fravaer import UGYLDIG, parse_cell
from introdesk.domain.importmal import cell_text, column_key, ident_digits
from introdesk.services import fravaer, settings, stonad
from introdesk.services.files import writing
from introdesk.services.regneark import Problem, TooManyFields, read_table
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo

LETTERS = ("forhandsvarsel", "vedtak")  # as introdesk.reports.stonad_pdf.KINDS, without loading ReportLab


# ----- the statement and the letters

def write_statement(session: Session, deltaker_id: int, month: datetime.date, target: Path,
                    malform: str | None = None) -> Path:
    """The participant's statement for the month: as paid when the month is approved, else marked as
    provisional."""
    # ReportLab loads when the first document is written, not at start-up.
    from introdesk.reports.stonad_pdf import render_stonadsoversikt

    basis, row = _participant_month(session, deltaker_id, month)
    municipality = settings.load(session)
    deltaker = deltaker_repo.get(session.db, deltaker_id).deltaker
    with writing(target):
        return render_stonadsoversikt(target, row.grunnlag, deltaker, municipality, session.rules,
                                      malform or municipality.malform, final=basis.locked)


def write_letter(session: Session, deltaker_id: int, month: datetime.date, kind: str, target: Path,
                 malform: str | None = None, *, deadline_days: int | None = None,
                 notice_date: datetime.date | None = None) -> Path:
    """The advance notice («forhandsvarsel») or the decision («vedtak») on the month's reduction for
    unauthorised absence: only when the reduction is large enough to need an individual decision."""
    from introdesk.reports.stonad_pdf import render_trekkbrev

    if kind not in LETTERS:
        raise FieldErrors({"brev": f"Ukjent brev «{kind}»: velg forhåndsvarsel eller vedtak."})
    _, row = _participant_month(session, deltaker_id, month)
    if not row.grunnlag.requires_vedtak:
        raise FieldErrors({"vedtak": f"Trekket for fravær i {month_name(first_of_month(month))} krever ikke "
                                     f"enkeltvedtak for {row.navn}: det er under grensen i integreringsforskriften. "
                                     "Stønadsoversikten forklarer trekket."})
    municipality = settings.load(session)
    deltaker = deltaker_repo.get(session.db, deltaker_id).deltaker
    today = datetime.date.today()
    if deadline_days is None:
        deadline_days = session.rules.value("forvaltning.uttalefrist_dager", deltaker.lovverk, today)
    with writing(target):
        return render_trekkbrev(target, kind, row.grunnlag, deltaker, municipality, session.rules,
                                malform or municipality.malform, deadline_days,
                                days=absence_days(session, deltaker_id, month), dated=today,
                                notice_date=notice_date)


def absence_days(session: Session, deltaker_id: int, month: datetime.date) -> list[tuple[datetime.date, Decimal]]:
    """The month's days of unauthorised absence with the hours missed: the facts a letter lists."""
    days = fravaer.days(session, deltaker_id, first_of_month(month), last_of_month(month))
    return [(d.dato, d.absence.hours(d.planned)) for d in days if d.absence and d.absence.type == UGYLDIG]


def _participant_month(session: Session, deltaker_id: int, month: datetime.date) -> tuple[stonad.Maaned, stonad.Rad]:
    basis = stonad.month_basis(session, month, deltaker_id)
    row = next((r for r in basis.rows if r.deltaker_id == deltaker_id), None)
    if row is None:
        raise FieldErrors({"maaned": f"Deltakeren har ingen stønad i {month_name(basis.month)}."})
    return basis, row


# ----- the month for payroll

def export_month(session: Session, month: datetime.date, target: Path) -> Path:
    """An approved month as one row per participant, for payroll: XLSX or semicolon CSV by the suffix."""
    from introdesk.reports.tabell import DATE, FLAG, MONEY, SUFFIXES, Kolonne, write_table

    target = Path(target)
    if target.suffix.lower() not in SUFFIXES:
        raise FieldErrors({"fil": "Velg et filnavn som slutter på .xlsx (Excel) eller .csv."})
    basis = stonad.month_basis(session, month)
    name = month_name(basis.month)
    if not basis.locked:
        raise FieldErrors({"maaned": f"{name.capitalize()} er ikke godkjent. Lønn utbetales bare fra godkjente "
                                     "måneder: godkjenn måneden først."})
    columns = [Kolonne("identitetsnummer"), Kolonne("navn"), Kolonne("maaned", DATE), Kolonne("brutto", MONEY),
               Kolonne("trekk_fravaer", MONEY), Kolonne("reduksjoner", MONEY), Kolonne("rettelser", MONEY),
               Kolonne("netto", MONEY), Kolonne("krever_vedtak", FLAG)]
    rows = [[r.ident, r.navn, basis.month, g.gross_ore, g.absence_ore, g.gross_ore - g.absence_ore - g.base_ore,
             g.net_ore - g.base_ore, g.net_ore, g.requires_vedtak]
            for r in basis.rows for g in (r.grunnlag,)]
    with writing(target):
        return write_table(target, columns, rows, sheet=f"Stønad {name}", total_label=(1, "Sum"))


# ----- a teacher's attendance list

# The columns by their names with case, spaces, «_» and «-» ignored and æøå folded: «Fravær» is fravaer.
COLUMNS = {"identitetsnummer": "identitetsnummer", "deltakerid": "deltaker_id", "dato": "dato",
           "fravaer": "fravaer", "merknad": "merknad"}


@dataclass
class ImportReport:
    rows_read: int = 0  # rows with something in them
    written: int = 0  # days recorded; 0 when anything was wrong, or on a dry run
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Cell:
    row: int
    deltaker_id: int
    day: datetime.date
    text: str


def import_attendance(session: Session, path: Path, dry_run: bool = False) -> ImportReport:
    """Read an attendance list and record its days in the grid, all or nothing: if one row is wrong,
    nothing is written and the report says which row, which column and why. An empty `fravaer` means
    the day was attended, and clears an absence recorded before."""
    report = ImportReport(dry_run=dry_run)
    try:
        table, comma = read_table(Path(path))
    except TooManyFields as exc:
        report.problems = [Problem(exc.row, "", "", "Raden har flere felt enn overskriftsraden. Står det komma i "
                                                    "en verdi, for eksempel «U 2,5», i en fil med komma som "
                                                    "skilletegn? Sett verdien i anførselstegn, eller bruk "
                                                    "semikolon som skilletegn.")]
        return report
    headers = {COLUMNS[key]: name for name in table.columns if (key := column_key(name)) in COLUMNS}
    if missing := _missing_columns(headers):
        report.problems = [Problem(1, c, "", f"Kolonnen «{c}» mangler i overskriftsraden.") for c in missing]
        return report
    people = _people(session)
    cells: list[_Cell] = []
    seen: dict[tuple[int, datetime.date], int] = {}
    for index, raw in enumerate(table.to_dict("records")):
        values = {c: str(raw[name]).strip() for c, name in headers.items()}
        if not any(values.values()):
            continue  # an empty row between blocks of a list
        report.rows_read += 1
        cell = _check_row(session, index + 2, values, headers, people, seen, report.problems, comma)
        if cell is not None:
            cells.append(cell)
    if report.problems or dry_run:
        return report
    try:
        fravaer.set_cells(session, [(c.deltaker_id, c.day, c.text) for c in cells])
    except FieldErrors as exc:  # a check here missed something; set_cells has kept nothing
        rows = {f"{c.deltaker_id}:{c.day.isoformat()}": c for c in cells}
        report.problems = [Problem(rows[k].row if k in rows else 0, headers["fravaer"],
                                   rows[k].text if k in rows else "", message) for k, message in exc.errors.items()]
        return report
    report.written = len(cells)
    return report


def _missing_columns(headers: dict[str, str]) -> list[str]:
    who = [] if "identitetsnummer" in headers or "deltaker_id" in headers else ["identitetsnummer"]
    return who + [c for c in ("dato", "fravaer") if c not in headers]


def _check_row(session: Session, row: int, values: dict[str, str], headers: dict[str, str], people: dict[str, int],
               seen: dict[tuple[int, datetime.date], int], problems: list[Problem], comma: bool) -> _Cell | None:
    """One row's participant, day and absence, or None with a problem for each column that is wrong."""
    before = len(problems)

    def fail(column: str, message: str) -> None:
        problems.append(Problem(row, headers[column], values[column], message))

    if comma and re.fullmatch(r"\d+", values.get("merknad", "")) and re.search(r"\d$", values["fravaer"]):
        # «U 2,5» unquoted in a comma-separated file reads as «U 2» with the note «5»: never guess the hours.
        fail("fravaer", "Står timene med desimalkomma uten anførselstegn? I en fil med komma som skilletegn må "
                        "«U 2,5» stå i anførselstegn; ellers blir det «U 2» og merknaden «5».")

    deltaker_id = _participant(values, people, fail)
    day = None
    try:
        day = parse_date(cell_text(values["dato"]))
        if day is None:
            fail("dato", "Mangler dato.")
    except ValueError as exc:
        fail("dato", str(exc))
    found = None
    try:
        found = parse_cell(values["fravaer"], session.rules)
    except ValueError as exc:
        fail("fravaer", str(exc))
    if deltaker_id is not None and day is not None:
        if (deltaker_id, day) in seen:
            fail("dato", f"Samme deltaker og dato står også i rad {seen[deltaker_id, day]}.")
        seen.setdefault((deltaker_id, day), row)
        if found is not None and len(problems) == before and fravaer.days(session, deltaker_id, day, day)[0].off:
            fail("dato", "Fridag (helg eller helligdag uten noe i planen): her er det ikke noe fravær å føre.")
    if len(problems) > before or deltaker_id is None or day is None:
        return None
    return _Cell(row, deltaker_id, day, values["fravaer"])


def _participant(values: dict[str, str], people: dict[str, int], fail: Callable[[str, str], None]) -> int | None:
    """By identity number, or by IntroDesk's own id where the list has that column instead."""
    ident = values.get("identitetsnummer", "")
    if ident:
        digits = ident_digits(ident)
        if digits not in people:
            fail("identitetsnummer", "Ingen deltaker i registeret har dette identitetsnummeret.")
            return None
        return people[digits]
    if values.get("deltaker_id"):
        number = values["deltaker_id"].removesuffix(".0")
        if whole_number(number) not in people.values():
            fail("deltaker_id", "Ingen deltaker i registeret har denne id-en.")
            return None
        return int(number)
    fail("identitetsnummer" if "identitetsnummer" in values else "deltaker_id", "Mangler deltaker.")
    return None


def _people(session: Session) -> dict[str, int]:
    return {r["ident"]: r["id"] for r in deltaker_repo.list_rows(session.db) if r["ident"]}
