"""The Overview page: for a unit (the installation's own unit and everything under it, or one
of the units directly under it) and a period (this year, last year, the last five years or a
range of dates), the headline figures of `antq stats` as figure cards and the eight charts of
`desktop.services.charts` in two columns below them.

The cards and the charts are read in one background job (`figures.overview`, on two connections
at once), first when the page is shown, so that opening the window on a million records is not
held up by it, and again after a filter change, after records change (only once the page is
visible) or on `refresh()`. Each part of the figures is handed over as soon as it is ready: its
cards are filled and its charts drawn while the other queries still run, so the page fills in
piece by piece instead of all at once at the end. One job runs at a time: a request made while
one runs waits for it, and the older job's parts and result are then dropped, so the page never
shows figures of filters that are no longer chosen. The charts are drawn on the main thread, each
when it comes into view (`ChartView`); a language change redraws them and re-formats the cards
without reading anything again.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtGui import QFont, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import language
from desktop.services.charts import CHARTS, chart_names
from desktop.services.figures import HEADLINE, Filters, Overview, headline, overview
from desktop.services.progress import Progress
from desktop.services.stats import StatsError, format_date, format_number
from desktop.ui.chart_view import ChartView
from desktop.ui.context import AppContext
from desktop.ui.figure_card import FigureCard
from desktop.ui.heap import freeze_long_lived, pause_collections, resume_collections
from desktop.ui.latest_only import LatestOnly
from desktop.ui.pages.filter_bar import refill
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, error_text, is_environment_error, show_error

# (section, [(section, key in compute_stats' answer), …]) in the order of the cards: each section
# is a part of an Overview, its cards the figures `figures.headline` gives of it
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = tuple(
    (section, tuple((section, key) for key, _attribute in figures)) for section, figures in HEADLINE.items())
COLUMNS = 3
CHART_COLUMNS = 2
PERIODS = ("this_year", "last_year", "five_years", "range")  # "range" shows two date fields
CARD_STYLE = """
QFrame#figureCard { background: palette(base); border: 1px solid #c9d3df; border-radius: 6px; }
QLabel#figureNumber { color: #0b3d91; }
QLabel#figureText { color: palette(text); }
"""


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


class _PartRelay(QObject):
    """Hands the parts of the figures from the worker thread over to the page (a queued signal)."""

    arrived = Signal(int, str, object)  # request number, part, figures


class OverviewPage(Retranslating, QWidget):
    """`figures_ready(figures)` is emitted once the cards' figures of a refresh are on the page
    (the headline of `compute_stats`: its "unit", "unit_name" and each card's figure under its
    section), `charts_ready(overview)` once every figure is (the charts draw as they come into
    view)."""

    figures_ready = Signal(dict)
    charts_ready = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.figures: dict[str, Any] | None = None
        self.last_overview: Overview | None = None
        self._request = 0  # the number of the newest read asked for; parts of older ones are dropped
        self._requested_filters: Filters | None = None
        self._parts: dict[str, Any] = {}  # the parts of the newest read that have arrived
        self._stale = True  # records or filters changed (or never read) since the figures were read
        self._failure: str | None = None
        self._shown_error: str | None = None
        self._units: list[tuple[str, str]] = []  # (code, name) of the units directly under the own unit
        self._job = LatestOnly(self, self._show_overview, self._failed)
        self._relay = _PartRelay(self)
        self._relay.arrived.connect(self._part_arrived)
        self.heading = _bold(QLabel(self), 1.6)
        self.period = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        # the filters
        self.unit_label = QLabel(self)
        self.unit = QComboBox(self)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period_label = QLabel(self)
        self.period_choice = QComboBox(self)
        today = dt.date.today()
        self.date_from = _date_edit(dt.date(today.year, 1, 1))
        self.date_to = _date_edit(today)
        # only for a period that ends before the reform of 1 July 2025, when it makes a difference
        self.units_choice = QComboBox(self)
        self.units_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.report_button = QPushButton(self)
        self.report_button.setAutoDefault(False)
        self.report_button.clicked.connect(self.open_report_dialog)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for widget in (self.unit_label, self.unit, self.period_label, self.period_choice, self.date_from,
                       self.date_to, self.units_choice):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.report_button)

        # the cards (or the empty state) …
        self.cards: dict[tuple[str, str], FigureCard] = {}
        self.section_labels: dict[str, QLabel] = {}
        grid_widget = QWidget(self)
        grid_widget.setStyleSheet(CARD_STYLE)
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        for section, keys in SECTIONS:
            self.section_labels[section] = _bold(QLabel(grid_widget))
            for key in keys:
                self.cards[key] = FigureCard(grid_widget)
        self.card_grid = grid
        self._two_up: bool | None = None
        self.empty_title = _bold(QLabel(self), 1.6)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = QLabel(self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setMaximumWidth(640)
        empty = QWidget(self)
        empty_layout = QVBoxLayout(empty)
        empty_layout.setContentsMargins(0, 32, 0, 32)
        empty_layout.addWidget(self.empty_title)
        hint_row = QHBoxLayout()  # a centred column of text (an alignment flag would break its word wrap)
        hint_row.addStretch(1)
        hint_row.addWidget(self.empty_hint, 4)
        hint_row.addStretch(1)
        empty_layout.addLayout(hint_row)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(grid_widget)
        self.stack.addWidget(empty)
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        # … and the charts below them
        self.charts_title = _bold(QLabel(self))
        self.charts_hint = QLabel(self)
        self.charts_hint.setStyleSheet("color: #5f6b7a;")
        self.chart_views: dict[str, ChartView] = {}
        charts = QGridLayout()
        charts.setHorizontalSpacing(12)
        charts.setVerticalSpacing(12)
        for index, name in enumerate(chart_names()):
            view = ChartView(name, self)
            self.chart_views[name] = view
            charts.addWidget(view, index // CHART_COLUMNS, index % CHART_COLUMNS, Qt.AlignmentFlag.AlignTop)
        for column in range(CHART_COLUMNS):
            charts.setColumnStretch(column, 1)

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 12, 0)
        content_layout.addWidget(self.stack)
        content_layout.addSpacing(16)
        content_layout.addWidget(self.charts_title)
        content_layout.addWidget(self.charts_hint)
        content_layout.addLayout(charts)
        content_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # always there: a scroll bar coming and going would change the charts' width, hence their
        # height, hence whether the scroll bar is needed
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(content)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.period)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addWidget(scroll, 1)
        self._arrange_cards()
        self.retranslate_ui()
        self._show_period_fields()
        self.unit.currentIndexChanged.connect(self._filters_changed)
        self.period_choice.currentIndexChanged.connect(self._period_chosen)
        self.date_from.dateChanged.connect(self._filters_changed)
        self.date_to.dateChanged.connect(self._period_chosen)
        self.units_choice.currentIndexChanged.connect(self._filters_changed)
        context.records_changed.connect(self._records_changed)
        freeze_long_lived()  # the libraries the charts need are loaded now: see desktop.ui.heap

    # -- what is counted ------------------------------------------------------------------------

    def period_dates(self, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
        """The chosen period (both dates inclusive): this year from 1 January to today, last
        year, the last five years (this one included) to today, or the dates typed."""
        today = today or dt.date.today()
        match self.period_choice.currentData():
            case "last_year":
                return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
            case "five_years":
                return dt.date(today.year - 4, 1, 1), today
            case "range":
                return self.date_from.date().toPython(), self.date_to.date().toPython()  # type: ignore[return-value]
        return dt.date(today.year, 1, 1), today

    def unit_code(self) -> str | None:
        """The chosen unit's code (None: the whole database, for an installation without a unit)."""
        return self.unit.currentData()

    def current_filters(self) -> Filters:
        """The filters chosen. The units offered are of the own unit's list (today's), so a code is
        read there whatever the period; a period before the reform is told by the units of the
        time or rolled up into today's, as chosen."""
        date_from, date_to = self.period_dates()
        own = self.context.own_unit
        return Filters(self.unit_code(), date_from, date_to, units=self.units_choice.currentData() or "then",
                       unit_scheme=own.scheme if own is not None else None)

    def open_report_dialog(self) -> None:
        """The review report of the filters on the page (the dialog lets them be changed)."""
        from desktop.ui.report_dialog import ReportDialog

        dialog = ReportDialog(self.context, self.current_filters(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def set_period(self, key: str, date_from: dt.date | None = None, date_to: dt.date | None = None) -> None:
        """Chooses a period of PERIODS (and its dates for "range"), as a user would."""
        if date_from is not None and date_to is not None:
            self.date_from.setDate(QDate(date_from.year, date_from.month, date_from.day))
            self.date_to.setDate(QDate(date_to.year, date_to.month, date_to.day))
        self.period_choice.setCurrentIndex(self.period_choice.findData(key))

    def is_empty(self) -> bool:
        return self.figures is not None and not any(self.value(key) for key in self.cards)

    def value(self, key: tuple[str, str]) -> int:
        assert self.figures is not None
        return int(self.figures[key[0]][key[1]])

    @property
    def task(self) -> TaskHandle[Overview] | None:
        """The last background read of the figures."""
        return self._job.task

    @property
    def computing(self) -> bool:
        return self._job.busy

    # -- reading the figures --------------------------------------------------------------------

    def refresh(self) -> None:
        """Reads the figures of the chosen filters again in the background."""
        self._stale = False
        self._request += 1
        self._parts = {}
        request, relay = self._request, self._relay
        database, filters, lang = self.context.database, self.current_filters(), language()
        self._requested_filters = filters

        def hand_over(field: str, figures: Any) -> None:
            try:
                relay.arrived.emit(request, field, figures)
            except RuntimeError:  # the page was closed meanwhile
                pass

        def job(progress: Progress) -> Overview:
            return overview(database.sessions, filters, lang, on_part=hand_over)  # on two connections at once

        pause_collections()  # until the answer is in: see desktop.ui.heap
        self._job.request(job)
        self._render()

    def _filters_changed(self) -> None:
        self._stale = True
        self._render()
        if self.isVisible():
            self.refresh()

    def _period_chosen(self) -> None:
        self._show_period_fields()
        self._filters_changed()

    def _show_period_fields(self) -> None:
        custom = self.period_choice.currentData() == "range"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.units_choice.setVisible(self.current_filters().before_reform)

    def _records_changed(self, kind: str) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        resume_collections()  # what is still being read is no longer waited for on screen

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_cards()

    def _arrange_cards(self) -> None:
        """Two sections side by side (each a title over a row of up to COLUMNS cards) when the
        widest number fits, so that the first row of charts is in view on an ordinary screen;
        one under the other otherwise."""
        grid = self.card_grid
        widest = max(card.minimumSizeHint().width() for card in self.cards.values())
        room = self.scroll.viewport().width() - 24
        two_up = room >= 2 * COLUMNS * widest + 2 * COLUMNS * grid.horizontalSpacing()
        if two_up == self._two_up:
            return
        self._two_up = two_up
        for index, (section, keys) in enumerate(SECTIONS):
            row, first = (2 * (index // 2), (index % 2) * (COLUMNS + 1)) if two_up else (2 * index, 0)
            grid.removeWidget(self.section_labels[section])
            grid.addWidget(self.section_labels[section], row, first, 1, COLUMNS)
            for column, key in enumerate(keys):
                grid.removeWidget(self.cards[key])
                grid.addWidget(self.cards[key], row + 1, first + column)
        for column in range(2 * COLUMNS + 1):
            grid.setColumnStretch(column, 1 if column < COLUMNS or (two_up and column > COLUMNS) else 0)
        grid.setColumnMinimumWidth(COLUMNS, 12 if two_up else 0)

    def _part_arrived(self, request: int, field: str, figures: Any) -> None:
        """One part of the newest read: its charts and its cards are shown at once."""
        if request != self._request:  # a part of filters no longer chosen
            return
        self._parts[field] = figures
        lang = language()
        for name, view in self.chart_views.items():
            if CHARTS[name].overview_field == field:
                view.show_chart(figures, lang, filters=self._requested_filters, unit=self._parts.get("unit"))
        if field not in HEADLINE:
            return
        complete = all(section in self._parts for section in HEADLINE)
        if complete:
            unit = self._parts.get("unit")
            self.figures = {"unit": unit.code if unit else None, "unit_name": unit.name if unit else None,
                            **{section: headline(section, self._parts[section]) for section in HEADLINE}}
            self._failure = None
        self._render()
        if complete:
            self.figures_ready.emit(self.figures)

    def _show_overview(self, result: Overview) -> None:
        if result.filters != self._requested_filters:  # answered after newer filters were chosen
            resume_collections()
            return
        self.last_overview = result
        self._failure = None
        own = self.context.own_unit
        if own is not None and result.unit is not None and result.unit.id == own.id and not self._units \
                and not result.filters.by_old_units:
            self._units = [(row.code, row.name) for row in result.units.units]
            self._fill_units()
        self._render()
        resume_collections()
        self.charts_ready.emit(result)

    def _failed(self, exc: BaseException) -> None:
        resume_collections()
        if isinstance(exc, StatsError):  # a period the wrong way round, a unit unknown then
            self._failure = exc.message(language())
        else:
            self._failure = error_text(exc)
            # both jobs usually fail alike: one report is enough
            if not is_environment_error(exc) and self._shown_error != repr(exc):
                self._shown_error = repr(exc)
                show_error(self, exc)
        self._render()

    def _draw_charts(self) -> None:
        lang = language()
        for name, view in self.chart_views.items():
            figures = self._parts.get(CHARTS[name].overview_field)
            if figures is None:
                view.show_message(self.tr("Đang tính…"))
            else:
                view.show_chart(figures, lang, filters=self._requested_filters, unit=self._parts.get("unit"))

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
        self.unit_label.setText(self.tr("Đơn vị:"))
        self.period_label.setText(self.tr("Thời gian:"))
        self._fill_units()
        refill(self.period_choice, [
            ("this_year", self.tr("Năm nay")), ("last_year", self.tr("Năm trước")),
            ("five_years", self.tr("5 năm gần đây")), ("range", self.tr("Khoảng ngày"))])
        refill(self.units_choice, [("then", self.tr("Theo đơn vị hành chính thời điểm đó")),
                                   ("now", self.tr("Quy về đơn vị hành chính hiện nay"))])
        self.units_choice.setToolTip(self.tr(
            "Kỳ kết thúc trước ngày 01/07/2025: số liệu theo các đơn vị hành chính trước sắp xếp, "
            "hoặc cộng dồn vào đơn vị hành chính hiện nay theo danh mục chuyển đổi chính thức."))
        self.report_button.setText(self.tr("Lập báo cáo…"))
        self.report_button.setToolTip(self.tr("Báo cáo sơ kết (PDF có biểu đồ, hoặc bảng tính Excel) "
                                              "của đơn vị và thời gian đang chọn"))
        self.charts_title.setText(self.tr("Biểu đồ"))
        self.charts_hint.setText(self.tr("Nhấn chuột phải vào một biểu đồ để lưu thành ảnh PNG, SVG hoặc PDF."))
        for view in self.chart_views.values():
            view.retranslate_ui()
        self._draw_charts()
        self._render()

    def _fill_units(self) -> None:
        own = self.context.own_unit
        if own is None:
            items: list[tuple[str | None, str]] = [(None, self.tr("Toàn bộ cơ sở dữ liệu"))]
        else:
            items = [(own.code, self.tr("%1 và các đơn vị trực thuộc").replace("%1", own.name)), *self._units]
        refill(self.unit, items)


    def _unit_name(self) -> str:
        code, own = self.unit_code(), self.context.own_unit
        if own is None or code is None:
            return self.tr("Toàn bộ cơ sở dữ liệu")
        return dict(self._units).get(code, own.name)

    def _render(self) -> None:
        lang = language()
        date_from, date_to = self.period_dates()
        where, key = self._unit_name(), self.period_choice.currentData()
        if key in ("this_year", "last_year"):
            heading = self.tr("Năm %1 — %2").replace("%2", where).replace("%1", str(date_from.year))
        elif key == "five_years":
            heading = self.tr("Giai đoạn %1–%2 — %3").replace("%3", where).replace(
                "%1", str(date_from.year)).replace("%2", str(date_to.year))
        else:
            heading = where
        self.heading.setText(heading)
        self.period.setText(self.tr("Từ %1 đến %2, gồm cả các đơn vị trực thuộc và đơn vị cũ đã sáp nhập")
                            .replace("%1", format_date(date_from, lang)).replace("%2", format_date(date_to, lang)))
        if self._failure is not None:
            self.status.setText(self.tr("Không tính được số liệu: %1").replace("%1", self._failure))
        elif self.computing or self.figures is None:
            self.status.setText(self.tr("Đang tính số liệu…"))
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))
        if key == "this_year":
            self.empty_title.setText(self.tr("Chưa có số liệu năm nay"))
            self.empty_hint.setText(self.tr(
                "Số liệu hiện ra ở đây khi có buổi tuyên truyền, mô hình, nguồn tin, vụ việc hay quyết định khen "
                "thưởng trong năm. Để dùng thử với dữ liệu mẫu, chọn Trợ giúp → Mở dữ liệu mẫu."))
        else:
            self.empty_title.setText(self.tr("Chưa có số liệu trong thời gian này"))
            self.empty_hint.setText(self.tr(
                "Số liệu hiện ra ở đây khi có buổi tuyên truyền, mô hình, nguồn tin, vụ việc hay quyết định khen "
                "thưởng trong thời gian đã chọn. Để dùng thử với dữ liệu mẫu, chọn Trợ giúp → Mở dữ liệu mẫu."))
        for (section, name), card in self.cards.items():
            part = self._parts.get(section)
            card.number.setText("…" if part is None else format_number(headline(section, part)[name], lang))
        if self.figures is None:
            return
        self._arrange_cards()
        self.stack.setCurrentIndex(1 if self.is_empty() else 0)

    def figure_text(self, section: str, name: str) -> str:
        """The number shown on a card (for tests and screenshots)."""
        return self.cards[(section, name)].number.text()
