"""The schema, as numbered steps in one place.

The version lives in PRAGMA user_version. Each step runs in one transaction with the version bump,
so a crash leaves the database at the old version or the new, never between. A database from a
newer IntroDesk is refused, never opened, since this version cannot know what its data means.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlcipher3
import sqlite_utils

# PRAGMA application_id: marks the file as IntroDesk's ("INTR").
APPLICATION_ID = 0x494E5452


class NewerDatabase(Exception):
    def __init__(self, found: int, known: int):
        super().__init__(
            f"Databasen er laget av en nyere versjon av IntroDesk (skjema {found}, denne versjonen "
            f"kjenner til og med {known}). Installer den nyeste versjonen av IntroDesk."
        )
        self.found, self.known = found, known


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "Deltakerregister, innstillinger og revisjonsspor",
        """
        CREATE TABLE deltaker (
            id INTEGER PRIMARY KEY,
            fornavn TEXT NOT NULL,
            etternavn TEXT NOT NULL,
            ident TEXT NOT NULL,
            ident_type TEXT NOT NULL CHECK (ident_type IN ('fnr', 'dnr', 'hnr', 'duf')),
            fodselsdato TEXT NOT NULL,
            kjonn TEXT NOT NULL,
            lovverk TEXT NOT NULL,
            landbakgrunn TEXT,
            statsborgerskap TEXT,
            morsmal TEXT NOT NULL DEFAULT '',
            tolk_behov INTEGER NOT NULL DEFAULT 0 CHECK (tolk_behov IN (0, 1)),
            tolk_sprak TEXT NOT NULL DEFAULT '',
            telefon TEXT NOT NULL DEFAULT '',
            epost TEXT NOT NULL DEFAULT '',
            adresse TEXT NOT NULL DEFAULT '',
            postnummer TEXT NOT NULL DEFAULT '',
            poststed TEXT NOT NULL DEFAULT '',
            oppholdsgrunnlag TEXT,
            tillatelse_dato TEXT,
            bosatt_dato TEXT,
            bosatt_etter_avtale INTEGER NOT NULL DEFAULT 1 CHECK (bosatt_etter_avtale IN (0, 1)),
            vgs_fullfort INTEGER CHECK (vgs_fullfort IN (0, 1)),
            skolear INTEGER,
            bor_med_foreldre INTEGER NOT NULL DEFAULT 0 CHECK (bor_med_foreldre IN (0, 1)),
            barn_under_18 INTEGER,
            reservert_forskning INTEGER NOT NULL DEFAULT 0 CHECK (reservert_forskning IN (0, 1)),
            nav_kontakt TEXT NOT NULL DEFAULT '',
            notat TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;
        -- One living record per identity number; a deleted one may be restored or replaced.
        CREATE UNIQUE INDEX deltaker_ident ON deltaker (ident) WHERE slettet IS NULL;
        CREATE INDEX deltaker_fodselsdato ON deltaker (fodselsdato);

        CREATE TABLE innstilling (
            nokkel TEXT PRIMARY KEY,
            verdi TEXT NOT NULL
        ) STRICT;

        -- The audit trail and case history: append-only, enforced by the triggers below.
        CREATE TABLE revisjon (
            id INTEGER PRIMARY KEY,
            tidspunkt TEXT NOT NULL,
            bruker TEXT NOT NULL,
            kilde TEXT NOT NULL,
            tabell TEXT NOT NULL,
            rad_id INTEGER,
            handling TEXT NOT NULL,
            endringer TEXT NOT NULL
        ) STRICT;
        CREATE INDEX revisjon_rad ON revisjon (tabell, rad_id);
        CREATE TRIGGER revisjon_ingen_endring BEFORE UPDATE ON revisjon
            BEGIN SELECT RAISE(ABORT, 'revisjonssporet kan ikke endres'); END;
        CREATE TRIGGER revisjon_ingen_sletting BEFORE DELETE ON revisjon
            BEGIN SELECT RAISE(ABORT, 'revisjonssporet kan ikke slettes'); END;
        """,
    ),
    Migration(
        2,
        "Programforløp: hendelser, merknader på frister og regelverdier lagt til av rådgiveren",
        """
        CREATE TABLE hendelse (
            id INTEGER PRIMARY KEY,
            deltaker_id INTEGER NOT NULL REFERENCES deltaker (id),
            type TEXT NOT NULL,
            dato TEXT NOT NULL,
            til_dato TEXT,
            vedtaksdato TEXT,
            sluttmalgruppe TEXT,
            sluttmal TEXT NOT NULL DEFAULT '',
            grunn TEXT NOT NULL DEFAULT '',
            med_stonad INTEGER NOT NULL DEFAULT 0 CHECK (med_stonad IN (0, 1)),
            maaneder INTEGER,
            utgang TEXT,
            sluttarsak TEXT,
            hovedaktivitet TEXT NOT NULL DEFAULT '',
            utfall TEXT,
            utfall_dato TEXT,
            nir_dato TEXT,
            notat TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT,
            CHECK (til_dato IS NULL OR til_dato >= dato)
        ) STRICT;
        CREATE INDEX hendelse_deltaker ON hendelse (deltaker_id);

        -- A deadline item marked done or snoozed; the key names the item (see domain/frister.py).
        CREATE TABLE frist_merknad (
            id INTEGER PRIMARY KEY,
            nokkel TEXT NOT NULL UNIQUE,
            ferdig INTEGER NOT NULL CHECK (ferdig IN (0, 1)),
            til_dato TEXT,
            grunn TEXT NOT NULL,
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;

        -- Rule values and codes the adviser adds in the settings, on top of resources/.
        CREATE TABLE regelverdi (
            id INTEGER PRIMARY KEY,
            navn TEXT NOT NULL,
            lovverk TEXT NOT NULL,
            gyldig_fra TEXT NOT NULL,
            verdi TEXT NOT NULL,  -- JSON
            kilde TEXT NOT NULL,
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT,
            UNIQUE (navn, lovverk, gyldig_fra)
        ) STRICT;
        CREATE TABLE kode (
            id INTEGER PRIMARY KEY,
            liste TEXT NOT NULL,
            kode TEXT NOT NULL,
            tekst TEXT NOT NULL,
            egenskaper TEXT NOT NULL,  -- JSON
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT,
            UNIQUE (liste, kode)
        ) STRICT;
        """,
    ),
    Migration(
        3,
        "Integreringsplaner i versjoner, arbeidsgiverregister og praksisplasser",
        """
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY,
            deltaker_id INTEGER NOT NULL REFERENCES deltaker (id),
            versjon INTEGER NOT NULL CHECK (versjon >= 1),
            dato TEXT NOT NULL,
            sluttmal TEXT NOT NULL DEFAULT '',
            norskmal TEXT NOT NULL DEFAULT '',
            onsker TEXT NOT NULL DEFAULT '',
            praksis_onske TEXT NOT NULL DEFAULT '',
            selvstudium INTEGER NOT NULL DEFAULT 0 CHECK (selvstudium IN (0, 1)),
            kontrakt_signert TEXT,
            notat TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;
        CREATE UNIQUE INDEX plan_versjon ON plan (deltaker_id, versjon) WHERE slettet IS NULL;

        -- nokkel: the same element across the versions of a plan, to compare them.
        CREATE TABLE plan_element (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plan (id),
            nokkel TEXT NOT NULL,
            type TEXT NOT NULL,
            fra TEXT NOT NULL,
            til TEXT NOT NULL,
            timer_per_uke TEXT NOT NULL,
            dager TEXT NOT NULL,
            tilbyder TEXT NOT NULL DEFAULT '',
            retning TEXT CHECK (retning IN ('arbeid', 'utdanning')),
            oppfolging TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            timer_fullfort TEXT,
            notat TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT,
            CHECK (til >= fra)
        ) STRICT;
        CREATE INDEX plan_element_plan ON plan_element (plan_id);

        CREATE TABLE plan_gjennomgang (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plan (id),
            dato TEXT NOT NULL,
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;
        CREATE INDEX plan_gjennomgang_plan ON plan_gjennomgang (plan_id);

        CREATE TABLE arbeidsgiver (
            id INTEGER PRIMARY KEY,
            navn TEXT NOT NULL,
            orgnr TEXT NOT NULL DEFAULT '',
            adresse TEXT NOT NULL DEFAULT '',
            postnummer TEXT NOT NULL DEFAULT '',
            poststed TEXT NOT NULL DEFAULT '',
            sektor TEXT,
            notat TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;
        CREATE UNIQUE INDEX arbeidsgiver_orgnr ON arbeidsgiver (orgnr) WHERE slettet IS NULL AND orgnr != '';

        CREATE TABLE kontaktperson (
            id INTEGER PRIMARY KEY,
            arbeidsgiver_id INTEGER NOT NULL REFERENCES arbeidsgiver (id),
            navn TEXT NOT NULL,
            rolle TEXT NOT NULL DEFAULT '',
            telefon TEXT NOT NULL DEFAULT '',
            epost TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;
        CREATE INDEX kontaktperson_arbeidsgiver ON kontaktperson (arbeidsgiver_id);

        CREATE TABLE praksis (
            id INTEGER PRIMARY KEY,
            deltaker_id INTEGER NOT NULL REFERENCES deltaker (id),
            arbeidsgiver_id INTEGER NOT NULL REFERENCES arbeidsgiver (id),
            kontakt_id INTEGER REFERENCES kontaktperson (id),
            type TEXT NOT NULL,
            fra TEXT NOT NULL,
            til TEXT NOT NULL,
            timer_per_uke TEXT NOT NULL,
            dager TEXT NOT NULL,
            oppfolging_dager INTEGER NOT NULL CHECK (oppfolging_dager > 0),
            oppgaver TEXT NOT NULL DEFAULT '',
            sprakmal TEXT NOT NULL DEFAULT '',
            avtale_signert TEXT,
            oppfolger TEXT NOT NULL CHECK (oppfolger IN ('radgiver', 'larer')),
            oppfolger_navn TEXT NOT NULL DEFAULT '',
            fase_forberedelse INTEGER NOT NULL DEFAULT 0 CHECK (fase_forberedelse IN (0, 1)),
            fase_underveis INTEGER NOT NULL DEFAULT 0 CHECK (fase_underveis IN (0, 1)),
            fase_oppsummering INTEGER NOT NULL DEFAULT 0 CHECK (fase_oppsummering IN (0, 1)),
            evaluering TEXT NOT NULL DEFAULT '',
            utfall TEXT,
            utfall_grunn TEXT NOT NULL DEFAULT '',
            notat TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT,
            CHECK (til >= fra)
        ) STRICT;
        CREATE INDEX praksis_deltaker ON praksis (deltaker_id);
        CREATE INDEX praksis_arbeidsgiver ON praksis (arbeidsgiver_id);

        CREATE TABLE praksis_oppfolging (
            id INTEGER PRIMARY KEY,
            praksis_id INTEGER NOT NULL REFERENCES praksis (id),
            dato TEXT NOT NULL,
            form TEXT NOT NULL CHECK (form IN ('besok', 'telefon', 'annet')),
            av TEXT NOT NULL DEFAULT '',
            notat TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;
        CREATE INDEX praksis_oppfolging_praksis ON praksis_oppfolging (praksis_id);

        -- The «plan laget eller gjennomgått» events of schema 2 become plans: the first event is
        -- version 1, later ones are its reviews; the events are then removed (kept in the trail).
        INSERT INTO plan (deltaker_id, versjon, dato, notat, opprettet, endret)
            SELECT deltaker_id, 1, min(dato), '', min(opprettet), max(endret) FROM hendelse
            WHERE type = 'plan' AND slettet IS NULL GROUP BY deltaker_id;
        INSERT INTO plan_gjennomgang (plan_id, dato, opprettet, endret)
            SELECT p.id, h.dato, h.opprettet, h.endret FROM hendelse h JOIN plan p ON p.deltaker_id = h.deltaker_id
            WHERE h.type = 'plan' AND h.slettet IS NULL AND h.dato > p.dato;
        INSERT INTO revisjon (tidspunkt, bruker, kilde, tabell, rad_id, handling, endringer)
            SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), 'IntroDesk', 'oppgradering', 'hendelse', id,
                   'slettet', '{"merknad": [null, "flyttet til integreringsplanen"]}'
            FROM hendelse WHERE type = 'plan' AND slettet IS NULL;
        INSERT INTO revisjon (tidspunkt, bruker, kilde, tabell, rad_id, handling, endringer)
            SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), 'IntroDesk', 'oppgradering', 'plan', id,
                   'opprettet', json_object('versjon', json_array(NULL, versjon), 'dato', json_array(NULL, dato))
            FROM plan;
        INSERT INTO revisjon (tidspunkt, bruker, kilde, tabell, rad_id, handling, endringer)
            SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), 'IntroDesk', 'oppgradering', 'plan_gjennomgang',
                   id, 'opprettet', json_object('dato', json_array(NULL, dato))
            FROM plan_gjennomgang;
        UPDATE hendelse SET slettet = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
            WHERE type = 'plan' AND slettet IS NULL;
        """,
    ),
    Migration(
        4,
        "Fravær, reduksjoner i stønaden og godkjente utbetalingsmåneder",
        """
        -- Attendance is recorded by exception: one row a day a participant was (partly) absent.
        CREATE TABLE fravaer (
            id INTEGER PRIMARY KEY,
            deltaker_id INTEGER NOT NULL REFERENCES deltaker (id),
            dato TEXT NOT NULL,
            type TEXT NOT NULL,
            timer TEXT,  -- NULL: the whole day
            notat TEXT NOT NULL DEFAULT '',
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;
        CREATE UNIQUE INDEX fravaer_dag ON fravaer (deltaker_id, dato) WHERE slettet IS NULL;
        CREATE INDEX fravaer_dato ON fravaer (dato);

        CREATE TABLE stonad_reduksjon (
            id INTEGER PRIMARY KEY,
            deltaker_id INTEGER NOT NULL REFERENCES deltaker (id),
            maaned TEXT NOT NULL,
            type TEXT NOT NULL,
            tekst TEXT NOT NULL,
            ore INTEGER NOT NULL CHECK (ore > 0),
            opprettet TEXT NOT NULL,
            endret TEXT NOT NULL,
            slettet TEXT
        ) STRICT;
        CREATE INDEX stonad_reduksjon_maaned ON stonad_reduksjon (maaned);

        -- An approved month and the basis as it was paid (JSON), kept as it is: corrections of a paid
        -- month go into the next open month, never into this row.
        CREATE TABLE stonad_maaned (
            maaned TEXT PRIMARY KEY,
            godkjent TEXT NOT NULL,
            godkjent_av TEXT NOT NULL,
            grunnlag TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER stonad_maaned_laast BEFORE UPDATE ON stonad_maaned
            BEGIN SELECT RAISE(ABORT, 'en godkjent måned kan ikke endres'); END;
        CREATE TRIGGER stonad_maaned_ikke_slett BEFORE DELETE ON stonad_maaned
            BEGIN SELECT RAISE(ABORT, 'en godkjent måned kan ikke slettes'); END;
        """,
    ),
    Migration(
        5,
        "Utstedte deltakerbevis, lagret med saken",
        """
        -- Each certificate handed out, as it was printed: a copy with the case (DOMAIN.md section 11).
        -- Kept as issued: a new issue is a new row, never an edit.
        CREATE TABLE deltakerbevis (
            id INTEGER PRIMARY KEY,
            deltaker_id INTEGER NOT NULL REFERENCES deltaker (id),
            dato TEXT NOT NULL,
            malform TEXT NOT NULL CHECK (malform IN ('bokmal', 'nynorsk')),
            sha256 TEXT NOT NULL,
            pdf BLOB NOT NULL,
            utstedt_av TEXT NOT NULL,
            opprettet TEXT NOT NULL
        ) STRICT;
        CREATE INDEX deltakerbevis_deltaker ON deltakerbevis (deltaker_id);
        CREATE TRIGGER deltakerbevis_ingen_endring BEFORE UPDATE ON deltakerbevis
            BEGIN SELECT RAISE(ABORT, 'et utstedt deltakerbevis kan ikke endres'); END;
        CREATE TRIGGER deltakerbevis_ingen_sletting BEFORE DELETE ON deltakerbevis
            BEGIN SELECT RAISE(ABORT, 'et utstedt deltakerbevis kan ikke slettes'); END;
        """,
    ),
    Migration(
        6,
        "Beskrivelse av elementer i planen, til plan og deltakerbevis",
        """
        ALTER TABLE plan_element ADD COLUMN beskrivelse TEXT NOT NULL DEFAULT '';
        """,
    ),
    Migration(
        7,
        "Importer fra regneark, med hver kjøring lagret så den kan angres",
        """
        -- One row per import that wrote something. What it wrote are the audit rows from revisjon_fra to
        -- revisjon_til (source «import»): undoing the import reverts exactly those. The file's name only,
        -- never its folder (which may name a person), and its checksum.
        CREATE TABLE import_kjoring (
            id INTEGER PRIMARY KEY,
            tidspunkt TEXT NOT NULL,
            bruker TEXT NOT NULL,
            filnavn TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            nye INTEGER NOT NULL,
            endret INTEGER NOT NULL,
            uendret INTEGER NOT NULL,
            revisjon_fra INTEGER NOT NULL,
            revisjon_til INTEGER NOT NULL,
            angret TEXT
        ) STRICT;
        """,
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def current_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def check_not_newer(db: sqlite_utils.Database) -> None:
    found = current_version(db)
    if found > SCHEMA_VERSION:
        raise NewerDatabase(found, SCHEMA_VERSION)


def pending(db: sqlite_utils.Database) -> list[Migration]:
    check_not_newer(db)
    found = current_version(db)
    return [m for m in MIGRATIONS if m.version > found]


def migrate(db: sqlite_utils.Database, before: Callable[[], object] | None = None) -> int:
    """Apply pending steps; `before` (a backup) runs first when an existing database is upgraded."""
    steps = pending(db)
    if steps and before is not None and current_version(db) > 0:
        before()
    for step in steps:
        with db.atomic():
            for statement in _statements(step.sql):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {step.version}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return current_version(db)


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit, breaking the step's transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        current += line
        if sqlcipher3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"Ufullstendig SQL i migrering: {current.strip()[:60]}")
    return statements
