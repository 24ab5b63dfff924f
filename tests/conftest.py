"""Shared fixtures: every test gets its own data folder, log folder and a fresh encrypted store."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from introdesk.services.rulebook import load_rulebook
from introdesk.services.session import create_store

PASSPHRASE = "riktig hest batteri stift"


@pytest.fixture(autouse=True)
def _isolated_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("INTRODESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INTRODESK_DEMO_DIR", str(tmp_path / "demo"))
    monkeypatch.setenv("INTRODESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.delenv("INTRODESK_PASSPHRASE", raising=False)


@pytest.fixture(scope="session")
def rules():
    return load_rulebook()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def session(data_dir):
    s = create_store(data_dir, PASSPHRASE, source="test")
    yield s
    s.close()


def person(**overrides):
    """Form input for a valid participant, as a person would type it."""
    raw = {
        "fornavn": "Amal",
        "etternavn": "Haddad",
        "ident": "170590 12436",
        "fodselsdato": "",
        "kjonn": "K",
        "lovverk": "integreringsloven",
        "landbakgrunn": "SY",
        "oppholdsgrunnlag": "flyktning",
        "tillatelse_dato": "01.02.2025",
        "bosatt_dato": "15.03.2025",
    }
    raw.update(overrides)
    return raw
