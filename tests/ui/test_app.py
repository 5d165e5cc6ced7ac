"""The first window: opens on an existing database, explains an empty one, opens demo data."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.ui.app import MainWindow, demo_database_path


def test_window_on_empty_data_folder_says_what_to_do(qtbot: QtBot, data_dir: Path) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    assert "Chưa có dữ liệu" in window.summary.text()
    assert not (data_dir / "antq.sqlite3").exists()  # opening the window created nothing


def test_window_shows_figures_of_an_initialised_database(qtbot: QtBot, db_path: Path) -> None:
    window = MainWindow(str(db_path))
    qtbot.addWidget(window)
    window.show()
    assert "Tổng quan" in window.summary.text()
    assert str(db_path) in window.statusBar().currentMessage()


def test_demo_from_help_menu_opens_a_separate_database(qtbot: QtBot, data_dir: Path,
                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.demo_action.trigger()
    assert demo_database_path().exists()
    assert not (data_dir / "antq.sqlite3").exists()  # real data untouched
    assert "Tổng quan" in window.summary.text()
    assert "antq-demo.sqlite3" in window.statusBar().currentMessage()
