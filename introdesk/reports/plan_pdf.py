"""The integration plan on paper, with the integration contract: what the participant and the adviser
sign together. Under introduksjonsloven the plan is «Individuell plan» and has no contract.
DOMAIN.md sections 5 and 7; the wording is in resources/tekster/plan.toml.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from introdesk.domain.dates import format_date
from introdesk.domain.deltaker import Deltaker
from introdesk.domain.form import format_hours
from introdesk.domain.ident import mask_number
from introdesk.domain.innstillinger import Innstillinger
from introdesk.domain.plan import Element, Plan, Programperiode, full_time
from introdesk.domain.rules import RuleBook
from introdesk.reports.pdf import (EMPTY, Signer, Texts, build_pdf, bullets, code_label, data_table, facts_table,
                                   heading, labelled_text, municipality_signer, para, period_cell, period_text,
                                   signature_section, styles, title_block, weekdays_text)

# Element, provider, period, hours, days, oriented to, followed up by, status: 170 mm, the frame's width.
ELEMENT_WIDTHS = tuple(w * mm for w in (32, 27, 20.5, 15, 16, 16.5, 28.5, 14.5))


def render_plan(target: Path, plan: Plan, deltaker: Deltaker, period: Programperiode,
                municipality: Innstillinger, rules: RuleBook, malform: str) -> Path:
    t = Texts("plan", malform)
    old_law = deltaker.lovverk == "introloven"
    title = t["tittel_introloven"] if old_law else t["tittel"]
    subtitle = t("undertittel", versjon=plan.versjon, dato=format_date(plan.dato))
    story = [
        *title_block(title, subtitle),
        *_participant(plan, deltaker, period, rules, t),
        *_goals(plan, t),
        *_content(plan, rules, t),
        *_reviews(plan, t),
        *([] if old_law else _contract(plan, t)),  # the contract came with integreringsloven § 16
        signature_section(t["underskrifter"], t["underskrifter_ingress"], [
            Signer(t["part_deltaker"], deltaker.fullt_navn),
            municipality_signer(municipality, t),
        ], municipality.signing_place, t),
    ]
    name = f"{title} – {deltaker.fullt_navn}"
    return build_pdf(target, story, municipality=municipality, texts=t, title=name, subject=subtitle,
                     footer_label=name)


def _participant(plan: Plan, deltaker: Deltaker, period: Programperiode, rules: RuleBook,
                 t: Texts) -> list[Flowable]:
    hours = format_hours(full_time(plan, deltaker.lovverk, rules))
    return [heading(t["deltaker"]), facts_table([
        (t["navn"], deltaker.fullt_navn),
        (t["fodselsdato"], format_date(deltaker.fodselsdato)),
        (t["ident"], mask_number(deltaker.ident) if deltaker.ident else ""),
        (t["programperiode"], period_text(t, period.start, period.end)),
        (t["fulltid"], t("fulltid_selvstudium" if plan.selvstudium else "fulltid_timer", timer=hours)),
    ])]


def _goals(plan: Plan, t: Texts) -> list[Flowable]:
    return [heading(t["mal"]),
            *labelled_text(t["sluttmal"], plan.sluttmal),
            *labelled_text(t["norskmal"], plan.norskmal),
            *labelled_text(t["onsker"], plan.onsker),
            *labelled_text(t["praksis_onske"], plan.praksis_onske)]


def _content(plan: Plan, rules: RuleBook, t: Texts) -> list[Flowable]:
    s = styles()
    story = [heading(t["innhold"]), para(t["innhold_ingress"], s.body)]
    if not plan.elementer:
        return story + [para(t["ingen_elementer"], s.body)]
    header = [t[f"kol_{name}"] for name in
              ("element", "tilbyder", "periode", "timer", "dager", "retning", "oppfolging", "status")]
    rows = [_element_row(e, rules, t) for e in sorted(plan.elementer, key=lambda e: (e.fra, e.til))]
    return story + [data_table(header, rows, ELEMENT_WIDTHS, centered=(3,))]


def _element_row(e: Element, rules: RuleBook, t: Texts) -> list[str]:
    return [
        code_label(rules, "elementtype", e.type, t.malform),
        e.tilbyder or EMPTY,
        period_cell(e.fra, e.til),
        format_hours(e.timer_per_uke),
        weekdays_text(t, e.dager),
        t[f"retning_{e.retning}"] if e.retning else EMPTY,
        e.oppfolging or EMPTY,
        code_label(rules, "elementstatus", e.status, t.malform),
    ]


def _reviews(plan: Plan, t: Texts) -> list[Flowable]:
    s = styles()
    reviewed = ", ".join(format_date(d) for d in sorted(plan.gjennomganger))
    return [KeepTogether([heading(t["gjennomgang"]), para(t["gjennomgang_ingress"], s.body),  # a short section
                          para(t("laget", dato=format_date(plan.dato)), s.body),
                          para(t("gjennomgatt", datoer=reviewed) if reviewed else t["ikke_gjennomgatt"], s.body)])]


def _contract(plan: Plan, t: Texts) -> list[Flowable]:
    s = styles()
    signed = plan.kontrakt_signert
    return [heading(t["kontrakt"]), para(t["kontrakt_ingress"], s.body),
            para(t["kontrakt_deltaker"], s.label), *bullets(t["kontrakt_deltaker_punkter"]),
            para(t["kontrakt_kommunen"], s.label), *bullets(t["kontrakt_kommunen_punkter"]),
            para(t["kontrakt_fravaer"], s.body),
            para(t("kontrakt_signert", dato=format_date(signed)) if signed else t["kontrakt_ikke_signert"], s.body)]
