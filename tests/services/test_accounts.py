"""desktop.services.accounts and desktop.services.setup: argon2id hashes, the checks on a new
account, the first administrator, the unit search without a database, the first-run set-up."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import transaction
from db.models import Installation, User
from db.units import own_unit
from desktop.i18n import set_language
from desktop.services.accounts import (
    ADMINISTRATOR,
    AccountError,
    account_problems,
    create_admin,
    first_admin,
    has_users,
    hash_password,
    needs_rehash,
    verify_password,
)
from desktop.services.installation import Database, SetupError, connect
from desktop.services.setup import (
    UnitChoice,
    needs_first_run,
    pending_account,
    search_current_units,
    set_up,
)
from tests.conftest import HA_TU

GOOD = {"username": "QuanTri", "full_name": "  Nguyễn Văn Đức ", "password": "mật khẩu 123", "confirm": "mật khẩu 123"}


def test_hash_is_argon2id_and_verifies() -> None:
    stored = hash_password("mật khẩu 123")
    assert stored.startswith("$argon2id$")
    assert stored != hash_password("mật khẩu 123")  # salted
    assert verify_password(stored, "mật khẩu 123") is True
    assert verify_password(stored, "mat khau 123") is False
    assert verify_password("not a hash", "mật khẩu 123") is False
    assert needs_rehash(stored) is False
    assert needs_rehash("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo") is True


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"username": "ab"}, "username", "từ 3 đến 64"),
        ({"username": "x" * 65}, "username", "từ 3 đến 64"),
        ({"username": "quản trị"}, "username", "không dấu"),
        ({"username": "a b c"}, "username", "không dấu"),
        ({"full_name": "   "}, "full_name", "họ và tên"),
        ({"password": "1234567", "confirm": "1234567"}, "password", "ít nhất 8"),
        ({"confirm": "mật khẩu 124"}, "confirm", "không khớp"),
    ],
)
def test_each_account_error_names_its_field(changes: dict[str, str], field: str, words: str) -> None:
    problems = account_problems(**{**GOOD, **changes})
    assert [(p.field, words in p.message) for p in problems] == [(field, True)]


def test_account_errors_in_english() -> None:
    set_language("en")
    problems = account_problems("ab", "", "short", "short")
    assert [p.field for p in problems] == ["username", "full_name", "password"]
    assert problems[2].message == "The password must have at least 8 characters."


def test_good_account_has_no_problem() -> None:
    assert account_problems(**GOOD) == []


def test_create_admin_writes_one_user(database: Database) -> None:
    with database.sessions() as session:
        assert not has_users(session) and first_admin(session) is None
    with transaction(database.sessions) as session:
        user = create_admin(session, **GOOD)
    with database.sessions() as session:
        users = session.scalars(select(User)).all()
        assert len(users) == 1
        admin = first_admin(session)
        assert admin is not None and has_users(session)
        assert (admin.username, admin.full_name, admin.role) == ("quantri", "Nguyễn Văn Đức", ADMINISTRATOR)
        assert admin.unit_id == own_unit(session).id
        assert admin.password_hash.startswith("$argon2id$") and verify_password(admin.password_hash, "mật khẩu 123")
    assert user.username == "quantri"


def test_create_admin_refuses_bad_input_and_taken_name(database: Database) -> None:
    with pytest.raises(AccountError) as bad, transaction(database.sessions) as session:
        create_admin(session, **{**GOOD, "confirm": "khác"})
    assert bad.value.field == "confirm"
    with transaction(database.sessions) as session:
        create_admin(session, **GOOD)
    with pytest.raises(AccountError) as taken, transaction(database.sessions) as session:
        create_admin(session, **{**GOOD, "username": " QUANTRI "})
    assert taken.value.field == "username" and "quantri" in taken.value.message
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("phuong cua nam", UnitChoice("00082", "Phường Cửa Nam", "Thành phố Hà Nội")),
        ("ha tu", UnitChoice(HA_TU, "Phường Hà Tu", "Tỉnh Quảng Ninh")),
        ("HÀ TU", UnitChoice(HA_TU, "Phường Hà Tu", "Tỉnh Quảng Ninh")),
        ("  phường   hà   tu ", UnitChoice(HA_TU, "Phường Hà Tu", "Tỉnh Quảng Ninh")),
    ],
)
def test_search_current_units_finds_without_accents(typed: str, first: UnitChoice) -> None:
    found = search_current_units(typed)
    assert found[0] == first
    assert 1 <= len(found) <= 20


def test_search_ranks_communes_then_provinces_and_tells_namesakes_apart() -> None:
    found = search_current_units("xa tan lap")
    assert len(found) > 1 and {u.name for u in found} == {"Xã Tân Lập"}
    assert len({u.province for u in found}) == len(found)  # same name, told apart by province
    assert search_current_units("ha tu quang ninh")[0].label == "Phường Hà Tu (Tỉnh Quảng Ninh)"
    named = [u.label for u in search_current_units("quang ninh", limit=4)]
    assert named == ["Xã Quảng Ninh (Tỉnh Quảng Trị)", "Xã Quảng Ninh (Tỉnh Thanh Hóa)", "Tỉnh Quảng Ninh",
                     "Đặc khu Cô Tô (Tỉnh Quảng Ninh)"]  # communes, then the province, then inside it
    by_name = search_current_units("ha noi", limit=3)
    assert by_name[0].name == "Thành phố Hà Nội"  # the name itself before units inside it
    assert all(u.province == "Thành phố Hà Nội" for u in by_name[1:])


def test_search_nonsense_or_nothing_finds_nothing() -> None:
    assert search_current_units("qqzz xyzzy") == []
    assert search_current_units("   ") == []
    assert len(search_current_units("phuong", limit=5)) == 5


def test_set_up_fresh_path_creates_installation_and_user(tmp_path: Path) -> None:
    target = tmp_path / "new" / "antq.sqlite3"
    assert needs_first_run(target) and not target.exists()
    seen: list[tuple[int, int]] = []

    class Recorder:
        def report(self, done: int, total: int) -> None:
            seen.append((done, total))

    database = set_up(target, HA_TU, **GOOD, progress=Recorder())  # type: ignore[arg-type]
    try:
        assert target.is_file()
        with database.sessions() as session:
            assert own_unit(session).code == HA_TU
            users = session.scalars(select(User)).all()
            assert [(u.username, u.role) for u in users] == [("quantri", ADMINISTRATOR)]
            assert users[0].password_hash.startswith("$argon2id$")
    finally:
        database.dispose()
    assert seen[-1] == (3, 3)
    assert not needs_first_run(target) and pending_account(target) is None
    with pytest.raises(SetupError):  # a second administrator is not made by the first run
        set_up(target, HA_TU, **{**GOOD, "username": "khac"})


def test_set_up_with_bad_password_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "antq.sqlite3"
    with pytest.raises(AccountError) as problem:
        set_up(target, HA_TU, **{**GOOD, "password": "short", "confirm": "short"})
    assert problem.value.field == "password"
    assert list(tmp_path.iterdir()) == []


def test_set_up_of_unknown_unit_makes_no_user(tmp_path: Path) -> None:
    target = tmp_path / "antq.sqlite3"
    with pytest.raises(SetupError):
        set_up(target, "99999", **GOOD)
    assert needs_first_run(target)


def test_installation_without_user_only_needs_the_account(db_path: Path) -> None:
    assert needs_first_run(db_path)
    assert pending_account(db_path) == UnitChoice(HA_TU, "Phường Hà Tu", "Tỉnh Quảng Ninh")
    database = set_up(db_path, None, **GOOD)  # no unit needed: the installation keeps its own
    database.dispose()
    check = connect(db_path)
    try:
        with check.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Installation)) == 1
            assert own_unit(session).code == HA_TU
            assert session.scalar(select(func.count()).select_from(User)) == 1
    finally:
        check.dispose()
