"""The Vietnamese text the demo is written in: people's names, organisations' wording, session
leads, tips, case summaries, model names, commendation authorities and the places of a commune,
with the weights that make some of them commoner than others."""
from __future__ import annotations

import itertools
import random
from typing import TYPE_CHECKING

from db.textfold import fold
from db.vocab import ORGANISATIONS

if TYPE_CHECKING:
    from desktop.services.demo.units import Unit

UNIONS = ("womens_union", "farmers_union", "veterans", "youth_union", "fatherland_front")
ORG_KINDS = tuple(c for c in ORGANISATIONS.codes if c != "other")

# People's names (family names weighted roughly as in the population).
FAMILY = (("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Phan", 4),
          ("Vũ", 4), ("Đặng", 3), ("Bùi", 3), ("Đỗ", 3), ("Hồ", 2), ("Ngô", 2), ("Dương", 2),
          ("Lý", 1), ("Đinh", 2), ("Trịnh", 2), ("Lưu", 1), ("Mai", 1))
MALE_MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Tiến", "Ngọc")
MALE_GIVEN = ("Đức", "Hùng", "Dũng", "Tuấn", "Long", "Hải", "Nam", "Thắng", "Cường", "Sơn",
              "Quân", "Phúc", "Trung", "Việt", "Khánh", "Bình", "Toàn", "Thành", "Hiếu", "Huy")
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim", "Thúy", "Hồng")
FEMALE_GIVEN = ("Hường", "Lan", "Hương", "Hoa", "Mai", "Hằng", "Thảo", "Trang", "Linh", "Ngân",
                "Nhung", "Yến", "Thủy", "Huyền", "Loan", "Oanh", "Hạnh", "Phượng", "Dung", "Nga")

KIND_LEAD = {
    "training": "Lớp tập huấn về",
    "communication": "Buổi tuyên truyền về",
    "law_dissemination": "Buổi phổ biến, giáo dục pháp luật về",
    "conference": "Hội nghị tuyên truyền về",
}
KIND_WEIGHTS = {"training": 20, "communication": 50, "law_dissemination": 20, "conference": 10}
ATTENDEES = {"training": (20, 120), "communication": (30, 250), "law_dissemination": (20, 200),
             "conference": (50, 300)}
MEMBERS_OF = {
    "womens_union": "hội viên Hội Liên hiệp Phụ nữ",
    "farmers_union": "hội viên Hội Nông dân",
    "veterans": "hội viên Hội Cựu chiến binh",
    "youth_union": "đoàn viên, thanh niên",
    "fatherland_front": "cán bộ Mặt trận và nhân dân",
}
LEADER_OF = {"womens_union": "Chủ tịch", "farmers_union": "Chủ tịch", "veterans": "Chủ tịch",
             "youth_union": "Bí thư", "fatherland_front": "Chủ tịch"}
MEMBER_TITLE = {"womens_union": "Hội viên", "farmers_union": "Hội viên", "veterans": "Hội viên",
                "youth_union": "Đoàn viên", "fatherland_front": "Ủy viên"}
BRANCH_OF = {  # "Chi hội Phụ nữ khu 3"
    "womens_union": "Chi hội Phụ nữ",
    "farmers_union": "Chi hội Nông dân",
    "veterans": "Chi hội Cựu chiến binh",
    "youth_union": "Chi đoàn Thanh niên",
    "fatherland_front": "Ban Công tác Mặt trận",
}

CATEGORY_WEIGHTS = {"drugs": 25, "theft": 25, "gambling": 15, "fraud": 15, "human_trafficking": 3,
                    "public_order": 12, "other": 5}
CHANNEL_WEIGHTS = {"in_person": 35, "phone": 25, "hotline": 15, "online": 15, "letter": 10}
TIPS = {
    "drugs": ("Phản ánh nghi vấn có người tụ tập sử dụng trái phép chất ma túy",
              "Tố giác đối tượng nghi bán lẻ ma túy"),
    "theft": ("Tố giác vụ trộm cắp xe máy", "Trình báo mất trộm tài sản trong nhà",
              "Phản ánh đối tượng lạ mặt nghi trộm cắp"),
    "gambling": ("Phản ánh tụ điểm đánh bạc", "Tố giác hoạt động ghi lô đề"),
    "fraud": ("Trình báo bị lừa đảo chiếm đoạt tài sản qua mạng xã hội",
              "Phản ánh cuộc gọi giả danh công an yêu cầu chuyển tiền"),
    "human_trafficking": ("Phản ánh nghi vấn môi giới đưa người ra nước ngoài trái phép",),
    "public_order": ("Phản ánh gây rối trật tự công cộng", "Phản ánh tụ tập đua xe trái phép",
                     "Tố giác đối tượng cho vay nặng lãi, đòi nợ thuê"),
    "other": ("Cung cấp thông tin về người lạ tạm trú không khai báo",
              "Phản ánh vi phạm về vật liệu nổ, vũ khí thô sơ"),
}
CASE_TEXT = {
    "drugs": "Phát hiện, bắt quả tang vụ tàng trữ, sử dụng trái phép chất ma túy",
    "theft": "Làm rõ vụ trộm cắp tài sản",
    "gambling": "Bắt quả tang vụ đánh bạc",
    "fraud": "Làm rõ vụ lừa đảo chiếm đoạt tài sản",
    "human_trafficking": "Ngăn chặn vụ đưa người xuất cảnh trái phép",
    "public_order": "Xử lý vụ gây rối trật tự công cộng",
    "other": "Xử lý vụ việc vi phạm pháp luật",
}
MODEL_NAMES = {  # type → (name template, lead organisation kinds)
    "self_management": (("Tổ tự quản về an ninh, trật tự", ("police", "fatherland_front", "veterans")),
                        ("Tổ liên gia an toàn phòng cháy, chữa cháy", ("police",))),
    "security_camera": (("Mô hình «Camera an ninh»", ("police", "fatherland_front")),),
    "other": (("Mô hình «Khu dân cư không có tội phạm và tệ nạn xã hội»", ("fatherland_front",)),
              ("Mô hình «Phụ nữ tham gia bảo đảm an ninh, trật tự»", ("womens_union",)),
              ("Mô hình «Cựu chiến binh tham gia giữ gìn an ninh, trật tự»", ("veterans",)),
              ("Mô hình «Thanh niên tình nguyện tham gia tuần tra»", ("youth_union",)),
              ("Mô hình «Nông dân tham gia phòng, chống tội phạm»", ("farmers_union",))),
}
MODEL_TYPE_WEIGHTS = {"self_management": 65, "security_camera": 20, "other": 15}
ACHIEVEMENT = "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc"


def cumulative(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    """Codes and cumulative weights, for `bisect(cum, random() * cum[-1])`."""
    return list(weights), list(itertools.accumulate(weights.values()))


def lower_first(name: str) -> str:
    """'Phường Hà Tu' → 'phường Hà Tu' (a unit named inside a sentence)."""
    return name[:1].lower() + name[1:]


def places(areas: list[str], commune: str, short: str) -> list[str]:
    """Where a commune's sessions are held (`commune` as in a sentence: 'phường Hà Tu')."""
    return ([f"Nhà văn hóa {a}" for a in areas]
            + [f"Hội trường Ủy ban nhân dân {commune}", f"Trụ sở Công an {commune}",
               f"Trường Trung học cơ sở {short}", f"Trường Tiểu học {short}",
               f"Sân văn hóa {areas[0]}", f"Chợ {short}"])


def authorities(unit: Unit) -> list[tuple[str, str, str, str]]:
    """(authority, number suffix, form, whose people it commends) with repetitions as weights."""
    p = unit.province
    found = [
        (f"Chủ tịch Ủy ban nhân dân {p}", "QĐ-UBND", "merit_diploma", "all"),
        (f"Chủ tịch Ủy ban nhân dân {p}", "QĐ-UBND", "merit_diploma", "all"),
        (f"Chủ tịch Ủy ban nhân dân {p}", "QĐ-UBND", "emulation_flag", "all"),
        (f"Giám đốc Công an {p}", "QĐ-CAT", "certificate_of_merit", "police"),
        (f"Giám đốc Công an {p}", "QĐ-CAT", "certificate_of_merit", "police"),
        (f"Chủ tịch Hội Liên hiệp Phụ nữ {p}", "QĐ-HPN", "certificate_of_merit", "womens_union"),
        (f"Ban Thường vụ Hội Nông dân {p}", "QĐ-HND", "certificate_of_merit", "farmers_union"),
        (f"Chủ tịch Hội Cựu chiến binh {p}", "QĐ-CCB", "certificate_of_merit", "veterans"),
        (f"Chủ tịch Ủy ban nhân dân {unit.commune}", "QĐ-UBND", "certificate_of_merit", "all"),
    ]
    if unit.district:
        found.append((f"Chủ tịch Ủy ban nhân dân {unit.district}", "QĐ-UBND", "certificate_of_merit", "all"))
    return found


class People:
    """Full names drawn from the seeded generator, family names weighted as in the population."""

    def __init__(self, rng: random.Random) -> None:
        self.random = rng.random
        families, weights = zip(*FAMILY)
        self.families = rng.choices(families, weights=weights, k=200)

    def _name(self, middle: tuple[str, ...], given: tuple[str, ...]) -> str:
        r = self.random
        return (f"{self.families[int(r() * 200)]} {middle[int(r() * len(middle))]} "
                f"{given[int(r() * len(given))]}")

    def person(self) -> tuple[str, bool]:
        """A full name and whether she is a woman."""
        woman = self.random() < 0.5
        if woman:
            return self._name(FEMALE_MIDDLE, FEMALE_GIVEN), True
        return self._name(MALE_MIDDLE, MALE_GIVEN), False

    def woman(self) -> str:
        return self._name(FEMALE_MIDDLE, FEMALE_GIVEN)


class Folded(dict[str, str]):
    """`fold` with a memory (`folded[piece]`): pieces of text repeat a lot. The folded text of
    pieces joined by one space is their folded forms joined by one space (no piece starts or
    ends with white space)."""

    def __missing__(self, piece: str) -> str:
        found = self[piece] = fold(piece)
        return found

    def join(self, pieces: list[str]) -> tuple[str, str]:
        """The text and its folded form."""
        return " ".join(pieces), " ".join(map(self.__getitem__, pieces))
