"""The certificate of participation (deltakerbevis) on paper: what the participant takes to an employer or
a school. DOMAIN.md section 11 (integreringsloven § 18 a); the wording is in resources/tekster/deltakerbevis.toml.

It documents the programme's training and measures from the records (introdesk/domain/deltakerbevis.py):
the kind of Norwegian training, social studies with scope and length, the other parts with their periods;
if the programme ended early, why and how much of it was completed. Test results are not on it: the test
centres issue those. The PDF is returned as bytes, for the service to store with the case.
"""

from __future__ import annotations

import datetime
import functools
import re
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from introdesk.domain.dates import format_date
from introdesk.domain.deltakerbevis import Bevisinnhold, Tiltak
from introdesk.domain.form import format_hours
from introdesk.domain.ident import PersonId, mask_number
from introdesk.domain.innstillinger import Innstillinger
from introdesk.domain.rules import RuleBook
from introdesk.reports.pdf import (ACCENT, EMPTY, FONT, INK, MUTED, RULE, Markup, Texts, build_pdf_bytes, code_label,
                                   data_table, escape, facts_table, heading, load_logo, para, period_text, styles,
                                   tie)

# The parts of the programme in the order the certificate shows them, each under its own band in the
# table; a measure of any other type is among «other courses and measures». A part with nothing is left out.
SECTIONS = ("norsk", "samfunnskunnskap", "livsmestring", "foreldreveiledning", "praksis")
OTHER = "andre"

# Training or measure, provider or employer, period, scope: 170 mm, the frame's width. The period and the
# scope are wide enough for «01.09.2025–19.06.2026» and «planlagt omfang 200 timer» on one line.
WIDTHS = (50 * mm, 42 * mm, 37 * mm, 41 * mm)

IDENT_KINDS = ("fnr", "dnr", "hnr", "duf")


def render_deltakerbevis(content: Bevisinnhold, municipality: Innstillinger, rules: RuleBook, malform: str, *,
                         issued: datetime.date, draft: bool = False, full_ident: bool = False,
                         logo: Path | None = None) -> bytes:
    """The certificate as PDF bytes, in bokmål or nynorsk. `draft` marks every page «UTKAST» and says in
    the title that it is not valid; `full_ident` prints the whole identity number rather than hiding its
    personal part; `logo` (PNG or JPEG) goes top left on the letterhead, and is left out if it cannot be read.

    A programme that has not ended gets only a draft: a certificate is issued when it is completed or broken
    off (ValueError otherwise)."""
    if not (draft or content.final):
        raise ValueError("Deltakerbevis utstedes når programmet er avsluttet. For et program som pågår, skriv ut "
                         "et utkast.")
    t = Texts("deltakerbevis", malform)
    name = content.deltaker.fullt_navn
    title = t["tittel_utkast"] if draft else t["tittel"]
    story = [
        *_title(title, _legal_basis(content.lovverk, t), draft),
        *_participant(content, municipality, t, full_ident),
        *_content(content, rules, t),
        *_ending(content, rules, t),
        KeepTogether([Spacer(1, 8), para(t["prover"], _styles()["note"]), Spacer(1, 16),
                      _signature(municipality, issued, t)]),
    ]
    return build_pdf_bytes(story, municipality=municipality, texts=t, title=f"{title} – {name}",
                           subject=t("emne", periode=period_text(t, content.start, content.end)),
                           footer_label=t("bunntekst_utkast" if draft else "bunntekst", navn=name),
                           logo=load_logo(logo), watermark=t["vannmerke"] if draft else "")


# ----- the top: title, legal basis, who and when

def _title(title: str, basis: str, draft: bool) -> list[Flowable]:
    st = _styles()
    return [para(title, st["draft_title" if draft else "title"]), para(basis, st["basis"])]


def _legal_basis(lovverk: str, t: Texts) -> str:
    key = {"introloven": "hjemmel_introloven", "kap6a": "hjemmel_kap6a"}.get(lovverk, "hjemmel_integreringsloven")
    return _keep_section(tie(t[key]))


def _participant(content: Bevisinnhold, municipality: Innstillinger, t: Texts, full_ident: bool) -> list[Flowable]:
    """The name large, then birth date and identity number, then what the certificate states, as one
    sentence: «Amal Haddad / født … / har gjennomført introduksjonsprogrammet i Ålvik kommune i perioden …»."""
    st = _styles()
    d = content.deltaker
    born = [t("fodt", dato=format_date(d.fodselsdato))] if d.fodselsdato else []
    if d.ident and d.ident_type in IDENT_KINDS:
        number = PersonId(d.ident_type, d.ident, None).formatted() if full_ident else mask_number(d.ident)
        born.append(t(f"ident_{d.ident_type}", nummer=number))
    kommune = municipality.kommune_navn or t["kommunen"]
    if content.start is None:
        stated = t("ingress_ikke_startet", kommune=kommune)
    elif content.end is None:
        stated = t("ingress_pagar", kommune=kommune, fra=format_date(content.start))
    else:
        stated = t("ingress_avsluttet" if content.ended_early else "ingress_fullfort", kommune=kommune,
                   periode=period_text(t, content.start, content.end))
    return [para(d.fullt_navn, st["name"]), para(" · ".join(born), st["born"]),
            para(f"{stated} {t['ingress_innhold']}", st["lead"])]


# ----- the content: one table, a band for each part

def _content(content: Bevisinnhold, rules: RuleBook, t: Texts) -> list[Flowable]:
    parts = _sections(content.measures)
    if not parts:
        return []
    rows: list[list[str]] = []
    bands: list[int] = []
    for key, measures in parts:
        bands.append(len(rows) + 1)  # row 0 is the header
        rows.append([Markup(f'<font color="{_hex(ACCENT)}"><b>{escape(t[f"del_{key}"])}</b></font>'), "", "", ""])
        rows += [_row(m, key, rules, t) for m in measures]
    table = data_table([t["kol_innhold"], t["kol_tilbyder"], t["kol_periode"], t["kol_omfang"]], rows, WIDTHS)
    commands = []
    for row in bands:
        commands += [("SPAN", (0, row), (-1, row)),
                     ("NOSPLIT", (0, row), (-1, min(row + 1, len(rows)))),  # a band never ends a page
                     ("TOPPADDING", (0, row), (-1, row), 7 if row > 1 else 5),
                     ("LINEBELOW", (0, row), (-1, row), 0.4, RULE)]
    table.setStyle(TableStyle(commands))
    # Not heading(): its keep-with-next would hold the whole table to it and push a long one off the first
    # page. A page break only when there is no room under the heading for the header, a band and a row.
    return [CondPageBreak(75), para(t["innhold"], _styles()["table_heading"]), table]


def _sections(measures: tuple[Tiltak, ...]) -> list[tuple[str, list[Tiltak]]]:
    found: dict[str, list[Tiltak]] = {}
    for m in measures:
        key = "praksis" if m.placement else m.type if m.type in SECTIONS else OTHER
        found.setdefault(key, []).append(m)
    return [(key, found[key]) for key in (*SECTIONS, OTHER) if key in found]


def _row(m: Tiltak, section: str, rules: RuleBook, t: Texts) -> list[str]:
    label = _label(m, rules, t.malform)
    if section in SECTIONS and section != "praksis":
        # The band already names the part: the row tells which kind of it (the kind of Norwegian training)
        what = Markup(escape(m.note or label))
    else:
        what = Markup(escape(label) + (f'<br/><font color="{_hex(MUTED)}">{escape(m.note)}</font>' if m.note else ""))
    period = format_date(m.fra) if m.fra == m.til else f"{format_date(m.fra)}–{format_date(m.til)}"
    return [what, m.provider or EMPTY, period, _scope(m, t)]


def _label(m: Tiltak, rules: RuleBook, malform: str) -> str:
    """The measure's name in the document's written standard."""
    codes = "praksistype" if m.placement and rules.codes("praksistype").get(m.type) else "elementtype"
    return code_label(rules, codes, m.type, malform) if rules.codes(codes).get(m.type) else m.label


def _scope(m: Tiltak, t: Texts) -> Markup:
    """«420 timer gjennomført» where the hours were recorded, else the planned «omfang 300 timer»; a measure
    broken off says so."""
    broken_off = m.status == "avbrutt"
    if m.hours_completed is not None:
        text = t("timer_gjennomfort", timer=format_hours(m.hours_completed))
    elif m.hours_planned is not None:
        text = t("omfang_avbrutt" if broken_off else "omfang", timer=format_hours(m.hours_planned))
    else:
        text = EMPTY
    lines = [escape(_keep_number(text))]
    if broken_off:
        lines.append(f"<i>{escape(t['avbrutt'])}</i>")
    return Markup("<br/>".join(lines))


# ----- the end: how the programme ended, test results, signature

def _ending(content: Bevisinnhold, rules: RuleBook, t: Texts) -> list[Flowable]:
    if content.start is None:
        return []
    if not content.final:
        return [heading(t["status"]), para(t["pagar"], styles().body)]
    ended = format_date(content.end)
    if not content.ended_early:
        goal = _goal(content.sluttmal)
        sentence = t("fullfort_mal", dato=ended, sluttmal=goal) if goal else t("fullfort", dato=ended)
        return [heading(t["avslutning"]), para(sentence, styles().body)]
    facts = []
    if content.sluttarsak:
        facts.append((t["arsak"], code_label(rules, "sluttarsak", content.sluttarsak, t.malform)))
    if content.utgang:
        facts.append((t["utgang"], code_label(rules, "utgang", content.utgang, t.malform)))
    if content.months_used is not None:
        months = (t("maneder", brukt=content.months_used, planlagt=content.months_planned)
                  if content.months_planned else t("maneder_brukt", brukt=content.months_used))
        facts.append((t["gjennomfort"], months))
    story: list[Flowable] = [heading(t["avslutning"]), para(t("avsluttet_tidlig", dato=ended), styles().body)]
    if facts:
        story.append(facts_table(facts))
    return story


def _goal(sluttmal: str) -> str:
    """The end goal as typed, on one line and without the full stop or quotes the sentence supplies."""
    return " ".join(sluttmal.split()).strip("«»\"'").rstrip(".").strip()


def _signature(municipality: Innstillinger, issued: datetime.date, t: Texts) -> Table:
    """Place and date filled in on the left, the adviser's signature line on the right with name and title
    under it."""
    s = styles()
    m = municipality
    place_date = ", ".join(filter(None, (m.signing_place, format_date(issued))))
    role = ", ".join(filter(None, (m.radgiver_tittel, m.tjeneste_navn)))
    rows = [[para(place_date, s.body), "", ""],
            [para(t["sted_og_dato"], s.small), "", para(m.radgiver_navn, s.body)],
            ["", "", para(role, s.small)]]
    table = Table(rows, colWidths=[70 * mm, 25 * mm, 75 * mm], rowHeights=[34, None, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 1), (-1, 1), 3),
        ("LINEBELOW", (0, 0), (0, 0), 0.7, INK), ("LINEBELOW", (2, 0), (2, 0), 0.7, INK),
    ]))
    return table


# ----- typography

@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    s = styles()
    return {
        "title": ParagraphStyle("bevis_title", s.title, fontSize=26, leading=30, spaceAfter=3),
        "draft_title": ParagraphStyle("bevis_draft_title", s.title, fontSize=18, leading=22, spaceAfter=3),
        "basis": ParagraphStyle("bevis_basis", s.subtitle, spaceAfter=14),
        "name": ParagraphStyle("bevis_name", s.body, fontName=f"{FONT}-Bold", fontSize=16, leading=20,
                               textColor=INK, spaceAfter=1),
        "born": ParagraphStyle("bevis_born", s.body, fontSize=9, leading=12, textColor=MUTED, spaceAfter=6),
        "lead": ParagraphStyle("bevis_lead", s.body, fontSize=10.5, leading=15, spaceAfter=2),
        "note": ParagraphStyle("bevis_note", s.small, fontSize=8.5, leading=11.5),
        "table_heading": ParagraphStyle("bevis_table_heading", s.heading, keepWithNext=0),
    }


def _hex(colour: Color) -> str:
    return "#" + colour.hexval()[2:]


def _keep_section(text: str) -> str:
    """«§ 18 a» on one line."""
    return re.sub(r"(?<=\d) (?=[a-z]\b)", "\u00a0", text)


def _keep_number(text: str) -> str:
    """«420 timer» on one line."""
    return re.sub(r"(?<=\d) (?=\w)", "\u00a0", text)
