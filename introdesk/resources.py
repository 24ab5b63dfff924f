"""Where the data files in resources/ are: beside the package, in a PyInstaller bundle, or overridden."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """resources/ beside the package, inside a PyInstaller bundle, or where INTRODESK_RESOURCES says."""
    if override := os.environ.get("INTRODESK_RESOURCES"):
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parents[1]
    return base / "resources"
