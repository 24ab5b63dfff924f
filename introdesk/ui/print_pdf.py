"""Printing a finished PDF through Qt's print dialog: each page drawn as an image with pypdfium2, since
QtPdf is not part of PySide6-Essentials. Any document the program stores can be printed this way."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

# Printers report 600 or 1200 dpi; a page drawn at that would take hundreds of megabytes. 300 dpi is
# what text and signatures need on paper.
MAX_DPI = 300
_FORMATS = {"BGRX": QImage.Format.Format_RGB32, "BGRA": QImage.Format.Format_ARGB32}


def print_pdf(parent: QWidget | None, pdf_bytes: bytes, title: str) -> bool:
    """Ask which printer (the paper size set to the document's), then print every page at its true size
    (shrunk to fit on smaller paper). Returns False when the person cancelled."""
    import pypdfium2  # loaded when something is printed, not at start-up

    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setFullPage(True)  # the document has its own margins: don't add the printer's
        if len(document):
            width, height = document[0].get_size()
            printer.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point))
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        _draw(printer, document)
        return True
    finally:
        document.close()


def _draw(printer: QPrinter, document) -> None:
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter(printer)
    try:
        for number in range(len(document)):
            if number:
                printer.newPage()
            image = _page_image(document[number], dpi)
            painter.drawImage(_fitted(image, printer.paperRect(QPrinter.Unit.DevicePixel)), image)
    finally:
        painter.end()


def _page_image(page, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, prefer_bgrx=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, _FORMATS[bitmap.mode])
    return image.copy()  # own the pixels: pdfium frees its buffer with the bitmap


def _fitted(image: QImage, paper: QRectF) -> QRectF:
    """The image scaled to the paper keeping its proportions, at the top and centred across."""
    size = QSizeF(image.size()).scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRectF(paper.x() + (paper.width() - size.width()) / 2, paper.y(), size.width(), size.height())
