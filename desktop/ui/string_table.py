"""A small read-only table of strings for the spreadsheet dialogs (desktop.ui.import_export): a
preview's rows or a report's errors, rows with an error tinted and their messages as tooltips.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

ERROR_BRUSH = QBrush(QColor("#fde2e1"))
AnyIndex = QModelIndex | QPersistentModelIndex


class StringTableModel(QAbstractTableModel):
    """A small read-only table of strings: a preview's rows or a report's errors. Rows with a
    tip (`tips[row]`, shown as their tooltip) are tinted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[list[str]] = []
        self._row_labels: list[str] = []
        self._tips: dict[int, str] = {}

    def set_content(self, headers: list[str], rows: list[list[str]], row_labels: list[str] | None = None,
                    tips: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = rows
        self._row_labels = row_labels or []
        self._tips = tips or {}
        self.endResetModel()

    def set_headers(self, headers: list[str]) -> None:
        self._headers = list(headers)
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def cell(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cells = self._rows[row]
            return cells[column] if column < len(cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get(row)
        if role == Qt.ItemDataRole.BackgroundRole and row in self._tips:
            return ERROR_BRUSH
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        if 0 <= section < len(self._row_labels):
            return self._row_labels[section]
        return str(section + 1)


def _table_view(model: StringTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view
