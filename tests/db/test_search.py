"""Accent-insensitive search: folding on both sides, FTS5 on SQLite, LIKE on PostgreSQL."""
from __future__ import annotations

import datetime as dt
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db.models import CommendationDecision, CommendationRecipient
from db.search import matches, query_words
from db.textfold import fold, nfc, search_text
from db.units import own_unit, search_units
from desktop.services.installation import Database


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Nguyễn", "nguyen"), ("ĐẶNG", "dang"), ("Đức", "duc"), ("Hường", "huong"),
     ("Phường  Cửa Nam", "phuong cua nam"), ("Nguye\u0302\u0303n", "nguyen")],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_nfc_composes_decomposed_input() -> None:
    assert nfc("Nguye\u0302\u0303n ") == "Nguyễn"


def test_query_words_split_and_fold() -> None:
    assert query_words("  Nguyễn, Đặng! ") == ["nguyen", "dang"]


def _recipients(database: Database, names: list[str]) -> None:
    with database.sessions() as session, session.begin():
        unit = own_unit(session)
        assert unit is not None
        decision = CommendationDecision(ref="KT-2024-0001", origin_unit_id=unit.id, unit_id=unit.id,
                                        number="1234/QĐ-UBND", decided_on=dt.date(2024, 7, 18),
                                        authority="Chủ tịch UBND tỉnh Quảng Ninh", form="certificate_of_merit")
        session.add(decision)
        for number, name in enumerate(names, start=1):
            session.add(CommendationRecipient(ref=f"NK-{number}", origin_unit_id=unit.id, decision=decision,
                                              kind="individual", name=name))


@pytest.mark.parametrize(("typed", "expected"), [
    ("nguyen", {"Nguyễn Thị Hường", "Nguyễn Văn Đức"}),
    ("dang", {"Đặng Văn Lâm"}),
    ("duc", {"Nguyễn Văn Đức"}),
    ("nguyen huong", {"Nguyễn Thị Hường"}),
    ("NGUYỄN", {"Nguyễn Thị Hường", "Nguyễn Văn Đức"}),
    ("ngu", {"Nguyễn Thị Hường", "Nguyễn Văn Đức"}),
    ("nguye", {"Nguyễn Thị Hường", "Nguyễn Văn Đức"}),
    ("v", {"Đặng Văn Lâm", "Nguyễn Văn Đức"}),
    ("huong nguyen", {"Nguyễn Thị Hường"}),
    ("tran", set()),
])
def test_search_finds_names_without_accents(any_database: Database, typed: str, expected: set[str]) -> None:
    _recipients(any_database, ["Nguyễn Thị Hường", "Đặng Văn Lâm", "Nguyễn Văn Đức", "Lê Thị Mai"])
    with any_database.sessions() as session:
        found = set(session.scalars(select(CommendationRecipient.name).where(
            matches(CommendationRecipient, typed, any_database.dialect))))
    assert found == expected


def test_search_index_follows_edits(database: Database) -> None:
    _recipients(database, ["Nguyễn Thị Hường"])
    with database.sessions() as session, session.begin():
        recipient = session.scalars(select(CommendationRecipient)).one()
        recipient.name = "Đặng Thị Hường"
    with database.sessions() as session:
        def names(typed: str) -> list[str]:
            return list(session.scalars(select(CommendationRecipient.name).where(
                matches(CommendationRecipient, typed, "sqlite"))))
        assert names("dang") == ["Đặng Thị Hường"]
        assert names("nguyen") == []


def test_search_finds_the_same_records_after_migration_0010(database: Database) -> None:
    """0010 rebuilds the indexes without positions, from the records already there (and back)."""
    from alembic import command

    from db.migrate import alembic_config, upgrade

    _recipients(database, ["Nguyễn Thị Hường", "Đặng Văn Lâm", "Nguyễn Văn Đức"])

    def found(typed: str) -> set[str]:
        with database.sessions() as session:
            return set(session.scalars(select(CommendationRecipient.name).where(
                matches(CommendationRecipient, typed, "sqlite"))))

    command.downgrade(alembic_config(database.engine), "0009")
    assert found("nguyen duc") == {"Nguyễn Văn Đức"}
    upgrade(database.engine)
    with database.engine.connect() as connection:
        sql = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'commendation_recipient_fts'")
        assert "detail=none" in sql.scalar_one()
    assert found("nguyen duc") == {"Nguyễn Văn Đức"}
    assert found("van") == {"Đặng Văn Lâm", "Nguyễn Văn Đức"}


def test_unit_search_without_accents(database: Database) -> None:
    with database.sessions() as session:
        names = [u.name for u in search_units(session, "phuong cua nam")]
    assert "Phường Cửa Nam" in names


def test_search_indexes_keep_prefixes_and_no_positions(database: Database) -> None:
    """Migrations 0005 and 0010: typed words up to six letters ("hoi phu", "truyen") are looked
    up, not merged from every word they begin; no word positions are kept (never asked for)."""
    from sqlalchemy import text

    with database.engine.connect() as connection:
        made = dict(connection.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_fts' ESCAPE '\\'")).all())
    assert len(made) == 6
    assert all("prefix='2 3 4 5 6', detail=none" in sql for sql in made.values()), made


# -- the search text, folded word by word -------------------------------------------------

ALPHABET = ("aAzZ09 đĐẠệỲứờ«»ΣσςİıßẞǅΩ\u0301\u0300\u0323\u0483\u034f\u0345'.:-\t\n\r\x0b\x0c\x1c\x85\u00a0\u1680"
            "\u2000\u2001\u2028\u3000\ufeff\u200b")


def test_folding_keeps_white_space_where_it_was() -> None:
    """What the word-by-word fold rests on: no character becomes white space, or stops being it,
    by decomposing or changing case, and white space is never a combining mark."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        space = char.isspace()
        assert space == all(c.isspace() for c in unicodedata.normalize("NFD", char)), hex(code)
        assert space or not any(c.isspace() for c in char.lower()), hex(code)
        assert not (space and unicodedata.combining(char)), hex(code)
    for space in (c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()):  # final sigma stops at it
        for text in ("AΣ" + space + "B", "A" + space + "Σ", "AΣ'" + space + "b"):
            assert " ".join(f for word in text.split() if (f := fold(word))) == fold(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(ALPHABET, max_size=15), st.text(max_size=15)), max_size=6))
def test_search_text_is_the_fold_of_its_parts(parts: list[str | None]) -> None:
    assert search_text(*parts) == fold(" ".join(p for p in parts if p))
