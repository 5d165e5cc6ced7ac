"""The packed pivot (`desktop.services.pivot`): the counts and sums it unpacks are the figures,
on SQLite and PostgreSQL, and when a count is too big to pack SQLite's overflow error sends it
to the plain count-and-sum form with the same answer."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from desktop.services import pivot as pivot_module
from desktop.services.installation import Database
from desktop.services.stats import compute_stats
from tests.services.exchange_setup import session_values
from tests.services.test_source_kinds import save_form

DAY = dt.date(2025, 9, 12)


def _sessions(database: Database) -> None:
    for attendees, organisers, topics in ((40, ["police"], ["drugs"]), (25, ["police", "womens_union"], ["drugs"]),
                                          (300, ["veterans"], ["fire_safety", "drugs"])):
        save_form(database, "sessions", session_values(DAY, attendees, "", organisers=organisers, topics=topics))


def _pivot_statements(database: Database, monkeypatch: pytest.MonkeyPatch, shift: int) -> tuple[dict, list[str]]:
    monkeypatch.setattr(pivot_module, "SHIFT", shift)
    sent: list[str] = []

    def remember(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FILTER" in statement and "FROM dissemination_session" in statement:
            sent.append(statement)

    event.listen(database.engine, "before_cursor_execute", remember)
    try:
        figures = compute_stats(database)["sessions"]
    finally:
        event.remove(database.engine, "before_cursor_execute", remember)
    return figures, sent


def test_packed_pivot_gives_the_counts_and_sums(any_database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _sessions(any_database)
    figures, sent = _pivot_statements(any_database, monkeypatch, 40)
    assert len(sent) == 1 and "count(*) FILTER" not in sent[0]
    assert (figures["count"], figures["attendees"]) == (3, 365)
    assert figures["by_topic"]["drugs"] == {"count": 3, "attendees": 365}
    assert figures["by_topic"]["fire_safety"] == {"count": 1, "attendees": 300}
    assert figures["by_topic"]["hiv_aids"] == {"count": 0, "attendees": 0}
    assert figures["by_organisation"]["police"] == {"count": 2, "attendees": 65}
    assert figures["by_organisation"]["womens_union"] == {"count": 1, "attendees": 25}
    assert figures["by_kind"]["training"] == {"count": 3, "attendees": 365}


def test_a_count_too_big_to_pack_falls_back_on_sqlite(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the count packed above bit 62, two matching sessions overflow SQLite's sum."""
    _sessions(database)
    packed, _ = _pivot_statements(database, monkeypatch, 40)
    plain, sent = _pivot_statements(database, monkeypatch, 62)
    assert len(sent) == 2 and "count(*) FILTER" in sent[1]  # the packed query refused, then the plain one
    assert plain == packed
