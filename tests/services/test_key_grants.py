"""Giving a commander the identity key again: a password reset removes their copy, a commander
who holds the key gives it back with their password and the receiver's sign-in password, the
identities sealed before open again; a wrong password or a wrong person writes nothing; only an
administrator (MANAGE_KEYS) may do it, and the audit names who gave it to whom, never a password."""
from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher, Type
from sqlalchemy import func, select

from db.engine import transaction
from db.models import AuditEntry, UserKey
from desktop.services import accounts, identities, key_grants, keys
from desktop.services.accounts import AccountError, actor_for, create_admin, create_user, reset_password
from desktop.services.installation import Database
from desktop.services.keys import NoUserKey, WrongPassphrase
from desktop.services.permissions import Actor, PermissionDenied, declared_permission
from tests.services.test_identities import NAME, add_sources

ADMIN_PASSWORD = "quản trị 2025"
A_PASSWORD = "chỉ huy A mật khẩu"
B_PASSWORD = "chỉ huy B mật khẩu"
B_NEW = "mật khẩu mới của B"


class World:
    def __init__(self, admin: Actor, a: int, b: int, officer: Actor, source: int) -> None:
        self.admin, self.a, self.b, self.officer, self.source = admin, a, b, officer, source

    def commander(self, user_id: int) -> Actor:
        return Actor("chihuyb" if user_id == self.b else "chihuya", "commander", self.admin.unit_id)


@pytest.fixture
def world(database: Database, monkeypatch: pytest.MonkeyPatch) -> World:
    """Admin; commanders A (made the key) and B (granted it); an identity sealed by an officer;
    then B's password reset by the administrator. Argon2 made cheap for both KDF and hashes."""
    monkeypatch.setattr(keys, "KDF", keys.KdfParams(memory_kib=8192, time_cost=1, parallelism=1))
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1,
                                                            hash_len=32, salt_len=16, type=Type.ID))
    with transaction(database.sessions) as session:
        admin = actor_for(create_admin(session, "quantri", "Nguyễn Văn Đức", ADMIN_PASSWORD, ADMIN_PASSWORD))
        a = create_user(session, admin, "chihuya", "Chỉ Huy A", A_PASSWORD, A_PASSWORD, "commander").id
        b = create_user(session, admin, "chihuyb", "Chỉ Huy B", B_PASSWORD, B_PASSWORD, "commander").id
        officer = actor_for(create_user(session, admin, "canbo", "Cán Bộ", A_PASSWORD, A_PASSWORD, "officer"))
        keys.grant(session, keys.ensure_installation_key(session, a, A_PASSWORD), b, B_PASSWORD)
        source = add_sources(session, 1)[0]
    with transaction(database.sessions) as session:
        identities.seal_identity(session, officer, source, NAME)
    with transaction(database.sessions) as session:
        assert keys.has_user_key(session, b)
        reset_password(session, admin, b, B_NEW, B_NEW)
    return World(admin, a, b, officer, source)


def _written(database: Database) -> tuple[int, int]:
    with database.sessions() as session:
        return (session.scalar(select(func.count()).select_from(UserKey)) or 0,
                session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_a_reset_removes_the_key_copy_and_says_so(database: Database, world: World) -> None:
    with database.sessions() as session:
        assert not keys.has_user_key(session, world.b) and keys.has_user_key(session, world.a)
        for password in (B_PASSWORD, B_NEW):
            with pytest.raises(NoUserKey):
                keys.unwrap(session, world.b, password)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "password")
                                .order_by(AuditEntry.id.desc())).first()
        assert entry is not None and json.loads(entry.new_values or "{}") == {"reset_by": "quantri",
                                                                              "key_revoked": True}
        assert key_grants.may_receive_key(session, world.admin, world.b)
        assert not key_grants.may_receive_key(session, world.admin, world.a)  # holds it
        assert [h.username for h in key_grants.key_holders(session, world.admin)] == ["chihuya"]
        assert key_grants.key_copies(session, world.admin) == {world.a}


def test_grant_gives_the_key_back_and_old_identities_open(database: Database, world: World) -> None:
    with transaction(database.sessions) as session:
        key_grants.grant_key(session, world.admin, world.a, A_PASSWORD, world.b, B_NEW)
    with transaction(database.sessions) as session:
        assert keys.has_user_key(session, world.b)
        assert identities.reveal_with_password(session, world.commander(world.b), world.b, B_NEW,
                                               world.source) == NAME
        with pytest.raises(WrongPassphrase):
            keys.unwrap(session, world.b, B_PASSWORD)  # the old password opens nothing
    with database.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.table_name == "user_key")).one()
        text = " ".join(str(v) for v in (entry.old_values, entry.new_values, entry.reason))
        assert (entry.username, entry.action, entry.record_uid) == ("quantri", "user", str(world.b))
        assert json.loads(entry.new_values or "{}") == {"key_granted_to": "chihuyb", "key_granted_by": "chihuya"}
        for secret in (A_PASSWORD, B_NEW, B_PASSWORD, "$argon2"):
            assert secret not in text


@pytest.mark.parametrize(("granter_password", "grantee_password", "field"), [
    ("không phải của A", B_NEW, "granter_password"),
    (A_PASSWORD, B_PASSWORD, "grantee_password"),  # B's old password: not the sign-in one any more
    (A_PASSWORD, "", "grantee_password"),
    ("", B_NEW, "granter_password"),
])
def test_a_wrong_password_writes_nothing(database: Database, world: World, granter_password: str,
                                         grantee_password: str, field: str) -> None:
    before = _written(database)
    with pytest.raises(AccountError) as problem, transaction(database.sessions) as session:
        key_grants.grant_key(session, world.admin, world.a, granter_password, world.b, grantee_password)
    assert problem.value.field == field and problem.value.message
    for secret in (granter_password, grantee_password):
        assert not secret or secret not in problem.value.message
    assert _written(database) == before
    with database.sessions() as session:
        assert not keys.has_user_key(session, world.b)


def test_wrong_people_are_refused(database: Database, world: World) -> None:
    with transaction(database.sessions) as session:
        officer_id = accounts.account_info(session, "canbo").id  # type: ignore[union-attr]
    before = _written(database)
    cases = [
        (world.a, A_PASSWORD, officer_id, A_PASSWORD, "grantee"),  # not a commander
        (world.b, B_NEW, world.a, A_PASSWORD, "grantee"),  # already holds it
        (world.b, B_NEW, world.b, B_NEW, "granter"),  # not from oneself, who holds none
        (officer_id, A_PASSWORD, world.b, B_NEW, "granter"),  # holds no copy
        (999, A_PASSWORD, world.b, B_NEW, "granter"),
    ]
    for granter, granter_password, grantee, grantee_password, field in cases:
        with pytest.raises(AccountError) as problem, transaction(database.sessions) as session:
            key_grants.grant_key(session, world.admin, granter, granter_password, grantee, grantee_password)
        assert problem.value.field == field, (granter, grantee)
    with transaction(database.sessions) as session:
        accounts.set_active(session, world.admin, world.a, False)
    with pytest.raises(AccountError) as inactive, transaction(database.sessions) as session:
        key_grants.grant_key(session, world.admin, world.a, A_PASSWORD, world.b, B_NEW)
    assert inactive.value.field == "granter"  # a disabled commander gives nothing
    assert _written(database)[0] == before[0]


@pytest.mark.parametrize("role", ["officer", "union_clerk", "commander"])
def test_only_an_administrator_may_grant(database: Database, world: World, role: str) -> None:
    someone = Actor("chihuya" if role == "commander" else "canbo", role, world.admin.unit_id)
    before = _written(database)
    with database.sessions() as session:
        for action in (lambda: key_grants.grant_key(session, someone, world.a, A_PASSWORD, world.b, B_NEW),
                       lambda: key_grants.key_holders(session, someone),
                       lambda: key_grants.key_copies(session, someone),
                       lambda: key_grants.may_receive_key(session, someone, world.b)):
            with pytest.raises(PermissionDenied):
                action()
    assert _written(database) == before


def test_every_action_declares_manage_keys() -> None:
    from desktop.services.permissions import ACTION_MODULES, Permission

    assert "desktop.services.key_grants" in ACTION_MODULES
    for name in ("grant_key", "key_holders", "key_copies", "may_receive_key"):
        assert declared_permission(getattr(key_grants, name)) is Permission.MANAGE_KEYS


def test_no_installation_key_yet(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    with transaction(database.sessions) as session:
        admin = actor_for(create_admin(session, "quantri", "Nguyễn Văn Đức", ADMIN_PASSWORD, ADMIN_PASSWORD))
        b = create_user(session, admin, "chihuyb", "Chỉ Huy B", B_PASSWORD, B_PASSWORD, "commander").id
    with database.sessions() as session:
        assert not key_grants.may_receive_key(session, admin, b) and key_grants.key_holders(session, admin) == []
        with pytest.raises(AccountError) as none:
            key_grants.grant_key(session, admin, b, B_PASSWORD, b, B_PASSWORD)
    assert none.value.field == "grantee" and "Chưa có khóa" in none.value.message
