"""desktop.ui.import_export: preview every error with nothing written, import a good file, export."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.services.installation import Database
from desktop.services.tables.sheets import read_sheet
from desktop.ui.context import AppContext
from desktop.ui.import_export import ExportDialog, ImportDialog, StringTableModel
from tests.services.tables_support import (
    GOOD,
    SESSION_HEADER,
    session_row,
    table_counts,
    view,
    write_kind,
    write_table,
)


@pytest.fixture
def context(database: Database) -> AppContext:
    return AppContext(database, "admin")


def open_import(qtbot, context: AppContext, kind: str = "sessions") -> ImportDialog:
    dialog = ImportDialog(context, kind)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def load(qtbot, dialog: ImportDialog, path: Path) -> None:
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_path(path)


def errors_shown(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    model = dialog.errors_model
    return [tuple(model.cell(row, column) for column in range(3)) for row in range(model.rowCount())]


def test_errors_listed_at_their_lines_nothing_written(qtbot, context: AppContext, db_path: Path,
                                                      tmp_path: Path) -> None:
    path = write_table(tmp_path / "bad.csv", SESSION_HEADER, [
        session_row(), session_row(date="31/02/2025"), session_row(organisers=""),
        session_row(date="tháng 9", organisers=""),
    ])
    before = table_counts(db_path)
    dialog = open_import(qtbot, context)
    assert not dialog.import_button.isEnabled()
    load(qtbot, dialog, path)
    assert errors_shown(dialog) == [
        ("3", "ngày", "Ngày không hợp lệ: «31/02/2025» (nhập dd/mm/yyyy)."),
        ("4", "đơn vị tổ chức", "Bắt buộc phải nhập."),
        ("5", "ngày", "Ngày không hợp lệ: «tháng 9» (nhập dd/mm/yyyy)."),
        ("5", "đơn vị tổ chức", "Bắt buộc phải nhập."),
    ]
    assert dialog.status.text() == "4 lỗi ở 3 dòng — chưa ghi gì vào cơ sở dữ liệu."
    assert dialog.errors_label.text() == "Lỗ&i (4)"
    # every row of the file is previewed under its line number, the bad ones tinted with their errors
    assert dialog.rows_model.rowCount() == 4
    assert [dialog.rows_model.headerData(r, Qt.Orientation.Vertical) for r in range(4)] == ["2", "3", "4", "5"]
    assert dialog.rows_model.headerData(1, Qt.Orientation.Horizontal) == "ngày"
    assert dialog.rows_model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == \
        "ngày: Ngày không hợp lệ: «31/02/2025» (nhập dd/mm/yyyy)."
    assert dialog.rows_model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.start_import()  # even called directly, a file with errors is not imported
    assert dialog.state == "previewed"
    assert table_counts(db_path) == before
    # Enter on an error selects its row in the preview
    dialog.errors_view.setFocus()
    dialog.errors_view.setCurrentIndex(dialog.errors_model.index(2, 0))
    qtbot.keyClick(dialog.errors_view, Qt.Key.Key_Return)
    assert [i.row() for i in dialog.rows_view.selectionModel().selectedRows()] == [3]


def test_file_error_is_shown(qtbot, context: AppContext, tmp_path: Path) -> None:
    path = write_table(tmp_path / "odd.csv", ["date", "whatever"], [["01/09/2025", "x"]])
    dialog = open_import(qtbot, context)
    load(qtbot, dialog, path)
    assert "Cột không xác định: whatever" in dialog.status.text()
    assert dialog.status.text().endswith("chưa ghi gì vào cơ sở dữ liệu.")
    assert not dialog.import_button.isEnabled()
    assert dialog.rows_model.headerData(1, Qt.Orientation.Horizontal) == "whatever"


def test_good_file_previewed_then_imported(qtbot, context: AppContext, database: Database, db_path: Path,
                                           tmp_path: Path) -> None:
    path = write_kind(tmp_path / "good.xlsx", "sessions", GOOD["sessions"], fmt="xlsx", headers="vi",
                      values="labels")
    before = table_counts(db_path)
    dialog = open_import(qtbot, context)
    load(qtbot, dialog, path)
    assert dialog.errors_model.rowCount() == 0
    assert dialog.rows_model.rowCount() == 2
    assert dialog.rows_model.cell(0, 1) == "18/07/2024"
    assert dialog.rows_model.cell(0, 6) == "1.234"
    assert dialog.status.text().startswith("2 dòng hợp lệ: sẽ thêm 2, cập nhật 0")
    assert table_counts(db_path) == before  # the preview wrote nothing
    assert dialog.import_button.isEnabled()
    changed: list[str] = []
    context.records_changed.connect(changed.append)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert changed == ["sessions"]
    assert dialog.status.text() == "Đã thêm 2, cập nhật 0."
    assert not dialog.import_button.isEnabled()  # not twice by mistake
    assert sorted(r[2] for r in view(database)["sessions"]) == [dt.date(2024, 7, 18), dt.date(2025, 8, 15)]


def test_kind_chosen_with_the_keyboard_reruns_the_preview(qtbot, context: AppContext, tmp_path: Path) -> None:
    path = write_kind(tmp_path / "sources.csv", "sources", GOOD["sources"])
    dialog = open_import(qtbot, context, kind="sessions")
    assert dialog.kind_combo.currentText() == "Buổi tuyên truyền, tập huấn"
    load(qtbot, dialog, path)
    assert dialog.preview is not None and not dialog.preview.ok  # sources' columns are not a session's
    dialog.kind_combo.setFocus()
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)
    assert dialog.kind == "sources"
    assert dialog.preview.ok and dialog.preview.report.counts["created"] == 3


def test_path_typed_and_choose_file(qtbot, context: AppContext, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_kind(tmp_path / "good.csv", "models", GOOD["models"])
    dialog = open_import(qtbot, context, kind="models")
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        qtbot.keyClicks(dialog.path_edit, str(path))
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    assert dialog.preview is not None and dialog.preview.ok
    assert dialog.state == "previewed"  # Enter in the path field did not import
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.path == path


def test_export_reads_back(qtbot, context: AppContext, database: Database, tmp_path: Path) -> None:
    from desktop.services.tables.importer import import_table

    assert import_table(database, "sources", write_kind(tmp_path / "in.csv", "sources", GOOD["sources"])).ok
    dialog = ExportDialog(context, "sources")
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.export_button.isEnabled()
    dialog.set_path(tmp_path / "out")  # no suffix: .xlsx
    assert dialog.path == tmp_path / "out.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [3]
    assert dialog.status.text() == f"Đã xuất 3 dòng vào {tmp_path / 'out.xlsx'}."
    sheet = read_sheet(tmp_path / "out.xlsx")
    assert sheet.header[:3] == ["ref", "date", "unit_code"]
    assert sorted(str(cells[0]) for _line, cells in sheet.rows) == ["NT-2024-0007", "NT-2025-0001", "NT-2025-0002"]


def test_export_refuses_other_suffix(qtbot, context: AppContext, tmp_path: Path) -> None:
    dialog = ExportDialog(context)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "out.txt"))
    assert not dialog.export_button.isEnabled()
    assert dialog.status.text() == "Tệp phải có đuôi .xlsx hoặc .csv."
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.path_edit, "csv")
    assert dialog.export_button.isEnabled()


def test_string_model_passes_the_model_tester(qtmodeltester) -> None:
    model = StringTableModel()
    model.set_content(["a", "b"], [["1", "2"], ["3", "4"]], ["2", "3"], {1: "lỗi"})
    qtmodeltester.check(model)
