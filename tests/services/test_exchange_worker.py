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
    # Handed to the worker ahead, while the package before it ends: refused at its turn all the same.
    cut = tmp_path / "cut.antq"
    cut.write_bytes(files[1].read_bytes()[:files[1].stat().st_size // 2])
    order = [files[0], bad, cut, files[1], files[2]]
    helped = _imported(empty, tmp_path / "helped.sqlite3", order, True, monkeypatch)
    assert helped == _imported(empty, tmp_path / "alone2.sqlite3", order, False, monkeypatch)
    assert [s["status"] for s in helped[0]] == ["imported", "refused", "refused", "imported", "imported"]


def test_a_first_part_prepared_half_here_half_in_the_worker_gives_the_same(
        packages: tuple[Site, Path, list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first part of a package is prepared half by the importer, half by the worker: a uid of
    the first half met again in the second, and malformed records in both, are rejected as they
    are when one process prepares the whole part, in the same order."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from desktop.services.exchange import keys as xkeys
    from desktop.services.exchange.package import PackageWriter
    from desktop.services.exchange.serialise import record_items

    commune, empty, _ = packages
    commune.database = connect(commune.path)
    with commune.session() as session:
        pair = xkeys.unlock(session, PASSPHRASE)
        receiver = xkeys.active_receiver(session)
        items = [item for batch in record_items(session, "sessions") for item in batch][:40]
        header = {"kind": "records", "installation": pair.public.installation_uid, "sequence": 9,
                  "signer": pair.public.fingerprint, "recipient": receiver.fingerprint, "unit": HA_TU,
                  "scheme": "2025", "made_at": "2026-01-01T00:00:00"}
    commune.database.dispose()
    newer = dict(items[3], revision=items[3]["revision"] + 1, updated_at="2026-01-02T00:00:00")
    part = [*items[:10], {"uid": "malformed"}, *items[10:], newer, {"values": {"ref": "X-1"}}]
    path = tmp_path / "halves.antq"
    with path.open("wb") as handle:
        writer = PackageWriter(handle, header, X25519PublicKey.from_public_bytes(receiver.receiving_public))
        writer.add_part("sessions", part)
        writer.finish({"format": 1, "made_at": "2026-01-01T00:00:00", "previous": ""}, pair.signing)
    alone = _imported(empty, tmp_path / "alone.sqlite3", [path], False, monkeypatch)
    helped = _imported(empty, tmp_path / "helped.sqlite3", [path], True, monkeypatch)
    assert helped == alone
    summary = helped[0][0]
    assert summary["created"] == 40 and summary["rejected"] == 3
    assert [r["uid"] for r in summary["rejections"]] == ["malformed", items[3]["uid"], ""]


def test_linked_records_named_by_uid_are_checked_as_the_database_would(
        packages: tuple[Site, Path, list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cases and recipients are validated before their sources and decisions are looked up: a
    record naming one that is not there is validated again by the merge, whose reasons (all of
    them) are those the database's lookups give; the others are linked to the right records."""
    import uuid

    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from desktop.services.exchange import keys as xkeys
    from desktop.services.exchange.merge import Merger
    from desktop.services.exchange.package import PackageWriter
    from desktop.services.exchange.serialise import record_items

    commune, empty, files = packages
    commune.database = connect(commune.path)
    with commune.session() as session:
        pair = xkeys.unlock(session, PASSPHRASE)
        receiver = xkeys.active_receiver(session)
        cases = [item for batch in record_items(session, "cases") for item in batch]
        recipients = [item for batch in record_items(session, "recipients") for item in batch]
        header = {"kind": "records", "installation": pair.public.installation_uid, "sequence": 9,
                  "signer": pair.public.fingerprint, "recipient": receiver.fingerprint, "unit": HA_TU,
                  "scheme": "2025", "made_at": "2026-01-01T00:00:00"}
    commune.database.dispose()
    case = next(item for item in cases if len(item["values"]["source_refs"]) >= 2)
    nowhere = str(uuid.uuid4())

    def copy(item: dict[str, Any], ref: str, **values: Any) -> dict[str, Any]:
        return dict(item, uid=str(uuid.uuid4()), values=dict(item["values"], ref=ref, **values))

    sources = case["values"]["source_refs"]
    new_cases = [copy(case, "VA-9-1"),  # linked as the case it copies
                 copy(case, "VA-9-2", source_refs=[sources[0], nowhere]),
                 copy(case, "VA-9-3", source_refs=[sources[0].upper()]),  # not a uid as sent
                 copy(case, "VA-9-4", source_refs=[nowhere], individuals=-5)]
    new_recipients = [copy(recipients[0], "NK-9-1"), copy(recipients[0], "NK-9-2", decision_number=nowhere)]
    path = tmp_path / "linked.antq"
    with path.open("wb") as handle:
        writer = PackageWriter(handle, header, X25519PublicKey.from_public_bytes(receiver.receiving_public))
        writer.add_part("cases", new_cases)
        writer.add_part("recipients", new_recipients)
        writer.finish({"format": 1, "made_at": "2026-01-01T00:00:00", "previous": ""}, pair.signing)
    alone = _imported(empty, tmp_path / "alone.sqlite3", [files[0], path], False, monkeypatch)
    helped = _imported(empty, tmp_path / "helped.sqlite3", [files[0], path], True, monkeypatch)
    assert helped == alone
    summary = helped[0][1]
    assert (summary["status"], summary["created"]) == ("imported", 2)
    rejected = {r["ref"]: r["reasons"] for r in summary["rejections"]}
    assert set(rejected) == {"VA-9-2", "VA-9-3", "VA-9-4", "NK-9-2"}
    assert any(nowhere in reason for reason in rejected["NK-9-2"])
    assert len(rejected["VA-9-4"]) == 2  # the unknown source and the number of people
    database = connect(tmp_path / "helped.sqlite3")  # the reasons the database's lookups give
    try:
        with database.sessions() as session:
            merger = Merger(session, session.execute(text("SELECT id FROM admin_unit WHERE code = :c AND scheme = '2025'"),
                                                     {"c": HA_TU}).scalar_one())
            merger._prefetch_links("cases", [("defer", item) for item in new_cases])
            for item in new_cases[1:]:
                assert merger._validated("cases", item) == ("rejected", rejected[item["values"]["ref"]])
            linked = [sorted(session.execute(text(
                "SELECT s.uid FROM case_source l JOIN information_source s ON s.id = l.source_id "
                "JOIN uncovered_case c ON c.id = l.case_id WHERE c.uid = :uid"), {"uid": uuid.UUID(uid).hex}).scalars())
                for uid in (case["uid"], new_cases[0]["uid"])]
            assert linked[0] == linked[1] and len(linked[0]) == len(sources)
            decisions = session.execute(text("SELECT decision_id FROM commendation_recipient WHERE uid IN (:a, :b)"),
                                        {"a": uuid.UUID(recipients[0]["uid"]).hex,
                                         "b": uuid.UUID(new_recipients[0]["uid"]).hex}).scalars().all()
            assert len(decisions) == 2 and decisions[0] == decisions[1]
    finally:
        database.dispose()
