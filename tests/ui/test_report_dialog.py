"""desktop.ui.report_dialog on a real SQLite file with demo records, used as a clerk would: type the
period and the file, press "Lập báo cáo", wait; the PDF's text (pdftotext) says the headline for
the unit, an .xlsx choice writes a workbook, a reversed period or a missing folder is said at its
field with nothing written, the units choice is offered only before the reform, and the dialog
shows its progress (and can stop) while the window keeps working."""
from __future__ import annotations

import datetime as dt
import subprocess
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.services.figures import Filters
from desktop.services.installation import Database
from desktop.ui import report_dialog
from desktop.ui.context import AppContext
from desktop.ui.report_dialog import ReportDialog, documents_folder
from tests.conftest import HA_TU

TODAY = dt.date.today()
OVERVIEW = Filters(HA_TU, dt.date(TODAY.year, 1, 1), TODAY)  # the Overview page's "this year"
WAIT_MS = 60_000


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture
def context(demo_database: Database) -> AppContext:
    return AppContext(demo_database, "admin")


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """Where the reports go (the database lives in tmp_path itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def opened(qtbot: QtBot) -> Iterator[list[Any]]:
    """Everything opened (the context too: qtbot keeps only weak references)."""
    kept: list[Any] = []
    yield kept
    for item in kept:
        if isinstance(item, ReportDialog) and item.task is not None:
            item.task.wait()


def open_dialog(qtbot: QtBot, opened: list[Any], context: AppContext, filters: Filters = OVERVIEW) -> ReportDialog:
    dialog = ReportDialog(context, filters)
    qtbot.addWidget(dialog)
    opened += [context, dialog]
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_date(qtbot: QtBot, edit: QDateEdit, text: str) -> None:
    """dd/mm/yyyy typed into the field part by part, year first, as a user clicking each part
    would: QDateEdit checks a day against the month already shown (31 is cut to 30 in November)."""
    day, month, year = text.split("/")
    edit.setFocus()
    for section, digits in ((QDateEdit.Section.YearSection, year), (QDateEdit.Section.MonthSection, month),
                            (QDateEdit.Section.DaySection, day)):
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, digits)
    assert edit.date().toString("dd/MM/yyyy") == text


def type_path(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    for character in text:  # keyClicks handles only Latin-1
        qtbot.keyClick(line, character) if character.isascii() else line.insert(character)


def make(qtbot: QtBot, dialog: ReportDialog) -> None:
    """"Lập báo cáo", then wait for the result (written, stopped or refused)."""
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_pdf_for_the_period_typed_says_the_headline_and_opens(qtbot: QtBot, opened: list[Any], context: AppContext,
                                                                out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(report_dialog.QDesktopServices, "openUrl", lambda url: opened_urls.append(url) or True)
    dialog = open_dialog(qtbot, opened, context)
    assert dialog.unit_name.text().startswith("Phường Hà Tu (mã 06652)")
    type_date(qtbot, dialog.date_from, "01/01/2021")
    type_date(qtbot, dialog.date_to, "31/12/2025")
    out = out_dir / "báo cáo" / "sơ kết.pdf"
    out.parent.mkdir()
    type_path(qtbot, dialog.path_edit, str(out))
    assert dialog.open_file_button.isHidden()
    with qtbot.waitSignal(dialog.written, timeout=WAIT_MS) as written:
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert written.args == [out]
    text = pdf_text(out)
    assert "Trong giai đoạn 2021–2025, Phường Hà Tu đã tổ chức" in text
    assert dialog.status.text() == f"Đã ghi báo cáo {out}"
    assert leftovers(out.parent) == ["sơ kết.pdf"]  # no temporary file left beside it
    assert dialog.open_file_button.isVisible() and dialog.open_folder_button.isVisible()
    assert dialog.make_button.isEnabled() and dialog.progress.isHidden()
    qtbot.mouseClick(dialog.open_file_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened_urls == [QUrl.fromLocalFile(str(out)), QUrl.fromLocalFile(str(out.parent))]


def test_an_xlsx_choice_writes_a_workbook_and_enter_makes_it(qtbot: QtBot, opened: list[Any], context: AppContext,
                                                             out_dir: Path) -> None:
    dialog = open_dialog(qtbot, opened, context)
    dialog.format.setFocus()
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # PDF → Bảng tính Excel
    assert dialog.suffix == ".xlsx" and dialog.path_edit.text().endswith(".xlsx")
    type_path(qtbot, dialog.path_edit, str(out_dir / "tinh"))  # no suffix: the format's is added
    with qtbot.waitSignal(dialog.written, timeout=WAIT_MS):
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Enter = "Lập báo cáo"
    workbook = load_workbook(out_dir / "tinh.xlsx", read_only=True)
    assert len(workbook.sheetnames) >= 3
    workbook.close()
    assert dialog.path_edit.text() == str(out_dir / "tinh.xlsx")


def test_choosing_the_file_follows_the_filter_and_sets_the_format(qtbot: QtBot, opened: list[Any],
                                                                  context: AppContext, out_dir: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []

    def save_name(_parent: Any, _title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append((start, filters))
        return str(out_dir / "so-ket"), "Bảng tính Excel (*.xlsx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    dialog = open_dialog(qtbot, opened, context)
    default = documents_folder() / f"bao-cao-06652-{TODAY.year}-{TODAY.year}.pdf"
    assert dialog.path_edit.text() == str(default)
    type_date(qtbot, dialog.date_from, "01/01/2022")  # an untouched default name follows the period
    assert dialog.path_edit.text() == str(default.with_name(f"bao-cao-06652-2022-{TODAY.year}.pdf"))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert asked[0][0].endswith(f"bao-cao-06652-2022-{TODAY.year}.pdf")
    assert asked[0][1].startswith("Tệp PDF (*.pdf)")  # the current format first
    assert dialog.path_edit.text() == str(out_dir / "so-ket.xlsx")
    assert dialog.suffix == ".xlsx" and dialog.format.currentText() == "Bảng tính Excel (.xlsx)"
    type_date(qtbot, dialog.date_from, "01/01/2023")  # a chosen file stays as chosen
    assert dialog.path_edit.text() == str(out_dir / "so-ket.xlsx")


def test_a_reversed_period_is_said_at_the_dates_and_nothing_is_written(qtbot: QtBot, opened: list[Any],
                                                                       context: AppContext, out_dir: Path) -> None:
    dialog = open_dialog(qtbot, opened, context)
    type_date(qtbot, dialog.date_from, "31/12/2025")
    type_date(qtbot, dialog.date_to, "01/01/2021")
    type_path(qtbot, dialog.path_edit, str(out_dir / "r.pdf"))
    make(qtbot, dialog)
    assert dialog.period_error.isVisible()
    assert dialog.period_error.text() == "Ngày bắt đầu (31/12/2025) sau ngày kết thúc (01/01/2021)."
    assert dialog.date_from.hasFocus() or not dialog.isActiveWindow()
    assert dialog.file_error.isHidden() and dialog.open_file_button.isHidden()
    assert leftovers(out_dir) == []
    assert dialog.make_button.isEnabled()
    type_date(qtbot, dialog.date_from, "01/01/2020")  # corrected: the message goes
    assert dialog.period_error.isHidden()


def test_a_missing_folder_is_said_at_the_file(qtbot: QtBot, opened: list[Any], context: AppContext,
                                              out_dir: Path) -> None:
    dialog = open_dialog(qtbot, opened, context)
    type_path(qtbot, dialog.path_edit, str(out_dir / "không có" / "r.pdf"))
    make(qtbot, dialog)
    assert dialog.file_error.isVisible()
    assert dialog.file_error.text() == f"Không có thư mục {out_dir / 'không có'}."
    assert dialog.period_error.isHidden() and dialog.status.isHidden()
    assert leftovers(out_dir) == []
    dialog.path_edit.clear()
    make(qtbot, dialog)
    assert dialog.file_error.text() == "Chọn tệp cần ghi (.pdf hoặc .xlsx)."


def test_the_units_choice_is_offered_only_before_the_reform(qtbot: QtBot, opened: list[Any], context: AppContext,
                                                            out_dir: Path) -> None:
    dialog = open_dialog(qtbot, opened, context)
    assert not dialog.units_then.isEnabled() and not dialog.units_now.isEnabled()
    assert "Chỉ dùng cho kỳ kết thúc trước 01/07/2025" in dialog.units_hint.text()
    type_date(qtbot, dialog.date_from, "01/01/2023")
    type_date(qtbot, dialog.date_to, "30/06/2025")
    assert dialog.units_then.isEnabled() and dialog.units_now.isEnabled()
    assert dialog.units_then.isChecked()
    type_date(qtbot, dialog.date_to, "01/07/2025")
    assert not dialog.units_now.isEnabled()
    type_date(qtbot, dialog.date_to, "31/12/2024")
    # on its circle (the button is as wide as the form; its middle is empty space)
    qtbot.mouseClick(dialog.units_now, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.units_now.height() // 2))
    assert dialog.units_now.isChecked() and dialog.filters().units == "now"
    assert dialog.unit_name.text().startswith("Phường Hà Tu")
    type_path(qtbot, dialog.path_edit, str(out_dir / "now.pdf"))
    make(qtbot, dialog)
    text = pdf_text(out_dir / "now.pdf")
    assert "quy về đơn vị hành chính hiện nay" in text
    assert "Trong giai đoạn 2023–2024, Phường Hà Tu đã tổ chức" in text


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the report on its worker after a first step until the test lets it go on."""
    event = threading.Event()
    real = report_dialog.make_report

    def held(database: Database, filters: Filters, out: Path, lang: str = "vi", **options: Any) -> Any:
        options["on_step"](1, 8)
        assert event.wait(20)
        return real(database, filters, out, lang, **options)

    monkeypatch.setattr(report_dialog, "make_report", held)
    yield event
    event.set()


def test_progress_shows_while_working_and_the_window_keeps_answering(qtbot: QtBot, opened: list[Any],
                                                                     context: AppContext, out_dir: Path,
                                                                     gate: threading.Event) -> None:
    dialog = open_dialog(qtbot, opened, context)
    type_path(qtbot, dialog.path_edit, str(out_dir / "r.xlsx"))
    assert dialog.progress.isHidden()
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    # the step reported from the worker reaches the bar through the event loop: not frozen
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 8 and dialog.progress.value() == 1)
    assert dialog.busy and dialog.progress.isVisible() and dialog.stop_button.isVisible()
    assert not dialog.make_button.isEnabled() and not dialog.path_edit.isEnabled()
    assert dialog.status.text() == "Đang lập báo cáo…"
    gate.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert (out_dir / "r.xlsx").is_file()
    assert dialog.make_button.isEnabled() and dialog.path_edit.isEnabled()
    assert dialog.progress.isHidden() and dialog.stop_button.isHidden()


def test_stop_writes_nothing(qtbot: QtBot, opened: list[Any], context: AppContext, out_dir: Path,
                             gate: threading.Event) -> None:
    dialog = open_dialog(qtbot, opened, context)
    type_path(qtbot, dialog.path_edit, str(out_dir / "r.pdf"))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.value() == 1)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Đang dừng…" and not dialog.stop_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.status.text() == "Đã dừng: không ghi tệp nào."
    assert leftovers(out_dir) == []
    assert dialog.make_button.isEnabled() and dialog.open_file_button.isHidden()


def test_escape_closes_and_while_working_stops_first(qtbot: QtBot, opened: list[Any], context: AppContext,
                                                     out_dir: Path, gate: threading.Event) -> None:
    dialog = open_dialog(qtbot, opened, context)
    type_path(qtbot, dialog.path_edit, str(out_dir / "r.pdf"))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.value() == 1)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.status.text() == "Đang dừng…"  # open until the job has stopped
    gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert dialog.result() == ReportDialog.DialogCode.Rejected
    assert leftovers(out_dir) == []
    idle = open_dialog(qtbot, opened, context)
    qtbot.keyClick(idle.date_from, Qt.Key.Key_Escape)
    assert not idle.isVisible()


def test_filters_from_the_overview_are_taken_and_the_buttons_do_not_steal_enter(qtbot: QtBot, opened: list[Any],
                                                                                  context: AppContext) -> None:
    filters = Filters(HA_TU, dt.date(2022, 3, 1), dt.date(2024, 2, 29), approved_only=True, units="now")
    dialog = open_dialog(qtbot, opened, context, filters)
    assert dialog.date_from.date().toString("dd/MM/yyyy") == "01/03/2022"
    assert dialog.approved_only.isChecked() and dialog.units_now.isChecked() and dialog.units_now.isEnabled()
    assert dialog.filters() == Filters(HA_TU, filters.date_from, filters.date_to, True, "now", "2025")
    assert dialog.make_button.isDefault()
    assert not any(button.autoDefault() for button in (dialog.browse_button, dialog.stop_button, dialog.close_button,
                                                       dialog.open_file_button, dialog.open_folder_button))
    whole = open_dialog(qtbot, opened, context, Filters(None, dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    assert whole.unit_name.text() == "Toàn bộ cơ sở dữ liệu"
    assert Path(whole.path_edit.text()).name == "bao-cao-2024-2024.pdf"
