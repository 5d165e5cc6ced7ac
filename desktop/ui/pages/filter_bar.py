"""The filter bar above a record list: quick search (accent-insensitive), unit, period and the
code filters of the kind (`listing.FILTERS`). It only collects choices; the list page turns them
into a `ListQuery`."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.filter_choices import code_choices, unit_choices
from desktop.services.listing import FILTERS
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating

SEARCH_DELAY_MS = 250  # typing pauses this long before the list is searched

# Periods offered, by key; "range" shows two date fields.
PERIODS = ("all", "this_year", "last_year", "range")



def refill(combo: QComboBox, items: list[tuple[Any, str]]) -> None:
    """Replaces a combo box's items (value, label), keeping the chosen one and emitting no change."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value, label in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)

class FilterBar(Retranslating, QWidget):
    changed = Signal()

    def __init__(self, context: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._search_now)

        self.unit_label = QLabel()
        self.unit = QComboBox()
        self.unit.setMinimumContentsLength(14)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period_label = QLabel()
        self.period = QComboBox()
        self.date_from = self._date_edit(dt.date(dt.date.today().year, 1, 1))
        self.date_to = self._date_edit(dt.date.today())
        self.code_labels: dict[str, QLabel] = {}
        self.codes: dict[str, QComboBox] = {}
        for name in FILTERS[kind]:
            self.code_labels[name] = QLabel()
            combo = QComboBox()
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self.changed)
            self.codes[name] = combo
        self.show_deleted = QCheckBox()
        self.show_deleted.toggled.connect(self.changed)

        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        first.addWidget(self.unit_label)
        first.addWidget(self.unit, 1)
        first.addWidget(self.period_label)
        first.addWidget(self.period)
        first.addWidget(self.date_from)
        first.addWidget(self.date_to)
        first.addWidget(self.show_deleted)
        second = QHBoxLayout()
        for name in FILTERS[kind]:
            second.addWidget(self.code_labels[name])
            second.addWidget(self.codes[name], 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

        self.retranslate_ui()
        self.period.currentIndexChanged.connect(self._period_changed)
        self.unit.currentIndexChanged.connect(self.changed)
        self.date_from.dateChanged.connect(self.changed)
        self.date_to.dateChanged.connect(self.changed)
        self._period_changed()

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.changed.emit()

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "range"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.changed.emit()

    # -- what is chosen -------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The chosen filters as keyword arguments of `ListQuery` (without kind and sort)."""
        own = self.context.own_unit
        unit_id = self.unit.currentData() or (own.id if own else None)
        date_from, date_to = self._period()
        codes = {name: combo.currentData() for name, combo in self.codes.items() if combo.currentData()}
        return {"unit_id": unit_id, "date_from": date_from, "date_to": date_to, "codes": codes,
                "search": self.search.text(), "include_deleted": self.show_deleted.isChecked()}

    def _period(self) -> tuple[dt.date | None, dt.date | None]:
        year = dt.date.today().year
        match self.period.currentData():
            case "this_year":
                return dt.date(year, 1, 1), dt.date(year, 12, 31)
            case "last_year":
                return dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)
            case "range":
                return self.date_from.date().toPython(), self.date_to.date().toPython()  # type: ignore[return-value]
        return None, None

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        """Shows a custom period (used by tests and by links from the overview)."""
        self.period.setCurrentIndex(PERIODS.index("range"))
        self.date_from.setDate(QDate(date_from.year, date_from.month, date_from.day))
        self.date_to.setDate(QDate(date_to.year, date_to.month, date_to.day))

    def set_code(self, name: str, code: str | None) -> None:
        combo = self.codes[name]
        combo.setCurrentIndex(max(0, combo.findData(code)))

    # -- words ----------------------------------------------------------------------------------


    def retranslate_ui(self) -> None:
        lang = self.context.lang
        self.search.setPlaceholderText(self.tr("Tìm nhanh, không cần dấu (Ctrl+F)"))
        self.unit_label.setText(self.tr("Đơn vị:"))
        self.period_label.setText(self.tr("Thời gian:"))
        self.show_deleted.setText(self.tr("Cả bản ghi đã xóa"))
        names = {"kind": self.tr("Hình thức:"), "topic": self.tr("Nội dung:"),
                 "organisation": self.tr("Cơ quan tổ chức:"), "type": self.tr("Loại:"),
                 "status": self.tr("Tình trạng:"), "category": self.tr("Lĩnh vực:"),
                 "channel": self.tr("Hình thức cung cấp:"), "form": self.tr("Hình thức khen thưởng:")}
        if self.kind == "recipients":
            names["kind"] = self.tr("Tập thể/cá nhân:")
        for name, label in self.code_labels.items():
            label.setText(names[name])
        own = self.context.own_unit
        with self.context.database.sessions() as session:
            units = unit_choices(session, own.id, lang) if own else []
            codes = {name: code_choices(session, self.kind, name, lang) for name in self.codes}
        everything = self.tr("Toàn đơn vị") if own is None else self.tr("%1 và các đơn vị trực thuộc").replace(
            "%1", own.name)
        refill(self.unit, [(None, everything), *units])
        refill(self.period, [("all", self.tr("Mọi thời gian")), ("this_year", self.tr("Năm nay")),
                                   ("last_year", self.tr("Năm trước")), ("range", self.tr("Khoảng ngày"))])
        for name, combo in self.codes.items():
            refill(combo, [(None, self.tr("Tất cả")), *codes[name]])

