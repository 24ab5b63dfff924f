"""The participant register as the GUI and the CLI use it."""

import pytest

from conftest import person
from introdesk.domain.form import FieldErrors
from introdesk.services import deltakere, settings
from introdesk.services.deltakere import PossibleDuplicate


def test_create_read_and_list(session):
    new_id = deltakere.create_deltaker(session, person(fornavn="Şükrü", etternavn="Dvořák"))
    stored = deltakere.get_deltaker(session, new_id)
    assert stored.deltaker.fullt_navn == "Şükrü Dvořák"
    [row] = deltakere.list_deltakere(session)
    assert (row.navn, row.ident_masked, row.land, row.ident_label) == (
        "Dvořák, Şükrü", "170590 *****", "Syria", "Fødselsnummer")


def test_the_same_number_cannot_be_registered_twice(session):
    deltakere.create_deltaker(session, person())
    with pytest.raises(FieldErrors) as caught:
        deltakere.create_deltaker(session, person(fornavn="Noen", etternavn="Annen"))
    assert "allerede registrert på Amal Haddad" in caught.value.errors["ident"]


def test_similar_name_and_birth_date_warns_and_can_be_confirmed(session):
    deltakere.create_deltaker(session, person(ident="201912345678", fodselsdato="02.03.1988"))
    twin = person(ident="201912345679", fodselsdato="02.03.1988", fornavn="Amaal")
    with pytest.raises(PossibleDuplicate, match="Amal Haddad"):
        deltakere.create_deltaker(session, twin)
    deltakere.create_deltaker(session, twin, confirm_similar=True)
    assert len(deltakere.list_deltakere(session)) == 2


def test_delete_can_be_undone(session):
    new_id = deltakere.create_deltaker(session, person())
    deltakere.delete_deltaker(session, new_id)
    assert deltakere.list_deltakere(session) == []
    assert [s.id for s in deltakere.list_deleted(session)] == [new_id]
    deltakere.restore_deltaker(session, new_id)
    assert [r.id for r in deltakere.list_deltakere(session)] == [new_id]


def test_a_deleted_participants_number_points_to_restoring(session):
    new_id = deltakere.create_deltaker(session, person())
    deltakere.delete_deltaker(session, new_id)
    with pytest.raises(FieldErrors, match="Gjenopprett"):
        deltakere.create_deltaker(session, person())


def test_invalid_update_changes_nothing(session):
    new_id = deltakere.create_deltaker(session, person())
    with pytest.raises(FieldErrors):
        deltakere.update_deltaker(session, new_id, person(etternavn="", ident="123"))
    assert deltakere.get_deltaker(session, new_id).deltaker.etternavn == "Haddad"
    assert len(deltakere.history(session, new_id)) == 1


def test_settings_are_validated_and_audited(session):
    with pytest.raises(FieldErrors) as caught:
        settings.save(session, {"kommune_nr": "301", "malform": "bokmal"})
    assert "fire siffer" in caught.value.errors["kommune_nr"]
    saved = settings.save(session, {"kommune_navn": "Fjordvik kommune", "kommune_nr": "0301", "malform": "nynorsk"})
    assert settings.load(session) == saved
    assert session.db.execute("SELECT count(*) FROM revisjon WHERE tabell = 'innstilling'").fetchone()[0] == 1
