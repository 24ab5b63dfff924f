"""The main indicator on hand-counted cases, its breakdowns, small groups, trend, target and the status
one year after."""

import datetime

import pytest

from introdesk.domain.dates import format_date
from introdesk.domain.hendelser import Hendelse
from introdesk.domain.ident import synthetic_number
from introdesk.services import deltakere, program, resultater, settings
from introdesk.store import hendelser as hendelse_repo

D = datetime.date
TODAY = D(2026, 11, 24)


def participant(session, n: int, kjonn: str, born: datetime.date, end: dict | None, ended: datetime.date | None,
                vgs: bool | None = True) -> int:
    deltaker_id = deltakere.create_deltaker(session, {
        "fornavn": f"Deltaker{n}", "etternavn": "Test", "ident": synthetic_number(born, "fnr", n * 11),
        "fodselsdato": format_date(born), "kjonn": kjonn, "lovverk": "integreringsloven", "landbakgrunn": "SY",
        "oppholdsgrunnlag": "flyktning", "bosatt_dato": "01.01.2024", "vgs_fullfort": vgs}, confirm_similar=True)
    program.save_hendelse(session, deltaker_id, {"type": "start", "dato": "01.02.2024"})
    program.save_hendelse(session, deltaker_id, {"type": "sluttmal", "dato": "01.02.2024",
                                                 "sluttmalgruppe": "under_25_vgs", "sluttmal": "Arbeid"})
    if end is not None:
        program.save_hendelse(session, deltaker_id, {"type": "avslutning", "dato": format_date(ended), **end})
    return deltaker_id


@pytest.fixture
def register(session):
    """Six who ended in 2025, hand-counted: three in work or education."""
    work = {"utgang": "avsluttet", "sluttarsak": "arbeid_30"}
    participant(session, 1, "K", D(1995, 3, 1), work, D(2025, 3, 1))
    participant(session, 2, "K", D(1990, 3, 1), {"utgang": "permanent_stans", "sluttarsak": "arbeid_under_30",
                                                 "vedtaksdato": "01.04.2025"}, D(2025, 4, 1))  # stop for work counts
    participant(session, 3, "K", D(1988, 3, 1), {"utgang": "avsluttet", "sluttarsak": "grunnskole"}, D(2025, 5, 1))
    participant(session, 4, "K", D(1980, 3, 1), {"utgang": "avbrutt", "sluttarsak": "flyttet"}, D(2025, 6, 1))
    participant(session, 5, "M", D(1999, 3, 1), {"utgang": "avsluttet", "sluttarsak": "videregaende"}, D(2025, 7, 1),
                vgs=None)
    # Ended without an end reason (as an import from an old spreadsheet can leave it): still in the denominator.
    no_reason = participant(session, 6, "M", D(1985, 3, 1), None, None)
    with session.db.atomic():
        hendelse_repo.insert(session.db, session.actor, Hendelse(None, no_reason, "avslutning", D(2025, 8, 1)))
    participant(session, 7, "M", D(1985, 3, 1), work, D(2024, 9, 1))  # another year
    participant(session, 8, "M", D(1985, 3, 1), None, None)  # still running
    return session


def test_the_indicator_counts_every_ending_and_only_work_or_education(register):
    r = resultater.results(register, 2025, TODAY)
    assert (r.total.ended, r.total.in_work_or_education) == (6, 3)
    assert r.total.share == pytest.approx(0.5)
    assert r.total.share_text() == "50 %"


def test_groups_under_five_show_counts_and_no_share(register):
    r = resultater.results(register, 2025, TODAY)
    gender = {a.group: a for a in r.breakdowns["kjonn"]}
    assert (gender["Kvinne"].ended, gender["Kvinne"].in_work_or_education) == (4, 2)
    assert gender["Kvinne"].share is None and gender["Kvinne"].small
    assert gender["Kvinne"].share_text() == "for få til andel"
    education = {a.group: a.ended for a in r.breakdowns["utdanning"]}
    assert education == {"Fullført videregående": 5, "Ukjent": 1}
    assert [a.group for a in r.breakdowns["utdanning"]][-1] == "Ukjent"
    ages = [a.group for a in r.breakdowns["aldersgruppe"]]
    assert ages == sorted(ages, key=lambda g: int(g[:2]))  # in age order, not alphabetical


def test_the_trend_has_every_year_and_the_target_is_the_setting(register):
    r = resultater.results(register, 2025, TODAY)
    assert [(a.group, a.ended, a.in_work_or_education) for a in r.trend] == [("2024", 1, 1), ("2025", 6, 3)]
    assert r.years == [2025, 2024] and resultater.results(register, 2023, TODAY).years == [2025, 2024, 2023]
    assert r.target == 70
    settings.save(register, {**settings.as_dict(settings.load(register)), "resultatmal": "65"})
    assert resultater.results(register, 2025, TODAY).target == 65


def test_the_target_setting_must_be_a_whole_percent(register):
    from introdesk.domain.form import FieldErrors

    with pytest.raises(FieldErrors) as caught:
        settings.save(register, {**settings.as_dict(settings.load(register)), "resultatmal": "170"})
    assert "resultatmal" in caught.value.errors


def test_the_status_one_year_after_is_a_second_indicator(register):
    ended = [r for r in deltakere.list_deltakere(register) if r.fornavn in ("Deltaker1", "Deltaker3")]
    for row, status in zip(sorted(ended, key=lambda r: r.fornavn), ("arbeid", "ingen")):
        program.save_hendelse(register, row.id, {"type": "oppfolging", "dato": "16.11.2026", "grunn": status})
    r = resultater.results(register, 2025, TODAY)
    assert (r.followup.ended, r.followup.in_work_or_education, r.followup_of) == (2, 1, 6)
    assert r.followup.share is None  # two measured: too few for a share


def test_the_json_has_the_year_and_each_breakdown(register):
    data = resultater.results(register, 2025, TODAY).as_json()
    assert (data["ended"], data["in_work_or_education"], data["share"]) == (6, 3, 0.5)
    for field in ("kjonn", "aldersgruppe", "landbakgrunn", "utdanning", "lovverk", "programlengde"):
        assert all({"group", "ended", "in_work_or_education", "share"} <= set(g) for g in data["breakdowns"][field])
    assert sum(g["ended"] for g in data["breakdowns"]["kjonn"]) == 6


def test_the_excel_tables_open_with_a_sheet_each(register, tmp_path):
    from openpyxl import load_workbook

    target = resultater.export_tables(register, 2025, tmp_path / "resultater.xlsx", TODAY)
    book = load_workbook(target)
    assert book.sheetnames[:2] == ["Hovedtall", "Ett år etter"] and "Kjønn" in book.sheetnames
    rows = list(book["Hovedtall"].values)
    assert rows[1][:4] == ("2025", 6, 3, 0.5)
    women = [row for row in book["Kjønn"].values if row[0] == "Kvinne"][0]
    assert women[3] is None and "bare antall" in women[4]


def test_someone_who_never_started_or_ends_ahead_of_time_is_not_counted(register):
    never = deltakere.create_deltaker(register, {
        "fornavn": "Aldri", "etternavn": "Startet", "ident": synthetic_number(D(1990, 1, 1), "fnr", 901),
        "fodselsdato": "01.01.1990", "kjonn": "M", "lovverk": "integreringsloven", "landbakgrunn": "SY",
        "oppholdsgrunnlag": "flyktning", "bosatt_dato": "01.01.2024"}, confirm_similar=True)
    program.save_hendelse(register, never, {"type": "avslutning", "dato": "01.09.2025", "utgang": "avbrutt",
                                            "sluttarsak": "flyttet"})
    assert resultater.results(register, 2025, TODAY).total.ended == 6
    assert resultater.results(register, 2025, D(2025, 5, 15)).total.ended == 3  # the later ends have not happened
