"""Comparing and ordering people's names.

Norwegian order puts Æ, Ø, Å after Z, independent of the platform's collator. Letters that
Norwegian dictionaries file with a national letter are mapped to it (ä→æ, ö→ø, ü→y); other accents
are dropped (Ş→s, ř→r), so foreign names sort where a Norwegian reader looks for them.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"
# Letters that Unicode does not decompose into a base letter plus an accent.
_UNDECOMPOSED = {"ı": "i", "ł": "l", "đ": "d", "ħ": "h", "ß": "ss"}
_SORT_AS = str.maketrans({"ä": "æ", "ö": "ø", "ő": "ø", "ü": "y", "ű": "y", **_UNDECOMPOSED})
_COMPARE_AS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", **_UNDECOMPOSED})


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def norwegian_sort_key(text: str) -> tuple:
    letters = []
    for ch in (text or "").casefold().translate(_SORT_AS):
        letters.extend(ch if ch in "æøå" else _strip_accents(ch))
    # Letters by the Norwegian alphabet; digits, spaces and the rest before them, by code point.
    return tuple((1, _ALPHABET.index(ch)) if ch in _ALPHABET else (0, ord(ch)) for ch in letters)


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
