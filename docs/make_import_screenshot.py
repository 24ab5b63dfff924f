"""Render the import wizard's check page for docs/import.md and the README (offscreen, no display needed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_import_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from introdesk.services.demo import create_demo  # noqa: E402
from introdesk.ui.app import create_application  # noqa: E402
from introdesk.ui.import_wizard import ImportVeiviser  # noqa: E402

HERE = Path(__file__).parent
# A register as an adviser might have kept it, with the mistakes such a register has.
REGISTER = """identitetsnummer;fornavn;etternavn;fodselsdato;kjonn;landbakgrunn;lovverk;bosettingsdato;programstart;\
avslutningsdato;avslutningstype;sluttarsak
01889003711;Amal;Haddad;;Kvinne;Syria;integreringsloven;15.03.2025;01.05.2025;;;
17059012436;Yonas;Tesfaye;31.02.1990;M;Eritrea;integreringsloven;15.03.2025;01.03.2025;;;
02828300507;Olena;Kovalenko;;Kvinne;Ukrania;kap6a;10.06.2024;01.08.2024;;;
01889003711;Amal;Haddad;;K;SY;integreringsloven;15.03.2025;01.05.2025;;;
52859500773;Aung;Ko Ko;;M;Myanmar;integreringsloven;01.02.2023;01.03.2023;28.02.2025;Avsluttet (fullført);Atferd i/utenfor programmet
"""


def main() -> int:
    create_application()
    with tempfile.TemporaryDirectory() as folder:
        session = create_demo(Path(folder) / "demo")
        path = Path(folder) / "Deltakerregister 2025.csv"
        path.write_text(REGISTER, encoding="utf-8")
        wizard = ImportVeiviser(session)
        wizard.resize(900, 480)
        wizard.show()
        wizard.file_page.path.setText(str(path))
        wizard.next()
        for _ in range(5):
            QApplication.processEvents()
        wizard.grab().save(str(HERE / "import.png"))
        wizard.close()
        _mapping(session, Path(folder))
        session.close()
    return 0


def _mapping(session, folder: Path) -> None:
    """The columns of a register kept by hand, mapped to the template's."""
    path = folder / "Mine deltakere.csv"
    path.write_text("Fødselsnr;Fornavn;Etternavn;Kjønn;Lov;Bosatt;Startet;Kommentar\n"
                    "01889003711;Amal;Haddad;Kvinne;Integreringsloven;15.03.2025;01.05.2025;tolk arabisk\n",
                    encoding="utf-8")
    wizard = ImportVeiviser(session)
    wizard.resize(900, 480)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    combos = wizard.mapping_page.combos  # by the column's place in the file
    for index, template in ((0, "identitetsnummer"), (4, "lovverk"), (5, "bosettingsdato"), (6, "programstart")):
        combos[index].setCurrentIndex(combos[index].findData(template))
    for _ in range(5):
        QApplication.processEvents()
    wizard.grab().save(str(HERE / "import-kobling.png"))
    wizard.close()


if __name__ == "__main__":
    sys.exit(main())
