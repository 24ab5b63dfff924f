"""`introdesk` subcommands, run in-process on a temporary data folder."""

import json

import pytest

from introdesk import __version__
from introdesk.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0 and __version__ in capsys.readouterr().out


def test_demo_then_list_as_json(capsys, monkeypatch):
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "demo-introdesk" in out
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "demo-introdesk")
    code, out, _ = run(capsys, "deltakere", "--json")
    records = json.loads(out)
    assert code == 0 and len(records) >= 12
    assert {r["identitetstype"] for r in records} == {"fnr", "dnr", "hnr", "duf"}
    assert any("Ş" in r["navn"] or "ş" in r["navn"] for r in records)
    assert set(records[0]) == {"id", "navn", "identitetstype", "status", "malgruppe"}
    code, out, _ = run(capsys, "frister", "--json")
    items = json.loads(out)
    assert code == 0 and {"forfalt", "snart"} <= {i["haster"] for i in items}
    assert all(i["regel"] and i["kilde"] for i in items)


def test_init_refuses_a_weak_passphrase_then_creates(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "kort")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "ny"), "init")
    assert code == 1 and err.startswith("introdesk: ") and "minst 10 tegn" in err and "\n" == err[-1] and err.count("\n") == 1
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "lang nok passordfrase")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "ny"), "init")
    assert code == 0 and (tmp_path / "ny" / "introdesk.db").exists()
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "ny"), "init")
    assert code == 1 and "finnes allerede" in err


def test_wrong_passphrase_is_one_norwegian_line(capsys, monkeypatch):
    run(capsys, "demo")
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "feil feil feil")
    code, _, err = run(capsys, "deltakere")
    assert (code, err) == (1, "introdesk: Feil passordfrase.\n")


def test_missing_database_is_explained(capsys, monkeypatch):
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "hva som helst her")
    code, _, err = run(capsys, "deltakere")
    assert code == 1 and "ingen IntroDesk-database" in err


def test_backup_and_passphrase_change(capsys, monkeypatch, data_dir):
    run(capsys, "demo")
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "demo-introdesk")
    code, out, _ = run(capsys, "sikkerhetskopi")
    assert code == 0 and "sikkerhetskopier" in out
    monkeypatch.setenv("INTRODESK_NEW_PASSPHRASE", "ny og lang passordfrase")
    assert run(capsys, "passordfrase")[0] == 0
    assert run(capsys, "deltakere")[0] == 1
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "ny og lang passordfrase")
    assert run(capsys, "deltakere")[0] == 0


def test_logs_hold_no_identity_numbers(capsys, monkeypatch, tmp_path):
    import logging

    from introdesk.applog import setup_logging

    path = setup_logging()
    logging.getLogger("test").error("feil for 170590 12436 og 201912345678, id 42")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "12436" not in text and "201912345678" not in text and "id 42" in text


def test_placements_and_a_plan_as_pdf(capsys, monkeypatch, tmp_path):
    run(capsys, "demo")
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "demo-introdesk")
    code, out, _ = run(capsys, "praksis", "--json")
    placements = json.loads(out)
    assert code == 0 and {"Pågår", "Planlagt", "Avsluttet"} <= {p["status"] for p in placements}
    running = next(p for p in placements if p["status"] == "Pågår")
    assert running["neste_oppfolging"] and running["arbeidsgiver"] and running["oppfolger"]
    code, out, _ = run(capsys, "praksis")
    assert code == 0 and "neste oppfølging" in out
    amal = next(r["id"] for r in json.loads(run(capsys, "deltakere", "--json")[1]) if r["navn"].startswith("Amal"))
    olena = next(r["id"] for r in json.loads(run(capsys, "deltakere", "--json")[1]) if r["navn"].startswith("Olena"))
    code, _, err = run(capsys, "plan", "--deltaker", str(amal), "--out", str(tmp_path / "amal.pdf"))
    assert code == 1 and "ingen integreringsplan" in err and not (tmp_path / "amal.pdf").exists()
    code, _, err = run(capsys, "plan", "--deltaker", "999", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "Ingen deltaker har id 999" in err
    code, out, _ = run(capsys, "plan", "--deltaker", str(olena), "--out", str(tmp_path / "olena.pdf"))
    assert code == 0 and (tmp_path / "olena.pdf").read_bytes().startswith(b"%PDF")


def test_the_month_basis_in_the_terminal_as_json_and_exported(capsys, monkeypatch, tmp_path):
    import datetime

    run(capsys, "demo")
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "demo-introdesk")
    approved = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    while True:  # the demo approves the month before the one with a deduction that needs a decision
        code, out, _ = run(capsys, "stonad", "--month", approved.strftime("%Y-%m"), "--json")
        basis = json.loads(out)
        if basis["godkjent"]:
            break
        approved = (approved - datetime.timedelta(days=1)).replace(day=1)
    assert code == 0 and basis["sum_ore"] == sum(p["netto_ore"] for p in basis["deltakere"])
    assert all(p["linjer"] and all(line["kilde"] for line in p["linjer"]) for p in basis["deltakere"])
    code, out, _ = run(capsys, "stonad", "--month", approved.strftime("%m.%Y"), "--export", str(tmp_path / "lonn.csv"))
    assert code == 0 and "Sum" in out and (tmp_path / "lonn.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    code, _, err = run(capsys, "stonad", "--month", "mai")
    assert code == 1 and "er ikke en måned" in err


def test_certificates_from_the_command_line(capsys, monkeypatch, tmp_path):
    run(capsys, "demo")
    monkeypatch.setenv("INTRODESK_PASSPHRASE", "demo-introdesk")
    people = {r["navn"].split()[0]: r["id"] for r in json.loads(run(capsys, "deltakere", "--json")[1])}
    code, out, _ = run(capsys, "deltakerbevis", "--deltaker", str(people["Grace"]), "--out", str(tmp_path / "g.pdf"))
    assert code == 0 and "utstedt" in out and (tmp_path / "g.pdf").read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "deltakerbevis", "--deltaker", str(people["Olena"]), "--out", str(tmp_path / "o.pdf"))
    assert code == 1 and "utkast" in err
    code, out, _ = run(capsys, "deltakerbevis", "--deltaker", str(people["Olena"]), "--out", str(tmp_path / "o.pdf"),
                       "--utkast")
    assert code == 0 and (tmp_path / "o.pdf").exists()
    folder = tmp_path / "bunke"
    folder.mkdir()
    code, out, _ = run(capsys, "deltakerbevis", "--ended-from", "01.01.2000", "--ended-to", "31.12.2099",
                       "--out", str(folder))
    assert code == 0 and "samlet" in out and len(list(folder.glob("*.pdf"))) >= 3
    code, _, err = run(capsys, "deltakerbevis", "--out", str(folder))
    assert code == 1 and "Oppgi enten" in err
