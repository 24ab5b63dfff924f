"""Logging to a rotating file in the user's log folder, with personal data scrubbed.

Log lines must never hold a name or an identity number: messages from our code carry ids only, and
a filter masks any run of 11-12 digits that slips through (from a library or an exception text).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

import platformdirs

_ID_LIKE = re.compile(r"(?<!\d)(\d[\d ]{9,13}\d)(?!\d)")


def log_dir() -> Path:
    if override := os.environ.get("INTRODESK_LOG_DIR"):
        return Path(override)
    return Path(platformdirs.user_log_dir("IntroDesk", appauthor=False))


def scrub(text: str) -> str:
    """Mask digit runs that could be an identity number (11 or 12 digits, spaces allowed)."""
    return _ID_LIKE.sub(lambda m: "[nummer]" if len(m.group(1).replace(" ", "")) in (11, 12) else m.group(1), text)


class _ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = ()
        if record.exc_info:
            record.exc_text = crash_report(*record.exc_info)
            record.exc_info = None
        return True


def setup_logging() -> Path:
    """Log INFO and up to introdesk.log (5 files of 1 MB); returns the file's path."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "introdesk.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_ScrubFilter())
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, logging.handlers.RotatingFileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def crash_report(exc_type, exc, tb) -> str:
    """Where the program failed, without the exception's message.

    A message can hold a participant's name (validation texts do), so only the type and the stack
    of file, line and function go into logs and copied details.
    """
    import platform
    import traceback

    from introdesk import __version__

    frames = "".join(traceback.format_tb(tb)) if tb else ""
    lines = [f"IntroDesk {__version__}, Python {platform.python_version()}, {platform.platform()}",
             f"{exc_type.__module__}.{exc_type.__qualname__}", scrub(frames)]
    return "\n".join(lines)
