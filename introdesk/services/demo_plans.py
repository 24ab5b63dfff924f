"""The demo municipality's integration plans, host employers and placements.

Plans follow each participant's programme: the first "plan" date in the history makes version 1,
later dates alternate between a new version (something changed) and a review. Placements are chosen
so that every state shows (planned, running, followed up on time and late, completed, ended early,
job offer) and so that, as in the reports, the women have fewer placements than the men.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from stdnum.no import orgnr

from introdesk.domain.dates import format_date
from introdesk.domain.plan import element_form
from introdesk.services import plan as plans
from introdesk.services import praksis
from introdesk.services.session import Session

EMPLOYERS = (
    ("Fjordvik sjukeheim", "kommunal", "Sjukeheimsvegen 4", ("Liv Haugen", "Avdelingsleder")),
    ("Kiwi Fjordvik", "privat", "Storgata 12", ("Ole Martin Berg", "Butikksjef")),
    ("Solstråla barnehage", "kommunal", "Barnehagevegen 2", ("Ingrid Sæther", "Styrer")),
    ("Fjordvik Bygg AS", "privat", "Industrivegen 8", ("Tor Åge Nilsen", "Anleggsleder")),
    ("Rema 1000 Fjordvik", "privat", "Storgata 30", ("Siri Lund", "Butikksjef")),
    ("Fjordvik frivilligsentral", "frivillig", "Kulturhuset, Torget 1", ("Bjørg Moe", "Daglig leder")),
    ("Coop Extra Fjordvik", "privat", "Havnegata 3", ("Kjetil Strand", "Assisterende butikksjef")),
    ("Fjordvik Fisk AS", "privat", "Kaia 15", ("Arne Johansen", "Produksjonsleder")),
    ("Fjordvik Hotell", "privat", "Strandvegen 1", ("Marte Eide", "Resepsjonssjef")),
    ("Fjordvik vidaregåande skule", "fylkeskommunal", "Skulevegen 10", ("Hilde Vik", "Avdelingsleiar")),
    ("NAV Fjordvik", "statlig", "Rådhusgata 1", ("Per Ås", "Veileder")),
    ("Fjordvik Bilverksted AS", "privat", "Industrivegen 2", ("Jonas Berntsen", "Verkstedleder")),
)


@dataclass(frozen=True)
class _Placement:
    who: str
    employer: str
    start: int  # days from today
    weeks: int
    days: tuple[int, ...]
    hours: str
    followups: tuple[int, ...] = ()  # days from today
    outcome: str = ""
    reason: str = ""
    tasks: str = ""
    signed: bool = True


PLACEMENTS = (
    # Running, followed up on time.
    _Placement("Olena", "Fjordvik sjukeheim", -40, 12, (3, 4), "15", (-26, -12), tasks="Stell og måltider med beboerne"),
    # Running, the follow-up is overdue.
    _Placement("Şükrü", "Fjordvik Bygg AS", -50, 14, (2, 3, 4), "22,5", (-35,), tasks="Forskaling og rydding på bygg"),
    _Placement("Mohammad", "Fjordvik Bilverksted AS", -20, 10, (3, 4), "15", (-8,), tasks="Dekkskift og enkel service"),
    # Planned: starts next week, the agreement is not signed yet.
    _Placement("Mariam", "Solstråla barnehage", 8, 10, (3, 4), "14", signed=False, tasks="Lek og måltider med barna"),
    # Ended early.
    _Placement("Fatuma Ali", "Kiwi Fjordvik", -330, 8, (3, 4), "12", (-316, -302), "avbrutt",
               "Sluttet etter tre uker; ønsket ikke å fortsette i butikk", "Varepåfylling"),
    _Placement("Dmytro", "Coop Extra Fjordvik", -200, 8, (3, 4), "15", (-186, -172, -158), "fullfort",
               tasks="Varemottak og påfylling"),
    # Completed with a job offer: the employers who hire.
    _Placement("Aung", "Fjordvik Bygg AS", -230, 12, (2, 3, 4), "22,5", (-216, -200, -186, -172), "jobbtilbud",
               tasks="Tømrerarbeid sammen med fagarbeider"),
    _Placement("Grace", "Fjordvik sjukeheim", -690 + 120, 10, (2, 3, 4), "22,5", (-555, -540), "jobbtilbud",
               tasks="Helsefagarbeid"),
    _Placement("Yonas", "Fjordvik Fisk AS", 20, 8, (3, 4), "15", signed=False, tasks="Filetering og pakking"),
)
PLACEMENT_WISHES = {
    "Ayşe": "Ønsker praksis i barnehage, helst formiddag",
    "Zahra": "Ønsker ikke praksis før yngste barn har barnehageplass",
    "Fatuma Ali": "Vil prøve kjøkken eller kantine",
    "Olena": "Helse, gjerne sjukeheim",
}


def add_plans_and_placements(session: Session, people: dict[str, int], plan_days: dict[str, list[datetime.date]],
                             has_children: dict[str, bool], today: datetime.date) -> None:
    employers = _add_employers(session)
    for name, days in plan_days.items():
        if days:
            _add_plan(session, people[name], name, days, has_children[name], today)
    for p in PLACEMENTS:
        _add_placement(session, people[p.who], employers[p.employer], p, today)


def _add_employers(session: Session) -> dict[str, int]:
    ids = {}
    for serial, (name, sector, address, (contact, role)) in enumerate(EMPLOYERS):
        employer_id = praksis.save_employer(session, {
            "navn": name, "orgnr": _fictional_orgnr(serial), "sektor": sector, "adresse": address,
            "postnummer": "9990", "poststed": "Fjordvik"})
        praksis.save_contact(session, employer_id, {
            "navn": contact, "rolle": role, "telefon": f"9{serial:02d} 12 {serial * 7 % 100:02d}{serial % 10}",
            "epost": f"{contact.split()[0].lower().replace('å', 'a').replace('ø', 'o')}@fjordvik.example"})
        ids[name] = employer_id
    return ids


def _fictional_orgnr(serial: int) -> str:
    """A number with a valid check digit in a made-up range, for the demo only."""
    for last in range(10):
        candidate = f"99{serial:03d}{777:03d}{last}"
        if orgnr.is_valid(candidate):
            return candidate
    return _fictional_orgnr(serial + 100)  # about one base in eleven has no valid check digit


def _add_plan(session: Session, deltaker_id: int, name: str, days: list[datetime.date], children: bool,
              today: datetime.date) -> None:
    period = plans.programme_period(session, deltaker_id, today)
    start = period.start or days[0]
    end = period.end or start + datetime.timedelta(days=365)
    fields = {"dato": format_date(days[0]), "norskmal": "B1 muntlig og skriftlig",
              "onsker": "Vil bruke norsk i jobb så fort som mulig.", "praksis_onske": PLACEMENT_WISHES.get(name, "")}
    plans.new_version(session, deltaker_id, fields)
    plan = plans.current(session, deltaker_id)
    for element in _elements(start, end, children, today):
        plans.save_element(session, plan.id, element)
    for number, day in enumerate(days[1:], start=1):
        if number % 2 and start < day < end:  # a new version: more practice, the Thursday course ends
            plans.new_version(session, deltaker_id, {"dato": format_date(day), "kontrakt_signert": format_date(days[0])})
            plan = plans.current(session, deltaker_id)
            for kind in ("sprakpraksis", "arbeidsrettet"):
                _end_before(session, plan.id, kind, day, today)
            plans.save_element(session, plan.id, {
                "type": "sprakpraksis", "tilbyder": "Praksisplass", **_span(day, end, today),
                "timer_per_uke": "15", "dager": [3, 4], "retning": "arbeid", "oppfolging": "Programrådgiver"})
        else:
            plans.add_review(session, plan.id, format_date(day))


def _span(fra: datetime.date, til: datetime.date, today: datetime.date, hours: str = "") -> dict:
    """A period as typed, with the status it has today and, when it is over, the hours completed."""
    status = "fullfort" if til < today else "pagar" if fra <= today else "planlagt"
    return {"fra": format_date(fra), "til": format_date(til), "status": status,
            "timer_fullfort": hours if status == "fullfort" else ""}


def _end_before(session: Session, plan_id: int, kind: str, day: datetime.date, today: datetime.date) -> None:
    """Let the element of this kind stop the day before `day` (or drop it if it had not begun)."""
    for e in plans.get(session, plan_id).elementer:
        if e.type != kind or e.til < day:
            continue
        if e.fra >= day:
            plans.delete_element(session, e.id)
        else:
            values = {**element_form(e), **_span(e.fra, day - datetime.timedelta(days=1), today)}
            plans.save_element(session, plan_id, values, e.id)


def _elements(start: datetime.date, end: datetime.date, children: bool, today: datetime.date) -> list[dict]:
    """A first plan of 37,5 hours a week: Norwegian Monday to Wednesday; social studies, then life skills,
    then a job-seeking course on Thursdays; an introduction course, then language practice on Fridays."""
    def weeks(first: int, count: int | None = None, hours: str = "") -> dict:
        fra = min(end, start + datetime.timedelta(weeks=first))
        til = min(end, fra + datetime.timedelta(weeks=count, days=-1)) if count else end
        return _span(fra, til, today, hours)

    school = "Fjordvik voksenopplæring"
    elements = [
        {"type": "norsk", "tilbyder": school, **weeks(0), "timer_per_uke": "22,5", "dager": [0, 1, 2],
         "oppfolging": "Lærer Anne Fjeld"},
        {"type": "samfunnskunnskap", "tilbyder": school, **weeks(0, 8, "60"), "timer_per_uke": "7,5", "dager": [3],
         "oppfolging": "Lærer Anne Fjeld"},
        {"type": "livsmestring", "tilbyder": school, **weeks(8, 4, "30"), "timer_per_uke": "7,5", "dager": [3],
         "oppfolging": "Programrådgiver"},
        {"type": "arbeidsrettet", "tilbyder": "NAV Fjordvik, jobbsøkerkurs", **weeks(12), "timer_per_uke": "7,5",
         "dager": [3], "retning": "arbeid", "oppfolging": "NAV-veileder Per Ås"},
        {"type": "annet", "tilbyder": "Introduksjonskurs, Fjordvik kommune", **weeks(0, 4, "30"),
         "timer_per_uke": "7,5", "dager": [4], "oppfolging": "Programrådgiver"},
        {"type": "sprakpraksis", "tilbyder": "Praksisplass", **weeks(4), "timer_per_uke": "7,5", "dager": [4],
         "retning": "arbeid", "oppfolging": "Programrådgiver"},
    ]
    if children:  # two hours on Wednesday afternoons on top: the plan's check asks the adviser to look
        elements.append({"type": "foreldreveiledning", "tilbyder": "Fjordvik familiesenter",
                         **weeks(16, 10, "20"), "timer_per_uke": "2", "dager": [2], "oppfolging": "Helsesykepleier"})
    return elements


def _add_placement(session: Session, deltaker_id: int, employer_id: int, p: _Placement, today: datetime.date) -> None:
    start = today + datetime.timedelta(days=p.start)
    contact = praksis.contacts(session, employer_id)[0]
    placement_id = praksis.save_placement(session, deltaker_id, {
        "type": "sprakpraksis", "arbeidsgiver_id": employer_id, "kontakt_id": contact.id,
        "fra": format_date(start), "til": format_date(start + datetime.timedelta(weeks=p.weeks, days=-3)),
        "dager": list(p.days), "timer_per_uke": p.hours, "oppgaver": p.tasks,
        "sprakmal": "Forstå beskjeder, small talk i pausen, be om hjelp",
        "avtale_signert": format_date(start - datetime.timedelta(days=7)) if p.signed else "",
        "oppfolger": "radgiver", "fase_forberedelse": p.signed, "fase_underveis": bool(p.followups),
        "fase_oppsummering": bool(p.outcome), "utfall": p.outcome, "utfall_grunn": p.reason,
        "evaluering": "Godt oppmøte og god framgang i norsk." if p.outcome in ("fullfort", "jobbtilbud") else "",
    }, confirm_overlap=True)
    for offset in p.followups:
        praksis.log_followup(session, placement_id, {
            "dato": format_date(today + datetime.timedelta(days=offset)), "form": "besok" if offset % 2 else "telefon",
            "av": "Kari Nordstrøm", "notat": "Trives, forstår mer av beskjedene."})
