"""The table model of every record list: holds only row ids, loads them page by page as the view
scrolls (canFetchMore/fetchMore) and reads the shown values of a block of rows when it is first
painted, through desktop.services.listing.

Each action (a query, a page of ids, a block of rows) opens its own short session; none is kept
between calls. Ids are kept as 8-byte integers (a million ids: 8 MB) and only a bounded number
of row blocks is cached, so scrolling through a million records stays small in memory.

Speed (bench/ui.py): the first page comes with the count when that is a range of an index; the
count under a code filter or a broad quick search (which joins every match) runs in the
background and arrives through `total_changed`; it starts a moment after the list is shown, so
that it neither slows the first paint nor runs for every letter typed. Pages after the first grow 64-fold in the
index-ordered lists (32,000 rows, then the rest): scrolling to the end of 580,000 records is
two queries and three paints (four- or eightfold growth took 30 % longer, for its paints);
other orders read all the rest at once (each page would sort what remains again).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from array import array
from collections import OrderedDict
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from desktop.services import list_rows, listing
from desktop.services.installation import Database
from desktop.services.listing import ListQuery
from desktop.services.stats import format_date, format_number

BATCH = 500  # ids of the first page
BLOCK = 100  # rows read at once for data(): a screenful or two (a block of 500 took 20 ms)
CACHED_BLOCKS = 200  # row blocks kept (20,000 rows)
GROWTH = 64  # each further page in index order makes the rows loaded this many times more
COUNT_DELAY_MS = 100  # a broad search is counted once the list has stayed this long

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ROLES = frozenset({_DISPLAY, _ALIGNMENT, int(Qt.ItemDataRole.UserRole.value)})
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


class RecordTableModel(QAbstractTableModel):
    """One record list. `set_query` changes what it shows; `sort` re-queries in another order.
    `total()` is exact once `total_known()`; until then (a code filter or a broad search being
    counted in the background) it is the number of rows loaded, and `total_changed` brings the
    exact count."""

    total_changed = Signal(int)

    def __init__(self, database: Database, query: ListQuery, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._lang = lang
        self._query = query
        self._ids: array[int] = array("q")
        self._after: tuple[Any, int] | None = None  # where the next page starts; None: all loaded
        self._total: int | None = None
        self._generation = 0  # bumped by each load: a count for an older one is dropped
        self._counting = False
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_in_background)
        self._blocks: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._load()

    # -- what is shown ------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        """Shows another list (other filters, search or order) from its first page."""
        self.beginResetModel()
        self._query = query
        self._load()
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        """Shows the headers, labels, numbers and dates in another language, keeping the rows."""
        if lang == self._lang:
            return
        self._lang = lang
        self._blocks.clear()  # code labels are read in the language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns()) - 1)
        if self._ids:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._ids) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns()) - 1))

    def total(self) -> int:
        """How many records the list has (rowCount only grows to it as pages are fetched)."""
        return self._total if self._total is not None else len(self._ids)

    def total_known(self) -> bool:
        return self._total is not None

    def counting(self) -> bool:
        """Whether a count is due or runs in the background (wait for it before closing the
        database)."""
        return self._counting or self._count_timer.isActive()

    def record_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, record_id: int) -> int | None:
        """The row of a record among the rows loaded so far (None if not loaded or not listed)."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def _columns(self) -> list[tuple[str, str, str]]:
        return listing.COLUMNS[self._query.kind]

    def _load(self) -> None:
        self._blocks.clear()
        self._generation += 1
        self._count_timer.stop()
        with self._database.sessions() as session:
            first = listing.page(session, self._query, None, BATCH)
            self._total = len(first.ids) if first.complete else listing.quick_count(session, self._query)
        self._ids, self._after = first.ids, first.after
        if self._total is None:
            self._count_timer.start()

    # -- the count in the background ----------------------------------------------------------

    def _count_in_background(self) -> None:
        """Counts the current list on a worker (one count at a time: when it ends, the list
        shown by then is counted if it is not yet)."""
        if self._counting or self._total is not None:
            return
        from desktop.ui.tasks import run_in_background

        self._counting = True
        database, query, generation = self._database, self._query, self._generation

        def job(_progress: Any) -> int:
            with database.sessions() as session:
                return listing.count(session, query)

        run_in_background(None, QCoreApplication.translate("RecordTableModel", "Đang đếm bản ghi"), job,
                          lambda total: self._counted(generation, total), on_error=self._count_failed,
                          cancellable=False, show_after_ms=None)

    def _counted(self, generation: int, total: int) -> None:
        if not shiboken6.isValid(self):  # the list was closed meanwhile
            return
        self._counting = False
        if self._total is not None:
            return
        if generation == self._generation:
            self._total = total
            self.total_changed.emit(total)
        else:
            self._count_in_background()

    def _count_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._counting = False
        from desktop.ui.tasks import show_error

        show_error(None, error)

    # -- pages of ids -------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._after is not None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._after is None:
            return
        # In index order a page costs what it reads: grow the rows loaded GROWTH-fold. Any
        # other order sorts what remains for each page: read it all at once.
        size = (GROWTH - 1) * len(self._ids) if listing.in_index_order(self._query) else None
        with self._database.sessions() as session:
            more = listing.page(session, self._query, self._after, size)
        self._after = more.after
        if more.ids:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(more.ids) - 1)  # last row inclusive
            self._ids.extend(more.ids)
            self.endInsertRows()
        if more.complete and self._total != len(self._ids):  # everything is loaded: now it is exact
            self._total = len(self._ids)
            self.total_changed.emit(self._total)

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
        # A view asks seven or so roles per cell and paint: the unused ones leave first.
        if role not in _ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        columns = self._columns()
        if row >= len(self._ids) or column >= len(columns):
            return None
        values = self._row(row)
        value = values.get(columns[column][0]) if values else None
        if role == _DISPLAY:
            return self._display(value)
        if role == _ALIGNMENT:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return _RIGHT
            return None
        return value  # UserRole

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
        block = row // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            wanted = self._ids[block * BLOCK:(block + 1) * BLOCK]
            with self._database.sessions() as session:
                found = list_rows.rows(session, self._query.kind, wanted, self._lang)
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
