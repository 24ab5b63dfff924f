"""The columns the placement lists share (the participant's tab, the overview, an employer's history).

A follow-up that is due soon or overdue carries an icon and a word, so colour is never the only cue.
"""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QStyle

from introdesk.domain.dates import format_date
from introdesk.domain.form import format_hours
from introdesk.domain.frister import FORFALT, HASTER, URGENCY_LABELS, urgency, when
from introdesk.domain.plan import weekdays_text
from introdesk.domain.praksis import period_text
from introdesk.domain.rules import RuleBook
from introdesk.services.praksis import PraksisRad
from introdesk.ui.row_model import Column, date_key, stack

URGENCY_ICONS = {FORFALT: QStyle.StandardPixmap.SP_MessageBoxCritical,
                 HASTER: QStyle.StandardPixmap.SP_MessageBoxWarning}


def followup_urgency(due: datetime.date | None, today: datetime.date) -> str | None:
    """Overdue or urgent as on the radar; None when there is nothing to do yet."""
    found = urgency(due, today) if due else None
    return found if found in URGENCY_ICONS else None


def followup_text(due: datetime.date | None, today: datetime.date) -> str:
    """«Forfalt: 12.05.2026, 3 dager over fristen», «Haster: 20.05.2026, om 1 dag», «02.06.2026, om 14 dager»."""
    if due is None:
        return "–"  # planned or ended: nothing to follow up
    found = followup_urgency(due, today)
    word = f"{URGENCY_LABELS[found]}: " if found else ""
    return f"{word}{format_date(due)}, {when(due, today)}"


def praksis_columns(rules: RuleBook) -> dict[str, Column]:
    """Every column a placement list may show, by name; each list picks its own."""
    types, outcomes = rules.codes("praksistype"), rules.codes("praksisutfall")

    def outcome(r: PraksisRad) -> str:
        return outcomes.label(r.praksis.utfall) if r.praksis.utfall else r.status

    columns = {
        "deltaker": Column("Deltaker", lambda r: r.deltaker),
        "arbeidsgiver": Column("Arbeidsgiver", lambda r: r.arbeidsgiver,
                               tooltip=lambda r: f"{r.arbeidsgiver}\nKontaktperson: {r.kontakt or 'ikke valgt'}"),
        "type": Column("Type", lambda r: types.label(r.praksis.type)),
        "periode": Column("Periode", lambda r: period_text(r.praksis),
                          sort=lambda r: (r.praksis.fra.toordinal(), r.praksis.til.toordinal())),
        "dager": Column("Dager", lambda r: weekdays_text(r.praksis.dager), sort=lambda r: r.praksis.dager),
        "timer": Column("Timer", lambda r: f"{format_hours(r.praksis.timer_per_uke)} t/uke",
                        sort=lambda r: r.praksis.timer_per_uke, number=True),
        "status": Column("Status", lambda r: r.status),
        "oppfolger": Column("Følges opp av", lambda r: r.oppfolger),
        "neste": Column("Neste oppfølging", lambda r: followup_text(r.neste_oppfolging, datetime.date.today()),
                        sort=lambda r: (r.neste_oppfolging is None, date_key(r.neste_oppfolging)),
                        icon=lambda r: URGENCY_ICONS.get(followup_urgency(r.neste_oppfolging, datetime.date.today())),
                        tooltip=lambda r: f"Sist fulgt opp {format_date(r.siste_oppfolging)}" if r.siste_oppfolging
                        else "Ikke fulgt opp ennå"),
        "siste": Column("Sist fulgt opp", lambda r: format_date(r.siste_oppfolging),
                        sort=lambda r: date_key(r.siste_oppfolging)),
        "utfall": Column("Utfall", outcome, tooltip=lambda r: r.praksis.utfall_grunn),
    }
    c = columns
    columns.update({  # two lines a cell, for the participant's page, where one column each would not fit
        "praksis": stack("Praksis", c["arbeidsgiver"], c["type"]),
        "periode_status": stack("Periode", c["periode"], c["status"]),
        "omfang": stack("Dager", c["dager"], c["timer"], sort_by=c["timer"]),
        "oppfolging": stack("Oppfølging", c["oppfolger"], c["neste"], sort_by=c["neste"]),
    })
    return columns


def pick(columns: dict[str, Column], *names: str) -> list[Column]:
    return [columns[name] for name in names]
