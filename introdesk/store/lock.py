"""One running IntroDesk per data folder.

The operating system holds the lock (filelock: fcntl on Unix, msvcrt on Windows), so it disappears
with the process even after a crash: no stale lock to clean up by hand.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout


class AlreadyRunning(Exception):
    pass


class InstanceLock:
    def __init__(self, data_dir: Path):
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(data_dir / "introdesk.lock"), timeout=0)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise AlreadyRunning(
                "IntroDesk er allerede åpen på denne datamappen (i et annet vindu eller av en annen "
                "bruker). Lukk den andre først."
            ) from None

    def release(self) -> None:
        self._lock.release()
