"""Approvals on a real SQLite database: a commander approves a unit's month or quarter, overlaps
and odd periods are refused, the records of an approved period are locked (saving, deleting and
restoring refused with nothing written) until un-approved with a reason (audited), and the
figures can count approved records only."""
from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import transaction
from db.models import Approval, AuditEntry, DisseminationSession
from db.units import find_unit, own_unit
from desktop.i18n import set_language
from desktop.services import approvals, editing
from desktop.services.approvals import ApprovalError, Period, RecordLocked
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, PermissionDenied
from desktop.services.records import RECORD_CLASSES
from desktop.services.stats import compute_stats, format_stats
from tests.services.test_editing import valid

JULY = Period.month(2025, 7)
Q3 = Period.quarter(2025, 3)
LOCKED = "Đã được duyệt kỳ 07/2025: bỏ duyệt trước khi sửa"


def _user() -> Any:
    """Who edits: the editing service takes a user name, or an Actor once accounts are in."""
    first = list(inspect.signature(editing.save_record).parameters)[3]
    return "admin" if first == "username" else OWNER


def save(database: Database, kind: str, raw: dict[str, Any], record_id: int | None = None) -> editing.SaveResult:
    return editing.save_record(database, kind, raw, _user(), record_id)


@pytest.fixture
def units(database: Database) -> dict[str, int]:
    with database.sessions() as session:
        own = own_unit(session)
        assert own is not None
        province = find_unit(session, "22")
        old = find_unit(session, "06652", dt.date(2024, 1, 1))  # Phường Hà Phong, merged into Hà Tu
        other = find_unit(session, "06658")  # Phường Cao Xanh, another commune of Quảng Ninh
        assert province and old and other
        return {"own": own.id, "province": province.id, "old": old.id, "other": other.id}


@pytest.fixture
def commander(units: dict[str, int]) -> Actor:
    return Actor("chihuy", "commander", units["own"])


def approve(database: Database, actor: Actor, unit_id: int, period: Period) -> approvals.ApprovalInfo:
    with transaction(database.sessions) as session:
        return approvals.approve(session, actor, unit_id, period.starts_on, period.ends_on)


def unapprove(database: Database, actor: Actor, approval_id: int, reason: str) -> approvals.ApprovalInfo:
    with transaction(database.sessions) as session:
        return approvals.unapprove(session, actor, approval_id, reason)


def audit(database: Database) -> list[tuple[str, str | None]]:
    with database.sessions() as session:
        return [tuple(row) for row in session.execute(
            select(AuditEntry.action, AuditEntry.reason).order_by(AuditEntry.id))]  # type: ignore[misc]


def snapshot(database: Database, kind: str, record_id: int) -> tuple[Any, ...]:
    with database.sessions() as session:
        record: Any = session.get_one(RECORD_CLASSES[kind], record_id)
        return record.revision, record.deleted, record.updated_at


@pytest.fixture
def session_in_july(database: Database) -> int:
    result = save(database, "sessions", valid("sessions", date=dt.date(2025, 7, 10)))
    assert result.action == "created" and result.record_id
    return result.record_id


# ---------------------------------------------------------------------------------------------
# Periods and approving


def test_periods() -> None:
    assert JULY == Period(dt.date(2025, 7, 1), dt.date(2025, 7, 31)) and JULY.kind == "month"
    assert Period.month(2024, 2).ends_on == dt.date(2024, 2, 29)
    assert Q3 == Period(dt.date(2025, 7, 1), dt.date(2025, 9, 30)) and Q3.kind == "quarter"
    assert Period(dt.date(2025, 7, 1), dt.date(2025, 8, 31)).kind is None  # two months
    assert Period(dt.date(2025, 2, 1), dt.date(2025, 4, 30)).kind is None  # not a calendar quarter
    assert Period(dt.date(2025, 7, 2), dt.date(2025, 7, 31)).kind is None
    assert JULY.label("vi") == "07/2025" and Q3.label("vi") == "quý 3/2025" and Q3.label("en") == "Q3 2025"


def test_approve_a_month_is_audited_and_stands(database: Database, commander: Actor, units: dict[str, int]) -> None:
    info = approve(database, commander, units["own"], JULY)
    assert info.standing and info.approved_by == "chihuy" and info.unit_code == "06652"
    assert audit(database) == [("approve", None)]
    with database.sessions() as session:
        standing = approvals.standing_approvals(session, units["own"])
        assert [(a.id, a.starts_on, a.ends_on) for a in standing] == [(info.id, JULY.starts_on, JULY.ends_on)]
        assert approvals.standing_approvals(session, units["other"]) == []
        entry = session.scalars(select(AuditEntry)).one()
        assert entry.table_name == "approval" and entry.record_uid == str(info.id)
        assert '"starts_on": "2025-07-01"' in (entry.new_values or "")


@pytest.mark.parametrize("starts_on, ends_on", [
    (dt.date(2025, 7, 1), dt.date(2025, 7, 30)),  # not the whole month
    (dt.date(2025, 7, 1), dt.date(2025, 8, 31)),  # two months
    (dt.date(2025, 2, 1), dt.date(2025, 4, 30)),  # three months, not a quarter
    (dt.date(2099, 1, 1), dt.date(2099, 1, 31)),  # not started yet
])
def test_odd_or_future_periods_are_refused(database: Database, commander: Actor, units: dict[str, int],
                                           starts_on: dt.date, ends_on: dt.date) -> None:
    with pytest.raises(ApprovalError) as refused, transaction(database.sessions) as session:
        approvals.approve(session, commander, units["own"], starts_on, ends_on)
    assert refused.value.field == "period" and refused.value.message
    assert audit(database) == []


def test_overlap_with_a_standing_approval_of_the_same_unit_is_refused(
        database: Database, commander: Actor, units: dict[str, int]) -> None:
    quarter = approve(database, commander, units["own"], Q3)
    with pytest.raises(ApprovalError, match="quý 3/2025"):
        approve(database, commander, units["own"], Period.month(2025, 8))
    with pytest.raises(ApprovalError):
        approve(database, commander, units["own"], Q3)
    approve(database, commander, units["own"], Period.month(2025, 10))  # next to it: fine
    approve(database, OWNER, units["province"], JULY)  # another unit (the province above): fine
    unapprove(database, commander, quarter.id, "Số liệu tháng 8 nhập thiếu")
    approve(database, commander, units["own"], Period.month(2025, 8))  # the quarter no longer stands
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Approval)) == 4


def test_who_may_approve(database: Database, units: dict[str, int]) -> None:
    with pytest.raises(PermissionDenied):
        approve(database, Actor("canbo", "officer", units["own"]), units["own"], JULY)
    with pytest.raises(PermissionDenied):
        approve(database, Actor("quantri", "administrator", units["own"]), units["own"], JULY)
    with pytest.raises(ApprovalError) as outside:  # the unit above the commander's
        approve(database, Actor("chihuy", "commander", units["own"]), units["province"], JULY)
    assert outside.value.field == "unit"
    with pytest.raises(ApprovalError):  # a commander without a unit approves nothing
        approve(database, Actor("chihuy", "commander"), units["own"], JULY)
    province_commander = Actor("tinh", "commander", units["province"])
    assert approve(database, province_commander, units["other"], JULY).unit_code == "06658"
    with database.sessions() as session:
        offered = approvals.approvable_units(session, Actor("chihuy", "commander", units["own"]))
        assert [label for _id, label in offered] == ["06652 Phường Hà Tu"]
        assert len(approvals.approvable_units(session, province_commander)) > 10
        assert approvals.approvable_units(session, Actor("x", "commander")) == []
    assert [action for action, _ in audit(database)] == ["approve"]


# ---------------------------------------------------------------------------------------------
# Locking


def test_a_locked_record_cannot_be_saved(database: Database, commander: Actor, units: dict[str, int],
                                         session_in_july: int) -> None:
    august = save(database, "sessions", valid("sessions", date=dt.date(2025, 8, 5)))
    approve(database, commander, units["own"], JULY)
    before, entries = snapshot(database, "sessions", session_in_july), audit(database)

    edited = save(database, "sessions", valid("sessions", date=dt.date(2025, 7, 10), attendees=99), session_in_july)
    assert not edited.saved and [v.message for v in edited.violations] == [LOCKED]
    moved_out = save(database, "sessions", valid("sessions", date=dt.date(2025, 8, 10)), session_in_july)
    assert not moved_out.saved  # its stored date is approved
    moved_in = save(database, "sessions", valid("sessions", date=dt.date(2025, 7, 20)), august.record_id)
    assert not moved_in.saved and moved_in.violations[0].message == LOCKED  # its new date is
    new = save(database, "sessions", valid("sessions", date=dt.date(2025, 7, 31), place="Chợ Hà Tu"))
    assert not new.saved and new.violations[0].field == "approval"

    assert snapshot(database, "sessions", session_in_july) == before and audit(database) == entries
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(DisseminationSession)) == 2
        assert session.get_one(DisseminationSession, session_in_july).attendees == 40
    assert save(database, "sessions", valid("sessions", date=dt.date(2025, 8, 6)), august.record_id).saved


def test_a_locked_record_cannot_be_deleted_or_restored(database: Database, commander: Actor, units: dict[str, int],
                                                       session_in_july: int) -> None:
    deleted_first = save(database, "sessions", valid("sessions", date=dt.date(2025, 7, 11), place="Chợ"))
    assert editing.delete_record(database, "sessions", deleted_first.record_id, _user())
    approve(database, commander, units["own"], JULY)
    before, entries = snapshot(database, "sessions", session_in_july), audit(database)
    with pytest.raises(RecordLocked) as refused:
        editing.delete_record(database, "sessions", session_in_july, _user())
    assert str(refused.value) == LOCKED
    restored_before = snapshot(database, "sessions", deleted_first.record_id)
    with pytest.raises(RecordLocked):
        editing.restore_record(database, "sessions", deleted_first.record_id, _user())
    assert snapshot(database, "sessions", session_in_july) == before
    assert snapshot(database, "sessions", deleted_first.record_id) == restored_before
    assert audit(database) == entries


def test_unapprove_needs_a_reason_is_audited_and_unlocks(database: Database, commander: Actor,
                                                         units: dict[str, int], session_in_july: int) -> None:
    info = approve(database, commander, units["own"], JULY)
    for reason in ("", "   "):
        with pytest.raises(ApprovalError) as refused:
            unapprove(database, commander, info.id, reason)
        assert refused.value.field == "reason"
    with pytest.raises(PermissionDenied):
        unapprove(database, Actor("canbo", "officer", units["own"]), info.id, "Sai sót")
    revoked = unapprove(database, commander, info.id, "  Nhập thiếu 2 buổi tuyên truyền ")
    assert not revoked.standing and revoked.revoked_by == "chihuy"
    assert revoked.revoke_reason == "Nhập thiếu 2 buổi tuyên truyền"
    assert audit(database)[-1] == ("unapprove", "Nhập thiếu 2 buổi tuyên truyền")
    with pytest.raises(ApprovalError):
        unapprove(database, commander, info.id, "lần nữa")
    with database.sessions() as session:
        assert approvals.standing_approvals(session) == []
        assert [a.id for a in approvals.list_approvals(session)] == [info.id]
    assert save(database, "sessions", valid("sessions", date=dt.date(2025, 7, 10), attendees=41),
                session_in_july).action == "updated"
    assert editing.delete_record(database, "sessions", session_in_july, _user())


def test_an_approval_covers_the_units_under_it_and_the_old_units_merged_into_it(
        database: Database, units: dict[str, int]) -> None:
    old = save(database, "sessions", valid("sessions", date=dt.date(2024, 3, 15), unit_code="06652"))
    assert old.saved
    with database.sessions() as session:
        assert session.get_one(DisseminationSession, old.record_id).unit_id == units["old"]
    approve(database, OWNER, units["own"], Period.quarter(2024, 1))  # the current ward: its old wards too
    with database.sessions() as session:
        record = session.get_one(DisseminationSession, old.record_id)
        locked = approvals.is_locked(session, "sessions", record)
        assert locked is not None and locked.unit_id == units["own"]
    with pytest.raises(RecordLocked, match="quý 1/2024"):
        editing.delete_record(database, "sessions", old.record_id, _user())


def test_a_province_approval_locks_its_communes(database: Database, units: dict[str, int],
                                                session_in_july: int) -> None:
    approve(database, OWNER, units["province"], Q3)
    set_language("en")
    result = save(database, "sessions", valid("sessions", date=dt.date(2025, 7, 10), attendees=50), session_in_july)
    assert [v.message for v in result.violations] == ["Period Q3 2025 has been approved: un-approve it before editing"]


def test_every_kind_is_locked_by_its_own_date(database: Database, units: dict[str, int]) -> None:
    ids = {kind: save(database, kind, valid(kind, date=dt.date(2025, 7, 3))) for kind in
           ("sessions", "sources", "cases")}
    ids["commendations"] = save(database, "commendations", valid("commendations", date=dt.date(2025, 7, 3)))
    ids["recipients"] = save(database, "recipients", valid("recipients"))
    ids["models"] = save(database, "models", valid("models", launched_on=dt.date(2025, 8, 10), typical_on=None,
                                                   typical_authority=None, typical_decision=None))
    recognised = save(database, "models", valid("models", name="Tổ tự quản khu 2", type="self_management",
                                                cameras=None, launched_on=dt.date(2025, 8, 1),
                                                typical_on=dt.date(2025, 9, 20)))
    assert all(r.saved for r in (*ids.values(), recognised)), [r.violations for r in (*ids.values(), recognised)]
    approve(database, OWNER, units["own"], JULY)
    approve(database, OWNER, units["own"], Period.month(2025, 9))
    with database.sessions() as session:
        def locked(kind: str, record_id: int | None) -> bool:
            return approvals.is_locked(session, kind, session.get_one(RECORD_CLASSES[kind], record_id)) is not None

        for kind in ("sessions", "sources", "cases", "commendations", "recipients"):
            assert locked(kind, ids[kind].record_id), kind
        assert not locked("models", ids["models"].record_id)  # launched in August
        assert locked("models", recognised.record_id)  # launched in August, recognised as typical in September
        assert approvals.is_locked(session, "models", {"unit_id": units["own"], "launched_on": None}) is None
    with pytest.raises(RecordLocked):
        editing.delete_record(database, "recipients", ids["recipients"].record_id, _user())


# ---------------------------------------------------------------------------------------------
# Figures and exports


@pytest.fixture
def two_months(database: Database, session_in_july: int) -> Iterator[None]:
    assert save(database, "sessions", valid("sessions", date=dt.date(2025, 8, 5), attendees=70)).saved
    assert save(database, "sources", valid("sources", date=dt.date(2025, 8, 5))).saved
    assert save(database, "sources", valid("sources", date=dt.date(2025, 7, 5))).saved
    yield


def test_approved_only_counts_what_an_approval_covers(database: Database, units: dict[str, int],
                                                     two_months: None) -> None:
    everything = compute_stats(database, "06652")
    assert everything["sessions"]["count"] == 2 and "approved_only" not in everything
    assert compute_stats(database, "06652", approved_only=True)["sessions"]["count"] == 0
    info = approve(database, OWNER, units["own"], JULY)
    with database.sessions() as session:
        figures = compute_stats(session, "06652", approved_only=True)
    assert figures["approved_only"] is True
    assert (figures["sessions"]["count"], figures["sessions"]["attendees"]) == (1, 40)
    assert figures["sources"]["count"] == 1
    assert compute_stats(database, None, approved_only=True)["sessions"]["count"] == 1  # the whole database
    assert compute_stats(database, "06652", approved_only=True) == figures  # the threaded path agrees
    assert "Chỉ số liệu đã duyệt" in format_stats(figures, "vi")
    assert "Approved data only" in format_stats(figures, "en")
    assert "Approved data only" not in format_stats(everything, "en")
    unapprove(database, OWNER, info.id, "Sửa số liệu")
    assert compute_stats(database, "06652", approved_only=True)["sessions"]["count"] == 0


def test_approval_state_for_an_export_manifest(database: Database, units: dict[str, int]) -> None:
    own = approve(database, OWNER, units["own"], JULY)
    approve(database, OWNER, units["province"], Period.month(2025, 9))
    approve(database, OWNER, units["other"], Period.month(2025, 8))  # a sibling: not in the ward's export
    revoked = approve(database, OWNER, units["own"], Period.month(2025, 6))
    unapprove(database, OWNER, revoked.id, "Sai")
    with database.sessions() as session:
        state = approvals.approval_state(session, units["own"], dt.date(2025, 1, 1), dt.date(2025, 12, 31))
        assert [(s["unit"], s["starts_on"], s["ends_on"], s["period"]) for s in state] == [
            ("06652", "2025-07-01", "2025-07-31", "month"), ("22", "2025-09-01", "2025-09-30", "month")]
        assert state[0]["approved_by"] == "owner" and state[0]["approved_at"].startswith(str(own.approved_at.date()))
        assert approvals.approval_state(session, units["own"], dt.date(2025, 8, 1), dt.date(2025, 8, 31)) == []
        whole = approvals.approval_state(session, units["province"], None, None)
        assert {s["unit"] for s in whole} == {"06652", "22", "06658"}


def test_the_actions_declare_their_permissions() -> None:
    from desktop.services.permissions import ACTION_MODULES, Permission, declared_permission

    assert "desktop.services.approvals" in ACTION_MODULES
    public = [f for name, f in inspect.getmembers(approvals, inspect.isfunction)
              if not name.startswith("_") and f.__module__ == approvals.__name__]
    assert public and all(declared_permission(f) is not False for f in public)
    assert declared_permission(approvals.approve) == Permission.APPROVE
    assert declared_permission(approvals.unapprove) == Permission.APPROVE


def test_a_spreadsheet_cannot_write_into_an_approved_period(database: Database, commander: Actor,
                                                            units: dict[str, int], session_in_july: int,
                                                            tmp_path: Any) -> None:
    """The importer refuses a row whose record (as stored, or as the row would make it) is locked:
    the whole file, with the line named, and nothing written."""
    from desktop.services.tables.exporter import export_table
    from desktop.services.tables.importer import import_table
    from desktop.services.tables.sheets import read_sheet, write_sheet

    exported = tmp_path / "sessions.csv"
    export_table(database, "sessions", exported)
    approve(database, commander, units["own"], JULY)
    sheet = read_sheet(exported)
    column = [str(cell).lower() for cell in sheet.header].index("attendees")
    rows = [[*cells[:column], 77, *cells[column + 1:]] for _line, cells in sheet.rows]
    changed = tmp_path / "changed.csv"
    write_sheet(changed, [str(cell) for cell in sheet.header], iter(rows))
    before, entries = snapshot(database, "sessions", session_in_july), audit(database)
    report = import_table(database, "sessions", changed)
    assert not report.ok and [(e.line, e.message) for e in report.errors] == [(2, LOCKED)]
    assert snapshot(database, "sessions", session_in_july) == before and audit(database) == entries
