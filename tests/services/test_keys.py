"""The installation key pair: made with the first commander's key, wrapped per user under a
password-derived key, granted, re-wrapped on a password change, refused on a wrong password or
when a wrapped copy is moved to another user's row; `--passphrase-file`."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import InstallationKey, User, UserKey
from db.units import own_unit
from desktop.i18n import set_language
from desktop.services import keys
from desktop.services.installation import Database
from desktop.services.keys import KdfParams, KeyProblem, NoInstallationKey, NoUserKey, WrongPassphrase

PASSWORD = "Mật khẩu chỉ huy 1"


def add_user(session: Session, username: str, role: str = "commander") -> int:
    """An account (its password hash is not what these tests use: the key has its own KDF)."""
    unit = own_unit(session)
    user = User(username=username, full_name=username.title(), password_hash="$argon2id$not-used", role=role,
                unit_id=unit.id if unit else None)
    session.add(user)
    session.flush()
    return user.id


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheaper argon2id parameters for tests that derive many keys (the default is tested once)."""
    monkeypatch.setattr(keys, "KDF", KdfParams(memory_kib=8192, time_cost=1, parallelism=1))


def test_first_commander_makes_the_key_with_the_default_kdf(database: Database) -> None:
    with transaction(database.sessions) as session:
        chief = add_user(session, "chief")
        assert not keys.has_installation_key(session)
        private_key = keys.ensure_installation_key(session, chief, PASSWORD)
    with database.sessions() as session:
        row = session.get_one(InstallationKey, 1)
        assert row.public_key == private_key.public_key().public_bytes_raw()
        wrapped = session.get_one(UserKey, chief)
        assert wrapped.kdf == "argon2id$m=65536,t=3,p=4"
        assert len(wrapped.salt) == 16
        assert private_key.private_bytes_raw() not in wrapped.wrapped  # stored only wrapped
        opened = keys.unwrap(session, chief, PASSWORD)
        assert opened.private_bytes_raw() == private_key.private_bytes_raw()


@pytest.mark.usefixtures("fast_kdf")
def test_ensure_twice_opens_the_same_key(database: Database) -> None:
    with transaction(database.sessions) as session:
        chief = add_user(session, "chief")
        first = keys.ensure_installation_key(session, chief, PASSWORD)
        again = keys.ensure_installation_key(session, chief, PASSWORD)
        assert again.private_bytes_raw() == first.private_bytes_raw()
        assert session.scalar(select(func.count()).select_from(InstallationKey)) == 1
        with pytest.raises(WrongPassphrase):
            keys.ensure_installation_key(session, chief, "not it")


@pytest.mark.usefixtures("fast_kdf")
def test_wrong_password_is_refused_in_plain_words(database: Database) -> None:
    with transaction(database.sessions) as session:
        chief = add_user(session, "chief")
        keys.ensure_installation_key(session, chief, PASSWORD)
    with database.sessions() as session:
        with pytest.raises(WrongPassphrase) as caught:
            keys.unwrap(session, chief, "mat khau chi huy 1")
        assert caught.value.message == "Sai mật khẩu: không mở được khóa danh tính."
        assert PASSWORD not in str(caught.value)
        set_language("en")
        with pytest.raises(WrongPassphrase, match="Wrong password"):
            keys.unwrap(session, chief, "")


@pytest.mark.usefixtures("fast_kdf")
def test_both_unicode_forms_of_a_password_open_the_key(database: Database) -> None:
    with transaction(database.sessions) as session:
        chief = add_user(session, "chief")
        keys.ensure_installation_key(session, chief, unicodedata.normalize("NFC", PASSWORD))
    with database.sessions() as session:
        assert keys.unwrap(session, chief, unicodedata.normalize("NFD", PASSWORD))


@pytest.mark.usefixtures("fast_kdf")
def test_no_key_before_a_commander_and_none_for_an_officer(database: Database) -> None:
    with transaction(database.sessions) as session:
        officer = add_user(session, "officer1", "officer")
        with pytest.raises(NoInstallationKey):
            keys.installation_public_key(session)
        chief = add_user(session, "chief")
        keys.ensure_installation_key(session, chief, PASSWORD)
        with pytest.raises(NoUserKey, match="officer1"):
            keys.unwrap(session, officer, PASSWORD)
        assert not keys.has_user_key(session, officer)


@pytest.mark.usefixtures("fast_kdf")
def test_grant_gives_a_second_commander_their_own_copy(database: Database) -> None:
    with transaction(database.sessions) as session:
        chief, deputy = add_user(session, "chief"), add_user(session, "deputy")
        private_key = keys.ensure_installation_key(session, chief, PASSWORD)
        keys.grant(session, keys.unwrap(session, chief, PASSWORD), deputy, "deputy's own pass")
    with database.sessions() as session:
        assert keys.unwrap(session, deputy, "deputy's own pass").private_bytes_raw() == private_key.private_bytes_raw()
        with pytest.raises(WrongPassphrase):
            keys.unwrap(session, deputy, PASSWORD)  # each copy opens with its own holder's password


@pytest.mark.usefixtures("fast_kdf")
def test_grant_refuses_a_key_that_is_not_the_installations(database: Database) -> None:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    with transaction(database.sessions) as session:
        chief, intruder = add_user(session, "chief"), add_user(session, "intruder")
        keys.ensure_installation_key(session, chief, PASSWORD)
        with pytest.raises(KeyProblem, match="không khớp"):
            keys.grant(session, X25519PrivateKey.generate(), intruder, "their pass")
        assert not keys.has_user_key(session, intruder)


@pytest.mark.usefixtures("fast_kdf")
def test_rewrap_changes_the_wrapping_not_the_key(database: Database) -> None:
    with transaction(database.sessions) as session:
        chief = add_user(session, "chief")
        private_key = keys.ensure_installation_key(session, chief, PASSWORD)
        before = session.get_one(UserKey, chief)
        old_wrapped, old_salt = before.wrapped, before.salt
        public_before = session.get_one(InstallationKey, 1).public_key
    with transaction(database.sessions) as session:
        with pytest.raises(WrongPassphrase):
            keys.rewrap(session, chief, "not the old one", "new pass 2")
        assert session.get_one(UserKey, chief).wrapped == old_wrapped
        assert keys.rewrap(session, chief, PASSWORD, "new pass 2") is True
    with database.sessions() as session:
        after = session.get_one(UserKey, chief)
        assert after.wrapped != old_wrapped and after.salt != old_salt
        assert session.get_one(InstallationKey, 1).public_key == public_before
        assert keys.unwrap(session, chief, "new pass 2").private_bytes_raw() == private_key.private_bytes_raw()
        with pytest.raises(WrongPassphrase):
            keys.unwrap(session, chief, PASSWORD)


@pytest.mark.usefixtures("fast_kdf")
def test_rewrap_without_a_copy_does_nothing(database: Database) -> None:
    with transaction(database.sessions) as session:
        officer = add_user(session, "officer1", "officer")
        assert keys.rewrap(session, officer, "old", "new") is False
        assert not keys.has_user_key(session, officer)


@pytest.mark.usefixtures("fast_kdf")
def test_a_wrapped_copy_moved_to_another_user_does_not_open(database: Database) -> None:
    """The user id is bound in as associated data: copying chief's row (wrapping, salt and KDF)
    onto another account and typing chief's password still fails."""
    with transaction(database.sessions) as session:
        chief, other = add_user(session, "chief"), add_user(session, "other")
        keys.ensure_installation_key(session, chief, PASSWORD)
        source = session.get_one(UserKey, chief)
        session.add(UserKey(user_id=other, wrapped=source.wrapped, salt=source.salt, kdf=source.kdf))
    with database.sessions() as session:
        with pytest.raises(WrongPassphrase):
            keys.unwrap(session, other, PASSWORD)
        assert keys.unwrap(session, chief, PASSWORD)


@pytest.mark.usefixtures("fast_kdf")
def test_revoke_removes_one_copy(database: Database) -> None:
    with transaction(database.sessions) as session:
        chief, deputy = add_user(session, "chief"), add_user(session, "deputy")
        key = keys.ensure_installation_key(session, chief, PASSWORD)
        keys.grant(session, key, deputy, "deputy pass")
        assert keys.revoke(session, deputy) is True
        assert keys.revoke(session, deputy) is False
        assert keys.has_user_key(session, chief) and not keys.has_user_key(session, deputy)


def test_kdf_names_round_trip_and_unknown_ones_are_refused() -> None:
    params = KdfParams.parse("argon2id$m=19456,t=2,p=1")
    assert (params.memory_kib, params.time_cost, params.parallelism) == (19456, 2, 1)
    assert str(params) == "argon2id$m=19456,t=2,p=1"
    for bad in ("scrypt$n=16384", "argon2i$m=65536,t=3,p=4", "argon2id$m=65536,t=3", ""):
        with pytest.raises(ValueError):
            KdfParams.parse(bad)


def test_passphrase_file_first_line_without_its_end(tmp_path: Path) -> None:
    path = tmp_path / "pass.txt"
    path.write_bytes("Mật khẩu 1 \r\nsecond line\n".encode())
    assert keys.read_passphrase(path) == "Mật khẩu 1 "  # inner and trailing spaces are the password's
    path.write_bytes(b"\xef\xbb\xbfwith-bom\n")  # Notepad's UTF-8
    assert keys.read_passphrase(str(path)) == "with-bom"


def test_passphrase_file_empty_or_missing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    with pytest.raises(KeyProblem, match="trống"):
        keys.read_passphrase(empty)
    with pytest.raises(KeyProblem, match="Không đọc được"):
        keys.read_passphrase(tmp_path / "missing.txt")


def test_passphrase_asked_on_the_terminal_without_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_getpass(prompt: str, stream: object = None) -> str:
        asked.append(prompt)
        return "typed secret"

    monkeypatch.setattr(keys.getpass, "getpass", fake_getpass)
    assert keys.read_passphrase(None) == "typed secret"
    assert asked == ["Mật khẩu (khóa danh tính): "]
