"""«Importer fra regneark»: choose the file, map its columns when they are not the template's, see every
problem before anything is written, import with a progress dialog, and undo it from the summary.

The pages: Fil → (Kolonner) → Kontroll → Ferdig. The work is in services/importering.py; docs/import.md
describes the format.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from introdesk.domain import importmal as mal
from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors, format_count
from introdesk.resources import resources_dir
from introdesk.services import importering
from introdesk.services.importering import Avbrutt, Importrapport, Innlest
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import Notice
from introdesk.ui.import_dialog import fill_problems, problem_table
from introdesk.ui.tables import read_only_table

TITLE = "Importer fra regneark"
FILE_PAGE, MAPPING_PAGE, CHECK_PAGE, DONE_PAGE = range(4)
_W = QWizard.WizardButton
BUTTON_TEXTS = {_W.BackButton: "< &Tilbake", _W.NextButton: "&Neste >", _W.CancelButton: "Avbryt",
                _W.FinishButton: "&Lukk"}
NOT_IMPORTED = "(ikke importer)"
LARGE = 500  # rows from which the check shows a progress dialog


class ImportVeiviser(QWizard):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        for button, text in BUTTON_TEXTS.items():
            self.setButtonText(button, text)
        self.innlest: Innlest | None = None
        self.mapping: dict[int, str] | None = None
        self.check_report: Importrapport | None = None
        self.result: Importrapport | None = None  # the import, once written
        self.undone = False
        self.file_page = FilSide(self)
        self.mapping_page = KoblingSide(self)
        self.check_page = KontrollSide(self)
        self.done_page = FerdigSide(self)
        for page_id, page in ((FILE_PAGE, self.file_page), (MAPPING_PAGE, self.mapping_page),
                              (CHECK_PAGE, self.check_page), (DONE_PAGE, self.done_page)):
            self.setPage(page_id, page)
        self.resize(820, 560)

    @property
    def changed(self) -> bool:
        """Whether the register changed (imported, or imported and undone): the window reads it again."""
        return self.result is not None

    def progress(self, text: str) -> _Progress:
        return _Progress(self, text)


class _Progress:
    """The service's progress callback as a QProgressDialog; Avbryt stops the import, which then writes nothing."""

    def __init__(self, parent: QWidget, text: str):
        self.dialog = QProgressDialog(text, "Avbryt", 0, 1, parent)
        self.dialog.setWindowTitle(TITLE)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(360)

    def __call__(self, done: int, total: int, what: str) -> bool:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setLabelText(f"{what}: {format_count(done)} av {format_count(total)} …")
        self.dialog.setValue(done)
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.close()


class _Side(QWizardPage):
    def __init__(self, wizard: ImportVeiviser, title: str, subtitle: str):
        super().__init__()
        self.veiviser = wizard
        self.setTitle(title)
        self.setSubTitle(subtitle)


class FilSide(_Side):
    def __init__(self, wizard: ImportVeiviser):
        super().__init__(wizard, "Velg regnearket",
                         "Et regneark (.xlsx) eller en CSV-fil med deltakerne, for eksempel kommunens register i Excel.")
        intro = QLabel(
            "Malen har ett ark for deltakere (med programstart og avslutning), og ark for sluttmål, permisjoner, "
            "andre hendelser, arbeidsgivere, praksisplasser, integreringsplaner og planenes elementer. Har "
            "regnearket andre overskrifter, kobler du kolonnene på neste side.\n\n"
            f"Malen: {resources_dir() / 'import' / 'introdesk-importmal.xlsx'}\n"
            "Alle kolonnene er beskrevet i docs/import.md.\n\n"
            "Ingenting blir skrevet før du har sett kontrollen og valgt Importer.")
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path = QLineEdit()
        self.path.setAccessibleName("Fil")
        self.path.setPlaceholderText("Velg en fil …")
        self.path.textChanged.connect(self._path_changed)
        label = QLabel("&Fil:")
        label.setBuddy(self.path)
        browse = QPushButton("&Velg fil …")
        browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.notice = Notice("fil_feil")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        layout.addStretch(1)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, TITLE, self.path.text(), "Regneark (*.xlsx *.xlsm *.csv)")
        if path:
            self.path.setText(path)

    def _path_changed(self) -> None:
        self.notice.set_text("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        try:
            self.veiviser.innlest = importering.read(Path(self.path.text().strip()))
        except FieldErrors as exc:
            self.notice.set_text(" ".join(exc.errors.values()))
            return False
        self.veiviser.mapping = None
        return True

    def nextId(self) -> int:
        innlest = self.veiviser.innlest
        if innlest is not None and importering.needs_mapping(innlest):
            return MAPPING_PAGE
        return CHECK_PAGE


class KoblingSide(_Side):
    """One choice per column of the file's first sheet: which template column it is, or none."""

    def __init__(self, wizard: ImportVeiviser):
        super().__init__(wizard, "Koble kolonnene", "Overskriftene i regnearket er ikke malens. Velg hvilken kolonne i "
                         "malen hver av dem svarer til; kolonner du ikke trenger, importeres ikke.")
        self.combos: dict[str, QComboBox] = {}
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        self.save_button = QPushButton("&Lagre koblingen")
        self.save_button.setToolTip("Husk valgene, så neste regneark med de samme overskriftene er koblet")
        self.save_button.clicked.connect(self.save)
        self.saved = QLabel()
        self.notice = Notice("kobling_feil")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.notice)
        layout.addLayout(row)

    def initializePage(self) -> None:
        table = self.veiviser.innlest.participants
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = {}
        chosen = self.veiviser.mapping or importering.suggested_mapping(self.veiviser.session, table.headers)
        first = table.rows[0] if table.rows else []
        for index, header in enumerate(table.headers):
            if not header:
                continue
            combo = QComboBox()
            combo.addItem(NOT_IMPORTED, importering.IGNORE)
            for column in mal.DELTAKERE.columns:
                label = mal.column_label(column)
                if mal.column_key(label) != mal.column_key(column.header):
                    label += f" ({column.header})"
                combo.addItem(label + (", påkrevd" if column.required else ""), column.header)
            combo.setCurrentIndex(max(combo.findData(chosen.get(index, importering.IGNORE)), 0))
            combo.setAccessibleName(f"Kolonnen {header}")
            combo.currentIndexChanged.connect(self._changed)
            sample = mal.cell_text(first[index]) if index < len(first) else ""
            label = QLabel(header + (f" (f.eks. «{sample[:30]}»)" if sample else ""))
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(combo)
            self.form.addRow(label, combo)
            self.combos[index] = combo
        self.saved.setText("")
        self._changed()

    def mapping(self) -> dict[int, str]:
        """{column index: template header}: by place, since two columns may have the same header."""
        return {index: combo.currentData() for index, combo in self.combos.items()}

    def _problem(self) -> str:
        chosen = [c for c in self.mapping().values() if c]
        twice = sorted({c for c in chosen if chosen.count(c) > 1})
        if twice:
            return "Flere kolonner er koblet til " + ", ".join(f"«{c}»" for c in twice) + ". Velg bare én."
        missing = mal.missing_required(mal.DELTAKERE, set(chosen))
        if missing:
            return "Velg kolonnene for " + ", ".join(f"«{c}»" for c in missing) + "; de er påkrevd."
        return ""

    def _changed(self) -> None:
        self.notice.set_text(self._problem())
        self.saved.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._problem()

    def save(self) -> None:
        importering.save_mapping(self.veiviser.session, self.veiviser.innlest.participants.headers, self.mapping())
        self.saved.setText("Koblingen er lagret, og brukes neste gang et regneark har de samme overskriftene.")

    def validatePage(self) -> bool:
        self.veiviser.mapping = self.mapping()
        return True

    def nextId(self) -> int:
        return CHECK_PAGE


class KontrollSide(_Side):
    """The dry run: every row checked; the problems listed, or what the import will do."""

    def __init__(self, wizard: ImportVeiviser):
        super().__init__(wizard, "Kontroll", "Hver rad er kontrollert med de samme reglene som skjemaene i IntroDesk. "
                         "Ingenting er skrevet ennå.")
        self.setButtonText(_W.NextButton, "&Importer")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("kontroll_oppsummering")
        self.table = problem_table([])
        self.changes = read_only_table(["Rad", "Deltaker", "Felt", "Nå", "Blir"], "Endringer i registrerte deltakere", 0)
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.changes.setWordWrap(False)
        self.notice = Notice("import_feil")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.notice)
        layout.addStretch(0)  # keeps the summary at the top while there is no table

    def initializePage(self) -> None:
        wizard = self.veiviser
        innlest = wizard.innlest
        self.notice.set_text("")
        rows = sum(len(t.rows) for _, t in innlest.sheets)
        progress = wizard.progress("Kontrollerer") if rows >= LARGE else None
        try:
            report = importering.check(wizard.session, innlest, wizard.mapping, progress)
        except Avbrutt:
            report = None
        finally:
            if progress is not None:
                progress.close()
        wizard.check_report = report
        if report is None:
            self.summary.setText("Kontrollen ble avbrutt. Gå tilbake og velg filen på nytt.")
            self._show_problems([])
        elif not report.ok:
            self.summary.setText(f"{innlest.path.name}: {len(report.problems)} feil i {report.rows_text}. "
                                 "Ingenting blir ført inn før alle er rettet: rett filen, gå tilbake og velg den "
                                 "på nytt.")
            self._show_problems(report.problems)
        elif not report.changes:
            self.summary.setText(f"{innlest.path.name}: {report.rows_text}, ingen feil. Alt står allerede i "
                                 f"registeret, så importen har ingenting å endre.\n\n{report.summary(chr(10))}")
            self._show_problems([])
        else:
            ignored = f"\n\nArk som hoppes over: {', '.join(innlest.ignored)}." if innlest.ignored else ""
            overwritten = (f"\n\nI deltakere som finnes fra før, endres {format_count(len(report.endringer))} "
                           "felt (listen under). En tom celle tømmer feltet." if report.endringer else "")
            self.summary.setText(
                f"{innlest.path.name}: {report.rows_text}, ingen feil.\n\nImporten vil gi:\n{report.summary(chr(10))}"
                f"{ignored}{overwritten}\n\nEn sikkerhetskopi tas før importen, og importen kan angres etterpå. "
                "Velg Importer for å føre alt inn.")
            self._show_problems([])
            self._show_changes(report.endringer)
        self.completeChanged.emit()

    def _show_problems(self, problems) -> None:
        fill_problems(self.table, problems)
        self.table.setVisible(bool(problems))
        self._show_changes([])

    def _show_changes(self, changes) -> None:
        self.changes.setRowCount(len(changes))
        for row, e in enumerate(changes):
            for col, text in enumerate((str(e.row), e.deltaker, e.felt, e.for_, e.etter)):
                self.changes.setItem(row, col, QTableWidgetItem(text))
        self.changes.resizeColumnsToContents()
        self.changes.setVisible(bool(changes))

    def isComplete(self) -> bool:
        report = self.veiviser.check_report
        return report is not None and report.ok and report.changes > 0

    def validatePage(self) -> bool:
        wizard = self.veiviser
        progress = wizard.progress("Importerer")
        try:
            wizard.result = importering.run(wizard.session, wizard.innlest, wizard.mapping, progress)
        except Avbrutt as exc:
            self.notice.set_text(str(exc))
            return False
        except FieldErrors as exc:  # the register changed since the check
            self.notice.set_text(" ".join(exc.errors.values()))
            return False
        finally:
            progress.close()
        if not wizard.result.ok:  # changed since the check: show what is wrong now
            wizard.check_report, wizard.result = wizard.result, None
            self._show_problems(wizard.check_report.problems)
            self.summary.setText("Registeret er endret siden kontrollen, og filen har nå feil. Ingenting er ført inn.")
            self.completeChanged.emit()
            return False
        return True


class FerdigSide(_Side):
    def __init__(self, wizard: ImportVeiviser):
        super().__init__(wizard, "Importert", "Alle radene er ført inn i én omgang.")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("import_oppsummering")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo_button = QPushButton("&Angre importen")
        self.undo_button.setToolTip("Fjern det importen la til og sett tilbake det den endret")
        self.undo_button.clicked.connect(self.undo)
        row = QHBoxLayout()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self.veiviser.result
        self.summary.setText(
            f"{result.file_name} er importert.\n\n{result.summary(chr(10))}\n\nEndringene står i historikken med kilden «import».\n"
            f"Sikkerhetskopi fra før importen: {result.backup}\n\n"
            "Angre importen her, eller senere fra Fil → Angre siste import.")
        self.undo_button.setEnabled(True)

    def undo(self) -> None:
        if not norsk.confirm(self, TITLE, "Angre hele importen? Det importen la til, fjernes, og det den endret, "
                                          "settes tilbake."):
            return
        try:
            run = importering.undo_last(self.veiviser.session)
        except FieldErrors as exc:
            norsk.error(self, TITLE, " ".join(exc.errors.values()))
            return
        self.veiviser.undone = True
        self.undo_button.setEnabled(False)
        self.setTitle("Importen er angret")
        self.summary.setText(f"Importen av {run.filnavn} {format_date(run.tidspunkt.date())} kl. "
                             f"{run.tidspunkt:%H.%M} er angret. Registeret er som før importen.")
