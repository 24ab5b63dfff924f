"""Certificates through the services: issued only for an ended programme, kept with the case exactly
as handed out, audited, re-issued as new copies, drafts for a running programme, and batches."""

import datetime
import hashlib
import io

import pytest
from pypdf import PdfReader

from introdesk.domain.form import FieldErrors
from introdesk.services import deltakerbevis, deltakere, program
from introdesk.store import audit

D = datetime.date


def ids(session):
    return {r.fornavn: r.id for r in deltakere.list_deltakere(session)}


def text(path_or_bytes) -> str:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_only_an_ended_programme_gets_a_certificate_and_a_running_one_a_draft(demo_session, tmp_path):
    people = ids(demo_session)
    assert "avsluttet" in deltakerbevis.refusal(demo_session, people["Olena"])
    assert "ikke startet" in deltakerbevis.refusal(demo_session, people["Amal"])
    with pytest.raises(FieldErrors) as caught:
        deltakerbevis.issue(demo_session, people["Olena"], tmp_path / "olena.pdf")
    assert "utkast" in caught.value.errors["deltakerbevis"] and not (tmp_path / "olena.pdf").exists()
    deltakerbevis.draft(demo_session, people["Olena"], tmp_path / "utkast.pdf")
    assert "UTKAST" in text(tmp_path / "utkast.pdf") and deltakerbevis.issued(demo_session, people["Olena"]) == []


def test_an_issued_certificate_is_kept_as_handed_out_and_audited(demo_session, tmp_path):
    aung = ids(demo_session)["Aung"]
    first = deltakerbevis.issue(demo_session, aung, tmp_path / "aung.pdf")
    stored = deltakerbevis.issued(demo_session, aung)
    handed_out = (tmp_path / "aung.pdf").read_bytes()
    assert [c.id for c in stored] == [first] and stored[0].sha256 == hashlib.sha256(handed_out).hexdigest()
    assert "Ko Ko" in text(handed_out) and "UTKAST" not in text(handed_out)
    deltakerbevis.write_copy(demo_session, first, tmp_path / "kopi.pdf")
    assert (tmp_path / "kopi.pdf").read_bytes() == handed_out
    second = deltakerbevis.issue(demo_session, aung, malform="nynorsk")
    assert [c.id for c in deltakerbevis.issued(demo_session, aung)] == [second, first]
    assert [c.malform for c in deltakerbevis.issued(demo_session, aung)] == ["nynorsk", "bokmal"]
    assert [e.action for e in audit.history(demo_session.db, "deltakerbevis", first)] == ["utstedt"]
    with pytest.raises(Exception, match="kan ikke endres"):
        demo_session.db.execute("UPDATE deltakerbevis SET malform = 'nynorsk' WHERE id = ?", [first])


def test_a_batch_issues_for_everyone_who_ended_in_the_period(demo_session, tmp_path):
    ended = [f.ended for f in program.statuses(demo_session).values() if f.ended]
    first, last = min(ended), max(ended)
    people = deltakerbevis.ended_between(demo_session, first, last)
    assert len(people) == len(ended) >= 2
    seen = []
    batch = deltakerbevis.issue_batch(demo_session, first, last, tmp_path,
                                      progress=lambda done, total, name: seen.append((done, total)))
    assert len(batch.files) == len(people) and batch.combined and not batch.cancelled
    pages = sum(len(PdfReader(f).pages) for f in batch.files)
    assert len(PdfReader(batch.combined).pages) == pages and seen[-1] == (len(people), len(people))
    again = tmp_path / "igjen"
    again.mkdir()
    stopped = deltakerbevis.issue_batch(demo_session, first, last, again, progress=lambda done, total, name: done < 1)
    assert stopped.cancelled and len(stopped.files) == 1
    with pytest.raises(FieldErrors):
        deltakerbevis.issue_batch(demo_session, first, last, tmp_path / "finnes-ikke")


def test_a_certificate_that_cannot_be_written_is_not_issued(demo_session, tmp_path):
    aung = ids(demo_session)["Aung"]
    with pytest.raises(FieldErrors) as caught:
        deltakerbevis.issue(demo_session, aung, tmp_path / "finnes-ikke" / "aung.pdf")
    assert "mappen" in caught.value.errors["fil"] and deltakerbevis.issued(demo_session, aung) == []
