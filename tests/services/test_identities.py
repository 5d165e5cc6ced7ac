"""Sealing and revealing informant identities: an officer records, only a commander opens (with
their password), every seal and reveal is audited without the text, an identity moved to another
row or altered does not open; and `exposure` counts what a lost file holds."""
from __future__ import annotations

import datetime as dt
import inspect

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import AuditEntry, InformantIdentity, InformationSource
from db.units import own_unit
from desktop.i18n import set_language
from desktop.services import exposure, identities, keys
from desktop.services.identities import IdentityError
from desktop.services.installation import Database
from desktop.services.keys import NoInstallationKey, WrongPassphrase
from desktop.services.permissions import OWNER, Actor, PermissionDenied, declared_permission
from tests.services.test_keys import PASSWORD, add_user

NAME = "Trần Thị Bí Mật"


def add_sources(session: Session, count: int, start: int = 1) -> list[int]:
    """`count` information sources of the own unit (refs NT-2026-0001 …), content without names."""
    unit = own_unit(session)
    assert unit is not None
    sources = [InformationSource(ref=f"NT-2026-{n:04d}", unit_id=unit.id, origin_unit_id=unit.id,
                                 received_on=dt.date(2026, 1, 1) + dt.timedelta(days=n % 300), category="drugs",
                                 channel="phone", content=f"Tin báo số {n}", created_by="officer1",
                                 updated_by="officer1")
               for n in range(start, start + count)]
    session.add_all(sources)
    session.flush()
    return [s.id for s in sources]


class Setup:
    def __init__(self, officer: Actor, commander: Actor, chief_id: int, sources: list[int]) -> None:
        self.officer, self.commander, self.chief_id, self.sources = officer, commander, chief_id, sources


@pytest.fixture
def setup(database: Database, monkeypatch: pytest.MonkeyPatch) -> Setup:
    monkeypatch.setattr(keys, "KDF", keys.KdfParams(memory_kib=8192, time_cost=1, parallelism=1))
    with transaction(database.sessions) as session:
        chief_id = add_user(session, "chief")
        add_user(session, "officer1", "officer")
        keys.ensure_installation_key(session, chief_id, PASSWORD)
        sources = add_sources(session, 3)
        unit_id = own_unit(session).id  # type: ignore[union-attr]
    return Setup(Actor("officer1", "officer", unit_id), Actor("chief", "commander", unit_id), chief_id, sources)


def _audit(session: Session, action: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _entry_text(entry: AuditEntry) -> str:
    return " ".join(str(v) for v in (entry.username, entry.table_name, entry.record_uid, entry.old_values,
                                     entry.new_values, entry.reason))


def test_officer_records_commander_reveals_both_audited_without_the_text(database: Database, setup: Setup) -> None:
    source = setup.sources[0]
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, source, f"  {NAME}, 0912 345 678 ")
    with transaction(database.sessions) as session:
        assert identities.has_identity(session, setup.officer, source)
        assert not identities.has_identity(session, setup.officer, setup.sources[1])
        with pytest.raises(PermissionDenied):
            identities.reveal_with_password(session, setup.officer, setup.chief_id, PASSWORD, source)
        revealed = identities.reveal_with_password(session, setup.commander, setup.chief_id, PASSWORD, source)
    assert revealed == f"{NAME}, 0912 345 678"  # trimmed, NFC
    with database.sessions() as session:
        record = session.get_one(InformationSource, source)
        sealed = session.get_one(InformantIdentity, source).sealed
        assert NAME.encode() not in sealed
        (seal,), (reveal,) = _audit(session, "seal"), _audit(session, "reveal")
        assert (seal.username, seal.table_name, seal.record_uid) == ("officer1", "informant_identity", str(record.uid))
        assert (reveal.username, reveal.record_uid) == ("chief", str(record.uid))
        assert "NT-2026-0001" in (reveal.new_values or "")
        for entry in (seal, reveal):
            assert "Bí Mật" not in _entry_text(entry) and "Bi Mat" not in _entry_text(entry)


def test_roles_without_the_permission_are_refused(database: Database, setup: Setup) -> None:
    clerk = Actor("clerk", "union_clerk")
    admin = Actor("admin", "administrator")
    with transaction(database.sessions) as session:
        with pytest.raises(PermissionDenied):
            identities.seal_identity(session, clerk, setup.sources[0], NAME)
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
        private_key = keys.unwrap(session, setup.chief_id, PASSWORD)
        for actor in (setup.officer, clerk, admin):
            with pytest.raises(PermissionDenied):
                identities.reveal_identity(session, actor, setup.sources[0], private_key)
            with pytest.raises(PermissionDenied):
                identities.erase_identity(session, actor, setup.sources[0])
        assert identities.reveal_identity(session, OWNER, setup.sources[0], private_key) == NAME
        assert session.scalar(select(InformantIdentity.source_id)) == setup.sources[0]


def test_a_commander_uses_only_their_own_password_the_owner_names_one(database: Database, setup: Setup) -> None:
    with transaction(database.sessions) as session:
        deputy_id = add_user(session, "deputy")
        keys.grant(session, keys.unwrap(session, setup.chief_id, PASSWORD), deputy_id, "deputy pass")
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
    with transaction(database.sessions) as session:
        with pytest.raises(PermissionDenied):
            identities.reveal_with_password(session, setup.commander, deputy_id, "deputy pass", setup.sources[0])
        assert identities.reveal_with_password(session, OWNER, deputy_id, "deputy pass", setup.sources[0]) == NAME


def test_wrong_password_reveals_nothing_and_leaves_no_reveal_entry(database: Database, setup: Setup) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
    with pytest.raises(WrongPassphrase), transaction(database.sessions) as session:
        identities.reveal_with_password(session, setup.commander, setup.chief_id, "wrong", setup.sources[0])
    with database.sessions() as session:
        assert _audit(session, "reveal") == []


def test_an_identity_moved_to_another_row_does_not_open(database: Database, setup: Setup) -> None:
    first, second, _third = setup.sources
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, first, NAME)
        sealed = session.get_one(InformantIdentity, first).sealed
        session.add(InformantIdentity(source_id=second, sealed=sealed))  # as someone editing the file would
    with database.sessions() as session:
        private_key = keys.unwrap(session, setup.chief_id, PASSWORD)
        with pytest.raises(IdentityError) as caught:
            identities.reveal_identity(session, setup.commander, second, private_key)
        assert "bị chuyển sang bản ghi khác" in caught.value.message
        assert "Bí Mật" not in str(caught.value)
        assert identities.reveal_identity(session, setup.commander, first, private_key) == NAME


def test_an_altered_identity_does_not_open(database: Database, setup: Setup) -> None:
    source = setup.sources[0]
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, source, NAME)
        row = session.get_one(InformantIdentity, source)
        row.sealed = row.sealed[:-1] + bytes([row.sealed[-1] ^ 1])
    with database.sessions() as session, pytest.raises(IdentityError):
        identities.reveal_with_password(session, setup.commander, setup.chief_id, PASSWORD, source)


def test_sealing_twice_replaces_and_lengths_do_not_show(database: Database, setup: Setup) -> None:
    short, long_ = setup.sources[0], setup.sources[1]
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, short, "An")
        identities.seal_identity(session, setup.officer, long_, "Nguyễn Thị Thu Hương Bí Mật")
        sizes = {len(session.get_one(InformantIdentity, s).sealed) for s in (short, long_)}
        assert sizes == {32 + 12 + 64 + 16}  # ephemeral key + nonce + one padded block + tag
        identities.seal_identity(session, setup.officer, short, "Bình")
        assert len(_audit(session, "seal")) == 3
    with database.sessions() as session:
        assert identities.reveal_with_password(session, setup.commander, setup.chief_id, PASSWORD, short) == "Bình"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 501, "Tên\x00ẩn", "Tên\u202eẩn"])
def test_bad_identities_are_refused_without_echoing_them(database: Database, setup: Setup, bad: str) -> None:
    with transaction(database.sessions) as session:
        with pytest.raises(IdentityError) as caught:
            identities.seal_identity(session, setup.officer, setup.sources[0], bad)
        assert bad.strip() == "" or bad not in str(caught.value)
        assert session.get(InformantIdentity, setup.sources[0]) is None


def test_no_key_no_source_no_identity(database: Database) -> None:
    officer = Actor("officer1", "officer")
    with transaction(database.sessions) as session:
        source = add_sources(session, 1)[0]
        with pytest.raises(NoInstallationKey):
            identities.seal_identity(session, officer, source, NAME)
        with pytest.raises(IdentityError, match="999999"):
            identities.seal_identity(session, officer, 999999, NAME)
    set_language("en")
    with database.sessions() as session:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        with pytest.raises(IdentityError, match="has no recorded identity"):
            identities.reveal_identity(session, OWNER, source, X25519PrivateKey.generate())


def test_erase_removes_the_sealed_bytes_audited(database: Database, setup: Setup) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
        assert identities.erase_identity(session, setup.commander, setup.sources[0]) is True
        assert identities.erase_identity(session, setup.commander, setup.sources[0]) is False
    with database.sessions() as session:
        assert session.get(InformantIdentity, setup.sources[0]) is None
        (entry,) = _audit(session, "delete")
        assert (entry.table_name, entry.username) == ("informant_identity", "chief")


def test_a_deleted_source_takes_its_identity_with_it(database: Database, setup: Setup) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
    with transaction(database.sessions) as session:
        session.execute(text("DELETE FROM information_source WHERE id = :id"), {"id": setup.sources[0]})
    with database.sessions() as session:
        assert session.get(InformantIdentity, setup.sources[0]) is None


def test_every_public_function_declares_its_permission() -> None:
    public = [f for name, f in inspect.getmembers(identities, inspect.isfunction)
              if not name.startswith("_") and f.__module__ == identities.__name__]
    assert {f.__name__ for f in public} == {"seal_identity", "has_identity", "reveal_identity",
                                            "reveal_with_password", "erase_identity"}
    assert all(declared_permission(f) is not False for f in public)


def test_every_sqlite_connection_overwrites_what_it_deletes(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_exposure_counts_what_a_lost_file_holds(database: Database, setup: Setup) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
        identities.seal_identity(session, setup.officer, setup.sources[1], "Lê Văn Ẩn Danh")
        session.get_one(InformationSource, setup.sources[2]).deleted = True
    with database.sessions() as session:
        report = exposure.exposure_report(session)
    sources = next(k for k in report.kinds if k.kind == "sources")
    assert (sources.records, sources.deleted) == (3, 1)
    assert (sources.first, sources.last) == (dt.date(2026, 1, 2), dt.date(2026, 1, 4))
    assert next(k for k in report.kinds if k.kind == "recipients").records == 0
    assert (report.identities, report.identity_key, report.key_holders) == (2, True, 1)
    assert report.roles == {"commander": 1, "officer": 1}
    assert report.audit_entries == 2
    lines = exposure.format_exposure(report, "antq.sqlite3", "vi")
    joined = "\n".join(lines)
    assert "Nguồn tin: 3 bản ghi (1 đã xóa), ngày 02/01/2026 – 04/01/2026" in joined
    assert "Danh tính người cung cấp tin: 2 (đã mã hóa" in joined
    assert "chief — Chief — chỉ huy" in joined
    assert "Bí Mật" not in joined and "Ẩn Danh" not in joined
    english = "\n".join(exposure.format_exposure(report, "antq.sqlite3", "en"))
    assert "Informant identities: 2 (encrypted" in english and "72 hours" in english
