"""Events, the radar and rule additions through the services, on a real encrypted store."""

import datetime

import pytest

from conftest import person
from introdesk.domain.form import FieldErrors
from introdesk.services import deltakere, frister, nir, program, regler
from introdesk.store import audit

TODAY = datetime.date.today()


def d(days: int) -> str:
    return (TODAY + datetime.timedelta(days=days)).strftime("%d.%m.%Y")


@pytest.fixture
def amal(session):
    return deltakere.create_deltaker(session, person(bosatt_dato=d(-60), tillatelse_dato=d(-100)))


def test_an_inconsistent_event_is_refused_and_nothing_is_written(session, amal):
    with pytest.raises(FieldErrors) as caught:
        program.save_hendelse(session, amal, {"type": "start", "dato": d(-61)})
    assert "bosettingen" in caught.value.errors["dato"]
    assert program.hendelser(session, amal) == []


def test_a_leave_moves_the_end_date_and_the_history_shows_it(session, amal):
    program.save_hendelse(session, amal, {"type": "start", "dato": d(-30)})
    program.save_hendelse(session, amal, {"type": "sluttmal", "dato": d(-30), "sluttmalgruppe": "andre",
                                          "sluttmal": "Fagbrev som tømrer"})
    before = program.forlop(session, amal).planned_end
    program.save_hendelse(session, amal, {"type": "permisjon", "dato": d(-5), "til_dato": d(4),
                                          "vedtaksdato": d(-6), "grunn": "velferd"})
    after = program.forlop(session, amal)
    assert after.planned_end - before == datetime.timedelta(days=10) and after.status_label == "Permisjon"
    entries = deltakere.history(session, amal)
    assert [e.table for e in entries[:3]] == ["hendelse"] * 3
    assert deltakere.list_deltakere(session)[0].status == "Permisjon"


def test_extensions_stop_at_the_groups_limit(session, amal):
    program.save_hendelse(session, amal, {"type": "start", "dato": d(-30)})
    program.save_hendelse(session, amal, {"type": "sluttmal", "dato": d(-30), "sluttmalgruppe": "vgs_eller_mer",
                                          "sluttmal": "Arbeid"})
    with pytest.raises(FieldErrors) as caught:
        program.save_hendelse(session, amal, {"type": "forlengelse", "dato": d(100), "vedtaksdato": d(0),
                                              "maaneder": "7"})
    assert "høyst 6 måneder" in caught.value.errors["maaneder"]


def test_the_radar_marks_are_audited_and_hide_items(session, amal):
    items = frister.frister(session)
    start = next(r for r in items if r.frist.kind == "start")
    assert start.navn == "Haddad, Amal"
    with pytest.raises(FieldErrors) as caught:
        frister.snooze(session, start.frist.key, d(0), "")
    assert set(caught.value.errors) == {"til_dato", "grunn"}
    frister.snooze(session, start.frist.key, d(7), "Venter på tolk")
    assert start.frist.key not in [r.frist.key for r in frister.frister(session)]
    assert start.frist.key in [r.frist.key for r in frister.frister(session, TODAY + datetime.timedelta(days=7))]
    assert audit.history(session.db, "frist_merknad", 1)[0].changes["grunn"] == [None, "Venter på tolk"]


def test_registering_in_nir_clears_the_item(session, amal):
    event = program.save_hendelse(session, amal, {"type": "kartlegging", "dato": d(-70)})
    assert any(r.frist.kind == "nir" for r in frister.frister(session))
    nir.mark_registered(session, [event], TODAY)
    assert not any(r.frist.kind == "nir" for r in frister.frister(session))


def test_the_adviser_adds_next_years_g_and_an_end_reason(session):
    with pytest.raises(FieldErrors) as caught:
        regler.add_grunnbelop(session, {"gyldig_fra": "01.05.2027", "verdi": "14 000", "kilde": ""})
    assert set(caught.value.errors) == {"verdi", "kilde"}
    regler.add_grunnbelop(session, {"gyldig_fra": "01.05.2027", "verdi": "141 234", "kilde": "Trygdeoppgjøret 2027"})
    assert session.rules.value("grunnbelop", "kap6a", datetime.date(2027, 5, 1)) == 141234
    assert session.rules.value("grunnbelop", "kap6a", datetime.date(2027, 4, 30)) == 136549
    with pytest.raises(FieldErrors):
        regler.add_grunnbelop(session, {"gyldig_fra": "01.05.2027", "verdi": "141 234", "kilde": "Igjen"})
    code = regler.add_sluttarsak(session, {"tekst": "Lærlingplass", "resultat": True, "utgang": ["avsluttet"]})
    assert code == "laerlingplass" and session.rules.codes("sluttarsak").get(code).attributes["resultat"] is True
