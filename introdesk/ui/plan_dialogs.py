"""The plan tab's dialogs: the plan's own fields, one element, hours completed, a review, and comparing
two versions. Each saves through services.plan; a message from the services stands at its field."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
)

from introdesk.domain.dates import format_date
from introdesk.domain.form import MAX_NOTE_CHARS, format_count, format_hours
from introdesk.domain.plan import (
    ELEMENT_LABELS,
    PLAN_LABELS,
    WORKDAYS,
    Element,
    Plan,
    element_form,
    plan_form,
)
from introdesk.services import plan as plan_service
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import CheckField, ChoiceField, DaysField, NoteField, TextField, code_choices
from introdesk.ui.form_dialog import FormDialog

DATE_HINT = "dd.mm.åååå"
RETNING_CHOICES = [(None, "Ingen av delene"), ("arbeid", "Arbeidsrettet"), ("utdanning", "Utdanningsrettet")]
RETNING_SHORT = {"arbeid": "Arbeid", "utdanning": "Utdanning"}


def version_label(plan: Plan, current: bool) -> str:
    return f"Versjon {plan.versjon} – {format_date(plan.dato)}{' (gjeldende)' if current else ''}"


# ----- the plan's own fields

def plan_dialog(title: str, save, values: dict, intro: str, parent=None) -> FormDialog:
    """The plan's fields, filled with `values` (as plan_values gives them); `save(values)` stores them."""
    fields = [
        TextField("dato", PLAN_LABELS["dato"], DATE_HINT),
        TextField("sluttmal", PLAN_LABELS["sluttmal"], "Arbeid eller utdanning, så konkret som mulig"),
        TextField("norskmal", PLAN_LABELS["norskmal"], "For eksempel B1 muntlig og skriftlig"),
        NoteField("onsker", PLAN_LABELS["onsker"], 5000),
        TextField("praksis_onske", PLAN_LABELS["praksis_onske"], "Bransje eller arbeidsplass"),
        CheckField("selvstudium", PLAN_LABELS["selvstudium"]),
        TextField("kontrakt_signert", PLAN_LABELS["kontrakt_signert"], "dd.mm.åååå – tomt til den er signert"),
        NoteField("notat", PLAN_LABELS["notat"], MAX_NOTE_CHARS),
    ]
    dialog = FormDialog(title, fields, save, intro, parent)
    dialog.fields.set_values(values)
    dialog.resize(560, dialog.sizeHint().height())
    return dialog


def plan_values(plan: Plan | None, dato: datetime.date) -> dict:
    """A plan's fields as the form shows them, dated `dato`; a blank plan when there is none."""
    return {**(plan_form(plan) if plan else {}), "dato": format_date(dato)}


# ----- one element

class ElementDialog(FormDialog):
    """A new element (dated with the programme period, Monday to Friday) or one to correct."""

    def __init__(self, session: Session, plan_id: int, element: Element | None = None,
                 period: tuple[datetime.date | None, datetime.date | None] = (None, None), parent=None):
        codes = session.rules.codes
        labels = ELEMENT_LABELS
        fields = [
            ChoiceField("type", labels["type"], code_choices(codes("elementtype"))),
            TextField("tilbyder", labels["tilbyder"], "For eksempel voksenopplæringen eller NAV"),
            TextField("fra", labels["fra"], DATE_HINT),
            TextField("til", labels["til"], DATE_HINT),
            TextField("timer_per_uke", labels["timer_per_uke"], "For eksempel 7,5"),
            DaysField("dager", labels["dager"]),
            ChoiceField("retning", labels["retning"], RETNING_CHOICES),
            TextField("oppfolging", labels["oppfolging"], "Navn eller tjeneste"),
            ChoiceField("status", labels["status"], code_choices(codes("elementstatus"), empty=None)),
            TextField("timer_fullfort", labels["timer_fullfort"], "Tomt til timene er registrert"),
            TextField("beskrivelse", labels["beskrivelse"], "For eksempel «Spor 2, muntlig og skriftlig»"),
            NoteField("notat", labels["notat"], 5000),
        ]
        super().__init__("Endre element" if element else "Nytt element", fields, self._save, parent=parent)
        self.session, self.plan_id, self.element = session, plan_id, element
        self.saved_id: int | None = None
        self.fields.set_values(element_form(element) if element else
                               {"fra": format_date(period[0]), "til": format_date(period[1]),
                                "dager": list(WORKDAYS), "status": "planlagt"})
        self.resize(560, self.sizeHint().height())

    def _save(self, values: dict) -> None:
        self.saved_id = plan_service.save_element(self.session, self.plan_id, values,
                                                  self.element.id if self.element else None)


def hours_dialog(session: Session, element: Element, parent=None) -> FormDialog:
    planned = format_count(int(element.planned_hours().quantize(Decimal("1"))))
    name = session.rules.codes("elementtype").label(element.type)
    dialog = FormDialog(
        "Registrer timer",
        [TextField("timer_fullfort", ELEMENT_LABELS["timer_fullfort"], "For eksempel 12,5")],
        lambda values: plan_service.record_hours(session, element.id, values["timer_fullfort"]),
        f"{name}: timer gjennomført så langt, av {planned} planlagt i perioden "
        f"{format_date(element.fra)}–{format_date(element.til)}. Det er disse timene deltakerbeviset viser.",
        parent)
    dialog.fields.set_values({"timer_fullfort": format_hours(element.timer_fullfort)})
    return dialog


def review_dialog(session: Session, plan: Plan, parent=None) -> FormDialog:
    dialog = FormDialog(
        "Registrer gjennomgang",
        [TextField("dato", "Dato for gjennomgangen", DATE_HINT)],
        lambda values: plan_service.add_review(session, plan.id, values["dato"]),
        f"Versjon {plan.versjon} er gått gjennom sammen med deltakeren og beholdes som den er. "
        "Blir planen endret, lag heller en ny versjon.",
        parent)
    dialog.fields.set_values({"dato": format_date(datetime.date.today())})
    return dialog


# ----- comparing versions

class CompareDialog(QDialog):
    """Two versions side by side in words: what changed from the one to the other."""

    def __init__(self, session: Session, plans: list[Plan], old: Plan, new: Plan, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Sammenlign versjoner")
        self.old_combo, self.new_combo = QComboBox(), QComboBox()
        for combo, chosen in ((self.old_combo, old), (self.new_combo, new)):
            for p in plans:
                combo.addItem(version_label(p, p is plans[-1]), p.id)
            combo.setCurrentIndex(combo.findData(chosen.id))
            combo.currentIndexChanged.connect(self._compare)
        self.changes = QPlainTextEdit()
        self.changes.setReadOnly(True)
        self.changes.setAccessibleName("Endringer")
        form = QFormLayout()
        form.addRow("&Fra", self.old_combo)
        form.addRow("&Til", self.new_combo)
        form.addRow("Endringer", self.changes)
        buttons = norsk.buttons(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self._compare()

    def lines(self) -> list[str]:
        return self.changes.toPlainText().splitlines()

    def _compare(self) -> None:
        old_id, new_id = self.old_combo.currentData(), self.new_combo.currentData()
        if old_id == new_id:
            self.changes.setPlainText("Velg to forskjellige versjoner.")
            return
        changes = plan_service.diff(self.session, old_id, new_id)
        self.changes.setPlainText("\n".join(f"• {line}" for line in changes) if changes else "Ingen endringer.")
