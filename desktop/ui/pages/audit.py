"""The audit trail viewer: every change, newest first, filterable by user, action, record kind,
a range of dates and text in the values; each entry with its time, user, action, record, reason
and the old → new values in short (the whole list in the tooltip). "Kiểm tra chuỗi" recomputes
the hash chain (desktop.services.checks) and says whether it holds.

The table model holds entry ids only, reads them page by page (keyset) as the view scrolls and the
shown values of a block of rows when first painted, each in a short session of its own
(desktop.services.audit_view), as desktop.ui.record_table does for records.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.models.admin import AUDIT_ACTIONS
from desktop.i18n import language
from desktop.services import audit_view
from desktop.services.audit_view import AuditQuery, AuditRow
from desktop.services.installation import Database
from desktop.services.permissions import Actor
from desktop.services.record_specs import SPECS
from desktop.services.records import RECORD_CLASSES
from desktop.services.stats import format_number
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating

PAGE = 500  # entry ids read at once
BLOCK = 100  # rows whose values are read at once
CACHED_BLOCKS = 50
TEXT_DELAY_MS = 300  # typing pauses this long before the trail is searched
AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("at", "user", "action", "kind", "record", "reason", "changes")
OK_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: #a4161a; font-weight: bold;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditPage", text)


def action_label(code: str) -> str:
    labels = {
        "create": _tr("Tạo mới"), "update": _tr("Sửa"), "delete": _tr("Xóa"), "restore": _tr("Khôi phục"),
        "import": _tr("Nhập từ tệp"), "demo": _tr("Dữ liệu mẫu"), "init": _tr("Khởi tạo"),
        "approve": _tr("Duyệt kỳ"), "unapprove": _tr("Bỏ duyệt"), "reveal": _tr("Xem danh tính"),
        "seal": _tr("Niêm phong danh tính"), "sign_in": _tr("Đăng nhập"),
        "sign_in_failed": _tr("Đăng nhập sai"), "user": _tr("Tài khoản"), "password": _tr("Đổi mật khẩu"),
        "backup": _tr("Sao lưu"), "restore_backup": _tr("Khôi phục bản sao lưu"),
    }
    return labels.get(code, code)


def table_label(table: str) -> str:
    """The record kind of a table (as the lists name it), or what else the table keeps."""
    for kind, spec in SPECS.items():
        if RECORD_CLASSES[kind].__tablename__ == table:
            name = spec.en if language() == "en" else spec.vi
            return name[:1].upper() + name[1:]
    labels = {"approval": _tr("Kỳ duyệt"), "app_user": _tr("Tài khoản"),
              "informant_identity": _tr("Danh tính người cung cấp tin"), "installation_key": _tr("Khóa"),
              "user_key": _tr("Khóa"), "installation": _tr("Cài đặt")}
    return labels.get(table, table)


class AuditTableModel(QAbstractTableModel):
    """The audit entries matching a query, newest first."""

    def __init__(self, database: Database, actor: Actor, query: AuditQuery | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._query = query or AuditQuery()
        self._ids: list[int] = []
        self._more = False
        self._blocks: OrderedDict[int, dict[int, AuditRow]] = OrderedDict()
        self._load()

    @property
    def query(self) -> AuditQuery:
        return self._query

    def set_query(self, query: AuditQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._load()
        self.endResetModel()

    def reload(self) -> None:
        self.set_query(self._query)

    def entry_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, entry_id: int) -> int | None:
        try:
            return self._ids.index(entry_id)
        except ValueError:
            return None

    def has_more(self) -> bool:
        return self._more

    def retranslate(self) -> None:
        self._blocks.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def _load(self) -> None:
        self._blocks.clear()
        with self._database.sessions() as session:
            self._ids, self._more = audit_view.entry_page(session, self._actor, self._query, None, PAGE)

    # -- pages --------------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self._ids:
            return
        with self._database.sessions() as session:
            more, self._more = audit_view.entry_page(session, self._actor, self._query, self._ids[-1], PAGE)
        if more:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)  # last row inclusive
            self._ids.extend(more)
            self.endInsertRows()

    # -- the table ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return format_number(section + 1, language()) if 0 <= section < len(self._ids) else None
        headers = (_tr("Thời gian"), _tr("Người dùng"), _tr("Thao tác"), _tr("Loại"), _tr("Bản ghi"),
                   _tr("Lý do"), _tr("Thay đổi (cũ → mới)"))
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids) or index.column() >= len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "changes":
                return row.full_changes or None
            if column == "record":
                return row.record_uid
            if column == "reason":
                return row.reason
            return None
        if column == "at":
            return row.at.strftime("%d/%m/%Y %H:%M")
        if column == "user":
            return row.username
        if column == "action":
            return action_label(row.action)
        if column == "kind":
            return table_label(row.table)
        if column == "record":
            return row.ref or row.record_uid or ""
        if column == "reason":
            return row.reason or ""
        return row.short_changes

    def _row(self, row: int) -> AuditRow | None:
        block = row // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            wanted = self._ids[block * BLOCK:(block + 1) * BLOCK]
            with self._database.sessions() as session:
                rows = {r.id: r for r in audit_view.entry_rows(session, self._actor, wanted)}
            self._blocks[block] = rows
            while len(self._blocks) > CACHED_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        return rows.get(self._ids[row])


class AuditPage(Retranslating, QWidget):
    """The audit trail, for commanders and administrators (`context.actor` needs VIEW_AUDIT)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        actor: Actor = context.actor  # type: ignore[attr-defined]
        self.actor = actor
        self.user_label, self.action_label, self.kind_label, self.text_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.user = QComboBox()
        self.action = QComboBox()
        self.kind = QComboBox()
        for combo, label in ((self.user, self.user_label), (self.action, self.action_label),
                             (self.kind, self.kind_label)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.use_dates = QCheckBox()
        self.date_from = self._date_edit(dt.date.today() - dt.timedelta(days=30))
        self.date_to_label = QLabel()
        self.date_to = self._date_edit(dt.date.today())
        self.use_dates.toggled.connect(self._dates_toggled)
        self._dates_toggled(False)
        self.text = QLineEdit()
        self.text.setClearButtonEnabled(True)
        self.text_label.setBuddy(self.text)
        self._text_timer = QTimer(self, singleShot=True, interval=TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.apply_filters)
        self.text.textChanged.connect(self._text_timer.start)
        self.text.returnPressed.connect(self.apply_filters)

        self.model = AuditTableModel(context.database, actor, AuditQuery(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.count_label = QLabel()
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check_chain)
        self.check_button.setVisible(importlib.util.find_spec("desktop.services.checks") is not None)
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        filters = QHBoxLayout()
        for widget in (self.user_label, self.user, self.action_label, self.action, self.kind_label, self.kind,
                       self.use_dates, self.date_from, self.date_to_label, self.date_to, self.text_label):
            filters.addWidget(widget)
        filters.addWidget(self.text, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.chain_label, 2)
        bottom.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        context.records_changed.connect(self.refresh)
        self.retranslate_ui()
        self._resize_columns()

    @staticmethod
    def _date_edit(day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def _resize_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for column in range(len(COLUMNS) - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        if hasattr(self, "model"):
            self.apply_filters()

    # -- filters ------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """The filter lists in the current language, keeping what is chosen."""
        with self.context.database.sessions() as session:
            users, tables = audit_view.filter_values(session, self.actor)
        everything = self.tr("Tất cả")
        chosen = (self.user.currentData(), self.action.currentData(), self.kind.currentData())
        for combo, items in ((self.user, [(u, u) for u in users]),
                             (self.action, [(a, action_label(a)) for a in AUDIT_ACTIONS]),
                             (self.kind, [(tb, table_label(tb)) for tb in tables])):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value, label in items:
                combo.addItem(label, value)
            combo.blockSignals(False)
        for combo, value in zip((self.user, self.action, self.kind), chosen, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
            combo.blockSignals(False)

    def current_query(self) -> AuditQuery:
        dates = self.use_dates.isChecked()
        return AuditQuery(
            username=self.user.currentData(), action=self.action.currentData(), table=self.kind.currentData(),
            date_from=self.date_from.date().toPython() if dates else None,  # type: ignore[arg-type]
            date_to=self.date_to.date().toPython() if dates else None,  # type: ignore[arg-type]
            text=self.text.text().strip())

    def apply_filters(self) -> None:
        self._text_timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self.model.set_query(query)

    def refresh(self, *_args: object) -> None:
        """New entries (a record was saved elsewhere): the lists and the rows again."""
        self._fill_choices()
        self.model.reload()

    def _update_count(self, *_args: object) -> None:
        shown = format_number(self.model.rowCount(), language())
        if self.model.has_more():
            self.count_label.setText(self.tr("%1 mục đầu (cuộn để xem thêm)").replace("%1", shown))
        else:
            self.count_label.setText(self.tr("%1 mục").replace("%1", shown))

    # -- the hash chain -----------------------------------------------------------------------

    def check_chain(self) -> None:
        """Recomputes the chain in the background and shows whether it holds."""
        try:
            from desktop.services import checks
        except ImportError:  # pragma: no cover - the checks ship with the backups
            return
        from desktop.ui.tasks import run_in_background

        database = self.context.database
        self.check_button.setEnabled(False)
        self.chain_label.setText(self.tr("Đang kiểm tra chuỗi…"))
        self.chain_label.setStyleSheet("")
        self._check_task = run_in_background(self, self.tr("Kiểm tra chuỗi nhật ký"),
                                             lambda _progress: checks.audit_chain_check(database),
                                             self._chain_checked, on_error=self._chain_failed)

    def _chain_checked(self, result: Any) -> None:
        self.check_button.setEnabled(True)
        count = format_number(result.count, language())
        if result.ok:
            self.chain_label.setStyleSheet(OK_STYLE)
            self.chain_label.setText(self.tr("Chuỗi nhật ký toàn vẹn (%1 mục).").replace("%1", count))
            return
        self.chain_label.setStyleSheet(BROKEN_STYLE)
        self.chain_label.setText(self.tr("Chuỗi nhật ký bị phá vỡ: %1").replace("%1", "; ".join(result.problems)))
        row = self.model.row_of(result.entry_id) if result.entry_id is not None else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _chain_failed(self, error: BaseException) -> None:
        from desktop.ui.tasks import show_error

        self.check_button.setEnabled(True)
        self.chain_label.setText("")
        show_error(self, error)

    # -- words --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.user_label.setText(self.tr("&Người dùng:"))
        self.action_label.setText(self.tr("&Thao tác:"))
        self.kind_label.setText(self.tr("&Loại:"))
        self.use_dates.setText(self.tr("Từ &ngày"))
        self.date_to_label.setText(self.tr("đến"))
        self.text_label.setText(self.tr("&Tìm:"))
        self.text.setPlaceholderText(self.tr("chữ trong giá trị, lý do hoặc số hiệu bản ghi"))
        self.check_button.setText(self.tr("Kiểm tra chuỗi"))
        self.check_button.setToolTip(self.tr("Tính lại chuỗi mã băm của nhật ký để phát hiện mục bị sửa, xóa "
                                             "hoặc đổi thứ tự"))
        self._fill_choices()
        self.model.retranslate()
        self._update_count()
