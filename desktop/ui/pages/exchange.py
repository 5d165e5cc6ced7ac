"""The Exchange page: spreadsheets in and out (the same code as `antq import-table` and
`antq export-table`, with a preview before anything is written), and the USB packages ("Gói dữ
liệu USB"): write a package (desktop.ui.exchange_export), import packages after a dry run
(desktop.ui.exchange_import), and the exchange keys (desktop.ui.exchange_keys)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.services.permissions import Permission
from desktop.ui.context import AppContext
from desktop.ui.exchange_export import ExportBox
from desktop.ui.exchange_import import ImportBox
from desktop.ui.exchange_keys import KeysBox
from desktop.ui.retranslate import Retranslating


class ExchangePage(Retranslating, QWidget):
    def __init__(self, context: AppContext, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.sheets = QGroupBox()
        self.sheets_text = QLabel()
        self.sheets_text.setWordWrap(True)
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        self.import_button.clicked.connect(window.import_table)
        self.export_button.clicked.connect(window.export_table)
        box = QVBoxLayout(self.sheets)
        box.addWidget(self.sheets_text)
        box.addWidget(self.import_button)
        box.addWidget(self.export_button)
        self.packages = QGroupBox()
        self.export_box = ExportBox(context)
        self.import_box = ImportBox(context)
        self.keys_box = KeysBox(context)
        self.keys_box.keys_changed.connect(self.export_box.refresh_keys)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.export_box, "")
        self.tabs.addTab(self.import_box, "")
        self.tabs.addTab(self.keys_box, "")
        if not context.may(Permission.EXPORT) and context.may(Permission.IMPORT):
            self.tabs.setCurrentWidget(self.import_box)  # an officer imports, never exports
        QVBoxLayout(self.packages).addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.sheets)
        layout.addWidget(self.packages, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.sheets.setTitle(self.tr("Bảng tính Excel, CSV"))
        self.sheets_text.setText(self.tr(
            "Nhập các buổi tuyên truyền, mô hình, nguồn tin, vụ việc, khen thưởng từ tệp .xlsx hoặc .csv: "
            "chương trình kiểm tra từng dòng và cho xem trước mọi lỗi; chỉ ghi khi không còn lỗi nào, "
            "và ghi tất cả hoặc không ghi gì. Xuất ra tệp để gửi hoặc lưu trữ."))
        self.import_button.setText(self.tr("Nhập bảng tính…"))
        self.export_button.setText(self.tr("Xuất bảng tính…"))
        self.packages.setTitle(self.tr("Gói dữ liệu USB"))
        self.tabs.setTabText(0, self.tr("Ghi gói gửi lên"))
        self.tabs.setTabText(1, self.tr("Nhập gói"))
        self.tabs.setTabText(2, self.tr("Khóa trao đổi"))
