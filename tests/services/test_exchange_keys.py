"""Exchange keys: fingerprints read aloud, the own pair sealed under a passphrase, the receiver
key file trusted by a commune, its enrolment file enrolled at a province database, and every
kind of bad key file refused in plain words with nothing written."""
from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select

from db.engine import transaction
from db.models import AuditEntry, ExchangeKey, Installation, TrustedKey, new_uid
from desktop.i18n import set_language
from desktop.services import keys as identity_keys
from desktop.services.exchange import keys as xkeys
from desktop.services.exchange.keys import ENROLMENT_TYPE, RECEIVER_TYPE, ExchangeKeyError
from desktop.services.installation import Database, initialise
from desktop.services.keys import KdfParams
from desktop.services.permissions import Actor, PermissionDenied
from tests.conftest import HA_TU, QUANG_NINH, _copy_sqlite
from tests.services.test_permissions import undeclared

PASSPHRASE = "Cụm từ mật khẩu của tỉnh"
UNIT_PASSPHRASE = "mật khẩu xã Hà Tu"
HA_NOI = "01"
CUA_NAM = "00082"  # Phường Cửa Nam, Hà Nội: not under Quảng Ninh


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheaper argon2id parameters (the default ones are tested once, below)."""
    monkeypatch.setattr(identity_keys, "KDF", KdfParams(memory_kib=8192, time_cost=1, parallelism=1))


def other_installation(template_db: Path, path: Path, unit_code: str) -> Database:
    """Another installation on a database file of its own (own unit `unit_code`, its own id)."""
    _copy_sqlite(template_db, path)
    database = initialise(path, unit_code).database
    with transaction(database.sessions) as session:
        session.get_one(Installation, 1).uid = str(new_uid())
    return database


def written_rows(database: Database) -> tuple[int, int, int]:
    with database.sessions() as session:
        return (session.scalar(select(func.count()).select_from(TrustedKey)) or 0,
                session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
                session.scalar(select(func.count()).select_from(ExchangeKey)) or 0)


@dataclass
class Exchange:
    province: Database
    commune: Database
    receiver_file: Path
    enrolment_file: Path
    folder: Path


@pytest.fixture
def exchange(fast_kdf: None, database: Database, template_db: Path, tmp_path: Path) -> Iterator[Exchange]:
    """Quảng Ninh's province database with its key; the commune (the `database` fixture, 06652)
    trusting it and holding an enrolment file for it (not enrolled yet)."""
    province = other_installation(template_db, tmp_path / "province.sqlite3", QUANG_NINH)
    folder = tmp_path / "usb"
    folder.mkdir()
    with transaction(province.sessions) as session:
        xkeys.ensure_own_keys(session, PASSPHRASE)
        receiver_file = xkeys.write_receiver_key_file(session, folder)
    with transaction(database.sessions) as session:
        pair = xkeys.ensure_own_keys(session, UNIT_PASSPHRASE)
        xkeys.trust_receiver(session, receiver_file)
        enrolment_file = xkeys.write_enrolment_file(session, pair, folder)
    yield Exchange(province, database, receiver_file, enrolment_file, folder)
    province.dispose()


def rewrite(path: Path, change: Any) -> Path:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def forged_enrolment(exchange: Exchange, folder: Path, *, unit: dict[str, str], installation: str | None = None,
                     name: str = "forged-enrol.antqkey") -> Path:
    """A well-formed, correctly self-signed enrolment for the province made with a fresh key."""
    signing, receiving = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    with exchange.province.sessions() as session:
        province = xkeys.own_public(session)
        assert province is not None
    public = xkeys.PublicKeys(signing.public_key().public_bytes_raw(), receiving.public_key().public_bytes_raw(),
                              unit["scheme"], unit["code"], unit["name"], installation or str(new_uid()))
    document = xkeys._document(public, ENROLMENT_TYPE)
    document["receiver_fingerprint"] = xkeys.show_fingerprint(province.fingerprint)
    document["signature"] = base64.b64encode(signing.sign(xkeys._signed_bytes(document))).decode()
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def refused(database: Database, path: Path) -> str:
    before = written_rows(database)
    with pytest.raises(ExchangeKeyError) as caught, transaction(database.sessions) as session:
        xkeys.enrol(session, path)
    assert written_rows(database) == before
    assert "Traceback" not in caught.value.message
    return caught.value.message


# ---------------------------------------------------------------------------------------------
# Fingerprints


def test_fingerprint_is_30_digits_and_stable() -> None:
    first = xkeys.fingerprint(b"\x01" * 32, b"\x02" * 32)
    assert first == xkeys.fingerprint(b"\x01" * 32, b"\x02" * 32)
    assert len(first) == 30 and first.isascii() and first.isdigit()
    assert first == "472164481717445302770758363549"  # fixed: files made by older copies must still match
    assert xkeys.fingerprint(b"\x02" * 32, b"\x01" * 32) != first


def test_fingerprint_shown_in_groups_and_parsed_back() -> None:
    fp = xkeys.fingerprint(b"\x03" * 32, b"\x04" * 32)
    shown = xkeys.show_fingerprint(fp)
    assert len(shown.split(" ")) == 6 and all(len(group) == 5 for group in shown.split(" "))
    assert xkeys.parse_fingerprint(shown) == fp
    assert xkeys.parse_fingerprint("-".join(shown.split())) == fp
    assert xkeys.parse_fingerprint(f"  {shown}\n") == fp
    assert xkeys.parse_fingerprint(fp[:-1]) is None
    assert xkeys.parse_fingerprint(fp + "1") is None
    assert xkeys.parse_fingerprint("١" * 30) is None  # Arabic-Indic digits are not our digits
    assert xkeys.parse_fingerprint("abcde " * 6) is None


# ---------------------------------------------------------------------------------------------
# The own key pair


def test_own_keys_made_with_the_default_kdf_and_sealed(database: Database) -> None:
    with transaction(database.sessions) as session:
        assert xkeys.own_public(session) is None
        pair = xkeys.ensure_own_keys(session, UNIT_PASSPHRASE)
    with database.sessions() as session:
        row = session.get_one(ExchangeKey, 1)
        assert row.kdf == "argon2id$m=65536,t=3,p=4" and len(row.salt) == 16
        assert pair.signing.private_bytes_raw() not in row.sealed
        assert pair.receiving.private_bytes_raw() not in row.sealed
        public = xkeys.own_public(session)
        assert public == pair.public and public.unit_code == HA_TU
        opened = xkeys.unlock(session, UNIT_PASSPHRASE)
        assert opened.signing.private_bytes_raw() == pair.signing.private_bytes_raw()
        assert opened.receiving.private_bytes_raw() == pair.receiving.private_bytes_raw()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "keys")).one()
        assert entry.record_uid == pair.public.fingerprint
        assert UNIT_PASSPHRASE not in (entry.new_values or "")


@pytest.mark.usefixtures("fast_kdf")
def test_ensure_again_unlocks_and_a_wrong_passphrase_is_refused(database: Database) -> None:
    with transaction(database.sessions) as session:
        with pytest.raises(ExchangeKeyError, match="chưa có khóa trao đổi"):
            xkeys.unlock(session, UNIT_PASSPHRASE)
        first = xkeys.ensure_own_keys(session, UNIT_PASSPHRASE)
        again = xkeys.ensure_own_keys(session, UNIT_PASSPHRASE)
        assert again.public.fingerprint == first.public.fingerprint
        with pytest.raises(ExchangeKeyError) as caught:
            xkeys.ensure_own_keys(session, "mat khau xa Ha Tu")
        assert caught.value.message == "Sai cụm từ mật khẩu: không mở được khóa trao đổi."
        set_language("en")
        with pytest.raises(ExchangeKeyError, match="Wrong passphrase"):
            xkeys.unlock(session, "")


@pytest.mark.usefixtures("fast_kdf")
def test_a_short_passphrase_is_refused_naming_the_rule(database: Database) -> None:
    with pytest.raises(ExchangeKeyError, match="ít nhất 8 ký tự"), transaction(database.sessions) as session:
        xkeys.ensure_own_keys(session, "ngắn")
    assert written_rows(database) == (0, 0, 0)


@pytest.mark.usefixtures("fast_kdf")
def test_sealed_keys_are_bound_to_the_installation(database: Database) -> None:
    with transaction(database.sessions) as session:
        xkeys.ensure_own_keys(session, UNIT_PASSPHRASE)
    with transaction(database.sessions) as session:
        session.get_one(Installation, 1).uid = str(new_uid())  # the sealed row copied to another installation
        with pytest.raises(ExchangeKeyError, match="Sai cụm từ mật khẩu"):
            xkeys.unlock(session, UNIT_PASSPHRASE)


def test_an_officer_may_not_make_keys(database: Database) -> None:
    officer = Actor("can_bo", "officer")
    with pytest.raises(PermissionDenied), transaction(database.sessions) as session:
        xkeys.ensure_own_keys(session, UNIT_PASSPHRASE, actor=officer)
    assert written_rows(database) == (0, 0, 0)
    assert undeclared(["desktop.services.exchange.keys"]) == []


# ---------------------------------------------------------------------------------------------
# Receiver file, trust, enrolment


@pytest.mark.usefixtures("fast_kdf")
def test_receiver_file_needs_own_keys_and_an_existing_folder(database: Database, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    with transaction(database.sessions) as session:
        with pytest.raises(ExchangeKeyError, match="chưa có khóa trao đổi"):
            xkeys.write_receiver_key_file(session, out)
        xkeys.ensure_own_keys(session, PASSPHRASE)
        with pytest.raises(ExchangeKeyError, match="USB đã cắm chưa"):
            xkeys.write_receiver_key_file(session, tmp_path / "not mounted")
    assert list(out.iterdir()) == [] and not (tmp_path / "not mounted").exists()


def test_receiver_file_holds_the_public_keys(exchange: Exchange) -> None:
    assert exchange.receiver_file.name == f"{QUANG_NINH}-receiver.antqkey"
    assert exchange.enrolment_file.name == f"{HA_TU}-enrol.antqkey"
    assert sorted(p.name for p in exchange.folder.iterdir()) == sorted(
        [exchange.receiver_file.name, exchange.enrolment_file.name])  # no temporary file left
    document = json.loads(exchange.receiver_file.read_text(encoding="utf-8"))
    assert document["format"] == 1 and document["type"] == RECEIVER_TYPE
    assert document["unit"] == {"scheme": "2025", "code": QUANG_NINH, "name": "Tỉnh Quảng Ninh"}
    assert "Quảng Ninh" in exchange.receiver_file.read_text(encoding="utf-8")  # not \\u escapes
    with exchange.province.sessions() as session:
        own = xkeys.own_public(session)
        assert own is not None
        assert document["fingerprint"] == xkeys.show_fingerprint(own.fingerprint)
        assert base64.b64decode(document["signing_public"]) == own.signing_public
        sealed = session.get_one(ExchangeKey, 1).sealed
    assert base64.b64encode(sealed).decode() not in exchange.receiver_file.read_text(encoding="utf-8")


def test_round_trip_commune_to_province(exchange: Exchange) -> None:
    with exchange.commune.sessions() as session:
        receiver = xkeys.active_receiver(session)
        commune = xkeys.own_public(session)
        assert receiver is not None and commune is not None
        roles = [info.role for info in xkeys.list_keys(session)]
        assert roles == ["own", "receiver"]
    document = json.loads(exchange.enrolment_file.read_text(encoding="utf-8"))
    assert xkeys.parse_fingerprint(document["receiver_fingerprint"]) == receiver.fingerprint
    with transaction(exchange.province.sessions) as session:
        row = xkeys.enrol(session, exchange.enrolment_file)
        row_id = row.id
        assert row.role == "sender" and row.fingerprint == commune.fingerprint and row.revoked_at is None
    with transaction(exchange.province.sessions) as session:
        assert xkeys.enrol(session, exchange.enrolment_file).id == row_id  # again: a no-op
        infos = xkeys.list_keys(session)
        assert [(i.role, i.unit_code) for i in infos] == [("own", QUANG_NINH), ("sender", HA_TU)]
        assert infos[1].unit_name == "Phường Hà Tu" and infos[1].installation_uid == commune.installation_uid
        found = xkeys.trusted_sender(session, commune.signing_public)
        assert found is not None and found.id == row_id
        assert xkeys.trusted_sender(session, b"\x00" * 32) is None
        actions = session.scalars(select(AuditEntry.new_values).where(AuditEntry.action == "keys")).all()
        assert sum('"enrolled"' in (a or "") for a in actions) == 1


def test_a_second_receiver_replaces_the_first(exchange: Exchange, template_db: Path, tmp_path: Path) -> None:
    other = other_installation(template_db, tmp_path / "other.sqlite3", QUANG_NINH)
    with transaction(other.sessions) as session:
        xkeys.ensure_own_keys(session, PASSPHRASE)
        second = xkeys.write_receiver_key_file(session, tmp_path)
    other.dispose()
    with transaction(exchange.commune.sessions) as session:
        first = xkeys.active_receiver(session)
        assert first is not None
        new = xkeys.trust_receiver(session, second)
        assert xkeys.active_receiver(session) == new and new.fingerprint != first.fingerprint
        assert first.revoked_at is not None
        assert session.scalar(select(func.count()).select_from(TrustedKey).where(
            TrustedKey.role == "receiver", TrustedKey.revoked_at.is_(None))) == 1


def test_trust_refuses_an_unknown_unit_and_an_enrolment_file(exchange: Exchange) -> None:
    rewrite(exchange.receiver_file, lambda d: d["unit"].update(code="99"))
    with pytest.raises(ExchangeKeyError, match="không có trong danh mục"), \
            transaction(exchange.commune.sessions) as session:
        xkeys.trust_receiver(session, exchange.receiver_file)
    with pytest.raises(ExchangeKeyError, match="là tệp đăng ký khóa của một đơn vị"), \
            transaction(exchange.commune.sessions) as session:
        xkeys.trust_receiver(session, exchange.enrolment_file)


def test_enrolment_needs_a_receiver(fast_kdf: None, database: Database, tmp_path: Path) -> None:
    with pytest.raises(ExchangeKeyError, match="Chưa có khóa của tỉnh"), transaction(database.sessions) as session:
        pair = xkeys.ensure_own_keys(session, UNIT_PASSPHRASE)
        xkeys.write_enrolment_file(session, pair, tmp_path)
    assert not list(tmp_path.glob("*.antqkey"))


# ---------------------------------------------------------------------------------------------
# Enrolment refused


def test_enrol_refuses_a_file_made_for_another_province(exchange: Exchange, template_db: Path,
                                                        tmp_path: Path) -> None:
    ha_noi = other_installation(template_db, tmp_path / "hanoi.sqlite3", HA_NOI)
    with transaction(ha_noi.sessions) as session:
        xkeys.ensure_own_keys(session, PASSPHRASE)
    assert "một tỉnh khác" in refused(ha_noi, exchange.enrolment_file)
    ha_noi.dispose()


def test_enrol_refuses_a_tampered_file(exchange: Exchange) -> None:
    rewrite(exchange.enrolment_file, lambda d: d["unit"].update(name="Phường Hà Tu mới"))
    assert "chữ ký không hợp lệ" in refused(exchange.province, exchange.enrolment_file)

    def flip(document: dict[str, Any]) -> None:
        raw = bytearray(base64.b64decode(document["signature"]))
        raw[0] ^= 1
        document["unit"]["name"] = "Phường Hà Tu"
        document["signature"] = base64.b64encode(bytes(raw)).decode()

    assert "chữ ký không hợp lệ" in refused(exchange.province, rewrite(exchange.enrolment_file, flip))
    rewrite(exchange.enrolment_file, lambda d: d.pop("signature"))
    assert "«signature»" in refused(exchange.province, exchange.enrolment_file)


def test_enrol_refuses_a_unit_outside_the_province(exchange: Exchange, template_db: Path, tmp_path: Path) -> None:
    cua_nam = other_installation(template_db, tmp_path / "cuanam.sqlite3", CUA_NAM)
    with transaction(cua_nam.sessions) as session:
        pair = xkeys.ensure_own_keys(session, UNIT_PASSPHRASE)
        xkeys.trust_receiver(session, exchange.receiver_file)
        path = xkeys.write_enrolment_file(session, pair, tmp_path)
    cua_nam.dispose()
    assert "không trực thuộc" in refused(exchange.province, path)


def test_enrol_refuses_an_unknown_unit_and_the_provinces_own_file(exchange: Exchange, tmp_path: Path) -> None:
    path = forged_enrolment(exchange, tmp_path, unit={"scheme": "2025", "code": "99999", "name": "Xã Không Có"})
    assert "không có trong danh mục" in refused(exchange.province, path)
    with exchange.province.sessions() as session:
        uid = session.get_one(Installation, 1).uid
    path = forged_enrolment(exchange, tmp_path, unit={"scheme": "2025", "code": HA_TU, "name": "Phường Hà Tu"},
                            installation=uid)
    assert "chính máy này" in refused(exchange.province, path)


@pytest.mark.parametrize(("content", "expected"), [
    (json.dumps({"format": 2, "type": ENROLMENT_TYPE}).encode(), "phiên bản mới hơn"),
    (b"\x89PNG\r\n\x1a\n not a key", "không đọc được nội dung JSON"),
    (b"{\"format\": 1, ", "không đọc được nội dung JSON"),
    (b"[" * 5000 + b"]" * 5000, "không đọc được nội dung JSON"),
    (b"[1, 2]", "không đọc được nội dung JSON"),
    (b" " * (64 * 1024 + 1), "lớn hơn 64 KB"),
    (json.dumps({"format": "1", "type": ENROLMENT_TYPE}).encode(), "«format»"),
    (json.dumps({"format": True, "type": ENROLMENT_TYPE}).encode(), "«format»"),
    (json.dumps({"format": 1, "type": "antq-package"}).encode(), "không phải loại tệp khóa"),
])
def test_enrol_refuses_bad_files(exchange: Exchange, content: bytes, expected: str) -> None:
    exchange.enrolment_file.write_bytes(content)
    assert expected in refused(exchange.province, exchange.enrolment_file)


def test_enrol_refuses_a_receiver_file_and_a_missing_file(exchange: Exchange, tmp_path: Path) -> None:
    assert "là tệp khóa của tỉnh" in refused(exchange.province, exchange.receiver_file)
    assert "Không có tệp khóa" in refused(exchange.province, tmp_path / "không có.antqkey")


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d.update(signing_public=base64.b64encode(b"\x01" * 31).decode()), "signing_public"),
    (lambda d: d.update(receiving_public="not base64!"), "receiving_public"),
    (lambda d: d.update(receiving_public=12), "receiving_public"),
    (lambda d: d["unit"].update(name="Phường\u202eHà Tu"), "unit"),
    (lambda d: d["unit"].update(code="../06652"), "unit"),
    (lambda d: d["unit"].update(scheme="1990"), "unit"),
    (lambda d: d.update(unit="06652"), "unit"),
    (lambda d: d.update(installation="x" * 36), "installation"),
    (lambda d: d.update(receiver_fingerprint="12345"), "receiver_fingerprint"),
])
def test_key_file_fields_are_checked(exchange: Exchange, change: Any, field: str) -> None:
    rewrite(exchange.enrolment_file, change)
    message = refused(exchange.province, exchange.enrolment_file)
    assert f"«{field}»" in message or "chữ ký không hợp lệ" in message and field == "receiver_fingerprint"


def test_read_key_file_accepts_a_byte_order_mark(exchange: Exchange) -> None:
    exchange.receiver_file.write_bytes(b"\xef\xbb\xbf" + exchange.receiver_file.read_bytes())
    public, document = xkeys.read_key_file(exchange.receiver_file, RECEIVER_TYPE)
    assert public.unit_code == QUANG_NINH and document["type"] == RECEIVER_TYPE


def test_a_new_key_of_the_same_installation_replaces_the_older(exchange: Exchange, tmp_path: Path) -> None:
    with transaction(exchange.province.sessions) as session:
        old = xkeys.enrol(session, exchange.enrolment_file)
        uid = old.installation_uid
    path = forged_enrolment(exchange, tmp_path, unit={"scheme": "2025", "code": HA_TU, "name": "Phường Hà Tu"},
                            installation=uid)
    with transaction(exchange.province.sessions) as session:
        new = xkeys.enrol(session, path)
        rows = session.scalars(select(TrustedKey).where(TrustedKey.installation_uid == uid)
                               .order_by(TrustedKey.id)).all()
        assert [(r.id == new.id, r.revoked_at is None) for r in rows] == [(False, False), (True, True)]


# ---------------------------------------------------------------------------------------------
# Revoking


def test_revoke_then_list_shows_it_revoked(exchange: Exchange) -> None:
    with transaction(exchange.province.sessions) as session:
        row = xkeys.enrol(session, exchange.enrolment_file)
        fp = row.fingerprint
    with transaction(exchange.province.sessions) as session:
        info = xkeys.revoke(session, f" {xkeys.show_fingerprint(fp)} ")
        assert info.fingerprint == fp and info.revoked_at is not None
    with exchange.province.sessions() as session:
        [own, sender] = xkeys.list_keys(session)
        assert own.role == "own" and own.revoked_at is None
        assert sender.fingerprint == fp and sender.revoked_at is not None
        found = xkeys.trusted_sender(session, session.get_one(TrustedKey, row.id).signing_public)
        assert found is not None and found.revoked_at is not None  # the caller sees it is revoked
    assert "đã bị thu hồi" in refused(exchange.province, exchange.enrolment_file)


def test_revoke_refuses_unknown_malformed_and_own(exchange: Exchange) -> None:
    with transaction(exchange.province.sessions) as session:
        with pytest.raises(ExchangeKeyError, match="Không có khóa nào"):
            xkeys.revoke(session, "1" * 30)
        with pytest.raises(ExchangeKeyError, match="không phải dấu vân tay"):
            xkeys.revoke(session, "12345 6789")
        own = xkeys.own_public(session)
        assert own is not None
        with pytest.raises(ExchangeKeyError, match="chính máy này"):
            xkeys.revoke(session, own.fingerprint)
    with pytest.raises(PermissionDenied), transaction(exchange.province.sessions) as session:
        xkeys.revoke(session, "1" * 30, actor=Actor("chi_huy", "commander"))
