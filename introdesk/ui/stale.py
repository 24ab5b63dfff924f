"""Window tabs that are costly to fill are filled when they are shown, not on every save elsewhere."""

from __future__ import annotations


class FillWhenShown:
    """Mix in before QWidget and implement `fill()`. `refresh()` fills a visible view at once and
    marks a hidden one stale, to be filled when it is next shown (at 10 000 participants a fill
    takes most of a second, and the window refreshes its views after every save)."""

    _stale = True

    def fill(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        self._stale = not self.isVisible()
        if not self._stale:
            self.fill()

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.fill()
        super().showEvent(event)
