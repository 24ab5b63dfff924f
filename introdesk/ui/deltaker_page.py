"""The selected participant's page: the form, the eligibility assessment and the case history."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain import malgruppe
from introdesk.domain.dates import format_date
from introdesk.domain.deltaker import LABELS, parse_deltaker, to_form
from introdesk.domain.form import MAX_NOTE_CHARS, FieldErrors
from introdesk.domain.hendelser import FIELD_LABELS as HENDELSE_LABELS
from introdesk.domain.hendelser import KINDS
from introdesk.domain.plan import ELEMENT_LABELS, PLAN_LABELS
from introdesk.domain.praksis import OPPFOLGING_LABELS, PRAKSIS_LABELS
from introdesk.domain.ident import parse_person_id
from introdesk.services import deltakere
from introdesk.services.deltakere import PossibleDuplicate
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.deltakerbevis_tab import DeltakerbevisTab
from introdesk.ui.fravaer_tab import FravaerTab
from introdesk.ui.praksis_tab import PraksisTab
from introdesk.ui.plan_tab import PlanTab
from introdesk.ui.program_tab import ProgramTab
from introdesk.ui.tables import read_only_table
from introdesk.ui.fields import CheckField, ChoiceField, FieldSet, NoteField, TextField, code_choices, push_button

DATE_HINT = "dd.mm.åååå"
ACTION_LABELS = {"opprettet": "Opprettet", "endret": "Endret", "slettet": "Slettet", "gjenopprettet": "Gjenopprettet",
                 "utstedt": "Utstedt"}
# Where a change came from, when not the window: shown after the user in the history.
_SOURCES = {"import": "import", "cli": "kommandolinje", "demo": "demo"}
# The records of a case besides the participant's own: what the history calls each, and its field names.
HISTORY_TABLES = {
    "hendelse": ("Hendelse", HENDELSE_LABELS),
    "plan": ("Integreringsplan", PLAN_LABELS),
    "plan_element": ("Element i planen", ELEMENT_LABELS),
    "plan_gjennomgang": ("Gjennomgang av planen", {"dato": "Dato"}),
    "praksis": ("Praksis", PRAKSIS_LABELS),
    "praksis_oppfolging": ("Oppfølging av praksis", OPPFOLGING_LABELS),
    "fravaer": ("Fravær", {"dato": "Dato", "type": "Type", "timer": "Timer", "notat": "Notat"}),
    "stonad_reduksjon": ("Reduksjon i stønaden", {"maaned": "Måned", "type": "Type", "tekst": "Tekst", "ore": "Øre"}),
    "deltakerbevis": ("Deltakerbevis", {"dato": "Dato", "malform": "Målform", "sha256": "Kontrollsum"}),
}


class DeltakerPage(QWidget):
    """Shows one participant (or a blank form for a new one) and saves through the services."""

    saved = Signal(int)  # the participant's id
    program_changed = Signal(int)  # an event of this participant was saved or removed

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.deltaker_id: int | None = None
        self._loaded: dict = {}
        self.fields = FieldSet()

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._form_tab(), "&Opplysninger")
        # Tabs about the participant's case: each has show_deltaker(id | None) and a `changed` signal.
        self._case_tabs: list[QWidget] = []
        self.program = self._add_case_tab(ProgramTab(session), "&Program")
        self.plan = self._add_case_tab(PlanTab(session), "Pl&an")
        self.plan.attention_changed.connect(self._plan_attention)
        self.praksis = self._add_case_tab(PraksisTab(session), "Pra&ksis")
        self.fravaer = self._add_case_tab(FravaerTab(session), "Frav&ær")  # F, r, a and v are taken
        # D is taken by buttons on the Program and Praksis tabs; b clashes only with «&Bosettingsdato».
        self.bevis = self._add_case_tab(DeltakerbevisTab(session), "Deltaker&bevis")
        self.history = read_only_table(["Tidspunkt", "Bruker", "Hendelse", "Endringer"], "Historikk")
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.setWordWrap(True)
        self.tabs.addTab(self.history, "&Historikk")

        self.save_button = QPushButton("&Lagre")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = push_button("&Tilbakestill", self.revert, "Forkast endringene som ikke er lagret")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.fields.changed.connect(self._on_changed)
        self.show_new()

    # ----- building the form

    def _form_tab(self) -> QWidget:
        codes = self.session.rules.codes
        f = self.fields
        self.ident_info = QLabel()
        self.ident_info.setWordWrap(True)
        self.assessment = QLabel()
        self.assessment.setWordWrap(True)
        self.assessment.setTextFormat(Qt.TextFormat.PlainText)

        groups = [
            ("Person", [
                f.add(TextField("fornavn", "&Fornavn")),
                f.add(TextField("etternavn", "&Etternavn")),
                f.add(TextField("ident", "&Identitetsnummer", "Fødselsnr., D-, H- eller DUF-nummer")),
                ("", self.ident_info),
                f.add(TextField("fodselsdato", "Fø&dselsdato", DATE_HINT)),
                f.add(ChoiceField("kjonn", "K&jønn", code_choices(codes("kjonn")))),
            ]),
            ("Bakgrunn og språk", [
                f.add(ChoiceField("landbakgrunn", "&Landbakgrunn", code_choices(codes("land"), sort=True), searchable=True)),
                f.add(ChoiceField("statsborgerskap", "Statsborgerskap", code_choices(codes("land"), sort=True), searchable=True)),
                f.add(TextField("morsmal", "&Morsmål")),
                f.add(CheckField("tolk_behov", "Trenger tolk")),
                f.add(TextField("tolk_sprak", "Tolkespråk")),
            ]),
            ("Opphold og bosetting", [
                f.add(ChoiceField("lovverk", "Lo&vverk", code_choices(codes("lovverk")))),
                f.add(ChoiceField("oppholdsgrunnlag", "&Oppholdsgrunnlag", code_choices(codes("oppholdsgrunnlag")))),
                f.add(TextField("tillatelse_dato", "Oppholdstillatelse innvilget", DATE_HINT)),
                f.add(TextField("bosatt_dato", "&Bosettingsdato", DATE_HINT)),
                f.add(CheckField("bosatt_etter_avtale", "Bosatt etter avtale med IMDi")),
                ("Målgruppe", self.assessment),
            ]),
            ("Utdanning og familie", [
                f.add(ChoiceField("vgs_fullfort", "Fullført videregående", [(None, "Ukjent"), (True, "Ja"), (False, "Nei")])),
                f.add(TextField("skolear", "År med skolegang")),
                f.add(CheckField("bor_med_foreldre", "Bor med en eller begge foreldre")),
                f.add(TextField("barn_under_18", "Barn under 18 år (antall)")),
            ]),
            ("Kontakt", [
                f.add(TextField("telefon", "&Telefon")),
                f.add(TextField("epost", "E-&post")),
                f.add(TextField("adresse", "Adresse")),
                f.add(TextField("postnummer", "Postnummer")),
                f.add(TextField("poststed", "Poststed")),
                f.add(TextField("nav_kontakt", "NAV-kontakt")),
            ]),
            ("Annet", [
                f.add(CheckField("reservert_forskning", "Reservert mot bruk i forskning")),
                f.add(NoteField("notat", "Notat", MAX_NOTE_CHARS)),
            ]),
        ]
        body = QWidget()
        column = QVBoxLayout(body)
        forms = []
        for title, rows in groups:
            box = QGroupBox(title)
            form = QFormLayout(box)
            forms.append(form)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for row in rows:
                if isinstance(row, tuple):
                    form.addRow(row[0], row[1])
                elif isinstance(row, CheckField):
                    form.addRow("", row)
                else:
                    form.addRow(row.label, row)
            column.addWidget(box)
        column.addStretch(1)
        _align_labels(forms)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    # ----- showing a participant

    def show_new(self) -> None:
        self.deltaker_id = None
        self._load(self._blank())
        self.title.setText("Ny deltaker")
        self.history.setRowCount(0)
        for tab in self._case_tabs:
            tab.show_deltaker(None)
        for tab in (*self._case_tabs, self.history):
            self.tabs.setTabEnabled(self.tabs.indexOf(tab), False)
        self.tabs.setCurrentIndex(0)
        self._on_changed()

    def show_deltaker(self, deltaker_id: int) -> None:
        stored = deltakere.get_deltaker(self.session, deltaker_id)
        self.deltaker_id = deltaker_id
        self._load(to_form(stored.deltaker))
        self.title.setText(stored.deltaker.fullt_navn)
        for tab in (*self._case_tabs, self.history):
            self.tabs.setTabEnabled(self.tabs.indexOf(tab), True)
        for tab in self._case_tabs:
            tab.show_deltaker(deltaker_id)
        self.refresh_history()
        self._on_changed()

    def _plan_attention(self, reason: str) -> None:
        """A missing or stale plan shows on the tab itself, seen from every other tab of the page."""
        index = self.tabs.indexOf(self.plan)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if reason else QIcon()
        self.tabs.setTabIcon(index, icon)
        self.tabs.setTabToolTip(index, reason)

    def _add_case_tab(self, tab: QWidget, title: str) -> QWidget:
        tab.changed.connect(self._program_changed)
        self.tabs.addTab(tab, title)
        self._case_tabs.append(tab)
        return tab

    def _program_changed(self) -> None:
        """A case tab wrote something: the others may show what follows from it (an end recorded on the
        programme opens the certificate), and the history has a new line."""
        for tab in self._case_tabs:
            if tab is not self.sender():
                tab.show_deltaker(self.deltaker_id)
        self.refresh_history()
        self.program_changed.emit(self.deltaker_id)

    def _blank(self) -> dict:
        blank = {name: "" for name in self.fields.fields}
        blank.update(bosatt_etter_avtale=True, lovverk="integreringsloven", vgs_fullfort=None)
        return blank

    def _load(self, values: dict) -> None:
        self.fields.set_values(values)
        # Compare later edits with what the widgets hold now, not with the raw values given.
        self._loaded = self.fields.values()

    def is_dirty(self) -> bool:
        return self.fields.values() != self._loaded

    def revert(self) -> None:
        self.fields.set_values(self._loaded)
        self._on_changed()

    def refresh_history(self) -> None:
        """The audit trail of the participant's records; a change that did not come from the window says where
        it came from (an import, the command line)."""
        entries = deltakere.history(self.session, self.deltaker_id)
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            noun, labels = HISTORY_TABLES.get(entry.table, ("", LABELS))
            changes = "\n".join(
                f"{labels.get(name, name)}: {_shown(old)} → {_shown(new)}" for name, (old, new) in entry.changes.items()
            ) if entry.action == "endret" else ""
            what = ACTION_LABELS.get(entry.action, entry.action)
            if noun:
                what = f"{noun} {what.lower()}" + self._what_was_created(entry)
            who = entry.user + (f" ({_SOURCES[entry.source]})" if entry.source in _SOURCES else "")
            for col, text in enumerate((entry.when.strftime("%d.%m.%Y %H:%M"), who, what, changes)):
                self.history.setItem(row, col, QTableWidgetItem(text))
        self.history.resizeRowsToContents()

    def _what_was_created(self, entry) -> str:
        """«: Permisjon», «: versjon 2», «: Opplæring i norsk» after what a new record is."""
        if entry.table == "hendelse" and _created(entry, "type") in KINDS:
            return f": {KINDS[_created(entry, 'type')].label}"
        if entry.table == "plan" and _created(entry, "versjon"):
            return f": versjon {_created(entry, 'versjon')}"
        if entry.table == "plan_element" and _created(entry, "type"):
            return f": {self.session.rules.codes('elementtype').label(_created(entry, 'type'))}"
        return ""

    # ----- live feedback

    def _on_changed(self) -> None:
        values = self.fields.values()
        self._show_ident(values.get("ident") or "")
        self._show_assessment(values)
        dirty = self.is_dirty()
        self.revert_button.setEnabled(dirty)

    def _show_ident(self, text: str) -> None:
        if not text.strip():
            self.ident_info.setText("")
            return
        try:
            pid = parse_person_id(text)
        except ValueError as exc:
            # Live help while typing; once the same message stands at the field, once is enough.
            self.ident_info.setText("" if self.fields.fields["ident"].error() else str(exc))
            return
        parts = [pid.kind_label]
        if pid.birth_date:
            parts.append(f"født {format_date(pid.birth_date)}")
        if pid.synthetic:
            parts.append("syntetisk testnummer")
        self.ident_info.setText(" · ".join(parts))

    def _show_assessment(self, values: dict) -> None:
        try:
            d = parse_deltaker(values, self.session.rules, datetime.date.today())
        except FieldErrors:
            self.assessment.setText("Vurderes når opplysningene er gyldige.")
            return
        result = deltakere.assess_malgruppe(self.session, d)
        lines = [f"{result.label} (vurdert {format_date(datetime.date.today())})"]
        lines += [("✓ " if c.verdict == malgruppe.OK else "! ") + c.text for c in result.criteria]
        self.assessment.setText("\n".join(lines))
        self.assessment.setToolTip("\n".join(sorted({c.source for c in result.criteria if c.source})))

    # ----- saving

    def save(self) -> bool:
        """Save the form; returns False (with messages at the fields) when it could not."""
        values = self.fields.values()
        confirmed = False
        while True:
            try:
                if self.deltaker_id is None:
                    new_id = deltakere.create_deltaker(self.session, values, confirm_similar=confirmed)
                else:
                    deltakere.update_deltaker(self.session, self.deltaker_id, values, confirm_similar=confirmed)
                    new_id = self.deltaker_id
                break
            except FieldErrors as exc:
                self.fields.report(exc.errors)
                self._show_ident(values.get("ident") or "")
                return False
            except PossibleDuplicate as exc:
                if not norsk.confirm(self, "Mulig dobbeltregistrering", f"{exc}\n\nVil du lagre likevel?"):
                    return False
                confirmed = True
        self.show_deltaker(new_id)
        self.saved.emit(new_id)
        return True


def _created(entry, field: str) -> str | None:
    return entry.changes.get(field, [None, None])[1] if entry.action == "opprettet" else None


def _align_labels(forms: list[QFormLayout]) -> None:
    """One label column width across the groups, so the inputs line up down the page."""
    labels = [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
        for form in forms
        for row in range(form.rowCount())
        if form.itemAt(row, QFormLayout.ItemRole.LabelRole)
    ]
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)


def _shown(value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
