"""The window's actions, declared once with their menu, text and standard shortcut.

A method decorated with @action becomes a QAction in its menu; the window builds the menus from
this registry instead of wiring each one by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass(frozen=True)
class ActionSpec:
    menu: str
    text: str
    shortcut: QKeySequence.StandardKey | str | None
    method: str
    separator_before: bool = False


REGISTRY: list[ActionSpec] = []
MENUS = ("&Fil", "&Rediger", "&Vis", "&Hjelp")


def action(menu: str, text: str, shortcut=None, separator_before: bool = False) -> Callable:
    def register(method: Callable) -> Callable:
        REGISTRY.append(ActionSpec(menu, text, shortcut, method.__name__, separator_before))
        return method

    return register


def build_menus(window: QMainWindow) -> dict[str, QAction]:
    """Create the menus and actions on the window; returns the actions by method name."""
    menus: dict[str, QMenu] = {name: window.menuBar().addMenu(name) for name in MENUS}
    actions = {}
    for spec in REGISTRY:
        qaction = QAction(spec.text, window)
        if spec.shortcut is not None:
            qaction.setShortcut(QKeySequence(spec.shortcut))
        qaction.triggered.connect(getattr(window, spec.method))
        if spec.separator_before:
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(qaction)
        window.addAction(qaction)
        actions[spec.method] = qaction
    return actions
