"""The participant's certificate of participation (deltakerbevis, integreringsloven § 18 a): whether it can
be issued, issuing it, a draft while the programme runs, and the issued copies kept with the case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.services import deltakerbevis, deltakere, program, settings
from introdesk.services.deltakerbevis import Utstedt
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.documents import save_document
from introdesk.ui.fields import ChoiceField, push_button
from introdesk.ui.form_dialog import FormDialog
from introdesk.ui.print_pdf import print_pdf
from introdesk.ui.row_model import Column, RowModel, date_key, row_table, select_id, selected_row

COPY_COLUMNS = [
    Column("Utstedt", lambda u: format_date(u.dato), sort=lambda u: date_key(u.dato)),
    Column("Målform", lambda u: settings.MALFORMER.get(u.malform, u.malform)),
    Column("Utstedt av", lambda u: u.utstedt_av),
    Column("Kontrollsum", lambda u: u.sha256[:12], tooltip=lambda u: f"Kontrollsum (SHA-256): {u.sha256}",
           header_tip="Starten av PDF-filens SHA-256-sum: viser om en utskrift er den som ble utstedt"),
]


def malform_field(session: Session) -> ChoiceField:
    """Bokmål or nynorsk, the municipality's choice preselected."""
    field = ChoiceField("malform", "&Målform", list(settings.MALFORMER.items()))
    field.set_value(settings.load(session).malform)
    return field


def ask_malform(parent: QWidget, session: Session, intro: str, title: str = "Utsted deltakerbevis") -> str | None:
    chosen: dict = {}
    dialog = FormDialog(title, [malform_field(session)], chosen.update, intro=intro, parent=parent)
    # Where to save is asked next: «Lagre» here would promise what this step does not do.
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).setText("&Neste …")
    return chosen["malform"] if dialog.exec() else None


class StatusLine(QWidget):
    """A sentence with an information icon in front when it tells why something cannot be done."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        info = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.icon.setPixmap(info.pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        font = self.text.font()
        font.setBold(True)  # the one thing to know on this tab
        self.text.setFont(font)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)

    def show_text(self, text: str, hindrance: bool) -> None:
        self.text.setText(text)
        self.icon.setVisible(hindrance)


class DeltakerbevisTab(QWidget):
    changed = Signal()  # a certificate was issued: the case history follows

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.deltaker_id: int | None = None
        self.navn = ""

        self.status = StatusLine()
        note = QLabel("Deltakerbeviset skrives ut og gis til deltakeren. En kopi lagres i saken og kan ikke endres: "
                      "er noe feil, retter du opplysningene og utsteder et nytt.")
        note.setWordWrap(True)
        self.issue_button = push_button("Utsted &deltakerbevis …", self.issue)
        self.draft_button = QPushButton("Skriv ut &utkast …")
        self.draft_button.setToolTip("Et utkast merket «UTKAST» som PDF, for å se over innholdet. "
                                     "Det lagres ikke i saken.")
        self.draft_button.clicked.connect(self.print_draft)
        actions = QHBoxLayout()
        actions.addWidget(self.issue_button)
        actions.addWidget(self.draft_button)
        actions.addStretch(1)

        self.model = RowModel(COPY_COLUMNS, row_id=lambda u: u.id, parent=self)
        self.table = row_table(self.model, "Utstedte deltakerbevis", stretch=2)
        self.table.doubleClicked.connect(self.open_copy)
        self.table.selectionModel().selectionChanged.connect(self._update_copy_buttons)
        self.open_button = push_button("&Åpne kopi …", self.open_copy, "Lagre kopien som PDF og åpne den")
        self.print_button = push_button("Skr&iv ut …", self.print_copy, "Skriv ut kopien slik den ble utstedt")
        copy_buttons = QHBoxLayout()
        copy_buttons.addStretch(1)
        copy_buttons.addWidget(self.open_button)
        copy_buttons.addWidget(self.print_button)
        self.copies = QGroupBox()
        copies_layout = QVBoxLayout(self.copies)
        copies_layout.addWidget(self.table, 1)
        copies_layout.addLayout(copy_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(note)
        layout.addLayout(actions)
        layout.addWidget(self.copies, 1)
        self.show_deltaker(None)

    def show_deltaker(self, deltaker_id: int | None) -> None:
        self.deltaker_id = deltaker_id
        self.navn = deltakere.get_deltaker(self.session, deltaker_id).deltaker.fullt_navn if deltaker_id else ""
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Read whether a certificate can be issued and the copies again, keeping the selected copy."""
        selected = self.selected()
        current = select or (selected.id if selected else None)
        forlop = program.forlop(self.session, self.deltaker_id) if self.deltaker_id else None
        refusal = deltakerbevis.refusal(self.session, self.deltaker_id) if self.deltaker_id else ""
        if forlop is None:
            self.status.show_text("", False)
        elif refusal:
            self.status.show_text(refusal, True)
        else:
            self.status.show_text(f"Programmet ble avsluttet {format_date(forlop.ended)}. "
                                  "Deltakerbeviset kan utstedes.", False)
        self.issue_button.setEnabled(forlop is not None and not refusal)
        self.draft_button.setEnabled(forlop is not None and forlop.start is not None)
        self.model.set_rows(deltakerbevis.issued(self.session, self.deltaker_id) if self.deltaker_id else [])
        if not select_id(self.table, current) and self.model.rows:
            self.table.selectRow(0)
        self.copies.setTitle(f"Utstedte deltakerbevis ({len(self.model.rows)})" if self.model.rows
                             else "Utstedte deltakerbevis: ingen ennå")
        self._update_copy_buttons()

    def selected(self) -> Utstedt | None:
        return selected_row(self.table)

    def _update_copy_buttons(self) -> None:
        for button in (self.open_button, self.print_button):
            button.setEnabled(self.selected() is not None)

    # ----- actions

    def issue(self) -> None:
        if self.deltaker_id is None or not self._confirm_again():
            return
        malform = ask_malform(self, self.session, f"Deltakerbevis for {self.navn}. Deretter velger du hvor PDF-filen "
                                                  "skal lagres; en kopi lagres i saken.")
        if malform is None:
            return
        issued: list[int] = []

        def write(path):
            issued.append(deltakerbevis.issue(self.session, self.deltaker_id, path, malform))
            return path

        save_document(self, "Lagre deltakerbeviset", f"Deltakerbevis {self.navn}.pdf", write)
        if issued:
            self.refresh(select=issued[0])
            self.changed.emit()

    def _confirm_again(self) -> bool:
        """Issuing again is allowed (a correction), but the adviser should know one was handed out."""
        earlier = sorted(u.dato for u in self.model.rows)
        if not earlier:
            return True
        dates = ", ".join(format_date(day) for day in earlier)
        return norsk.confirm(self, "Utsted på nytt",
                             f"{self.navn} har fått deltakerbevis før (utstedt {dates}).\n\n"
                             "Utstede et nytt? De tidligere blir stående i saken.")

    def print_draft(self) -> None:
        if self.deltaker_id is None:
            return
        malform = ask_malform(self, self.session, f"Utkast til deltakerbevis for {self.navn}: velg målform.",
                              "Utkast til deltakerbevis")
        if malform:
            save_document(self, "Lagre utkast til deltakerbevis", f"Deltakerbevis {self.navn} (utkast).pdf",
                          lambda path: deltakerbevis.draft(self.session, self.deltaker_id, path, malform))

    def open_copy(self) -> None:
        copy = self.selected()
        if copy is not None:
            save_document(self, "Lagre kopi av deltakerbeviset",
                          f"Deltakerbevis {self.navn} {copy.dato:%Y-%m-%d} (kopi).pdf",
                          lambda path: deltakerbevis.write_copy(self.session, copy.id, path))

    def print_copy(self) -> None:
        copy = self.selected()
        if copy is not None:
            print_pdf(self, deltakerbevis.copy_bytes(self.session, copy.id),
                      f"Deltakerbevis {self.navn} {format_date(copy.dato)}")
