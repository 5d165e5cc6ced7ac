"""A large import prepares its parts in a second process (`exchange/worker.py`): the same packages
imported with the worker and without it give the very same rows (ids, links, organisations made
on the way, search index) and the same summaries, with rejections and conflicts; a refused
package leaves nothing due for the next; the worker ends with the import."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import tarfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.services.demo import make_demo
from desktop.services.exchange import importer
from desktop.services.installation import connect
from tests.conftest import HA_TU, QUANG_NINH, _copy_sqlite
from tests.services.exchange_setup import PASSPHRASE, Site, add_session, edit_session, fast_keys, link, make_site
from tests.services.test_exchange_bad_packages import _crafted, _file

TABLES = ("dissemination_session", "security_model", "information_source", "uncovered_case",
          "commendation_decision", "commendation_recipient", "session_organiser", "session_topic",
          "case_source", "typical_recognition")
DAY = dt.date(2025, 9, 12)


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import writes, ids included, and what the search index finds."""
    database = connect(path)
    try:
        with database.sessions() as session:
            rows = {table: [tuple(row) for row in session.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2"))]
                    for table in TABLES}
            # Organisations made on the way: each gets a new random uid wherever it is made.
            rows["organisation"] = [tuple(row) for row in session.execute(text(
                "SELECT id, unit_id, kind, name, deleted FROM organisation ORDER BY id"))]
            rows["search"] = [tuple(row) for row in session.execute(text(
                "SELECT rowid FROM dissemination_session_fts WHERE dissemination_session_fts MATCH 'khu' "
                "ORDER BY rowid"))]
            return rows
    finally:
        database.dispose()


@pytest.fixture
def packages(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Site, Path, list[Path]]:
    """The commune, the province's file before any import, and three packages of the commune's
    demo records of every kind, with an edit, and a record the province must reject."""
    fast_keys(monkeypatch)
    province = make_site(template_db, tmp_path, "province", QUANG_NINH)
    commune = make_site(template_db, tmp_path, "commune", HA_TU)
    link(province, commune, tmp_path / "keys")
    usb = tmp_path / "usb"
    usb.mkdir()
    make_demo(commune.database, years=3, records=900, seed=4)
    files = [commune.export(usb).path]
    add_session(province, DAY, 12, HA_TU, place="Trụ sở")  # takes a reference the commune will send
    first = add_session(commune, DAY, 40, HA_TU, place="Khu 9")
    files.append(commune.export(usb).path)
    edit_session(commune, first, DAY, 77, HA_TU)
    add_session(commune, DAY, 41, HA_TU, place="Khu 4")
    files.append(commune.export(usb).path)
    province.database.dispose()
    commune.database.dispose()
    empty = tmp_path / "empty-province.sqlite3"
    _copy_sqlite(province.path, empty)
    return commune, empty, files


def _imported(empty: Path, copy: Path, files: list[Path], worker: bool,
              monkeypatch: pytest.MonkeyPatch) -> tuple[list[dict[str, Any]], dict[str, list[tuple[Any, ...]]]]:
    monkeypatch.setattr(importer, "WORKER_BYTES", 0 if worker else 10**12)
    _copy_sqlite(empty, copy)
    database = connect(copy)
    try:
        report = importer.import_packages(database, files, PASSPHRASE)
    finally:
        database.dispose()
    return [package.as_json() for package in report.packages], dump(copy)


def test_the_worker_gives_the_same_rows_and_summaries(packages: tuple[Site, Path, list[Path]], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _, empty, files = packages
    started = []
    original = importer.PrepareWorker.__init__

    def counted(self: importer.PrepareWorker) -> None:
        started.append(1)
        original(self)

    monkeypatch.setattr(importer.PrepareWorker, "__init__", counted)
    order = [files[2], files[0], files[1], files[0]]  # out of order, and one twice
    alone = _imported(empty, tmp_path / "alone.sqlite3", order, False, monkeypatch)
    assert started == []
    helped = _imported(empty, tmp_path / "helped.sqlite3", order, True, monkeypatch)
    assert started == [1]
    assert helped == alone
    summaries, rows = helped
    assert [s["status"] for s in summaries] == ["imported", "imported", "imported", "already"]
    assert sum(s["created"] for s in summaries) > 800 and sum(s["rejected"] for s in summaries) >= 1
    assert all(rows[table] for table in TABLES) and rows["search"] and len(rows["organisation"]) > 1
    assert multiprocessing.active_children() == []  # the worker ended with the import


def test_a_refused_package_leaves_nothing_due_for_the_next(packages: tuple[Site, Path, list[Path]], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    commune, empty, files = packages
    lines = b"".join(b'{"uid": "%d"}\n' % n for n in range(3000))

    def malformed(tar: tarfile.TarFile) -> None:  # parts the worker takes, then a line no parser reads
        for number in range(1, 4):
            _file(tar, f"parts/sessions-{number:05d}.jsonl", lines)
        _file(tar, "parts/sessions-00004.jsonl", b"[1, 2\n")
        _file(tar, "parts/sessions-00005.jsonl", lines)

    bad = _crafted(commune, tmp_path / "bad.antq", malformed)
    summaries, _ = _imported(empty, tmp_path / "province.sqlite3", [bad, files[0]], True, monkeypatch)
    assert [s["status"] for s in summaries] == ["refused", "imported"]
    assert "định dạng" in summaries[0]["message"]
    assert summaries[1]["created"] == _imported(empty, tmp_path / "alone.sqlite3", [files[0]], False,
                                                monkeypatch)[0][0]["created"]
    assert multiprocessing.active_children() == []
