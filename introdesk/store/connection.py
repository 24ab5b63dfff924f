"""Open, create and re-key the SQLCipher-encrypted database.

Nothing is written to the file before the passphrase has been proved right, so a wrong passphrase
leaves the file exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
import sqlite_utils

DatabaseError = sqlcipher3.DatabaseError


class WrongPassphrase(Exception):
    """The passphrase does not open this database (or the file is not an IntroDesk database)."""


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def _keyed_connection(path: Path, passphrase: str) -> sqlcipher3.Connection:
    # isolation_level=None: transactions are opened explicitly with db.atomic(), one per user action.
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key would otherwise log to stderr
    conn.execute(f"PRAGMA key = {_quote(passphrase)}")
    return conn


def open_database(path: Path, passphrase: str) -> sqlite_utils.Database:
    """Open an existing database; raises WrongPassphrase without touching the file."""
    conn = _keyed_connection(path, passphrase)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError:
        conn.close()
        raise WrongPassphrase("Feil passordfrase.") from None
    return _configure(conn)


def create_database(path: Path, passphrase: str) -> sqlite_utils.Database:
    if path.exists():
        raise FileExistsError(f"Det finnes allerede en database i {path.parent}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    return _configure(_keyed_connection(path, passphrase))


def _configure(conn: sqlcipher3.Connection) -> sqlite_utils.Database:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed action survives a power cut, not only a crash of the program.
    conn.execute("PRAGMA synchronous = FULL")
    # Sorting and temporary indexes stay in memory: no plaintext temp files on disk.
    conn.execute("PRAGMA temp_store = MEMORY")
    return sqlite_utils.Database(conn)


def rekey(db: sqlite_utils.Database, new_passphrase: str) -> None:
    """Re-encrypt every page with a key from the new passphrase (one transaction in SQLCipher)."""
    db.conn.execute(f"PRAGMA rekey = {_quote(new_passphrase)}")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def backup_database(db: sqlite_utils.Database, passphrase: str, target: Path) -> Path:
    """An encrypted, consistent copy through SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    dest = _keyed_connection(partial, passphrase)
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    partial.replace(target)  # a backup is either complete or absent
    return target
