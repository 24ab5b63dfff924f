"""The introduction benefit on paper: the participant's statement for a month (stønadsoversikt), and the
two letters for a reduction for unauthorised absence so large that it needs an individual decision:
the advance notice (forhåndsvarsel, forvaltningsloven § 16) and the decision (enkeltvedtak, with its
reasons, consequences and the right to complain). DOMAIN.md sections 8, 9 and 14; the wording is in
resources/tekster/stonad.toml.

The documents explain the basis as computed (introdesk/domain/stonad.py), line by line; they compute
no amount of their own.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from introdesk.domain.dates import format_date, month_name
from introdesk.domain.deltaker import Deltaker
from introdesk.domain.form import format_hours
from introdesk.domain.fravaer import public_holidays
from introdesk.domain.ident import mask_number
from introdesk.domain.innstillinger import Innstillinger
from introdesk.domain.rules import RuleBook
from introdesk.domain.stonad import FRAVAER, Grunnlag, Linje, REDUKSJON, kroner, percent
from introdesk.reports.pdf import (Texts, build_pdf, bullets, data_table, facts_table, heading,
                                   letter_closing, letter_heading, municipality_signer, para, reworded, styles, tie,
                                   title_block)

FORHANDSVARSEL, VEDTAK = "forhandsvarsel", "vedtak"
KINDS = (FORHANDSVARSEL, VEDTAK)

# Line, rule, amount: 170 mm, the frame's width.
BASIS_WIDTHS = (80 * mm, 62 * mm, 28 * mm)
# The days of absence in up to four pairs of columns (day, hours), so a month fits in a few rows.
DAY_GROUPS = 4
DAY_WIDTHS = (28 * mm, 14 * mm)

Fravaersdag = tuple[datetime.date, Decimal]  # a day of unauthorised absence and the hours missed


# ----- the statement

def render_stonadsoversikt(target: Path, grunnlag: Grunnlag, deltaker: Deltaker, municipality: Innstillinger,
                           rules: RuleBook, malform: str, *, final: bool = True) -> Path:
    """The month's basis for the participant: every line with its rule and amount, and the net.
    `final` is False for a month not yet approved, whose amounts may still change."""
    t = Texts("stonad", malform)
    month = month_name(grunnlag.month)
    notes = [*t["merknader"], *([t["merknad_vedtak"]] if grunnlag.requires_vedtak else [])]
    story = [
        *title_block(t["tittel_oversikt"], t("undertittel_oversikt", maaned=month)),
        facts_table([
            (t["navn"], deltaker.fullt_navn),
            (t["fodselsdato"], format_date(deltaker.fodselsdato)),
            (t["ident"], mask_number(deltaker.ident) if deltaker.ident else ""),
            (t["maaned"], month.capitalize()),
            (t["status"], t["status_godkjent" if final else "status_forelopig"]),
        ]),
        heading(t["beregning"]),
        basis_table(grunnlag, t),
        heading(t["godt_a_vite"]),
        *bullets(notes),
        _p(t("sporsmal", kontakt=_contact(municipality, t))),
    ]
    name = f"{t['tittel_oversikt']} {month} – {deltaker.fullt_navn}"
    return build_pdf(target, story, municipality=municipality, texts=t, title=name,
                     subject=t("undertittel_oversikt", maaned=month), footer_label=name)


def basis_table(grunnlag: Grunnlag, t: Texts) -> Table:
    rows = [[tie(_line_text(line, t)), tie(reworded(t, "linjer", line.rule)),
             "" if line.ore is None else tie(kroner(line.ore))] for line in grunnlag.lines]
    return data_table([t["kol_post"], t["kol_regel"], t["kol_belop"]], rows, BASIS_WIDTHS, right=(2,),
                      total=[t["til_utbetaling"], "", tie(kroner(grunnlag.net_ore))])


def _line_text(line: Linje, t: Texts) -> str:
    # A reduction's text is the adviser's own (or a code's label): printed as written.
    return line.text if line.kind == REDUKSJON else reworded(t, "linjer", line.text)


def _contact(municipality: Innstillinger, t: Texts) -> str:
    m = municipality
    if not m.radgiver_navn:
        return m.tjeneste_navn
    title = m.radgiver_tittel[:1].lower() + m.radgiver_tittel[1:]  # mid-sentence: «kontakte programrådgiver …»
    return t("kontakt_telefon" if m.telefon else "kontakt", tittel=title, navn=m.radgiver_navn, telefon=m.telefon)


# ----- the letters

def render_trekkbrev(target: Path, kind: str, grunnlag: Grunnlag, deltaker: Deltaker, municipality: Innstillinger,
                     rules: RuleBook, malform: str, deadline_days: int, *, days: Sequence[Fravaersdag] = (),
                     dated: datetime.date | None = None, notice_date: datetime.date | None = None) -> Path:
    """The advance notice («forhandsvarsel») or the decision («vedtak») on a reduction for unauthorised
    absence in the basis's month, signed by the adviser.

    `days` are the days of absence behind the reduction, listed as the facts of the case; `deadline_days`
    is how long the participant has to give their view after the notice (`dated`, today by default);
    `notice_date` is when the notice was sent, named in the decision."""
    if kind not in KINDS:
        raise ValueError(f"Ukjent brev «{kind}»: bruk {' eller '.join(KINDS)}.")
    t = Texts("stonad", malform)
    dated = dated or datetime.date.today()
    values = _values(grunnlag, deltaker, rules, t, days)
    title = t(f"tittel_{kind}", maaned=values["maaned"])
    body = (_notice(values, days, dated, deadline_days, t) if kind == FORHANDSVARSEL
            else _decision(values, grunnlag, deltaker, municipality, rules, days, dated, notice_date, t))
    m = municipality
    story = [
        letter_heading(_address(deltaker), [(t["var_dato"], format_date(dated)),
                                            (t["saksbehandler"], m.radgiver_navn),
                                            (t["telefon_label"], m.telefon)], t["unntatt"]),
        para(tie(title), styles().letter_title),
        *body,
        letter_closing(t["hilsen"], municipality_signer(m, t), last=[_p(t["tolk"])]),
    ]
    return build_pdf(target, story, municipality=m, texts=t, title=f"{title} – {deltaker.fullt_navn}",
                     subject=title, footer_label=f"{title} – {deltaker.fullt_navn}")


def _values(g: Grunnlag, deltaker: Deltaker, rules: RuleBook, t: Texts, days: Sequence[Fravaersdag]) -> dict:
    """What the letters' sentences are filled in with: amounts as kroner, fractions from the dated rules."""
    share = rules.lookup("stonad.vedtak_andel_av_utbetaling", deltaker.lovverk, g.month).value
    of_g = rules.lookup("stonad.vedtak_andel_av_g", deltaker.lovverk, g.month).value
    per_hour = rules.lookup("stonad.time_av_aar", deltaker.lovverk, g.month).value
    absence_line = next((line for line in g.lines if line.kind == FRAVAER), None)
    return {
        "maaned": month_name(g.month),
        "hjemmel": t[f"hjemmel_{deltaker.lovverk}"],
        "trekk": kroner(g.absence_ore), "brutto": kroner(g.gross_ore), "netto": kroner(g.net_ore),
        "timer": format_hours(sum((hours for _, hours in days), Decimal(0))),
        "andel": f"{per_hour[0]}/{per_hour[1]}",
        "beregning": reworded(t, "linjer", absence_line.text) if absence_line else "",
        # the deduction never exceeds the month's payment, so hours × rate may come to more than it
        "tak": f" {t['tak']}" if g.absence_ore >= g.gross_ore else "",
        "terskel_andel": percent(Fraction(*share)), "terskel_g": f"{of_g[0]}/{of_g[1]}",
    }


def _notice(v: dict, days: Sequence[Fravaersdag], dated: datetime.date, deadline_days: int,
            t: Texts) -> list[Flowable]:
    deadline = next_working_day(dated + datetime.timedelta(days=deadline_days))
    return [
        _p(t("fv_ingress", **v)),
        heading(t["fravaeret"]),
        *_facts(t("fv_fakta", **v) if days else t("fv_fakta_uten_dager", **v), days, t),
        heading(t["fv_trekket"]),
        _p(t("fv_trekk", **v)),
        _p(t("terskel", andel=v["terskel_andel"], g_andel=v["terskel_g"])),
        heading(t["fv_uttale_heading"]),
        _p(t["fv_uttale"]),
        _p(t("fv_frist", frist=format_date(deadline))),
        _p(t["fv_uten_svar"]),
        _p(t["innsyn"]),  # under the heading above: seeing the documents is how one prepares a view
    ]


def _decision(v: dict, g: Grunnlag, deltaker: Deltaker, municipality: Innstillinger, rules: RuleBook,
              days: Sequence[Fravaersdag], dated: datetime.date, notice_date: datetime.date | None,
              t: Texts) -> list[Flowable]:
    weeks = rules.lookup("forvaltning.klagefrist_uker", deltaker.lovverk, dated).value
    m = municipality
    recipient = ", ".join(filter(None, (m.tjeneste_navn, m.kommune_navn,
                                        *(line.strip() for line in m.adresse.splitlines()))))
    reference = (t("vt_henvisning_dato", dato=format_date(notice_date), **v) if notice_date
                 else t("vt_henvisning", **v))
    return [
        _p(reference),
        heading(t["vt_vedtak_heading"]),
        _p(t("vt_vedtak", **v)),
        _p(t("vt_hjemmel", **v)),
        heading(t["vt_begrunnelse"]),
        *_facts(t("vt_fakta", **v) if days else t("vt_fakta_uten_dager", **v), days, t),
        _p(t("vt_regel", **v)),
        _p(t["vt_vurdering"]),
        _p(t("vt_terskel", andel=v["terskel_andel"], g_andel=v["terskel_g"])),
        para(t("beregning_for", maaned=v["maaned"]), styles().label),
        basis_table(g, t),
        heading(t["vt_konsekvenser"]),
        _p(t("vt_konsekvens", **v)),
        _p(t["vt_fremover"]),
        heading(t["vt_klage_heading"]),
        _p(t("vt_klage", uker=weeks)),
        _p(t("vt_klage_hvordan", mottaker=recipient)),
        _p(t["vt_klage_gang"]),
        _p(t["vt_utsatt"]),
        heading(t["innsyn_heading"]),
        _p(t["innsyn"]),
    ]


def _facts(sentence: str, days: Sequence[Fravaersdag], t: Texts) -> list[Flowable]:
    return [_p(sentence), *([days_table(days, t), Spacer(1, 6)] if days else [])]


def _p(text: str) -> Paragraph:
    return para(tie(text), styles().body)


def days_table(days: Sequence[Fravaersdag], t: Texts) -> Table:
    """The days of absence, «man 02.03.2026 | 7,5», filled down each pair of columns in turn."""
    ordered = sorted(days)
    groups = min(DAY_GROUPS, len(ordered))
    height = math.ceil(len(ordered) / groups)
    weekdays = t["ukedager"]
    rows = []
    for r in range(height):
        row: list[str] = []
        for c in range(groups):
            i = c * height + r
            day, hours = ordered[i] if i < len(ordered) else (None, None)
            row += [f"{weekdays[day.weekday()]} {format_date(day)}" if day else "", format_hours(hours)]
        rows.append(row)
    return data_table([t["kol_dato"], t["kol_timer"]] * groups, rows, DAY_WIDTHS * groups,
                      centered=tuple(range(1, 2 * groups, 2)))


def _address(deltaker: Deltaker) -> list[str]:
    return [deltaker.fullt_navn, *deltaker.adresse.splitlines(),
            f"{deltaker.postnummer} {deltaker.poststed}".strip()]


def next_working_day(day: datetime.date) -> datetime.date:
    """A deadline that falls on a weekend or a public holiday runs to the next working day (as
    forvaltningsloven § 30 has it for deadlines set by law)."""
    off = public_holidays(day.year) | public_holidays(day.year + 1)
    while day.weekday() >= 5 or day in off:
        day += datetime.timedelta(days=1)
    return day


