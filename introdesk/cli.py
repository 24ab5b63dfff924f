"""`introdesk`: the GUI with no arguments, the same services headless with a subcommand.

The data folder comes from --data-dir or INTRODESK_DATA_DIR; the passphrase from INTRODESK_PASSPHRASE
(for scripts) or a prompt. Errors end with a one-line Norwegian message on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import datetime
import getpass
import json
import logging
import os
import sys
from pathlib import Path

from introdesk import __version__
from introdesk.applog import setup_logging
from introdesk.domain.dates import format_date, month_name, parse_date
from introdesk.domain.form import FieldErrors
from introdesk.domain.frister import URGENCY_LABELS
from introdesk.domain.stonad import kroner
from introdesk.domain.resultater import BREAKDOWNS
from introdesk.services import (
    deltakerbevis,
    deltakere,
    frister,
    nir,
    plan,
    praksis,
    resultater,
    stonad,
    stonad_dokumenter,
)
from introdesk.services.rulebook import ResourceError
from introdesk.services.session import (
    DEMO_PASSPHRASE,
    PassphraseTooWeak,
    Session,
    create_store,
    default_data_dir,
    open_store,
    store_exists,
)
from introdesk.store.connection import WrongPassphrase
from introdesk.store.lock import AlreadyRunning
from introdesk.store.migrations import NewerDatabase

log = logging.getLogger(__name__)


class CliError(Exception):
    """A message for the user; the command exits 1."""


# Failures the user can act on: the message says it all, and the log needs no traceback.
_EXPECTED = (CliError, WrongPassphrase, AlreadyRunning, NewerDatabase, PassphraseTooWeak, ResourceError, FieldErrors)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="introdesk", description="IntroDesk: introduksjonsprogrammet i kommunen.")
    parser.add_argument("--version", action="version", version=f"IntroDesk {__version__}")
    parser.add_argument("--data-dir", type=Path, help="datamappen (standard: brukerens datamappe)")
    parser.add_argument("--demo", action="store_true", help="åpne demokommunen i vinduet")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    sub.add_parser("init", help="lag en ny, tom og kryptert database")
    sub.add_parser("demo", help="lag demokommunen i datamappen (passordfrase fra INTRODESK_PASSPHRASE, "
                   f"ellers «{DEMO_PASSPHRASE}»)")
    importing = sub.add_parser("import", help="les inn deltakere, hendelser, praksis og planer fra et regneark "
                                "(docs/import.md)")
    importing.add_argument("file", type=Path, nargs="?", metavar="FIL", help="regnearket (.xlsx eller .csv)")
    importing.add_argument("--dry-run", "--kontroll", dest="dry_run", action="store_true",
                           help="bare kontroller filen; ingenting blir skrevet")
    importing.add_argument("--json", action="store_true", help="skriv resultatet og problemene som JSON")
    importing.add_argument("--angre", action="store_true", help="angre den siste importen")
    listing = sub.add_parser("deltakere", help="vis deltakerregisteret")
    listing.add_argument("--json", action="store_true", help="skriv JSON i stedet for en tabell")
    deadlines = sub.add_parser("frister", help="vis frister som er forfalt eller nærmer seg, mest presserende først")
    deadlines.add_argument("--json", action="store_true", help="skriv JSON i stedet for en tabell")
    plan = sub.add_parser("plan", help="skriv deltakerens integreringsplan som PDF")
    plan.add_argument("--deltaker", type=int, required=True, metavar="ID", help="deltakerens id (se «deltakere»)")
    plan.add_argument("--out", type=Path, required=True, metavar="FIL", help="PDF-filen som skal skrives")
    plan.add_argument("--versjon", type=int, help="en tidligere versjon (standard: den gjeldende)")
    plan.add_argument("--malform", choices=("bokmal", "nynorsk"), help="standard: kommunens innstilling")
    placements = sub.add_parser("praksis", help="vis praksisplassene med arbeidsgiver, periode og neste oppfølging")
    placements.add_argument("--json", action="store_true", help="skriv JSON i stedet for en tabell")
    benefit = sub.add_parser("stonad", help="vis utbetalingsgrunnlaget for introduksjonsstønad for en måned")
    benefit.add_argument("--month", "--maaned", dest="month", required=True, metavar="MÅNED",
                         help="måneden, for eksempel 2026-05")
    benefit.add_argument("--json", action="store_true", help="skriv JSON i stedet for en tabell")
    benefit.add_argument("--export", type=Path, metavar="FIL",
                         help="skriv en godkjent måned til lønn som .xlsx eller .csv (semikolon, UTF-8)")
    certificate = sub.add_parser("deltakerbevis", help="utsted deltakerbevis for en deltaker, eller for alle som "
                                                       "avsluttet i en periode")
    certificate.add_argument("--deltaker", type=int, metavar="ID", help="deltakerens id (se «deltakere»)")
    certificate.add_argument("--ended-from", "--avsluttet-fra", dest="ended_from", metavar="DATO",
                             help="første sluttdato i perioden (dd.mm.åååå)")
    certificate.add_argument("--ended-to", "--avsluttet-til", dest="ended_to", metavar="DATO",
                             help="siste sluttdato i perioden (dd.mm.åååå)")
    certificate.add_argument("--out", type=Path, required=True, metavar="FIL|MAPPE",
                             help="PDF-filen, eller mappen for en periode")
    certificate.add_argument("--utkast", action="store_true", help="skriv et utkast (UTKAST), utsted ikke")
    certificate.add_argument("--malform", choices=("bokmal", "nynorsk"), help="standard: kommunens innstilling")
    register = sub.add_parser("nir", help="kontroller året for NIR, og skriv årsfilen (XLSX, CSV og JSON) med --out")
    register.add_argument("--year", "--aar", dest="year", type=int, required=True, metavar="ÅR", help="for eksempel 2026")
    register.add_argument("--out", type=Path, metavar="MAPPE", help="mappen årsfilene skrives til")
    register.add_argument("--json", action="store_true", help="skriv kompletthetskontrollen som JSON")
    results = sub.add_parser("resultater", help="vis andelen i arbeid eller utdanning etter programmet for et år")
    results.add_argument("--year", "--aar", dest="year", type=int, required=True, metavar="ÅR", help="for eksempel 2026")
    results.add_argument("--json", action="store_true", help="skriv JSON i stedet for en tabell")
    sub.add_parser("sikkerhetskopi", help="ta en kryptert sikkerhetskopi av databasen")
    sub.add_parser("passordfrase", help="bytt passordfrase (databasen krypteres på nytt)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        from introdesk.ui.app import run_gui  # Qt is loaded only for the window

        return run_gui(data_dir=args.data_dir, demo=args.demo)
    setup_logging()
    data_dir = args.data_dir or default_data_dir()
    try:
        return _COMMANDS[args.command](args, data_dir)
    except _EXPECTED as exc:
        log.info("Kommandoen %s stoppet: %s", args.command, type(exc).__name__)
        message = " ".join(exc.errors.values()) if isinstance(exc, FieldErrors) else str(exc)
        print(f"introdesk: {message}", file=sys.stderr)
    except BrokenPipeError:  # the reader went away (| head): stop quietly, also at exit's final flush
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("introdesk: avbrutt.", file=sys.stderr)
    except Exception as exc:  # every known failure has a Norwegian message; show it on one line
        log.exception("Kommandoen %s feilet", args.command)
        print(f"introdesk: {exc}", file=sys.stderr)
    return 1


def _passphrase(prompt: str = "Passordfrase: ") -> str:
    if (value := os.environ.get("INTRODESK_PASSPHRASE")) is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError("Ingen passordfrase: sett INTRODESK_PASSPHRASE eller kjør kommandoen i en terminal.")
    return getpass.getpass(prompt)


def _new_passphrase(variable: str = "INTRODESK_PASSPHRASE") -> str:
    if (value := os.environ.get(variable)) is not None:
        return value
    first = _passphrase("Ny passordfrase: ")
    if getpass.getpass("Gjenta passordfrasen: ") != first:
        raise CliError("Passordfrasene er ikke like.")
    return first


def _open(data_dir: Path) -> Session:
    return open_store(data_dir, _passphrase(), source="cli")


def _init(args, data_dir: Path) -> int:
    if store_exists(data_dir):
        raise CliError(f"Det finnes allerede en database i {data_dir}.")
    create_store(data_dir, _new_passphrase(), source="cli").close()
    print(f"Tom database laget i {data_dir}.")
    return 0


def _demo(args, data_dir: Path) -> int:
    from introdesk.services.demo import create_demo

    if store_exists(data_dir):
        raise CliError(f"Det finnes allerede en database i {data_dir}.")
    passphrase = os.environ.get("INTRODESK_PASSPHRASE") or DEMO_PASSPHRASE
    session = create_demo(data_dir, passphrase)
    count = len(deltakere.list_deltakere(session))
    session.close()
    print(f"Demokommunen er laget i {data_dir} med {count} deltakere.")
    if passphrase == DEMO_PASSPHRASE:
        print(f"Passordfrase: {DEMO_PASSPHRASE}")
    return 0


def _import(args, data_dir: Path) -> int:
    """Exit 0 when the file is clean (and, without --dry-run, imported), 1 with problems."""
    from introdesk.services import importering

    if args.angre == (args.file is not None):
        raise CliError("Oppgi enten en fil å importere, eller --angre for å angre den siste importen.")
    if args.angre:
        run = _read(data_dir, importering.undo_last)
        print(f"Importen av {run.filnavn} {format_date(run.tidspunkt.date())} kl. {run.tidspunkt:%H.%M} er angret.")
        return 0
    report = _read(data_dir, lambda session: importering.import_file(session, args.file, dry_run=args.dry_run))
    if args.json:
        json.dump(report.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0 if report.ok else 1
    if report.ignored:
        print("Ark som ikke er lest (navnet er ikke et av malens): " + ", ".join(report.ignored), file=sys.stderr)
    for p in report.problems:
        where = ", ".join(part for part in (f"ark {p.sheet}" if p.sheet else "", f"rad {p.row}" if p.row else "",
                                            f"kolonne {p.column}" if p.column else "") if part)
        print(f"{where}: {p.message}" + (f" (verdi: «{p.value}»)" if p.value else "") if where else p.message)
    if not report.ok:
        print(f"{len(report.problems)} feil i {report.rows_text}. Ingenting er ført inn.", file=sys.stderr)
        return 1
    if report.dry_run:
        print(f"Filen er i orden ({report.rows_text}). Importen vil gi: {report.summary()}")
        for e in report.endringer:
            print(f"  rad {e.row}, {e.deltaker}: {e.felt}: {e.for_} → {e.etter}")
    elif report.kjoring_id is None:
        print(f"Ingenting å endre: alt i filen står allerede i registeret ({report.rows_text}).")
    else:
        print(f"Importert. {report.summary()}\nSikkerhetskopi fra før importen: {report.backup}\n"
              "Angre med «introdesk import --angre».")
    return 0


def _read(data_dir: Path, query):
    session = _open(data_dir)
    try:
        return query(session)
    finally:
        session.close()


def _print(records: list[dict], as_json: bool, line) -> None:
    if as_json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for rec in records:
            print(line(rec))


def _list(args, data_dir: Path) -> int:
    records = [
        {"id": r.id, "navn": f"{r.fornavn} {r.etternavn}", "identitetstype": r.ident_type, "status": r.status,
         "malgruppe": r.malgruppe}
        for r in _read(data_dir, deltakere.list_deltakere)
    ]
    _print(records, args.json,
           lambda r: f"{r['id']:>5}  {r['navn']:<40} {r['identitetstype']:<4} {r['status']:<20} {r['malgruppe']}")
    return 0


def _deadlines(args, data_dir: Path) -> int:
    records = [
        {"frist": r.frist.due.isoformat(), "haster": r.urgency, "når": r.when, "deltaker_id": r.frist.deltaker_id,
         "deltaker": r.navn, "hva": r.frist.text, "regel": r.frist.rule, "kilde": r.frist.source, "nokkel": r.frist.key}
        for r in _read(data_dir, frister.frister)
    ]
    _print(records, args.json, lambda r: (
        f"{_date(r['frist'])}  {URGENCY_LABELS[r['haster']]:<8} "
        f"{r['deltaker']:<30} {r['hva']} ({r['når']})"))
    if not args.json and not records:
        print("Ingen frister de neste ukene.")
    return 0


def _folder_of(path: Path) -> None:
    if not path.parent.is_dir():
        raise CliError(f"Mappen {path.parent} finnes ikke.")


def _known(session: Session, deltaker_id: int) -> None:
    try:
        deltakere.get_deltaker(session, deltaker_id)
    except KeyError:
        raise CliError(f"Ingen deltaker har id {deltaker_id}.") from None


def _plan(args, data_dir: Path) -> int:
    _folder_of(args.out)

    def write(session: Session) -> Path:
        _known(session, args.deltaker)
        plan_id = None
        if args.versjon is not None:
            found = {v.versjon: v.id for v in plan.versions(session, args.deltaker)}
            if args.versjon not in found:
                raise CliError(f"Planen har ingen versjon {args.versjon}.")
            plan_id = found[args.versjon]
        return plan.write_pdf(session, args.deltaker, args.out, plan_id, args.malform)

    print(f"Integreringsplanen er skrevet til {_read(data_dir, write)}.")
    return 0


def _placements(args, data_dir: Path) -> int:
    records = [
        {"id": r.praksis.id, "deltaker_id": r.praksis.deltaker_id, "deltaker": r.deltaker,
         "arbeidsgiver": r.arbeidsgiver, "fra": r.praksis.fra.isoformat(), "til": r.praksis.til.isoformat(),
         "status": r.status, "oppfolger": r.oppfolger,
         "neste_oppfolging": r.neste_oppfolging.isoformat() if r.neste_oppfolging else None}
        for r in _read(data_dir, praksis.placements)
    ]
    _print(records, args.json, lambda r: (
        f"{r['deltaker']:<28} {r['arbeidsgiver']:<28} {_date(r['fra'])}–{_date(r['til'])}  {r['status']:<10} "
        f"{r['oppfolger']:<18} {'neste oppfølging ' + _date(r['neste_oppfolging']) if r['neste_oppfolging'] else ''}"
    ).rstrip())
    if not args.json and not records:
        print("Ingen praksisplasser er registrert.")
    return 0


def _benefit(args, data_dir: Path) -> int:
    try:
        month = stonad.parse_month(args.month)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.export is not None:
        _folder_of(args.export)

    def read(session: Session):
        basis = stonad.month_basis(session, month)
        if args.export is not None:
            stonad_dokumenter.export_month(session, month, args.export)
        return basis

    basis = _read(data_dir, read)
    records = [
        {"deltaker_id": r.deltaker_id, "navn": r.navn, "brutto_ore": r.grunnlag.gross_ore,
         "trekk_fravaer_ore": r.grunnlag.absence_ore, "netto_ore": r.grunnlag.net_ore,
         "krever_vedtak": r.grunnlag.requires_vedtak,
         "linjer": [{"tekst": line.text, "ore": line.ore, "regel": line.rule, "kilde": line.source}
                    for line in r.grunnlag.lines]}
        for r in basis.rows
    ]
    if args.json:
        json.dump({"maaned": month.isoformat()[:7], "godkjent": basis.approved or None,
                   "sum_ore": basis.total_ore, "deltakere": records}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        state = f"godkjent {basis.approved}" if basis.locked else "åpen, ikke godkjent"
        print(f"Utbetalingsgrunnlag for {month_name(month)} ({state})")
        for r in basis.rows:
            flag = "  KREVER VEDTAK" if r.grunnlag.requires_vedtak else ""
            print(f"{r.navn:<32} brutto {kroner(r.grunnlag.gross_ore):>14}  netto {kroner(r.grunnlag.net_ore):>14}{flag}")
        print(f"{'Sum':<32} {'':>21}  netto {kroner(basis.total_ore):>14}" if basis.rows
              else "Ingen deltakere med stønad denne måneden.")
    if args.export is not None:
        print(f"Eksportert til {args.export}.", file=sys.stderr if args.json else sys.stdout)
    return 0


def _certificate(args, data_dir: Path) -> int:
    period = args.ended_from is not None or args.ended_to is not None
    if period == (args.deltaker is not None):
        raise CliError("Oppgi enten --deltaker ID, eller --ended-from og --ended-to for en periode.")
    if period:
        if args.utkast:
            raise CliError("Utkast skrives for én deltaker om gangen (--deltaker ID); en periode utsteder bevis.")
        first, last = _cli_date(args.ended_from, "--ended-from"), _cli_date(args.ended_to, "--ended-to")
        if not args.out.is_dir():
            raise CliError(f"Mappen {args.out} finnes ikke.")
        batch = _read(data_dir, lambda session: deltakerbevis.issue_batch(session, first, last, args.out,
                                                                         args.malform))
        print(f"{len(batch.files)} deltakerbevis utstedt i {args.out}"
              + (f"; alle samlet i «{batch.combined.name}»." if batch.combined else "."))
        return 0
    _folder_of(args.out)

    def write(session: Session) -> str:
        _known(session, args.deltaker)
        if args.utkast:
            deltakerbevis.draft(session, args.deltaker, args.out, args.malform)
            return "Utkast til deltakerbevis"
        deltakerbevis.issue(session, args.deltaker, args.out, args.malform)
        return "Deltakerbeviset er utstedt og"

    print(f"{_read(data_dir, write)} skrevet til {args.out}.")
    return 0


def _year(year: int) -> int:
    if not 2004 <= year <= datetime.date.today().year + 1:
        raise CliError(f"Året {year} er utenfor det IntroDesk kan regne på (fra 2004 til neste år).")
    return year


def _nir(args, data_dir: Path) -> int:
    year = _year(args.year)
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        raise CliError(f"{args.out} er en fil, ikke en mappe.")

    def run(session: Session):
        if args.out is not None:
            arsfil, _ = nir.export(session, year, args.out)
        else:
            arsfil = nir.year_file(session, year)
        return arsfil, nir.completeness(session, year)

    arsfil, problems = _read(data_dir, run)
    records = [{"deltaker_id": r.mangel.deltaker_id, "deltaker": r.navn, "alvor": r.mangel.alvor,
                "kontroll": r.mangel.kode, "melding": r.mangel.melding, "regel": r.mangel.regel,
                "retting": r.mangel.retting} for r in problems]
    about = arsfil.about
    summary = (f"NIR {year}: {about['deltakere']} deltakere, {about['feil']} feil, {about['advarsler']} advarsler"
               + ("." if arsfil.complete else " – året er ikke komplett."))
    if args.json:
        json.dump({"aar": year, "komplett": arsfil.complete, "deltakere": about["deltakere"], "mangler": records},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print(records, False, lambda r: f"{r['deltaker']:<30} {r['alvor']:<9} {r['melding']}")
        print(summary)
    if args.out is not None:
        print(f"Årsfilen er skrevet til {args.out}.", file=sys.stderr if args.json else sys.stdout)
    return 0


def _results(args, data_dir: Path) -> int:
    year = _year(args.year)
    r = _read(data_dir, lambda session: resultater.results(session, year))
    if args.json:
        json.dump(r.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0

    width = max(len(a.group) for a in (r.total, *r.trend, *(a for g in r.breakdowns.values() for a in g)))

    def line(a) -> str:
        return (f"  {a.group:<{width}} {a.ended:>5} avsluttet {a.in_work_or_education:>5} i arbeid/utdanning  "
                f"{a.share_text()}")

    print(f"Resultater {year} (mål: {r.target} %)")
    print(line(r.total))
    for field, heading in BREAKDOWNS.items():
        print(heading)
        for a in r.breakdowns[field]:
            print(line(a))
    print("Utvikling")
    for a in r.trend:
        print(line(a))
    print(f"Ett år etter: {r.followup.ended} av {r.followup_of} med registrert status; "
          f"{r.followup.in_work_or_education} i arbeid eller utdanning ({r.followup.share_text()})")
    print(f"Grupper med færre enn {r.min_group} avsluttede vises bare som antall.")
    return 0


def _cli_date(text: str | None, option: str) -> datetime.date:
    try:
        day = parse_date(text)
    except ValueError as exc:
        raise CliError(f"{option}: {exc}") from None
    if day is None:
        raise CliError(f"{option} må ha en dato.")
    return day


def _date(iso: str) -> str:
    return format_date(datetime.date.fromisoformat(iso))


def _backup(args, data_dir: Path) -> int:
    path = _read(data_dir, lambda session: session.backup("manuell"))
    print(f"Sikkerhetskopi: {path}")
    return 0


def _change_passphrase(args, data_dir: Path) -> int:
    old = _passphrase("Nåværende passordfrase: ")
    session = open_store(data_dir, old, source="cli")
    try:
        new = _new_passphrase("INTRODESK_NEW_PASSPHRASE")
        session.change_passphrase(old, new)
    finally:
        session.close()
    print("Passordfrasen er byttet.")
    return 0


_COMMANDS = {
    "init": _init,
    "demo": _demo,
    "import": _import,
    "deltakere": _list,
    "frister": _deadlines,
    "plan": _plan,
    "praksis": _placements,
    "stonad": _benefit,
    "deltakerbevis": _certificate,
    "nir": _nir,
    "resultater": _results,
    "sikkerhetskopi": _backup,
    "passordfrase": _change_passphrase,
}
