"""The deadline radar on a fixed day: what it lists, in which order, and what a mark hides."""

import datetime

from introdesk.domain import forlop
from introdesk.domain.frister import FORFALT, HASTER, SNART, Deltakerstatus, Merknad, Praksisstatus, radar
from introdesk.domain.hendelser import Hendelse

D = datetime.date
TODAY = D(2026, 11, 22)


def person(rules, pid, bosatt, *events, lovverk="integreringsloven", plan=None, praksiser=()):
    hendelser = [Hendelse(id=pid * 100 + i, deltaker_id=pid, type=k, dato=d, **kw) for i, (k, d, kw) in enumerate(events)]
    return Deltakerstatus(pid, lovverk, bosatt, forlop.summarize(hendelser, lovverk, rules, TODAY), plan, praksiser)


REG = {"nir_dato": D(2026, 11, 1)}


def test_the_radar_lists_every_kind_most_urgent_first(rules):
    people = [
        # Settled 1 Sep: must start by 1 Dec; no competence mapping yet.
        person(rules, 1, D(2026, 9, 1)),
        # Running since January, no plan; end goal set; a leave that ends soon; start not registered in NIR.
        person(rules, 2, D(2025, 11, 1),
               ("start", D(2026, 1, 5), {}),
               ("sluttmal", D(2026, 1, 5), {"sluttmalgruppe": "vgs_eller_mer", "sluttmal": "Arbeid", **REG}),
               ("permisjon", D(2026, 11, 16), {"til_dato": D(2026, 11, 27), **REG})),
        # Plan last reviewed in April; 24 months end 31 Dec 2026: NAV hand-over overdue, extension soon.
        person(rules, 3, D(2024, 12, 1),
               ("kartlegging", D(2024, 12, 10), REG), ("start", D(2025, 1, 1), REG),
               ("sluttmal", D(2025, 1, 1), {"sluttmalgruppe": "andre", "sluttmal": "Arbeid", **REG}),
               plan=(D(2025, 1, 20), D(2026, 4, 1)),
               praksiser=(Praksisstatus(7, "Fjordvik Bygg AS", D(2026, 11, 2), D(2027, 1, 29), True, D(2026, 11, 16)),
                          Praksisstatus(8, "Kiwi Fjordvik", D(2026, 12, 1), D(2027, 2, 26), False, None))),
    ]
    items = radar(people, rules, TODAY)
    kinds = [(f.kind, f.deltaker_id) for f in items]
    assert ("start", 1) in kinds and ("kartlegging", 1) in kinds
    assert ("plan", 2) in kinds and ("permisjon", 2) in kinds and ("nir", 2) in kinds
    assert ("plan_revisjon", 3) in kinds and ("nav", 3) in kinds and ("forlengelse", 3) in kinds
    assert ("praksis_oppfolging", 3) in kinds and ("praksis_avtale", 3) in kinds
    assert [f.due for f in items] == sorted(f.due for f in items)
    by_kind = {(f.kind, f.deltaker_id): f for f in items}
    assert by_kind[("plan", 2)].urgency(TODAY) == FORFALT  # due 5 Feb
    assert by_kind[("plan_revisjon", 3)].due == D(2026, 10, 1) and by_kind[("plan_revisjon", 3)].place == "plan"
    follow_up = by_kind[("praksis_oppfolging", 3)]
    assert follow_up.urgency(TODAY) == FORFALT and follow_up.praksis_id == 7 and follow_up.place == "praksis"
    assert by_kind[("praksis_avtale", 3)].due == D(2026, 12, 1) and "Kiwi" in by_kind[("praksis_avtale", 3)].text
    assert by_kind[("permisjon", 2)].urgency(TODAY) == HASTER  # 27 Nov
    assert by_kind[("start", 1)].due == D(2026, 12, 1) and by_kind[("start", 1)].urgency(TODAY) == SNART
    assert by_kind[("nir", 2)].due == D(2026, 3, 5) and "2 måneder" in by_kind[("nir", 2)].rule
    assert all(f.source for f in items)
    # The programme for participant 2 ends 4 Jul 2026 + 12 days of leave: passed.
    assert ("slutt", 2) in kinds


def test_a_done_or_snoozed_item_is_hidden_until_its_date(rules):
    people = [person(rules, 1, D(2026, 9, 1))]
    key = next(f.key for f in radar(people, rules, TODAY) if f.kind == "start")
    done = {key: Merknad(key, True, None, "Avtalt oppstart 1.12.")}
    assert key not in [f.key for f in radar(people, rules, TODAY, done)]
    snoozed = {key: Merknad(key, False, D(2026, 11, 30), "Venter på tolk")}
    assert key not in [f.key for f in radar(people, rules, TODAY, snoozed)]
    assert key in [f.key for f in radar(people, rules, D(2026, 11, 30), snoozed)]


def test_the_yearly_nir_clean_up_names_the_year(rules):
    people = [person(rules, 1, D(2025, 1, 1), ("start", D(2025, 3, 1), {}))]
    items = radar(people, rules, D(2026, 2, 1))
    cleanup = next(f for f in items if f.kind == "nir_aar")
    assert cleanup.due == D(2026, 2, 28) and "2025" in cleanup.text and cleanup.deltaker_id is None


def test_ended_and_refused_participants_have_no_start_deadline(rules):
    refused = person(rules, 1, D(2026, 9, 1),
                     ("avslag", D(2026, 10, 1), {"vedtaksdato": D(2026, 10, 1), "grunn": "Ikke i målgruppen", **REG}))
    assert [f.kind for f in radar([refused], rules, TODAY)] == []


def test_the_status_one_year_after_is_asked_for_in_november_the_year_after(rules):
    ended = ("avslutning", D(2025, 6, 1), {"utgang": "avsluttet", "sluttarsak": "arbeid_30", **REG})
    people = [person(rules, 1, D(2024, 1, 1), ("start", D(2024, 2, 1), REG), ended),
              person(rules, 2, D(2024, 1, 1), ("start", D(2024, 2, 1), REG), ended,
                     ("oppfolging", D(2026, 11, 16), {"grunn": "arbeid", **REG})),
              person(rules, 3, D(2022, 1, 1), ("start", D(2022, 2, 1), REG),
                     ("avslutning", D(2023, 6, 1), {"utgang": "avsluttet", "sluttarsak": "arbeid_30", **REG}))]
    items = [(f.kind, f.deltaker_id, f.due) for f in radar(people, rules, TODAY) if f.kind == "oppfolging"]
    assert items == [("oppfolging", 1, D(2026, 11, 30))]  # recorded for 2; 2024's was due long ago for 3


def test_no_status_one_year_after_is_asked_for_someone_who_died(rules):
    died = person(rules, 1, D(2024, 1, 1), ("start", D(2024, 2, 1), REG),
                  ("avslutning", D(2025, 6, 1), {"utgang": "avbrutt", "sluttarsak": "dod", **REG}))
    assert not [f for f in radar([died], rules, TODAY) if f.kind == "oppfolging"]
