"""1,000 fake informant names, sealed through the service, appear nowhere in plain text: not in
the database file, its `-wal` (inspected while a connection holds it open, automatic
checkpoints off, so every written page is there), the exports of every kind (.csv, and the
unzipped .xlsx), a backup, temporary files, or the log and console output — in UTF-8 (NFC, NFD,
upper case), UTF-16 (both byte orders) or folded ASCII (any case). Then the sources and identities are deleted and
the file checked again: `secure_delete` overwrote them.

The backup is made by `desktop.services.backups.backup_now` (into `backups/` beside the file);
the search covers every file under the test's folder."""
from __future__ import annotations

import inspect
import logging
import re
import sqlite3
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from db.engine import transaction
from db.models import InformantIdentity
from db.textfold import fold
from db.units import own_unit
from desktop.services import identities, keys
from desktop.services.installation import Database
from desktop.services.listing import KINDS
from desktop.services.permissions import OWNER, Actor
from desktop.services.tables.exporter import export_table
from tests.services.test_identities import add_sources
from tests.services.test_keys import PASSWORD, add_user

COUNT = 1000
_FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi")
_MIDDLES = ("Văn", "Thị", "Đức", "Ngọc", "Hữu")
STEM = "Bí Mật "


def planted(n: int) -> str:
    """The n-th fake name: 'Nguyễn Văn Bí Mật 0000' …; every fifth typed without accents, as on a
    keyboard without a Vietnamese input method ('Hoang Van Bi Mat 0004')."""
    name = f"{_FAMILIES[n % 10]} {_MIDDLES[n // 10 % 5]} {STEM}{n:04d}"
    return fold(name).title() if n % 5 == 4 else name


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# Each form: how a name would be spelled in bytes, how its four digits look, whether case counts.
FORMS: dict[str, tuple[Callable[[str], bytes], bytes, bool]] = {
    "UTF-8": (lambda s: _nfc(s).encode("utf-8"), rb"[0-9]{4}", False),
    "UTF-8 NFD": (lambda s: unicodedata.normalize("NFD", s).encode("utf-8"), rb"[0-9]{4}", False),
    "UTF-8 upper case": (lambda s: _nfc(s).upper().encode("utf-8"), rb"[0-9]{4}", False),
    "UTF-16-LE": (lambda s: _nfc(s).encode("utf-16-le"), rb"(?:[0-9]\x00){4}", False),
    "UTF-16-BE": (lambda s: _nfc(s).encode("utf-16-be"), rb"(?:\x00[0-9]){4}", False),
    "folded ASCII": (lambda s: fold(s).encode("ascii"), rb"[0-9]{4}", True),
    "folded UTF-16-LE": (lambda s: fold(s).encode("utf-16-le"), rb"(?:[0-9]\x00){4}", True),
}


def _pattern(encode: Callable[[str], bytes], digits: bytes, fold_case: bool) -> re.Pattern[bytes]:
    space = encode("a b")[len(encode("a")):-len(encode("b"))]  # fold() would drop a trailing one
    return re.compile(re.escape(encode(STEM.strip())) + re.escape(space) + digits, re.IGNORECASE if fold_case else 0)


_PATTERNS = {form: _pattern(*spec) for form, spec in FORMS.items()}


def find_names(data: bytes, where: str) -> list[str]:
    """Every planted name found in `data`, in any form: '<where>: <form> name #n'. Every name
    holds the stem and its own number, so one pass per form finds each of the 1,000; a stem with
    a number but not the rest of its name counts too (a partial leak)."""
    found = []
    for form, pattern in _PATTERNS.items():
        encode, _digits, fold_case = FORMS[form]
        for match in pattern.finditer(data):
            number = int(match.group()[-len(encode("0000")):].replace(b"\x00", b""))
            whole = encode(planted(number)) if number < COUNT else b""
            seen = data[max(0, match.end() - len(whole)):match.end()]
            complete = bool(whole) and (seen.lower() == whole.lower() if fold_case else seen == whole)
            found.append(f"{where}: {form} {'name' if complete else 'part of name'} #{number}")
    return found


def _contents(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every file under `folder`, the members of .xlsx (zip) files unpacked."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield str(path.relative_to(folder)), data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{path.relative_to(folder)}!{member}", archive.read(member)


def scan(folder: Path, *texts: tuple[str, str]) -> list[str]:
    found: list[str] = []
    for where, data in _contents(folder):
        found += find_names(data, where)
    for where, output in texts:
        found += find_names(output.encode("utf-8"), where)
    return found


def _export(database: Database, kind: str, path: Path) -> int:
    """`export_table`, with the actor argument when the function has one (the accounts helper adds it)."""
    if "actor" in inspect.signature(export_table).parameters:
        return export_table(database, kind, path, actor=OWNER)  # type: ignore[call-arg]
    return export_table(database, kind, path)


def _backup_copy(db_path: Path) -> Path:
    """A backup as the application makes it (`backups.backup_now`); with SQLite's backup API
    directly while that module is not there."""
    try:
        from desktop.services.backups import backup_now
    except ImportError:
        target = db_path.with_name("backup.sqlite3")
        _backup(db_path, target)
        return target
    return backup_now(db_path, actor=OWNER)


def _backup(db_path: Path, target: Path) -> None:
    source, copy = sqlite3.connect(db_path), sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()


# ---------------------------------------------------------------------------------------------


def test_the_search_finds_names_left_in_plain_text() -> None:
    """The scanner itself: each form of a name is found, and nothing in ordinary text."""
    name = planted(38)
    assert name == "Đặng Ngọc Bí Mật 0038"
    for form, (encode, _digits, _fold_case) in FORMS.items():
        assert find_names(b"xx" + encode(name) + b"yy", "t") == [f"t: {form} name #38"]
    assert find_names(b"..DANG ngoc BI MAT 0038..", "t") == ["t: folded ASCII name #38"]
    assert find_names(b"..dang van bi mat 0038..", "t") == ["t: folded ASCII part of name #38"]
    assert find_names("ĐẶNG VĂN BÍ MẬT 0008".encode(), "t") == ["t: UTF-8 upper case name #8"]
    assert planted(4) == "Hoang Van Bi Mat 0004"  # typed without accents: found by its folded form
    assert find_names(planted(4).encode(), "t") == ["t: folded ASCII name #4"]
    assert find_names(planted(4).encode("utf-16-le"), "t") == ["t: folded UTF-16-LE name #4"]
    assert find_names("Tin báo số 17, Bí mật quốc gia 2026".encode(), "t") == []


def test_a_thousand_sealed_names_appear_nowhere_in_plain_text(
        database: Database, db_path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    for variable in ("TMPDIR", "TEMP", "TMP", "SQLITE_TMPDIR"):
        monkeypatch.setenv(variable, str(temporary))
    monkeypatch.setattr(keys, "KDF", keys.KdfParams(memory_kib=8192, time_cost=1, parallelism=1))
    # Every written page stays in the -wal until the test checkpoints.
    event.listen(database.engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA wal_autocheckpoint = 0"))
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # statements and their parameters
    caplog.set_level(logging.DEBUG)  # last: it also sets the capturing handler's level

    keeper = database.engine.connect()  # holds the -wal open while it is searched
    try:
        with transaction(database.sessions) as session:
            chief = add_user(session, "chief")
            add_user(session, "officer1", "officer")
            keys.ensure_installation_key(session, chief, PASSWORD)
            source_ids = add_sources(session, COUNT)
            unit_id = own_unit(session).id  # type: ignore[union-attr]
        officer, commander = Actor("officer1", "officer", unit_id), Actor("chief", "commander", unit_id)
        for start in range(0, COUNT, 100):
            with transaction(database.sessions) as session:
                for n in range(start, start + 100):
                    identities.seal_identity(session, officer, source_ids[n], planted(n))
        with transaction(database.sessions) as session:  # a reveal or two on the way
            for n in (0, 4):
                assert identities.reveal_with_password(session, commander, chief, PASSWORD, source_ids[n]) == planted(n)
            assert session.scalar(select(func.count()).select_from(InformantIdentity)) == COUNT
            kept = [session.get_one(InformantIdentity, source_ids[n]).sealed for n in range(0, COUNT, 50)]

        exports = tmp_path / "exports"
        for kind in KINDS:
            for suffix in (".csv", ".xlsx"):
                _export(database, kind, exports / f"{kind}{suffix}")
        assert (exports / "sources.csv").read_text(encoding="utf-8-sig").count("NT-2026-") == COUNT
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.stat().st_size > 1_000_000  # the seals are in it, not yet in the main file
        assert all(blob in wal.read_bytes() for blob in kept)  # so a name in it would be found
        backup = _backup_copy(db_path)
        assert backup.is_relative_to(tmp_path) and all(blob in backup.read_bytes() for blob in kept)
        assert "INSERT INTO informant_identity" in caplog.text  # the log was captured
        out, err = capsys.readouterr()
        assert scan(tmp_path, ("log", caplog.text), ("stdout", out), ("stderr", err)) == []

        # Delete them: a hundred through the service, the rest with their sources.
        with transaction(database.sessions) as session:
            for n in range(100):
                assert identities.erase_identity(session, commander, source_ids[n])
        with transaction(database.sessions) as session:
            session.execute(text("DELETE FROM information_source WHERE ref LIKE 'NT-2026-%'"))
            assert session.scalar(select(func.count()).select_from(InformantIdentity)) == 0
        out, err = capsys.readouterr()
        assert scan(tmp_path, ("log", caplog.text), ("stdout", out), ("stderr", err)) == []

        busy, _log, _done = keeper.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        assert busy == 0 and wal.stat().st_size == 0
        main = db_path.read_bytes()
        assert [blob for blob in kept if blob in main] == []  # overwritten, not just unlinked
        assert find_names(main, "database") == []
    finally:
        keeper.close()


def test_secure_delete_overwrites_a_deleted_row(database: Database, db_path: Path, tmp_path: Path) -> None:
    """With the engine's connections a deleted row's text leaves the file; a connection without
    `secure_delete` (the control) leaves it behind."""
    name = planted(123)
    control = tmp_path / "control.sqlite3"
    with transaction(database.sessions) as session:
        (source_id,) = add_sources(session, 1)
        session.execute(text("UPDATE information_source SET content = :c WHERE id = :i"), {"c": name, "i": source_id})
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert find_names(db_path.read_bytes(), "db")  # there, as plain record text is
    _backup(db_path, control)

    with transaction(database.sessions) as session:
        session.execute(text("DELETE FROM information_source WHERE id = :i"), {"i": source_id})
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert find_names(db_path.read_bytes(), "db") == []

    plain = sqlite3.connect(control, isolation_level=None)
    plain.execute("PRAGMA secure_delete = OFF")
    plain.execute("DELETE FROM information_source WHERE id = ?", (source_id,))
    plain.close()
    assert find_names(control.read_bytes(), "control")  # without the pragma the text stays
