"""A participant's integration plan: versions, elements, reviews, the checks and the printed plan."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from introdesk.domain import plan as rules_plan
from introdesk.domain.form import FieldErrors, InputParser
from introdesk.domain.hendelser import Hendelse
from introdesk.domain.plan import Avvik, Plan, Programperiode
from introdesk.services import program, settings
from introdesk.services.files import writing
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import plans as repo


def versions(session: Session, deltaker_id: int) -> list[Plan]:
    """Every version of the participant's plan, oldest first."""
    return repo.versions(session.db, deltaker_id)


def current(session: Session, deltaker_id: int) -> Plan | None:
    found = versions(session, deltaker_id)
    return found[-1] if found else None


def get(session: Session, plan_id: int) -> Plan:
    return repo.get(session.db, plan_id)


def new_version(session: Session, deltaker_id: int, raw: dict[str, Any]) -> int:
    """A new version: a copy of the last one with the fields given in `raw` changed, or a first plan.

    A first plan takes its end goal from the programme's «sluttmål fastsatt» when none is typed.
    """
    today = datetime.date.today()
    with session.db.atomic():
        found = repo.versions(session.db, deltaker_id)
        fields = rules_plan.parse_plan({**(rules_plan.plan_form(found[-1]) if found else {}), **raw}, today)
        if found:
            last = found[-1]
            _not_before(fields["dato"], last.last_reviewed, f"Versjon {last.versjon} ble sist laget eller gjennomgått")
            plan = replace(rules_plan.copy_for_new_version(last, fields["dato"]), **fields)
        else:
            if not fields["sluttmal"]:
                fields["sluttmal"] = _programme_goal(program.hendelser(session, deltaker_id))
            plan = Plan(deltaker_id=deltaker_id, versjon=1, **fields)
        return repo.insert_version(session.db, session.actor, plan)


def _programme_goal(events: list[Hendelse]) -> str:
    goals = [e.sluttmal for e in events if e.type == "sluttmal" and e.sluttmal]
    return goals[-1] if goals else ""


def update(session: Session, plan_id: int, raw: dict[str, Any]) -> dict[str, list]:
    """Correct the plan's own fields given in `raw` (the current version only: earlier ones are the record)."""
    with session.db.atomic():
        old = _editable(session, plan_id)
        fields = rules_plan.parse_plan({**rules_plan.plan_form(old), **raw}, datetime.date.today())
        earlier = [v for v in repo.versions(session.db, old.deltaker_id) if v.versjon < old.versjon]
        if earlier:
            _not_before(fields["dato"], earlier[-1].last_reviewed,
                        f"Versjon {earlier[-1].versjon} ble sist laget eller gjennomgått")
        if old.gjennomganger and fields["dato"] > min(old.gjennomganger):
            raise FieldErrors({"dato": f"Planen ble gjennomgått {min(old.gjennomganger):%d.%m.%Y}; den kan ikke "
                                       "være laget etter det."})
        return repo.update_plan(session.db, session.actor, plan_id, replace(old, **fields))


def save_element(session: Session, plan_id: int, raw: dict[str, Any], element_id: int | None = None) -> int:
    """Add an element to the current version, or correct one of its elements."""
    with session.db.atomic():
        _editable(session, plan_id)
        if element_id is None:
            element = rules_plan.parse_element(raw, session.rules, uuid.uuid4().hex[:12])
            return repo.insert_element(session.db, session.actor, plan_id, element)
        old = repo.get_element(session.db, element_id)
        element = replace(rules_plan.parse_element(raw, session.rules, old.nokkel), id=element_id)
        repo.update_element(session.db, session.actor, element)
        return element_id


def delete_element(session: Session, element_id: int) -> None:
    with session.db.atomic():
        _editable(session, repo.plan_of_element(session.db, element_id))
        repo.set_element_deleted(session.db, session.actor, element_id)


def record_hours(session: Session, element_id: int, hours: str) -> None:
    """Hours completed for an element (by hand until attendance records them); what the certificate reports."""
    parser = InputParser({"timer_fullfort": hours}, rules_plan.ELEMENT_LABELS)
    value = parser.hours("timer_fullfort", 5000)
    parser.raise_if_errors()
    with session.db.atomic():
        _editable(session, repo.plan_of_element(session.db, element_id))
        repo.update_element(session.db, session.actor, replace(repo.get_element(session.db, element_id),
                                                               timer_fullfort=value))


def add_review(session: Session, plan_id: int, day: str | datetime.date) -> None:
    """The plan was gone through with the participant and kept as it is: the review clock restarts."""
    parser = InputParser({"dato": day}, {"dato": "Dato for gjennomgangen"})
    when = parser.date("dato", required=True, not_after=datetime.date.today())
    parser.raise_if_errors()
    with session.db.atomic():
        plan = _editable(session, plan_id)
        _not_before(when, plan.dato, f"Planen (versjon {plan.versjon}) er datert")
        repo.add_review(session.db, session.actor, plan_id, when)


def _not_before(day: datetime.date, limit: datetime.date, what: str) -> None:
    if day < limit:
        raise FieldErrors({"dato": f"{what} {limit:%d.%m.%Y}; datoen kan ikke være før det."})


def _editable(session: Session, plan_id: int) -> Plan:
    plan = repo.get(session.db, plan_id)
    latest = repo.versions(session.db, plan.deltaker_id)[-1]
    if latest.id != plan_id:
        raise FieldErrors({"versjon": f"Versjon {plan.versjon} er erstattet av versjon {latest.versjon} og kan ikke "
                                      "endres. Endre den gjeldende versjonen, eller lag en ny."})
    return plan


def programme_period(session: Session, deltaker_id: int, today: datetime.date | None = None) -> Programperiode:
    """The programme around the plan: regime, start, (planned) end, children under 18."""
    d = deltaker_repo.get(session.db, deltaker_id).deltaker
    f = program.forlop(session, deltaker_id, today)
    return Programperiode(d.lovverk, f.start, f.ended or f.planned_end, bool(d.barn_under_18))


def check(session: Session, plan: Plan, today: datetime.date | None = None) -> list[Avvik]:
    return rules_plan.check_plan(plan, programme_period(session, plan.deltaker_id, today), session.rules)


def weeks(session: Session, plan: Plan) -> list[rules_plan.Uke]:
    return rules_plan.weeks(plan, programme_period(session, plan.deltaker_id), session.rules)


def diff(session: Session, old_id: int, new_id: int) -> list[str]:
    return rules_plan.diff_plans(repo.get(session.db, old_id), repo.get(session.db, new_id), session.rules)


def write_pdf(session: Session, deltaker_id: int, target: Path, plan_id: int | None = None,
              malform: str | None = None) -> Path:
    """The plan (the current version unless another is named) as PDF for signing."""
    # ReportLab loads when the first document is written, not at start-up.
    from introdesk.reports.plan_pdf import render_plan

    plan = repo.get(session.db, plan_id) if plan_id else current(session, deltaker_id)
    if plan is None:
        raise FieldErrors({"plan": "Deltakeren har ingen integreringsplan ennå."})
    municipality = settings.load(session)
    deltaker = deltaker_repo.get(session.db, deltaker_id).deltaker
    with writing(target):
        return render_plan(target, plan, deltaker, programme_period(session, deltaker_id), municipality,
                           session.rules, malform or municipality.malform)

