"""Record or correct a placement, and log a follow-up visit or call.

The employer is chosen from the register (type to find it) or added on the spot; the contact
persons offered are that employer's. A rule the input breaks is shown at the field to correct.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.domain.form import MAX_NOTE_CHARS, FieldErrors
from introdesk.domain.names import norwegian_sort_key
from introdesk.domain.praksis import (FORMS, OPPFOLGERE, OPPFOLGING_LABELS, PHASES, PRAKSIS_LABELS, Praksis,
                                      praksis_form)
from introdesk.services import praksis
from introdesk.services.praksis import OverlappingPlacement
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.arbeidsgiver_dialogs import edit_contact, edit_employer
from introdesk.ui.fields import CheckField, ChoiceField, DaysField, Field, FieldSet, NoteField, TextField, code_choices
from introdesk.ui.form_dialog import FormDialog

DATE_HINT = "dd.mm.åååå"
_BOX = QDialogButtonBox.StandardButton


def set_choices(field: ChoiceField, choices: list[tuple[object, str]], value=None) -> None:
    """Replace a choice field's list (the employers, one employer's contacts) and select `value`."""
    combo = field.editor
    combo.blockSignals(True)
    combo.clear()
    for data, text in choices:
        combo.addItem(text, data)
    combo.blockSignals(False)
    field.set_value(value)


def _with_button(field: Field, text: str, slot) -> QWidget:
    """A field with a button beside it («Ny arbeidsgiver …»), on one form row."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    button = QPushButton(text)
    button.clicked.connect(slot)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)  # level with the input, above its message
    row.setFocusProxy(field)
    return row


class PraksisDialog(QDialog):
    def __init__(self, session: Session, deltaker_id: int, placement: Praksis | None = None, parent=None):
        super().__init__(parent)
        self.session, self.deltaker_id, self.placement = session, deltaker_id, placement
        self.saved_id: int | None = None
        self.register_changed = False  # an employer or contact added here, even if the placement is cancelled
        self.setWindowTitle("Endre praksis" if placement else "Ny praksis")
        codes, labels = session.rules.codes, PRAKSIS_LABELS
        default_interval = session.rules.value("praksis.oppfolging_dager", "integreringsloven", datetime.date.today())
        f = self.fields = FieldSet()

        def text(name: str, hint: str = "") -> Field:
            return f.add(TextField(name, labels[name], hint))

        def note(name: str, limit: int) -> Field:
            field = f.add(NoteField(name, labels[name], limit))
            field.editor.setMinimumHeight(60)
            field.editor.setMaximumHeight(100)  # the dialog fits a laptop screen; longer texts scroll
            return field

        # Created in the order they are shown, so a report puts the cursor in the first field to correct.
        kind = f.add(ChoiceField("type", labels["type"], code_choices(codes("praksistype"))))
        self.employer = f.add(ChoiceField("arbeidsgiver_id", labels["arbeidsgiver_id"], [], searchable=True))
        self.employer.editor.lineEdit().setPlaceholderText("Skriv for å søke i registeret")
        self.contact = f.add(ChoiceField("kontakt_id", labels["kontakt_id"], []))
        period = [text("fra", DATE_HINT), text("til", DATE_HINT), f.add(DaysField("dager", labels["dager"])),
                  text("timer_per_uke", "For eksempel 15 eller 7,5"),
                  text("avtale_signert", DATE_HINT + " – tomt til den er signert")]
        self.oppfolger = f.add(ChoiceField("oppfolger", labels["oppfolger"], list(OPPFOLGERE.items())))
        follow_up = [self.oppfolger, text("oppfolger_navn", "Lærerens navn"),
                     text("oppfolging_dager", f"{default_interval} hvis tomt"),
                     *(f.add(CheckField(name, labels[name])) for name in PHASES)]
        content = [note("oppgaver", 3000), note("sprakmal", 3000)]
        self.outcome = f.add(ChoiceField("utfall", labels["utfall"],
                                         code_choices(codes("praksisutfall"), empty="Ikke avsluttet ennå")))
        ending = [note("evaluering", 5000), self.outcome, text("utfall_grunn")]
        other = [note("notat", MAX_NOTE_CHARS)]
        self._fill_employers(placement.arbeidsgiver_id if placement else None)

        columns = QHBoxLayout()
        for groups in (
            [("Praksisplass", [kind, _with_button(self.employer, "Ny &arbeidsgiver …", self._new_employer),
                               _with_button(self.contact, "Ny &kontaktperson …", self._new_contact)]),
             ("Periode og omfang", period), ("Oppfølging", follow_up)],
            [("Innhold", content), ("Avslutning", ending), ("Annet", other)],
        ):
            columns.addLayout(_column(groups), 1)
        buttons = norsk.buttons(_BOX.Save, _BOX.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)

        self.employer.editor.currentIndexChanged.connect(lambda: self._fill_contacts())
        self.oppfolger.editor.currentIndexChanged.connect(self._update_enabled)
        self.outcome.editor.currentIndexChanged.connect(self._update_enabled)
        if placement:
            f.set_values(praksis_form(placement))
        else:
            f.set_values({"type": "sprakpraksis", "oppfolger": "radgiver"})
        self._fill_contacts(placement.kontakt_id if placement else None)
        self._update_enabled()
        self.resize(980, self.sizeHint().height())

    # ----- the employer and its contact persons

    def _fill_employers(self, select: int | None = None) -> None:
        rows = sorted(praksis.employers(self.session), key=lambda r: norwegian_sort_key(r.arbeidsgiver.navn))
        choices = [(None, "")] + [(r.arbeidsgiver.id, _employer_text(r)) for r in rows]
        if select and select not in {r.arbeidsgiver.id for r in rows}:  # removed since: keep it on this placement
            choices.append((select, f"{praksis.get_employer(self.session, select).navn} (fjernet fra registeret)"))
        set_choices(self.employer, choices, select)

    def _fill_contacts(self, select: int | None = None) -> None:
        employer_id = self._employer_id()
        people = praksis.contacts(self.session, employer_id) if employer_id else []
        choices = [(None, "Ingen valgt" if people or not employer_id else "Ingen kontaktpersoner registrert")]
        choices += [(c.id, f"{c.navn}, {c.rolle}" if c.rolle else c.navn) for c in people]
        if select and select not in {c.id for c in people}:  # removed since: keep it on this placement
            choices.append((select, f"{praksis.get_contact(self.session, select).navn} (fjernet)"))
        set_choices(self.contact, choices, select)

    def _employer_id(self) -> int | None:
        value = self.employer.value()
        return value if isinstance(value, int) else None  # typed text that matches no employer: none chosen

    def _new_employer(self) -> None:
        employer_id = edit_employer(self.session, self)
        if employer_id is not None:
            self.register_changed = True
            self._fill_employers(employer_id)
            self._fill_contacts()

    def _new_contact(self) -> None:
        employer_id = self._employer_id()
        if employer_id is None:
            self.fields.report({"arbeidsgiver_id": "Velg arbeidsgiveren først; kontaktpersonen hører til den."})
            return
        contact_id = edit_contact(self.session, employer_id, self)
        if contact_id is not None:
            self.register_changed = True
            self._fill_contacts(contact_id)

    # ----- fields that depend on others

    def _update_enabled(self) -> None:
        teacher = self.oppfolger.value() == "larer"
        self.fields.fields["oppfolger_navn"].setEnabled(teacher)
        code = self.session.rules.codes("praksisutfall").get(self.outcome.value())
        self.fields.fields["utfall_grunn"].setEnabled(bool(code and code.attributes.get("krever_grunn")))

    def values(self) -> dict:
        values = self.fields.values()
        values["arbeidsgiver_id"] = self._employer_id()
        for name in ("oppfolger_navn", "utfall_grunn"):  # a disabled field is not part of the answer
            if not self.fields.fields[name].isEnabled():
                values[name] = ""
        return values

    def accept(self) -> None:
        confirmed = False
        while True:
            try:
                self.saved_id = praksis.save_placement(self.session, self.deltaker_id, self.values(),
                                                       self.placement.id if self.placement else None,
                                                       confirm_overlap=confirmed)
                break
            except FieldErrors as exc:
                self.fields.report(exc.errors)
                # Grow to make room for the messages rather than squeezing the inputs.
                self.resize(self.width(), max(self.height(), self.sizeHint().height()))
                return
            except OverlappingPlacement as exc:
                if not norsk.confirm(self, "Praksis i samme periode", f"{exc}\n\nVil du lagre likevel?"):
                    return
                confirmed = True
        super().accept()


def _column(groups: list[tuple[str, list[QWidget]]]) -> QVBoxLayout:
    """Titled groups of fields, one under the other, with their inputs lined up."""
    column = QVBoxLayout()
    labels = []
    for title, widgets in groups:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for widget in widgets:
            field = widget if isinstance(widget, Field) else widget.focusProxy()  # a field with a button
            form.addRow("" if isinstance(field, CheckField) else field.label, widget)
            if form.labelForField(widget):  # check boxes carry their own text
                labels.append(form.labelForField(widget))
        column.addWidget(box)
    column.addStretch(1)
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)
    return column


def _employer_text(row: praksis.ArbeidsgiverRad) -> str:
    a = row.arbeidsgiver
    return f"{a.navn} ({a.poststed})" if a.poststed else a.navn


def log_followup(session: Session, placement: Praksis, parent: QWidget | None) -> bool:
    """Ask for a visit or call and add it to the follow-up log; True when one was logged."""
    fields = [
        TextField("dato", OPPFOLGING_LABELS["dato"], DATE_HINT),
        ChoiceField("form", OPPFOLGING_LABELS["form"], list(FORMS.items())),
        TextField("av", OPPFOLGING_LABELS["av"]),
        NoteField("notat", OPPFOLGING_LABELS["notat"], 5000),
    ]
    dialog = FormDialog("Logg oppfølging", fields, lambda raw: praksis.log_followup(session, placement.id, raw),
                        intro="Et besøk på arbeidsplassen eller en samtale. Neste oppfølging regnes fra denne.",
                        parent=parent)
    # Usually the same person as last time; else the teacher named on the placement.
    earlier = max(praksis.followups(session, placement.id), key=lambda o: o.dato, default=None)
    dialog.fields.set_values({"dato": format_date(datetime.date.today()), "form": "besok",
                              "av": earlier.av if earlier and earlier.av else placement.oppfolger_navn})
    return bool(dialog.exec())
