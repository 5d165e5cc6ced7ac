"""The Exchange page: spreadsheets in and out (the same code as `antq import-table` and
`antq export-table`, with a preview before anything is written)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.context import AppContext
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.sheets)
        layout.addStretch(1)
        self.retranslate_ui()


    def retranslate_ui(self) -> None:
        self.sheets.setTitle(self.tr("Bảng tính Excel, CSV"))
        self.sheets_text.setText(self.tr(
            "Nhập các buổi tuyên truyền, mô hình, nguồn tin, vụ việc, khen thưởng từ tệp .xlsx hoặc .csv: "
            "chương trình kiểm tra từng dòng và cho xem trước mọi lỗi; chỉ ghi khi không còn lỗi nào, "
            "và ghi tất cả hoặc không ghi gì. Xuất ra tệp để gửi hoặc lưu trữ."))
        self.import_button.setText(self.tr("Nhập bảng tính…"))
        self.export_button.setText(self.tr("Xuất bảng tính…"))
