"""The Overview page: the headline figures of `antq stats` for the installation's own unit (and
everything under it) from 1 January of the current year to today, as a grid of figure cards.

The figures are computed in the background (`desktop.services.stats.compute_stats`), first when
the page is shown, so that opening the window on a million records is not held up by them, and
again after records change (only once the page is visible) or on `refresh()`. A language change
only re-formats the figures already read.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import language
from desktop.services.stats import compute_stats, format_date, format_number
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, error_text, is_environment_error, run_in_background, show_error

# (section, [(key in compute_stats' answer, figure), …]) in the order of the cards
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("sessions", (("sessions", "count"), ("sessions", "attendees"), ("sessions", "member_attendees"))),
    ("models", (("models", "count"), ("models", "typical"))),
    ("sources", (("sources", "count"), ("sources", "cases"), ("sources", "individuals"))),
    ("commendations", (("commendations", "decisions"), ("commendations", "collectives"),
                       ("commendations", "individuals"))),
)
COLUMNS = 3
CARD_STYLE = """
QFrame#figureCard { background: palette(base); border: 1px solid #c9d3df; border-radius: 6px; }
QLabel#figureNumber { color: #0b3d91; }
QLabel#figureText { color: palette(text); }
"""


class FigureCard(QFrame):
    """A big number over its label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.number = QLabel("—", self)
        self.number.setObjectName("figureNumber")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName("figureText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.number)
        layout.addWidget(self.text, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMinimumWidth(180)


class OverviewPage(Retranslating, QWidget):
    """`figures_ready(figures)` is emitted once the figures of a refresh are on the page."""

    figures_ready = Signal(dict)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.figures: dict[str, Any] | None = None
        self.task: TaskHandle[dict[str, Any]] | None = None
        self._stale = True  # records changed (or never read) since the figures were read
        self._again = False  # a refresh was asked for while one was running
        self._failure: str | None = None
        self.heading = QLabel(self)
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.6)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.period = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.cards: dict[tuple[str, str], FigureCard] = {}
        self.section_labels: dict[str, QLabel] = {}
        grid_widget = QWidget(self)
        grid_widget.setStyleSheet(CARD_STYLE)
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        row = 0
        for section, keys in SECTIONS:
            title = QLabel(grid_widget)
            title_font = QFont(title.font())
            title_font.setBold(True)
            title.setFont(title_font)
            self.section_labels[section] = title
            grid.addWidget(title, row, 0, 1, COLUMNS)
            row += 1
            for column, key in enumerate(keys):
                card = FigureCard(grid_widget)
                self.cards[key] = card
                grid.addWidget(card, row + column // COLUMNS, column % COLUMNS)
            row += (len(keys) + COLUMNS - 1) // COLUMNS
        grid.setRowStretch(row, 1)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        self.empty_title = QLabel(self)
        self.empty_title.setFont(heading_font)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = QLabel(self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setMaximumWidth(640)
        empty = QWidget(self)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title)
        hint_row = QHBoxLayout()  # a centred column of text (an alignment flag would break its word wrap)
        hint_row.addStretch(1)
        hint_row.addWidget(self.empty_hint, 4)
        hint_row.addStretch(1)
        empty_layout.addLayout(hint_row)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(grid_widget)
        self.stack.addWidget(empty)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.period)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addWidget(scroll, 1)
        context.records_changed.connect(self._records_changed)
        self.retranslate_ui()

    # -- what is counted ------------------------------------------------------------------------

    @staticmethod
    def period_dates(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
        """From 1 January of this year to today (both inclusive)."""
        today = today or dt.date.today()
        return dt.date(today.year, 1, 1), today

    def unit_code(self) -> str | None:
        unit = self.context.own_unit
        return unit.code if unit else None

    def is_empty(self) -> bool:
        return self.figures is not None and not any(self.value(key) for key in self.cards)

    def value(self, key: tuple[str, str]) -> int:
        assert self.figures is not None
        return int(self.figures[key[0]][key[1]])

    # -- reading the figures --------------------------------------------------------------------

    def refresh(self) -> None:
        """Reads the figures again in the background (once more after the running read, if any)."""
        if self.task is not None and not self.task.is_finished:
            self._again = True
            return
        self._stale = False
        self._again = False
        database, code, lang = self.context.database, self.unit_code(), language()
        date_from, date_to = self.period_dates()

        def job(progress: Any) -> dict[str, Any]:
            return compute_stats(database, code, date_from, date_to, lang=lang)

        self.status.setText(self.tr("Đang tính số liệu…"))
        self.task = run_in_background(self, self.tr("Đang tính số liệu…"), job, self._show_figures,
                                      on_error=self._failed, cancellable=False,
                                      show_after_ms=None)  # the page says "Đang tính…" itself

    def _records_changed(self, kind: str) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _show_figures(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        self._failure = None
        self._render()
        if self._again:
            self.refresh()
        self.figures_ready.emit(figures)

    def _failed(self, exc: BaseException) -> None:
        self._failure = error_text(exc)
        self._render()
        if not is_environment_error(exc):
            show_error(self, exc)

    # -- words ----------------------------------------------------------------------------------


    def retranslate_ui(self) -> None:
        sections = {
            "sessions": self.tr("Tuyên truyền, tập huấn"),
            "models": self.tr("Mô hình"),
            "sources": self.tr("Nguồn tin và vụ việc"),
            "commendations": self.tr("Khen thưởng"),
        }
        texts = {
            ("sessions", "count"): self.tr("Buổi tuyên truyền, tập huấn"),
            ("sessions", "attendees"): self.tr("Lượt người tham dự"),
            ("sessions", "member_attendees"): self.tr("Trong đó hội viên"),
            ("models", "count"): self.tr("Mô hình"),
            ("models", "typical"): self.tr("Mô hình điển hình"),
            ("sources", "count"): self.tr("Nguồn tin tiếp nhận"),
            ("sources", "cases"): self.tr("Vụ việc phát hiện từ nguồn tin"),
            ("sources", "individuals"): self.tr("Đối tượng trong các vụ việc"),
            ("commendations", "decisions"): self.tr("Quyết định khen thưởng"),
            ("commendations", "collectives"): self.tr("Tập thể được khen"),
            ("commendations", "individuals"): self.tr("Cá nhân được khen"),
        }
        for section, label in self.section_labels.items():
            label.setText(sections[section])
        for key, card in self.cards.items():
            card.text.setText(texts[key])
        self.empty_title.setText(self.tr("Chưa có số liệu năm nay"))
        self.empty_hint.setText(self.tr(
            "Số liệu hiện ra ở đây khi có buổi tuyên truyền, mô hình, nguồn tin, vụ việc hay quyết định khen "
            "thưởng trong năm. Để dùng thử với dữ liệu mẫu, chọn Trợ giúp → Mở dữ liệu mẫu."))
        self._render()

    def _render(self) -> None:
        lang = language()
        date_from, date_to = self.period_dates()
        unit = self.context.own_unit
        where = unit.name if unit else self.tr("Toàn bộ cơ sở dữ liệu")
        self.heading.setText(self.tr("Năm %1 — %2").replace("%2", where).replace("%1", str(date_from.year)))
        self.period.setText(self.tr("Từ %1 đến %2, gồm cả các đơn vị trực thuộc và đơn vị cũ đã sáp nhập")
                            .replace("%1", format_date(date_from, lang)).replace("%2", format_date(date_to, lang)))
        if self._failure is not None:
            self.status.setText(self.tr("Không tính được số liệu: %1").replace("%1", self._failure))
        elif self.figures is None:
            self.status.setText(self.tr("Đang tính số liệu…"))
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))
        if self.figures is None:
            return
        for key, card in self.cards.items():
            card.number.setText(format_number(self.value(key), lang))
        self.stack.setCurrentIndex(1 if self.is_empty() else 0)

    def figure_text(self, section: str, name: str) -> str:
        """The number shown on a card (for tests and screenshots)."""
        return self.cards[(section, name)].number.text()
