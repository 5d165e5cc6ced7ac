"""The one validation layer, rule by rule: each test names the exact field and checks the message
in Vietnamese (the default) and in English (after set_language("en"))."""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AdminUnit, Organisation
from desktop.i18n import language, set_language
from desktop.services.installation import Database
from desktop.services.lookups import SessionLookups
from desktop.services.record_specs import MAX_COUNT, SPECS
from desktop.services.records import RecordWriter
from desktop.services.validation import Violation, validate

HA_TU = "06652"
# A date on either side of the 1 July 2025 reform, both in the past.
OLD_DAY = "18/07/2024"
NEW_DAY = "15/03/2026"
# Before the reform a record belongs to a unit of the old list: old Phường Hà Tu, one of the two
# communes merged into today's 06652.
OLD_HA_TU = "06664"

SESSION = {"date": OLD_DAY, "unit_code": OLD_HA_TU, "kind": "training", "organisers": "police", "attendees": "40",
           "member_attendees": "10"}
MODEL = {"type": "security_camera", "name": "Camera an ninh khu 3", "launched_on": "01/03/2020",
         "cameras": "12", "unit_code": OLD_HA_TU}
SOURCE = {"date": OLD_DAY, "unit_code": OLD_HA_TU, "category": "drugs", "channel": "hotline"}
CASE = {"date": OLD_DAY, "unit_code": OLD_HA_TU, "category": "drugs", "individuals": "3"}
DECISION = {"number": "1234/QĐ-UBND", "date": OLD_DAY, "unit_code": OLD_HA_TU, "authority": "Chủ tịch UBND tỉnh Quảng Ninh",
            "form": "merit_diploma", "period_from": "01/01/2019", "period_to": "31/12/2024"}
RECIPIENT = {"decision_number": "1234/QĐ-UBND", "kind": "individual", "name": "Nguyễn Thị Hường",
             "title": "ms"}
BASE: dict[str, dict[str, Any]] = {
    "sessions": SESSION, "models": MODEL, "sources": SOURCE, "cases": CASE,
    "commendations": DECISION, "recipients": RECIPIENT,
}


def with_(kind: str, /, **changes: object) -> dict[str, Any]:
    """A base record with changes; moved after the reform, it belongs to the own unit again."""
    raw = {**BASE[kind], **changes}
    moved = any(changes.get(f) == NEW_DAY for f in ("date", "launched_on"))
    if moved and "unit_code" not in changes:
        raw.pop("unit_code", None)
    return raw


def single(violations: list[Violation], field: str) -> str:
    assert [v.field for v in violations] == [field], violations
    return violations[0].message


def check(kind: str, raw: Mapping[str, Any], field: str, vi: str, en: str, lookups: Any = None,
          **options: Any) -> None:
    """Exactly one violation, at `field`, worded `vi` by default and `en` in English."""
    assert language() == "vi"
    _clean, violations = validate(kind, raw, lookups, **options)
    assert single(violations, field) == vi
    set_language("en")
    try:
        _clean, violations = validate(kind, raw, lookups, **options)
        assert single(violations, field) == en
    finally:
        set_language("vi")


def clean_of(kind: str, raw: Mapping[str, Any], lookups: Any = None, **options: Any) -> dict[str, Any]:
    clean, violations = validate(kind, raw, lookups, **options)
    assert violations == []
    return clean


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.sessions() as session:
        yield session
        session.rollback()


@pytest.fixture
def lookups(session: Session) -> SessionLookups:
    return SessionLookups(session)


def unit_id(session: Session, scheme: str, code: str) -> int:
    found = session.scalar(select(AdminUnit.id).where(AdminUnit.scheme == scheme, AdminUnit.code == code))
    assert found is not None
    return found


# --- the base records are valid -------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(BASE))
def test_base_records_are_valid(kind: str) -> None:
    clean_of(kind, BASE[kind])


# --- required fields ------------------------------------------------------------------------------

REQUIRED = {
    "sessions": {"date", "kind", "organisers", "attendees"},
    "models": {"type", "name"},
    "sources": {"date", "category", "channel"},
    "cases": {"date", "category", "individuals"},
    "commendations": {"number", "date", "authority", "form"},
    "recipients": {"decision_number", "kind", "name"},
}


def test_required_table_matches_the_specs() -> None:
    assert REQUIRED == {kind: {f.name for f in spec.fields if f.required} for kind, spec in SPECS.items()}


@pytest.mark.parametrize("kind", list(REQUIRED))
@pytest.mark.parametrize("empty", [{}, "blank"])
def test_required_fields_per_kind(kind: str, empty: object, lookups: SessionLookups) -> None:
    raw = {} if empty == {} else {name: "   " for name in REQUIRED[kind]}
    _clean, violations = validate(kind, raw, lookups)
    assert sorted(v.field for v in violations) == sorted(REQUIRED[kind])
    assert {v.message for v in violations} == {"Bắt buộc phải nhập."}
    set_language("en")
    try:
        _clean, violations = validate(kind, raw, lookups)
        assert {v.message for v in violations} == {"Required."}
    finally:
        set_language("vi")


@pytest.mark.parametrize("kind", list(REQUIRED))
def test_each_required_field_alone(kind: str, session: Session, lookups: SessionLookups) -> None:
    if kind == "recipients":  # the decision must exist for the other fields to pass
        _save(session, lookups, "commendations", DECISION)
    for name in sorted(REQUIRED[kind]):
        raw = {k: v for k, v in BASE[kind].items() if k != name}
        check(kind, raw, name, "Bắt buộc phải nhập.", "Required.", lookups)


@pytest.mark.parametrize(("kind", "field"), [("sessions", "organisers"), ("recipients", "decision_number")])
def test_required_reference_field_is_required_without_lookups(kind: str, field: str) -> None:
    """BUG: a required reference field (organisers, decision_number) left empty passes when
    validate() is called without lookups: `resolve_references` returns before checking it."""
    raw = {k: v for k, v in BASE[kind].items() if k != field}
    check(kind, raw, field, "Bắt buộc phải nhập.", "Required.")


# --- text -----------------------------------------------------------------------------------------


def test_text_too_long() -> None:
    check("models", with_("models", name="x" * 10_000), "name",
          "Dài quá 300 ký tự (10000).", "Longer than 300 characters (10000).")


def test_text_at_the_limit_is_accepted() -> None:
    assert clean_of("models", with_("models", name="x" * 300))["name"] == "x" * 300


def test_long_notes_limit_is_the_fields_own() -> None:
    check("sessions", with_("sessions", notes="ghi chú " * 300), "notes",
          "Dài quá 2000 ký tự (2399).", "Longer than 2000 characters (2399).")


@pytest.mark.parametrize("bad", ["Tổ tự quản\x07", "Tổ\x00 tự quản", "Tổ\x1b[31m tự quản", "Tổ\r tự quản"])
def test_control_characters_refused(bad: str) -> None:
    check("models", with_("models", name=bad), "name",
          "Có ký tự điều khiển không hợp lệ.", "Contains invalid control characters.")


@pytest.mark.parametrize("mark", ["\u202e", "\u202d", "\u2066", "\u200f"])
def test_right_to_left_override_refused(mark: str) -> None:
    check("models", with_("models", name=f"Camera {mark}3 uhk"), "name",
          "Có ký tự điều khiển không hợp lệ.", "Contains invalid control characters.")


def test_line_breaks_and_tabs_allowed_in_notes() -> None:
    assert clean_of("sessions", with_("sessions", notes="dòng 1\ndòng\t2"))["notes"] == "dòng 1\ndòng\t2"


def test_nfd_input_stored_as_nfc() -> None:
    typed = "Tổ tự quản khu Đông Ngạc, Hường"
    nfd = unicodedata.normalize("NFD", typed)
    assert nfd != typed
    clean = clean_of("models", with_("models", name=nfd))
    assert clean["name"] == typed
    assert unicodedata.is_normalized("NFC", clean["name"])


def test_text_is_trimmed_and_formula_apostrophe_removed() -> None:
    clean = clean_of("sessions", with_("sessions", place="  Nhà văn hóa  ", notes="'=CMD()"))
    assert clean["place"] == "Nhà văn hóa"
    assert clean["notes"] == "=CMD()"


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["31/02/2024", "hôm qua", "2024-13-01", "32/01/2024", "18/07/24"])
def test_bad_dates(typed: str) -> None:
    check("sessions", with_("sessions", date=typed), "date",
          f"Ngày không hợp lệ: «{typed}» (nhập dd/mm/yyyy).", f"Invalid date: «{typed}» (use dd/mm/yyyy).")


def test_date_before_1990() -> None:
    check("sessions", with_("sessions", date="31/12/1989"), "date",
          "Ngày 31/12/1989 trước năm 1990.", "Date 31/12/1989 is before 1990.")


def test_1_january_1990_is_accepted() -> None:
    assert clean_of("sessions", with_("sessions", date="01/01/1990"))["date"] == dt.date(1990, 1, 1)


def test_date_in_the_future() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    shown = tomorrow.strftime("%d/%m/%Y")
    check("sessions", with_("sessions", date=shown), "date",
          f"Ngày {shown} ở tương lai.", f"Date {shown} is in the future.")


def test_today_is_not_the_future() -> None:
    today = dt.date.today()
    assert clean_of("sessions", with_("sessions", date=today.strftime("%d/%m/%Y")))["date"] == today


def test_future_is_judged_against_the_given_today() -> None:
    check("sessions", with_("sessions", date="19/07/2024"), "date",
          "Ngày 19/07/2024 ở tương lai.", "Date 19/07/2024 is in the future.", today=dt.date(2024, 7, 18))


@pytest.mark.parametrize("typed", [
    "18/07/2024", "18/7/2024", "2024-07-18", "18.07.2024", "18-07-2024", " 18/07/2024 ",
    "2024-07-18 00:00:00", dt.date(2024, 7, 18), dt.datetime(2024, 7, 18, 0, 0),
])
def test_dd_mm_yyyy_and_iso_accepted(typed: object) -> None:
    assert clean_of("sessions", with_("sessions", date=typed))["date"] == dt.date(2024, 7, 18)


def test_day_first_not_month_first() -> None:
    assert clean_of("sessions", with_("sessions", date="01/07/2024"))["date"] == dt.date(2024, 7, 1)


def test_bad_optional_date() -> None:
    check("models", with_("models", launched_on="hôm qua"), "launched_on",
          "Ngày không hợp lệ: «hôm qua» (nhập dd/mm/yyyy).", "Invalid date: «hôm qua» (use dd/mm/yyyy).")


# --- integers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["-5", -5])
def test_negative_integer(given: object) -> None:
    check("sessions", with_("sessions", attendees=given, member_attendees="0"), "attendees",
          "Không được là số âm (-5).", "Must not be negative (-5).")


@pytest.mark.parametrize("given", ["abc", "12,5", "mười", "1e3", "+-3"])
def test_non_numeric_integer(given: str) -> None:
    check("sessions", with_("sessions", attendees=given), "attendees",
          f"Không phải số nguyên: «{given}».", f"Not a whole number: «{given}».")


@pytest.mark.parametrize(("given", "number"), [
    ("1.234", 1234), ("1.234.567", 1_234_567), (" 40 ", 40), ("1 234", 1234), (40, 40), (40.0, 40),
])
def test_integers_with_vietnamese_grouping(given: object, number: int) -> None:
    assert clean_of("sessions", with_("sessions", attendees=given))["attendees"] == number


@pytest.mark.parametrize("given", [pytest.param(12.5, id="float"), pytest.param("12.5", id="text")])
def test_fraction_refused(given: object) -> None:
    """BUG: 12.5 (a float from an .xlsx cell, or the text "12.5") is read as 125: parse_int drops
    every dot, as if it were a group separator."""
    _clean, violations = validate("sessions", with_("sessions", attendees=given, member_attendees="0"))
    assert single(violations, "attendees").startswith("Không phải số nguyên")
    set_language("en")
    try:
        _clean, violations = validate("sessions", with_("sessions", attendees=given, member_attendees="0"))
        assert single(violations, "attendees").startswith("Not a whole number")
    finally:
        set_language("vi")


def test_integer_too_large() -> None:
    check("sessions", with_("sessions", attendees="10.000.001"), "attendees",
          "Lớn quá mức cho phép (10000001 > 10000000).", "Too large (10000001 > 10000000).")


def test_integer_at_the_limit() -> None:
    assert clean_of("sessions", with_("sessions", attendees=str(MAX_COUNT)))["attendees"] == MAX_COUNT


def test_optional_integer_default() -> None:
    clean = clean_of("sessions", {k: v for k, v in SESSION.items() if k != "member_attendees"})
    assert clean["member_attendees"] == 0


# --- codes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "field", "given", "code"), [
    ("sessions", "kind", "training", "training"),
    ("sessions", "kind", "TRAINING", "training"),
    ("sessions", "kind", "lớp tập huấn", "training"),
    ("sessions", "kind", "LOP TAP HUAN", "training"),
    ("sessions", "kind", "Training class", "training"),
    ("sessions", "kind", "tập huấn", "training"),
    ("sessions", "kind", "Hội nghị", "conference"),
    ("sessions", "kind", "law dissemination", "law_dissemination"),
    ("sessions", "kind", "Buổi phổ biến, giáo dục pháp luật", "law_dissemination"),
    ("models", "type", "camera an ninh", "security_camera"),
    ("models", "type", "SECURITY CAMERA SYSTEM", "security_camera"),
    ("models", "status", "tam ngung", "suspended"),
    ("sources", "category", "MA TUY", "drugs"),
    ("sources", "category", "Trộm cắp tài sản", "theft"),
    ("sources", "channel", "Đường dây nóng", "hotline"),
    ("sources", "channel", "duong day nong", "hotline"),
    ("sources", "channel", "in person", "in_person"),
    ("sources", "status", "đã phát hiện vụ việc", "led_to_case"),
    ("sources", "status", "Led to a case", "led_to_case"),
    ("cases", "category", "cờ bạc", "gambling"),
    ("commendations", "form", "BẰNG KHEN", "merit_diploma"),
    ("commendations", "form", "giay khen", "certificate_of_merit"),
    ("commendations", "form", "Emulation flag", "emulation_flag"),
    ("recipients", "kind", "tap the", "collective"),
    ("recipients", "kind", "Cá nhân", "individual"),
    ("recipients", "title", "Bà", "ms"),
    ("recipients", "title", "ông", "mr"),
    ("recipients", "title", "dong chi", "comrade"),
])
def test_codes_by_code_and_labels(kind: str, field: str, given: str, code: str) -> None:
    raw = with_(kind, **{field: given})
    if kind == "models" and field == "type" and code != "security_camera":
        raw.pop("cameras")
    assert clean_of(kind, raw)[field] == code


@pytest.mark.parametrize(("given", "codes"), [
    ("MA TUY", ["drugs"]),
    ("drugs;human_trafficking", ["drugs", "human_trafficking"]),
    ("phòng, chống ma túy; Mua bán người ;online fraud", ["drugs", "human_trafficking", "online_fraud"]),
    ("drugs;DRUG CRIME;ma túy", ["drugs"]),
    (";;", []),
])
def test_code_lists_separated_by_semicolons(given: str, codes: list[str]) -> None:
    assert clean_of("sessions", with_("sessions", topics=given))["topics"] == codes


def test_unknown_code() -> None:
    check("sessions", with_("sessions", kind="bóng đá"), "kind",
          "«bóng đá» không có trong danh mục «hình thức».", "«bóng đá» is not in the «kind» list.")


def test_unknown_code_in_a_list() -> None:
    check("sessions", with_("sessions", topics="drugs;bóng đá"), "topics",
          "«bóng đá» không có trong danh mục «nội dung».", "«bóng đá» is not in the «topics» list.")


def test_ambiguous_part_of_a_label_is_unknown() -> None:
    # "buổi" begins two session kinds: neither is guessed.
    check("sessions", with_("sessions", kind="buổi"), "kind",
          "«buổi» không có trong danh mục «hình thức».", "«buổi» is not in the «kind» list.")


# --- cross-field rules ----------------------------------------------------------------------------


def test_members_over_attendees() -> None:
    check("sessions", with_("sessions", attendees="40", member_attendees="50"), "member_attendees",
          "Số hội viên (50) lớn hơn số người tham dự (40).", "Members (50) exceed attendees (40).")


def test_members_equal_attendees_allowed() -> None:
    assert clean_of("sessions", with_("sessions", attendees="40", member_attendees="40"))["member_attendees"] == 40


def test_period_from_after_period_to() -> None:
    check("commendations", with_("commendations", period_from="01/01/2024", period_to="31/12/2019"),
          "period_from",
          "Ngày bắt đầu giai đoạn (01/01/2024) sau ngày kết thúc (31/12/2019).",
          "Period starts (01/01/2024) after it ends (31/12/2019).")


def test_period_of_one_day_allowed() -> None:
    clean_of("commendations", with_("commendations", period_from="01/01/2024", period_to="01/01/2024"))


def test_typical_before_launch() -> None:
    check("models", with_("models", launched_on="01/03/2020", typical_on="01/01/2020"), "typical_on",
          "Ngày công nhận điển hình (01/01/2020) trước ngày ra mắt (01/03/2020).",
          "Recognised as typical (01/01/2020) before launch (01/03/2020).")


def test_typical_on_launch_day_allowed() -> None:
    clean_of("models", with_("models", launched_on="01/03/2020", typical_on="01/03/2020"))


@pytest.mark.parametrize("field", ["typical_authority", "typical_decision"])
def test_typical_details_without_typical_on(field: str) -> None:
    check("models", with_("models", **{field: "UBND tỉnh Quảng Ninh"}), field,
          "Công nhận điển hình cần có ngày công nhận.", "A typical-model recognition needs its date.")


def test_typical_complete_is_accepted() -> None:
    clean = clean_of("models", with_("models", typical_on="15/09/2021", typical_authority="UBND tỉnh",
                                     typical_decision="45/QĐ-UBND"))
    assert clean["typical_on"] == dt.date(2021, 9, 15)


@pytest.mark.parametrize("model_type", ["self_management", "tổ tự quản về an ninh, trật tự", "other"])
def test_cameras_on_a_non_camera_model(model_type: str) -> None:
    check("models", with_("models", type=model_type, cameras="4"), "cameras",
          "Chỉ mô hình camera an ninh mới có số camera.", "Only a security camera model has cameras.")


# --- references, over a real database -------------------------------------------------------------


def test_unknown_unit_code(lookups: SessionLookups) -> None:
    for lang in ("vi", "en"):
        set_language(lang)
        try:
            _clean, violations = validate("sessions", with_("sessions", date=NEW_DAY, unit_code="99999"), lookups)
        finally:
            set_language("vi")
        message = single(violations, "unit_code")
        assert "«99999»" in message
        assert message.startswith("Không có đơn vị mã" if lang == "vi" else "No unit with code")


def test_unknown_unit_message_names_the_list_in_the_users_language(lookups: SessionLookups) -> None:
    """BUG: the list is always named in Vietnamese (`UNIT_SCHEMES.label(scheme)` without the
    language), and the Vietnamese message says "danh mục danh mục"."""
    check("sessions", with_("sessions", date=NEW_DAY, unit_code="99999"), "unit_code",
          "Không có đơn vị mã «99999» trong danh mục từ 01/7/2025 (34 tỉnh).",
          "No unit with code «99999» in the list from 1 July 2025 (34 provinces).", lookups)


def test_unit_code_read_in_the_list_in_force_on_the_date(session: Session, lookups: SessionLookups) -> None:
    old = clean_of("sessions", with_("sessions", date=OLD_DAY, unit_code=HA_TU), lookups)
    new = clean_of("sessions", with_("sessions", date=NEW_DAY, unit_code=HA_TU), lookups)
    assert old["unit_id"] == unit_id(session, "pre2025", HA_TU)
    assert new["unit_id"] == unit_id(session, "2025", HA_TU)
    assert old["unit_id"] != new["unit_id"]
    assert session.get_one(AdminUnit, old["unit_id"]).name == "Phường Hà Phong"
    assert session.get_one(AdminUnit, new["unit_id"]).name == "Phường Hà Tu"


def test_reform_day_is_in_the_new_list(session: Session, lookups: SessionLookups) -> None:
    before = clean_of("sessions", with_("sessions", date="30/06/2025", unit_code=HA_TU), lookups)
    on = clean_of("sessions", with_("sessions", date="01/07/2025", unit_code=HA_TU), lookups)
    assert before["unit_id"] == unit_id(session, "pre2025", HA_TU)
    assert on["unit_id"] == unit_id(session, "2025", HA_TU)


def test_old_list_code_unknown_in_the_new_list(lookups: SessionLookups) -> None:
    # 06664 was Phường Hà Tu in the old list; it is not a code of the 2025 list.
    assert clean_of("sessions", with_("sessions", date=OLD_DAY, unit_code="06664"), lookups)["unit_id"]
    _clean, violations = validate("sessions", with_("sessions", date=NEW_DAY, unit_code="06664"), lookups)
    assert single(violations, "unit_code").startswith("Không có đơn vị mã «06664»")


def test_blank_unit_is_the_own_unit(session: Session, lookups: SessionLookups) -> None:
    clean = clean_of("sessions", with_("sessions", date=NEW_DAY, unit_code=""), lookups)
    assert clean["unit_id"] == lookups.own_unit_id() == unit_id(session, "2025", HA_TU)


def test_unknown_organisation(lookups: SessionLookups) -> None:
    check("sessions", with_("sessions", organisers="police;Câu lạc bộ dưỡng sinh"), "organisers",
          "Không rõ tổ chức «Câu lạc bộ dưỡng sinh».", "Unknown organisation «Câu lạc bộ dưỡng sinh».",
          lookups)


def test_unknown_lead_organisation(lookups: SessionLookups) -> None:
    check("models", with_("models", lead_organisation="CLB bóng đá"), "lead_organisation",
          "Không rõ tổ chức «CLB bóng đá».", "Unknown organisation «CLB bóng đá».", lookups)


def test_organisation_by_code_creates_one_named_with_the_unit(session: Session, lookups: SessionLookups) -> None:
    clean = clean_of("sessions", with_("sessions", date=NEW_DAY, organisers="womens_union"), lookups)
    [org_id] = clean["organisers"]
    org = session.get_one(Organisation, org_id)
    assert (org.name, org.kind, org.unit_id) == (
        "Hội Liên hiệp Phụ nữ Phường Hà Tu", "womens_union", unit_id(session, "2025", HA_TU))
    # The same organisation again, by code, by label and by its full name: no second one.
    for given in ("womens_union", "HỘI LIÊN HIỆP PHỤ NỮ", "Women's Union", "hoi lien hiep phu nu phuong ha tu"):
        again = clean_of("sessions", with_("sessions", date=NEW_DAY, organisers=given), lookups)
        assert again["organisers"] == [org_id], given
    assert session.scalar(select(Organisation.id).where(Organisation.kind == "womens_union").offset(1)) is None


def test_organisation_of_an_old_unit_named_with_that_unit(session: Session, lookups: SessionLookups) -> None:
    clean = clean_of("sessions", with_("sessions", date=OLD_DAY, unit_code=HA_TU, organisers="Công an"), lookups)
    org = session.get_one(Organisation, clean["organisers"][0])
    assert (org.name, org.unit_id) == ("Công an Phường Hà Phong", unit_id(session, "pre2025", HA_TU))


def test_several_organisers(session: Session, lookups: SessionLookups) -> None:
    clean = clean_of("sessions", with_("sessions", date=NEW_DAY, organisers="police; Hội Nông dân ;police"),
                     lookups)
    names = [session.get_one(Organisation, i).name for i in clean["organisers"]]
    assert names == ["Công an Phường Hà Tu", "Hội Nông dân Phường Hà Tu"]


def test_organisation_with_its_own_name(session: Session, lookups: SessionLookups) -> None:
    clean = clean_of("sessions", with_("sessions", date=NEW_DAY, organisers="Hội Nông dân khu 5"), lookups)
    org = session.get_one(Organisation, clean["organisers"][0])
    assert (org.name, org.kind) == ("Hội Nông dân khu 5", "farmers_union")


def test_organisation_name_stored_as_nfc(session: Session, lookups: SessionLookups) -> None:
    """BUG: an organisation created from a typed name keeps the name as typed (`value.strip()`),
    so NFD input is stored in NFD."""
    typed = "Hội Nông dân thôn Đông Hường"
    clean = clean_of("sessions", with_("sessions", date=NEW_DAY, organisers=unicodedata.normalize("NFD", typed)),
                     lookups)
    assert session.get_one(Organisation, clean["organisers"][0]).name == typed


def test_organisation_name_with_right_to_left_override_refused(lookups: SessionLookups) -> None:
    """BUG: organisation names skip clean_text: a U+202E in a name creates an organisation."""
    check("sessions", with_("sessions", date=NEW_DAY, organisers="Hội Nông dân \u202ex5 uhk"), "organisers",
          "Có ký tự điều khiển không hợp lệ.", "Contains invalid control characters.", lookups)


def test_organisation_name_too_long_refused(lookups: SessionLookups) -> None:
    """BUG: organisation names skip clean_text: a 10,000-character name is created."""
    check("models", with_("models", lead_organisation="Hội Nông dân " + "x" * 10_000), "lead_organisation",
          "Dài quá 300 ký tự (10013).", "Longer than 300 characters (10013).", lookups)


def _save(session: Session, lookups: SessionLookups, kind: str, raw: Mapping[str, Any]) -> int:
    clean = clean_of(kind, raw, lookups)
    writer = RecordWriter(session, "test", lookups.own_unit_id())
    record = writer.save(kind, clean).record
    writer.finish()
    return record.id


def test_case_source_refs(session: Session, lookups: SessionLookups) -> None:
    first = _save(session, lookups, "sources", with_("sources", date=NEW_DAY, ref="NT-2026-0001"))
    second = _save(session, lookups, "sources", with_("sources", date=NEW_DAY, ref="NT-2026-0002"))
    clean = clean_of("cases", with_("cases", date=NEW_DAY, source_refs="NT-2026-0002; NT-2026-0001"), lookups)
    assert clean["source_refs"] == [second, first]


def test_unknown_source_ref(session: Session, lookups: SessionLookups) -> None:
    _save(session, lookups, "sources", with_("sources", date=NEW_DAY, ref="NT-2026-0001"))
    check("cases", with_("cases", date=NEW_DAY, source_refs="NT-2026-0001;NT-2026-9999"), "source_refs",
          "Không có nguồn tin «NT-2026-9999».", "No information source «NT-2026-9999».", lookups)


def test_source_of_another_unit_is_unknown(session: Session, lookups: SessionLookups) -> None:
    # A source of Phường Hà Phong (old list) is not a source of the case's unit (Hà Tu, new list).
    _save(session, lookups, "sources", with_("sources", date=OLD_DAY, unit_code=HA_TU, ref="NT-2024-0001"))
    check("cases", with_("cases", date=NEW_DAY, source_refs="NT-2024-0001"), "source_refs",
          "Không có nguồn tin «NT-2024-0001».", "No information source «NT-2024-0001».", lookups)


def test_recipient_decision_found(session: Session, lookups: SessionLookups) -> None:
    decision = _save(session, lookups, "commendations", DECISION)
    assert clean_of("recipients", RECIPIENT, lookups)["decision_number"] == decision


def test_unknown_decision_number(session: Session, lookups: SessionLookups) -> None:
    _save(session, lookups, "commendations", DECISION)
    check("recipients", with_("recipients", decision_number="99/QĐ-UBND"), "decision_number",
          "Không có quyết định số «99/QĐ-UBND».", "No decision numbered «99/QĐ-UBND».", lookups)


def test_ambiguous_decision_number(session: Session, lookups: SessionLookups) -> None:
    _save(session, lookups, "commendations", with_("commendations", date=NEW_DAY))  # own unit, new list
    _save(session, lookups, "commendations", with_("commendations", unit_code=HA_TU))  # Hà Phong, old list
    check("recipients", RECIPIENT, "decision_number",
          "Có nhiều quyết định số «1234/QĐ-UBND» ở các đơn vị khác nhau.",
          "Several decisions are numbered «1234/QĐ-UBND» in different units.", lookups)
