"""The placement agreement (praksisavtale) signed by the participant, the host workplace and the
municipality. DOMAIN.md section 6; the wording is in resources/tekster/praksisavtale.toml.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from introdesk.domain.dates import format_date
from introdesk.domain.deltaker import Deltaker
from introdesk.domain.innstillinger import Innstillinger
from introdesk.domain.praksis import Arbeidsgiver, Kontaktperson, Praksis
from introdesk.domain.rules import RuleBook
from introdesk.reports.pdf import (Signer, Texts, boxes, build_pdf, bullets, code_label, day_count_text, facts_table,
                                   heading, hours_text, labelled_text, municipality_signer, para, period_text,
                                   signature_section, styles, title_block, weekdays_text)


def render_praksisavtale(target: Path, placement: Praksis, deltaker: Deltaker, employer: Arbeidsgiver,
                         contact: Kontaktperson | None, municipality: Innstillinger, rules: RuleBook,
                         malform: str) -> Path:
    t = Texts("praksisavtale", malform)
    kind = code_label(rules, "praksistype", placement.type, malform)
    period = period_text(t, placement.fra, placement.til)
    story = [
        *title_block(t["tittel"], f"{kind}, {period}"),
        para(t["ingress"], styles().body),
        heading(t["parter"]),
        _parties(deltaker, employer, contact, municipality, t),
        heading(t["om_praksisen"]),
        facts_table([
            (t["type"], kind),
            (t["periode_label"], period),
            (t["dager_og_timer"], t("dager_og_timer_verdi", dager=day_count_text(t, placement.dager),
                                    ukedager=weekdays_text(t, placement.dager),
                                    timer=hours_text(t, placement.timer_per_uke))),
            (t["oppfolging"], _followup(placement, municipality, t)),
        ]),
        *labelled_text(t["oppgaver"], placement.oppgaver),
        *labelled_text(t["sprakmal"], placement.sprakmal),
        heading(t["faser"]), para(t["faser_ingress"], styles().body), *bullets(t["faser_punkter"]),
        heading(t["vilkar"]), *bullets(t["vilkar_punkter"], numbered=True),
        signature_section(t["underskrifter"], t["underskrifter_ingress"], [
            Signer(t["part_deltaker"], deltaker.fullt_navn),
            Signer(t["part_praksisplass_signatur"], contact.navn if contact else "",
                   ", ".join(filter(None, (contact.rolle if contact else "", employer.navn)))),
            municipality_signer(municipality, t),
        ], municipality.signing_place, t),
    ]
    name = f"{t['tittel']} – {deltaker.fullt_navn}"
    return build_pdf(target, story, municipality=municipality, texts=t, title=name,
                     subject=f"{kind} – {employer.navn}", footer_label=name)


def _parties(deltaker: Deltaker, employer: Arbeidsgiver, contact: Kontaktperson | None,
             municipality: Innstillinger, t: Texts) -> Flowable:
    m = municipality
    return boxes([
        (t["part_deltaker"], [deltaker.fullt_navn, f"{t['fodselsdato']}: {format_date(deltaker.fodselsdato)}"]),
        (t["part_praksisplass"], [
            employer.navn,
            t("orgnr", orgnr=employer.orgnr_formatted()) if employer.orgnr else "",
            *employer.adresse.splitlines(),
            f"{employer.postnummer} {employer.poststed}".strip(),
            *_contact_lines(contact, t),
        ]),
        (t["part_kommunen_boks"], [
            m.kommune_navn, m.tjeneste_navn, *m.adresse.splitlines(),
            t("telefon", telefon=m.telefon) if m.telefon else "",
            t("radgiver", tittel=m.radgiver_tittel, navn=m.radgiver_navn) if m.radgiver_navn else "",
        ]),
    ])


def _contact_lines(contact: Kontaktperson | None, t: Texts) -> list[str]:
    if contact is None:
        return [t["ingen_kontaktperson"]]
    return [t("kontaktperson", navn=", ".join(filter(None, (contact.navn, contact.rolle)))),
            t("kontakt_telefon", telefon=contact.telefon) if contact.telefon else "",
            t("kontakt_epost", epost=contact.epost) if contact.epost else ""]


def _followup(placement: Praksis, municipality: Innstillinger, t: Texts) -> str:
    """Who follows up, by role and name, and how often: it is often unclear, so the agreement says it."""
    name = placement.oppfolger_navn or (municipality.radgiver_navn if placement.oppfolger == "radgiver" else "")
    who = " ".join(filter(None, (t[f"oppfolger_{placement.oppfolger}"], name)))
    return t("oppfolging_verdi", hvem=who, dager=placement.oppfolging_dager)
