"""Certificates of participation: issue one (kept with the case, audited), print a draft for a running
programme, write out earlier copies, and issue for everyone who ended in a period."""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from introdesk.domain import deltakerbevis as certificate
from introdesk.domain.deltakerbevis import Bevisinnhold
from introdesk.domain.form import FieldErrors
from introdesk.services import plan, praksis, program, settings
from introdesk.services.files import write_bytes
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import deltakerbevis as repo
from introdesk.store.deltakerbevis import Utstedt


def content(session: Session, deltaker_id: int, on: datetime.date | None = None) -> Bevisinnhold:
    on = on or datetime.date.today()
    placements = [(r.praksis, r.arbeidsgiver) for r in praksis.placements(session, deltaker_id, today=on)]
    return certificate.gather(deltaker_repo.get(session.db, deltaker_id).deltaker, program.forlop(session, deltaker_id, on),
                        plan.current(session, deltaker_id), placements, session.rules, on)


def refusal(session: Session, deltaker_id: int) -> str:
    """Why a certificate cannot be issued now, or "" when it can (a draft can always be printed)."""
    return certificate.refusal(program.forlop(session, deltaker_id))


def _render(session: Session, deltaker_id: int, malform: str | None, draft: bool, on: datetime.date) -> tuple[bytes, str]:
    # ReportLab loads when the first document is written, not at start-up.
    from introdesk.reports.deltakerbevis_pdf import render_deltakerbevis

    municipality = settings.load(session)
    malform = malform or municipality.malform
    logo = Path(municipality.logo) if municipality.logo and Path(municipality.logo).is_file() else None
    pdf = render_deltakerbevis(content(session, deltaker_id, on), municipality, session.rules, malform, issued=on,
                               draft=draft, full_ident=municipality.bevis_ident == "fullt", logo=logo)
    return pdf, malform


def issue(session: Session, deltaker_id: int, target: Path | None = None, malform: str | None = None,
          on: datetime.date | None = None) -> int:
    """Issue the certificate: store the PDF with the case (and write it to `target` if given).

    Refused (FieldErrors at «deltakerbevis») for a programme that has not ended."""
    on = on or datetime.date.today()
    why = refusal(session, deltaker_id)
    if why:
        raise FieldErrors({"deltakerbevis": why})
    pdf, malform = _render(session, deltaker_id, malform, draft=False, on=on)
    with session.db.atomic():  # stored and written, or neither: a file that cannot be written issues nothing
        certificate_id = repo.add(session.db, session.actor, deltaker_id, on, malform,
                                  hashlib.sha256(pdf).hexdigest(), pdf)
        if target is not None:
            write_bytes(target, pdf)
        return certificate_id


def draft(session: Session, deltaker_id: int, target: Path, malform: str | None = None) -> Path:
    """A draft marked «UTKAST» for a programme still running (or to check before issuing); not stored."""
    pdf, _ = _render(session, deltaker_id, malform, draft=True, on=datetime.date.today())
    return write_bytes(target, pdf)


def issued(session: Session, deltaker_id: int) -> list[Utstedt]:
    """The certificates issued so far, newest first."""
    return repo.issued(session.db, deltaker_id)


def write_copy(session: Session, certificate_id: int, target: Path) -> Path:
    """An issued certificate exactly as it was handed out."""
    return write_bytes(target, repo.pdf(session.db, certificate_id))


def copy_bytes(session: Session, certificate_id: int) -> bytes:
    """The issued PDF itself, for printing without a file in between."""
    return repo.pdf(session.db, certificate_id)


@dataclass(frozen=True)
class Avsluttet:
    deltaker_id: int
    navn: str
    ended: datetime.date


def ended_between(session: Session, first: datetime.date, last: datetime.date) -> list[Avsluttet]:
    """The participants whose programme ended from `first` to `last` and who can get a certificate
    (an end recorded without a start is no programme to document), by end date."""
    names = {i: f"{last_name}, {first_name}" for i, (first_name, last_name, _) in deltaker_repo.names(session.db).items()}
    found = [Avsluttet(i, names[i], f.ended) for i, f in program.statuses(session).items()
             if f.ended and first <= f.ended <= last and not certificate.refusal(f)]
    return sorted(found, key=lambda a: (a.ended, a.navn))


@dataclass(frozen=True)
class Bunke:
    files: list[Path]  # one PDF per participant
    combined: Path | None  # all of them in one file, for printing
    cancelled: bool
    skipped: list[str] = field(default_factory=list)  # already had a certificate: not issued again


def issue_batch(session: Session, first: datetime.date, last: datetime.date, folder: Path,
                malform: str | None = None, progress: Callable[[int, int, str], bool] | None = None,
                include_issued: bool = False) -> Bunke:
    """Issue a certificate for everyone who ended in the period, one PDF each in `folder` and one combined
    file; those who already have one are skipped unless `include_issued`. `progress(done, total, name)` is
    told before each; it returns False to stop (those issued stay issued)."""
    from pypdf import PdfWriter

    if not folder.is_dir():
        raise FieldErrors({"mappe": f"Mappen {folder} finnes ikke."})
    candidates = ended_between(session, first, last)
    skipped = [] if include_issued else [p.navn for p in candidates if repo.issued(session.db, p.deltaker_id)]
    people = [p for p in candidates if p.navn not in skipped]
    files, combined = [], PdfWriter()
    for done, person in enumerate(people):
        if progress and progress(done, len(people), person.navn) is False:
            return Bunke(files, None, True, skipped)
        target = folder / _file_name(person)
        certificate_id = issue(session, person.deltaker_id, target, malform)
        files.append(target)
        combined.append(io.BytesIO(repo.pdf(session.db, certificate_id)))
    if progress:
        progress(len(people), len(people), "")
    if not files:
        return Bunke([], None, False, skipped)
    buffer = io.BytesIO()
    combined.write(buffer)
    name = f"Deltakerbevis {first:%Y-%m-%d} til {last:%Y-%m-%d} (alle).pdf"
    return Bunke(files, write_bytes(folder / name, buffer.getvalue()), False, skipped)


def _file_name(person: Avsluttet) -> str:
    safe = "".join(c for c in person.navn.replace(", ", " ") if c not in '<>:"/\\|?*')
    return f"Deltakerbevis {safe} {person.ended:%Y-%m-%d}.pdf"
