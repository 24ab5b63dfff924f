"""Saving a document where the adviser chooses, then opening it: one flow for every PDF and export."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from introdesk.domain.form import FieldErrors
from introdesk.ui import norsk

PDF = "PDF-filer (*.pdf)"


def save_document(parent: QWidget, title: str, suggested_name: str, write: Callable[[Path], Path],
                  file_types: str = PDF, open_after: bool = True) -> Path | None:
    """Ask where to save (in Documents, under a name without characters Windows refuses), write the file
    through `write`, and open it in the system's viewer. A refusal (the file is open elsewhere, the
    folder is gone) is shown as its Norwegian message. Returns the path written, or None."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = re.sub(r'[<>:"/\\|?*]', "", suggested_name)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name), file_types)
    if not path:
        return None
    try:
        written = write(Path(path))
    except FieldErrors as exc:
        norsk.error(parent, title, "\n".join(exc.errors.values()))
        return None
    if open_after:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
    return written
