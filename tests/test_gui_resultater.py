"""The Resultater view: the year's main indicator against the target, a breakdown in a chart and a table,
the trend, and the documents, driven through the demo window."""

import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette

from introdesk.domain.form import FieldErrors
from introdesk.domain.resultater import BREAKDOWNS
from introdesk.services import resultater, settings
from introdesk.ui import documents, norsk
from introdesk.ui.charts import Bar, BarChart


def _open(w):
    action = w.actions["show_resultater"]
    assert action.shortcut() == QKeySequence("Ctrl+7")
    action.trigger()
    assert w.views.currentWidget() is w.resultater
    assert w.views.tabText(w.views.currentIndex()) == "Resultater"
    return w.resultater


def years(session) -> list[int]:
    """The years the view offers: those with endings, and this year."""
    today = datetime.date.today()
    return sorted(set(resultater.results(session, today.year).years) | {today.year}, reverse=True)


def _table(view) -> list[list[str]]:
    m = view.table.model()
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def _save_to(monkeypatch, path):
    asked = []

    def dialog(parent, title, suggested, file_types):
        asked.append(suggested)
        return str(path), ""
    monkeypatch.setattr(documents.QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(documents.QDesktopServices, "openUrl", lambda url: None)
    return asked


def test_the_headline_is_the_years_results_with_counts_and_the_target(demo_window):
    view = _open(demo_window)
    assert [view.year.itemData(i) for i in range(view.year.count())] == years(demo_window.session)
    r = resultater.results(demo_window.session, view.selected_year)
    t = r.total
    assert t.ended > 0, "the demo has endings this year"
    assert view.headline.text() == (f"{r.year}: {t.ended} avsluttet, {t.in_work_or_education} i arbeid eller "
                                    f"utdanning – {resultater.percent_text(t.share)}")
    met = t.in_work_or_education * 100 >= r.target * t.ended
    assert view.target.text() == f"Mål: {r.target} % – " + ("nådd" if met else "ikke nådd")
    assert [b.label for b in view.trend.bars] == [a.group for a in r.trend]
    assert view.trend.target == r.target
    assert [b.label for b in view.trend.bars if b.emphasis] == [str(r.year)]


def test_choosing_a_breakdown_fills_chart_and_table(demo_window, qtmodeltester):
    view = _open(demo_window)
    r = resultater.results(demo_window.session, view.selected_year)
    assert [view.breakdown.itemText(i) for i in range(view.breakdown.count())] == list(BREAKDOWNS.values())
    view.breakdown.setCurrentIndex(view.breakdown.findData("utdanning"))
    groups = r.breakdowns["utdanning"]
    assert _table(view) == [[a.group, str(a.ended), str(a.in_work_or_education), a.share_text()] for a in groups]
    assert [(b.label, b.count, b.total) for b in view.chart.bars] == \
        [(a.group, a.in_work_or_education, a.ended) for a in groups]
    assert view.groups_box.title() == f"{r.year} fordelt på utdanningsbakgrunn"
    assert view.note.text() == f"Grupper med færre enn {r.min_group} avsluttede vises bare som antall."
    qtmodeltester.check(view.model)


def test_a_small_group_shows_counts_and_no_percentage(demo_window):
    view = _open(demo_window)
    session = demo_window.session
    year, field, small = next((y, f, a) for y in years(session)
                              for f, groups in resultater.results(session, y).breakdowns.items()
                              for a in groups if a.small)
    view.show_year(year)
    view.show_breakdown(field)
    row = next(r for r in _table(view) if r[0] == small.group)
    assert row == [small.group, str(small.ended), str(small.in_work_or_education), "for få til andel"]
    bar = next(b for b in view.chart.bars if b.label == small.group)
    assert bar.share is None and bar.text() == f"{small.in_work_or_education} av {small.ended} (for få til andel)"
    assert "%" not in bar.text() and f"{small.group}: {bar.text()}" in view.chart.accessibleDescription()


def test_changing_the_year_updates_everything(demo_window):
    view = _open(demo_window)
    session = demo_window.session
    older = years(session)[1]
    view.show_breakdown("kjonn")
    view.year.setCurrentIndex(view.year.findData(older))
    r = resultater.results(session, older)
    assert view.headline.text().startswith(f"{older}: {r.total.ended} avsluttet, {r.total.in_work_or_education} i ")
    assert [row[0] for row in _table(view)] == [a.group for a in r.breakdowns["kjonn"]]
    assert [b.label for b in view.trend.bars if b.emphasis] == [str(older)]
    f = r.followup
    if f.ended:  # last year's leavers have their status one year after recorded in the demo
        assert view.followup.text().startswith(f"Ett år etter: {f.in_work_or_education} av {f.ended} med registrert "
                                               "status i arbeid eller utdanning (")


def test_the_followup_says_when_none_is_recorded(demo_window):
    view = _open(demo_window)
    session = demo_window.session
    year = next(y for y in years(session)
                if resultater.results(session, y).followup.ended == 0 and resultater.results(session, y).followup_of)
    view.show_year(year)
    of = view.result.followup_of
    assert view.followup.text() == f"Ett år etter: ingen status registrert ennå for de {of} som avsluttet i {year}."


def test_a_new_target_shows_after_the_window_refreshes(demo_window):
    view = _open(demo_window)
    session = demo_window.session
    settings.save(session, {**settings.as_dict(settings.load(session)), "logo": "", "resultatmal": "10"})
    demo_window._refresh_all()
    assert view.target.text() == "Mål: 10 % – nådd" and view.trend.target == 10
    demo_window.show_deltakere()
    settings.save(session, {**settings.as_dict(settings.load(session)), "logo": "", "resultatmal": "100"})
    demo_window._refresh_all()  # hidden: filled when shown again
    view = _open(demo_window)
    assert view.target.text().startswith("Mål: 100 % – ")


def test_the_tables_are_exported_to_excel(demo_window, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    view = _open(demo_window)
    asked = _save_to(monkeypatch, tmp_path / "tabeller.xlsx")
    told = []
    monkeypatch.setattr(norsk, "info", lambda parent, title, text: told.append(text))
    view.export_button.click()
    assert asked[0].endswith(f"resultater-{view.selected_year}.xlsx")
    book = load_workbook(tmp_path / "tabeller.xlsx")
    assert "Hovedtall" in book.sheetnames and "Kjønn" in book.sheetnames
    assert book["Hovedtall"]["B2"].value == view.result.total.ended
    assert "lagret" in told[0]


def test_an_export_that_cannot_be_written_is_a_message(demo_window, monkeypatch, tmp_path):
    view = _open(demo_window)
    _save_to(monkeypatch, tmp_path / "finnes-ikke" / "tabeller.xlsx")
    errors = []
    monkeypatch.setattr(norsk, "error", lambda parent, title, text: errors.append(text))
    view.export()
    assert errors and "Kan ikke skrive" in errors[0]


def test_the_report_button_writes_the_years_report(demo_window, monkeypatch, tmp_path):
    view = _open(demo_window)
    asked = _save_to(monkeypatch, tmp_path / "rapport.pdf")
    written = []

    def write_report(session, year, target):
        written.append(year)
        if year < 2000:
            raise FieldErrors({"fil": "Kan ikke skrive rapport.pdf."})
        target.write_bytes(b"%PDF-1.4")
        return target
    monkeypatch.setattr(resultater, "write_report", write_report)
    view.report_button.click()
    assert asked[0].endswith(f"resultater-{view.selected_year}.pdf") and written == [view.selected_year]
    assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF")


# ----- the chart on its own


def _highlight_pixels(chart: BarChart) -> int:
    image = chart.grab().toImage()
    colour = chart.palette().color(QPalette.ColorRole.Highlight)
    return sum(QColor(image.pixel(x, y)) == colour for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_a_group_without_a_share_gets_no_bar(qtbot):
    chart = BarChart(Qt.Orientation.Horizontal, "Prøve")
    qtbot.addWidget(chart)
    chart.resize(500, 200)
    chart.set_bars([Bar("Liten gruppe", 2, 3, None)], target=70)
    assert _highlight_pixels(chart) == 0
    assert chart.describe() == "Mål: 70 %. Liten gruppe: 2 av 3 (for få til andel)."
    chart.set_bars([Bar("Stor gruppe", 6, 10, 0.6)], target=70)
    assert _highlight_pixels(chart) > 100
    assert chart.describe() == "Mål: 70 %. Stor gruppe: 60 % (6 av 10)."


def test_many_years_make_the_trend_chart_wider_not_crowded(qtbot):
    chart = BarChart(Qt.Orientation.Vertical, "Prøve")
    qtbot.addWidget(chart)
    few = [Bar(str(2020 + i), 5, 10, 0.5) for i in range(3)]
    chart.set_bars(few, 70)
    narrow = chart.minimumSizeHint().width()
    chart.set_bars(few * 6, 70)
    assert chart.minimumSizeHint().width() > narrow * 3
    assert chart.minimumSizeHint().width() >= 18 * chart.fontMetrics().horizontalAdvance("(for få til")
