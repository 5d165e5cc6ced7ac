"""Demo data: years of realistic Vietnamese records for the installation's own unit, fast.

`make_demo` fills the database with what a commune (or a province's communes) would have logged:
organisations, dissemination sessions, security models, information sources and the cases they
led to, commendation decisions and their recipients. Records dated before 1 July 2025 are entered
against the pre-2025 communes that merged into a current commune (those that roll up into it),
later ones against the current commune, as an officer would have entered them.

It is built for volume (a million records in about half a minute on this project's 2-core test
machine): rows are plain tuples inserted with the driver's executemany in one transaction, in
date order, ids are assigned here (after the current maximum) so link rows need no round trip,
the folded search text is assembled from cached folded pieces, and on SQLite the full-text
index is filled once at the end rather than by a trigger per row (see `_FullTextDeferred`).
Everything is deterministic for a seed (except the uids).
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import re
import time
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select, text

from db.models import (
    REFORM_DATE,
    AdminUnit,
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    Installation,
    Organisation,
    SecurityModel,
    TypicalRecognition,
    UncoveredCase,
    UnitRollup,
    utcnow,
)
from db.models.base import EARLIEST_DATE
from db.search import fts_table
from db.textfold import fold
from db.vocab import ORGANISATIONS, SESSION_KINDS, TOPICS
from desktop.i18n import t
from desktop.services.installation import Database, SetupError

DEMO_USER = "demo"
RECORDS_PER_UNIT_YEAR = 100  # the default volume: what a busy commune logs in a year
CHUNK = 10_000  # rows per executemany (and between progress reports / cancellation checks)

# Share of each kind of record (sessions ≫ sources > cases > models; commendations few).
SHARES = {
    "sources": 0.22,
    "cases": 0.10,
    "models": 0.05,
    "decisions": 0.006,
    "recipients": 0.044,
}
KINDS = ("sessions", "models", "sources", "cases", "decisions", "recipients")
CLASS_OF: dict[str, Any] = {
    "sessions": DisseminationSession,
    "models": SecurityModel,
    "sources": InformationSource,
    "cases": UncoveredCase,
    "decisions": CommendationDecision,
    "recipients": CommendationRecipient,
}
TABLE_OF = {kind: cls.__tablename__ for kind, cls in CLASS_OF.items()}
PREFIX = {"sessions": "TT", "models": "MH", "sources": "NT", "cases": "VV", "decisions": "KT",
          "recipients": "NK"}
UNIONS = ("womens_union", "farmers_union", "veterans", "youth_union", "fatherland_front")
ORG_KINDS = tuple(c for c in ORGANISATIONS.codes if c != "other")

RECORD_COLUMNS = ("id", "uid", "ref", "origin_unit_id", "created_at", "created_by", "updated_at",
                  "updated_by", "revision", "deleted", "search_text")
COLUMNS = {
    "sessions": RECORD_COLUMNS + ("unit_id", "held_on", "kind", "attendees", "member_attendees",
                                  "place", "notes"),
    "models": RECORD_COLUMNS + ("unit_id", "type", "name", "lead_organisation_id", "launched_on",
                                "status", "members", "cameras"),
    "sources": RECORD_COLUMNS + ("unit_id", "received_on", "organisation_id", "category", "channel",
                                 "content", "status"),
    "cases": RECORD_COLUMNS + ("unit_id", "opened_on", "category", "individuals", "summary"),
    "decisions": RECORD_COLUMNS + ("unit_id", "number", "decided_on", "authority", "form",
                                   "period_from", "period_to", "achievement"),
    "recipients": RECORD_COLUMNS + ("decision_id", "kind", "name", "title", "position", "unit_id",
                                    "organisation_id"),
}

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


@dataclass
class DemoResult:
    """What `make_demo` made. `total` is the records (the six kinds); organisations, recognitions
    and link rows are counted apart. With `cancelled` nothing was written."""

    sessions: int = 0
    models: int = 0
    sources: int = 0
    cases: int = 0
    decisions: int = 0
    recipients: int = 0
    organisations: int = 0
    recognitions: int = 0
    links: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    units: list[str] = field(default_factory=list)  # codes of the units the records went to

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def counts(self) -> dict[str, int]:
        return {kind: getattr(self, kind) for kind in KINDS}


class _Cancelled(Exception):
    pass


def plan_counts(records: int) -> dict[str, int]:
    """How many records of each kind make `records` in all (sessions take the remainder)."""
    if records < 0:
        raise ValueError("records must be >= 0")
    counts = {kind: int(records * share) for kind, share in SHARES.items()}
    if counts["recipients"] and not counts["decisions"]:
        counts["decisions"] = 1
    counts["recipients"] = max(counts["recipients"], counts["decisions"])
    counts["sessions"] = records - sum(counts.values())
    return counts


# ---------------------------------------------------------------------------------------------
# Small helpers


def _lower_first(name: str) -> str:
    """'Phường Hà Tu' → 'phường Hà Tu' (a unit named inside a sentence)."""
    return name[:1].lower() + name[1:]


def _cum(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    """Codes and cumulative weights, for `bisect(cum, random() * cum[-1])`."""
    return list(weights), list(itertools.accumulate(weights.values()))


class _Folded(dict[str, str]):
    """`fold` with a memory (`folded[piece]`): pieces of text repeat a lot. The folded text of
    pieces joined by one space is their folded forms joined by one space (no piece starts or
    ends with white space)."""

    def __missing__(self, piece: str) -> str:
        found = self[piece] = fold(piece)
        return found

    def join(self, pieces: list[str]) -> tuple[str, str]:
        """The text and its folded form."""
        return " ".join(pieces), " ".join(map(self.__getitem__, pieces))


class _Uids:
    """Version 7 layout uids as the 32 hex digits SQLAlchemy's Uuid stores on SQLite: the time of
    the run, 12 random bits, then a counter (so that keys go in at the end of the index) and 32
    random bits. The counter keeps the uids of a run apart, the time and random bits those of
    other runs and installations."""

    def __init__(self) -> None:
        bits = random.Random(os.urandom(16)).getrandbits
        millis = time.time_ns() // 1_000_000 & 0xFFFFFFFFFFFF
        self._head = f"{millis:012x}7{bits(12):03x}8"
        self._tail = f"{bits(32):08x}"
        self._next = 0

    def __call__(self) -> str:
        self._next += 1
        return f"{self._head}{self._next & 0xFFFFFFF:07x}{self._tail}"


@dataclass
class _Unit:
    id: int
    code: str
    name: str  # "Phường Hà Tu"
    short: str
    old: bool
    areas: list[str]  # "khu 3", "thôn 5"
    places: list[str]
    commune: str  # "phường Hà Tu"
    district: str | None  # "thành phố Hạ Long" (pre-2025 units)
    province: str  # "tỉnh Quảng Ninh"
    orgs: dict[str, int] = field(default_factory=dict)  # kind → organisation id


# ---------------------------------------------------------------------------------------------
# The generator


class _Demo:
    def __init__(self, connection: Connection, *, units: int, years: int, seed: int,
                 records: int | None, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.conn = connection
        self.rng = random.Random(seed)
        self.years = years
        self.records = records
        self.progress = progress
        self.cancelled = cancelled
        self.fold = _Folded()
        self.uid = _Uids()
        self.now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
        self.placeholder = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self.result = DemoResult()
        self.done = 0
        self.total = 0
        self._prepare_dates()
        self._prepare_names()
        self.wanted_units = units

    # -- time and people ----------------------------------------------------------------------

    def _prepare_dates(self) -> None:
        today = dt.date.today()
        try:
            start = today.replace(year=today.year - self.years)
        except ValueError:  # 29 February
            start = today.replace(year=today.year - self.years, day=28)
        # No earlier than the dates the database accepts, with room for five-year periods.
        start = max(start + dt.timedelta(days=1), dt.date(EARLIEST_DATE.year + 5, 1, 1))
        self.days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
        self.iso = [d.isoformat() for d in self.days]
        self.year = [d.year for d in self.days]
        self.last = len(self.days) - 1  # today
        self.reform = max(0, min(len(self.days), (REFORM_DATE - start).days))  # first day of 2025 list

    def _prepare_names(self) -> None:
        families, weights = zip(*FAMILY)
        self.families = self.rng.choices(families, weights=weights, k=200)

    def person(self) -> tuple[str, bool]:
        """A full name and whether she is a woman."""
        r = self.rng.random
        woman = r() < 0.5
        middle, given = (FEMALE_MIDDLE, FEMALE_GIVEN) if woman else (MALE_MIDDLE, MALE_GIVEN)
        name = (f"{self.families[int(r() * 200)]} {middle[int(r() * len(middle))]} "
                f"{given[int(r() * len(given))]}")
        return name, woman

    def woman(self) -> str:
        r = self.rng.random
        return (f"{self.families[int(r() * 200)]} {FEMALE_MIDDLE[int(r() * 10)]} "
                f"{FEMALE_GIVEN[int(r() * 20)]}")

    # -- units ----------------------------------------------------------------------------------

    def load_units(self) -> None:
        conn = self.conn
        own_id = conn.scalar(select(Installation.unit_id).where(Installation.id == 1))
        if own_id is None:
            raise SetupError(t("no_installation"))
        self.own_id = own_id
        units = {u.id: u for u in conn.execute(select(AdminUnit))}
        own = units[own_id]
        children = sorted((u for u in units.values() if u.parent_id == own_id and u.level == "commune"),
                          key=lambda u: u.code)
        rolled_up: dict[int, list[int]] = {}
        for ancestor, unit in conn.execute(
            select(UnitRollup.ancestor_id, UnitRollup.unit_id).where(UnitRollup.depth > 0)
        ):
            if units[unit].scheme == "pre2025" and units[ancestor].level == "commune":
                rolled_up.setdefault(ancestor, []).append(unit)
        current = []
        if children:  # a province: some of its communes, those with predecessors first
            with_old = [u for u in children if u.id in rolled_up]
            pool = with_old if len(with_old) >= min(self.wanted_units, len(children)) else children
            current = sorted(self.rng.sample(pool, min(self.wanted_units, len(pool))), key=lambda u: u.code)
        if not current:
            current = [own]

        def chain(unit: Any) -> list[Any]:
            found = [unit]
            while found[-1].parent_id is not None:
                found.append(units[found[-1].parent_id])
            return found

        def describe(unit: Any) -> _Unit:
            ancestors = chain(unit)
            district = next((u for u in ancestors if u.level == "district"), None)
            province = ancestors[-1]
            area_word = "thôn" if unit.name.startswith(("Xã", "Đặc khu")) else "khu"
            areas = [f"{area_word} {n}" for n in range(1, 6 + int(self.rng.random() * 10))]
            lower = _lower_first(unit.name)
            places = ([f"Nhà văn hóa {a}" for a in areas]
                      + [f"Hội trường Ủy ban nhân dân {lower}", f"Trụ sở Công an {lower}",
                         f"Trường Trung học cơ sở {unit.short_name}", f"Trường Tiểu học {unit.short_name}",
                         f"Sân văn hóa {areas[0]}", f"Chợ {unit.short_name}"])
            return _Unit(unit.id, unit.code, unit.name, unit.short_name, unit.scheme == "pre2025",
                         areas, places, lower, _lower_first(district.name) if district else None,
                         _lower_first(province.name))

        self.current = [describe(u) for u in current]
        self.old = [[describe(units[o]) for o in sorted(rolled_up.get(u.id, []))] for u in current]
        self.units = self.current + [u for olds in self.old for u in olds]
        self.result.units = [u.code for u in self.current]

    # -- when and where each record goes ------------------------------------------------------

    def keys(self, n: int) -> list[tuple[int, int]]:
        """`n` (day, index in `units`) pairs in date order: a current commune, and for a day
        before the reform one of the old communes that merged into it."""
        r = self.rng.random
        span = self.last + 1
        after = span - self.reform  # days of the 2025 list
        width = len(self.units)
        current = list(range(len(self.current)))  # `units` begins with the current communes
        olds, start = [], len(self.current)
        for group in self.old:
            olds.append(list(range(start, start + len(group))))
            start += len(group)
        drawn: list[int] = []
        for _ in range(n):
            c = int(r() * len(current))
            day = int(r() * span)
            if day < self.reform:
                if olds[c]:
                    c = olds[c][int(r() * len(olds[c]))]
                elif after > 0:
                    day = self.reform + int(r() * after)
            drawn.append(day * width + c)
        drawn.sort()
        return list(map(divmod, drawn, itertools.repeat(width, n)))

    def refs(self, kind: str) -> Callable[[_Unit, int], str]:
        """Hands out `TT-2024-0001` references per unit and year, after those already there."""
        prefix = PREFIX[kind]
        pattern = re.compile(rf"^{prefix}-(\d{{4}})-(\d+)$")
        cls = CLASS_OF[kind]
        taken: dict[tuple[int, int], int] = {}
        for unit_id, ref in self.conn.execute(
            select(cls.unit_id, cls.ref).where(cls.unit_id.in_([u.id for u in self.units]),
                                               cls.ref.like(f"{prefix}-%"))
        ):
            m = pattern.match(ref)
            if m:
                key = (unit_id, int(m.group(1)))
                taken[key] = max(taken.get(key, 0), int(m.group(2)))

        def allocate(unit: _Unit, day: int) -> str:
            key = (unit.id, self.year[day])
            n = taken[key] = taken.get(key, 0) + 1
            return f"{prefix}-{key[1]}-{n:04d}"

        return allocate

    def record(self, row_id: int, ref: str, search: str) -> tuple[Any, ...]:
        return (row_id, self.uid(), ref, self.own_id, self.now, DEMO_USER, self.now, DEMO_USER, 1, False,
                search)

    # -- writing ----------------------------------------------------------------------------

    def next_id(self, table: str) -> int:
        return (self.conn.execute(text(f"SELECT max(id) FROM {table}")).scalar() or 0) + 1

    def prepare(self) -> None:
        """What is read from the database first: the organisations (made if missing), the
        first free ids, the references and decision numbers already taken."""
        self.organisations()
        self.first = {kind: self.next_id(table) for kind, table in TABLE_OF.items()}
        self.ref = {kind: self.refs(kind) for kind in KINDS if kind != "recipients"}
        self.number = self.numbers()

    def write(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]],
              records: bool = False, links: bool = False) -> None:
        """One executemany; `records` rows count towards progress, `links` rows in `links`."""
        if not rows:
            return
        marks = ", ".join([self.placeholder] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        self.conn.exec_driver_sql(sql, rows)
        if records:
            self.done += len(rows)
        if links:
            self.result.links += len(rows)
        self.tick()

    def tick(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise _Cancelled
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    # -- organisations ------------------------------------------------------------------------

    def organisations(self) -> None:
        by_unit = {u.id: u for u in self.units}
        taken: set[tuple[int, str, str]] = set()
        for org_id, unit_id, kind, name, deleted in self.conn.execute(
            select(Organisation.id, Organisation.unit_id, Organisation.kind, Organisation.name,
                   Organisation.deleted).where(Organisation.unit_id.in_(list(by_unit))).order_by(Organisation.id)
        ):
            taken.add((unit_id, kind, name))
            if not deleted:
                by_unit[unit_id].orgs.setdefault(kind, org_id)
        next_id = self.next_id(Organisation.__tablename__)
        rows = []
        for unit in self.units:
            for kind in ORG_KINDS:
                if kind in unit.orgs:
                    continue
                name = f"{ORGANISATIONS[kind].vi} {unit.name}"
                if (unit.id, kind, name) in taken:  # a deleted one has the name
                    name += " (dữ liệu mẫu)"
                unit.orgs[kind] = next_id
                rows.append((next_id, self.uid(), unit.id, kind, name, False))
                next_id += 1
        self.write(Organisation.__tablename__, ("id", "uid", "unit_id", "kind", "name", "deleted"), rows)
        self.result.organisations = len(rows)

    # -- information sources and the cases they led to ----------------------------------------

    def sources_and_cases(self, n_sources: int, n_cases: int) -> None:
        r = self.rng.random
        units = self.units
        keys = self.keys(n_sources)
        cats, cum = _cum(CATEGORY_WEIGHTS)
        categories = self.rng.choices(cats, cum_weights=cum, k=n_sources)

        # Which sources led to which cases: cases shared among units as their sources are.
        by_unit: dict[int, list[int]] = {}
        for i, (_day, u) in enumerate(keys):
            by_unit.setdefault(u, []).append(i)
        n_cases = min(n_cases, n_sources)
        quotas = _apportion(n_cases, [len(v) for v in by_unit.values()])
        cases: list[tuple[int, int, list[int]]] = []  # (day, unit index, source positions)
        led = bytearray(n_sources)
        for (u, positions), quota in zip(by_unit.items(), quotas):
            chosen = sorted(self.rng.sample(range(len(positions)), quota))
            for p in chosen:
                led[positions[p]] = 1
            for p in chosen:
                linked = [positions[p]]
                if p > 0 and not led[positions[p - 1]] and r() < 0.3:
                    led[positions[p - 1]] = 1
                    linked.insert(0, positions[p - 1])
                day = keys[positions[p]][0]
                limit = self.reform - 1 if self.units[u].old else self.last
                cases.append((min(day + int(r() * 30), limit), u, linked))
        cases.sort(key=lambda c: (c[0], c[1]))

        # The sources.
        table = InformationSource.__tablename__
        first_source = self.first["sources"]
        ref = self.ref["sources"]
        chans, ccum = _cum(CHANNEL_WEIGHTS)
        channels = self.rng.choices(chans, cum_weights=ccum, k=n_sources)
        giver = ("womens_union", "farmers_union", "veterans", "youth_union", "fatherland_front", "police")
        rows = []
        for i, (day, u) in enumerate(keys):
            unit = units[u]
            category = categories[i]
            tips = TIPS[category]
            content = f"{tips[int(r() * len(tips))]} tại {unit.areas[int(r() * len(unit.areas))]}"
            x = r()
            org = None if x < 0.12 else unit.orgs[giver[int(r() * len(giver))]]
            if led[i]:
                status = "led_to_case"
            elif self.last - day < 30 and x < 0.7:
                status = "received"
            else:
                y = r()
                status = "verified" if y < 0.55 else "unfounded" if y < 0.9 else "received"
            code = ref(unit, day)
            rows.append(self.record(first_source + i, code, f"{code.lower()} {self.fold[content]}")
                        + (unit.id, self.iso[day], org, category, channels[i], content, status))
            if len(rows) >= CHUNK:
                self.write(table, COLUMNS["sources"], rows, records=True)
                rows = []
        self.write(table, COLUMNS["sources"], rows, records=True)
        self.result.sources = n_sources

        # The cases.
        table = UncoveredCase.__tablename__
        first_case = self.first["cases"]
        ref = self.ref["cases"]
        rows, links = [], []
        individuals_cum = list(itertools.accumulate((35, 45, 13, 4, 2, 1)))
        for i, (day, u, linked) in enumerate(cases):
            unit = self.units[u]
            category = categories[linked[-1]]
            individuals = bisect(individuals_cum, r() * individuals_cum[-1])
            pieces = [f"{CASE_TEXT[category]} tại {unit.areas[int(r() * len(unit.areas))]}."]
            if individuals:
                pieces += ["Đối tượng:", self.person()[0], f"(sinh năm {1960 + int(r() * 47)})"
                           + ("." if individuals == 1 else f" và {individuals - 1} đối tượng khác.")]
            summary, folded = self.fold.join(pieces)
            code = ref(unit, day)
            case_id = first_case + i
            rows.append(self.record(case_id, code, f"{code.lower()} {folded}")
                        + (unit.id, self.iso[day], category, individuals, summary))
            links.extend((case_id, first_source + s) for s in linked)
            if len(rows) >= CHUNK:
                self.write(table, COLUMNS["cases"], rows, records=True)
                rows = []
        self.write(table, COLUMNS["cases"], rows, records=True)
        for start in range(0, len(links), CHUNK):
            self.write("case_source", ("case_id", "source_id"), links[start:start + CHUNK], links=True)
        self.result.cases = len(cases)

    # -- security models ----------------------------------------------------------------------

    def models(self, n: int) -> None:
        r = self.rng.random
        units = self.units
        keys = self.keys(n)
        types, cum = _cum(MODEL_TYPE_WEIGHTS)
        kinds = self.rng.choices(types, cum_weights=cum, k=n)
        table = SecurityModel.__tablename__
        first = self.first["models"]
        ref = self.ref["models"]
        rows, recognitions = [], []
        for i, (day, u) in enumerate(keys):
            unit = units[u]
            kind = kinds[i]
            templates = MODEL_NAMES[kind]
            template, leads = templates[int(r() * len(templates))]
            name = f"{template} {unit.areas[int(r() * len(unit.areas))]}"
            lead = unit.orgs[leads[int(r() * len(leads))]]
            x = r()
            status = "active" if x < 0.8 else "suspended" if x < 0.88 else "ended"
            members = cameras = None
            if kind == "security_camera":
                cameras = 4 + int(r() * 57)
            else:
                members = 7 + int(r() * 40)
            code = ref(unit, day)
            model_id = first + i
            rows.append(self.record(model_id, code, f"{code.lower()} {self.fold[name]}")
                        + (unit.id, kind, name, lead, self.iso[day], status, members, cameras))
            age = self.last - day
            if age >= 120 and r() < 0.32:
                on = day + 90 + int(r() * min(1000, age - 90))
                if r() < 0.6:
                    authority, suffix = f"Chủ tịch Ủy ban nhân dân {unit.province}", "QĐ-UBND"
                else:
                    authority, suffix = f"Giám đốc Công an {unit.province}", "QĐ-CAT"
                recognitions.append((model_id, self.iso[on], authority, f"{100 + int(r() * 3900)}/{suffix}"))
            if len(rows) >= CHUNK:
                self.write(table, COLUMNS["models"], rows, records=True)
                rows = []
        self.write(table, COLUMNS["models"], rows, records=True)
        self.write(TypicalRecognition.__tablename__,
                   ("model_id", "recognised_on", "authority", "decision_number"), recognitions)
        self.result.recognitions = len(recognitions)
        self.result.models = n

    # -- commendations ------------------------------------------------------------------------

    def authorities(self, unit: _Unit) -> list[tuple[str, str, str, str]]:
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

    def numbers(self) -> Callable[[_Unit, str], str]:
        """Decision numbers ("1234/QĐ-UBND"), increasing per unit and suffix, never reused."""
        last: dict[tuple[int, str], int] = {}
        pattern = re.compile(r"^(\d+)/(.+)$")
        for unit_id, number in self.conn.execute(
            select(CommendationDecision.unit_id, CommendationDecision.number).where(
                CommendationDecision.unit_id.in_([u.id for u in self.units]))
        ):
            m = pattern.match(number)
            if m:
                key = (unit_id, m.group(2))
                last[key] = max(last.get(key, 0), int(m.group(1)))
        r = self.rng.random

        def allocate(unit: _Unit, suffix: str) -> str:
            key = (unit.id, suffix)
            n = last[key] = last.get(key, int(r() * 300)) + 1 + int(r() * 40)
            return f"{n}/{suffix}"

        return allocate

    def recipient(self, unit: _Unit, whose: str, form: str) -> tuple[str, str | None, str | None, int | None]:
        """(name, title, position, organisation id) of one collective or individual."""
        r = self.rng.random
        area = unit.areas[int(r() * len(unit.areas))]
        if whose == "all":
            whose = ("police", *UNIONS)[int(r() * 6)]
        org = unit.orgs[whose]
        if form == "emulation_flag" or r() < 0.3:  # a collective
            if whose == "police":
                name = (f"Công an {unit.commune}" if r() < 0.4 else f"Tổ tự quản về an ninh, trật tự {area}")
            else:
                name = f"{ORGANISATIONS[whose].vi} {unit.name}" if r() < 0.3 else f"{BRANCH_OF[whose]} {area}"
            return name, None, None, org
        if whose == "womens_union":
            name, woman = self.woman(), True
        else:
            name, woman = self.person()
        if whose == "police":
            if r() < 0.5:
                roles = ("Trưởng Công an", "Phó Trưởng Công an", "Cán bộ Công an")
                return name, "comrade", f"{roles[int(r() * 3)]} {unit.commune}", org
            return name, "ms" if woman else "mr", f"Tổ trưởng Tổ tự quản về an ninh, trật tự {area}", None
        if r() < 0.5:
            position = f"{'Chi đoàn trưởng' if whose == 'youth_union' else 'Chi hội trưởng'} {BRANCH_OF[whose]} {area}"
        else:
            position = f"{MEMBER_TITLE[whose]} {ORGANISATIONS[whose].vi} {unit.commune}"
        return name, "ms" if woman else "mr", position, org

    def commendations(self, n_decisions: int, n_recipients: int) -> None:
        r = self.rng.random
        units = self.units
        keys = self.keys(n_decisions)
        per_decision = [1] * n_decisions
        for _ in range(n_recipients - n_decisions):
            per_decision[int(r() * n_decisions)] += 1
        table = CommendationDecision.__tablename__
        first = self.first["decisions"]
        first_recipient = self.first["recipients"]
        ref = self.ref["decisions"]
        number = self.number
        authorities = {u.id: self.authorities(u) for u in self.units}
        rows, recipients = [], []
        for i, (day, u) in enumerate(keys):
            unit = units[u]
            decided = self.days[day]
            choices = authorities[unit.id]
            authority, suffix, form, whose = choices[int(r() * len(choices))]
            x = r()
            if x < 0.6:  # the year before
                period_from, period_to = dt.date(decided.year - 1, 1, 1), dt.date(decided.year - 1, 12, 31)
                achievement = f"{ACHIEVEMENT} năm {decided.year - 1}"
            elif x < 0.85:  # a five-year review
                period_from, period_to = dt.date(decided.year - 5, 1, 1), decided
                achievement = f"{ACHIEVEMENT} giai đoạn {decided.year - 5}–{decided.year}"
            else:
                period_from = period_to = None
                achievement = ("Đã có thành tích xuất sắc trong phát hiện, tố giác tội phạm"
                               if r() < 0.5 else
                               "Đã có thành tích xuất sắc trong thực hiện Đề án 06 của Chính phủ")
            code = ref(unit, day)
            num = number(unit, suffix)
            decision_id = first + i
            search = f"{code.lower()} {self.fold[num]} {self.fold[authority]} {self.fold[achievement]}"
            rows.append(self.record(decision_id, code, search)
                        + (unit.id, num, self.iso[day], authority, form,
                           period_from and period_from.isoformat(), period_to and period_to.isoformat(),
                           achievement))
            for j in range(per_decision[i]):
                name, title, position, org = self.recipient(unit, whose, form)
                rcode = f"NK-{decided.year}-{j + 1:04d}"
                search = f"{rcode.lower()} {self.fold[name]}" + (f" {self.fold[position]}" if position else "")
                recipients.append(self.record(first_recipient, rcode, search)
                                  + (decision_id, "individual" if title else "collective", name, title,
                                     position, unit.id, org))
                first_recipient += 1
            if len(rows) >= CHUNK // 10:
                self.write(table, COLUMNS["decisions"], rows, records=True)
                self.write(CommendationRecipient.__tablename__, COLUMNS["recipients"], recipients,
                           records=True)
                rows, recipients = [], []
        self.write(table, COLUMNS["decisions"], rows, records=True)
        self.write(CommendationRecipient.__tablename__, COLUMNS["recipients"], recipients, records=True)
        self.result.decisions = n_decisions
        self.result.recipients = n_recipients

    # -- dissemination sessions ---------------------------------------------------------------

    def sessions(self, n: int) -> None:
        r = self.rng.random
        units = self.units
        keys = self.keys(n)
        table = DisseminationSession.__tablename__
        first = self.first["sessions"]
        ref = self.ref["sessions"]
        kinds_, cum = _cum(KIND_WEIGHTS)
        unions, ucum = _cum(dict(zip(UNIONS, (30, 30, 15, 15, 10))))
        codes = [c for c in TOPICS.codes if c != "other"]
        combos = [[(c,) for c in TOPICS.codes],
                  list(itertools.combinations(codes, 2)),
                  list(itertools.combinations(codes, 3))]
        leads = {}
        for kind in SESSION_KINDS.codes:
            for size in combos:
                for combo in size:
                    leads[kind, combo] = (f"{KIND_LEAD[kind]} "
                                          + "; ".join(TOPICS[c].vi for c in combo))
        rows, organisers, topics = [], [], []
        for i, (day, u) in enumerate(keys):
            unit = units[u]
            sid = first + i
            kind = kinds_[bisect(cum, r() * cum[-1])]
            x = r()
            union = unions[bisect(ucum, r() * ucum[-1])]
            if x < 0.6:
                orgs, audience_of = ("police", union), union
            elif x < 0.85:
                orgs, audience_of = (union,), union
            else:
                orgs, audience_of = ("police",), None
            y = r()
            size = combos[0 if y < 0.45 else 1 if y < 0.85 else 2]
            combo = size[int(r() * len(size))]
            low, high = ATTENDEES[kind]
            attendees = low + int(r() * (high - low + 1))
            if audience_of is None:
                members = int(attendees * 0.2 * r())
                audience = f"cho nhân dân {unit.areas[int(r() * len(unit.areas))]}."
            else:
                members = int(attendees * (0.4 + 0.6 * r()))
                audience = f"cho {MEMBERS_OF[audience_of]}."
            pieces = [leads[kind, combo], audience]
            if r() < 0.7:
                name, woman = self.person()
                if "police" in orgs:
                    pieces += ["Báo cáo viên: đồng chí", f"{name},",
                               f"{'Phó Trưởng' if r() < 0.5 else 'Trưởng'} Công an {unit.commune}."]
                else:
                    pieces += ["Báo cáo viên:", "bà" if woman else "ông", f"{name},",
                               f"{LEADER_OF[audience_of]} {ORGANISATIONS[audience_of].vi} {unit.commune}."]
            notes, folded = self.fold.join(pieces)
            place = unit.places[int(r() * len(unit.places))]
            code = ref(unit, day)
            rows.append(self.record(sid, code, f"{code.lower()} {self.fold[place]} {folded}")
                        + (unit.id, self.iso[day], kind, attendees, members, place, notes))
            organisers.extend((sid, unit.orgs[o]) for o in orgs)
            topics.extend((sid, c) for c in combo)
            if len(rows) >= CHUNK:
                self._flush_sessions(rows, organisers, topics)
                rows, organisers, topics = [], [], []
        self._flush_sessions(rows, organisers, topics)
        self.result.sessions = n

    def _flush_sessions(self, rows: list[tuple[Any, ...]], organisers: list[tuple[int, int]],
                        topics: list[tuple[int, str]]) -> None:
        self.write(DisseminationSession.__tablename__, COLUMNS["sessions"], rows, records=True)
        self.write("session_organiser", ("session_id", "organisation_id"), organisers, links=True)
        self.write("session_topic", ("session_id", "topic_code"), topics, links=True)

    # -- the whole run ----------------------------------------------------------------------

    def run(self) -> DemoResult:
        self.load_units()
        records = self.records
        if records is None:
            records = RECORDS_PER_UNIT_YEAR * len(self.current) * self.years
        counts = plan_counts(records)
        self.total = records
        self.tick()
        self.prepare()
        with _FullTextDeferred(self.conn):
            self.sources_and_cases(counts["sources"], counts["cases"])
            counts["sessions"] += counts["cases"] - self.result.cases  # too few sources (tiny runs)
            self.models(counts["models"])
            self.commendations(counts["decisions"], counts["recipients"])
            self.sessions(counts["sessions"])
        _advance_sequences(self.conn)
        return self.result


def _apportion(total: int, sizes: list[int]) -> list[int]:
    """`total` shared in proportion to `sizes` (largest remainders), never more than a size."""
    whole = sum(sizes)
    if not whole:
        return [0] * len(sizes)
    exact = [total * s / whole for s in sizes]
    shares = [int(e) for e in exact]
    order = sorted(range(len(sizes)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return [min(s, size) for s, size in zip(shares, sizes)]


class _FullTextDeferred:
    """On SQLite, fills the FTS5 indexes once for the new rows (`INSERT INTO …_fts SELECT`)
    instead of by the insert trigger on every row, which doubles the time of a million records.
    The insert triggers are dropped and recreated from their own stored SQL inside the caller's
    transaction: nothing else sees them missing, a rollback brings them back, and the index ends
    exactly as the triggers would have left it."""

    def __init__(self, connection: Connection) -> None:
        self.conn = connection
        self.active = connection.dialect.name == "sqlite"
        self.saved: list[tuple[str, str, int]] = []  # table, trigger SQL, first new id

    def __enter__(self) -> _FullTextDeferred:
        if not self.active:
            return self
        for table in TABLE_OF.values():
            trigger = f"{table}_ai"
            sql = self.conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
            ).scalar()
            if sql is None:
                continue
            first = (self.conn.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0) + 1
            self.saved.append((table, sql, first))
            self.conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
        return self

    def __exit__(self, kind: object, *_exc: object) -> None:
        if kind is not None:
            return  # the transaction is rolled back, triggers included
        for table, sql, first in self.saved:
            self.conn.exec_driver_sql(
                f"INSERT INTO {fts_table(table)}(rowid, search_text) "
                f"SELECT id, search_text FROM {table} WHERE id >= ?", (first,)
            )
            self.conn.exec_driver_sql(sql)


def _advance_sequences(connection: Connection) -> None:
    """PostgreSQL: ids were given here, so move each serial sequence past them."""
    if connection.dialect.name != "postgresql":
        return
    for table in (*TABLE_OF.values(), Organisation.__tablename__, TypicalRecognition.__tablename__):
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


def make_demo(
    database: Database,
    *,
    units: int = 5,
    years: int = 6,
    seed: int = 1,
    records: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoResult:
    """Fills the database with demo records for the own unit (a commune: itself and the old
    communes that merged into it; a province: up to `units` of its communes and theirs) over the
    last `years` years up to today. `records` is the number of records of the six kinds (sessions,
    models, sources, cases, decisions, recipients); by default 100 per commune and year.
    One transaction: `cancelled()` returning True (checked between batches) rolls everything
    back and the result says `cancelled`. `progress(done, total)` is called between batches."""
    if units < 1 or years < 1:
        raise ValueError("units and years must be at least 1")
    started = time.perf_counter()
    try:
        with database.engine.begin() as connection:
            demo = _Demo(connection, units=units, years=years, seed=seed, records=records,
                         progress=progress, cancelled=cancelled)
            result = demo.run()
    except _Cancelled:
        return DemoResult(cancelled=True, seconds=time.perf_counter() - started)
    result.seconds = time.perf_counter() - started
    if progress is not None:
        progress(result.total, result.total)
    return result
