"""The municipality's results for a year on paper, for the municipal council: the share of those who ended
the introduction programme who went on to work or education, in plain words, a chart over the years
with the target as a line, a chart by gender and age, the tables, the status one year after, and how
the figures are counted. DOMAIN.md section 13; the wording is in resources/tekster/resultater.toml.

The figures are counted in services/resultater.py (results, tables); this module only arranges them. A
group smaller than the rule's limit has no share there, and gets none here either: its counts are shown
with «for få», never a percentage.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from introdesk.domain.dates import format_date
from introdesk.domain.innstillinger import Innstillinger
from introdesk.domain.resultater import BREAKDOWNS
from introdesk.domain.rules import RuleBook
from introdesk.reports.pdf import (ACCENT, CONTENT_WIDTH, FONT, INK, MUTED, Texts, build_pdf_bytes, bullets,
                                   code_label, data_table, heading, load_logo, para, register_fonts, reworded,
                                   styles, tie)

BOLD = f"{FONT}-Bold"
BAR = colors.HexColor("#9db3cc")  # the other years: lighter than the report's year in ACCENT
TARGET = colors.HexColor("#b4471f")  # the target line and its label: apart from the bars' blues
GRID = colors.HexColor("#e1e5ea")

# Group, ended, in work or education, share: 170 mm, the frame's width.
TABLE_WIDTHS = (82 * mm, 28 * mm, 38 * mm, 22 * mm)
TREND_YEARS = 10  # the chart's bars; more years would crowd their labels (the table has them all)
CHARTED = ("kjonn", "aldersgruppe")  # the breakdowns drawn as bars; all of them are in the tables
SHOWN_AS_TEXT = ("Hovedtall", "Ett år etter")  # tables(r) the report tells in sentences instead


def render_resultater(r, tables: Sequence[tuple[str, pd.DataFrame]], settings: Innstillinger, rules: RuleBook,
                      malform: str | None = None, *, dated: datetime.date | None = None) -> bytes:
    """The results report as PDF bytes, in bokmål or nynorsk (the settings' written standard unless
    `malform` is given).

    `r` is a services.resultater.Resultater (the reports layer does not import services) and `tables` its
    tables(r); `dated` is the day printed under the title, today by default."""
    register_fonts()
    t = Texts("resultater", malform or settings.malform)
    dated = dated or datetime.date.today()
    title = t("tittel", aar=r.year)
    subtitle = t("undertittel_pagaende" if r.year >= dated.year else "undertittel", dato=format_date(dated),
                 aar=r.year)
    story = [
        *_title(title, subtitle),
        *_headline(r, t),
        _trend(r, t),
        *_groups(r, t),
        *_tables(r, tables, t),
        *_followup(r, t),
        *_method(r, rules, t),
    ]
    logo = load_logo(Path(settings.logo)) if settings.logo else None
    return build_pdf_bytes(story, municipality=settings, texts=t, title=title, subject=t("emne", aar=r.year),
                           footer_label=" · ".join(filter(None, (title, settings.kommune_navn))), logo=logo)


# ----- numbers as words

def percent(share: float) -> str:
    """«50 %», rounded as the window rounds it (services.resultater.percent_text), with a non-breaking space."""
    return f"{round(share * 100):d}\u00a0%"


def _people(n: int, t: Texts) -> str:
    return t["deltaker_en"] if n == 1 else t("deltakere", antall=n)


def _target(r) -> str:
    return f"{r.target}\u00a0%"


def _group_name(text: str, t: Texts) -> str:
    return reworded(t, "grupper", text)


def _table_name(text: str, t: Texts) -> str:
    return reworded(t, "tabeller", text)


# ----- the top: title and the headline in plain words

def _title(title: str, subtitle: str) -> list[Flowable]:
    s = styles()  # a size smaller than other documents' titles, so the long title keeps to one line
    return [para(title, s.title.clone("results_title", fontSize=18, leading=22)), para(subtitle, s.subtitle)]


def _headline(r, t: Texts) -> list[Flowable]:
    s = styles()
    total = r.total
    if total.ended == 0:
        sentences = [t("ingress_ingen", aar=r.year), t("mal", mal=_target(r))]
    elif total.share is None:
        sentences = [t("ingress_for_fa", deltakere=_people(total.ended, t), aar=r.year,
                       antall=total.in_work_or_education), t("mal", mal=_target(r))]
    else:
        points = round(total.share * 100) - r.target
        sentences = [t("ingress", deltakere=_people(total.ended, t), aar=r.year, antall=total.in_work_or_education,
                       andel=percent(total.share)), t("mal", mal=_target(r)),
                     t("pa_malet") if points == 0 else t("over_malet" if points > 0 else "under_malet",
                                                         poeng=abs(points))]
    before = next((a for a in r.trend if a.group == str(r.year - 1)), None)
    if before is not None and before.share is not None:
        sentences.append(t("forrige_aar", aar=r.year - 1, andel=percent(before.share)))
    lead = s.body.clone("lead", fontSize=12, leading=17, spaceAfter=6)
    return [para(tie(" ".join(sentences)), lead), para(t["ingress_forklaring"], s.body)]


# ----- the charts

def _drawing(width: float, height: float) -> Drawing:
    # The font each chart starts in: without it ReportLab names an unembedded Helvetica on the page.
    return Drawing(width, height, initialFontName=FONT)


def _text(x: float, y: float, text: str, size: float = 7, color=INK, anchor: str = "middle",
          bold: bool = False) -> String:
    return String(x, y, text, fontName=BOLD if bold else FONT, fontSize=size, fillColor=color, textAnchor=anchor)


def _backed(x: float, y: float, text: str, size: float, color, anchor: str = "middle",
            bold: bool = False) -> list:
    """A label on a white ground, so a grid or target line running behind it does not strike it through."""
    width = stringWidth(text, BOLD if bold else FONT, size)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return [Rect(left - 1.5, y - size * 0.25, width + 3, size * 1.1, fillColor=colors.white, strokeColor=None),
            _text(x, y, text, size, color, anchor, bold)]


def _trend(r, t: Texts) -> Flowable:
    """A bar per year with the share, the counts under it, and the target as a dashed line."""
    s = styles()
    parts: list[Flowable] = [heading(t["utvikling"])]
    years = list(r.trend)[-TREND_YEARS:]
    if not years:
        return KeepTogether([*parts, para(t["utvikling_ingen"], s.body)])
    parts.append(para(t["utvikling_tekst"], s.body))
    parts.append(trend_chart(years, r.year, r.target, t))
    notes = []
    if any(a.share is None for a in years):
        notes.append(t("utvikling_for_fa", min=r.min_group))
    if len(r.trend) > len(years):
        notes.append(t("utvikling_kuttet", antall=len(years)))
    parts += [para(note, s.small) for note in notes]
    return KeepTogether(parts)


def trend_chart(years: Sequence, this_year: int, target: int, t: Texts, width: float = CONTENT_WIDTH,
                height: float = 62 * mm) -> Drawing:
    d = _drawing(width, height)
    x0, x1, y0, y1 = 26.0, width - 48, 28.0, height - 14
    _y_grid(d, x0, x1, y0, y1)

    def y_of(share: float) -> float:
        return y0 + min(share, 1.0) * (y1 - y0)

    slot = (x1 - x0) / len(years)
    bar = min(slot * 0.55, 42.0)
    labels = []
    for i, a in enumerate(years):
        mid = x0 + slot * (i + 0.5)
        current = a.group == str(this_year)
        if a.share is not None:
            d.add(Rect(mid - bar / 2, y0, bar, y_of(a.share) - y0, fillColor=ACCENT if current else BAR,
                       strokeColor=None))
            labels.append((mid, y_of(a.share) + 3, percent(a.share), 8, INK, current))
        else:
            labels.append((mid, y0 + 4, t["for_fa"], 7, MUTED, False))
        d.add(_text(mid, y0 - 11, a.group, 8, INK, bold=current))
        counts = t("antall_av", antall=a.in_work_or_education, av=a.ended)
        size = 7.0
        while size > 5 and stringWidth(counts, FONT, size) > slot - 4:  # «120 av 160» under ten bars
            size -= 0.5
        d.add(_text(mid, y0 - 21, counts, size, MUTED))
    d.add(Line(x0, y0, x1, y0, strokeColor=MUTED, strokeWidth=0.6))
    line = y_of(target / 100)
    d.add(Line(x0, line, x1, line, strokeColor=TARGET, strokeWidth=1.1, strokeDashArray=[4, 2.5]))
    d.add(_text(x1 + 4, line - 2.5, t("mal_etikett", mal=f"{target}\u00a0%"), 7.5, TARGET, "start", bold=True))
    for x, y, text, size, color, bold in labels:
        for shape in _backed(x, y, text, size, color, bold=bold):
            d.add(shape)
    return d


def _y_grid(d: Drawing, x0: float, x1: float, y0: float, y1: float) -> None:
    for step in range(0, 101, 25):
        y = y0 + step / 100 * (y1 - y0)
        if step:
            d.add(Line(x0, y, x1, y, strokeColor=GRID, strokeWidth=0.5))
        d.add(_text(x0 - 4, y - 2.5, f"{step}\u00a0%", 7, MUTED, "end"))


def _groups(r, t: Texts) -> list[Flowable]:
    """Horizontal bars for the charted breakdowns of the year, each group with its counts."""
    panels = [(_table_name(BREAKDOWNS[field], t), r.breakdowns[field]) for field in CHARTED
              if r.breakdowns.get(field)]
    if r.total.ended == 0 or not panels:
        return []
    s = styles()
    parts = [heading(t["grupper_heading"]), para(t("grupper_tekst", aar=r.year), s.body),
             group_chart(panels, r.target, t)]
    if any(a.small for _, groups in panels for a in groups):
        parts.append(para(t("grupper_for_fa", min=r.min_group), s.small))
    return [KeepTogether(parts)]


def group_chart(panels: Sequence[tuple[str, Sequence]], target: int, t: Texts,
                width: float = CONTENT_WIDTH) -> Drawing:
    row, bar, title_row, gap, axis, top = 15.0, 9.0, 15.0, 8.0, 14.0, 12.0
    rows = sum(len(groups) for _, groups in panels)
    height = top + len(panels) * title_row + rows * row + (len(panels) - 1) * gap + axis
    d = _drawing(width, height)
    x0 = 130.0  # the bars start here; the groups' names stand to the left
    x1 = x0 + (width - x0) * 0.66  # 100 %; the counts after a full bar fit to its right

    def x_of(share: float) -> float:
        return x0 + min(share, 1.0) * (x1 - x0)

    y = height - top
    shapes, labels, spans = [], [], []
    for name, groups in panels:
        shapes.append(_text(0, y - 10, name, 8.5, ACCENT, "start", bold=True))
        y -= title_row
        span_top = y
        for a in groups:
            middle = y - row / 2
            label = _group_name(a.group, t)
            size = 8.0
            while size > 6 and stringWidth(label, FONT, size) > x0 - 8:
                size -= 0.5
            shapes.append(_text(x0 - 6, middle - 2.8, _fit(label, size, x0 - 8), size, INK, "end"))
            counts = t("antall_av", antall=a.in_work_or_education, av=a.ended)
            if a.share is not None:
                shapes.append(Rect(x0, middle - bar / 2, x_of(a.share) - x0, bar, fillColor=BAR, strokeColor=None))
                labels.append((x_of(a.share) + 4, middle - 2.6, f"{percent(a.share)} ({counts})", INK))
            else:
                labels.append((x0 + 4, middle - 2.6, t("for_fa_antall", antall=a.in_work_or_education,
                                                        av=a.ended), MUTED))
            y -= row
        spans.append((span_top, y))
        y -= gap
    bottom = y + gap
    for step in range(0, 101, 25):  # the grid first, under the bars; its scale at the foot
        x = x_of(step / 100)
        for span_top, span_bottom in spans:
            d.add(Line(x, span_bottom, x, span_top, strokeColor=MUTED if step == 0 else GRID,
                       strokeWidth=0.6 if step == 0 else 0.5))
        d.add(_text(x, bottom - 10, f"{step}\u00a0%", 7, MUTED))
    for shape in shapes:
        d.add(shape)
    line = x_of(target / 100)
    for span_top, span_bottom in spans:
        d.add(Line(line, span_bottom, line, span_top + 2, strokeColor=TARGET, strokeWidth=1.1,
                   strokeDashArray=[4, 2.5]))
    d.add(_text(line, height - top + 2, t("mal_etikett", mal=f"{target}\u00a0%"), 7.5, TARGET, bold=True))
    for x, y_, text, color in labels:
        for shape in _backed(x, y_, text, 7.5, color, "start"):
            d.add(shape)
    return d


def _fit(text: str, size: float, room: float) -> str:
    """The text cut with «…» to fit `room` points: a long group name must not run into the bars."""
    if stringWidth(text, FONT, size) <= room:
        return text
    while text and stringWidth(text + "…", FONT, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


# ----- the tables

def _tables(r, tables: Sequence[tuple[str, pd.DataFrame]], t: Texts) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = []
    lead: list[Flowable] = [heading(t["tabeller_heading"]), para(t("tabeller_tekst", aar=r.year), s.body)]
    for name, frame in tables:
        if name in SHOWN_AS_TEXT or frame.empty:
            continue
        rows, small = [], False
        for group, ended, hits, share in frame.iloc[:, :4].itertuples(index=False, name=None):
            missing = share is None or (isinstance(share, float) and math.isnan(share))
            small = small or (missing and ended > 0)
            rows.append([_group_name(str(group), t), str(ended), str(hits),
                         ("–" if ended == 0 else t["for_fa"]) if missing else percent(share)])
        first = _table_name(str(frame.columns[0]), t)
        header = [first, t["kol_avsluttet"], t["kol_resultat"], t["kol_andel"]]
        named = [] if first == _table_name(name, t) else [para(_table_name(name, t), s.label)]
        # the section's heading goes with its first table, never alone at the foot of a page
        parts: list[Flowable] = [*lead, *named, data_table(header, rows, TABLE_WIDTHS, right=(1, 2, 3))]
        lead = []
        if small:
            parts += [Spacer(1, 2), para(t("fotnote", min=r.min_group), s.small)]
        story += [KeepTogether(parts), Spacer(1, 8)]
    return story  # no tables, no heading: nobody ended a programme yet


# ----- after the tables: one year on, and how the figures are counted

def _followup(r, t: Texts) -> list[Flowable]:
    s = styles()
    f = r.followup
    if f.ended == 0:
        found = [t("oppfolging_ingen", aar=r.year)]
    else:
        found = [t("oppfolging_registrert", deltakere=_people(r.followup_of, t), aar=r.year, registrert=f.ended)]
        found += ([t("oppfolging_for_fa", antall=f.in_work_or_education)] if f.share is None
                  else [t("oppfolging_andel", antall=f.in_work_or_education, andel=percent(f.share)),
                        t("mal", mal=_target(r))])
    return [KeepTogether([heading(t["oppfolging_heading"]), para(t["oppfolging_tekst"], s.body),
                          para(tie(" ".join(found)), s.body)])]


def _method(r, rules: RuleBook, t: Texts) -> list[Flowable]:
    reasons = [code_label(rules, "sluttarsak", c.code, t.malform) for c in rules.codes("sluttarsak").codes
               if c.attributes.get("resultat")]
    points = [text.format(arsaker="; ".join(reasons) or t["ingen_arsaker"], min=r.min_group, mal=_target(r))
              for text in t["metode"]]
    return [KeepTogether([heading(t["metode_heading"]), *bullets([tie(p) for p in points])])]
