"""What each kind of record is made of, as data: its fields (type, limits, vocabulary, English
and Vietnamese column names) and its cross-field rules (left side, operator, right side, message),
in the manner of DHIS2 validation rules. `validation` applies them; every entry path (form,
spreadsheet, package, command line) goes through it.
"""
from __future__ import annotations

from dataclasses import dataclass

from db.vocab import (
    CATEGORIES,
    CHANNELS,
    COMMENDATION_FORMS,
    HONORIFICS,
    MODEL_STATUSES,
    MODEL_TYPES,
    RECIPIENT_KINDS,
    SESSION_KINDS,
    SOURCE_STATUSES,
    TOPICS,
    Vocabulary,
)

MAX_COUNT = 10_000_000  # no session has ten million attendees: a typo


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the English column name and the key of the cleaned value
    vi: str  # the Vietnamese column name
    type: str  # text, date, int, code, codes, unit, organisation, organisations, refs, decision
    required: bool = False
    max_length: int = 300
    vocabulary: Vocabulary | None = None
    default: object = None


@dataclass(frozen=True)
class Rule:
    """`left op right` must hold when both sides have a value; otherwise `message` at `left`."""

    left: str
    op: str  # "<=", ">=", "only_if" (left may be set only when right field equals value)
    right: str
    message: str
    value: object = None


@dataclass(frozen=True)
class RecordSpec:
    kind: str
    vi: str
    en: str
    fields: tuple[FieldSpec, ...]
    rules: tuple[Rule, ...] = ()
    date_field: str | None = None  # decides which unit list a unit code is read in
    ref_prefix: str = ""

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


REF = FieldSpec("ref", "số hiệu", "text", max_length=40)
UNIT = FieldSpec("unit_code", "mã đơn vị", "unit")

SPECS: dict[str, RecordSpec] = {
    spec.kind: spec
    for spec in (
        RecordSpec(
            "sessions", "buổi tuyên truyền, tập huấn", "dissemination sessions",
            (
                REF,
                FieldSpec("date", "ngày", "date", required=True),
                UNIT,
                FieldSpec("kind", "hình thức", "code", required=True, vocabulary=SESSION_KINDS),
                FieldSpec("organisers", "đơn vị tổ chức", "organisations", required=True),
                FieldSpec("topics", "nội dung", "codes", vocabulary=TOPICS),
                FieldSpec("attendees", "số lượt người tham dự", "int", required=True),
                FieldSpec("member_attendees", "trong đó hội viên", "int", default=0),
                FieldSpec("place", "địa điểm", "text"),
                FieldSpec("notes", "ghi chú", "text", max_length=2000),
            ),
            rules=(Rule("member_attendees", "<=", "attendees", "members_over_attendees"),),
            date_field="date",
            ref_prefix="TT",
        ),
        RecordSpec(
            "models", "mô hình", "security models",
            (
                REF,
                UNIT,
                FieldSpec("type", "loại mô hình", "code", required=True, vocabulary=MODEL_TYPES),
                FieldSpec("name", "tên mô hình", "text", required=True),
                FieldSpec("lead_organisation", "tổ chức chủ trì", "organisation"),
                FieldSpec("launched_on", "ngày ra mắt", "date"),
                FieldSpec("status", "tình trạng", "code", vocabulary=MODEL_STATUSES, default="active"),
                FieldSpec("members", "số thành viên", "int"),
                FieldSpec("cameras", "số camera", "int"),
                FieldSpec("typical_on", "ngày công nhận điển hình", "date"),
                FieldSpec("typical_authority", "cấp công nhận", "text"),
                FieldSpec("typical_decision", "số quyết định công nhận", "text", max_length=60),
            ),
            rules=(
                Rule("typical_on", ">=", "launched_on", "typical_before_launch"),
                Rule("typical_authority", "requires", "typical_on", "typical_incomplete"),
                Rule("typical_decision", "requires", "typical_on", "typical_incomplete"),
                Rule("cameras", "only_if", "type", "cameras_not_camera_model", "security_camera"),
            ),
            date_field="launched_on",
            ref_prefix="MH",
        ),
        RecordSpec(
            "sources", "nguồn tin", "information sources",
            (
                REF,
                FieldSpec("date", "ngày tiếp nhận", "date", required=True),
                UNIT,
                FieldSpec("organisation", "tổ chức cung cấp", "organisation"),
                FieldSpec("category", "lĩnh vực", "code", required=True, vocabulary=CATEGORIES),
                FieldSpec("channel", "hình thức cung cấp", "code", required=True, vocabulary=CHANNELS),
                FieldSpec("content", "nội dung", "text", max_length=1000),
                FieldSpec("status", "kết quả", "code", vocabulary=SOURCE_STATUSES, default="received"),
            ),
            date_field="date",
            ref_prefix="NT",
        ),
        RecordSpec(
            "cases", "vụ việc", "cases",
            (
                REF,
                FieldSpec("date", "ngày", "date", required=True),
                UNIT,
                FieldSpec("category", "lĩnh vực", "code", required=True, vocabulary=CATEGORIES),
                FieldSpec("individuals", "số đối tượng", "int", required=True),
                FieldSpec("source_refs", "nguồn tin", "refs"),
                FieldSpec("summary", "tóm tắt", "text", max_length=2000),
            ),
            date_field="date",
            ref_prefix="VV",
        ),
        RecordSpec(
            "commendations", "quyết định khen thưởng", "commendation decisions",
            (
                FieldSpec("number", "số quyết định", "text", required=True, max_length=60),
                FieldSpec("date", "ngày quyết định", "date", required=True),
                FieldSpec("authority", "cấp khen thưởng", "text", required=True),
                FieldSpec("form", "hình thức khen thưởng", "code", required=True, vocabulary=COMMENDATION_FORMS),
                FieldSpec("period_from", "từ ngày", "date"),
                FieldSpec("period_to", "đến ngày", "date"),
                FieldSpec("achievement", "thành tích", "text", max_length=2000, default=""),
                UNIT,
                REF,
            ),
            rules=(Rule("period_from", "<=", "period_to", "period_order"),),
            date_field="date",
            ref_prefix="KT",
        ),
        RecordSpec(
            "recipients", "người, tập thể được khen", "commendation recipients",
            (
                FieldSpec("decision_number", "số quyết định", "decision", required=True, max_length=60),
                FieldSpec("kind", "tập thể/cá nhân", "code", required=True, vocabulary=RECIPIENT_KINDS),
                FieldSpec("name", "họ tên / tên tập thể", "text", required=True),
                FieldSpec("title", "danh xưng", "code", vocabulary=HONORIFICS),
                FieldSpec("position", "chức vụ", "text"),
                UNIT,
                FieldSpec("organisation", "tổ chức", "organisation"),
                REF,
            ),
            ref_prefix="NK",
        ),
    )
}
