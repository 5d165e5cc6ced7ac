"""Packages arrive late, twice and out of order: 20 packages from three communes, with edits
and deletions between them, imported in many random orders into copies of one province, give
identical records; and a process killed in the middle of an import leaves the province exactly
as it was."""
from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from db.models import DisseminationSession, PackageLog
from desktop.services.exchange.serialise import record_items
from desktop.services.installation import connect
from tests.conftest import HA_TU, QUANG_NINH, _copy_sqlite
from tests.services.exchange_setup import (
    PASSPHRASE,
    add_session,
    delete_session,
    edit_session,
    fast_keys,
    link,
    make_site,
)

COMMUNES = (HA_TU, "06658", "06661")


def snapshot(path: Path) -> list[tuple[Any, ...]]:
    """Every session as the packages describe it (uid, revision, values by name): what must be
    the same whatever the order, unlike local ids."""
    database = connect(path)
    try:
        with database.sessions() as session:
            return sorted(tuple(sorted((k, str(v)) for k, v in item.items()))
                          for batch in record_items(session, "sessions") for item in batch)
    finally:
        database.dispose()


@pytest.fixture
def packages(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[Path]]:
    """A linked province (its file, before any import) and 20 packages from three communes."""
    fast_keys(monkeypatch)
    rng = random.Random(5)
    province = make_site(template_db, tmp_path, "province", QUANG_NINH)
    communes = [make_site(template_db, tmp_path, f"commune{i}", code) for i, code in enumerate(COMMUNES)]
    for commune in communes:
        link(province, commune, tmp_path / "keys")
    usb = tmp_path / "usb"
    usb.mkdir()
    files: list[Path] = []
    alive: dict[int, list[int]] = {i: [] for i in range(len(communes))}
    for step in range(20):
        index = step % len(communes)
        commune, code = communes[index], COMMUNES[index]
        for _ in range(rng.randint(1, 4)):
            day = dt.date(2025, 8, 1) + dt.timedelta(days=rng.randint(0, 90))
            alive[index].append(add_session(commune, day, rng.randint(5, 300), code, place=f"Điểm {rng.randint(1, 10**6)}"))
        if alive[index] and rng.random() < 0.6:
            edit_session(commune, rng.choice(alive[index]), dt.date(2025, 10, 2), rng.randint(5, 300), code)
        if len(alive[index]) > 2 and rng.random() < 0.4:
            victim = alive[index].pop(rng.randrange(len(alive[index])))
            delete_session(commune, victim)
        files.append(commune.export(usb).path)
    province.database.dispose()
    for commune in communes:
        commune.database.dispose()
    return province.path, files


def test_any_order_gives_the_same_records(packages: tuple[Path, list[Path]], tmp_path: Path) -> None:
    from desktop.services.exchange.importer import import_packages

    empty_province, files = packages
    assert len(files) == 20
    rng = random.Random(11)
    results = []
    for attempt in range(6):
        order = files[:]
        rng.shuffle(order)
        order += rng.sample(files, 5)  # some arrive twice
        copy = tmp_path / f"province-{attempt}.sqlite3"
        _copy_sqlite(empty_province, copy)
        database = connect(copy)
        try:
            report = import_packages(database, order, PASSPHRASE)
        finally:
            database.dispose()
        assert not report.refused
        assert sum(p.status == "already" for p in report.packages) == 5
        assert report.missing == {}
        results.append(snapshot(copy))
    assert all(result == results[0] for result in results[1:])
    assert len(results[0]) > 20


def _counts(path: Path) -> tuple[int, int, str]:
    database = connect(path)
    try:
        with database.sessions() as session:
            check = session.execute(text("PRAGMA integrity_check")).scalar()
            return (session.scalar(select(func.count()).select_from(DisseminationSession)) or 0,
                    session.scalar(select(func.count()).select_from(PackageLog)) or 0, check)
    finally:
        database.dispose()


CHILD = """
import sys, time
from desktop.services.exchange import importer
importer.WORKER_BYTES = int(sys.argv.pop(1))  # 0: the parts are prepared by the worker process
from tests.services.exchange_setup import FAST_KDF
import desktop.services.keys as keys
keys.KDF = FAST_KDF
from desktop.services.exchange.merge import Merger
apply = Merger.apply
def announced(self, kind, prepared, items):
    apply(self, kind, prepared, items)
    print("part", flush=True)  # written into the open transaction, not committed
    time.sleep(0.02)
Merger.apply = announced
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("worker_bytes", [10**12, 0], ids=["alone", "with-worker"])
def _children(parent: int) -> list[int]:
    """The processes `parent` started (Linux: read from /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with suppress(OSError):
            if f"\nPPid:\t{parent}\n" in status.read_text():
                found.append(int(status.parent.name))
    return found


def _ended(pids: list[int], seconds: float = 10) -> bool:
    """Whether these processes are gone (or dead, waiting to be reaped) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            with suppress(OSError):
                if "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text():
                    alive.append(pid)
        if not alive:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("worker_bytes", [10**12, 0], ids=["alone", "with-worker"])
def test_a_killed_import_leaves_the_province_as_it_was(template_db: Path, tmp_path: Path, worker_bytes: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services.exchange import exporter

    fast_keys(monkeypatch)
    monkeypatch.setattr(exporter, "PART_RECORDS", 20)  # many parts: many moments to be killed in
    province = make_site(template_db, tmp_path, "province", QUANG_NINH)
    commune = make_site(template_db, tmp_path, "commune", HA_TU)
    link(province, commune, tmp_path / "keys")
    usb = tmp_path / "usb"
    usb.mkdir()
    day = dt.date(2025, 8, 1)
    for n in range(200):
        add_session(commune, day + dt.timedelta(days=n % 90), 10 + n, HA_TU, place=f"Điểm {n}")
    package = commune.export(usb).path
    province.database.dispose()
    commune.database.dispose()
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    command = [sys.executable, "-c", CHILD, str(worker_bytes), "--db", str(province.path), "import", str(package),
               "--passphrase-file", str(secret)]
    rng = random.Random(3)
    for _ in range(4):
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                 cwd=Path(__file__).resolve().parents[2])
        assert child.stdout is not None
        for _ in range(rng.randint(1, 9)):  # of 10 parts
            assert child.stdout.readline() == "part\n"
        workers = _children(child.pid)  # the worker (and multiprocessing's resource tracker)
        assert bool(workers) == (worker_bytes == 0)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert _counts(province.path) == (0, 0, "ok")
        assert _ended(workers)  # the worker ends when its pipe closes with the import
    finished = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
                              check=False)
    assert finished.returncode == 0, finished.stderr
    assert _counts(province.path) == (200, 1, "ok")
