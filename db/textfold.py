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


class _WordFolds(dict[str, str]):
    """Word → `fold(word)`, filled as words are met and emptied when full: records repeat the same
    few thousand Vietnamese syllables, so folding each once halves the cost of a search text (an
    import writes a million of them)."""

    LIMIT = 100_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        folded = self[word] = fold(word)
        return folded


_WORD_FOLDS = _WordFolds()


def search_text(*parts: str | None) -> str:
    """The folded text a record is found by (never includes protected fields): `fold` of the
    parts joined by spaces, folded word by word — the same text, since folding neither makes nor
    removes white space (tests/db/test_search.py checks it on every character)."""
    return " ".join(filter(None, map(_WORD_FOLDS.__getitem__, " ".join(p for p in parts if p).split())))
