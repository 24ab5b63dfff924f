"""The participant's integration plan (integreringsplan): the versions, the plan's fields, its elements,
what the checks found, and the plan as a week. DOMAIN.md sections 5 and 7: a missing or thin plan must
be impossible to overlook, and every version is kept as it was; only the current one can be changed."""

from __future__ import annotations

import datetime
import html
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import add_months, format_date
from introdesk.domain.form import format_count, format_hours
from introdesk.domain.plan import (
    FEIL,
    PLAN_LABELS,
    Avvik,
    Element,
    Plan,
    Programperiode,
    describe_element,
    full_time,
    weekdays_text,
)
from introdesk.domain.rules import RuleBook
from introdesk.services import deltakere
from introdesk.services import plan as plan_service
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import push_button
from introdesk.ui.documents import save_document
from introdesk.ui.plan_dialogs import (
    RETNING_SHORT,
    CompareDialog,
    ElementDialog,
    hours_dialog,
    plan_dialog,
    plan_values,
    review_dialog,
    version_label,
)
from introdesk.ui.week_view import WeekView

_ICONS = {FEIL: QStyle.StandardPixmap.SP_MessageBoxCritical, "advarsel": QStyle.StandardPixmap.SP_MessageBoxWarning}


def _status_and_hours(e: Element, codes) -> str:
    planned = format_count(int(e.planned_hours().quantize(Decimal("1"))))
    if e.timer_fullfort is None:
        hours = f"{planned} t planlagt"
    else:
        hours = f"{format_hours(e.timer_fullfort)} av {planned} t"
    return f"{codes('elementstatus').label(e.status)}\n{hours}"


# (header, what the header stands for, cell text). Each cell has two lines, so the nine facts of an element
# fit the tab's width without a horizontal scroll bar: the provider under the type, the days under the hours.
COLUMNS = (
    ("Element", "Elementtype og tilbyder",
     lambda e, codes: f"{codes('elementtype').label(e.type)}\n{e.tilbyder}"),
    ("Periode", "Fra og med – til og med", lambda e, codes: f"{format_date(e.fra)}–\n{format_date(e.til)}"),
    ("Omfang", "Timer per uke og dagene elementet går",
     lambda e, codes: f"{format_hours(e.timer_per_uke)} t/uke\n{weekdays_text(e.dager)}"),
    ("Retning", "Arbeids- eller utdanningsrettet", lambda e, codes: RETNING_SHORT.get(e.retning, "–")),
    ("Følges opp av", "", lambda e, codes: e.oppfolging),
    ("Status", "Status, og timer gjennomført av planlagt i hele perioden", _status_and_hours),
)
FOLLOW_UP_COLUMN = 4


class ElementModel(QAbstractTableModel):
    """The elements of one plan version, in the order of their start; an element a check is about carries
    the check's icon in its first column and the check's text in its tooltip."""

    def __init__(self, rules: RuleBook, parent=None):
        super().__init__(parent)
        self.rules = rules
        self.elements: list[Element] = []
        self._avvik: dict[str, list[Avvik]] = {}

    def set_plan(self, plan: Plan | None, avvik: list[Avvik] = ()) -> None:
        self.beginResetModel()
        self.elements = list(plan.elementer) if plan else []
        self._avvik = {}
        for a in avvik:
            if a.element:
                self._avvik.setdefault(a.element, []).append(a)
        self.endResetModel()

    def row_of(self, element_id: int | None) -> int:
        return next((row for row, e in enumerate(self.elements) if e.id == element_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.elements)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section][1] or None
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e, column = self.elements[index.row()], index.column()
        found = self._avvik.get(e.nokkel, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column][2](e, self.rules.codes)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [describe_element(e, self.rules)] + [f"{a.severity_label}: {a.text}" for a in found]
            if e.oppfolging:
                lines.append(f"Følges opp av {e.oppfolging}")
            return "\n".join(lines + ([e.notat] if e.notat else []))
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and found:
            worst = FEIL if any(a.severity == FEIL for a in found) else "advarsel"
            return QApplication.style().standardIcon(_ICONS[worst])
        return None


class ChecksView(QWidget):
    """What the checks found, one line each: an icon and a word for how serious, the text, the rule in
    the tooltip. «Ingen merknader» when there is nothing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._texts: list[str] = []
        self.setAccessibleName("Merknader til planen")

    def texts(self) -> list[str]:
        return list(self._texts)

    def set_avvik(self, found: list[Avvik]) -> None:
        self._texts = []
        while self._layout.count():
            old = self._layout.takeAt(0).widget()
            old.hide()  # deleteLater waits for the event loop; until then it would show under the new rows
            old.deleteLater()
        if not found:
            self._add(QStyle.StandardPixmap.SP_DialogApplyButton, "", "Ingen merknader", "")
        for a in found:
            self._add(_ICONS[a.severity], a.severity_label, a.text, a.rule)

    def _add(self, icon: QStyle.StandardPixmap, word: str, text: str, rule: str) -> None:
        self._texts.append(f"{word}: {text}" if word else text)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        picture = QLabel()
        picture.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        label = QLabel(f"<b>{word}</b>&nbsp; {html.escape(text)}" if word else html.escape(text))
        label.setWordWrap(True)
        label.setAccessibleName(self._texts[-1])
        line.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(label, 1)
        row.setToolTip(rule)
        self._layout.addWidget(row)


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class PlanTab(QWidget):
    changed = Signal()  # the plan was written: the history and the deadline radar follow
    attention_changed = Signal(str)  # why the plan needs the adviser now, or ""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.attention = ""
        self.deltaker_id: int | None = None
        self.name = ""
        self.plans: list[Plan] = []  # every version, oldest first
        self.plan: Plan | None = None  # the version shown

        self.stack = QStackedWidget()
        self.stack.addWidget(self._missing_page())
        self.stack.addWidget(self._plan_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # ----- building

    def _missing_page(self) -> QWidget:
        """No plan: said in bold at the top, with the button that makes one right under it."""
        page = QFrame()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.missing_label = _bold(QLabel("Deltakeren har ingen integreringsplan."), 1.3)
        explanation = QLabel("Integreringsplanen lages sammen med deltakeren, med sluttmål, norskmål og "
                             "programmets innhold (integreringsloven § 15). Lag planen nå, eller så snart "
                             "programmet har startet.")
        explanation.setWordWrap(True)
        self.create_button = push_button("Lag pla&n …", self.new_version)
        text = QVBoxLayout()
        text.addWidget(self.missing_label)
        text.addWidget(explanation)
        text.addSpacing(8)
        text.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _plan_page(self) -> QWidget:
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName("Versjon av planen")
        self.version_combo.currentIndexChanged.connect(self._version_chosen)
        version_caption = QLabel("Vers&jon")
        version_caption.setBuddy(self.version_combo)
        self.new_version_button = push_button("N&y versjon …", self.new_version,
                                               "Ny versjon av planen, som begynner som en kopi av den gjeldende")
        self.compare_button = push_button("Sa&mmenlign versjoner …", self.compare)
        self.pdf_button = push_button("&Skriv ut (PDF) …", self.write_pdf, "Planen som PDF, til signering")
        bar = QHBoxLayout()
        bar.addWidget(version_caption)
        bar.addWidget(self.version_combo, 1)
        for button in (self.new_version_button, self.compare_button, self.pdf_button):
            bar.addWidget(button)
        self.old_note = QLabel()
        self.old_note.setWordWrap(True)
        self.old_note.setFrameShape(QFrame.Shape.StyledPanel)
        self.old_note.setMargin(6)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self._fields_box())
        self.checks = ChecksView()
        column.addWidget(self._section("Merknader", self.checks))
        column.addWidget(self._section("Elementer", self._elements_widget()))
        self.week = WeekView()
        column.addWidget(self._section("Ukeplan", self.week))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the content fits the width
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(self.old_note)
        layout.addWidget(scroll, 1)
        return page

    @staticmethod
    def _section(title: str, content: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(content)
        return box

    def _fields_box(self) -> QGroupBox:
        self.field_labels: dict[str, QLabel] = {}
        grid = QGridLayout()  # not a QFormLayout: its labels centre on a value of several lines
        grid.setColumnStretch(1, 1)
        rows = (("dato", "Datert"), ("sluttmal", PLAN_LABELS["sluttmal"]), ("norskmal", PLAN_LABELS["norskmal"]),
                ("onsker", "Egne ønsker"), ("praksis_onske", PLAN_LABELS["praksis_onske"]), ("fulltid", "Fulltid"),
                ("kontrakt_signert", "Kontrakt signert"), ("gjennomgang", "Sist gjennomgått"),
                ("notat", PLAN_LABELS["notat"]))
        for row, (name, label) in enumerate(rows):
            value = self.field_labels[name] = QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)  # the adviser's text, never read as HTML
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            grid.addWidget(QLabel(label), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
        self.edit_plan_button = push_button("&Endre plan …", self.edit_plan,
                                             "Rett opp den gjeldende versjonen. Vesentlige endringer: lag ny versjon.")
        self.review_button = push_button("Registrer &gjennomgang …", self.add_review,
                                          "Planen er gått gjennom med deltakeren og beholdes som den er")
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_plan_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        box = QGroupBox("Planen")
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        return box

    def _elements_widget(self) -> QWidget:
        self.elements = ElementModel(self.session.rules, self)
        table = self.table = QTableView()
        table.setModel(self.elements)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setAlternatingRowColors(True)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * table.fontMetrics().lineSpacing() + 10)
        table.setAccessibleName("Elementer i planen")
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FOLLOW_UP_COLUMN, QHeaderView.ResizeMode.Stretch)  # the least needed: elided
        table.doubleClicked.connect(lambda _index: self.edit_element())
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Return), table, self.edit_element,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table, self.delete_element,
                  context=Qt.ShortcutContext.WidgetShortcut)

        self.new_element_button = push_button("&Nytt element …", self.new_element)
        self.edit_element_button = push_button("En&dre element …", self.edit_element)
        self.hours_button = push_button("Registrer t&imer …", self.record_hours,
                                         "Timer gjennomført for det valgte elementet")
        self.delete_element_button = push_button("Fjern element", self.delete_element)
        buttons = QHBoxLayout()
        for button in (self.new_element_button, self.edit_element_button, self.hours_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_element_button)
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table)
        layout.addLayout(buttons)
        return widget

    # ----- showing

    def show_deltaker(self, deltaker_id: int | None) -> None:
        self.deltaker_id = deltaker_id
        self.name = deltakere.get_deltaker(self.session, deltaker_id).deltaker.fullt_navn if deltaker_id else ""
        self.refresh()

    def refresh(self, element_id: int | None = None) -> None:
        """Reload the versions and show the current one, with `element_id` selected."""
        self.plans = plan_service.versions(self.session, self.deltaker_id) if self.deltaker_id else []
        self.stack.setCurrentIndex(1 if self.plans else 0)
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for p in self.plans:
            self.version_combo.addItem(version_label(p, p is self.plans[-1]), p.id)
        self.version_combo.setCurrentIndex(len(self.plans) - 1)
        self.version_combo.blockSignals(False)
        self._show(self.plans[-1] if self.plans else None, element_id)

    def _version_chosen(self, index: int) -> None:
        if 0 <= index < len(self.plans):
            self._show(self.plans[index])

    def is_current(self) -> bool:
        return bool(self.plans) and self.plan is self.plans[-1]

    def _show(self, plan: Plan | None, element_id: int | None = None) -> None:
        self.plan = plan
        if plan is None:
            self.elements.set_plan(None)
            self.checks.set_avvik([])
            self.week.set_plan(None, [], self.session.rules.codes("elementtype"))
            self._update_buttons()
            running = self.deltaker_id and self._running(plan_service.programme_period(self.session, self.deltaker_id))
            self._set_attention("Programmet er i gang, men deltakeren har ingen integreringsplan." if running else "")
            return
        period = plan_service.programme_period(self.session, self.deltaker_id)
        found = plan_service.check(self.session, plan)
        self._fill_fields(plan, period)
        self.checks.set_avvik(found)
        self.elements.set_plan(plan, found)
        self._fit_table()
        row = self.elements.row_of(element_id)
        if row >= 0:
            self.table.selectRow(row)
        self.week.set_plan(plan, plan_service.weeks(self.session, plan), self.session.rules.codes("elementtype"))
        latest = self.plans[-1]
        self.old_note.setVisible(not self.is_current())
        self.old_note.setText(f"Versjon {plan.versjon} er erstattet av versjon {latest.versjon} "
                              f"({format_date(latest.dato)}) og vises bare for lesing. Tidligere versjoner "
                              "kan ikke endres; endre den gjeldende versjonen, eller lag en ny.")
        self._update_buttons()

    def _fill_fields(self, plan: Plan, period: Programperiode) -> None:
        hours = format_hours(full_time(plan, period.lovverk, self.session.rules))
        review, overdue = self._review(plan, period)
        shown = {
            "dato": format_date(plan.dato),
            "sluttmal": plan.sluttmal or "Mangler",
            "norskmal": plan.norskmal,
            "onsker": plan.onsker,
            "praksis_onske": plan.praksis_onske,
            "fulltid": f"{hours} timer i uken" + (" (mye selvstudium)" if plan.selvstudium else ""),
            "kontrakt_signert": format_date(plan.kontrakt_signert) or "Ikke registrert",
            "gjennomgang": review,
            "notat": plan.notat,
        }
        for name, text in shown.items():
            self.field_labels[name].setText(text or "–")
        self._embolden("gjennomgang", overdue)  # a stale plan must not pass unnoticed
        self._embolden("sluttmal", not plan.sluttmal)
        if self.is_current():
            self._set_attention("Gjennomgangen av integreringsplanen er forfalt." if overdue else "")

    @staticmethod
    def _running(period: Programperiode) -> bool:
        today = datetime.date.today()
        return period.start is not None and period.start <= today and (period.end is None or period.end >= today)

    def _set_attention(self, reason: str) -> None:
        """Tell the page why the plan needs the adviser's attention ("" when it does not)."""
        if reason != self.attention:
            self.attention = reason
            self.attention_changed.emit(reason)

    def _embolden(self, name: str, bold: bool) -> None:
        label = self.field_labels[name]
        font = label.font()
        font.setBold(bold)
        label.setFont(font)

    def _review(self, plan: Plan, period: Programperiode) -> tuple[str, bool]:
        """When the plan was last gone through, and (for a running programme) when it is due next;
        True when that is past."""
        lines = [format_date(plan.last_reviewed) + ("" if plan.gjennomganger else " (da planen ble laget)")]
        today = datetime.date.today()
        overdue = False
        if self.is_current() and self._running(period):
            months = self.session.rules.value("plan.revisjon_maaneder", period.lovverk, plan.last_reviewed)
            due = add_months(plan.last_reviewed, months)
            overdue = due < today
            lines.append(f"Forfalt: skulle vært gjennomgått senest {format_date(due)}" if overdue
                         else f"Neste gjennomgang senest {format_date(due)}")
        if plan.gjennomganger:
            lines.append("Gjennomganger: " + ", ".join(format_date(d) for d in plan.gjennomganger))
        return "\n".join(lines), overdue

    def _fit_table(self) -> None:
        """Tall enough for every element (up to ten), so the page scrolls, not a table inside it."""
        rows = min(max(self.elements.rowCount(), 2), 10)
        table = self.table
        height = (table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth())
        table.setFixedHeight(height)

    def selected_element(self) -> Element | None:
        rows = self.table.selectionModel().selectedRows()
        return self.elements.elements[rows[0].row()] if rows else None

    def _element_to_change(self) -> Element | None:
        """The selected element, if it may be changed: only the current version's can."""
        return self.selected_element() if self.is_current() else None

    def _update_buttons(self) -> None:
        editable = self.is_current()
        chosen = self.selected_element() is not None
        self.compare_button.setEnabled(len(self.plans) >= 2)
        self.pdf_button.setEnabled(self.plan is not None)
        for button in (self.edit_plan_button, self.review_button, self.new_element_button):
            button.setEnabled(editable)
        for button in (self.edit_element_button, self.hours_button, self.delete_element_button):
            button.setEnabled(editable and chosen)

    # ----- writing: each dialog saves through the services, then the tab reloads and says so

    def _after_write(self, element_id: int | None = None) -> None:
        self.refresh(element_id)
        self.changed.emit()

    def new_version(self) -> None:
        latest = self.plans[-1] if self.plans else None
        if latest:
            title = "Ny versjon av planen"
            intro = (f"Den nye versjonen (versjon {latest.versjon + 1}) får elementene fra versjon {latest.versjon}. "
                     "Tidligere versjoner blir stående uendret.")
        else:
            title = "Lag integreringsplan"
            intro = ("Lag planen sammen med deltakeren. Står sluttmålet tomt, brukes sluttmålet som er "
                     "fastsatt for programmet. Elementene legger du til etterpå.")
        dialog = plan_dialog(title, lambda values: plan_service.new_version(self.session, self.deltaker_id, values),
                             plan_values(latest, datetime.date.today()), intro, self)
        if dialog.exec():
            self._after_write()

    def edit_plan(self) -> None:
        plan = self.plan
        dialog = plan_dialog(f"Endre plan (versjon {plan.versjon})",
                             lambda values: plan_service.update(self.session, plan.id, values),
                             plan_values(plan, plan.dato),
                             "Rett opp den gjeldende versjonen. Er det en vesentlig endring av planen, lag heller "
                             "en ny versjon, så den gamle blir stående.", self)
        if dialog.exec():
            self._after_write()

    def add_review(self) -> None:
        if review_dialog(self.session, self.plan, self).exec():
            self._after_write()

    def new_element(self) -> None:
        period = plan_service.programme_period(self.session, self.deltaker_id)
        dialog = ElementDialog(self.session, self.plan.id, period=(period.start, period.end), parent=self)
        if dialog.exec():
            self._after_write(dialog.saved_id)

    def edit_element(self) -> None:
        element = self._element_to_change()
        if element is None:
            return
        dialog = ElementDialog(self.session, self.plan.id, element, parent=self)
        if dialog.exec():
            self._after_write(element.id)

    def record_hours(self) -> None:
        element = self._element_to_change()
        if element is not None and hours_dialog(self.session, element, self).exec():
            self._after_write(element.id)

    def delete_element(self) -> None:
        element = self._element_to_change()
        if element is None:
            return
        if not norsk.confirm(self, "Fjern element",
                             f"Fjerne «{describe_element(element, self.session.rules)}» fra versjon "
                             f"{self.plan.versjon} av planen?\n\nTidligere versjoner beholder elementet."):
            return
        plan_service.delete_element(self.session, element.id)
        self._after_write()

    # ----- reading

    def compare(self) -> None:
        if len(self.plans) < 2:
            return
        # The version shown against the one before it; the current against its predecessor by default.
        new = self.plan if self.plan is not self.plans[0] else self.plans[1]
        old = self.plans[self.plans.index(new) - 1]
        CompareDialog(self.session, self.plans, old, new, self).exec()

    def write_pdf(self) -> None:
        plan = self.plan
        save_document(self, "Skriv ut integreringsplanen", f"Integreringsplan {self.name} v{plan.versjon}.pdf",
                      lambda path: plan_service.write_pdf(self.session, self.deltaker_id, path, plan_id=plan.id))
