"""Import from spreadsheets: the municipality's existing register (participants, their events, employers,
placements and integration plans) brought in, checked first, written as one transaction, and undone as a
whole. The format is in docs/import.md (domain/importmal.py).

Every row is checked by the parsers the forms use (parse_deltaker, parse_hendelse with check_consistency,
parse_arbeidsgiver, parse_praksis, and parse_plan and parse_element in services/importering_plan.py), in
memory, before anything is written; one wrong row and nothing is. A participant already in the register
(same identity number) is updated, never added twice; an event of the same kind on the same day (or a
once-only event such as the start) is updated, never added twice; what is the same is left alone, so
importing the same file again changes nothing. Columns the file does not have are left as they are, and an
import never deletes. A backup is taken before each import that writes; each such import is recorded
(import_kjoring), and its audit rows (source «import») are what undoing it reverts.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from introdesk.domain import importmal as mal
from introdesk.domain.dates import format_date, parse_date
from introdesk.domain.deltaker import LABELS as DELTAKER_LABELS
from introdesk.domain.deltaker import Deltaker, parse_deltaker, to_form
from introdesk.domain.form import FieldErrors, format_count
from introdesk.domain.plan import element_form, plan_form
from introdesk.domain.hendelser import KINDS, ONCE, Hendelse, check_consistency, parse_hendelse
from introdesk.domain.praksis import Arbeidsgiver, Praksis, parse_arbeidsgiver, parse_praksis, praksis_form
from introdesk.services import importering_plan, program
from introdesk.services.deltakere import CASE_TABLES
from introdesk.services.regneark import Problem, Tabell, TooManyFields, read_workbook
from introdesk.services.session import Session
from introdesk.store import audit
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import hendelser as hendelse_repo
from introdesk.store import importkjoring as runs
from introdesk.store import plans as plan_repo
from introdesk.store import praksis as praksis_repo
from introdesk.store import settings as settings_repo

log = logging.getLogger(__name__)  # counts only: never a name, a number or the file's name
MAPPING_KEY = "import_kobling"  # in the settings table: {the file's header (as compared): template header}
IGNORE = ""  # a file column mapped to nothing
# (done, total, what) -> False to stop; a stop before the end writes nothing.
Progress = Callable[[int, int, str], bool]
_STEP = 250  # rows between two progress reports


class Avbrutt(Exception):
    """The adviser stopped the import; nothing was written."""


@dataclass
class Telling:
    nye: int = 0
    endret: int = 0
    uendret: int = 0

    def count(self, new: bool, changed: bool) -> None:
        """One record more: new, changed, or the same as stored."""
        if new:
            self.nye += 1
        elif changed:
            self.endret += 1
        else:
            self.uendret += 1

    def text(self, what: str) -> str:
        n = format_count
        return f"{what}: {n(self.nye)} {'ny' if self.nye == 1 else 'nye'}, {n(self.endret)} endret, " \
               f"{n(self.uendret)} uendret"


@dataclass(frozen=True)
class Endring:
    """One field an import will change in a participant who is registered already: what it is and what it becomes."""

    row: int
    deltaker: str
    felt: str
    for_: str
    etter: str


@dataclass
class Importrapport:
    file_name: str
    dry_run: bool = False
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    deltakere: Telling = field(default_factory=Telling)
    hendelser: Telling = field(default_factory=Telling)
    arbeidsgivere: Telling = field(default_factory=Telling)
    praksis: Telling = field(default_factory=Telling)
    planer: Telling = field(default_factory=Telling)
    elementer: Telling = field(default_factory=Telling)
    kjoring_id: int | None = None  # the recorded run, when something was written
    backup: Path | None = None
    ignored: list[str] = field(default_factory=list)  # sheets that are none of the template's, not read
    endringer: list[Endring] = field(default_factory=list)  # fields changed in registered participants

    @property
    def ok(self) -> bool:
        return not self.problems

    def tallies(self) -> list[tuple[str, Telling]]:
        return [("Deltakere", self.deltakere), ("Hendelser", self.hendelser), ("Arbeidsgivere", self.arbeidsgivere),
                ("Praksisplasser", self.praksis), ("Planversjoner", self.planer), ("Planelementer", self.elementer)]

    @property
    def changes(self) -> int:
        return sum(t.nye + t.endret for _, t in self.tallies())

    def counts(self) -> tuple[int, int, int]:
        """(new, changed, unchanged) records of every kind together."""
        return tuple(sum(getattr(t, name) for _, t in self.tallies()) for name in ("nye", "endret", "uendret"))

    def summary(self, separator: str = " ") -> str:
        """Participants and events always; employers and placements when the file had any."""
        shown = [t.text(label) for i, (label, t) in enumerate(self.tallies()) if i < 2 or t.nye + t.endret + t.uendret]
        return separator.join(f"{text}." for text in shown)

    @property
    def rows_text(self) -> str:
        return "1 rad" if self.rows_read == 1 else f"{format_count(self.rows_read)} rader"

    def as_json(self) -> dict[str, Any]:
        return {
            "fil": self.file_name, "ok": self.ok, "torrkjoring": self.dry_run, "rader": self.rows_read,
            "deltakere": vars(self.deltakere), "hendelser": vars(self.hendelser),
            "arbeidsgivere": vars(self.arbeidsgivere), "praksis": vars(self.praksis),
            "planer": vars(self.planer), "elementer": vars(self.elementer),
            "problemer": [{"ark": p.sheet, "rad": p.row, "kolonne": p.column, "verdi": p.value, "melding": p.message}
                          for p in self.problems],
            "ark_ikke_lest": self.ignored,
            "endringer": [{"rad": e.row, "deltaker": e.deltaker, "felt": e.felt, "for": e.for_, "etter": e.etter}
                          for e in self.endringer],
        }


@dataclass(frozen=True)
class Innlest:
    """A file read, before it is checked: its sheets matched to the template's."""

    path: Path
    sha256: str
    sheets: list[tuple[mal.Ark, Tabell]]
    ignored: list[str]  # sheets that are none of the template's

    @property
    def participants(self) -> Tabell | None:
        return next((t for s, t in self.sheets if s is mal.DELTAKERE), None)


def read(path: Path) -> Innlest:
    """Read a file (XLSX or CSV) and match its sheets to the template's; FieldErrors at «fil» if it cannot be.

    A sheet is taken by its name (`deltakere`, `sluttmal`, ...); a first sheet with another name holds the
    participants, as in a register kept by hand. A CSV is one sheet, named by the file.
    """
    path = Path(path)
    try:
        tables = read_workbook(path)
        data = path.read_bytes()
    except TooManyFields as exc:
        raise FieldErrors({"fil": f"Rad {exc.row} har flere felt enn overskriftsraden. Står det komma i en verdi "
                                  "i en fil med komma som skilletegn? Sett verdien i anførselstegn, eller bruk "
                                  "semikolon."}) from None
    sheets, ignored = [], []
    named = any(mal.sheet_for(t.name) is mal.DELTAKERE for t in tables)  # else the first sheet holds them
    for index, table in enumerate(tables):
        sheet = mal.sheet_for(table.name) or (mal.DELTAKERE if index == 0 and not named else None)
        if sheet is None or any(s is sheet for s, _ in sheets):
            ignored.append(table.name)
        else:
            sheets.append((sheet, table))
    if not any(t.headers for _, t in sheets):
        raise FieldErrors({"fil": f"{path.name} har ingen ark IntroDesk kan lese: første ark er tomt, og ingen ark "
                                  "heter " + ", ".join(s.name for s in mal.SHEETS) + "."})
    return Innlest(path, hashlib.sha256(data).hexdigest(), sheets, ignored)


EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}


# ----- the participants sheet's columns, mapped to the template's

def needs_mapping(innlest: Innlest) -> bool:
    """True when the participants sheet has headers that are not the template's (a register kept by hand)."""
    table = innlest.participants
    if table is None:
        return False
    found = mal.match_headers(mal.DELTAKERE, table.headers)
    return len(found) < len([h for h in table.headers if h]) or bool(mal.missing_required(mal.DELTAKERE, set(found)))


def suggested_mapping(session: Session, headers: list[str]) -> dict[int, str]:
    """{column index: template header, or IGNORE}: the saved mapping first, then the template's names. By
    index, since a register kept by hand may have two columns with the same header («Dato», «Dato»)."""
    saved = _saved_mapping(session)
    auto = {file: template for template, file in mal.match_headers(mal.DELTAKERE, headers).items()}
    keys = _mapping_keys(headers)
    return {i: saved.get(keys[i], auto.get(h, IGNORE)) for i, h in enumerate(headers) if h}


def save_mapping(session: Session, headers: list[str], mapping: dict[int, str]) -> None:
    """Remember how this kind of file's columns map, so the next import of it is mapped already."""
    stored = _saved_mapping(session)
    keys = _mapping_keys(headers)
    stored.update({keys[i]: t for i, t in mapping.items() if headers[i]})
    with session.db.atomic():
        settings_repo.save(session.db, session.actor,
                           {MAPPING_KEY: json.dumps(stored, ensure_ascii=False, sort_keys=True)})


def _mapping_keys(headers: list[str]) -> list[str]:
    """Each header as the saved mapping knows it; a repeated header by its place among its namesakes."""
    keys, seen = [], {}
    for h in headers:
        key = mal.column_key(h)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def _saved_mapping(session: Session) -> dict[str, str]:
    text = settings_repo.load(session.db).get(MAPPING_KEY)
    try:
        saved = json.loads(text) if text else {}
    except ValueError:
        return {}
    valid = {c.header for c in mal.DELTAKERE.columns} | {IGNORE}
    return {k: v for k, v in saved.items() if v in valid} if isinstance(saved, dict) else {}


# ----- check and write

def import_file(session: Session, path: Path, dry_run: bool = False, mapping: dict[int, str] | None = None,
                progress: Progress | None = None) -> Importrapport:
    """Read, check and (unless dry_run, and only when every row is right) write a file. A file that cannot be
    read is reported as a problem at row 0; the saved mapping applies when none is given and the file's
    headers are not the template's (as in the wizard)."""
    try:
        innlest = read(path)
    except FieldErrors as exc:
        return Importrapport(Path(path).name, dry_run, problems=[Problem(0, "", "", m) for m in exc.errors.values()])
    if mapping is None and needs_mapping(innlest):
        mapping = suggested_mapping(session, innlest.participants.headers)
    return check(session, innlest, mapping, progress) if dry_run else run(session, innlest, mapping, progress)


def check(session: Session, innlest: Innlest, mapping: dict[int, str] | None = None,
          progress: Progress | None = None) -> Importrapport:
    """The dry run: every row checked, the counts of what would change; nothing written."""
    report, _ = _prepare(session, innlest, mapping, progress)
    report.dry_run = True
    return report


def run(session: Session, innlest: Innlest, mapping: dict[int, str] | None = None,
        progress: Progress | None = None) -> Importrapport:
    """Check, then write everything in one transaction, after a backup; nothing when a row is wrong, or when
    nothing would change. Raises Avbrutt when progress says stop (and then nothing is written)."""
    report, work = _prepare(session, innlest, mapping, progress)
    if not report.ok or not report.changes:
        return report
    report.backup = session.backup("for-import")
    actor = audit.Actor(session.actor.user, "import")
    db = session.db
    total = len(work.employers) + len(work.people) + len(work.events) + len(work.placements) + len(work.plans)
    done = 0
    with db.atomic():
        first = runs.last_audit_id(db) + 1
        employer_ids: dict[int, int] = {}  # the placeholder a new employer had while checked: its id
        ids: dict[str, int] = {}  # a new participant's identity number: its id

        def employer(e: _Employer) -> None:
            if e.old is None:
                employer_ids[e.placeholder] = praksis_repo.save_employer(db, actor, e.new)
            else:
                praksis_repo.update_employer_from(db, actor, e.old, e.new)

        def person(p: _Person) -> None:
            if p.old is None:
                ids[p.ident] = deltaker_repo.insert(db, actor, p.new)
            elif p.changed:
                deltaker_repo.update_from(db, actor, p.id, p.old, p.new)

        def event(e: _Event) -> None:
            h = e.new if e.new.deltaker_id else replace(e.new, deltaker_id=ids[e.ident])
            if e.old is None:
                hendelse_repo.insert(db, actor, h)
            else:
                hendelse_repo.update_from(db, actor, e.old, h)

        def placement(p: _Placement) -> None:
            new = replace(p.new, deltaker_id=p.new.deltaker_id or ids[p.ident],
                          arbeidsgiver_id=employer_ids.get(p.new.arbeidsgiver_id, p.new.arbeidsgiver_id))
            if p.old is None:
                praksis_repo.save_placement(db, actor, new)
            else:
                praksis_repo.update_placement_from(db, actor, p.old, new)

        def version(v: tuple[str, importering_plan.Versjon]) -> None:
            ident, plan = v
            importering_plan.write(db, actor, plan, plan.plan.deltaker_id or ids[ident])

        for items, what, write in ((work.employers, "Skriver arbeidsgivere", employer),
                                   (work.people, "Skriver deltakere", person),
                                   (work.events, "Skriver hendelser", event),
                                   (work.placements, "Skriver praksisplasser", placement),
                                   (work.plans, "Skriver integreringsplaner", version)):
            for item in items:
                write(item)
                done += 1
                _report_progress(progress, done, total, what)
        report.kjoring_id = runs.insert(db, actor, innlest.path.name, innlest.sha256, report.counts(), first,
                                        runs.last_audit_id(db))
    log.info("Import %d skrevet: %d nye, %d endret, %d uendret", report.kjoring_id, *report.counts())
    return report


def _report_progress(progress: Progress | None, done: int, total: int, what: str) -> None:
    if progress is not None and (done % _STEP == 0 or done == total) and not progress(done, total, what):
        raise Avbrutt("Importen ble avbrutt. Ingenting er ført inn.")


@dataclass
class _Person:
    ident: str
    new: Deltaker
    old: Deltaker | None
    id: int | None
    changed: bool


@dataclass
class _Event:
    ident: str
    new: Hendelse
    old: Hendelse | None
    where: _Source


@dataclass(frozen=True)
class _Source:
    """Where a record came from in the file: to report a message at the column that holds the field."""

    sheet: mal.Ark
    table: Tabell
    row: int
    values: dict[str, str]  # template header: the cell as text
    columns: dict[str, str]  # the record's field: template header
    file_headers: dict[str, str]  # template header: the header as the file writes it

    def problem(self, name: str, message: str) -> Problem:
        header = self.columns.get(name) or self.columns.get("dato") or ""
        return Problem(self.row, self.file_headers.get(header, header), self.values.get(header, ""), message,
                       self.table.name)


@dataclass
class _Employer:
    new: Arbeidsgiver
    old: Arbeidsgiver | None
    placeholder: int  # the id a new employer's placements carry until it is written


@dataclass
class _Placement:
    ident: str
    new: Praksis
    old: Praksis | None


@dataclass
class _Work:
    employers: list[_Employer] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    placements: list[_Placement] = field(default_factory=list)
    plans: list[tuple[str, importering_plan.Versjon]] = field(default_factory=list)


class _Checker:
    """One file's rows checked against the register as it is, all in memory."""

    def __init__(self, session: Session, report: Importrapport, progress: Progress | None):
        self.session, self.report, self.progress = session, report, progress
        self.rules = session.rules
        self.today = datetime.date.today()
        self.codes = mal.Kodeoppslag(self.rules)
        rows = session.db.execute_returning_dicts("SELECT * FROM deltaker")
        self.living = {r["ident"]: (r["id"], deltaker_repo.from_row(r)) for r in rows if r["slettet"] is None}
        self.deleted = {r["ident"] for r in rows if r["slettet"] is not None} - set(self.living)
        self.stored_events = hendelse_repo.all_living(session.db)
        self.work = _Work()
        self.people: dict[str, tuple[Deltaker, int]] = {}  # by identity number: parsed from the file, its row
        self.failed: set[str] = set()  # identity numbers of participant rows with a problem
        self.event_rows: dict[tuple, int] = {}
        self.new_events: dict[str, list[_Event]] = {}
        self._idents: dict[str, str] = {}  # as written: as stored
        self.employers = praksis_repo.employers(session.db)
        self.employer_keys: dict[str, tuple[int, int]] = {}  # orgnr or folded name: (id or placeholder, row)
        self.stored_placements: dict[int, list[Praksis]] = {}
        for p in praksis_repo.placements(session.db):
            self.stored_placements.setdefault(p.deltaker_id, []).append(p)
        self.placement_rows: dict[tuple, int] = {}
        self.plans = importering_plan.PlanImport(self)
        self.done = 0

    def problem(self, source: _Source, name: str, message: str) -> None:
        self.report.problems.append(source.problem(name, message))

    def tick(self, total: int) -> None:
        self.done += 1
        _report_progress(self.progress, self.done, total, "Kontrollerer rader")

    # --- participants

    def ident(self, text: str) -> str:
        if text not in self._idents:
            self._idents[text] = _canonical_ident(text)
        return self._idents[text]

    def participant_row(self, source: _Source) -> None:
        values = source.values
        ident = self.ident(values.get("identitetsnummer", ""))
        if ident in self.people:
            self.problem(source, "ident", f"Samme identitetsnummer står også i rad {self.people[ident][1]}.")
            return
        self.failed.add(ident)  # until the row has passed
        stored = self.living.get(ident)
        raw = to_form(stored[1]) if stored else {}
        before = len(self.report.problems)
        for column in mal.DELTAKERE.columns:
            if column.part == mal.DELTAKER and column.header in values:
                raw[column.field] = self.value(source, column)
        if len(self.report.problems) > before:
            return
        if ident in self.deleted:
            self.problem(source, "ident", "Nummeret tilhører en slettet deltaker. Gjenopprett den først (Rediger → "
                                          "Slettede deltakere), så oppdaterer importen den.")
            return
        try:
            new = parse_deltaker(raw, self.rules, self.today)
        except FieldErrors as exc:
            for name, message in exc.errors.items():
                self.problem(source, name, message)
            return
        self.people[new.ident] = (new, source.row)
        self.failed.discard(ident)
        old = stored[1] if stored else None
        changed = old is None or deltaker_repo.to_row(old) != deltaker_repo.to_row(new)
        if old is not None and changed:
            self.report.endringer += _changes(source.row, old, new)
        self.work.people.append(_Person(new.ident, new, old, stored[0] if stored else None, changed))
        self.report.deltakere.count(old is None, changed)
        for part, columns in _EVENT_PARTS.items():
            if any(values.get(h) for h in columns.values()):
                self.event(replace(source, columns=columns), new.ident, part,
                           {h: values[h] for h in columns.values() if h in values})

    def value(self, source: _Source, column: mal.Kolonne) -> Any:
        """A cell as a form would give it: codes for labels, True/False for ja/nei."""
        text = source.values[column.header]
        if text in EXCEL_ERRORS:  # read as empty, it would clear what is stored
            self.problem(source, column.field, f"Cellen viser en feil fra Excel ({text}). Rett formelen, eller skriv "
                                               "verdien inn.")
            return None
        if column.kind == mal.CODE:
            return self.codes.code(column.codes, text) if text else ""
        if column.kind == mal.FLAG:
            try:
                value = mal.flag(text)
            except ValueError as exc:
                self.problem(source, column.field, str(exc))
                return None
            if value is None:
                return None if column.field == "vgs_fullfort" else column.field == "bosatt_etter_avtale"
            return value
        if column.kind == mal.CHOICE:
            return self.codes.choice(column, text) if text else ""
        if column.kind == mal.DAYS:
            try:
                return mal.weekdays(text)
            except ValueError as exc:
                self.problem(source, column.field, str(exc))
                return None
        if column.kind == mal.DATES:
            try:
                return [parse_date(part) for part in re.split(r"[,;]", text) if part.strip()]
            except ValueError as exc:
                self.problem(source, column.field, str(exc))
                return None
        if column.field == "ident":
            if mal.SCIENTIFIC.fullmatch(text):
                self.problem(source, "ident", f"Excel har gjort nummeret om til {text}, og sifrene er tapt. Formater "
                                              "kolonnen som tekst i Excel og skriv numrene inn på nytt.")
                return None
            return mal.ident_digits(text)
        if column.field == "postnummer" and re.fullmatch(r"[0-9]{3}", text):
            return "0" + text  # Excel drops the zero of Oslo's 0150 in a number cell
        return text

    # --- events

    def event_row(self, source: _Source) -> None:
        values = source.values
        ident = self.ident(values.get("identitetsnummer", ""))
        if not self.known_participant(source, ident):
            return
        kind = source.sheet.event
        if kind is None:
            kind = self.codes.kind(values.get("hendelse", ""))
            if kind not in mal.OTHER_KINDS:
                place = {"start": "kolonnen programstart på arket deltakere",
                         "avslutning": "kolonnene for avslutning på arket deltakere",
                         "permisjon": "arket permisjoner", "sluttmal": "arket sluttmal"}
                self.problem(source, "type", f"«{KINDS[kind].label}» føres i {place[kind]}." if kind in place else
                             "Ukjent hendelse. Skriv en av: " + ", ".join(mal.OTHER_KINDS) + ".")
                return
        self.event(source, ident, kind, values)

    def event(self, source: _Source, ident: str, kind: str, values: dict[str, str]) -> None:
        """One event from a row: parsed, matched to the stored one it corrects, and checked for a twin."""
        sheet_columns = {c.header: c for c in source.sheet.columns}

        def raw_from(base: dict[str, Any]) -> dict[str, Any]:
            raw = dict(base, type=kind)
            for header, text in values.items():
                column = sheet_columns[header]
                if column.field in ("ident", "type") or header not in source.columns.values():
                    continue
                raw[column.field] = self.value(source, column) if column.kind in (mal.CODE, mal.FLAG) else text
            for name, list_name in (KINDS[kind].codes or {}).items():  # a label for a code this kind takes
                if isinstance(raw.get(name), str) and raw[name]:
                    raw[name] = self.codes.code(list_name, raw[name])
            return raw

        before = len(self.report.problems)
        raw = raw_from({})
        if len(self.report.problems) > before:
            return
        deltaker_id = self.living[ident][0] if ident in self.living else 0
        try:
            new = parse_hendelse(raw, deltaker_id, self.rules, self.today)
        except FieldErrors as exc:
            for name, message in exc.errors.items():
                self.problem(source, name, message)
            return
        key = (ident, kind) if kind in ONCE else (ident, kind, new.dato)
        if key in self.event_rows:
            self.problem(source, "type" if source.sheet is mal.HENDELSER else "dato",
                         f"Den samme hendelsen står også i rad {self.event_rows[key]}.")
            return
        self.event_rows[key] = source.row
        stored = self.stored_events.get(deltaker_id, []) if deltaker_id else []
        old = next((e for e in stored if e.type == kind and (kind in ONCE or e.dato == new.dato)), None)
        if old is not None:
            try:  # the columns the file leaves out keep their stored values
                new = parse_hendelse(raw_from(mal.event_form(old)), deltaker_id, self.rules, self.today, old.id)
            except FieldErrors as exc:
                for name, message in exc.errors.items():
                    self.problem(source, name, message)
                return
        self.new_events.setdefault(ident, []).append(_Event(ident, new, old, source))

    # --- employers and placements

    def employer_row(self, source: _Source) -> None:
        """An employer, known by its organisation number, or by its name when it has none."""
        before = len(self.report.problems)
        raw = {c.field: self.value(source, c) for c in mal.ARBEIDSGIVERE.columns if c.header in source.values}
        if len(self.report.problems) > before:
            return
        try:
            new = parse_arbeidsgiver(raw, self.rules)
        except FieldErrors as exc:
            for name, message in exc.errors.items():
                self.problem(source, name, message)
            return
        key = new.orgnr or mal.fold(new.navn)
        if key in self.employer_keys:
            self.problem(source, "orgnr" if new.orgnr else "navn",
                         f"Samme arbeidsgiver står også i rad {self.employer_keys[key][1]}.")
            return
        old = next((e for e in self.employers if (e.orgnr == new.orgnr if new.orgnr else
                                                 not e.orgnr and mal.fold(e.navn) == key)), None)
        if old is not None:  # the columns the file leaves out keep their stored values
            kept = {c.field: getattr(old, c.field) for c in mal.ARBEIDSGIVERE.columns if c.header not in source.values}
            new = replace(new, id=old.id, **kept)
        placeholder = old.id if old else -(len(self.work.employers) + 1)
        self.employer_keys[key] = (placeholder, source.row)
        changed = old is None or praksis_repo.employer_row(old) != praksis_repo.employer_row(new)
        self.report.arbeidsgivere.count(old is None, changed)
        if changed:
            self.work.employers.append(_Employer(new, old, placeholder))

    def employer_of(self, text: str) -> int | str:
        """The employer a placement names (id, or a new one's placeholder), or the message why not."""
        digits = re.sub(r"\s", "", text)
        if digits.isdigit():
            if digits in self.employer_keys:
                return self.employer_keys[digits][0]
            found = [e.id for e in self.employers if e.orgnr == digits]
        else:
            if mal.fold(text) in self.employer_keys:
                return self.employer_keys[mal.fold(text)][0]
            found = [e.id for e in self.employers if mal.fold(e.navn) == mal.fold(text)]
        if len(found) == 1:
            return found[0]
        if found:
            return "Flere arbeidsgivere i registeret heter dette. Bruk organisasjonsnummeret."
        return "Finner ikke arbeidsgiveren, verken på arket arbeidsgivere eller i registeret."

    def placement_row(self, source: _Source) -> None:
        values = source.values
        ident = self.ident(values.get("identitetsnummer", ""))
        if not self.known_participant(source, ident):
            return
        employer = self.employer_of(values.get("arbeidsgiver", ""))
        if isinstance(employer, str):
            self.problem(source, "arbeidsgiver_id", employer)
            return
        before = len(self.report.problems)
        raw: dict[str, Any] = {}
        for column in mal.PRAKSIS.columns:
            if column.header in values and column.field not in ("ident", "arbeidsgiver_id"):
                raw[column.field] = self.value(source, column)
        if len(self.report.problems) > before:
            return
        deltaker_id = self.living[ident][0] if ident in self.living else 0
        stored = self.stored_placements.get(deltaker_id, [])
        interval = self.session.rules.value("praksis.oppfolging_dager", "integreringsloven", self.today)
        try:
            new = parse_praksis({**raw, "arbeidsgiver_id": str(abs(employer))}, deltaker_id, self.rules, self.today,
                                interval)
            old = next((p for p in stored if p.arbeidsgiver_id == employer and p.fra == new.fra), None)
            if old is not None:  # the columns the file leaves out keep their stored values
                form = {c.field: getattr(old, c.field) for c in mal.PRAKSIS.columns
                        if c.header not in values and c.field not in ("ident", "arbeidsgiver_id")}
                new = replace(new, id=old.id, kontakt_id=old.kontakt_id, **form)
        except FieldErrors as exc:
            for name, message in exc.errors.items():
                self.problem(source, name, message)
            return
        new = replace(new, arbeidsgiver_id=employer)
        key = (ident, employer, new.fra)
        if key in self.placement_rows:
            self.problem(source, "fra", f"Den samme praksisen står også i rad {self.placement_rows[key]}.")
            return
        self.placement_rows[key] = source.row
        changed = old is None or praksis_repo.placement_row(old) != praksis_repo.placement_row(new)
        self.report.praksis.count(old is None, changed)
        if changed:
            self.work.placements.append(_Placement(ident, new, old))

    def known_participant(self, source: _Source, ident: str) -> bool:
        if not ident:
            self.problem(source, "ident", "Identitetsnummer må fylles ut.")
            return False
        if ident in self.failed:
            return False  # the participant's own row has the problem to fix
        if ident not in self.people and ident not in self.living:
            self.problem(source, "ident", "Ingen deltaker har dette identitetsnummeret, verken i registeret eller "
                                          "på arket deltakere.")
            return False
        return True

    def consistency(self) -> None:
        """Each participant's events as they will be, checked against each other as the forms check them."""
        for ident, incoming in self.new_events.items():
            parsed = self.people.get(ident)
            person = parsed[0] if parsed else self.living[ident][1]
            deltaker_id = self.living[ident][0] if ident in self.living else 0
            replaced = {e.old.id for e in incoming if e.old is not None}
            final = [e for e in self.stored_events.get(deltaker_id, []) if e.id not in replaced] if deltaker_id else []
            final += [e.new for e in incoming]
            wrong = False
            # The end first, then the latest, and one clash per participant: an end dated before the start is
            # reported at the end's date.
            for event in sorted(incoming, key=lambda e: (e.new.type != "avslutning", -e.new.dato.toordinal())):
                if event.old is not None and hendelse_repo.to_row(event.old) == hendelse_repo.to_row(event.new):
                    self.report.hendelser.count(False, False)
                    continue
                others = [e for e in final if e is not event.new]
                try:
                    if not wrong:
                        check_consistency(event.new, others, person.bosatt_dato, person.lovverk, self.rules)
                        program.check_extension_limit(event.new, others, person.lovverk, self.session, self.today)
                except FieldErrors as exc:
                    for name, message in exc.errors.items():
                        self.problem(event.where, name, message)
                    wrong = True
                if wrong:
                    continue
                self.report.hendelser.count(event.old is None, True)
                self.work.events.append(event)


# The events a participant row carries: {part: {field: template header}}.
_EVENT_PARTS = {part: {c.field: c.header for c in mal.DELTAKERE.columns if c.part == part}
                for part in (mal.START, mal.AVSLUTNING)}


def _changes(row: int, old: Deltaker, new: Deltaker) -> list[Endring]:
    """What an update overwrites, field by field, as the form shows the values: the dry run says it before."""
    before, after = to_form(old), to_form(new)

    def shown(value: Any) -> str:
        return "(tom)" if value in (None, "") else ("ja" if value else "nei") if isinstance(value, bool) else str(value)

    return [Endring(row, new.fullt_navn, DELTAKER_LABELS.get(name, name), shown(before[name]), shown(after[name]))
            for name in before if before[name] != after[name]]


def _canonical_ident(text: str) -> str:
    """The number as stored (digits only, as parse_person_id keeps it), without checking it: the participant's
    own row is checked by parse_deltaker."""
    return mal.ident_digits(text)


def _prepare(session: Session, innlest: Innlest, mapping: dict[int, str] | None,
             progress: Progress | None) -> tuple[Importrapport, _Work]:
    report = Importrapport(innlest.path.name, ignored=list(innlest.ignored))
    checker = _Checker(session, report, progress)
    total = sum(len(t.rows) for _, t in innlest.sheets)
    order = {table.name: i for i, (_, table) in enumerate(innlest.sheets)}
    for sheet, table in sorted(innlest.sheets, key=lambda st: mal.SHEETS.index(st[0])):  # participants first
        headers = _headers(sheet, table, mapping if sheet is mal.DELTAKERE else None)
        missing = mal.missing_required(sheet, set(headers.values()))
        if missing:
            report.problems += [Problem(1, h, "", f"Kolonnen «{h}» mangler på arket.", table.name) for h in missing]
            continue
        for index, cells in enumerate(table.rows):
            checker.tick(total)
            values = {headers[i]: mal.cell_text(v) for i, v in enumerate(cells) if i in headers}
            if not any(values.values()):
                continue  # an empty row between blocks
            report.rows_read += 1
            source = _Source(sheet, table, index + 2, values,
                             {c.field: c.header for c in sheet.columns if c.part == mal.DELTAKER},
                             {t: table.headers[i] for i, t in headers.items()})
            if sheet is mal.DELTAKERE:
                checker.participant_row(source)
            elif sheet is mal.ARBEIDSGIVERE:
                checker.employer_row(source)
            elif sheet is mal.PRAKSIS:
                checker.placement_row(source)
            elif sheet is mal.PLANER:
                checker.plans.plan_row(source)
            elif sheet is mal.ELEMENTER:
                checker.plans.element_row(source)
            else:
                checker.event_row(source)
    checker.consistency()
    checker.plans.work_out()
    checker.work.plans = checker.plans.tally(report.planer, report.elementer)
    report.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row))
    if innlest.path.suffix.lower() not in (".xlsx", ".xlsm"):  # a CSV is one sheet: no sheet to name
        report.problems = [replace(p, sheet="") for p in report.problems]
    return report, checker.work


def _headers(sheet: mal.Ark, table: Tabell, mapping: dict[int, str] | None) -> dict[int, str]:
    """{column index in the file: template header} for the columns that are imported."""
    auto = {file: template for template, file in mal.match_headers(sheet, table.headers).items()}
    chosen: dict[int, str] = {}
    for index, header in enumerate(table.headers):
        template = mapping.get(index, IGNORE) if mapping is not None else auto.get(header, IGNORE)
        if template and template not in chosen.values():
            chosen[index] = template
    return chosen


# ----- undo

_UNDOABLE = (deltaker_repo.TABLE, hendelse_repo.TABLE, "arbeidsgiver", "praksis", "plan", "plan_element",
             "plan_gjennomgang")
# Rows that hang on an employer: a new one by hand after the import keeps the import from being undone.
_EMPLOYER_TABLES = {"praksis": "SELECT id FROM praksis WHERE arbeidsgiver_id = ?",
                    "kontaktperson": "SELECT id FROM kontaktperson WHERE arbeidsgiver_id = ?"}


def last_run(session: Session) -> runs.Kjoring | None:
    """The newest import that can still be undone (written, not undone), or None."""
    found = runs.last(session.db)
    return found if found and found.angret is None else None


def undo_last(session: Session) -> runs.Kjoring:
    """Undo the newest import as a whole, in one transaction, after a backup: what it created is removed and
    what it changed is put back. Refused (FieldErrors) when something it wrote was changed afterwards."""
    run = runs.last(session.db)
    if run is None:
        raise FieldErrors({"import": "Det er ingen import å angre."})
    if run.angret is not None:
        raise FieldErrors({"import": f"Den siste importen ({run.filnavn}) er allerede angret. Bare den siste "
                                     "importen kan angres."})
    db = session.db
    written = runs.written(db, run)
    later = runs.touched_since(db, run.revisjon_til)
    when = f"{format_date(run.tidspunkt.date())} kl. {run.tidspunkt:%H.%M}"
    if clash := _changed_after(session, written, later):
        raise FieldErrors({"import": f"Importen av {run.filnavn} {when} kan ikke angres: {clash} er endret etter "
                                     "importen. Rett det for hånd, eller hent sikkerhetskopien fra før importen."})
    session.backup("for-angring-av-import")
    actor = audit.Actor(session.actor.user, "import")
    with db.atomic():
        for w in reversed(written):
            if w.table not in _UNDOABLE:
                continue
            if w.action == audit.OPPRETTET:
                runs.delete_row(db, actor, w.table, w.row_id)
            else:
                runs.revert(db, actor, w.table, w.row_id, w.changes)
        runs.mark_undone(db, run.id)
    log.info("Import %d angret", run.id)
    return run


def _changed_after(session: Session, written: list[runs.Skrevet], later: set[tuple[str, int]]) -> str:
    """Who has a record the import wrote that was changed after it (or got a new record), or ""."""
    if not later:
        return ""
    db = session.db
    created = [w.row_id for w in written if w.table == deltaker_repo.TABLE and w.action == audit.OPPRETTET]
    for w in written:
        if (w.table, w.row_id) in later:
            return _who(session, w.table, w.row_id)
    employers = [w.row_id for w in written if w.table == "arbeidsgiver" and w.action == audit.OPPRETTET]
    for owner, owners, tables in ((deltaker_repo.TABLE, created, CASE_TABLES),
                                  ("arbeidsgiver", employers, _EMPLOYER_TABLES)):
        for table, query in tables.items():
            ids = {row_id for t, row_id in later if t == table}
            for owner_id in owners if ids else ():
                if ids & {r[0] for r in db.execute(query, [owner_id]).fetchall()}:
                    return _who(session, owner, owner_id)
    return ""


def _who(session: Session, table: str, row_id: int) -> str:
    if table == "arbeidsgiver":
        return f"arbeidsgiveren {praksis_repo.get_employer(session.db, row_id).navn}"
    if table == "praksis":
        deltaker_id = praksis_repo.get_placement(session.db, row_id).deltaker_id
    elif table in ("plan", "plan_element", "plan_gjennomgang"):
        plan_id = row_id if table == "plan" else session.db.execute(
            f"SELECT plan_id FROM {table} WHERE id = ?", [row_id]).fetchone()[0]
        deltaker_id = plan_repo.get(session.db, plan_id).deltaker_id
    else:
        deltaker_id = row_id if table == deltaker_repo.TABLE else hendelse_repo.get(session.db, row_id).deltaker_id
    d = deltaker_repo.get(session.db, deltaker_id).deltaker
    return f"{d.fullt_navn}s sak" if table != deltaker_repo.TABLE else d.fullt_navn


# ----- the register in the template's format (and the empty template)

def export(session: Session, target: Path) -> Path:
    """Every living participant and their records in the import template's format: an XLSX with one sheet per
    area, or a CSV of the participants sheet. Importing it into an empty register gives the same records."""
    rows = _export_rows(session)
    return _write(Path(target), [(sheet.name, [c.header for c in sheet.columns], rows[sheet.name])
                                 for sheet in mal.SHEETS])


def write_template(target: Path) -> Path:
    """The empty template with its example row on each sheet (resources/import/)."""
    return _write(Path(target), [(s.name, [c.header for c in s.columns], [[c.example for c in s.columns]])
                                 for s in mal.SHEETS])


def _write(target: Path, sheets) -> Path:
    from introdesk.reports.importmal import write_csv, write_workbook

    if target.suffix.lower() == ".csv":
        return write_csv(target, sheets[0][1], sheets[0][2])
    if target.suffix.lower() != ".xlsx":
        raise FieldErrors({"fil": "Velg et filnavn som slutter på .xlsx (Excel) eller .csv."})
    return write_workbook(target, sheets)


def _export_rows(session: Session) -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {s.name: [] for s in mal.SHEETS}
    events = hendelse_repo.all_living(session.db)
    stored = session.db.execute_returning_dicts("SELECT * FROM deltaker WHERE slettet IS NULL ORDER BY id")
    by_sheet = {"sluttmal": mal.SLUTTMAL, "permisjon": mal.PERMISJONER}
    for r in stored:
        d = deltaker_repo.from_row(r)
        own = events.get(r["id"], [])
        forms = {mal.DELTAKER: to_form(d)}
        for kind in (mal.START, mal.AVSLUTNING):
            found = next((e for e in own if e.type == kind), None)
            forms[kind] = mal.event_form(found) if found else {}
        rows[mal.DELTAKERE.name].append([mal.cell(c, forms[c.part].get(c.field)) for c in mal.DELTAKERE.columns])
        for e in own:
            if e.type in (mal.START, mal.AVSLUTNING):
                continue
            sheet = by_sheet.get(e.type, mal.HENDELSER)
            form = {**mal.event_form(e), "ident": d.ident}
            rows[sheet.name].append([mal.cell(c, form.get(c.field)) for c in sheet.columns])
    employers = {e.id: e for e in praksis_repo.employers(session.db)}
    for e in employers.values():
        rows[mal.ARBEIDSGIVERE.name].append([mal.cell(c, getattr(e, c.field)) for c in mal.ARBEIDSGIVERE.columns])
    idents = {r["id"]: r["ident"] for r in stored}
    for p in sorted(praksis_repo.placements(session.db), key=lambda p: p.id):
        employer = employers.get(p.arbeidsgiver_id)
        if employer is None or p.deltaker_id not in idents:
            continue
        form = {**praksis_form(p), "ident": idents[p.deltaker_id], "arbeidsgiver_id": employer.orgnr or employer.navn}
        rows[mal.PRAKSIS.name].append([mal.cell(c, form.get(c.field)) for c in mal.PRAKSIS.columns])
    rows[mal.PLANER.name], rows[mal.ELEMENTER.name] = _plan_rows(session, idents)
    return rows


def _plan_rows(session: Session, idents: dict[int, str]) -> tuple[list[list[str]], list[list[str]]]:
    """Every version of every living participant's plan, and each version's elements."""
    plans, elements = [], []
    for deltaker_id, ident in idents.items():
        for version in plan_repo.versions(session.db, deltaker_id):
            form = {**plan_form(version), "ident": ident, "gjennomganger": version.gjennomganger}
            plans.append([mal.cell(c, form.get(c.field)) for c in mal.PLANER.columns])
            for e in version.elementer:
                form = {**element_form(e), "ident": ident, "plan_dato": format_date(version.dato)}
                elements.append([mal.cell(c, form.get(c.field)) for c in mal.ELEMENTER.columns])
    return plans, elements
