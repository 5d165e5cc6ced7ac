"""Pick-lists that find an entry by any part of its label typed without accents: a single choice
(`PickList`, an editable combo box with a completing popup) and a multi-choice (`MultiPick`, a
filter box over a list of check boxes). Typing "hoi phu" or "phụ nữ" offers "Hội Liên hiệp Phụ
nữ": labels and what is typed are both folded with `db.textfold.fold`.

Keyboard: type, Down to enter the popup (or the list), Enter (or Space in the list) to choose.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QListView, QVBoxLayout, QWidget

from db.textfold import fold

VALUE_ROLE = Qt.ItemDataRole.UserRole
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1

Choices = Sequence[tuple[str, str]]  # (value, label)


def _item(value: str, label: str, checkable: bool = False) -> QStandardItem:
    item = QStandardItem(label)
    item.setData(value, VALUE_ROLE)
    item.setData(f"{fold(label)} {fold(value)}", FOLDED_ROLE)
    item.setEditable(False)
    if checkable:
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Unchecked)
    return item


class FoldFilter(QSortFilterProxyModel):
    """Keeps the rows whose folded label contains every folded word typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        words = fold(text).split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        folded = self.sourceModel().index(source_row, 0, source_parent).data(FOLDED_ROLE) or ""
        return all(word in folded for word in self._words)


class PickList(QComboBox):
    """One value from a list: an editable combo box whose completer shows, as you type, every
    entry containing the typed words (accent-insensitive). `value()` is the chosen entry's value,
    or the text as typed when it names none (validation then says what is wrong with it)."""

    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.filter = FoldFilter(self)
        self.filter.setSourceModel(self.items)
        completer = QCompleter(self.filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(10)
        self.setCompleter(completer)
        line = self.lineEdit()
        line.setClearButtonEnabled(False)
        line.textEdited.connect(self._typed)
        line.editingFinished.connect(self.settle)
        self.editTextChanged.connect(lambda _text: self.value_changed.emit())
        self.setCurrentIndex(-1)

    def set_choices(self, choices: Choices) -> None:
        """Replaces the entries, keeping the value shown."""
        current = self.value()
        self.blockSignals(True)
        self.items.clear()
        for value, label in choices:
            self.items.appendRow(_item(value, label))
        self.blockSignals(False)
        self.set_value(current)

    def choices(self) -> list[tuple[str, str]]:
        return [(self.items.item(r).data(VALUE_ROLE), self.items.item(r).text()) for r in range(self.items.rowCount())]

    def _row_of(self, text: str) -> int:
        folded = fold(text)
        for row in range(self.items.rowCount()):
            item = self.items.item(row)
            if fold(item.text()) == folded or item.data(VALUE_ROLE) == text.strip():
                return row
        return -1

    def value(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        row = self._row_of(text)
        return self.items.item(row).data(VALUE_ROLE) if row >= 0 else text

    def set_value(self, value: object) -> None:
        text = "" if value is None else str(value)
        row = self._row_of(text) if text else -1
        self.setCurrentIndex(row)
        self.setEditText(self.items.item(row).text() if row >= 0 else text)

    def _typed(self, text: str) -> None:
        self.filter.set_text(text)
        completer = self.completer()
        if text.strip() and self.filter.rowCount() > 0:
            completer.complete()
        else:
            completer.popup().hide()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # The combo box, not its line edit, has the focus: the line edit never hears of leaving.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.settle()
        super().focusOutEvent(event)

    def settle(self) -> None:
        """Leaving the field with typed words that fit exactly one entry chooses it."""
        text = self.currentText().strip()
        if not text or self._row_of(text) >= 0:
            return
        self.filter.set_text(text)
        if self.filter.rowCount() == 1:
            self.set_value(self.filter.index(0, 0).data(VALUE_ROLE))


class _FilterLine(QLineEdit):
    """The filter box of a MultiPick: Down moves into the list."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.down.emit()
            return
        super().keyPressEvent(event)


class MultiPick(QWidget):
    """Several values from a list: a filter box (accent-insensitive) over check boxes.
    Space toggles the current entry; the values keep the order of the list."""

    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None, visible_rows: int = 4) -> None:
        super().__init__(parent)
        self.filter_box = _FilterLine(self)
        self.items = QStandardItemModel(self)
        self.filter = FoldFilter(self)
        self.filter.setSourceModel(self.items)
        self.view = QListView(self)
        self.view.setModel(self.filter)
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._visible_rows = visible_rows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view)
        self.filter_box.textChanged.connect(self.filter.set_text)
        self.filter_box.down.connect(self._enter_list)
        self._quiet = False  # set while the form, not the user, changes the checks
        self.items.itemChanged.connect(self._item_changed)
        self.setFocusProxy(self.filter_box)
        self._fit_height()

    def _item_changed(self, _item: QStandardItem) -> None:
        if not self._quiet:
            self.value_changed.emit()

    def _fit_height(self) -> None:
        row = max(self.view.sizeHintForRow(0), self.fontMetrics().height() + 4)
        rows = min(max(self.items.rowCount(), 3), self._visible_rows)
        self.view.setFixedHeight(rows * row + 2 * self.view.frameWidth() + 2)

    def _enter_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.TabFocusReason)
        if self.filter.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.filter.index(0, 0))

    def set_choices(self, choices: Choices) -> None:
        """Replaces the entries, keeping the values checked (unknown ones stay, labelled by value)."""
        current = self.value()
        self._quiet = True
        self.items.clear()
        for value, label in choices:
            self.items.appendRow(_item(value, label, checkable=True))
        self._quiet = False
        self._fit_height()
        self.set_value(current)

    def choices(self) -> list[tuple[str, str]]:
        return [(self.items.item(r).data(VALUE_ROLE), self.items.item(r).text()) for r in range(self.items.rowCount())]

    def value(self) -> list[str]:
        return [self.items.item(r).data(VALUE_ROLE) for r in range(self.items.rowCount())
                if self.items.item(r).checkState() == Qt.CheckState.Checked]

    def set_value(self, values: object) -> None:
        wanted = [str(v) for v in values] if isinstance(values, list | tuple) else ([str(values)] if values else [])
        self._quiet = True
        present = {self.items.item(r).data(VALUE_ROLE): self.items.item(r) for r in range(self.items.rowCount())}
        for value in wanted:
            if value not in present:
                present[value] = _item(value, value, checkable=True)
                self.items.appendRow(present[value])
        for value, item in present.items():
            item.setCheckState(Qt.CheckState.Checked if value in wanted else Qt.CheckState.Unchecked)
        self._quiet = False
        self.value_changed.emit()

    def check(self, value: str, checked: bool = True) -> None:
        values = [v for v in self.value() if v != value] + ([value] if checked else [])
        self.set_value(values)
