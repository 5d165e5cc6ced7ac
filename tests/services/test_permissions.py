"""Permissions: every service action declares what it needs (a walk over ACTION_MODULES), the
scope rules of `check_record`, and every role × action pair on a real database — allowed, or
PermissionDenied with nothing written."""
from __future__ import annotations

import datetime as dt
import importlib
import inspect
import sqlite3
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from db.units import find_unit, own_unit
from desktop.services import editing
from desktop.services.installation import Database, connect
from desktop.services.permissions import (
    ACTION_MODULES,
    OWNER,
    Actor,
    OutOfScope,
    Permission,
    PermissionDenied,
    check_record,
    declared_permission,
    requires,
)
from desktop.services.tables.exporter import export_table
from desktop.services.tables.importer import ImportReport, import_table
from tests.conftest import _copy_sqlite
from tests.services.tables_support import TABLES, write_table

DAY = dt.date(2025, 9, 15)
OLD_DAY = dt.date(2024, 3, 15)
OLD_HA_TU = "06664"  # the old Phường Hà Tu (before 1 July 2025), merged into the own unit
CUA_NAM = "00082"  # Phường Cửa Nam, Hà Nội: another unit altogether


def undeclared(module_names: tuple[str, ...] | list[str]) -> list[str]:
    """The public functions of these modules that declare no permission."""
    missing = []
    for name in module_names:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.isfunction(value) or value.__module__ != module.__name__:
                continue
            if declared_permission(value) is False:
                missing.append(f"{name}.{attribute}")
    return missing


def test_every_service_action_declares_its_permission() -> None:
    assert "desktop.services.editing" in ACTION_MODULES and "desktop.services.accounts" in ACTION_MODULES
    assert undeclared(ACTION_MODULES) == []


def test_the_walk_finds_an_undeclared_action(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("tests_fake_actions")
    exec(  # noqa: S102 - a module of two functions, one of them undeclared
        "from desktop.services.permissions import requires, Permission\n"
        "@requires(Permission.VIEW)\ndef look(): pass\n"
        "def forgot(): pass\n"
        "def _private(): pass\n", module.__dict__)
    monkeypatch.setitem(sys.modules, "tests_fake_actions", module)
    assert undeclared(["tests_fake_actions"]) == ["tests_fake_actions.forgot"]


def test_requires_records_one_or_several_permissions() -> None:
    @requires(None)
    def free() -> None: ...

    @requires(Permission.ENTER_RECORDS, Permission.ENTER_UNION_RECORDS)
    def either() -> None: ...

    assert declared_permission(free) is None
    assert declared_permission(either) == (Permission.ENTER_RECORDS, Permission.ENTER_UNION_RECORDS)
    assert declared_permission(editing.save_record) == declared_permission(either)
    assert declared_permission(export_table) is Permission.EXPORT
    with pytest.raises(TypeError):
        requires()


# ---------------------------------------------------------------------------------------------
# check_record


@pytest.fixture
def units(database: Database) -> dict[str, int]:
    with database.sessions() as session:
        return {"own": own_unit(session).id, "old": find_unit(session, OLD_HA_TU, OLD_DAY).id,
                "elsewhere": find_unit(session, CUA_NAM).id}


def test_check_record_scopes_by_unit_and_organisation(database: Database, units: dict[str, int]) -> None:
    officer = Actor("canbo", "officer", units["own"])
    clerk = Actor("hoiphunu", "union_clerk", units["own"], "womens_union")
    with database.sessions() as session:
        check_record(officer, "sources", unit_id=units["own"])
        check_record(officer, "sources", unit_id=units["old"], session=session)  # a unit merged into it
        with pytest.raises(OutOfScope):
            check_record(officer, "sources", unit_id=units["old"])  # without a session: only its own unit
        with pytest.raises(OutOfScope):
            check_record(officer, "sources", unit_id=units["elsewhere"], session=session)
        with pytest.raises(OutOfScope):
            check_record(Actor("x", "officer", units["old"]), "sources", unit_id=units["own"], session=session)
        with pytest.raises(OutOfScope):
            check_record(Actor("x", "officer"), "sources", unit_id=units["own"])  # no unit: none
        check_record(clerk, "sessions", unit_id=units["own"], organisation_kinds={"police", "womens_union"})
        check_record(clerk, "commendations", unit_id=units["own"], organisation_kinds=None)  # no recipient yet
        check_record(clerk, "recipients", unit_id=units["own"], organisation_kinds={"womens_union"},
                     permission=Permission.DELETE_RECORDS)
        with pytest.raises(OutOfScope) as other_organisation:
            check_record(clerk, "sessions", unit_id=units["own"], organisation_kinds={"police"})
        assert "hoiphunu" in str(other_organisation.value) and "tổ chức khác" in str(other_organisation.value)
        with pytest.raises(PermissionDenied) as models:
            check_record(clerk, "models", unit_id=units["own"])
        assert not isinstance(models.value, OutOfScope)
        with pytest.raises(PermissionDenied):
            check_record(Actor("quantri", "administrator", units["own"]), "sessions", unit_id=units["own"])
        check_record(OWNER, "models", unit_id=None)


# ---------------------------------------------------------------------------------------------
# Every role × every action


def valid(kind: str, **changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "sessions": {"date": DAY, "kind": "training", "organisers": ["police", "womens_union"], "topics": ["drugs"],
                     "attendees": 40, "member_attendees": 12},
        "models": {"type": "self_management", "name": "Tổ tự quản khu 7", "lead_organisation": "police",
                   "launched_on": dt.date(2025, 8, 1), "status": "active", "members": 10},
        "sources": {"date": DAY, "organisation": "womens_union", "category": "drugs", "channel": "phone",
                    "content": "Nghi vấn tụ tập", "status": "received"},
        "commendations": {"number": "20/QĐ-UBND", "date": DAY, "authority": "UBND phường Hà Tu",
                          "form": "certificate_of_merit"},
        "recipients": {"decision_number": "16/QĐ-UBND", "kind": "individual", "name": "Nguyễn Thị Hoa",
                       "organisation": "womens_union"},
    }[kind]
    return {**raw, **changes}


@dataclass
class Records:
    shared: int  # a session of the police and the Women's Union
    police: int  # a session of the police alone
    deleted: int  # a shared session, deleted
    source: int
    police_recipient: int  # on decision 15/QĐ-UBND


def make_records(database: Database) -> Records:
    def save(kind: str, **changes: Any) -> int:
        result = editing.save_record(database, kind, valid(kind, **changes), "owner")
        assert result.saved and result.record_id is not None, result.violations
        return result.record_id

    shared = save("sessions")
    police = save("sessions", organisers=["police"], date=DAY - dt.timedelta(days=1))
    deleted = save("sessions", date=DAY - dt.timedelta(days=2))
    editing.delete_record(database, "sessions", deleted, "owner")
    source = save("sources")
    save("commendations", number="15/QĐ-UBND")
    save("commendations", number="16/QĐ-UBND")  # no recipient yet
    recipient = save("recipients", decision_number="15/QĐ-UBND", organisation="police", name="Lê Văn Nam")
    return Records(shared, police, deleted, source, recipient)


Action = Callable[[Database, Actor, Records, Path], Any]


def _save(kind: str, record: str | None = None, **changes: Any) -> Action:
    def act(database: Database, actor: Actor, records: Records, _folder: Path) -> Any:
        record_id = getattr(records, record) if record else None
        values = valid(kind, **changes)
        if record_id is not None:
            with database.sessions() as session:
                values = {**editing.form_values(session, kind, record_id), **changes}
        result = editing.save_record(database, kind, values, actor.username, record_id, actor=actor)
        assert result.saved, result.violations  # a valid change: only a permission may stop it
        return result

    return act


def _delete(kind: str, record: str, restore: bool = False) -> Action:
    def act(database: Database, actor: Actor, records: Records, _folder: Path) -> Any:
        function = editing.restore_record if restore else editing.delete_record
        ref = function(database, kind, getattr(records, record), actor.username, actor=actor)
        assert ref is not None
        return ref

    return act


def _import(database: Database, actor: Actor, _records: Records, folder: Path) -> Any:
    path = write_table(folder / "in.csv", ["date", "kind", "organisers", "attendees"],
                       [["16/09/2025", "training", "police", "25"]])
    report = import_table(database, "sessions", path, username=actor.username, actor=actor)
    if not report.ok:
        assert report.file_error is None and all(
            "đơn vị hoặc tổ chức khác" in e.message for e in report.errors), report.errors
    return report


def _export(database: Database, actor: Actor, _records: Records, folder: Path) -> Any:
    return export_table(database, "sessions", folder / "out.csv", actor=actor)


ACTIONS: dict[str, tuple[Action, Callable[..., Any]]] = {
    "create shared session": (_save("sessions"), editing.save_record),
    "create police session": (_save("sessions", organisers=["police"]), editing.save_record),
    "create session of a merged unit": (_save("sessions", date=OLD_DAY, unit_code=OLD_HA_TU), editing.save_record),
    "edit shared session": (_save("sessions", "shared", attendees=41), editing.save_record),
    "give shared session away": (_save("sessions", "shared", organisers=["police"]), editing.save_record),
    "edit police session": (_save("sessions", "police", attendees=41), editing.save_record),
    "delete shared session": (_delete("sessions", "shared"), editing.delete_record),
    "restore shared session": (_delete("sessions", "deleted", restore=True), editing.restore_record),
    "create model": (_save("models"), editing.save_record),
    "edit source": (_save("sources", "source", content="Đã rõ"), editing.save_record),
    "create decision": (_save("commendations"), editing.save_record),
    "create Women's Union recipient": (_save("recipients"), editing.save_record),
    "create police recipient": (_save("recipients", organisation="police"), editing.save_record),
    "delete police recipient": (_delete("recipients", "police_recipient"), editing.delete_record),
    "import sessions": (_import, import_table),
    "export sessions": (_export, export_table),
}

UNION = {"create shared session", "create session of a merged unit", "edit shared session", "delete shared session",
         "restore shared session", "create decision", "create Women's Union recipient"}
RECORDS = set(ACTIONS) - {"export sessions"}
ALLOWED: dict[str, set[str]] = {
    "owner": set(ACTIONS),
    "officer": RECORDS,
    "commander": set(ACTIONS),
    "union_clerk": UNION,
    "administrator": {"export sessions"},
    "officer elsewhere": set(),
}


def make_actor(role: str, units: dict[str, int]) -> Actor:
    if role == "owner":
        return OWNER
    if role == "officer elsewhere":
        return Actor("canbo2", "officer", units["elsewhere"])
    return Actor(role, role, units["own"], "womens_union" if role == "union_clerk" else None)


@pytest.fixture(scope="module")
def records_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Records]:
    """The records every matrix case starts from, made once and copied for each case."""
    folder = tmp_path_factory.mktemp("matrix")
    path = folder / "records.sqlite3"
    _copy_sqlite(template_db, path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANTQ_DATA_DIR", str(folder / "data"))
        database = connect(path)
        try:
            records = make_records(database)
        finally:
            database.dispose()
    return path, records


@pytest.fixture
def matrix_case(records_template: tuple[Path, Records], tmp_path: Path) -> Iterator[tuple[Database, Path, Records]]:
    path = tmp_path / "matrix.sqlite3"
    _copy_sqlite(records_template[0], path)
    database = connect(path)
    yield database, path, records_template[1]
    database.dispose()


def fingerprint(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(db_path)
    try:
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in (*TABLES, "app_user")}
    finally:
        connection.close()


def test_allowed_table_agrees_with_declared_permissions() -> None:
    """A role holding none of an action's declared permissions is never expected to be allowed."""
    for role, allowed in ALLOWED.items():
        actor = make_actor(role, {"own": 1, "elsewhere": 2})
        for name in allowed:
            declared = declared_permission(ACTIONS[name][1])
            wanted = declared if isinstance(declared, tuple) else (declared,)
            assert any(p is None or actor.may(p) for p in wanted), (role, name)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", list(ALLOWED))
def test_role_and_action(matrix_case: tuple[Database, Path, Records], tmp_path: Path, role: str, action: str) -> None:
    database, db_path, records = matrix_case
    with database.sessions() as session:
        units = {"own": own_unit(session).id, "elsewhere": find_unit(session, CUA_NAM).id}
    actor = make_actor(role, units)
    before = fingerprint(db_path)
    run, _function = ACTIONS[action]
    try:
        outcome = run(database, actor, records, tmp_path)
        denied = isinstance(outcome, ImportReport) and not outcome.ok
    except PermissionDenied as refusal:
        denied = True
        assert str(refusal) and actor.username in str(refusal)
    assert denied == (action not in ALLOWED[role]), f"{role} / {action}: {'denied' if denied else 'allowed'}"
    after = fingerprint(db_path)
    if denied:
        assert after == before, "something was written although the action was denied"
        assert not (tmp_path / "out.csv").exists()
    elif action == "export sessions":
        assert (tmp_path / "out.csv").stat().st_size > 0
    else:
        assert after != before and len(after["audit_entry"]) > len(before["audit_entry"])
