"""Regelverk: the rule parameters in force today with their sources, the history of G, and the end
reasons; the adviser adds next year's G or a new end reason here, without touching code."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors, format_count, format_hours
from introdesk.domain.names import norwegian_sort_key
from introdesk.domain.rules import LOVVERK, DatedValue
from introdesk.services import regler
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import CheckField, TextField
from introdesk.ui.form_dialog import FormDialog
from introdesk.ui.tables import read_only_table

_BOX = QDialogButtonBox.StandardButton
# Rule names as an adviser reads them.
TITLES = {
    "grunnbelop": "Grunnbeløpet (G)",
    "malgruppe.alder_min": "Målgruppe: laveste alder",
    "malgruppe.alder_maks": "Målgruppe: høyeste alder",
    "malgruppe.botid_aar": "Målgruppe: år siden bosetting",
    "program.startfrist_maaneder": "Oppstart senest (måneder etter bosetting/krav)",
    "program.lengde_maaneder": "Programmets lengde (måneder per sluttmålgruppe)",
    "program.forlengelse_maaneder": "Forlengelse (måneder per sluttmålgruppe)",
    "plan.frist_maaneder": "Integreringsplan senest (måneder etter start)",
    "plan.revisjon_maaneder": "Planen gjennomgås (hver n. måned)",
    "plan.fulltid_timer": "Fulltid (timer per uke)",
    "plan.fulltid_selvstudium_timer": "Fulltid med mye selvstudium (timer per uke)",
    "plan.obligatoriske_elementer": "Obligatoriske elementer i planen",
    "praksis.oppfolging_dager": "Oppfølging av praksis (hver n. dag)",
    "nav.overgang_maaneder": "Overgang til NAV (måneder før slutt)",
    "nir.registreringsfrist_maaneder": "Registrering i NIR (måneder)",
    "nir.opprydding_dag": "Årlig opprydding i NIR (dag året etter)",
    "frister.varsel_dager": "Frister vises (dager før)",
    "stonad.g_per_aar": "Stønad: G per år",
    "stonad.under_25_andel": "Stønad: andel under 25 år",
    "stonad.med_foreldre_andel": "Stønad: andel under 25 år som bor med foreldre",
    "permisjon.svangerskap_dager": "Permisjon: svangerskap (dager)",
    "permisjon.mor_etter_fodsel_dager": "Permisjon: mor etter fødsel (dager)",
    "permisjon.far_dager": "Permisjon: far (dager)",
    "permisjon.barns_sykdom_dager": "Permisjon: barns sykdom (dager per 12 måneder)",
    "permisjon.omsorg_maaneder": "Permisjon: omsorg etter fødsel (måneder)",
    "permisjon.egenmelding": "Egenmelding",
}
REGIME_SHORT = {"introloven": "introloven", "integreringsloven": "integreringsloven", "kap6a": "kap. 6A"}


def _shown(value) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, int):
        return format_count(value)
    if isinstance(value, float):
        return format_hours(Decimal(str(value)))
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):  # the plan's mandatory elements
        return "; ".join(_need(v) for v in value)
    if isinstance(value, list) and len(value) == 2:
        return f"{value[0]}/{value[1]}"
    if isinstance(value, str) and len(value) == 5 and value[2] == "-":  # a day of the year, "02-28"
        return f"{value[3:]}.{value[:2]}."
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in value.items())
    return str(value)


def _need(need: dict) -> str:
    extra = [f"minst {need['min_timer']} timer"] if "min_timer" in need else []
    extra += ["for deltakere med barn"] if need.get("bare_med_barn") else []
    return need["navn"] + (f" ({', '.join(extra)})" if extra else "")


def _grouped(values: list[DatedValue]) -> list[tuple[DatedValue, str]]:
    """One row per rule and value, naming the regimes it holds for ("alle" when it holds for all)."""
    groups: dict[tuple, list[DatedValue]] = {}
    for v in values:
        groups.setdefault((v.name, repr(v.value), v.valid_from, v.source, v.verify), []).append(v)
    rows = [(vs[0], "alle" if len(vs) == len(LOVVERK) else ", ".join(REGIME_SHORT[v.lovverk] for v in vs))
            for vs in groups.values()]
    return sorted(rows, key=lambda row: norwegian_sort_key(TITLES.get(row[0].name, row[0].name)))


def _table(headers: list[str], rows: list[list[str]], tips: list[str] | None = None) -> QTableWidget:
    table = read_only_table(headers, "Regelverk", len(rows))
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if tips:
                item.setToolTip(tips[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for col in range(len(headers) - 1):  # long values wrap rather than push the source out of sight
        table.setColumnWidth(col, min(table.columnWidth(col), 260))
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


class RegelverkDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Regelverk")
        self.tabs = QTabWidget()
        close = norsk.buttons(_BOX.Close, parent=self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Regler som gjelder i dag, {format_date(datetime.date.today())}. "
                                "Verdier merket «Må verifiseres» er usikre i kildene og bør sjekkes."))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self._build()
        self.resize(1100, 640)

    def _build(self) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        rows = _grouped(regler.in_force(self.session))
        self.tabs.addTab(_table(
            ["Regel", "Verdi", "Lovverk", "Gjelder fra", "Merknad", "Kilde"],
            [[TITLES.get(v.name, v.name), _shown(v.value), regimes, format_date(v.valid_from),
              "Må verifiseres" if v.verify else "", v.source] for v, regimes in rows],
            [f"{v.source}\n({v.origin})" for v, _ in rows],
        ), "&Gjeldende verdier")
        g = sorted((v for v in self.session.rules.values if v.name == "grunnbelop" and v.lovverk == "integreringsloven"),
                   key=lambda v: v.valid_from, reverse=True)
        self.tabs.addTab(self._with_button(_table(
            ["Fra", "Til", "G (kr)", "Kilde"],
            [[format_date(v.valid_from), format_date(v.valid_to) or "–", format_count(v.value), v.source] for v in g],
            [f"{v.source}\n({v.origin})" for v in g],
        ), "&Ny G …", self.add_g), "Grunnbeløp (&G)")
        exits = self.session.rules.codes("utgang")
        reasons = self.session.rules.codes("sluttarsak").codes
        self.tabs.addTab(self._with_button(_table(
            ["Sluttårsak", "Teller som resultat", "Kan brukes ved"],
            [[c.label, "Ja" if c.attributes.get("resultat") else "Nei",
              ", ".join(exits.label(e) for e in c.attributes.get("utgang", ()))] for c in reasons],
        ), "Ny &sluttårsak …", self.add_reason), "&Sluttårsaker")
        self.tabs.setCurrentIndex(max(current, 0))

    def _with_button(self, table: QTableWidget, text: str, slot) -> QWidget:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table)
        layout.addLayout(row)
        return page

    def add_g(self) -> None:
        dialog = FormDialog("Nytt grunnbeløp", [
            TextField("gyldig_fra", "Gjelder fra", "dd.mm.åååå, som regel 01.05"),
            TextField("verdi", "G i kroner"),
            TextField("kilde", "Kilde", "For eksempel «Trygdeoppgjøret 2027»"),
        ], lambda values: regler.add_grunnbelop(self.session, values), parent=self)
        if dialog.exec():
            self._build()

    def add_reason(self) -> None:
        exits = self.session.rules.codes("utgang").codes
        fields = [TextField("tekst", "Sluttårsak"), CheckField("resultat", "Teller som resultat (arbeid eller utdanning)")]
        fields += [CheckField(f"utgang_{c.code}", f"Kan brukes ved «{c.label}»") for c in exits]

        def save(values):
            chosen = [c.code for c in exits if values.pop(f"utgang_{c.code}")]
            try:
                regler.add_sluttarsak(self.session, {**values, "utgang": chosen})
            except FieldErrors as exc:  # the exit types share one message, shown at the first box
                errors = dict(exc.errors)
                if "utgang" in errors:
                    errors[f"utgang_{exits[0].code}"] = errors.pop("utgang")
                raise FieldErrors(errors) from None

        if FormDialog("Ny sluttårsak", fields, save, parent=self).exec():
            self._build()

