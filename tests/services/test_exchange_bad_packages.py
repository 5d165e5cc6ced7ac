"""Bad packages, each refused with its own clear message and nothing at all written: every
single-byte flip of a small package, a file cut at many points, archive entries that climb out
or name devices, an unknown or revoked signer, a package for another province, a newer format,
oversized or malformed content, and a write interrupted on the stick."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import DisseminationSession, PackageLog
from desktop.services.exchange import archive, exporter
from desktop.services.exchange.container import MAGIC, ContainerWriter
from desktop.services.exchange.exporter import ExportError
from tests.conftest import HA_TU, QUANG_NINH
from tests.services.exchange_setup import PASSPHRASE, Site, add_session, fast_keys, link, linked_pair, make_site

DAY = dt.date(2025, 9, 12)
CAO_XANH = "06658"


@pytest.fixture
def sites(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Site, Site, Path]]:
    with linked_pair(template_db, tmp_path, monkeypatch) as (province, commune, usb):
        add_session(commune, DAY, 40, HA_TU)
        add_session(commune, DAY, 41, HA_TU, place="Khu 4")
        yield province, commune, usb


def nothing_written(site: Site) -> bool:
    with site.session() as session:
        return (session.scalar(select(func.count()).select_from(DisseminationSession)) == 0
                and session.scalar(select(func.count()).select_from(PackageLog)) == 0)


def test_every_single_byte_flip_is_refused(sites: tuple[Site, Site, Path], tmp_path: Path) -> None:
    province, commune, usb = sites
    data = commune.export(usb).path.read_bytes()
    flipped_dir = tmp_path / "flipped"
    flipped_dir.mkdir()
    files = []
    for position in range(len(data)):
        copy = bytearray(data)
        copy[position] ^= 0x01
        path = flipped_dir / f"{position:06d}.antq"
        path.write_bytes(bytes(copy))
        files.append(path)
    report = province.import_(*files)
    statuses = {p.status for p in report.packages}
    assert statuses == {"refused"}, [p for p in report.packages if p.status != "refused"][:3]
    assert all(p.message for p in report.packages)
    assert nothing_written(province)


def test_a_file_cut_short_anywhere_is_refused(sites: tuple[Site, Site, Path], tmp_path: Path) -> None:
    province, commune, usb = sites
    data = commune.export(usb).path.read_bytes()
    cut_dir = tmp_path / "cut"
    cut_dir.mkdir()
    files = []
    for length in sorted({*range(0, len(data), 7), len(data) - 1, len(data) - 16, len(data) - 17}):
        path = cut_dir / f"{length:06d}.antq"
        path.write_bytes(data[:length])
        files.append(path)
    report = province.import_(*files)
    assert {p.status for p in report.packages} == {"refused"}
    assert {p.code for p in report.packages} <= {"not_a_package", "truncated", "damaged"}
    assert nothing_written(province)


def _crafted(commune: Site, path: Path, build: callable, *, header_changes: dict | None = None) -> Path:
    """A package encrypted for the province by the commune, whose tar is built by `build(tar)`."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from desktop.services.exchange import keys as xkeys

    with commune.session() as session:
        receiver = xkeys.active_receiver(session)
        own = xkeys.own_public(session)
        header = {"kind": "records", "installation": own.installation_uid, "sequence": 1, "signer": own.fingerprint,
                  "recipient": receiver.fingerprint, "unit": HA_TU, "scheme": "2025", "made_at": "2026-01-01T00:00:00"}
        header.update(header_changes or {})
        public = X25519PublicKey.from_public_bytes(receiver.receiving_public)
    with path.open("wb") as handle:
        container = ContainerWriter(handle, header, public)
        zipped = gzip.GzipFile(fileobj=container, mode="wb")
        with tarfile.open(fileobj=zipped, mode="w|", format=tarfile.GNU_FORMAT) as tar:
            build(tar)
        zipped.close()
        container.close()
    return path


def _file(tar: tarfile.TarFile, name: str, data: bytes = b"{}\n", kind: bytes = tarfile.REGTYPE) -> None:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    if kind == tarfile.SYMTYPE:
        info.linkname = "/etc/passwd"
    tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)


@pytest.mark.parametrize(("name", "kind", "code"), [
    ("../parts/sessions-00001.jsonl", tarfile.REGTYPE, "entry_parent"),
    ("parts/../../evil.jsonl", tarfile.REGTYPE, "entry_parent"),
    ("/etc/cron.d/antq", tarfile.REGTYPE, "entry_absolute"),
    ("C:/Windows/antq.jsonl", tarfile.REGTYPE, "entry_absolute"),
    ("parts/CON.jsonl", tarfile.REGTYPE, "entry_device_name"),
    ("NUL", tarfile.REGTYPE, "entry_device_name"),
    ("parts/sessions-00001.jsonl", tarfile.CHRTYPE, "entry_device"),
    ("parts/sessions-00001.jsonl", tarfile.SYMTYPE, "entry_link"),
    ("parts/readme.txt", tarfile.REGTYPE, "entry_unexpected"),
])
def test_archive_entries_that_escape_or_name_devices_are_refused(
        sites: tuple[Site, Site, Path], tmp_path: Path, name: str, kind: bytes, code: str) -> None:
    province, commune, _ = sites
    package = _crafted(commune, tmp_path / "evil.antq", lambda tar: _file(tar, name, kind=kind))
    summary = province.import_(package).packages[0]
    assert (summary.status, summary.code) == ("refused", code)
    assert name.split("/")[-1] in summary.message or name in summary.message
    assert nothing_written(province)


def test_an_entry_twice_and_malformed_content_are_refused(sites: tuple[Site, Site, Path], tmp_path: Path) -> None:
    province, commune, _ = sites

    def twice(tar: tarfile.TarFile) -> None:
        _file(tar, "parts/sessions-00001.jsonl", b"")
        _file(tar, "parts/sessions-00001.jsonl", b"")

    assert province.import_(_crafted(commune, tmp_path / "a.antq", twice)).packages[0].code == "entry_twice"
    malformed = _crafted(commune, tmp_path / "b.antq", lambda tar: _file(tar, "parts/sessions-00001.jsonl", b"[1, 2\n"))
    assert province.import_(malformed).packages[0].code == "malformed"
    unsigned = _crafted(commune, tmp_path / "c.antq", lambda tar: _file(tar, "parts/sessions-00001.jsonl", b""))
    assert province.import_(unsigned).packages[0].code == "truncated"  # no manifest at all
    assert nothing_written(province)


def test_oversized_content_is_refused(sites: tuple[Site, Site, Path], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    province, commune, usb = sites
    package = commune.export(usb).path
    monkeypatch.setattr(archive, "MAX_MEMBER", 10)
    assert province.import_(package).packages[0].code == "too_big"
    monkeypatch.undo()
    fast_keys(monkeypatch)
    huge_header = tmp_path / "huge.antq"
    huge_header.write_bytes(MAGIC + (1 << 20).to_bytes(4, "big") + b"{" * 100)
    assert province.import_(huge_header).packages[0].code == "header_too_big"
    assert nothing_written(province)


def test_a_newer_format_says_so(sites: tuple[Site, Site, Path], tmp_path: Path) -> None:
    province, commune, usb = sites
    data = commune.export(usb).path.read_bytes()
    size = int.from_bytes(data[8:12], "big")
    header = json.loads(data[12:12 + size])
    header["format"] = 2
    encoded = json.dumps(header).encode()
    newer = tmp_path / "newer.antq"
    newer.write_bytes(MAGIC + len(encoded).to_bytes(4, "big") + encoded + data[12 + size:])
    summary = province.import_(newer).packages[0]
    assert summary.code == "newer_format" and "phiên bản mới hơn" in summary.message
    other_magic = tmp_path / "newer2.antq"
    other_magic.write_bytes(b"ANTQPKG2" + data[8:])
    assert province.import_(other_magic).packages[0].code == "newer_format"
    assert nothing_written(province)


def test_unknown_revoked_and_foreign_signers_are_refused(sites: tuple[Site, Site, Path], template_db: Path,
                                                         tmp_path: Path) -> None:
    province, commune, usb = sites
    stranger = make_site(template_db, tmp_path, "stranger", CAO_XANH)
    other_province = make_site(template_db, tmp_path, "other", QUANG_NINH)
    try:
        link(other_province, stranger, tmp_path / "keys2")
        add_session(stranger, DAY, 12, CAO_XANH)
        unknown = stranger.export(usb).path
        assert province.import_(unknown).packages[0].code == "unknown_signer"

        package = commune.export(usb).path
        from db.engine import transaction
        from desktop.services.exchange import keys as xkeys

        with transaction(province.database.sessions) as session:
            sender = xkeys.list_keys(session)[-1]
            xkeys.revoke(session, sender.fingerprint)
        summary = province.import_(package).packages[0]
        assert summary.code == "signer_revoked" and "thu hồi" in summary.message
        assert nothing_written(province)

        # The commune's key enrolled at another province too: a package made for the first is
        # not for the second.
        link(other_province, commune, tmp_path / "keys3")
        foreign = other_province.import_(package).packages[0]
        assert foreign.code == "another_receiver"
        with other_province.session() as session:
            assert session.scalar(select(func.count()).select_from(DisseminationSession)) == 0
    finally:
        stranger.database.dispose()
        other_province.database.dispose()


def test_a_write_interrupted_on_the_stick_leaves_no_package(sites: tuple[Site, Site, Path],
                                                          monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    province, commune, usb = sites
    original = exporter._HashingFile.write

    def pulled_out(self: exporter._HashingFile, data: bytes) -> int:
        if self.size > 300:
            raise OSError(5, "Input/output error")
        return original(self, data)

    monkeypatch.setattr(exporter._HashingFile, "write", pulled_out)
    with pytest.raises(ExportError) as refused:
        commune.export(usb)
    assert "Dữ liệu không thay đổi" in refused.value.message
    assert list(usb.iterdir()) == []  # neither a package nor its temporary file
    monkeypatch.setattr(exporter._HashingFile, "write", original)
    with commune.session() as session:
        assert session.scalar(select(func.count()).select_from(PackageLog)) == 0
    whole = commune.export(usb).path
    assert whole.name.endswith("-0001.antq")  # the number was not used up
    # What a pulled stick leaves (the first bytes, under any name) never imports.
    half = tmp_path / whole.name
    half.write_bytes(whole.read_bytes()[:301])
    assert province.import_(half).packages[0].status == "refused"
    assert nothing_written(province)


def test_a_record_twice_in_one_package_is_written_once(sites: tuple[Site, Site, Path], tmp_path: Path) -> None:
    """A signed package (a buggy sender's) holding the same record in two parts: the second is
    rejected, the first written once, and the search index stays whole."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from sqlalchemy import text

    from desktop.services.exchange import keys as xkeys
    from desktop.services.exchange.package import PackageWriter
    from desktop.services.exchange.serialise import record_items

    province, commune, _ = sites
    with commune.session() as session:
        pair = xkeys.unlock(session, PASSPHRASE)
        receiver = xkeys.active_receiver(session)
        items = [item for batch in record_items(session, "sessions") for item in batch]
        header = {"kind": "records", "installation": pair.public.installation_uid, "sequence": 1,
                  "signer": pair.public.fingerprint, "recipient": receiver.fingerprint, "unit": HA_TU,
                  "scheme": "2025", "made_at": "2026-01-01T00:00:00"}
        path = tmp_path / "twice.antq"
        with path.open("wb") as handle:
            writer = PackageWriter(handle, header, X25519PublicKey.from_public_bytes(receiver.receiving_public))
            writer.add_part("sessions", items)
            # The same uid again, as a newer edit: written, it would update a row whose search
            # entry is not made yet.
            newer = dict(items[0], revision=items[0]["revision"] + 1, updated_at="2026-01-02T00:00:00")
            writer.add_part("sessions", [newer])
            writer.finish({"format": 1, "made_at": "2026-01-01T00:00:00", "previous": ""}, pair.signing)
    summary = province.import_(path).packages[0]
    assert summary.status == "imported"
    assert summary.counts.created == len(items) and len(summary.counts.rejected) == 1
    assert "hai lần" in summary.counts.rejected[0].reasons[0]
    with province.session() as session:
        assert session.scalar(select(func.count()).select_from(DisseminationSession)) == len(items)
        session.execute(text("INSERT INTO dissemination_session_fts(dissemination_session_fts) VALUES('integrity-check')"))
