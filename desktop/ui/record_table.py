"""The table model of every record list: holds only row ids, loads them in batches as the view
scrolls (canFetchMore/fetchMore) and reads the shown values of a block of rows when it is first
painted, through desktop.services.listing.

Each action (a query, a batch of ids, a block of rows) opens its own short session; none is kept
between calls. Only a bounded number of row blocks is cached, so scrolling through a million
records does not keep a million rows in memory.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.services import listing
from desktop.services.installation import Database
from desktop.services.listing import ListQuery
from desktop.services.stats import format_date, format_number

BATCH = 500  # ids per fetchMore, and rows per block read for data()
CACHED_BLOCKS = 40  # row blocks kept (20,000 rows)

AnyIndex = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """One record list. `set_query` changes what it shows; `sort` re-queries in another order."""

    def __init__(self, database: Database, query: ListQuery, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._lang = lang
        self._query = query
        self._ids: list[int] = []
        self._total = 0
        self._blocks: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._load()

    # -- what is shown ------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        """Shows another list (other filters, search or order) from its first batch."""
        self.beginResetModel()
        self._query = query
        self._load()
        self.endResetModel()

    def total(self) -> int:
        """How many records the list has (rowCount only grows to it as batches are fetched)."""
        return self._total

    def record_id(self, row: int) -> int:
        return self._ids[row]

    def _columns(self) -> list[tuple[str, str, str]]:
        return listing.COLUMNS[self._query.kind]

    def _load(self) -> None:
        self._blocks.clear()
        with self._database.sessions() as session:
            self._total = listing.count(session, self._query)
            self._ids = listing.ids(session, self._query, 0, BATCH)

    # -- batches of ids -------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._ids) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        with self._database.sessions() as session:
            more = listing.ids(session, self._query, len(self._ids), BATCH)
        if not more:  # records were deleted meanwhile: stop asking
            self._total = len(self._ids)
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)  # last row inclusive
        self._ids.extend(more)
        self.endInsertRows()

    # -- the table ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            columns = self._columns()
            if 0 <= section < len(columns):
                _key, vi, en = columns[section]
                return en if self._lang == "en" else vi
            return None
        return format_number(section + 1, self._lang) if 0 <= section < len(self._ids) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids) or index.column() >= len(self._columns()):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole,
                        Qt.ItemDataRole.TextAlignmentRole):
            return None
        key = self._columns()[index.column()][0]
        row = self._row(index.row())
        value = row.get(key) if row else None
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return self._display(value)

    def _display(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return format_date(value, self._lang)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return format_number(value, self._lang)
        return str(value)

    def _row(self, row: int) -> dict[str, Any] | None:
        """The values of a row, reading its whole block in one session the first time."""
        block = row // BATCH
        rows = self._blocks.get(block)
        if rows is None:
            wanted = self._ids[block * BATCH:(block + 1) * BATCH]
            with self._database.sessions() as session:
                found = listing.rows(session, self._query.kind, wanted, self._lang)
            rows = {r["id"]: r for r in found}
            self._blocks[block] = rows
            while len(self._blocks) > CACHED_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        return rows.get(self._ids[row])

    # -- order --------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-queries in the order of a column, when that column can be sorted by (column -1:
        the list's default order)."""
        kind = self._query.kind
        if column < 0:
            self.set_query(dataclasses.replace(self._query, sort=None, descending=True))
            return
        if column >= len(self._columns()):
            return
        key = self._columns()[column][0]
        if not listing.sortable(kind, key):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(dataclasses.replace(self._query, sort=key, descending=descending))
