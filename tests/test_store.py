"""The encrypted store: what a lost laptop, a crash, a wrong passphrase or an old program can do."""

import hashlib

import pytest

from conftest import PASSPHRASE, person
from introdesk.services import deltakere
from introdesk.services.session import Session, create_store, database_path, open_store
from introdesk.store import audit, migrations
from introdesk.store.connection import DatabaseError, WrongPassphrase, open_database
from introdesk.store.lock import AlreadyRunning


def raw_bytes(data_dir):
    return b"".join(p.read_bytes() for p in data_dir.iterdir() if p.name.startswith("introdesk.db"))


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_no_name_or_number_readable_in_the_file_or_its_wal(session, data_dir):
    deltakere.create_deltaker(session, person(fornavn="Haddadinski", notat="Bor hos søsteren Zuleikha"))
    # While the session is open the newest pages sit in the WAL: check both, in UTF-8 and UTF-16.
    for data in (raw_bytes(data_dir),):
        for needle in ("Haddadinski", "17059012436", "Zuleikha", "CREATE TABLE"):
            assert needle.encode() not in data and needle.encode("utf-16-le") not in data
    session.close()
    assert b"Haddadinski" not in raw_bytes(data_dir)
    assert not any(p.name.endswith((".tmp", "-journal")) for p in data_dir.iterdir())
    session.close = lambda: None  # already closed for the fixture


def test_wrong_passphrase_is_refused_and_the_file_untouched(session, data_dir):
    deltakere.create_deltaker(session, person())
    session.close()
    session.close = lambda: None
    before = digest(database_path(data_dir))
    with pytest.raises(WrongPassphrase):
        open_store(data_dir, "feil passordfrase")
    assert digest(database_path(data_dir)) == before
    again = open_store(data_dir, PASSPHRASE)  # the lock was released after the failure
    assert len(deltakere.list_deltakere(again)) == 1
    again.close()


def test_a_second_instance_on_the_same_folder_is_refused(session, data_dir):
    with pytest.raises(AlreadyRunning, match="allerede åpen"):
        open_store(data_dir, PASSPHRASE)


def test_fresh_store_is_at_the_newest_schema_with_strict_tables(session):
    assert migrations.current_version(session.db) == migrations.SCHEMA_VERSION
    assert session.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert session.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert all(session.db[t].strict for t in ("deltaker", "innstilling", "revisjon"))


def test_a_newer_database_is_refused_and_not_changed(session, data_dir):
    session.db.execute("PRAGMA user_version = 99")
    session.close()
    session.close = lambda: None
    before = digest(database_path(data_dir))
    with pytest.raises(migrations.NewerDatabase, match="nyere versjon"):
        open_store(data_dir, PASSPHRASE)
    assert digest(database_path(data_dir)) == before


def test_upgrade_takes_a_backup_first_and_runs_in_one_step(session, data_dir, monkeypatch):
    deltakere.create_deltaker(session, person())
    session.close()
    session.close = lambda: None
    latest = migrations.SCHEMA_VERSION
    step = migrations.Migration(latest + 1, "test: ny kolonne", "ALTER TABLE deltaker ADD COLUMN ekstra TEXT;")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", latest + 1)
    upgraded = open_store(data_dir, PASSPHRASE)
    assert migrations.current_version(upgraded.db) == latest + 1
    backups = list(upgraded.backup_dir.glob("*for-oppgradering.db"))
    upgraded.close()
    assert len(backups) == 1
    old = open_database(backups[0], PASSPHRASE)  # the backup is encrypted with the same passphrase
    assert migrations.current_version(old) == latest
    assert old.execute("SELECT count(*) FROM deltaker").fetchone()[0] == 1
    old.close()


def test_a_first_version_database_upgrades_with_its_participants(data_dir, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        m.setattr(migrations, "SCHEMA_VERSION", 1)
        m.setattr(Session, "refresh_rules", lambda self: None)  # version 1 had no added rules
        old = create_store(data_dir, PASSPHRASE)
        deltakere.create_deltaker(old, person())
        old.close()
    upgraded = open_store(data_dir, PASSPHRASE)
    assert migrations.current_version(upgraded.db) == migrations.SCHEMA_VERSION
    assert [r.navn for r in deltakere.list_deltakere(upgraded)] == ["Haddad, Amal"]
    assert "hendelse" in upgraded.db.table_names()
    upgraded.close()


def test_a_failing_migration_leaves_the_old_version(session, data_dir, monkeypatch):
    session.close()
    session.close = lambda: None
    latest = migrations.SCHEMA_VERSION
    broken = migrations.Migration(latest + 1, "feiler", "CREATE TABLE x (a TEXT) STRICT;\nSELECT no_such_function();")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", latest + 1)
    with pytest.raises(DatabaseError):
        open_store(data_dir, PASSPHRASE)
    db = open_database(database_path(data_dir), PASSPHRASE)
    assert migrations.current_version(db) == latest and "x" not in db.table_names()
    db.close()


def test_a_failing_write_leaves_nothing_behind(session, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", fail)
    with pytest.raises(RuntimeError):
        deltakere.create_deltaker(session, person())
    assert session.db.execute("SELECT count(*) FROM deltaker").fetchone()[0] == 0


def test_every_change_is_in_the_append_only_audit_trail(session):
    new_id = deltakere.create_deltaker(session, person())
    deltakere.update_deltaker(session, new_id, person(etternavn="Haddad-Ali", telefon="400 00 000"))
    deltakere.delete_deltaker(session, new_id)
    deltakere.restore_deltaker(session, new_id)
    trail = deltakere.history(session, new_id)
    assert [e.action for e in trail] == ["gjenopprettet", "slettet", "endret", "opprettet"]
    assert trail[2].changes == {"etternavn": ["Haddad", "Haddad-Ali"], "telefon": ["", "400 00 000"]}
    assert trail[2].user and trail[2].source == "test"
    with pytest.raises(DatabaseError, match="kan ikke endres"):
        session.db.execute("UPDATE revisjon SET bruker = 'x'")
    with pytest.raises(DatabaseError, match="kan ikke slettes"):
        session.db.execute("DELETE FROM revisjon")


def test_passphrase_change_rekeys_the_file(session, data_dir):
    deltakere.create_deltaker(session, person())
    session.change_passphrase(PASSPHRASE, "et helt nytt og langt passord")
    session.close()
    session.close = lambda: None
    with pytest.raises(WrongPassphrase):
        open_store(data_dir, PASSPHRASE)
    reopened = open_store(data_dir, "et helt nytt og langt passord")
    assert len(deltakere.list_deltakere(reopened)) == 1
    reopened.close()


def test_passphrase_change_refuses_a_wrong_old_or_weak_new(session):
    with pytest.raises(ValueError, match="Nåværende passordfrase er feil"):
        session.change_passphrase("gjett", "et helt nytt og langt passord")
    with pytest.raises(ValueError, match="minst 10 tegn"):
        session.change_passphrase(PASSPHRASE, "kort")


def test_plan_events_of_schema_2_become_a_plan_with_its_reviews(data_dir, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        m.setattr(migrations, "SCHEMA_VERSION", 2)
        old = create_store(data_dir, PASSPHRASE)
        amal = deltakere.create_deltaker(old, person())
        for day in ("2025-06-01", "2025-12-01", "2026-05-20"):  # schema 2 kept plans as events
            old.db.execute("INSERT INTO hendelse (deltaker_id, type, dato, opprettet, endret) "
                           "VALUES (?, 'plan', ?, '2025-06-01T10:00:00', '2025-06-01T10:00:00')", [amal, day])
        old.close()
    upgraded = open_store(data_dir, PASSPHRASE)
    from introdesk.services import plan, program

    versions = plan.versions(upgraded, amal)
    assert [(v.versjon, v.dato.isoformat()) for v in versions] == [(1, "2025-06-01")]
    assert [d.isoformat() for d in versions[0].gjennomganger] == ["2025-12-01", "2026-05-20"]
    assert program.hendelser(upgraded, amal) == []
    moved = [e for e in audit.history(upgraded.db, "hendelse", 1) if e.source == "oppgradering"]
    assert moved and moved[0].action == audit.SLETTET
    created = audit.history(upgraded.db, "plan", versions[0].id)
    assert [e.action for e in created] == [audit.OPPRETTET] and created[0].source == "oppgradering"
    upgraded.close()
