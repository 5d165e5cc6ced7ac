"""The code lists of the movement, with their Vietnamese and English labels (GLOSSARY.md).

Codes are what the database, files and the command line use; labels are what people see.
Each list is declared once here; database CHECK constraints, validation rules, spreadsheet
parsing and every screen read it from this module.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    vi: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


class Vocabulary:
    """An ordered code list; looks terms up by code or by either label."""

    def __init__(self, name: str, *terms: Term) -> None:
        self.name = name
        self.terms = terms
        self._by_code = {t.code: t for t in terms}

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __getitem__(self, code: str) -> Term:
        return self._by_code[code]

    def label(self, code: str, lang: str = "vi") -> str:
        term = self._by_code.get(code)
        return term.label(lang) if term else code


ORGANISATIONS = Vocabulary(
    "organisation",
    Term("police", "Công an", "Police"),
    Term("fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Vietnam Fatherland Front"),
    Term("womens_union", "Hội Liên hiệp Phụ nữ", "Women's Union"),
    Term("farmers_union", "Hội Nông dân", "Farmers' Union"),
    Term("veterans", "Hội Cựu chiến binh", "Veterans' Association"),
    Term("youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Youth Union"),
    Term("other", "Tổ chức khác", "Other organisation"),
)

SESSION_KINDS = Vocabulary(
    "kind",
    Term("training", "lớp tập huấn", "training class"),
    Term("communication", "buổi tuyên truyền", "communication session"),
    Term("law_dissemination", "buổi phổ biến, giáo dục pháp luật", "law dissemination event"),
    Term("conference", "hội nghị", "conference"),
)

TOPICS = Vocabulary(
    "topic",
    Term("drugs", "phòng, chống ma túy", "drug crime"),
    Term("human_trafficking", "phòng, chống mua bán người", "human trafficking"),
    Term("prostitution", "phòng, chống mại dâm", "prostitution"),
    Term("hiv_aids", "phòng, chống HIV/AIDS", "HIV/AIDS"),
    Term("child_violence", "phòng, chống bạo lực, xâm hại trẻ em", "violence against children"),
    Term("online_fraud", "phòng, chống lừa đảo trên không gian mạng", "online fraud"),
    Term("traffic_safety", "an toàn giao thông", "traffic safety"),
    Term("fire_safety", "phòng cháy, chữa cháy", "fire safety"),
    Term("other", "nội dung khác", "other"),
)

MODEL_TYPES = Vocabulary(
    "type",
    Term("self_management", "tổ tự quản về an ninh, trật tự", "security self-management group"),
    Term("security_camera", "camera an ninh", "security camera system"),
    Term("other", "mô hình khác", "other model"),
)

MODEL_STATUSES = Vocabulary(
    "status",
    Term("active", "đang hoạt động", "active"),
    Term("suspended", "tạm ngừng", "suspended"),
    Term("ended", "đã kết thúc", "ended"),
)

CATEGORIES = Vocabulary(
    "category",
    Term("drugs", "ma túy", "drugs"),
    Term("theft", "trộm cắp tài sản", "theft"),
    Term("gambling", "cờ bạc", "gambling"),
    Term("fraud", "lừa đảo", "fraud"),
    Term("human_trafficking", "mua bán người", "human trafficking"),
    Term("public_order", "trật tự công cộng", "public order"),
    Term("other", "khác", "other"),
)

CHANNELS = Vocabulary(
    "channel",
    Term("in_person", "trực tiếp", "in person"),
    Term("phone", "điện thoại", "phone"),
    Term("hotline", "đường dây nóng", "hotline"),
    Term("online", "qua mạng", "online"),
    Term("letter", "đơn, thư", "letter"),
)

SOURCE_STATUSES = Vocabulary(
    "status",
    Term("received", "đã tiếp nhận", "received"),
    Term("verified", "đã xác minh", "verified"),
    Term("led_to_case", "đã phát hiện vụ việc", "led to a case"),
    Term("unfounded", "không có căn cứ", "unfounded"),
)

COMMENDATION_FORMS = Vocabulary(
    "form",
    Term("certificate_of_merit", "giấy khen", "certificate of merit"),
    Term("merit_diploma", "bằng khen", "merit diploma"),
    Term("emulation_flag", "cờ thi đua", "emulation flag"),
)

RECIPIENT_KINDS = Vocabulary(
    "kind",
    Term("collective", "tập thể", "collective"),
    Term("individual", "cá nhân", "individual"),
)

HONORIFICS = Vocabulary(
    "title",
    Term("mr", "Ông", "Mr"),
    Term("ms", "Bà", "Ms"),
    Term("comrade", "Đồng chí", "Comrade"),
)

ROLES = Vocabulary(
    "role",
    Term("officer", "cán bộ", "officer"),
    Term("union_clerk", "cán bộ hội, đoàn thể", "union clerk"),
    Term("commander", "chỉ huy", "commander"),
    Term("administrator", "quản trị viên", "administrator"),
)

UNIT_SCHEMES = Vocabulary(
    "scheme",
    Term("pre2025", "danh mục trước 01/7/2025 (63 tỉnh)", "list before 1 July 2025 (63 provinces)"),
    Term("2025", "danh mục từ 01/7/2025 (34 tỉnh)", "list from 1 July 2025 (34 provinces)"),
)

UNIT_LEVELS = Vocabulary(
    "level",
    Term("province", "tỉnh", "province"),
    Term("district", "huyện", "district"),
    Term("commune", "xã", "commune"),
)
