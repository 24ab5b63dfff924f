"""How strong a new passphrase is, in words an adviser understands.

The database key is derived from the passphrase (SQLCipher, PBKDF2), so its length is what protects
participants' data if the laptop is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_LENGTH = 10


@dataclass(frozen=True)
class Strength:
    score: int  # 0-4
    label: str
    acceptable: bool
    hint: str


def strength(passphrase: str) -> Strength:
    length = len(passphrase)
    if length < MIN_LENGTH:
        return Strength(0, "For kort", False, f"Bruk minst {MIN_LENGTH} tegn. Flere ord etter hverandre er lett å huske.")
    kinds = sum(
        any(test(ch) for ch in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    distinct = len(set(passphrase))
    if distinct < 5:
        return Strength(1, "Svak", False, "For mange like tegn. Velg noe mindre forutsigbart.")
    score = min(4, 1 + (length >= 14) + (length >= 20) + (kinds >= 3))
    labels = {1: "Svak", 2: "Middels", 3: "God", 4: "Sterk"}
    hint = "" if score >= 3 else "Lengre er sterkere: legg til et ord eller to."
    return Strength(score, labels[score], True, hint)
