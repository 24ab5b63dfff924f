"""Record or correct one programme event. The fields follow the kind of event chosen; a rule the event
breaks is shown at the field to correct, and the dialog stays open until it is saved or cancelled."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from introdesk.domain import nir
from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors
from introdesk.domain.hendelser import FIELD_LABELS, GRUNN_LABELS, KINDS, Hendelse
from introdesk.services import deltakere, program
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import CheckField, ChoiceField, FieldSet, NoteField, TextField, code_choices

DATE_HINT = "dd.mm.åååå"
_BOX = QDialogButtonBox.StandardButton
_GRUNN_LISTS = {kind: k.codes["grunn"] for kind, k in KINDS.items() if k.codes and "grunn" in k.codes}


class HendelseDialog(QDialog):
    def __init__(self, session: Session, deltaker_id: int, hendelse: Hendelse | None = None,
                 kind: str | None = None, parent=None):
        super().__init__(parent)
        self.session, self.deltaker_id, self.hendelse = session, deltaker_id, hendelse
        self.saved_id: int | None = None
        self.setWindowTitle("Endre hendelse" if hendelse else "Ny hendelse")
        lovverk = deltakere.get_deltaker(session, deltaker_id).deltaker.lovverk
        self._nir_kinds = nir.kinds(session.rules, lovverk, datetime.date.today())  # the others have no NIR date
        codes = session.rules.codes
        f = self.fields = FieldSet()
        f.add(ChoiceField("type", "&Hendelse", [(None, "")] + [(k, v.label) for k, v in KINDS.items()]))
        for name in ("dato", "til_dato", "vedtaksdato"):
            f.add(TextField(name, FIELD_LABELS[name], DATE_HINT))
        f.add(ChoiceField("sluttmalgruppe", FIELD_LABELS["sluttmalgruppe"], code_choices(codes("sluttmalgruppe"))))
        f.add(TextField("sluttmal", FIELD_LABELS["sluttmal"], "Så konkret som mulig"))
        f.add(TextField("grunn", FIELD_LABELS["grunn"]))
        for list_name in _GRUNN_LISTS.values():  # kinds whose "grunn" is a code pick it from their list
            f.add(ChoiceField(f"grunn_{list_name}", "Grunn", code_choices(codes(list_name))))
        f.add(CheckField("med_stonad", "Med stønad i permisjonen"))
        f.add(TextField("maaneder", "Antall måneder"))
        f.add(ChoiceField("utgang", FIELD_LABELS["utgang"], code_choices(codes("utgang"))))
        f.add(ChoiceField("sluttarsak", FIELD_LABELS["sluttarsak"], code_choices(codes("sluttarsak"))))
        f.add(TextField("hovedaktivitet", FIELD_LABELS["hovedaktivitet"]))
        f.add(ChoiceField("utfall", FIELD_LABELS["utfall"], code_choices(codes("klageutfall"), empty="Ikke avgjort")))
        f.add(TextField("utfall_dato", FIELD_LABELS["utfall_dato"], DATE_HINT))
        f.add(TextField("nir_dato", FIELD_LABELS["nir_dato"], "dd.mm.åååå – tomt til den er registrert"))
        f.add(NoteField("notat", "Notat", 5000))

        self.form = QFormLayout()
        self._labels: dict[str, QLabel] = {}
        for name, field in f.fields.items():
            if isinstance(field, CheckField):
                self.form.addRow("", field)
            else:
                label = QLabel(field.label)
                label.setBuddy(field.editor)
                self._labels[name] = label
                self.form.addRow(label, field)
        self.buttons = norsk.buttons(_BOX.Save, _BOX.Cancel, parent=self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

        f.fields["type"].editor.currentIndexChanged.connect(self._kind_changed)
        if hendelse:
            self._fill(hendelse)
            f.fields["type"].setEnabled(False)  # a different kind is a different event
        elif kind:
            f.fields["type"].set_value(kind)
        self._kind_changed()
        self.resize(560, self.sizeHint().height())

    def _fill(self, h: Hendelse) -> None:
        values = {name: getattr(h, name, None) for name in self.fields.fields}
        for name in ("dato", "til_dato", "vedtaksdato", "utfall_dato", "nir_dato"):
            values[name] = format_date(values[name])
        values["maaneder"] = "" if h.maaneder is None else str(h.maaneder)
        for kind, list_name in _GRUNN_LISTS.items():
            values[f"grunn_{list_name}"] = h.grunn if h.type == kind else None
        self.fields.set_values(values)

    def _kind_changed(self) -> None:
        kind_code = self.fields.fields["type"].value()
        kind = KINDS.get(kind_code)
        shown = {"type", "dato", "notat", *(kind.fields if kind else ())}
        if kind_code in self._nir_kinds or (self.hendelse and self.hendelse.nir_dato):
            shown.add("nir_dato")
        if kind_code in _GRUNN_LISTS:
            shown = (shown - {"grunn"}) | {f"grunn_{_GRUNN_LISTS[kind_code]}"}
        for name, field in self.fields.fields.items():
            self.form.setRowVisible(field, name in shown)
        if kind:
            self._labels["dato"].setText(kind.date_label)
            for name in ("grunn", *(f"grunn_{n}" for n in _GRUNN_LISTS.values())):
                self._labels[name].setText(GRUNN_LABELS.get(kind_code, "Grunn"))
        self.adjustSize()

    def values(self) -> dict:
        values = self.fields.values()
        if values.get("type") in _GRUNN_LISTS:
            values["grunn"] = values.get(f"grunn_{_GRUNN_LISTS[values['type']]}") or ""
        return values

    def accept(self) -> None:
        try:
            self.saved_id = program.save_hendelse(
                self.session, self.deltaker_id, self.values(), self.hendelse.id if self.hendelse else None
            )
        except FieldErrors as exc:
            errors = dict(exc.errors)
            kind = self.fields.fields["type"].value()
            if "grunn" in errors and kind in _GRUNN_LISTS:
                errors[f"grunn_{_GRUNN_LISTS[kind]}"] = errors.pop("grunn")
            self.fields.report(errors)
            return
        super().accept()
