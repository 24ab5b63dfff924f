"""Where the data lives, and the open session on it: lock, encrypted database, migrations, rules.

Every GUI window and CLI command works through a Session, so both see the same store the same way.
"""

from __future__ import annotations

import getpass
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import sqlite_utils

from introdesk.domain.passphrase import strength
from introdesk.domain.rules import RuleBook, RuleConflict
from introdesk.services.rulebook import load_rulebook
from introdesk.store import migrations
from introdesk.store import regler as regler_repo
from introdesk.store.audit import Actor, now
from introdesk.store.connection import backup_database, create_database, open_database, rekey
from introdesk.store.lock import InstanceLock

log = logging.getLogger(__name__)

APP_NAME = "IntroDesk"
DB_FILE = "introdesk.db"
# The demo municipality's fixed passphrase, shown on its login dialog: the demo holds no real people.
DEMO_PASSPHRASE = "demo-introdesk"


class PassphraseTooWeak(ValueError):
    pass


def default_data_dir() -> Path:
    if override := os.environ.get("INTRODESK_DATA_DIR"):
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    if override := os.environ.get("INTRODESK_DEMO_DIR"):
        return Path(override)
    return Path(platformdirs.user_data_dir(f"{APP_NAME} demo", appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILE


def store_exists(data_dir: Path) -> bool:
    return database_path(data_dir).exists()


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some service contexts
        return "ukjent"


@dataclass
class Session:
    data_dir: Path
    db: sqlite_utils.Database
    rules: RuleBook
    actor: Actor
    _passphrase: str
    _lock: InstanceLock

    def __post_init__(self) -> None:
        self._shipped = self.rules  # resources/ as installed; the adviser's additions go on top

    def refresh_rules(self) -> None:
        """The shipped rules plus the adviser's additions from the database.

        An addition that a newer installation now ships itself (same rule, same start date) gives way.
        """
        book = self._shipped
        codes = regler_repo.codes(self.db)
        for value in regler_repo.values(self.db):
            try:
                book = book.with_additions([value], {})
            except RuleConflict:
                log.warning("En regelverdi lagt til i IntroDesk overlapper en levert verdi og brukes ikke: %s", value.name)
        self.rules = book.with_additions([], codes)

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "sikkerhetskopier"

    def backup(self, reason: str) -> Path:
        """An encrypted copy in the data folder's backup folder, named by time and reason."""
        name = f"introdesk-{now().strftime('%Y%m%d-%H%M%S')}-{reason}.db"
        return backup_database(self.db, self._passphrase, self.backup_dir / name)

    def change_passphrase(self, old: str, new: str) -> None:
        if old != self._passphrase:
            raise ValueError("Nåværende passordfrase er feil.")
        _require_strong(new)
        self.backup("for-nytt-passord")
        rekey(self.db, new)
        self._passphrase = new

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA optimize")
            self.db.close()
        finally:
            self._lock.release()


def _require_strong(passphrase: str) -> None:
    verdict = strength(passphrase)
    if not verdict.acceptable:
        raise PassphraseTooWeak(verdict.hint)


def create_store(data_dir: Path, passphrase: str, source: str = "gui", check_strength: bool = True) -> Session:
    """A new, empty, encrypted database in data_dir (which must not already have one)."""
    if check_strength:
        _require_strong(passphrase)
    return _with_lock(data_dir, source, passphrase, create=True)


def open_store(data_dir: Path, passphrase: str, source: str = "gui") -> Session:
    """Open the existing database, upgrading its schema (after a backup) if this version is newer."""
    if not store_exists(data_dir):
        raise FileNotFoundError(f"Det finnes ingen IntroDesk-database i {data_dir}.")
    return _with_lock(data_dir, source, passphrase, create=False)


def _with_lock(data_dir: Path, source: str, passphrase: str, create: bool) -> Session:
    rules = load_rulebook()
    lock = InstanceLock(data_dir)
    lock.acquire()
    db = None
    try:
        path = database_path(data_dir)
        db = create_database(path, passphrase) if create else open_database(path, passphrase)
        session = Session(data_dir, db, rules, Actor(_current_user(), source), passphrase, lock)
        migrations.migrate(db, before=lambda: session.backup("for-oppgradering"))
        session.refresh_rules()
        return session
    except BaseException:
        if db is not None:
            db.close()
        if create:  # a store that failed while being made is not left half-made
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        lock.release()
        raise
