"""One record list page: the filter bar, the count of what is shown, the table (a
`RecordTableModel` that loads rows in batches), and the actions on records: new, open, delete
(after a confirmation, undoable with Ctrl+Z through the window's undo stack)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.listing import ListQuery
from desktop.services.stats import format_number
from desktop.ui import settings
from desktop.ui.context import AppContext
from desktop.ui.pages.filter_bar import FilterBar
from desktop.ui.record_table import RecordTableModel
from desktop.ui.retranslate import Retranslating


def _refusals() -> tuple[type[Exception], ...]:
    from desktop.services.approvals import RecordLocked
    from desktop.services.permissions import PermissionDenied

    return (RecordLocked, PermissionDenied)


REFUSALS = _refusals()  # what a delete or restore may be refused with, plainly


def show_refusal(parent: QWidget | None, problem: Exception) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("RecordListPage", "Không thực hiện được"),
                      str(problem), QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


MAX_COLUMN_WIDTH = 260  # pixels, for the first layout of a list (the user may widen it)


class DeleteRecord(QUndoCommand):
    """A deletion already done (by `RecordListPage.delete_selected`, which could still refuse
    it); undo restores the record, redo deletes it again. Both go through the editing service,
    which checks the actor's permission and the approvals, bumps the revision and audits."""

    def __init__(self, context: AppContext, kind: str, record_id: int, ref: str, reason: str) -> None:
        super().__init__(QCoreApplication.translate("RecordListPage", "xóa %1").replace("%1", ref))
        self.reason = reason
        self.context = context
        self.kind = kind
        self.record_id = record_id
        self._done = True  # the first redo(), which push() calls, has nothing left to do

    def redo(self) -> None:
        from desktop.services.editing import delete_record

        if self._done:
            self._done = False
        else:
            self._apply(delete_record, reason=self.reason)
        self.context.records_changed.emit(self.kind)

    def undo(self) -> None:
        from desktop.services.editing import restore_record

        self._apply(restore_record)
        self.context.records_changed.emit(self.kind)

    def _apply(self, action: Any, **extra: Any) -> None:
        """An undo or redo refused meanwhile (the period was approved since): said plainly;
        the command stays on the stack, so nothing the user did is forgotten."""
        try:
            action(self.context.database, self.kind, self.record_id, self.context.username,
                   actor=self.context.actor, **extra)
        except REFUSALS as problem:
            show_refusal(None, problem)


class RecordListPage(Retranslating, QWidget):
    """The list of one record kind."""

    status_message = Signal(str)  # for the window's status bar
    count_changed = Signal(int)

    def __init__(self, context: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.filters = FilterBar(context, kind)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.delete_button = QPushButton()
        # Decisions only: their certificates of merit (the print dialog).
        self.print_button = QPushButton() if kind == "commendations" else None
        self.model = RecordTableModel(context.database, self._query(), context.lang, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self._restore_columns()

        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.new_button)
        actions.addWidget(self.open_button)
        actions.addWidget(self.delete_button)
        if self.print_button is not None:
            actions.addWidget(self.print_button)
            self.print_button.clicked.connect(self.print_certificates)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

        self.table.installEventFilter(self)  # Delete key on the table
        self.new_button.clicked.connect(self.new_record)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(self._open_index)  # double-click or Enter
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.filters.changed.connect(self.apply_filters)
        context.records_changed.connect(self._records_changed)
        context.language_changed.connect(self.model.set_language)
        self.model.total_changed.connect(self._show_count)
        self.retranslate_ui()
        self._show_count()
        self._selection_changed()

    # -- the list -------------------------------------------------------------------------------

    def _query(self) -> ListQuery:
        current = getattr(self, "model", None)
        sort, descending = (current.query.sort, current.query.descending) if current else (None, True)
        return ListQuery(kind=self.kind, sort=sort, descending=descending, **self.filters.values())

    def apply_filters(self) -> None:
        self.model.set_query(self._query())
        self._show_count()

    def refresh(self) -> None:
        self.model.set_query(self.model.query)
        self._show_count()

    def _records_changed(self, kind: str) -> None:
        if kind == self.kind or (kind == "commendations" and self.kind == "recipients"):
            self.refresh()

    def _show_count(self) -> None:
        """The count of the list; for a search or filter on a big list the rows come first and
        the exact count a moment later, from the background."""
        total = format_number(self.model.total(), self.context.lang)
        if self.model.total_known():
            self.count_label.setText(self.tr("Hiển thị %1 bản ghi").replace("%1", total))
            self.count_changed.emit(self.model.total())
        else:
            self.count_label.setText(self.tr("Hiển thị ít nhất %1 bản ghi, đang đếm…").replace("%1", total))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_id(rows[0].row()) if rows else None

    def _selected_ref(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.data(rows[0].siblingAtColumn(0))) if rows else ""

    def _selection_changed(self) -> None:
        from desktop.services.permissions import Permission

        may = self.context.may
        union = may(Permission.ENTER_UNION_RECORDS)  # a union clerk: the services narrow it to their own
        chosen = self.selected_id() is not None
        self.new_button.setEnabled(may(Permission.ENTER_RECORDS) or union)
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and (may(Permission.DELETE_RECORDS) or union))
        if self.print_button is not None:
            self.print_button.setEnabled(chosen and (may(Permission.ENTER_RECORDS) or union))

    # -- actions --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def new_record(self) -> QWidget:
        from desktop.ui.forms import open_record_form

        return open_record_form(self, self.context, self.kind)

    def open_selected(self) -> QWidget | None:
        record_id = self.selected_id()
        if record_id is None:
            return None
        from desktop.ui.forms import open_record_form

        return open_record_form(self, self.context, self.kind, record_id)

    def print_certificates(self) -> QWidget | None:
        """The selected decision's certificates: preview, print, save as PDF."""
        record_id = self.selected_id()
        if record_id is None:
            return None
        from desktop.services.editing import form_values
        from desktop.ui.certificate_dialog import CertificateDialog

        with self.context.database.sessions() as session:
            number = form_values(session, "commendations", record_id)["number"]
        dialog = CertificateDialog(self.context, number, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.open_selected()

    def confirm_delete(self, ref: str) -> str | None:
        """Asks before deleting, with the reason the audit trail keeps; None: not deleted
        (tests replace this method)."""
        from PySide6.QtWidgets import QInputDialog

        reason, ok = QInputDialog.getText(
            self, self.tr("Xóa bản ghi"),
            self.tr("Xóa %1? Có thể hoàn tác bằng Ctrl+Z.\nLý do xóa (bắt buộc, ghi vào nhật ký):").replace("%1", ref))
        return reason.strip() if ok and reason.strip() else None

    def delete_selected(self) -> bool:
        record_id = self.selected_id()
        if record_id is None:
            return False
        ref = self._selected_ref()
        reason = self.confirm_delete(ref)
        if not reason:
            return False
        from desktop.services.editing import delete_record

        try:
            delete_record(self.context.database, self.kind, record_id, self.context.username,
                          actor=self.context.actor, reason=reason)
        except REFUSALS as problem:
            show_refusal(self, problem)
            return False
        self.context.undo_stack.push(DeleteRecord(self.context, self.kind, record_id, ref, reason))
        self.status_message.emit(self.tr("Đã xóa %1. Nhấn Ctrl+Z để hoàn tác.").replace("%1", ref))
        return True

    # -- column layout ----------------------------------------------------------------------------

    def _restore_columns(self) -> None:
        state = settings.read_state(f"columns/{self.kind}")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        else:  # first time: fit the first rows, but no column wider than a third of a laptop screen
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for column in range(header.count()):
                header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))

    def save_columns(self) -> None:
        settings.write_state(f"columns/{self.kind}", self.table.horizontalHeader().saveState())

    # -- words ----------------------------------------------------------------------------------


    def retranslate_ui(self) -> None:
        self.new_button.setText(self.tr("Thêm mới"))
        self.new_button.setToolTip(self.tr("Thêm bản ghi mới (Ctrl+N)"))
        self.open_button.setText(self.tr("Mở"))
        if self.print_button is not None:
            self.print_button.setText(self.tr("In giấy khen…"))
        self.open_button.setToolTip(self.tr("Mở bản ghi đang chọn (Enter)"))
        self.delete_button.setText(self.tr("Xóa"))
        self.delete_button.setToolTip(self.tr("Xóa bản ghi đang chọn (Delete)"))
        self._show_count()
