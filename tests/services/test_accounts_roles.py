"""desktop.services.accounts beyond the first administrator: the argon2id parameters and the
rehash at sign-in, accounts an administrator adds, disables and resets, a user's own password
change (re-wrapping their key), signing in with a growing wait, and the audit entries — none of
which holds a password or a hash."""
from __future__ import annotations

import datetime as dt
import sys
import types
from typing import Any

import pytest
from argon2 import PasswordHasher, extract_parameters
from sqlalchemy import func, select

from db.engine import transaction
from db.models import AuditEntry, User, UserKey
from db.units import find_unit, own_unit
from desktop.i18n import set_language
from desktop.services import accounts
from desktop.services.accounts import (
    MAX_WAIT,
    OWASP_FLOOR,
    AccountError,
    SignIn,
    actor_for,
    authenticate,
    change_password,
    create_admin,
    create_user,
    list_users,
    reset_password,
    set_active,
    wait_after,
)
from desktop.services.installation import Database
from desktop.services.permissions import Actor, PermissionDenied

ADMIN_PASSWORD = "quản trị 2025"
PASSWORD = "mật khẩu cán bộ"
T0 = dt.datetime(2025, 9, 15, 8, 0, 0)


@pytest.fixture
def admin(database: Database) -> Actor:
    with transaction(database.sessions) as session:
        user = create_admin(session, "quantri", "Nguyễn Văn Đức", ADMIN_PASSWORD, ADMIN_PASSWORD)
        return actor_for(user)


def add(database: Database, actor: Actor, username: str = "canbo", role: str = "officer", **extra: Any) -> int:
    with transaction(database.sessions) as session:
        return create_user(session, actor, username, "Trần Thị Bình", PASSWORD, PASSWORD, role, **extra).id


def sign_in(database: Database, username: str, password: str, now: dt.datetime | None = None) -> SignIn:
    with transaction(database.sessions) as session:
        return authenticate(session, username, password, now=now)


def user(database: Database, username: str) -> User:
    with database.sessions() as session:
        return session.scalars(select(User).where(User.username == username)).one()


def audit(database: Database) -> list[tuple[str, str, str | None]]:
    with database.sessions() as session:
        return [(e.username, e.action, e.new_values) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_hash_parameters_are_at_or_above_owasp_floor() -> None:
    parameters = extract_parameters(accounts.hash_password("x" * 12))
    assert parameters.type.name == "ID"
    assert parameters.memory_cost >= OWASP_FLOOR["memory_kib"] >= 19 * 1024
    assert parameters.time_cost >= OWASP_FLOOR["time_cost"] >= 2
    assert parameters.parallelism >= OWASP_FLOOR["parallelism"] >= 1
    assert parameters.memory_cost == accounts.ARGON2_MEMORY_KIB and parameters.time_cost == accounts.ARGON2_TIME_COST


def test_sign_in_rehashes_a_hash_made_with_weaker_parameters(database: Database, admin: Actor) -> None:
    add(database, admin)
    weak = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1).hash(PASSWORD)
    with transaction(database.sessions) as session:
        session.scalars(select(User).where(User.username == "canbo")).one().password_hash = weak
    assert accounts.needs_rehash(weak)
    result = sign_in(database, "canbo", PASSWORD)
    assert result.ok
    stored = user(database, "canbo").password_hash
    assert stored != weak and not accounts.needs_rehash(stored) and accounts.verify_password(stored, PASSWORD)
    assert audit(database)[-1] == ("canbo", "sign_in", '{"rehashed": true}')
    assert sign_in(database, "canbo", PASSWORD).ok and user(database, "canbo").password_hash == stored  # once


def test_administrator_creates_accounts_of_every_role(database: Database, admin: Actor) -> None:
    with database.sessions() as session:
        own = own_unit(session).id
    add(database, admin, "canbo")
    add(database, admin, "hoiphunu", "union_clerk", organisation_kind="womens_union")
    add(database, admin, "chihuy", "commander", organisation_kind="police")  # ignored for a commander
    with database.sessions() as session:
        rows = {u.username: u for u in list_users(session, admin)}
    assert sorted(rows) == ["canbo", "chihuy", "hoiphunu", "quantri"]
    assert (rows["hoiphunu"].role, rows["hoiphunu"].organisation_kind, rows["hoiphunu"].unit_id) == (
        "union_clerk", "womens_union", own)
    assert rows["chihuy"].organisation_kind is None and rows["canbo"].active
    assert rows["hoiphunu"].role_label == "cán bộ hội, đoàn thể" and rows["canbo"].unit_name == "Phường Hà Tu"
    assert actor_for(rows["hoiphunu"]) == Actor("hoiphunu", "union_clerk", own, "womens_union")
    with database.sessions() as session:
        assert accounts.account_info(session, " HoiPhuNu") == rows["hoiphunu"]
        assert accounts.account_info(session, "khongco") is None
    assert sign_in(database, " CanBo ", PASSWORD).ok
    assert [a for _u, a, _n in audit(database)].count("user") == 3


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"role": "chief"}, "role"),
        ({"role": "union_clerk"}, "organisation_kind"),
        ({"role": "union_clerk", "organisation_kind": "choir"}, "organisation_kind"),
        ({"unit_code": "00082"}, "unit"),  # Phường Cửa Nam, Hà Nội: not under the own unit
        ({"username": "quantri"}, "username"),
        ({"username": "có dấu"}, "username"),
        ({"confirm": "khác"}, "confirm"),
    ],
)
def test_create_user_refuses_at_the_field(database: Database, admin: Actor, changes: dict[str, Any],
                                          field: str) -> None:
    values: dict[str, Any] = {"username": "canbo", "full_name": "Trần Thị Bình", "password": PASSWORD,
                              "confirm": PASSWORD, "role": "officer"}
    values.update(changes)
    if code := values.pop("unit_code", None):
        with database.sessions() as session:
            values["unit_id"] = find_unit(session, code).id
    with pytest.raises(AccountError) as problem, transaction(database.sessions) as session:
        create_user(session, admin, **values)
    assert problem.value.field == field and problem.value.message
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1


@pytest.mark.parametrize("role", ["officer", "union_clerk", "commander"])
def test_only_an_administrator_manages_accounts(database: Database, admin: Actor, role: str) -> None:
    add(database, admin, "nguoidung", role, organisation_kind="police")
    someone = actor_for(user(database, "nguoidung"))
    target = user(database, "quantri").id
    before = audit(database)
    for action in (
        lambda s: create_user(s, someone, "khac", "Lê Văn Cường", PASSWORD, PASSWORD, "administrator"),
        lambda s: set_active(s, someone, target, False),
        lambda s: reset_password(s, someone, target, "mới 12345678", "mới 12345678"),
        lambda s: list_users(s, someone),
    ):
        with pytest.raises(PermissionDenied), transaction(database.sessions) as session:
            action(session)
    assert audit(database) == before and user(database, "quantri").active


def test_disabled_account_cannot_sign_in_and_can_come_back(database: Database, admin: Actor) -> None:
    target = add(database, admin)
    with transaction(database.sessions) as session:
        assert set_active(session, admin, target, False) is True
        assert set_active(session, admin, target, False) is False  # already
    refused = sign_in(database, "canbo", PASSWORD)
    assert not refused.ok and "bị khóa" in refused.message and refused.actor is None
    assert not sign_in(database, "canbo", "sai mật khẩu").message.count("bị khóa")  # no hint without the password
    with transaction(database.sessions) as session:
        set_active(session, admin, target, True)
    assert sign_in(database, "canbo", PASSWORD).ok
    entries = [(a, n) for _u, a, n in audit(database) if a == "user"]
    assert entries[-2:] == [("user", '{"active": false}'), ("user", '{"active": true}')]


def test_the_last_active_administrator_and_oneself_stay_enabled(database: Database, admin: Actor) -> None:
    own_id = user(database, "quantri").id
    with pytest.raises(AccountError) as yourself, transaction(database.sessions) as session:
        set_active(session, admin, own_id, False)
    assert yourself.value.field == "active" and "của mình" in yourself.value.message
    second = add(database, admin, "quantri2", "administrator")
    other = actor_for(user(database, "quantri2"))
    with transaction(database.sessions) as session:
        set_active(session, other, own_id, False)  # two administrators: one may go
    with pytest.raises(AccountError) as last, transaction(database.sessions) as session:
        set_active(session, Actor("owner", "owner"), second, False)
    assert "cuối cùng" in last.value.message and user(database, "quantri2").active


def test_reset_password_clears_the_wait(database: Database, admin: Actor) -> None:
    target = add(database, admin)
    for _ in range(4):
        sign_in(database, "canbo", "sai mật khẩu", now=T0)
    assert user(database, "canbo").failed_attempts == 4 and sign_in(database, "canbo", PASSWORD, now=T0).wait == 2
    with transaction(database.sessions) as session:
        reset_password(session, admin, target, "mật khẩu mới 1", "mật khẩu mới 1")
    changed = user(database, "canbo")
    assert changed.failed_attempts == 0 and changed.password_changed_at is not None
    assert sign_in(database, "canbo", "mật khẩu mới 1", now=T0).ok
    assert not sign_in(database, "canbo", PASSWORD, now=T0).ok
    with pytest.raises(AccountError) as short, transaction(database.sessions) as session:
        reset_password(session, admin, target, "ngắn", "ngắn")
    assert short.value.field == "password"


def test_change_password_checks_the_old_one(database: Database, admin: Actor) -> None:
    target = add(database, admin)
    with pytest.raises(AccountError) as wrong, transaction(database.sessions) as session:
        change_password(session, target, "không phải", "mật khẩu mới 1", "mật khẩu mới 1")
    assert wrong.value.field == "old_password"
    with pytest.raises(AccountError) as same, transaction(database.sessions) as session:
        change_password(session, target, PASSWORD, PASSWORD, PASSWORD)
    assert same.value.field == "password"
    with transaction(database.sessions) as session:
        change_password(session, target, PASSWORD, "mật khẩu mới 1", "mật khẩu mới 1")
    assert sign_in(database, "canbo", "mật khẩu mới 1").ok and not sign_in(database, "canbo", PASSWORD).ok
    assert ("canbo", "password", '{"changed_by": "canbo"}') in audit(database)


def test_change_password_rewraps_the_users_key(database: Database, admin: Actor,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs whether or not desktop.services.keys exists yet: its `rewrap` is replaced by a recorder
    (or a stand-in module is put in its place), so only the call is checked here; test_keys.py
    checks the re-wrapping itself."""
    calls: list[tuple[int, str, str]] = []

    def rewrap(session: object, user_id: int, old: str, new: str) -> None:
        calls.append((user_id, old, new))

    try:
        import desktop.services.keys as keys_module
    except ImportError:
        keys_module = types.ModuleType("desktop.services.keys")
        monkeypatch.setitem(sys.modules, "desktop.services.keys", keys_module)
    monkeypatch.setattr(keys_module, "rewrap", rewrap, raising=False)
    without_key = add(database, admin, "canbo")
    with_key = add(database, admin, "chihuy", "commander")
    with transaction(database.sessions) as session:
        session.add(UserKey(user_id=with_key, wrapped=b"wrapped", salt=b"salt", kdf="test"))
    with transaction(database.sessions) as session:
        change_password(session, without_key, PASSWORD, "mật khẩu mới 1", "mật khẩu mới 1")
    assert calls == []  # no key: nothing to re-wrap
    with transaction(database.sessions) as session:
        change_password(session, with_key, PASSWORD, "mật khẩu mới 2", "mật khẩu mới 2")
    assert calls == [(with_key, PASSWORD, "mật khẩu mới 2")]


def test_waits_grow_after_three_failures_and_are_capped() -> None:
    assert [wait_after(n).total_seconds() for n in range(7)] == [0, 0, 0, 0, 2, 4, 8]
    assert wait_after(13) == wait_after(50) == MAX_WAIT == dt.timedelta(minutes=15)


def test_growing_wait_refuses_even_the_right_password(database: Database, admin: Actor) -> None:
    add(database, admin)
    for _ in range(3):
        failed = sign_in(database, "canbo", "sai", now=T0)
        assert not failed.ok and failed.wait == 0 and failed.message == "Tên đăng nhập hoặc mật khẩu không đúng."
    fourth = sign_in(database, "canbo", "sai", now=T0)
    assert fourth.wait == 2 and "hãy đợi 2 giây" in fourth.message
    early = sign_in(database, "canbo", PASSWORD, now=T0 + dt.timedelta(seconds=1))
    assert not early.ok and early.wait == 1 and "1 giây" in early.message
    assert user(database, "canbo").failed_attempts == 4  # waiting does not count as a failure
    fifth = sign_in(database, "canbo", "sai", now=T0 + dt.timedelta(seconds=2))
    assert fifth.wait == 4
    good = sign_in(database, "canbo", PASSWORD, now=T0 + dt.timedelta(seconds=6))
    assert good.ok and good.actor == Actor("canbo", "officer", good.user.unit_id if good.user else None, None)
    assert user(database, "canbo").failed_attempts == 0 and user(database, "canbo").last_failed_at is None
    assert sign_in(database, "canbo", "sai", now=T0 + dt.timedelta(seconds=6)).wait == 0  # counting anew


def test_long_wait_reads_in_minutes_and_in_english(database: Database, admin: Actor) -> None:
    add(database, admin)
    with transaction(database.sessions) as session:
        target = session.scalars(select(User).where(User.username == "canbo")).one()
        target.failed_attempts, target.last_failed_at = 20, T0
    result = sign_in(database, "canbo", PASSWORD, now=T0 + dt.timedelta(seconds=30))
    assert result.wait == 870 and "14 phút 30 giây" in result.message
    set_language("en")
    english = sign_in(database, "canbo", PASSWORD, now=T0 + dt.timedelta(minutes=5))
    assert english.message == "20 failed attempts in a row: wait 10 min before trying again."
    assert sign_in(database, "canbo", PASSWORD, now=T0 + dt.timedelta(minutes=15)).ok


def test_unknown_name_and_empty_fields(database: Database, admin: Actor) -> None:
    unknown = sign_in(database, "khongco", "mật khẩu bí mật")
    assert not unknown.ok and unknown.message == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert audit(database)[-1] == ("-", "sign_in_failed", '{"known": false}')
    assert sign_in(database, "", "x").message == "Hãy nhập tên đăng nhập và mật khẩu."
    assert sign_in(database, "quantri", "").message == "Hãy nhập tên đăng nhập và mật khẩu."


def test_audit_never_holds_a_password_or_a_hash(database: Database, admin: Actor) -> None:
    target = add(database, admin)
    sign_in(database, "canbo", "mật khẩu đoán sai")
    sign_in(database, "mật khẩu gõ nhầm ô", PASSWORD)
    sign_in(database, "canbo", PASSWORD)
    with transaction(database.sessions) as session:
        reset_password(session, admin, target, "mật khẩu đặt lại", "mật khẩu đặt lại")
    with transaction(database.sessions) as session:
        change_password(session, target, "mật khẩu đặt lại", "mật khẩu tự đổi", "mật khẩu tự đổi")
    actions = [a for _u, a, _n in audit(database)]
    assert {"user", "sign_in", "sign_in_failed", "password"} <= set(actions)
    with database.sessions() as session:
        text = " ".join(f"{e.username} {e.record_uid} {e.old_values} {e.new_values} {e.reason}"
                        for e in session.scalars(select(AuditEntry)))
    for secret in (PASSWORD, "mật khẩu đoán sai", "mật khẩu gõ nhầm ô", "mật khẩu đặt lại", "mật khẩu tự đổi",
                   ADMIN_PASSWORD, "$argon2", user(database, "canbo").password_hash[30:]):
        assert secret not in text
