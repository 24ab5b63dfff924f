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


# ----- the window, for the GUI tests (test_gui*.py); Qt is imported only there

@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(request, monkeypatch):
    """A modal box nobody answers would hang the run: fail at once instead (tests patch what they expect)."""
    if not request.module.__name__.startswith("test_gui"):
        return
    from introdesk.ui import norsk

    def unexpected(parent, icon, title, text, *args):
        raise AssertionError(f"unexpected dialog: {title}: {text}")

    monkeypatch.setattr(norsk, "_message", unexpected)


def _discard_edits(window):
    window.page.revert()  # leave nothing unsaved, so closing the window does not ask


@pytest.fixture
def window(qtbot, session):
    from introdesk.ui.main_window import MainWindow

    w = MainWindow(session)
    qtbot.addWidget(w, before_close_func=_discard_edits)
    w.show()
    return w


@pytest.fixture
def demo_session(tmp_path):
    from introdesk.services.demo import create_demo

    s = create_demo(tmp_path / "demo")
    yield s
    s.close()


@pytest.fixture
def demo_window(qtbot, demo_session):
    from introdesk.ui.main_window import MainWindow

    w = MainWindow(demo_session)
    qtbot.addWidget(w, before_close_func=_discard_edits)
    w.show()
    return w
