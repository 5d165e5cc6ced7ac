"""The import's fast paths for SQLite (plain statements instead of SQLAlchemy's IN lists, a
reference check joined to the package's pairs, updates as one executemany) decide as the
portable paths do: on SQLite and on the PostgreSQL server alike, a record whose reference another
record holds is rejected, the rest written, and an edit applied."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import DisseminationSession
from desktop.services.installation import connect, initialise
from tests.conftest import HA_TU, QUANG_NINH
from tests.services.exchange_setup import Site, add_session, edit_session, fast_keys, link, make_site

DAY = dt.date(2025, 9, 12)


def _province(backend: str, request: pytest.FixtureRequest, template_db: Path, tmp_path: Path) -> Site:
    if backend == "sqlite":
        return make_site(template_db, tmp_path, "province", QUANG_NINH)
    url = request.getfixturevalue("pg_url")
    initialise(url, QUANG_NINH).database.dispose()
    return Site("province", Path("postgresql"), connect(url))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_taken_reference_is_rejected_and_an_edit_applied(backend: str, request: pytest.FixtureRequest,
                                                           template_db: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    fast_keys(monkeypatch)
    province = _province(backend, request, template_db, tmp_path)
    commune = make_site(template_db, tmp_path, "commune", HA_TU)
    try:
        link(province, commune, tmp_path / "keys")
        usb = tmp_path / "usb"
        usb.mkdir()
        # The province keeps a record of Hà Tu of its own: it takes the first reference of 2025.
        add_session(province, DAY, 12, HA_TU, place="Trụ sở")
        first = add_session(commune, DAY, 40, HA_TU)  # the same reference, another record
        add_session(commune, DAY, 41, HA_TU, place="Khu 4")
        with province.session() as session:
            held = session.scalars(select(DisseminationSession.ref)).one()
        summary = province.import_(commune.export(usb).path).packages[0]
        assert summary.status == "imported"
        assert summary.counts.created == 1
        assert [r.reasons for r in summary.counts.rejected] == [[f"số hiệu {held} đã thuộc về một bản ghi khác"]]

        edit_session(commune, first + 1, DAY, 77, HA_TU)
        again = province.import_(commune.export(usb).path).packages[0]
        assert (again.status, again.counts.updated, len(again.counts.rejected)) == ("imported", 1, 0)
        with province.session() as session:
            rows = session.execute(select(DisseminationSession.place, DisseminationSession.attendees,
                                          DisseminationSession.revision).order_by(DisseminationSession.id)).all()
        assert [tuple(row) for row in rows] == [("Trụ sở", 12, 1), ("Nhà văn hóa khu 3", 77, 2)]  # the edit names no place
    finally:
        province.database.dispose()
        commune.database.dispose()
