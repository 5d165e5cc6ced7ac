"""The Approvals page, for commanders: approve a unit's month or quarter (the own unit or one
under it), after a confirmation; the approvals made, standing or un-approved; "Bỏ duyệt…" with
a reason. While an approval stands, the records it covers cannot be changed
(desktop.services.approvals)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.engine import transaction
from desktop.services import approvals
from desktop.services.approvals import ApprovalError, ApprovalInfo, Period
from desktop.services.permissions import Actor, Permission, PermissionDenied
from desktop.services.stats import format_date
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating

ERROR_STYLE = "color: #a4161a; font-weight: bold;"
OK_STYLE = "color: #1b5e20; font-weight: bold;"
FIRST_YEAR = 2015


def _local(moment: dt.datetime | None) -> str:
    """A stored (naive UTC) time as local dd/mm/yyyy HH:MM."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def _previous_month(today: dt.date) -> tuple[int, int]:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


class ApprovalsPage(Retranslating, QWidget):
    COLUMNS = 7

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        actor: Actor = context.actor  # type: ignore[attr-defined]
        self.actor = actor
        self.rows: list[ApprovalInfo] = []

        self.unit = QComboBox()
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind = QComboBox()
        self.kind.addItem("", "month")
        self.kind.addItem("", "quarter")
        self.year = QSpinBox()
        today = dt.date.today()
        self.year.setRange(FIRST_YEAR, today.year)
        self.number = QComboBox()
        self.dates = QLabel()
        self.approve_button = QPushButton()
        self.approve_button.clicked.connect(self.approve)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.unit_label, self.kind_label, self.year_label, self.number_label = QLabel(), QLabel(), QLabel(), QLabel()
        for label, widget in ((self.unit_label, self.unit), (self.kind_label, self.kind),
                              (self.year_label, self.year), (self.number_label, self.number)):
            label.setBuddy(widget)
        self.new_box = QGroupBox()
        form = QFormLayout(self.new_box)
        form.addRow(self.unit_label, self.unit)
        period = QHBoxLayout()
        period.addWidget(self.kind)
        period.addWidget(self.number)
        period.addWidget(self.year_label)
        period.addWidget(self.year)
        period.addWidget(self.dates, 1)
        form.addRow(self.kind_label, period)
        approve_row = QHBoxLayout()
        approve_row.addWidget(self.approve_button)
        approve_row.addStretch(1)
        form.addRow("", approve_row)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.unapprove_button = QPushButton()
        self.unapprove_button.clicked.connect(self.unapprove_selected)
        self.list_box = QGroupBox()
        listing = QVBoxLayout(self.list_box)
        listing.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unapprove_button)
        listing.addLayout(buttons)
        self.note = QLabel()
        self.note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.note)
        layout.addWidget(self.new_box)
        layout.addWidget(self.message)
        layout.addWidget(self.list_box, 1)

        with context.database.sessions() as session:
            for unit_id, label in approvals.approvable_units(session, actor):
                self.unit.addItem(label, unit_id)
        year, month = _previous_month(today)
        self.year.setValue(year)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.number.currentIndexChanged.connect(self._show_dates)
        self.year.valueChanged.connect(self._show_dates)
        self.retranslate_ui()
        self.number.setCurrentIndex(month - 1)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # approvals made elsewhere (another window, the command line)

    # -- the period chosen --------------------------------------------------------------------

    def _fill_numbers(self) -> None:
        chosen = self.number.currentIndex()
        self.number.blockSignals(True)
        self.number.clear()
        if self.kind.currentData() == "quarter":
            for quarter in range(1, 5):
                self.number.addItem(self.tr("Quý %1").replace("%1", str(quarter)), quarter)
        else:
            for month in range(1, 13):
                self.number.addItem(self.tr("Tháng %1").replace("%1", str(month)), month)
        self.number.setCurrentIndex(min(max(chosen, 0), self.number.count() - 1))
        self.number.blockSignals(False)

    def _kind_changed(self) -> None:
        month = self.number.currentIndex() + 1
        self._fill_numbers()
        if self.kind.currentData() == "quarter":
            self.number.setCurrentIndex((min(month, 12) - 1) // 3)
        self._show_dates()

    def selected_period(self) -> Period:
        number = int(self.number.currentData() or 1)
        if self.kind.currentData() == "quarter":
            return Period.quarter(self.year.value(), number)
        return Period.month(self.year.value(), number)

    def _show_dates(self) -> None:
        period = self.selected_period()
        self.dates.setText(f"{format_date(period.starts_on, 'vi')} – {format_date(period.ends_on, 'vi')}")

    # -- approving ----------------------------------------------------------------------------

    def confirm_approve(self, unit: str, period: str) -> bool:
        """Asks before approving (a method, so tests can answer it)."""
        answer = QMessageBox.question(
            self, self.tr("Duyệt kỳ"),
            self.tr("Duyệt kỳ %1 của %2?\n\nSau khi duyệt, các bản ghi của kỳ này bị khóa: không ai sửa, "
                    "xóa hay khôi phục được cho đến khi bỏ duyệt.").replace("%1", period).replace("%2", unit))
        return answer == QMessageBox.StandardButton.Yes

    def approve(self) -> None:
        unit_id = self.unit.currentData()
        if unit_id is None:
            return
        period = self.selected_period()
        if not self.confirm_approve(self.unit.currentText(), period.label()):
            return
        try:
            with transaction(self.context.database.sessions) as session:
                info = approvals.approve(session, self.actor, unit_id, period.starts_on, period.ends_on)
        except (ApprovalError, PermissionDenied) as refused:
            self.show_message(str(refused), error=True)
            return
        self.show_message(self.tr("Đã duyệt kỳ %1 của %2.").replace("%1", info.period.label())
                          .replace("%2", info.unit_name))
        self.refresh()

    # -- un-approving -------------------------------------------------------------------------

    def selected_approval(self) -> ApprovalInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def ask_reason(self, approval: ApprovalInfo) -> str | None:
        """Asks why an approval is withdrawn (a method, so tests can answer it); None: cancelled."""
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Bỏ duyệt"),
            self.tr("Lý do bỏ duyệt kỳ %1 của %2 (bắt buộc):").replace("%1", approval.period.label())
            .replace("%2", approval.unit_name))
        return text if ok else None

    def unapprove_selected(self) -> None:
        approval = self.selected_approval()
        if approval is None or not approval.standing:
            return
        reason = self.ask_reason(approval)
        if reason is None:
            return
        try:
            with transaction(self.context.database.sessions) as session:
                approvals.unapprove(session, self.actor, approval.id, reason)
        except (ApprovalError, PermissionDenied) as refused:
            self.show_message(str(refused), error=True)
            return
        self.show_message(self.tr("Đã bỏ duyệt kỳ %1 của %2.").replace("%1", approval.period.label())
                          .replace("%2", approval.unit_name))
        self.refresh()

    # -- the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        scope = self.unit.itemData(0) if self.unit.count() else None
        chosen = self.selected_approval()
        with self.context.database.sessions() as session:
            self.rows = approvals.list_approvals(session, scope) if scope is not None else []
        self.table.setRowCount(len(self.rows))
        for row, info in enumerate(self.rows):
            for column, text in enumerate(self._cells(info)):
                item = QTableWidgetItem(text)
                if not info.standing:
                    item.setForeground(Qt.GlobalColor.darkGray)
                if column == self.COLUMNS - 1 and info.revoke_reason:
                    item.setToolTip(info.revoke_reason)
                self.table.setItem(row, column, item)
            if chosen is not None and info.id == chosen.id:
                self.table.selectRow(row)
        self._update_buttons()

    def _cells(self, info: ApprovalInfo) -> list[str]:
        if info.standing:
            state = self.tr("Đang có hiệu lực")
        else:
            state = (self.tr("Đã bỏ duyệt %1 (%2): %3").replace("%1", _local(info.revoked_at))
                     .replace("%2", info.revoked_by or "").replace("%3", info.revoke_reason or ""))
        return [f"{info.unit_code} {info.unit_name}", info.period.label(), format_date(info.starts_on, "vi"),
                format_date(info.ends_on, "vi"), info.approved_by, _local(info.approved_at), state]

    def _update_buttons(self) -> None:
        may = self.actor.may(Permission.APPROVE)
        selected = self.selected_approval()
        self.approve_button.setEnabled(may and self.unit.count() > 0)
        self.unapprove_button.setEnabled(may and selected is not None and selected.standing)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- words --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.note.setText(self.tr(
            "Chỉ huy duyệt số liệu của đơn vị theo tháng hoặc quý. Khi kỳ đã được duyệt, các bản ghi "
            "trong kỳ (của đơn vị và các đơn vị trực thuộc) bị khóa cho đến khi bỏ duyệt."))
        if not self.actor.may(Permission.APPROVE):
            self.note.setText(self.note.text() + " " + self.tr("Tài khoản này chỉ xem được, không duyệt được."))
        self.new_box.setTitle(self.tr("Duyệt kỳ mới"))
        self.unit_label.setText(self.tr("Đơn &vị:"))
        self.kind_label.setText(self.tr("&Kỳ:"))
        self.year_label.setText(self.tr("&năm"))
        self.kind.setItemText(0, self.tr("Tháng"))
        self.kind.setItemText(1, self.tr("Quý"))
        self._fill_numbers()
        self._show_dates()
        self.approve_button.setText(self.tr("&Duyệt"))
        self.list_box.setTitle(self.tr("Các kỳ đã duyệt"))
        self.unapprove_button.setText(self.tr("&Bỏ duyệt…"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Đơn vị"), self.tr("Kỳ"), self.tr("Từ ngày"), self.tr("Đến ngày"), self.tr("Người duyệt"),
            self.tr("Lúc duyệt"), self.tr("Trạng thái")])
        if self.rows:
            self.refresh()
