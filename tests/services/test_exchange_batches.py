"""Packages imported together are committed in batches, each package all or nothing inside its
batch: a package refused after some of its records were merged leaves nothing behind (not even
in the search index), the packages around it are kept whole, and a cancel keeps the packages
finished before it. The same whatever the batch size."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from db.models import DisseminationSession, PackageLog
from db.search import matches
from desktop.services.checks import verify_audit_chain
from desktop.services.exchange import exporter, importer
from desktop.services.exchange.merge import Merger
from desktop.services.exchange.package import Part
from desktop.services.exchange.prepare import Prepared
from desktop.services.progress import Cancelled, Progress
from tests.conftest import HA_TU
from tests.services.exchange_setup import PASSPHRASE, Site, add_session, linked_pair

DAY = dt.date(2025, 9, 12)


@pytest.fixture
def sites(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Site, Site, Path]]:
    monkeypatch.setattr(exporter, "PART_RECORDS", 2)  # several parts per package
    with linked_pair(template_db, tmp_path, monkeypatch) as pair:
        yield pair


def add_sessions(commune: Site, numbers: range) -> None:
    for n in numbers:
        add_session(commune, DAY - dt.timedelta(days=n), 40 + n, HA_TU, place=f"Khu {n}")


def two_packages(commune: Site, usb: Path) -> tuple[Path, Path]:
    add_sessions(commune, range(3))
    first = commune.export(usb).path
    add_sessions(commune, range(3, 6))
    return first, commune.export(usb).path


def merged_records(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many records each call of `Merger.apply` was given (each part written), in order."""
    sizes: list[int] = []
    apply = Merger.apply

    def counted(self: Merger, kind: str, prepared: Prepared, items: Any) -> None:
        sizes.append(len(prepared[0]) + len(prepared[1]))
        apply(self, kind, prepared, items)

    monkeypatch.setattr(Merger, "apply", counted)
    return sizes


def stored(site: Site) -> tuple[dict[str, int], int, int]:
    """Sessions (place → attendees), packages logged, and sessions the quick search finds; the
    search index and the audit chain checked whole on the way."""
    with site.session() as session:
        session.execute(text("INSERT INTO dissemination_session_fts(dissemination_session_fts) "
                             "VALUES ('integrity-check')"))  # raises if the index and the rows disagree
        chain = verify_audit_chain(session)
        assert chain.problems == [] and chain.count > 0
        places = dict(session.execute(select(DisseminationSession.place, DisseminationSession.attendees)).all())
        logged = session.scalar(select(func.count()).select_from(PackageLog))
        found = session.scalar(select(func.count()).select_from(DisseminationSession).where(
            matches(DisseminationSession, "khu", "sqlite")))
        return places, logged or 0, found or 0


@pytest.mark.parametrize("worker_bytes", [10**12, 0], ids=["alone", "with-worker"])
@pytest.mark.parametrize("batch", [1, 250_000])
def test_a_package_refused_after_merging_leaves_nothing_and_its_neighbours_whole(
        sites: tuple[Site, Site, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int,
        worker_bytes: int) -> None:
    """The refused package was applied without a savepoint (SQLite): its batch is rolled back and
    applied again, then the package in a savepoint of its own, refused. With the worker, the
    package after the refused one was handed to it ahead, with what the refused one made: that
    is dropped, and the package prepared again at its turn."""
    province, commune, usb = sites
    monkeypatch.setattr(importer, "BATCH_RECORDS", batch)
    monkeypatch.setattr(importer, "WORKER_BYTES", worker_bytes)
    add_sessions(commune, range(3))
    honest = commune.export(usb).path
    # The commune forgets its log (a restored backup) and numbers a package 1 again: refused as
    # replayed, which is found only at the end, after its records were merged.
    with commune.session() as session, session.begin():
        session.execute(PackageLog.__table__.delete())
    add_sessions(commune, range(3, 6))
    replay = commune.export(tmp_path).path
    add_sessions(commune, range(6, 9))
    later = commune.export(usb).path
    sizes = merged_records(monkeypatch)
    handed: list[bool] = []  # each part handed to the worker: whether it was a package's first
    firsts: list[bytes] = []  # each package's first part, each time it was read
    submit, parts = importer.PrepareWorker.submit, importer.PackageReader.parts

    def counted(self: importer.PrepareWorker, kind: str, data: bytes) -> None:
        handed.append(any(data is first for first in firsts))
        submit(self, kind, data)

    def first_kept(self: importer.PackageReader, *keys: Any) -> Iterator[Part]:
        for place, part in enumerate(parts(self, *keys)):
            if place == 0:
                firsts.append(part.data)
            yield part

    monkeypatch.setattr(importer.PrepareWorker, "submit", counted)
    monkeypatch.setattr(importer.PackageReader, "parts", first_kept)

    report = province.import_(honest, replay, later)

    assert [(p.status, p.code) for p in report.packages] == [
        ("imported", ""), ("refused", "sequence_reused"), ("imported", "")]
    # `replay` merged without a savepoint, then again in one; `honest` again too when the batch
    # held it (a batch of 250,000 records, not of one package).
    again = 3 if batch > 1 else 0
    assert sum(sizes) == 3 + 6 + again + 6 + 3
    # Parts of two records. With the worker: `honest`; `replay` handed ahead; `later` handed ahead
    # while `replay` ended, dropped with it; `honest` again if the batch held it; `replay` again,
    # in a savepoint; `later` handed again at its turn.
    first, other = True, False
    assert handed == ([] if worker_bytes else [
        first, other, first, other, other, first, other, *([first, other] if again else []),
        first, other, other, first, other])
    places, logged, found = stored(province)
    assert places == {f"Khu {n}": 40 + n for n in (0, 1, 2, 6, 7, 8)}
    assert (logged, found) == (2, 6)


@pytest.mark.parametrize("batch", [1, 250_000])
def test_a_cancel_keeps_the_packages_finished_before_it(
        sites: tuple[Site, Site, Path], monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    province, commune, usb = sites
    monkeypatch.setattr(importer, "BATCH_RECORDS", batch)
    first, second = two_packages(commune, usb)
    checks = []

    class CancelInSecond(Progress):
        def check(self) -> None:
            checks.append(1)
            if len(checks) == 3:  # the first package has two parts; one part of the second is read
                raise Cancelled()

    with pytest.raises(Cancelled):
        importer.import_packages(province.database, [first, second], PASSPHRASE, progress=CancelInSecond())

    places, logged, found = stored(province)
    assert places == {f"Khu {n}": 40 + n for n in range(3)}
    assert (logged, found) == (1, 3)
    assert province.import_(second).packages[0].status == "imported"  # nothing of it was kept
    assert stored(province)[0] == {f"Khu {n}": 40 + n for n in range(6)}


def test_a_dry_run_of_several_packages_keeps_nothing(sites: tuple[Site, Site, Path]) -> None:
    province, commune, usb = sites
    first, second = two_packages(commune, usb)
    report = province.import_(first, second, dry_run=True)
    assert [(p.status, p.counts.created) for p in report.packages] == [("checked", 3), ("checked", 3)]
    assert stored(province) == ({}, 0, 0)


@pytest.mark.parametrize("batch", [1, 250_000])
def test_a_record_made_and_edited_in_one_batch_is_found_by_its_last_text(
        sites: tuple[Site, Site, Path], monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    """The search index is filled after each package of a batch: a record one package makes
    enters it then, and the next package's edit replaces its text; a record edited that was there
    before the batch leaves its old text. The same with one package a batch."""
    from desktop.services.editing import save_record
    from tests.services.exchange_setup import session_values

    province, commune, usb = sites
    monkeypatch.setattr(importer, "BATCH_RECORDS", batch)
    before = add_session(commune, DAY, 10, HA_TU, place="Chùa Long Tiên")
    assert province.import_(commune.export(usb).path).packages[0].status == "imported"
    made = add_session(commune, DAY, 11, HA_TU, place="Đình Hà Tu")
    first = commune.export(usb).path
    for record_id, place in ((made, "Bến Đoan"), (before, "Cầu Trắng")):
        values = session_values(DAY, 12, HA_TU, place=place)
        assert save_record(commune.database, "sessions", values, "officer", record_id=record_id).saved
    second = commune.export(usb).path

    report = province.import_(first, second)

    assert [p.status for p in report.packages] == ["imported", "imported"]
    places, _, _ = stored(province)  # the index checked whole
    assert places == {"Bến Đoan": 12, "Cầu Trắng": 12}
    with province.session() as session:
        def found(words: str) -> int:
            return session.scalar(select(func.count()).select_from(DisseminationSession).where(
                matches(DisseminationSession, words, "sqlite"))) or 0
        assert (found("ben doan"), found("cau trang"), found("dinh ha tu"), found("long tien")) == (1, 1, 0, 0)


@pytest.mark.parametrize("worker_bytes", [10**12, 0], ids=["alone", "with-worker"])
def test_each_part_written_gets_the_next_change_number(
        sites: tuple[Site, Site, Path], monkeypatch: pytest.MonkeyPatch, worker_bytes: int) -> None:
    """A district exports upward what changed since its last export, by change number: each part
    an import writes takes the number after the last one given, package after package (the merge
    counts them on within a package instead of asking the table each part)."""
    province, commune, usb = sites
    monkeypatch.setattr(importer, "WORKER_BYTES", worker_bytes)
    first, second = two_packages(commune, usb)
    province.import_(first)
    with province.session() as session:
        after_first = sorted(session.scalars(select(DisseminationSession.change_seq)))
    province.import_(second)
    with province.session() as session:
        after_both = sorted(session.scalars(select(DisseminationSession.change_seq)))
    # Parts of two records: 3 sessions → numbers 1, 1, 2; then 3 more → 3, 3, 4.
    assert after_first == [1, 1, 2]
    assert after_both == [1, 1, 2, 3, 3, 4]
