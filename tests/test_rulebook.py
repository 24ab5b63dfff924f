import datetime
import shutil

import pytest

from introdesk.domain.rules import MissingRule
from introdesk.resources import resources_dir
from introdesk.services.rulebook import ResourceError, load_rulebook


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "resources"
    shutil.copytree(resources_dir(), target)
    return target


def test_shipped_rules_answer_by_regime_and_date(rules):
    assert rules.value("malgruppe.alder_maks", "integreringsloven", datetime.date(2026, 1, 1)) == 55
    entry = rules.lookup("malgruppe.alder_maks", "integreringsloven", datetime.date(2026, 1, 1))
    assert entry.verify and "§ 8" in entry.source
    with pytest.raises(MissingRule):
        rules.value("malgruppe.alder_maks", "integreringsloven", datetime.date(2020, 12, 31))


def test_countries_have_norwegian_names(rules):
    land = rules.codes("land")
    assert land.label("SY") == "Syria" and land.label("NO") == "Norge" and land.label("XS") == "Statsløs"


def test_syntax_error_names_file_and_line(copy):
    path = copy / "regler" / "malgruppe.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[verdi]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"malgruppe\.toml: .*line \d+"):
        load_rulebook(copy)


def test_missing_key_names_the_entry_line(copy):
    path = copy / "regler" / "malgruppe.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('verdi = 2\nkilde = "Introduksjonsloven', 'kilde = "Introduksjonsloven', 1), encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "botid_aar" in l) - 1
    with pytest.raises(ResourceError, match=rf"malgruppe\.toml, linje {line}: mangler verdi"):
        load_rulebook(copy)


def test_overlapping_periods_are_refused(copy):
    path = copy / "regler" / "ekstra.toml"
    path.write_text(
        '[[verdi]]\nnavn = "malgruppe.alder_min"\nlovverk = "introloven"\ngyldig_fra = 2004-09-01\n'
        'verdi = 20\nkilde = "test"\n',
        encoding="utf-8",
    )
    with pytest.raises(ResourceError, match="overlappende.*ekstra.toml, linje 1"):
        load_rulebook(copy)


def test_unknown_regime_is_refused(copy):
    path = copy / "regler" / "ekstra.toml"
    path.write_text('[[verdi]]\nnavn = "x"\nlovverk = "svensk"\ngyldig_fra = 2010-01-01\nverdi = 1\nkilde = "t"\n', encoding="utf-8")
    with pytest.raises(ResourceError, match=r"ekstra\.toml, linje 1: ukjent lovverk"):
        load_rulebook(copy)


def test_g_changes_on_the_first_of_may(rules):
    assert rules.value("grunnbelop", "integreringsloven", datetime.date(2026, 4, 30)) == 130160
    assert rules.value("grunnbelop", "integreringsloven", datetime.date(2026, 5, 1)) == 136549
    assert rules.value("grunnbelop", "introloven", datetime.date(2019, 5, 1)) == 99858


def test_a_new_value_closes_the_one_before(rules):
    from introdesk.domain.rules import DatedValue

    new_g = DatedValue("grunnbelop", "kap6a", datetime.date(2027, 5, 1), None, 140000, "Stortinget 2027")
    extended = rules.with_additions([new_g], {})
    assert extended.value("grunnbelop", "kap6a", datetime.date(2027, 4, 30)) == 136549
    assert extended.value("grunnbelop", "kap6a", datetime.date(2027, 5, 1)) == 140000
    assert rules.value("grunnbelop", "kap6a", datetime.date(2027, 5, 1)) == 136549  # the shipped book is unchanged


def test_an_end_reason_must_name_known_exit_types(copy):
    path = copy / "kodelister" / "sluttarsak.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"avbrutt"]', '"forsvunnet"]', 1), encoding="utf-8")
    with pytest.raises(ResourceError, match="sluttarsak.toml.*forsvunnet"):
        load_rulebook(copy)


def test_programme_lengths_must_name_known_groups(copy):
    path = copy / "regler" / "program.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("andre = 24 }", "andre = 24, voksne = 12 }", 1), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"program\.toml, linje \d+: ukjent sluttmålgruppe voksne"):
        load_rulebook(copy)
