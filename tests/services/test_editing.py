"""The editing service behind the record forms, on a real SQLite database: create, edit,
unchanged, invalid (nothing written), duplicates, delete/restore with their audit entries, and
the form values of every kind reading back to what was saved."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import AuditEntry, DisseminationSession, Organisation
from desktop.i18n import set_language
from desktop.services import editing
from desktop.services.installation import Database
from desktop.services.records import RECORD_CLASSES

DAY = dt.date(2025, 9, 15)  # in the 2025 list: the own unit is the default
OLD_DAY = dt.date(2024, 3, 15)  # in the old list: Hà Phong (06652) or the old Hà Tu (06664)
USER = "admin"


def valid(record_kind: str, /, **changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "sessions": {"date": DAY, "kind": "training", "organisers": ["police", "womens_union"],
                     "topics": ["drugs", "online_fraud"], "attendees": 40, "member_attendees": 12,
                     "place": "Nhà văn hóa khu 3", "notes": "Có phát tờ rơi"},
        "models": {"type": "security_camera", "name": "Camera an ninh khu 5", "lead_organisation": "police",
                   "launched_on": dt.date(2025, 8, 1), "status": "active", "members": 10, "cameras": 12,
                   "typical_on": dt.date(2025, 10, 1), "typical_authority": "UBND phường",
                   "typical_decision": "12/QĐ-UBND"},
        "sources": {"date": DAY, "organisation": "womens_union", "category": "drugs", "channel": "phone",
                    "content": "Nghi vấn tụ tập sử dụng ma túy", "status": "received"},
        "cases": {"date": DAY, "category": "drugs", "individuals": 2, "source_refs": [],
                  "summary": "Bắt quả tang 2 đối tượng"},
        "commendations": {"number": "15/QĐ-UBND", "date": DAY, "authority": "UBND phường Hà Tu",
                          "form": "certificate_of_merit", "period_from": dt.date(2024, 1, 1),
                          "period_to": dt.date(2024, 12, 31), "achievement": "Thành tích xuất sắc"},
        "recipients": {"decision_number": "15/QĐ-UBND", "kind": "individual", "name": "Nguyễn Văn An",
                       "title": "mr", "position": "Tổ trưởng", "organisation": "police"},
    }[record_kind]
    return {**raw, **changes}


def save(database: Database, kind: str, raw: dict[str, Any], record_id: int | None = None,
         **options: Any) -> editing.SaveResult:
    return editing.save_record(database, kind, raw, USER, record_id, **options)


def count(database: Database, kind: str) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(RECORD_CLASSES[kind])) or 0


def audit_actions(database: Database) -> list[str]:
    with database.sessions() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def prepare(database: Database, kind: str) -> None:
    """What a record of `kind` refers to: a decision for recipients."""
    if kind == "recipients":
        assert save(database, "commendations", valid("commendations")).action == "created"


def test_create_allocates_a_ref_and_audits(database: Database) -> None:
    result = save(database, "sessions", valid("sessions"))
    assert result.action == "created" and not result.violations
    assert result.ref == "TT-2025-0001"
    second = save(database, "sessions", valid("sessions", date=dt.date(2025, 9, 16)))
    assert second.ref == "TT-2025-0002"
    with database.sessions() as session:
        record = session.get_one(DisseminationSession, result.record_id)
        assert record.attendees == 40 and record.created_by == USER and record.revision == 1
        assert sorted(o.kind for o in record.organisers) == ["police", "womens_union"]
    assert audit_actions(database) == ["create", "create"]


def test_invalid_writes_nothing(database: Database) -> None:
    raw = valid("sessions", date="31/02/2025", attendees="", organisers=["Hội Nông dân"])
    result = save(database, "sessions", raw)
    assert result.action == "invalid" and not result.saved
    assert {v.field for v in result.violations} == {"date", "attendees"}
    assert count(database, "sessions") == 0
    with database.sessions() as session:  # the organisation validation made was rolled back
        assert session.scalar(select(func.count()).select_from(Organisation)) == 0
    assert audit_actions(database) == []


def test_members_over_attendees_is_at_the_members_field(database: Database) -> None:
    result = save(database, "sessions", valid("sessions", attendees=10, member_attendees=11))
    assert [v.field for v in result.violations] == ["member_attendees"]
    assert "Số hội viên (11) lớn hơn số người tham dự (10)." in result.violations[0].message
    assert count(database, "sessions") == 0


def test_edit_unchanged_then_updated(database: Database) -> None:
    created = save(database, "sessions", valid("sessions"))
    with database.sessions() as session:
        values = editing.form_values(session, "sessions", created.record_id)
    assert save(database, "sessions", values, created.record_id).action == "unchanged"
    values["attendees"] = 55
    updated = save(database, "sessions", values, created.record_id)
    assert (updated.action, updated.record_id, updated.ref) == ("updated", created.record_id, created.ref)
    with database.sessions() as session:
        record = session.get_one(DisseminationSession, created.record_id)
        assert (record.attendees, record.revision) == (55, 2)
    assert audit_actions(database) == ["create", "update"]
    assert count(database, "sessions") == 1


def test_edit_updates_that_record_even_with_a_new_unit_and_ref(database: Database) -> None:
    created = save(database, "sessions", valid("sessions"))
    with database.sessions() as session:
        values = editing.form_values(session, "sessions", created.record_id)
    values.update(date=OLD_DAY, unit_code="06664", ref="TT-2024-0100", organisers=["police"])
    result = save(database, "sessions", values, created.record_id)
    assert (result.action, result.record_id, result.ref) == ("updated", created.record_id, "TT-2024-0100")
    assert count(database, "sessions") == 1
    with database.sessions() as session:
        again = editing.form_values(session, "sessions", created.record_id)
        assert (again["unit_code"], again["date"], again["ref"]) == ("06664", OLD_DAY, "TT-2024-0100")
        assert again["organisers"] == ["Công an Phường Hà Tu"]  # the old Hà Tu's police


def test_a_taken_ref_or_decision_number_is_refused(database: Database) -> None:
    first = save(database, "sessions", valid("sessions"))
    second = save(database, "sessions", valid("sessions", kind="conference"))
    taken = save(database, "sessions", valid("sessions", ref=first.ref))
    assert [v.field for v in taken.violations] == ["ref"]
    assert f"Số hiệu «{first.ref}» đã có" in taken.violations[0].message
    with database.sessions() as session:
        values = editing.form_values(session, "sessions", second.record_id)
    assert save(database, "sessions", {**values, "ref": first.ref}, second.record_id).violations
    assert save(database, "commendations", valid("commendations")).saved
    again = save(database, "commendations", valid("commendations"))
    assert [v.field for v in again.violations] == ["number"]
    assert count(database, "sessions") == 2 and count(database, "commendations") == 1


def test_old_date_needs_an_old_unit(database: Database) -> None:
    result = save(database, "sessions", valid("sessions", date=OLD_DAY))
    assert [v.field for v in result.violations] == ["unit_code"]
    assert save(database, "sessions", valid("sessions", date=OLD_DAY, unit_code="06652")).saved


def test_duplicate_session_asks_first(database: Database) -> None:
    first = save(database, "sessions", valid("sessions"))
    again = save(database, "sessions", valid("sessions", attendees=41), allow_duplicates=False)
    assert (again.action, again.duplicates) == ("duplicate", [first.ref])
    assert count(database, "sessions") == 1
    # Another kind, another date or other organisers: not a duplicate.
    for changes in ({"kind": "conference"}, {"date": dt.date(2025, 9, 16)}, {"organisers": ["police"]}):
        assert save(database, "sessions", valid("sessions", **changes), allow_duplicates=False).action == "created"
    assert save(database, "sessions", valid("sessions"), allow_duplicates=True).action == "created"
    assert count(database, "sessions") == 5
    # Editing a record is not a duplicate of itself.
    with database.sessions() as session:
        values = editing.form_values(session, "sessions", first.record_id)
    assert save(database, "sessions", values, first.record_id, allow_duplicates=False).duplicates == [
        "TT-2025-0005"]


@pytest.mark.parametrize(("kind", "changes"), [
    ("models", {"name": "CAMERA AN NINH KHU 5", "members": 3}),
    ("sources", {"status": "verified"}),
    ("cases", {"summary": "khác"}),
    ("recipients", {"name": "nguyễn văn an", "position": "Tổ phó"}),
])
def test_duplicates_of_other_kinds(database: Database, kind: str, changes: dict[str, Any]) -> None:
    prepare(database, kind)
    first = save(database, kind, valid(kind))
    again = save(database, kind, valid(kind, **changes), allow_duplicates=False)
    assert again.duplicates == [first.ref]
    assert count(database, kind) == 1


def test_delete_and_restore(database: Database) -> None:
    created = save(database, "sessions", valid("sessions"))
    assert editing.delete_record(database, "sessions", created.record_id, "clerk") == created.ref
    assert editing.delete_record(database, "sessions", created.record_id, "clerk") is None  # already
    with database.sessions() as session:
        record = session.get_one(DisseminationSession, created.record_id)
        assert (record.deleted, record.revision, record.updated_by) == (True, 2, "clerk")
        assert editing.previous_values(session, "sessions") is None
    assert editing.restore_record(database, "sessions", created.record_id, "clerk") == created.ref
    with database.sessions() as session:
        record = session.get_one(DisseminationSession, created.record_id)
        assert (record.deleted, record.revision) == (False, 3)
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["create", "delete", "restore"]
    assert all(e.username == "clerk" for e in entries[1:])
    assert entries[1].record_uid == entries[0].record_uid


def test_deleted_records_are_no_duplicates(database: Database) -> None:
    first = save(database, "sessions", valid("sessions"))
    editing.delete_record(database, "sessions", first.record_id, USER)
    assert save(database, "sessions", valid("sessions"), allow_duplicates=False).action == "created"


@pytest.mark.parametrize("kind", list(RECORD_CLASSES))
def test_form_values_round_trip(database: Database, kind: str) -> None:
    prepare(database, kind)
    if kind == "cases":
        source = save(database, "sources", valid("sources"))
        raw = valid(kind, source_refs=[source.ref])
    else:
        raw = valid(kind)
    created = save(database, kind, raw)
    assert created.action == "created", created.violations
    with database.sessions() as session:
        values = editing.form_values(session, kind, created.record_id)
    assert set(values) == {spec.name for spec in editing.SPECS[kind].fields}
    assert values["ref"] == created.ref
    assert save(database, kind, values, created.record_id).action == "unchanged"
    # Edit one plain field, save, read back: the change and nothing else.
    text_field = {"sessions": "place", "models": "name", "sources": "content", "cases": "summary",
                  "commendations": "authority", "recipients": "position"}[kind]
    edited = {**values, text_field: "Đã sửa"}
    result = save(database, kind, edited, created.record_id)
    assert result.action == "updated"
    with database.sessions() as session:
        assert editing.form_values(session, kind, created.record_id) == edited
        assert session.get_one(RECORD_CLASSES[kind], created.record_id).revision == 2


def test_previous_values_is_the_latest_without_ref(database: Database) -> None:
    with database.sessions() as session:
        assert editing.previous_values(session, "sessions") is None
    save(database, "sessions", valid("sessions"))
    save(database, "sessions", valid("sessions", date=OLD_DAY, unit_code="06664", attendees=7, member_attendees=0))
    with database.sessions() as session:
        previous = editing.previous_values(session, "sessions")
    assert previous is not None
    assert (previous["ref"], previous["attendees"], previous["unit_code"]) == (None, 7, "06664")
    assert save(database, "commendations", valid("commendations")).saved
    with database.sessions() as session:
        decision = editing.previous_values(session, "commendations")
    assert decision is not None and decision["number"] is None and decision["authority"] == "UBND phường Hà Tu"


def test_unit_choices_follow_the_date(database: Database) -> None:
    with database.sessions() as session:
        assert [code for code, _ in editing.unit_choices(session, DAY)] == ["06652"]
        old = editing.unit_choices(session, OLD_DAY)
    assert old == [("06652", "06652 Phường Hà Phong, Thành phố Hạ Long"),  # by name
                   ("06664", "06664 Phường Hà Tu, Thành phố Hạ Long")]


def test_organisation_choices_are_accepted_by_validation(database: Database) -> None:
    with database.sessions() as session:
        choices = editing.organisation_choices(session)
    assert ("womens_union", "Hội Liên hiệp Phụ nữ") in choices
    save(database, "sessions", valid("sessions", organisers=[choices[0][0], "womens_union"]))
    with database.sessions() as session:
        after = editing.organisation_choices(session)
        # The unit's own organisations by name now; no second Women's Union offered.
        assert ("Hội Liên hiệp Phụ nữ Phường Hà Tu", "Hội Liên hiệp Phụ nữ Phường Hà Tu") in after
        assert "womens_union" not in dict(after)
        # An old unit has none yet: the kinds.
        assert ("police", "Công an") in editing.organisation_choices(session, "06664", OLD_DAY)
    # Every choice saves (resolves to an organisation of the unit).
    result = save(database, "sessions", valid("sessions", organisers=[value for value, _ in after]))
    assert result.saved, result.violations
    set_language("en")
    with database.sessions() as session:
        assert ("farmers_union", "Farmers' Union") in editing.organisation_choices(session, "06664", OLD_DAY)


def test_other_choices(database: Database) -> None:
    set_language("en")
    with database.sessions() as session:
        topics = editing.topic_choices(session)
    assert topics[0] == ("drugs", "drug crime")
    set_language("vi")
    save(database, "commendations", valid("commendations"))
    source = save(database, "sources", valid("sources"))
    with database.sessions() as session:
        assert editing.decision_choices(session) == [("15/QĐ-UBND", "15/QĐ-UBND — 15/09/2025 — UBND phường Hà Tu")]
        assert editing.source_choices(session) == [(source.ref, f"{source.ref} — 15/09/2025 — ma túy")]
        assert editing.source_choices(session, "06664", OLD_DAY) == []


def test_same_organisations_in_another_unit(database: Database) -> None:
    save(database, "sessions", valid("sessions"))  # the new Hà Tu now has its police and women's union
    with database.sessions() as session:
        new = editing.organisation_choices(session, "06652", DAY)
        old = editing.organisation_choices(session, "06664", OLD_DAY)
    chosen = ["Công an Phường Hà Tu", "Hội Liên hiệp Phụ nữ Phường Hà Tu"]
    assert set(chosen) <= set(dict(new))
    assert editing.same_organisations(chosen, old) == ["police", "womens_union"]
    assert editing.same_organisations(["police", "womens_union"], new) == chosen
    assert editing.same_organisations("police", new) == "Công an Phường Hà Tu"
    assert editing.same_organisations(None, new) is None
