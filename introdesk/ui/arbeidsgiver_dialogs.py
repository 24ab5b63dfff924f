"""Add or correct an employer or one of its contact persons: from the register and from the placement dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from PySide6.QtWidgets import QWidget

from introdesk.domain.form import MAX_NOTE_CHARS
from introdesk.domain.praksis import ARBEIDSGIVER_LABELS, KONTAKT_LABELS
from introdesk.services import praksis
from introdesk.services.session import Session
from introdesk.ui.fields import ChoiceField, Field, NoteField, TextField, code_choices
from introdesk.ui.form_dialog import FormDialog


def edit_employer(session: Session, parent: QWidget | None, employer_id: int | None = None) -> int | None:
    """The employer form; returns the employer's id once saved, None when cancelled."""
    labels = ARBEIDSGIVER_LABELS
    fields = [
        TextField("navn", labels["navn"]),
        TextField("orgnr", labels["orgnr"], "9 siffer – tomt hvis arbeidsplassen ikke har et"),
        TextField("adresse", labels["adresse"]),
        TextField("postnummer", labels["postnummer"]),
        TextField("poststed", labels["poststed"]),
        ChoiceField("sektor", labels["sektor"], code_choices(session.rules.codes("sektor"))),
        NoteField("notat", labels["notat"], MAX_NOTE_CHARS),
    ]
    values = {}
    if employer_id is not None:
        employer = praksis.get_employer(session, employer_id)
        values = asdict(employer) | {"orgnr": employer.orgnr_formatted()}
    return _edit("Endre arbeidsgiver" if employer_id else "Ny arbeidsgiver", fields, values,
                 lambda raw: praksis.save_employer(session, raw, employer_id), parent)


def edit_contact(session: Session, employer_id: int, parent: QWidget | None,
                 contact_id: int | None = None) -> int | None:
    """The contact person form; returns the contact's id once saved, None when cancelled."""
    fields = [TextField(name, label) for name, label in KONTAKT_LABELS.items()]
    values = {}
    if contact_id is not None:
        values = next(asdict(c) for c in praksis.contacts(session, employer_id) if c.id == contact_id)
    return _edit("Endre kontaktperson" if contact_id else "Ny kontaktperson", fields, values,
                 lambda raw: praksis.save_contact(session, employer_id, raw, contact_id), parent)


def _edit(title: str, fields: list[Field], values: dict, save: Callable[[dict], int],
          parent: QWidget | None) -> int | None:
    saved: list[int] = []
    dialog = FormDialog(title, fields, lambda raw: saved.append(save(raw)), parent=parent)
    dialog.fields.set_values(values)
    return saved[-1] if dialog.exec() else None
