"""Comparing and ordering people's names.

Norwegian order puts Æ, Ø, Å after Z, independent of the platform's collator. Letters that
Norwegian dictionaries file with a national letter are mapped to it (ä→æ, ö→ø, ü→y); other accents
are dropped (Ş→s, ř→r), so foreign names sort where a Norwegian reader looks for them.
"""

from __future__ import annotations

import functools
import unicodedata
from difflib import SequenceMatcher

# Letters that Unicode does not decompose into a base letter plus an accent.
_UNDECOMPOSED = {"ı": "i", "ł": "l", "đ": "d", "ħ": "h", "ß": "ss"}
_SORT_AS = str.maketrans({"ä": "æ", "ö": "ø", "ő": "ø", "ü": "y", "ű": "y", **_UNDECOMPOSED})
_COMPARE_AS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", **_UNDECOMPOSED})


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Å would lose its ring when accents are stripped: park the national letters in private-use code points.
_PROTECT = str.maketrans({"æ": "\ue000", "ø": "\ue001", "å": "\ue002"})
# Letters move above every other character, in Norwegian alphabetical order; digits, spaces and
# the rest stay where they are, by code point, so they sort before the letters.
_ORDER = str.maketrans({
    letter: chr(0xF0000 + i) for i, letter in enumerate("abcdefghijklmnopqrstuvwxyz\ue000\ue001\ue002")
})


@functools.lru_cache(maxsize=65_536)  # a list re-sorts the same few thousand names over and over
def norwegian_sort_key(text: str) -> str:
    """A key that plain string comparison sorts in Norwegian order (a string, so sorting stays in C)."""
    return _strip_accents((text or "").casefold().translate(_SORT_AS).translate(_PROTECT)).translate(_ORDER)


def listing_name(fornavn: str, etternavn: str) -> str:
    """A person as every list shows them: family name first, so the list reads in the order it sorts."""
    return f"{etternavn}, {fornavn}"


def fold_name(name: str) -> str:
    """A name reduced for comparison: lower case, plain Latin letters, spacing folded."""
    plain = _strip_accents(name.casefold().translate(_COMPARE_AS))
    return " ".join(plain.replace("-", " ").split())


def names_similar(a: str, b: str) -> bool:
    """Likely the same person written twice (Mohammad/Mohammed, Şükrü/Sukru, order swapped)."""
    fa, fb = fold_name(a), fold_name(b)
    if sorted(fa.split()) == sorted(fb.split()):
        return True
    return SequenceMatcher(None, fa, fb).ratio() >= 0.85
