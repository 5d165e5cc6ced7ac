"""Start-up: an initialised database opens the main window; none starts the first-run wizard,
and cancelling it creates nothing."""
from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.ui.app import open_main_window, prepare_application
from desktop.ui.main_window import MainWindow


def test_initialised_database_opens_the_main_window(qtbot: QtBot, db_path: Path) -> None:
    prepare_application("vi")
    window = open_main_window(str(db_path))
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.unit_label.text() == "Đơn vị: Phường Hà Tu"
    window.context.database.dispose()


def test_no_database_runs_the_wizard_and_cancelling_it_creates_nothing(qtbot: QtBot, data_dir: Path,
                                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import wizard

    shown: list[object] = []

    def cancel(self) -> int:  # type: ignore[no-untyped-def]
        shown.append(self)
        return 0

    monkeypatch.setattr(wizard.FirstRunWizard, "exec", cancel)
    assert open_main_window(None) is None
    assert shown  # the wizard was offered
    assert not (data_dir / "antq.sqlite3").exists()
