"""Vietnamese text normalisation: NFC for storage, tone-free folding for search and matching.

Đ/đ has no Unicode decomposition, so stripping combining marks alone leaves it; it is folded
by hand. Folding is applied on both sides: to the stored search text and to what is typed.
"""
from __future__ import annotations

import re
import unicodedata

# Combining Diacritical Marks (U+0300–U+036F) but the grapheme joiner, which does not combine.
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


def nfc(text: str) -> str:
    """The stored form of any text: NFC, trimmed, inner runs of white space kept as typed."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Lower case, no tones, no ă â ê ô ơ ư marks, đ → d, single spaces."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
        text = _LATIN_MARKS.sub("", decomposed)  # Vietnamese marks are all in this block: fast
        if not text.isascii():  # other scripts: every combining mark, one by one
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())  # str.split's white space is re's \s


def fold_key(text: str) -> str:
    """`fold` with every non-alphanumeric character removed: 'Hội Nông dân' → 'hoinongdan'."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


def search_text(*parts: str | None) -> str:
    """The folded text a record is found by (never includes protected fields)."""
    return fold(" ".join(p for p in parts if p))
