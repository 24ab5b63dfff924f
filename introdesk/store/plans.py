"""Integration plans: versions with their elements and reviews, every change in the audit trail."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

import sqlite_utils

from introdesk.domain.plan import Element, Plan
from introdesk.store import audit, records

TABLE = "plan"


@dataclass(frozen=True)
class _Gjennomgang:
    """A review's row; the plan itself holds only the dates."""

    plan_id: int
    dato: datetime.date


_PLAN = records.Mapper(TABLE, Plan, skip=("id", "elementer", "gjennomganger"))
_ELEMENT = records.Mapper("plan_element", Element, skip=("id",))
_REVIEW = records.Mapper("plan_gjennomgang", _Gjennomgang)


def insert_version(db: sqlite_utils.Database, actor: audit.Actor, plan: Plan) -> int:
    """A new version with its elements (a copy of the last one, or a first plan)."""
    plan_id = _PLAN.insert(db, actor, plan)
    for element in plan.elementer:
        _ELEMENT.insert(db, actor, element, plan_id=plan_id)
    return plan_id


def update_plan(db: sqlite_utils.Database, actor: audit.Actor, plan_id: int, new: Plan) -> dict[str, list]:
    """The plan's own fields; elements and reviews have their own calls."""
    return _PLAN.update(db, actor, plan_id, get(db, plan_id), new)


def update_plan_from(db: sqlite_utils.Database, actor: audit.Actor, old: Plan, new: Plan) -> dict[str, list]:
    """As update_plan, with the plan as stored at hand (an import)."""
    return _PLAN.update(db, actor, old.id, old, new)


def update_element_from(db: sqlite_utils.Database, actor: audit.Actor, old: Element, new: Element) -> dict[str, list]:
    return _ELEMENT.update(db, actor, old.id, old, new)


def plan_row(plan: Plan) -> dict:
    return _PLAN.to_row(plan)


def element_row(element: Element) -> dict:
    return _ELEMENT.to_row(element)


def insert_element(db: sqlite_utils.Database, actor: audit.Actor, plan_id: int, element: Element) -> int:
    return _ELEMENT.insert(db, actor, element, plan_id=plan_id)


def update_element(db: sqlite_utils.Database, actor: audit.Actor, element: Element) -> dict[str, list]:
    return _ELEMENT.update(db, actor, element.id, get_element(db, element.id), element)


def set_element_deleted(db: sqlite_utils.Database, actor: audit.Actor, element_id: int) -> None:
    _ELEMENT.set_deleted(db, actor, element_id, True)


def get_element(db: sqlite_utils.Database, element_id: int) -> Element:
    return _ELEMENT.get(db, element_id)


def plan_of_element(db: sqlite_utils.Database, element_id: int) -> int:
    return db.execute("SELECT plan_id FROM plan_element WHERE id = ?", [element_id]).fetchone()[0]


def add_review(db: sqlite_utils.Database, actor: audit.Actor, plan_id: int, day: datetime.date) -> int:
    return _REVIEW.insert(db, actor, _Gjennomgang(plan_id, day))


def get(db: sqlite_utils.Database, plan_id: int) -> Plan:
    rows = db.execute_returning_dicts(f"SELECT * FROM {TABLE} WHERE id = ?", [plan_id])
    if not rows:
        raise KeyError(plan_id)
    return _assemble(db, rows)[0]


def versions(db: sqlite_utils.Database, deltaker_id: int) -> list[Plan]:
    """The participant's plan versions, oldest first."""
    rows = db.execute_returning_dicts(
        f"SELECT * FROM {TABLE} WHERE deltaker_id = ? AND slettet IS NULL ORDER BY versjon", [deltaker_id])
    return _assemble(db, rows)


def _assemble(db: sqlite_utils.Database, rows: list[dict]) -> list[Plan]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ", ".join("?" for _ in ids)
    elements: dict[int, list[Element]] = {}
    for r in db.execute_returning_dicts(
            f"SELECT * FROM plan_element WHERE plan_id IN ({marks}) AND slettet IS NULL ORDER BY fra, id", ids):
        elements.setdefault(r["plan_id"], []).append(_ELEMENT.from_row(r, id=r["id"]))
    reviews: dict[int, list[datetime.date]] = {}
    for plan_id, day in db.execute(
            f"SELECT plan_id, dato FROM plan_gjennomgang WHERE plan_id IN ({marks}) AND slettet IS NULL "
            "ORDER BY dato", ids).fetchall():
        reviews.setdefault(plan_id, []).append(datetime.date.fromisoformat(day))
    return [replace(_PLAN.from_row(r, id=r["id"]), elementer=tuple(elements.get(r["id"], ())),
                    gjennomganger=tuple(reviews.get(r["id"], ()))) for r in rows]


def latest_dates(db: sqlite_utils.Database) -> dict[int, tuple[datetime.date, datetime.date]]:
    """Per living participant: the first plan's date and the last date the plan was made or reviewed.

    One query for the whole register: the deadline radar needs it for everyone at start-up.
    """
    rows = db.execute(
        "SELECT p.deltaker_id, min(p.dato), max(max(p.dato), coalesce(max(g.dato), p.dato)) "
        "FROM plan p LEFT JOIN plan_gjennomgang g ON g.plan_id = p.id AND g.slettet IS NULL "
        "WHERE p.slettet IS NULL GROUP BY p.deltaker_id"
    ).fetchall()
    return {r[0]: (datetime.date.fromisoformat(r[1]), datetime.date.fromisoformat(r[2])) for r in rows}


def placement_wishes(db: sqlite_utils.Database) -> dict[int, str]:
    """Each participant's wish about a placement, from the current version of their plan."""
    rows = db.execute(
        "SELECT deltaker_id, praksis_onske FROM plan p WHERE slettet IS NULL AND versjon = "
        "(SELECT max(versjon) FROM plan q WHERE q.deltaker_id = p.deltaker_id AND q.slettet IS NULL)").fetchall()
    return dict(rows)


def current_plans(db: sqlite_utils.Database, deltaker_ids: list[int] | None = None) -> dict[int, Plan]:
    """Each participant's current version (the highest), in two queries for the whole register."""
    where, params = "", []
    if deltaker_ids is not None:
        where, params = f" AND p.deltaker_id IN ({', '.join('?' for _ in deltaker_ids) or 'NULL'})", list(deltaker_ids)
    rows = db.execute_returning_dicts(
        f"SELECT * FROM {TABLE} p WHERE slettet IS NULL{where} AND versjon = "
        f"(SELECT max(versjon) FROM {TABLE} q WHERE q.deltaker_id = p.deltaker_id AND q.slettet IS NULL)", params)
    return {plan.deltaker_id: plan for plan in _assemble(db, rows)}
