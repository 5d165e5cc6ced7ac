"""Printing certificates from the Commendations list as a clerk would: select the decision,
"In giấy khen…", type the signer (the preview appears), save the PDF, and print through a
QPrinter; the register records each printing, and a missing signer is said at its field."""
from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import CertificatePrint
from desktop.services.installation import Database
from desktop.ui.certificate_dialog import CertificateDialog
from desktop.ui.context import AppContext
from desktop.ui.pages.records import RecordListPage
from tests.services.test_certificates import decision


def printed(database: Database) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(CertificatePrint)) or 0


def open_dialog(qtbot: QtBot, database: Database) -> tuple[RecordListPage, CertificateDialog]:
    page = RecordListPage(AppContext(database, "admin"), "commendations")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    assert page.print_button is not None and page.print_button.isEnabled()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CertificateDialog)
    assert dialog is not None
    return page, dialog  # the page too: qtbot keeps only weak references


def type_into(qtbot: QtBot, line, text: str) -> None:  # type: ignore[no-untyped-def]
    line.setFocus()
    for character in text:  # keyClicks handles only Latin-1
        qtbot.keyClick(line, character) if character.isascii() else line.insert(character)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # Enter ends the field, as Tab does


def test_signer_then_preview_then_save_and_print(qtbot: QtBot, database: Database, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    decision(database)
    _page, dialog = open_dialog(qtbot, database)
    assert "chức vụ người ký" in dialog.message.text()  # said at once: the default template has no signer
    assert dialog.signer_title.hasFocus() or not dialog.isActiveWindow()
    assert not dialog.save_button.isEnabled()
    assert dialog.register_label.text() == "Sổ đã in: chưa in giấy nào của quyết định này."
    assert dialog.register.isHidden()

    type_into(qtbot, dialog.signer_title, "Chủ tịch")
    type_into(qtbot, dialog.signer_name, "Cao Tường Huy")
    assert dialog.save_button.isEnabled(), dialog.message.text()
    assert dialog.message.text() == "3 giấy, số vào sổ từ GK-2025-0001."
    image = dialog.preview.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2) != image.pixelColor(2, 2)  # paper on the desk
    dialog.page.setValue(3)
    assert dialog.preview.index == 2
    assert printed(database) == 0  # a preview records nothing

    target = tmp_path / "gk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    with qtbot.waitSignal(dialog.printed, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == f"Đã lưu 3 giấy vào {target}."
    text = unicodedata.normalize("NFC", subprocess.run(["pdftotext", str(target), "-"], capture_output=True,
                                                       text=True, check=True).stdout)
    assert "Bà Nguyễn Thị Hường" in text and "Cao Tường Huy" in text
    assert printed(database) == 3

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                      QMarginsF(0, 0, 0, 0)))
    with qtbot.waitSignal(dialog.printed):
        dialog.paint_to(printer)  # what "In…" does once the system's dialog is accepted
    assert "In lại: GK-2025-0001, GK-2025-0002, GK-2025-0003." in dialog.message.text()
    assert printed(database) == 6
    assert dialog.register_label.text() == "Sổ đã in: 6 lần in (mới nhất trước)."
    assert [dialog.register.item(0, column).text() for column in (0, 2, 4)] == ["GK-2025-0003", "2", "admin"]
    pages = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "Pages:           3" in pages
    assert isinstance(image, QImage)


def test_one_file_per_recipient_into_a_folder(qtbot: QtBot, database: Database, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    decision(database)
    _page, dialog = open_dialog(qtbot, database)
    type_into(qtbot, dialog.signer_title, "Chủ tịch")
    type_into(qtbot, dialog.signer_name, "Cao Tường Huy")
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: pytest.fail("asked for one file"))
    qtbot.mouseClick(dialog.one_file_each, Qt.MouseButton.LeftButton)
    assert dialog.one_file_each.isChecked()
    with qtbot.waitSignal(dialog.printed, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in folder.iterdir()) == [
        "GK-2025-0001-nguyen-thi-huong.pdf", "GK-2025-0002-tran-van-nam.pdf",
        "GK-2025-0003-to-tu-quan-an-ninh-trat-tu-khu-5.pdf"]
    assert dialog.message.text() == f"Đã lưu 3 giấy vào {folder}."
    assert printed(database) == 3
