"""A province and its communes, each a real SQLite file with exchange keys set up the way
`antq keys` does it, and helpers to enter records and pass packages between them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.engine import transaction
from db.models import Installation, new_uid
from desktop.services import keys as identity_keys
from desktop.services.editing import delete_record, save_record
from desktop.services.exchange import keys as xkeys
from desktop.services.exchange.exporter import ExportResult, export_package
from desktop.services.exchange.importer import ImportReport, import_packages
from desktop.services.installation import Database, connect, initialise
from desktop.services.keys import KdfParams
from tests.conftest import _copy_sqlite

PASSPHRASE = "cụm từ mật khẩu đủ dài"
FAST_KDF = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)


@dataclass
class Site:
    """One installation: its database and its folder for key files."""

    name: str
    path: Path
    database: Database

    def export(self, usb: Path, *, full: bool = False) -> ExportResult:
        return export_package(self.database, usb, PASSPHRASE, full=full)

    def import_(self, *files: Path, dry_run: bool = False) -> ImportReport:
        return import_packages(self.database, list(files), PASSPHRASE, dry_run=dry_run)

    def session(self) -> Any:
        return self.database.sessions()


def make_site(template: Path, folder: Path, name: str, unit_code: str) -> Site:
    path = folder / f"{name}.sqlite3"
    _copy_sqlite(template, path)
    initialise(path, unit_code).database.dispose()
    database = connect(path)
    with transaction(database.sessions) as session:
        session.get_one(Installation, 1).uid = str(new_uid())  # copies of one template share a uid
    return Site(name, path, database)


def link(province: Site, commune: Site, keys_dir: Path) -> None:
    """`antq keys init-province`, `init-unit`, `enrol`: the commune sends to the province."""
    keys_dir.mkdir(exist_ok=True)
    with transaction(province.database.sessions) as session:
        xkeys.ensure_own_keys(session, PASSPHRASE)
        receiver_file = xkeys.write_receiver_key_file(session, keys_dir)
    with transaction(commune.database.sessions) as session:
        pair = xkeys.ensure_own_keys(session, PASSPHRASE)
        xkeys.trust_receiver(session, receiver_file)
        enrolment = xkeys.write_enrolment_file(session, pair, keys_dir)
    with transaction(province.database.sessions) as session:
        xkeys.enrol(session, enrolment)


@contextmanager
def linked_pair(template: Path, folder: Path, monkeypatch: Any,
                province_url: str | None = None) -> Iterator[tuple[Site, Site, Path]]:
    """A province (a SQLite file, or the empty PostgreSQL database at `province_url`) and Hà Tu
    linked by keys, and an empty folder standing for the USB stick."""
    from tests.conftest import HA_TU, QUANG_NINH

    fast_keys(monkeypatch)
    if province_url is None:
        province = make_site(template, folder, "province", QUANG_NINH)
    else:
        initialise(province_url, QUANG_NINH).database.dispose()
        province = Site("province", Path("postgresql"), connect(province_url))
    commune = make_site(template, folder, "commune", HA_TU)
    try:
        link(province, commune, folder / "keys")
        usb = folder / "usb"
        usb.mkdir()
        yield province, commune, usb
    finally:
        province.database.dispose()
        commune.database.dispose()


def session_values(ref_day: dt.date, attendees: int, unit_code: str, **extra: Any) -> dict[str, Any]:
    values = {"date": ref_day, "unit_code": unit_code, "kind": "training", "organisers": ["police"],
              "topics": ["drugs"], "attendees": attendees, "member_attendees": 0, "place": "Nhà văn hóa khu 3"}
    values.update(extra)
    return values


def add_session(site: Site, day: dt.date, attendees: int, unit_code: str, **extra: Any) -> int:
    result = save_record(site.database, "sessions", session_values(day, attendees, unit_code, **extra), "officer")
    assert result.saved, result.violations
    assert result.record_id is not None
    return result.record_id


def edit_session(site: Site, record_id: int, day: dt.date, attendees: int, unit_code: str) -> None:
    result = save_record(site.database, "sessions", session_values(day, attendees, unit_code), "officer",
                         record_id=record_id)
    assert result.saved, result.violations


def delete_session(site: Site, record_id: int) -> None:
    delete_record(site.database, "sessions", record_id, "officer", reason="nhập trùng")


def fast_keys(monkeypatch: Any) -> None:
    monkeypatch.setattr(identity_keys, "KDF", FAST_KDF)
    monkeypatch.setattr(xkeys, "KDF", FAST_KDF, raising=False)
