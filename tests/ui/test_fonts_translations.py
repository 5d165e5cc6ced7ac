"""desktop.ui.fonts and desktop.ui.translations: the bundled fonts, the .ts compiled at run time,
English and Vietnamese for our strings and for Qt's own dialog buttons."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop.i18n import language
from desktop.ui import translations
from desktop.ui.fonts import apply_default_font, register_fonts
from desktop.ui.translations import (
    compile_translation,
    compiled_path,
    install_translators,
    lrelease_path,
    remove_translators,
    switch_language,
)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    remove_translators(qapp)


def button_texts(qtbot, buttons: QMessageBox.StandardButton) -> dict[QMessageBox.StandardButton, str]:
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(buttons)
    return {box.standardButton(button): button.text() for button in box.buttons()}


OK, CANCEL, YES, NO = (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel,
                       QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)


def test_register_fonts_returns_dejavu_families(app: QApplication) -> None:
    families = register_fonts()
    assert {"DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"} <= set(families)


def test_apply_default_font(app: QApplication) -> None:
    previous = app.font()
    try:
        font = apply_default_font(app)
        assert font.family() == "DejaVu Sans" and font.pointSize() == 10
        assert app.font().family() == "DejaVu Sans"
    finally:
        app.setFont(previous)


def test_lrelease_ships_with_pyside6() -> None:
    tool = lrelease_path()
    assert tool is not None and tool.is_file()


def test_compile_puts_qm_in_cache_and_recompiles_when_ts_is_newer(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    qm = compile_translation("en")
    assert qm == compiled_path("en") == data_dir / "cache" / "translations" / "antq_en.qm"
    assert qm.is_file() and qm.stat().st_size > 0
    assert compile_translation("vi").is_file()
    # A copy of the sources, to touch the .ts without changing the repository.
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "antq_en.ts").write_bytes(translations.ts_path("en").read_bytes())
    monkeypatch.setattr(translations, "translations_folder", lambda: sources)
    older = qm.stat().st_mtime - 10
    os.utime(sources / "antq_en.ts", (older, older))
    before = qm.stat().st_mtime_ns
    assert compile_translation("en").stat().st_mtime_ns == before  # up to date: left alone
    newer = qm.stat().st_mtime + 10
    os.utime(sources / "antq_en.ts", (newer, newer))
    assert compile_translation("en").stat().st_mtime_ns != before


def test_cache_folder_without_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTQ_DATA_DIR")
    assert "ANTQLedger" in str(translations.cache_folder())


def test_english_translates_qt_buttons_and_main_window(qtbot, app: QApplication) -> None:
    installed = install_translators(app, "en")
    assert installed
    texts = button_texts(qtbot, OK | CANCEL | YES | NO)
    assert texts[OK] == "OK" and texts[CANCEL] == "Cancel"
    assert texts[YES].replace("&", "") == "Yes" and texts[NO].replace("&", "") == "No"
    assert QCoreApplication.translate("MainWindow", "Tổng quan") == "Overview"
    assert QCoreApplication.translate("MainWindow", "Trợ &giúp") == "&Help"


def test_main_window_in_english(qtbot, app: QApplication, database) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.main_window import MainWindow

    install_translators(app, "en")
    window = MainWindow(database, "admin")
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("ANTQ Ledger — records of the movement")
    assert [action.text() for action in window.menuBar().actions()] == ["&File", "&Edit", "&Help"]
    assert window.demo_action.text() == "Open &demo data"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Overview", "Sessions", "Models", "Sources & cases", "Commendations", "Exchange", "Settings"]


def test_every_interface_string_has_an_english_translation() -> None:
    import xml.etree.ElementTree as ET

    tree = ET.parse(translations.ts_path("en"))
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert unfinished == []


def test_vietnamese_translates_qt_buttons(qtbot, app: QApplication) -> None:
    install_translators(app, "vi")
    texts = button_texts(qtbot, OK | CANCEL | YES | NO)
    assert texts[OK] == "Đồng ý" and texts[CANCEL] == "Hủy"
    assert texts[YES] == "&Có" and texts[NO] == "&Không"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
                           | QDialogButtonBox.StandardButton.Discard | QDialogButtonBox.StandardButton.Apply)
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.buttons()) == sorted(["Lưu", "Đóng", "Bỏ", "Áp dụng"])
    assert QCoreApplication.translate("MainWindow", "Tổng quan") == "Tổng quan"


def test_switch_language_replaces_translators(qtbot, app: QApplication) -> None:
    switch_language(app, "vi")
    assert button_texts(qtbot, OK)[OK] == "Đồng ý"
    switch_language(app, "en")
    assert language() == "en"
    assert button_texts(qtbot, OK)[OK] == "OK"
    assert QCoreApplication.translate("MainWindow", "Mở dữ liệu &mẫu") == "Open &demo data"
    switch_language(app, "vi")
    assert language() == "vi"
    assert button_texts(qtbot, OK | CANCEL)[CANCEL] == "Hủy"
    with pytest.raises(ValueError):
        switch_language(app, "fr")


def test_no_tr_string_is_missing_from_the_english_translation(tmp_path: Path) -> None:
    """lupdate run over the interface code finds no string the English .ts lacks."""
    import shutil
    import subprocess
    import xml.etree.ElementTree as ET

    import PySide6

    lupdate = Path(PySide6.__file__).resolve().parent / "lupdate"
    copy = tmp_path / "antq_en.ts"
    shutil.copy(translations.ts_path("en"), copy)
    ui = Path(translations.__file__).resolve().parent
    sources = sorted(str(p) for p in ui.rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(copy)], check=True, capture_output=True)
    missing = [m.findtext("source") for m in ET.parse(copy).iter("message")
               if m.find("translation").get("type") == "unfinished"]
    assert missing == []
