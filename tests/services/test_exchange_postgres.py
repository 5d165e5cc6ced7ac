"""The province on PostgreSQL: communes' packages (SQLite) imported into the real server that
`.ci/run` starts, with the same summary, the same records and the same figures as on SQLite; the
same package again changes nothing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import DisseminationSession
from desktop.services.stats import compute_stats
from tests.conftest import HA_TU, QUANG_NINH
from tests.services.exchange_setup import add_session, delete_session, edit_session, link, linked_pair, make_site

DAY = dt.date(2025, 9, 12)


def test_commune_to_province_on_postgresql(pg_url: str, template_db: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with linked_pair(template_db, tmp_path, monkeypatch, pg_url) as (province, commune, usb):
        sqlite_province = make_site(template_db, tmp_path, "sqlite-province", QUANG_NINH)
        try:
            ids = [add_session(commune, DAY - dt.timedelta(days=n), 30 + n, HA_TU, place=f"Khu {n}") for n in range(6)]
            first = commune.export(usb).path
            edit_session(commune, ids[0], DAY, 99, HA_TU)
            delete_session(commune, ids[1])
            second = commune.export(usb).path

            report = province.import_(first, second)
            assert [p.status for p in report.packages] == ["imported", "imported"]
            assert (report.packages[0].counts.created, report.packages[1].counts.updated,
                    report.packages[1].counts.deleted) == (6, 1, 1)
            assert province.import_(second).packages[0].status == "already"
            with province.session() as session, commune.session() as local:
                columns = (DisseminationSession.uid, DisseminationSession.attendees, DisseminationSession.revision,
                           DisseminationSession.deleted, DisseminationSession.place)
                assert sorted(session.execute(select(*columns)).all()) == sorted(local.execute(select(*columns)).all())

            # The same records sent to a SQLite province (a full package, made for it) give the same figures.
            link(sqlite_province, commune, tmp_path / "keys2")
            assert sqlite_province.import_(commune.export(usb, full=True).path).packages[0].status == "imported"
            on_postgres = compute_stats(province.database, unit_code=HA_TU)
            on_sqlite = compute_stats(sqlite_province.database, unit_code=HA_TU)
            assert on_postgres["sessions"] == on_sqlite["sessions"]
            assert on_postgres["sessions"]["count"] == 5
        finally:
            sqlite_province.database.dispose()
