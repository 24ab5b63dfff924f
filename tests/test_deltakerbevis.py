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
    rerun = deltakerbevis.issue_batch(demo_session, first, last, again)
    assert rerun.files == [] and sorted(rerun.skipped) == sorted(p.navn for p in people)  # not issued twice
    stopped = deltakerbevis.issue_batch(demo_session, first, last, again, progress=lambda done, total, name: done < 1,
                                        include_issued=True)
    assert stopped.cancelled and len(stopped.files) == 1
    with pytest.raises(FieldErrors):
        deltakerbevis.issue_batch(demo_session, first, last, tmp_path / "finnes-ikke")


def test_a_certificate_that_cannot_be_written_is_not_issued(demo_session, tmp_path):
    aung = ids(demo_session)["Aung"]
    with pytest.raises(FieldErrors) as caught:
        deltakerbevis.issue(demo_session, aung, tmp_path / "finnes-ikke" / "aung.pdf")
    assert "mappen" in caught.value.errors["fil"] and deltakerbevis.issued(demo_session, aung) == []


# ----- what the certificate shows, from the records (domain)

def _gather(rules, elements, placements=(), end=None, exit_type="permanent_stans"):
    from introdesk.domain import forlop
    from introdesk.domain.deltakerbevis import gather
    from introdesk.domain.deltaker import Deltaker
    from introdesk.domain.hendelser import Hendelse
    from introdesk.domain.plan import Plan

    events = [Hendelse(1, 1, "start", D(2026, 1, 5)),
              Hendelse(2, 1, "sluttmal", D(2026, 1, 5), sluttmalgruppe="andre", sluttmal="Arbeid")]
    if end:
        events.append(Hendelse(3, 1, "avslutning", end, utgang=exit_type, sluttarsak="helse" if exit_type ==
                               "permanent_stans" else "arbeid_30", vedtaksdato=end))
    f = forlop.summarize(events, "integreringsloven", rules, D(2026, 11, 1))
    person = Deltaker("Amal", "Haddad", "17059012436", "fnr", D(1990, 5, 17), "K", "integreringsloven")
    return gather(person, f, Plan(1, 1, D(2026, 1, 5), elementer=tuple(elements)), list(placements), rules,
                  D(2026, 11, 1))


def _element(kind, fra, til, hours, status="planlagt", **kw):
    from decimal import Decimal

    from introdesk.domain.plan import Element

    return Element(kind, kind, fra, til, Decimal(hours), (0, 1, 2, 3, 4), status=status, **kw)


def test_an_early_end_cuts_every_measure_at_the_end(rules):
    from decimal import Decimal

    from introdesk.domain.praksis import Praksis

    norwegian = _element("norsk", D(2026, 1, 5), D(2027, 12, 31), 15, status="pagar", beskrivelse="Spor 2")
    placement = Praksis(1, 7, "sprakpraksis", D(2026, 3, 2), D(2026, 8, 28), Decimal(15), (3, 4), 14)
    c = _gather(rules, [norwegian], [(placement, "Kiwi")], end=D(2026, 4, 30))
    by_type = {m.type: m for m in c.measures}
    assert (by_type["norsk"].til, by_type["norsk"].status, by_type["norsk"].note) == (D(2026, 4, 30), "avbrutt",
                                                                                    "Spor 2")
    assert by_type["norsk"].hours_planned == 252  # 16 weeks at 15 hours and Monday to Thursday at 3
    assert (by_type["sprakpraksis"].til, by_type["sprakpraksis"].status) == (D(2026, 4, 30), "avbrutt")
    assert c.ended_early and by_type["sprakpraksis"].placement


def test_elements_count_by_their_dates_and_placements_are_not_doubled(rules):
    from decimal import Decimal

    from introdesk.domain.praksis import Praksis

    past = _element("samfunnskunnskap", D(2026, 1, 5), D(2026, 3, 27), 5)  # status never moved from «planlagt»
    future = _element("grunnskole", D(2026, 12, 1), D(2027, 5, 1), 5)
    holiday = _element("ferie", D(2026, 7, 6), D(2026, 7, 31), 37.5)
    practice = _element("sprakpraksis", D(2026, 3, 2), D(2026, 6, 26), 15)
    c = _gather(rules, [past, future, holiday, practice], end=D(2026, 10, 30), exit_type="avsluttet")
    assert [m.type for m in c.measures] == ["samfunnskunnskap", "sprakpraksis"]
    assert c.measures[0].status == "fullfort" and c.measures[1].placement
    registered = Praksis(1, 7, "sprakpraksis", D(2026, 3, 2), D(2026, 6, 26), Decimal(15), (3, 4), 14, utfall="fullfort")
    c = _gather(rules, [past, practice], [(registered, "Kiwi")], end=D(2026, 10, 30), exit_type="avsluttet")
    assert [(m.type, m.provider) for m in c.measures] == [("samfunnskunnskap", ""), ("sprakpraksis", "Kiwi")]
