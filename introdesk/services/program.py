"""A participant's programme: record, correct and remove events, and what follows from them."""

from __future__ import annotations

import datetime
from typing import Any

from introdesk.domain import forlop as forlop_rules
from introdesk.domain.form import FieldErrors
from introdesk.domain.forlop import Forlop
from introdesk.domain.hendelser import Hendelse, check_consistency, parse_hendelse, without
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import hendelser as repo


def hendelser(session: Session, deltaker_id: int) -> list[Hendelse]:
    return repo.for_deltaker(session.db, deltaker_id)


def get_hendelse(session: Session, hendelse_id: int) -> Hendelse:
    return repo.get(session.db, hendelse_id)


def forlop(session: Session, deltaker_id: int, today: datetime.date | None = None) -> Forlop:
    lovverk = deltaker_repo.get(session.db, deltaker_id).deltaker.lovverk
    return forlop_rules.summarize(hendelser(session, deltaker_id), lovverk, session.rules, today or datetime.date.today())


def statuses(session: Session, today: datetime.date | None = None) -> dict[int, Forlop]:
    """Every living participant's programme, read in one go: the list and the radar share it."""
    today = today or datetime.date.today()
    events = repo.all_living(session.db)
    return {
        r["id"]: forlop_rules.summarize(events.get(r["id"], []), r["lovverk"], session.rules, today)
        for r in deltaker_repo.list_rows(session.db)
    }


def save_hendelse(session: Session, deltaker_id: int, raw: dict[str, Any], hendelse_id: int | None = None) -> int:
    """Validate and store an event (new, or a correction of hendelse_id); returns its id.

    Raises FieldErrors with the message at the field to correct, and then nothing is written.
    """
    today = datetime.date.today()
    new = parse_hendelse(raw, deltaker_id, session.rules, today, hendelse_id)
    with session.db.atomic():
        deltaker = deltaker_repo.get(session.db, deltaker_id).deltaker
        others = without(repo.for_deltaker(session.db, deltaker_id), hendelse_id)
        check_consistency(new, others, deltaker.bosatt_dato, deltaker.lovverk, session.rules)
        check_extension_limit(new, others, deltaker.lovverk, session, today)
        if hendelse_id is None:
            return repo.insert(session.db, session.actor, new)
        repo.update(session.db, session.actor, new)
        return hendelse_id


def check_extension_limit(new: Hendelse, others: list[Hendelse], lovverk: str, session: Session,
                           today: datetime.date) -> None:
    if new.type != "forlengelse":
        return
    f = forlop_rules.summarize(others, lovverk, session.rules, today)
    if f.max_extension_months is not None and f.extension_months + (new.maaneder or 0) > f.max_extension_months:
        raise FieldErrors({"maaneder": f"Programmet kan forlenges med høyst {f.max_extension_months} måneder i alt "
                                       f"for denne sluttmålgruppen; {f.extension_months} er allerede vedtatt."})


def delete_hendelse(session: Session, hendelse_id: int) -> None:
    """Soft delete, like participants: the event leaves the programme but stays in the history."""
    with session.db.atomic():
        repo.set_deleted(session.db, session.actor, hendelse_id, True)


def restore_hendelse(session: Session, hendelse_id: int) -> None:
    h = repo.get(session.db, hendelse_id)
    with session.db.atomic():
        deltaker = deltaker_repo.get(session.db, h.deltaker_id).deltaker
        check_consistency(h, without(repo.for_deltaker(session.db, h.deltaker_id), hendelse_id),
                          deltaker.bosatt_dato, deltaker.lovverk, session.rules)
        repo.set_deleted(session.db, session.actor, hendelse_id, False)
