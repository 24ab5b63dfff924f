"""Placements and employers: the rules, and the services on a real encrypted store."""

import datetime
import pathlib

import pytest

from conftest import person
from introdesk.domain.form import FieldErrors
from introdesk.domain.praksis import Oppfolging, Praksis, next_followup, parse_orgnr
from introdesk.services import deltakere, frister, plan, praksis, program
from introdesk.store import audit

D = datetime.date
TODAY = datetime.date.today()


def d(days: int) -> str:
    return (TODAY + datetime.timedelta(days=days)).strftime("%d.%m.%Y")


@pytest.mark.parametrize("text, message", [
    ("974 760 674", "Kontrollsifferet stemmer ikke"),
    ("97476067", "9 siffer; dette har 8"),
    ("97476067A", "bare inneholde siffer"),
])
def test_a_wrong_organisation_number_is_explained(text, message):
    with pytest.raises(ValueError, match=message):
        parse_orgnr(text)


def test_a_right_organisation_number_is_kept_as_digits():
    assert parse_orgnr(" 974 760 673 ") == "974760673" and parse_orgnr("") == ""


def placement(**kw):
    values = dict(deltaker_id=1, arbeidsgiver_id=1, type="sprakpraksis", fra=D(2026, 9, 1), til=D(2026, 12, 18),
                  timer_per_uke=15, dager=(3, 4), oppfolging_dager=14, id=1)
    return Praksis(**{**values, **kw})


def test_the_next_follow_up_falls_due_from_the_last_one():
    p = placement()
    today = D(2026, 10, 1)
    assert next_followup(p, [], today) == D(2026, 9, 15)  # none yet: from the start
    log = [Oppfolging(1, D(2026, 9, 20), "besok"), Oppfolging(1, D(2026, 9, 10), "telefon")]
    assert next_followup(p, log, today) == D(2026, 10, 4)
    assert next_followup(placement(oppfolging_dager=7), log, today) == D(2026, 9, 27)
    assert next_followup(p, log, D(2026, 8, 1)) is None  # not started
    assert next_followup(placement(utfall="avbrutt"), log, today) is None  # ended


@pytest.fixture
def amal(session):
    amal = deltakere.create_deltaker(session, person(bosatt_dato=d(-120), tillatelse_dato=d(-200)))
    program.save_hendelse(session, amal, {"type": "start", "dato": d(-90)})
    program.save_hendelse(session, amal, {"type": "sluttmal", "dato": d(-90), "sluttmalgruppe": "andre",
                                          "sluttmal": "Fast arbeid i butikk"})
    return amal


@pytest.fixture
def kiwi(session):
    return praksis.save_employer(session, {"navn": "Kiwi Fjordvik", "orgnr": "974760673", "sektor": "privat"})


def raw(kiwi, **kw):
    return {"type": "sprakpraksis", "arbeidsgiver_id": kiwi, "fra": d(-30), "til": d(60), "dager": [3, 4],
            "timer_per_uke": "15", "oppfolger": "radgiver", **kw}


def test_an_employer_is_registered_once_per_organisation_number(session, kiwi):
    with pytest.raises(FieldErrors) as caught:
        praksis.save_employer(session, {"navn": "Kiwi (dobbel)", "orgnr": "974 760 673"})
    assert "Kiwi Fjordvik" in caught.value.errors["orgnr"]
    with pytest.raises(FieldErrors) as caught:
        praksis.save_employer(session, {"navn": "", "orgnr": "123", "postnummer": "99"})
    assert set(caught.value.errors) == {"navn", "orgnr", "postnummer"}


def test_an_overlapping_placement_is_asked_about_first(session, amal, kiwi):
    praksis.save_placement(session, amal, raw(kiwi))
    other = praksis.save_employer(session, {"navn": "Fjordvik sjukeheim"})
    with pytest.raises(praksis.OverlappingPlacement) as caught:
        praksis.save_placement(session, amal, raw(other, fra=d(30), til=d(90)))
    assert "Kiwi Fjordvik" in str(caught.value)
    praksis.save_placement(session, amal, raw(other, fra=d(30), til=d(90)), confirm_overlap=True)
    assert len(praksis.placements(session, amal)) == 2


def test_a_teacher_who_follows_up_must_be_named_and_an_early_end_explained(session, amal, kiwi):
    with pytest.raises(FieldErrors) as caught:
        praksis.save_placement(session, amal, raw(kiwi, oppfolger="larer", utfall="avbrutt", dager=[]))
    assert set(caught.value.errors) == {"oppfolger_navn", "utfall_grunn", "dager"}
    assert praksis.placements(session, amal) == []


def test_a_logged_visit_moves_the_follow_up_on_the_radar(session, amal, kiwi):
    placement_id = praksis.save_placement(session, amal, raw(kiwi, avtale_signert=d(-35)))

    def follow_up():
        return [r.frist for r in frister.frister(session) if r.frist.kind == "praksis_oppfolging"]

    assert [f.due for f in follow_up()] == [TODAY - datetime.timedelta(days=16)]
    with pytest.raises(FieldErrors):  # before the placement started
        praksis.log_followup(session, placement_id, {"dato": d(-40), "form": "besok"})
    praksis.log_followup(session, placement_id, {"dato": d(-2), "form": "besok", "av": "Kari", "notat": "Trives"})
    assert [f.due for f in follow_up()] == [TODAY + datetime.timedelta(days=12)]
    assert follow_up()[0].praksis_id == placement_id
    row = praksis.placements(session, amal)[0]
    assert (row.arbeidsgiver, row.status, row.siste_oppfolging) == ("Kiwi Fjordvik", "Pågår",
                                                                    TODAY - datetime.timedelta(days=2))


def test_employer_statistics_count_women_and_job_offers(session, amal, kiwi):
    praksis.save_placement(session, amal, raw(kiwi, fra=d(-80), til=d(-40), utfall="jobbtilbud"))
    row = next(r for r in praksis.employers(session) if r.arbeidsgiver.id == kiwi)
    assert (row.statistikk.placements, row.statistikk.women, row.statistikk.job_offers,
            row.statistikk.last_12_months, row.sektor) == (1, 1, 1, 1, "Privat")


def test_the_overview_lists_who_is_without_a_placement_with_their_wish(session, amal, kiwi):
    plan.new_version(session, amal, {"dato": d(-80), "praksis_onske": "Vil jobbe i butikk"})
    without = praksis.overview(session).uten_praksis
    assert [(u.deltaker_id, u.kjonn, u.onske) for u in without] == [(amal, "K", "Vil jobbe i butikk")]
    praksis.save_placement(session, amal, raw(kiwi))
    overview = praksis.overview(session)
    assert overview.uten_praksis == [] and [r.praksis.deltaker_id for r in overview.denne_uken] == [amal]


def test_removing_an_employer_with_a_running_placement_is_refused(session, amal, kiwi):
    praksis.save_placement(session, amal, raw(kiwi))
    with pytest.raises(FieldErrors):
        praksis.delete_employer(session, kiwi)
    changes = [e for e in audit.history(session.db, "praksis", 1)]
    assert changes and changes[-1].action == audit.OPPRETTET


def test_plan_versions_reviews_and_the_radar(session, amal):
    assert [r.frist.kind for r in frister.frister(session) if r.frist.deltaker_id == amal].count("plan") == 1
    plan_id = plan.new_version(session, amal, {"dato": d(-80), "norskmal": "A2"})
    first = plan.current(session, amal)
    assert first.sluttmal == "Fast arbeid i butikk"  # taken from the programme's end goal
    plan.save_element(session, plan_id, {"type": "norsk", "fra": d(-80), "til": d(200), "timer_per_uke": "15",
                                         "dager": [0, 1, 2]})
    kinds = [r.frist.kind for r in frister.frister(session) if r.frist.deltaker_id == amal]
    assert "plan" not in kinds and "plan_revisjon" not in kinds  # reviewed within six months
    second = plan.new_version(session, amal, {"dato": d(-10), "norskmal": "B1"})
    assert [e.type for e in plan.current(session, amal).elementer] == ["norsk"]
    assert plan.diff(session, plan_id, second) == ["Norskmål: A2 → B1"]
    with pytest.raises(FieldErrors) as caught:  # the first version is now the record
        plan.save_element(session, plan_id, {"type": "annet", "fra": d(0), "til": d(5), "timer_per_uke": "1",
                                             "dager": [0]})
    assert "erstattet av versjon 2" in caught.value.errors["versjon"]
    plan.add_review(session, second, d(-1))
    assert plan.current(session, amal).last_reviewed == TODAY - datetime.timedelta(days=1)
    history = [e.table for e in deltakere.history(session, amal)]
    assert {"plan", "plan_element", "plan_gjennomgang"} <= set(history)


def test_hours_completed_are_recorded_per_element(session, amal):
    plan_id = plan.new_version(session, amal, {"dato": d(-80)})
    element_id = plan.save_element(session, plan_id, {"type": "livsmestring", "fra": d(-80), "til": d(-40),
                                                      "timer_per_uke": "5", "dager": [4]})
    with pytest.raises(FieldErrors):
        plan.record_hours(session, element_id, "-3")
    plan.record_hours(session, element_id, "24,5")
    assert str(plan.current(session, amal).elementer[0].timer_fullfort) == "24.50"


def test_a_document_that_cannot_be_written_gets_a_message_and_keeps_the_old_file(session, amal, kiwi, tmp_path,
                                                                                 monkeypatch):
    placement_id = praksis.save_placement(session, amal, raw(kiwi))
    target = tmp_path / "avtale.pdf"
    praksis.write_agreement_pdf(session, placement_id, target)
    before = target.read_bytes()
    with pytest.raises(FieldErrors) as caught:
        praksis.write_agreement_pdf(session, placement_id, tmp_path / "finnes-ikke" / "avtale.pdf")
    assert "Sjekk at mappen finnes" in caught.value.errors["fil"]
    def refused(self, other):  # Windows refuses to replace a file that is open in a viewer
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(pathlib.Path, "replace", refused)
    with pytest.raises(FieldErrors) as caught:
        praksis.write_agreement_pdf(session, placement_id, target)
    monkeypatch.undo()
    assert "annen mappe" in caught.value.errors["fil"] and target.read_bytes() == before


def test_a_chosen_employer_or_contact_that_is_not_a_record_id_is_a_message(session, amal, kiwi):
    with pytest.raises(FieldErrors) as caught:
        praksis.save_placement(session, amal, raw("Kiwi", kontakt_id="Ole"))
    assert set(caught.value.errors) == {"arbeidsgiver_id", "kontakt_id"}


def test_a_plan_date_cannot_go_before_the_last_version_or_its_reviews(session, amal):
    first = plan.new_version(session, amal, {"dato": d(-80)})
    plan.add_review(session, first, d(-50))
    with pytest.raises(FieldErrors, match="sist laget eller gjennomgått"):
        plan.new_version(session, amal, {"dato": d(-60)})  # before version 1's review
    second = plan.new_version(session, amal, {"dato": d(-40)})
    with pytest.raises(FieldErrors, match="sist laget eller gjennomgått"):
        plan.update(session, second, {"dato": d(-90)})
    plan.add_review(session, second, d(-20))
    with pytest.raises(FieldErrors, match="gjennomgått"):
        plan.update(session, second, {"dato": d(-10)})  # after its own review
    plan.update(session, second, {"dato": d(-45)})


def test_a_contact_of_a_running_placement_stays_and_a_removed_one_stays_on_old_placements(session, amal, kiwi):
    ole = praksis.save_contact(session, kiwi, {"navn": "Ole Berg"})
    running = praksis.save_placement(session, amal, raw(kiwi, kontakt_id=ole))
    with pytest.raises(FieldErrors, match="Ole Berg er kontaktperson"):
        praksis.delete_contact(session, ole)
    praksis.save_placement(session, amal, raw(kiwi, kontakt_id=ole, fra=d(-80), til=d(-40), utfall="fullfort"),
                           running, confirm_overlap=True)
    praksis.delete_contact(session, ole)  # the placement has ended: the contact may go
    assert praksis.get_placement(session, running).kontakt_id == ole  # and the placement keeps its record
