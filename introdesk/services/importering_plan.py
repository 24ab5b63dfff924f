"""The import's integration plans (sheets `planer` and `elementer`): versions matched by their date, elements by
their type and start within a version, checked with parse_plan and parse_element, and the rules of the plan
service: only the current version can be corrected, and a new version is not dated before the last one was
made or gone through. Part of services/importering.py, which reads the rows and writes what this plans.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from introdesk.domain import importmal as mal
from introdesk.domain.dates import format_date, parse_date
from introdesk.domain.form import FieldErrors
from introdesk.domain.plan import (
    WORKDAYS,
    Element,
    Plan,
    copy_for_new_version,
    element_form,
    parse_element,
    parse_plan,
    plan_form,
)
from introdesk.store import audit
from introdesk.store import plans as repo


@dataclass
class Versjon:
    """A plan version as it will be: a stored one (old) corrected, or a new one."""

    plan: Plan
    old: Plan | None
    source: Any  # where in the file it came from (importering._Source), or None for a stored one untouched
    stored: bool  # in the register before this import
    replaced: bool = False  # a stored version with a newer one after it: the record, not to be changed
    file_elements: bool = False  # a new version whose elements are the file's, not a copy of the last one's

    @property
    def changed(self) -> bool:
        return self.old is None or _rows(self.old) != _rows(self.plan)


@dataclass
class _Rows:
    plans: list[tuple[datetime.date, Any]] = field(default_factory=list)  # (date, source)
    elements: list[tuple[datetime.date, Any]] = field(default_factory=list)


class PlanImport:
    """Collects the plan rows of the file, then works out each participant's versions."""

    def __init__(self, checker):
        self.checker = checker
        self.rows: dict[str, _Rows] = {}
        self.versions: dict[str, list[Versjon]] = {}  # by identity number, oldest first

    def plan_row(self, source) -> None:
        day = self._row(source, "dato")
        if day is not None:
            self.rows[self._ident].plans.append((day, source))

    def element_row(self, source) -> None:
        day = self._row(source, "plan_dato")
        if day is not None:
            self.rows[self._ident].elements.append((day, source))

    def _row(self, source, date_field: str) -> datetime.date | None:
        checker = self.checker
        self._ident = ident = checker.ident(source.values.get("identitetsnummer", ""))
        if not checker.known_participant(source, ident):
            return None
        try:
            day = parse_date(source.values.get(source.columns[date_field], ""))
        except ValueError as exc:
            checker.problem(source, date_field, str(exc))
            return None
        if day is None:
            checker.problem(source, date_field, f"{source.columns[date_field]} må fylles ut.")
            return None
        self.rows.setdefault(ident, _Rows())
        return day

    # --- versions and elements, once every row is read

    def work_out(self) -> None:
        for ident, rows in self.rows.items():
            deltaker_id = self.checker.living[ident][0] if ident in self.checker.living else 0
            stored = repo.versions(self.checker.session.db, deltaker_id) if deltaker_id else []
            versions = [Versjon(p, p, None, True, replaced=i < len(stored) - 1) for i, p in enumerate(stored)]
            seen: dict[datetime.date, int] = {}
            for day, source in sorted(rows.plans, key=lambda r: r[0]):
                if day in seen:
                    self.checker.problem(source, "dato", f"Samme planversjon står også i rad {seen[day]}.")
                    continue
                seen[day] = source.row
                self._version(versions, day, source, deltaker_id,
                              any(d == day for d, _ in rows.elements))
            self._elements(versions, rows.elements)
            self.versions[ident] = versions

    def _raw(self, source, sheet: mal.Ark) -> dict[str, Any] | None:
        """The row's values as a form gives them; None when a cell is wrong (reported)."""
        before = len(self.checker.report.problems)
        raw = {}
        for column in sheet.columns:
            if column.header in source.values and column.field not in ("ident", "plan_dato"):
                raw[column.field] = self.checker.value(source, column)
        return raw if len(self.checker.report.problems) == before else None

    def _version(self, versions: list[Versjon], day: datetime.date, source, deltaker_id: int,
                 file_elements: bool) -> None:
        checker = self.checker
        raw = self._raw(source, mal.PLANER)
        if raw is None:
            return
        reviews = raw.pop("gjennomganger", None) or []
        same = next((v for v in versions if v.plan.dato == day), None)
        latest = versions[-1] if versions else None
        try:
            fields = parse_plan({**(plan_form(same.plan) if same else {}), **raw}, checker.today)
        except FieldErrors as exc:
            for name, message in exc.errors.items():
                checker.problem(source, name, message)
            return
        if same is not None:
            plan = replace(same.plan, **fields, gjennomganger=tuple(sorted({*same.plan.gjennomganger, *reviews})))
            if same.replaced and _rows(plan) != _rows(same.plan):
                checker.problem(source, "dato", f"Versjon {same.plan.versjon} ({format_date(day)}) er erstattet av "
                                                f"versjon {latest.plan.versjon} og kan ikke endres.")
                return
            same.plan, same.source = plan, source
        else:
            if latest is not None and day < latest.plan.last_reviewed:
                checker.problem(source, "dato", f"Versjon {latest.plan.versjon} ble sist laget eller gjennomgått "
                                                f"{format_date(latest.plan.last_reviewed)}; en ny versjon kan ikke "
                                                "være datert før det.")
                return
            if latest is not None:
                latest.replaced = latest.stored
                plan = replace(copy_for_new_version(latest.plan, day), **fields)
                if file_elements:
                    plan = replace(plan, elementer=())
            else:
                plan = Plan(deltaker_id=deltaker_id, versjon=1, **fields)
            plan = replace(plan, gjennomganger=tuple(sorted(set(reviews))))
            versions.append(Versjon(plan, None, source, False, file_elements=file_elements))
        for review in reviews:
            if review < day or review > checker.today:
                checker.problem(source, "gjennomganger", f"Gjennomgangen {format_date(review)} må ligge mellom "
                                                         "planens dato og i dag.")
                break

    def _elements(self, versions: list[Versjon], rows: list[tuple[datetime.date, Any]]) -> None:
        checker = self.checker
        seen: dict[tuple, int] = {}
        by_date = {v.plan.dato: v for v in versions}
        for day, source in rows:
            version = by_date.get(day)
            if version is None:
                checker.problem(source, "plan_dato", "Ingen planversjon har denne datoen, verken på arket planer "
                                                     "eller i registeret.")
                continue
            raw = self._raw(source, mal.ELEMENTER)
            if raw is None:
                continue
            if not raw.get("dager"):
                raw["dager"] = list(WORKDAYS)
            try:
                probe = parse_element(raw, checker.rules, "")
            except FieldErrors as exc:
                for name, message in exc.errors.items():
                    checker.problem(source, name, message)
                continue
            key = (day, probe.type, probe.fra)
            if key in seen:
                checker.problem(source, "fra", f"Det samme elementet står også i rad {seen[key]}.")
                continue
            seen[key] = source.row
            same = next((e for e in version.plan.elementer if (e.type, e.fra) == (probe.type, probe.fra)), None)
            if same is not None:
                new = replace(parse_element({**element_form(same), **raw}, checker.rules, same.nokkel), id=same.id)
                if new == same:
                    continue
                if version.replaced:
                    checker.problem(source, "plan_dato", f"Versjon {version.plan.versjon} er erstattet av en nyere "
                                                         "versjon og kan ikke endres.")
                    continue
                elements = tuple(new if e is same else e for e in version.plan.elementer)
            else:
                if version.replaced:
                    checker.problem(source, "plan_dato", f"Versjon {version.plan.versjon} er erstattet av en nyere "
                                                         "versjon og kan ikke endres.")
                    continue
                elements = (*version.plan.elementer, replace(probe, nokkel=self._key(versions, version, probe)))
            version.plan = replace(version.plan, elementer=elements)

    @staticmethod
    def _key(versions: list[Versjon], version: Versjon, element: Element) -> str:
        """The key of the same element in the version before (so versions compare), or a new one."""
        index = versions.index(version)
        earlier = versions[index - 1].plan.elementer if index else ()
        same = next((e for e in earlier if (e.type, e.fra) == (element.type, element.fra)), None)
        return same.nokkel if same else uuid.uuid4().hex[:12]

    # --- counts and writing

    def tally(self, plans, elements) -> list[tuple[str, Versjon]]:
        """Count what changes; returns the versions to write, with the participant's identity number."""
        out = []
        for ident, versions in self.versions.items():
            for v in versions:
                if v.source is None and not v.changed:
                    continue  # stored, and neither in the file nor touched by its elements
                old_elements = {e.id: e for e in v.old.elementer} if v.old else {}
                for e in v.plan.elementer:
                    elements.count(e.id is None, old_elements.get(e.id) != e)
                plans.count(v.old is None, v.changed)
                if v.old is None or v.changed:
                    out.append((ident, v))
        return out


def write(db, actor: audit.Actor, v: Versjon, deltaker_id: int) -> None:
    """One version: a new one with its elements and reviews, or the changes to a stored one."""
    plan = replace(v.plan, deltaker_id=deltaker_id)
    if v.old is None:
        plan_id = repo.insert_version(db, actor, plan)
        for day in plan.gjennomganger:
            repo.add_review(db, actor, plan_id, day)
        return
    repo.update_plan_from(db, actor, v.old, plan)
    for day in sorted(set(plan.gjennomganger) - set(v.old.gjennomganger)):
        repo.add_review(db, actor, plan.id, day)
    old = {e.id: e for e in v.old.elementer}
    for e in plan.elementer:
        if e.id is None:
            repo.insert_element(db, actor, plan.id, e)
        elif old[e.id] != e:
            repo.update_element_from(db, actor, old[e.id], e)


def _rows(plan: Plan) -> tuple:
    return repo.plan_row(plan), plan.gjennomganger, tuple(repo.element_row(e) for e in plan.elementer)
