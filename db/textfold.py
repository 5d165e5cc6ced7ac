"""Vietnamese text normalisation: NFC for storage, tone-free folding for search and matching.

Đ/đ has no Unicode decomposition, so stripping combining marks alone leaves it; it is folded
by hand. Folding is applied on both sides: to the stored search text and to what is typed.
"""
from __future__ import annotations

import re
import unicodedata

_D_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """The stored form of any text: NFC, trimmed, inner runs of white space kept as typed."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Lower case, no tones, no ă â ê ô ơ ư marks, đ → d, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.lower().translate(_D_TABLE)).strip()


def fold_key(text: str) -> str:
    """`fold` with every non-alphanumeric character removed: 'Hội Nông dân' → 'hoinongdan'."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


def search_text(*parts: str | None) -> str:
    """The folded text a record is found by (never includes protected fields)."""
    return fold(" ".join(p for p in parts if p))
