"""Norwegian personal identity numbers: fødselsnummer, D-, H- and DUF-number.

python-stdnum supplies the clean-up, the check-digit arithmetic and the century rule; the parts it
does not know are added here: H-numbers and synthetic test numbers (month + 80, Test Norge), and the
2032 rule, under which the first check digit may take any of four values (weighted remainder 0-3)
because numbers no longer encode gender. DOMAIN.md section 15.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer as stdnum_fnr

KIND_LABELS = {
    "fnr": "Fødselsnummer",
    "dnr": "D-nummer",
    "hnr": "H-nummer",
    "duf": "DUF-nummer",
}

KIND_SHORT = {"fnr": "F-nr", "dnr": "D-nr", "hnr": "H-nr", "duf": "DUF"}

_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
# Under the 2032 rule the weighted sum of the nine digits plus the first check digit may leave
# remainder 0, 1, 2 or 3 when divided by 11; the classic rule allows only 0.
_ALLOWED_REMAINDERS_1 = (0, 1, 2, 3)


@dataclass(frozen=True)
class PersonId:
    kind: str  # "fnr", "dnr", "hnr" or "duf"
    number: str  # digits only
    birth_date: datetime.date | None  # None for DUF
    synthetic: bool = False  # Test Norge number (month + 80): never a real person

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def masked(self) -> str:
        """The number with its personal part hidden, for lists and screens."""
        return mask_number(self.number)

    def formatted(self) -> str:
        if self.kind == "duf":
            return f"{self.number[:4]} {self.number[4:8]} {self.number[8:]}"
        return f"{self.number[:6]} {self.number[6:]}"


def mask_number(number: str) -> str:
    """Show the date part (or a DUF number's year) and hide the rest."""
    visible = 4 if len(number) == 12 else 6
    return number[:visible] + " " + "*" * (len(number) - visible)


def parse_person_id(text: str) -> PersonId:
    """Parse and validate an identity number typed by a person.

    Spaces, dashes and dots are allowed between digits. Raises ValueError with a Norwegian message
    that can be shown beside the field.
    """
    digits = stdnum_fnr.compact(str(text).replace(".", ""))
    if not digits:
        raise ValueError("Skriv inn fødselsnummer, D-nummer, H-nummer eller DUF-nummer.")
    if not digits.isdigit():
        raise ValueError("Identitetsnummeret kan bare inneholde siffer (mellomrom og bindestrek er lov).")
    if len(digits) == 12:
        return PersonId("duf", digits, None)
    if len(digits) != 11:
        raise ValueError(
            f"Identitetsnummeret har {len(digits)} siffer. Fødsels-, D- og H-nummer har 11 siffer, "
            "DUF-nummer har 12."
        )
    return _parse_eleven_digits(digits)


def _parse_eleven_digits(digits: str) -> PersonId:
    day, month = int(digits[0:2]), int(digits[2:4])
    if day >= 80:
        raise ValueError("Dette er et FH-nummer (første siffer 8 eller 9), som ikke kan brukes her.")
    synthetic = month > 80
    if synthetic:
        month -= 80
    if day > 40:
        kind, day = "dnr", day - 40
    elif month > 40:
        kind, month = "hnr", month - 40
    else:
        kind = "fnr"

    _check_digits(digits)
    birth_date = _birth_date(digits, day, month)
    return PersonId(kind, digits, birth_date, synthetic)


def _check_digits(digits: str) -> None:
    remainder = (sum(w * int(d) for w, d in zip(_WEIGHTS_1, digits)) + int(digits[9])) % 11
    if remainder not in _ALLOWED_REMAINDERS_1:
        raise ValueError("Første kontrollsiffer stemmer ikke. Sjekk at nummeret er skrevet riktig.")
    if digits[10] != stdnum_fnr.calc_check_digit2(digits[:10]):
        raise ValueError("Andre kontrollsiffer stemmer ikke. Sjekk at nummeret er skrevet riktig.")


def _birth_date(digits: str, day: int, month: int) -> datetime.date:
    # stdnum derives the century from the individual number; hand it the plain date digits.
    plain = f"{day:02d}{month:02d}{digits[4:]}"
    try:
        birth_date = stdnum_fnr.get_birth_date(plain)
    except ValidationError:
        raise ValueError(
            "Nummeret inneholder ingen gyldig fødselsdato. Sjekk de seks første sifrene."
        ) from None
    if birth_date > datetime.date.today():
        raise ValueError("Fødselsdatoen i nummeret ligger fram i tid.")
    return birth_date


def synthetic_number(birth_date: datetime.date, kind: str, serial: int) -> str:
    """A valid number for demo and test data: fødsels- and D-numbers in the Test Norge range
    (month + 80), never a real person's. H-numbers have no synthetic range; they are made up.

    `serial` picks the individual number within the range that encodes the birth century.
    """
    if kind == "duf":
        return f"{birth_date.year:04d}{serial % 10**8:08d}"
    low = 0 if birth_date.year < 2000 else 500
    day = birth_date.day + (40 if kind == "dnr" else 0)
    month = birth_date.month + (40 if kind == "hnr" else 80)
    for offset in range(500):
        body = f"{day:02d}{month:02d}{birth_date.year % 100:02d}{low + (serial + offset) % 500:03d}"
        first = stdnum_fnr.calc_check_digit1(body)
        if first == "10":
            continue
        second = stdnum_fnr.calc_check_digit2(body + first)
        if second != "10":
            return body + first + second
    raise ValueError("no valid number for this date")  # unreachable: about 1 in 6 fails
