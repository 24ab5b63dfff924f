"""Writing a document where the adviser chose, with a Norwegian message when the system says no."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from introdesk.domain.form import FieldErrors


@contextmanager
def writing(target: Path) -> Iterator[None]:
    """Turn the operating system's refusal into a message at the «fil» field (the old file is kept)."""
    try:
        yield
    except PermissionError:
        raise FieldErrors({"fil": f"Kan ikke skrive {target.name}: filen er åpen i et annet program, eller du har "
                                  "ikke lov til å skrive i mappen. Lukk filen eller velg en annen mappe."}) from None
    except OSError:
        raise FieldErrors({"fil": f"Kan ikke skrive {target}. Sjekk at mappen finnes og at det er plass på disken."}) \
            from None


def write_bytes(target: Path, data: bytes) -> Path:
    """Write a finished document atomically where the adviser chose; refusals as Norwegian messages."""
    from introdesk.reports.pdf import write_atomically  # ReportLab loads only when a document is written

    with writing(target):
        return write_atomically(target, lambda part: part.write_bytes(data))
