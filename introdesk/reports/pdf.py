"""What every printed document shares: the bundled font, styles, the page frame with letterhead and
«Side 1 av 2», the wording in resources/tekster, tables, signature lines and a write that never leaves
half a PDF behind.

Documents are A4 in DejaVu Sans, which covers the Latin Extended letters of participants' names
(Ş, ř, ễ) that ReportLab's built-in Helvetica cannot print. All wording lives in
resources/tekster/<name>.toml with a [bokmal] and a [nynorsk] table; the code only arranges it.
"""

from __future__ import annotations

import datetime
import functools
import io
import math
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from PIL import Image, ImageOps
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

from introdesk.domain.dates import format_date
from introdesk.domain.form import format_hours
from introdesk.domain.innstillinger import Innstillinger
from introdesk.domain import plan as plan_rules
from introdesk.domain.rules import RuleBook
from introdesk.resources import resources_dir

FONT = "DejaVuSans"
_FACES = {"normal": FONT, "bold": f"{FONT}-Bold", "italic": f"{FONT}-Oblique", "boldItalic": f"{FONT}-BoldOblique"}

# Written standard → the PDF's language tag, which screen readers use to pick a voice.
LANGUAGES = {"bokmal": "nb-NO", "nynorsk": "nn-NO"}

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FIRST_TOP = 40 * mm  # room for the letterhead
LATER_TOP = 24 * mm
BOTTOM = 22 * mm

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5b6673")
ACCENT = colors.HexColor("#23466b")
RULE = colors.HexColor("#c5cbd3")
SHADE = colors.HexColor("#eef1f5")
WATERMARK = colors.HexColor("#e3e6eb")  # light enough to read every word printed over it
EMPTY = "–"  # printed where a field is blank, so a reader sees it was left empty on purpose


# ----- font and styles

@functools.cache
def register_fonts() -> str:
    """Register the bundled DejaVu Sans family once, so <b> and <i> in Paragraphs find their faces."""
    folder = resources_dir() / "fonter"
    for face in _FACES.values():
        pdfmetrics.registerFont(TTFont(face, str(folder / f"{face}.ttf")))
    registerFontFamily(FONT, **_FACES)
    return FONT


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    label: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle
    box: ParagraphStyle
    box_first: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_centered: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_centered: ParagraphStyle
    cell_right: ParagraphStyle  # amounts, so their digits line up
    cell_head_right: ParagraphStyle
    cell_total: ParagraphStyle
    cell_total_right: ParagraphStyle
    letter_title: ParagraphStyle  # a letter's subject line: smaller than a document's title


@functools.cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=_FACES["normal"], fontSize=10, leading=14, textColor=INK, spaceAfter=4)
    cell = ParagraphStyle("cell", body, fontSize=8, leading=10, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", body, fontName=_FACES["bold"], fontSize=20, leading=24, textColor=ACCENT,
                             spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", body, textColor=MUTED, spaceAfter=10),
        heading=ParagraphStyle("heading", body, fontName=_FACES["bold"], fontSize=12, leading=15, textColor=ACCENT,
                               spaceBefore=12, spaceAfter=5, keepWithNext=1),
        label=ParagraphStyle("label", body, fontName=_FACES["bold"], fontSize=9, leading=12, spaceBefore=6,
                             spaceAfter=1, keepWithNext=1),
        body=body,
        item=ParagraphStyle("item", body, leftIndent=14, bulletIndent=2, bulletFontName=_FACES["normal"],
                            spaceAfter=2),
        box=ParagraphStyle("box", body, fontSize=9, leading=12, spaceAfter=0),
        box_first=ParagraphStyle("box_first", body, fontName=_FACES["bold"], fontSize=9, leading=12, spaceAfter=0),
        small=ParagraphStyle("small", body, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0),
        cell=cell,
        cell_centered=ParagraphStyle("cell_centered", cell, alignment=TA_CENTER),
        cell_head=ParagraphStyle("cell_head", cell, fontName=_FACES["bold"]),
        cell_head_centered=ParagraphStyle("cell_head_centered", cell, fontName=_FACES["bold"], alignment=TA_CENTER),
        cell_right=ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        cell_head_right=ParagraphStyle("cell_head_right", cell, fontName=_FACES["bold"], alignment=TA_RIGHT),
        cell_total=ParagraphStyle("cell_total", cell, fontName=_FACES["bold"], fontSize=9, leading=11),
        cell_total_right=ParagraphStyle("cell_total_right", cell, fontName=_FACES["bold"], fontSize=9, leading=11,
                                        alignment=TA_RIGHT),
        letter_title=ParagraphStyle("letter_title", body, fontName=_FACES["bold"], fontSize=13, leading=17,
                                    spaceAfter=8),
    )


# ----- texts and values

class Markup(str):
    """Text that is already Paragraph markup (built by the code from escaped parts)."""


class Texts:
    """One document's wording in one written standard, with the shared felles.toml behind it."""

    def __init__(self, name: str, malform: str):
        if malform not in LANGUAGES:
            raise ValueError(f"Ukjent målform «{malform}»: bruk bokmal eller nynorsk.")
        self.name, self.malform = name, malform
        self._files = tuple(dict.fromkeys((name, "felles")))

    @property
    def language(self) -> str:
        return LANGUAGES[self.malform]

    def __getitem__(self, key: str) -> str | list[str]:
        for file in self._files:
            table = _text_table(resources_dir() / "tekster" / f"{file}.toml", self.malform)
            if key in table:
                return table[key]
        files = " eller ".join(f"tekster/{file}.toml" for file in self._files)
        raise KeyError(f"«{key}» mangler under [{self.malform}] i {files}")

    def __call__(self, key: str, **values: object) -> str:
        """The text with its {placeholders} filled in."""
        return str(self[key]).format(**values)


@functools.cache
def _text_table(path: Path, malform: str) -> dict[str, str | list[str]]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    if malform not in data:
        raise KeyError(f"[{malform}] mangler i tekster/{path.name}")
    return data[malform]


def reworded(texts: Texts, key: str, text: str) -> str:
    """A text the domain wrote in bokmål, in the document's written standard.

    `key` names a list of [bokmål, wording] pairs; the bokmål side is a pattern whose {names} stand for
    any text (numbers, months, amounts) carried over into the wording. The first pair that matches the
    whole text wins. A text no pair matches is printed as written: a new phrase in the domain then shows
    in bokmål until the list learns it, rather than failing the document."""
    for pattern, wording in texts[key]:
        found = _pattern(pattern).fullmatch(text)
        if found:
            return wording.format(**found.groupdict())
    return text


@functools.cache
def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)  # text, name, text, name, ..., text
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)),
                      re.DOTALL)


def code_label(rules: RuleBook, list_name: str, code: str | None, malform: str) -> str:
    """A code's text in the document's written standard: a code list may give `nynorsk = "..."` beside
    `tekst`; without it the bokmål text is used."""
    found = rules.codes(list_name).get(code)
    if found is None:
        return code or ""
    return (malform == "nynorsk" and found.attributes.get("nynorsk")) or found.label


def period_text(texts: Texts, start: datetime.date | None, end: datetime.date | None) -> str:
    if start is None:
        return str(texts["ikke_startet"])
    if end is None:
        return texts("periode_fra", fra=format_date(start))
    return texts("periode", fra=format_date(start), til=format_date(end))


def period_cell(start: datetime.date, end: datetime.date) -> Markup:
    """A period over two lines for a narrow table column, broken after the dash."""
    return Markup(f"{format_date(start)}–<br/>{format_date(end)}")


def hours_text(texts: Texts, hours: Decimal) -> str:
    return texts("timer_per_uke", timer=format_hours(hours))


def weekdays_text(texts: Texts, days: Sequence[int]) -> str:
    """Short weekday names in the document's written standard: «man–fre», «tor, fre»."""
    return plan_rules.weekdays_text(days, texts["ukedager"])


def day_count_text(texts: Texts, days: Sequence[int]) -> str:
    return texts("en_dag") if len(days) == 1 else texts("flere_dager", antall=len(days))


# ----- flowables

def escape(text: str | None) -> str:
    """User text as Paragraph markup: printed as typed, line breaks kept."""
    text = (text or "").replace("\r\n", "\n").replace("\t", " ")
    text = "".join(c for c in text if c == "\n" or c >= " ")  # control characters break the markup parser
    return xml_escape(text).replace("\n", "<br/>")


def tie(text: str) -> str:
    """Non-breaking spaces where Norwegian typography keeps words on one line: «§ 21», «§§ 18 og 19»,
    «kr 1 234,00», «50 %», «1/12 G», «mars 2026»."""
    return _TIES.sub("\u00a0", text)


_TIES = re.compile(r"(?<=§) (?=\d)|(?<=\bkr) (?=[\d−])|(?<=\d) (?=%|G\b)|(?<=[a-zæøå]) (?=\d{4}\b)")


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def title_block(title: str, subtitle: str) -> list[Flowable]:
    s = styles()
    return [para(title, s.title), para(subtitle, s.subtitle)]


def heading(text: str) -> Paragraph:
    return para(text, styles().heading)


def labelled_text(label: str, text: str) -> list[Flowable]:
    """A label over free text that may run long: it flows across pages, which a table cell cannot."""
    s = styles()
    return [para(label, s.label), para(text.strip() or EMPTY, s.body)]


def _table(data: list, widths: Sequence[float], commands: list, **options) -> Table:
    # The font is set for plain-string cells too, or ReportLab names an unembedded Helvetica for them.
    table = Table(data, colWidths=list(widths), hAlign="LEFT", **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands]))
    return table


def facts_table(rows: Sequence[tuple[str, str]]) -> Table:
    """Short facts as label and value, one a line."""
    s = styles()
    data = [[para(label, s.cell_head), para(value or EMPTY, s.body)] for label, value in rows]
    return _table(data, [45 * mm, CONTENT_WIDTH - 45 * mm], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (0, -1), 4.5),  # the small label's baseline level with the value's
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ])


def data_table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
               centered: Sequence[int] = (), right: Sequence[int] = (),
               total: Sequence[str] | None = None) -> Table:
    """A table of plain-text cells whose header row is repeated on every page it runs onto.

    Columns in `centered` are centred, those in `right` (amounts) right-aligned; `total` is a last row
    in bold under a rule. A cell may hold markup only if it is passed through `Markup`; everything else
    is escaped."""
    s = styles()

    def cell(value: str, column: int, plain: ParagraphStyle, middle: ParagraphStyle,
             flush: ParagraphStyle) -> Paragraph:
        style = middle if column in centered else flush if column in right else plain
        return Paragraph(value if isinstance(value, Markup) else escape(value), style)

    data = [[cell(h, i, s.cell_head, s.cell_head_centered, s.cell_head_right) for i, h in enumerate(header)]]
    data += [[cell(value, i, s.cell, s.cell_centered, s.cell_right) for i, value in enumerate(row)] for row in rows]
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if total is not None:
        data.append([cell(value, i, s.cell_total, s.cell_total, s.cell_total_right) for i, value in enumerate(total)])
        commands += [("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT), ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
                     ("TOPPADDING", (0, -1), (-1, -1), 4)]
    return _table(data, list(widths), commands, repeatRows=1)


def bullets(items: Sequence[str], numbered: bool = False) -> list[Paragraph]:
    """A list as one paragraph per item, so a heading's keepWithNext holds it to the first item and a
    page may break between items (ReportLab's ListFlowable allows neither)."""
    s = styles()
    return [Paragraph(escape(item), s.item, bulletText=f"{i}." if numbered else "•")
            for i, item in enumerate(items, 1)]


def boxes(columns: Sequence[tuple[str, Sequence[str]]]) -> Table:
    """Side-by-side boxes, each a heading over lines of text, the first line in bold: the parties to an
    agreement."""
    s = styles()
    cells = [[para(heading, s.cell_head), Spacer(1, 3)]
             + [para(line, s.box_first if i == 0 else s.box) for i, line in enumerate(filter(None, lines))]
             for heading, lines in columns]
    return _table([cells], [CONTENT_WIDTH / len(columns)] * len(columns), [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ])


@dataclass(frozen=True)
class Signer:
    party: str  # «Deltaker», «For kommunen»
    name: str = ""
    role: str = ""


def municipality_signer(municipality: Innstillinger, texts: Texts) -> Signer:
    """The adviser signs for the municipality, with title and service under the name."""
    m = municipality
    return Signer(texts["part_kommunen"], m.radgiver_navn,
                  ", ".join(filter(None, (m.radgiver_tittel, m.tjeneste_navn))))


def signature_section(title: str, intro: str, signers: Sequence[Signer], place: str,
                      texts: Texts) -> KeepTogether:
    """The heading, a sentence, and side by side for each signer: a place-and-date line with the place
    filled in, then a signature line with name and role under it. Kept on one page."""
    s = styles()
    gap = 10 * mm
    width = (CONTENT_WIDTH - gap * (len(signers) - 1)) / len(signers)
    rows: list[list[Paragraph | str]] = [[], [], [], [], [], []]
    widths: list[float] = []
    for i, signer in enumerate(signers):
        if i:
            for row in rows:
                row.append("")
            widths.append(gap)
        widths.append(width)
        place_line = f"{place}, " if place else ""
        for row, cell in zip(rows, (para(signer.party, s.cell_head), para(place_line, s.body),
                                    para(texts["sted_og_dato"], s.small), "",
                                    para(signer.name, s.body), para(signer.role, s.small))):
            row.append(cell)
    lined = [(col, row) for col in range(0, len(widths), 2) for row in (1, 3)]
    table = _table(rows, widths, [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        *[("LINEBELOW", (col, row), (col, row), 0.7, INK) for col, row in lined],
    ], rowHeights=[None, 26, None, 34, None, None])
    return KeepTogether([para(title, s.heading), para(intro, s.body), Spacer(1, 6), table])


def letter_heading(recipient: Sequence[str], details: Sequence[tuple[str, str]], marking: str = "") -> Table:
    """The top of a letter: the addressee's name and address on the left, where a window envelope shows
    them; on the right a marking such as «Unntatt offentlighet» over the letter's date, case worker and
    the like."""
    s = styles()
    left = [para(line, s.box_first if i == 0 else s.box) for i, line in enumerate(filter(None, recipient))]
    right = ([para(marking, s.small), Spacer(1, 4)] if marking else []) + [
        Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", s.box) for label, value in details if value]
    return _table([[left, right]], [CONTENT_WIDTH - 70 * mm, 70 * mm], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 7 * mm),
    ])


def letter_closing(greeting: str, signer: Signer, last: Sequence[Flowable] = ()) -> KeepTogether:
    """«Med vennlig hilsen», room for the signature, and the name with role under it, kept together with
    the letter's `last` paragraph so a signature never stands alone at the top of a page."""
    s = styles()
    return KeepTogether([*last, Spacer(1, 4), para(greeting, s.body), Spacer(1, 11 * mm), para(signer.name, s.body),
                         para(signer.role, s.small)])


# ----- the page and the file

LOGO_TOP = 9 * mm  # from the page's top edge
LOGO_MAX_HEIGHT = 24 * mm
LOGO_MAX_WIDTH = 60 * mm
_LOGO_DPI = 300  # a larger picture is scaled down to this at its printed size, so the file stays small


@dataclass(frozen=True)
class Logo:
    """The municipality's logo, ready to draw at `width` × `height` points."""

    image: ImageReader
    width: float
    height: float


def load_logo(path: Path | None) -> Logo | None:
    """A PNG or JPEG scaled to fit the letterhead (at most LOGO_MAX_HEIGHT high and LOGO_MAX_WIDTH wide,
    its shape kept). None for no path, a missing file or one that cannot be read as a picture: a broken logo
    leaves the letterhead plain rather than stopping the document."""
    if path is None:
        return None
    try:
        with Image.open(path) as opened:
            picture = ImageOps.exif_transpose(opened)  # a photographed logo the right way up; also loads it
            picture.load()
    except Exception:  # missing, unreadable, truncated, not a picture: Pillow raises many kinds
        return None
    width, height = picture.size
    if not width or not height:
        return None
    if picture.mode not in ("RGB", "RGBA", "L"):  # palette, grey with alpha, CMYK: what ReportLab draws
        transparent = picture.mode in ("LA", "PA", "RGBa") or "transparency" in picture.info
        picture = picture.convert("RGBA" if transparent else "RGB")
    scale = min(LOGO_MAX_HEIGHT / height, LOGO_MAX_WIDTH / width)
    pixels = (max(1, round(width * scale / 72 * _LOGO_DPI)), max(1, round(height * scale / 72 * _LOGO_DPI)))
    if width > pixels[0]:
        picture = picture.resize(pixels, Image.Resampling.LANCZOS)
    return Logo(ImageReader(picture), width * scale, height * scale)


class _Page:
    """Draws the letterhead on page 1, a running header on the others, and the footer on all; a watermark
    such as «UTKAST» behind the text of every page when one is given."""

    def __init__(self, municipality: Innstillinger, texts: Texts, footer_label: str, logo: Logo | None = None,
                 watermark: str = ""):
        self.m, self.texts, self.footer_label = municipality, texts, footer_label
        self.logo, self.watermark = logo, watermark

    @property
    def rule_top(self) -> float:
        """How far below the page's top edge the letterhead's rule lies: lower under a tall logo."""
        return max(30 * mm, LOGO_TOP + self.logo.height + 3 * mm) if self.logo else 30 * mm

    def first(self, c: canvas.Canvas, _doc: BaseDocTemplate) -> None:
        self._watermark(c)
        top, left = PAGE_HEIGHT - 17 * mm, MARGIN
        c.saveState()
        if self.logo:
            logo = self.logo
            c.drawImage(logo.image, MARGIN, PAGE_HEIGHT - LOGO_TOP - logo.height, logo.width, logo.height,
                        mask="auto")
            left = MARGIN + logo.width + 5 * mm
            top = PAGE_HEIGHT - LOGO_TOP - logo.height / 2 + 1  # name and service centred beside the logo
        c.setFillColor(ACCENT)
        c.setFont(_FACES["bold"], 14)
        c.drawString(left, top, self.m.kommune_navn)
        c.setFillColor(INK)
        c.setFont(_FACES["normal"], 10)
        c.drawString(left, top - 15, self.m.tjeneste_navn)
        c.setFillColor(MUTED)
        c.setFont(_FACES["normal"], 8.5)
        for i, line in enumerate(self._contact_lines()):
            c.drawRightString(PAGE_WIDTH - MARGIN, top + 2 - i * 11, line)
        self._rule(c, PAGE_HEIGHT - self.rule_top)
        c.restoreState()

    def later(self, c: canvas.Canvas, _doc: BaseDocTemplate) -> None:
        self._watermark(c)
        c.saveState()
        c.setFillColor(MUTED)
        c.setFont(_FACES["normal"], 8)
        c.drawString(MARGIN, PAGE_HEIGHT - 13 * mm, " · ".join(filter(None, (self.m.kommune_navn,
                                                                          self.m.tjeneste_navn))))
        self._rule(c, PAGE_HEIGHT - 15.5 * mm)
        c.restoreState()

    def footer(self, c: canvas.Canvas, page: int, pages: int) -> None:
        c.saveState()
        self._rule(c, 15 * mm)
        c.setFillColor(MUTED)
        c.setFont(_FACES["normal"], 8)
        c.drawString(MARGIN, 10.5 * mm, self.footer_label)
        c.drawRightString(PAGE_WIDTH - MARGIN, 10.5 * mm, self.texts("side", side=page, sider=pages))
        c.restoreState()

    def _watermark(self, c: canvas.Canvas) -> None:
        """Large and diagonal, drawn before the page's text so that the text lies over it."""
        if not self.watermark:
            return
        c.saveState()
        c.setFillColor(WATERMARK)
        c.setFont(_FACES["bold"], 130)
        c.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        c.rotate(math.degrees(math.atan2(PAGE_HEIGHT, PAGE_WIDTH)))
        c.drawCentredString(0, -130 * 0.36, self.watermark)  # centred on the cap height, not the baseline
        c.restoreState()

    def _contact_lines(self) -> list[str]:
        lines = [line.strip() for line in self.m.adresse.splitlines() if line.strip()]
        if self.m.telefon:
            lines.append(self.texts("telefon", telefon=self.m.telefon))
        return lines

    @staticmethod
    def _rule(c: canvas.Canvas, y: float) -> None:
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)


class _NumberedCanvas(canvas.Canvas):
    """Holds every page back until the end, so each footer can say how many pages there are."""

    def __init__(self, *args, footer: Callable[[canvas.Canvas, int, int], None], **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self._footer(self, number, len(self._pages))
            super().showPage()
        super().save()


def build_pdf(target: Path, story: list[Flowable], *, municipality: Innstillinger, texts: Texts, title: str,
              subject: str, footer_label: str, logo: Logo | None = None, watermark: str = "") -> Path:
    """Lay out the story on letterhead pages and write it to target atomically; returns target."""
    page = _Page(municipality, texts, footer_label, logo, watermark)
    return write_atomically(target, lambda path: _build(str(path), story, page, title, subject))


def build_pdf_bytes(story: list[Flowable], *, municipality: Innstillinger, texts: Texts, title: str, subject: str,
                    footer_label: str, logo: Logo | None = None, watermark: str = "") -> bytes:
    """The same document in memory, for a caller that keeps it elsewhere (an issued certificate is stored
    in the encrypted database): no personal data passes through a file on the way."""
    buffer = io.BytesIO()
    _build(buffer, story, _Page(municipality, texts, footer_label, logo, watermark), title, subject)
    return buffer.getvalue()


def _build(out: str | io.BytesIO, story: list[Flowable], page: _Page, title: str, subject: str) -> None:
    register_fonts()
    frame_height = PAGE_HEIGHT - BOTTOM
    first_top = FIRST_TOP + page.rule_top - 30 * mm  # the letterhead's rule is 10 mm above the text
    first = Frame(MARGIN, BOTTOM, CONTENT_WIDTH, frame_height - first_top, id="first", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN, BOTTOM, CONTENT_WIDTH, frame_height - LATER_TOP, id="later", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    municipality = page.m
    doc = BaseDocTemplate(
        out, pagesize=A4, title=title, subject=subject, creator="IntroDesk",
        author=", ".join(filter(None, (municipality.tjeneste_navn, municipality.kommune_navn))),
        lang=page.texts.language, initialFontName=FONT,  # each page starts in it: no stray unembedded Helvetica
        pageTemplates=[PageTemplate("first", [first], onPage=page.first, autoNextPageTemplate="later"),
                       PageTemplate("later", [later], onPage=page.later)])
    doc.build(story, canvasmaker=functools.partial(_NumberedCanvas, footer=page.footer))


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Write beside the target and move into place, so a crash never leaves half a file under its name."""
    target = Path(target)
    part = target.with_name(target.name + ".part")
    try:
        write(part)
        part.replace(target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return target
