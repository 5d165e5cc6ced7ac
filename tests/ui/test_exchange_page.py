"""The Exchange page's USB packages, driven as a user would: a commune writes a package to a
folder, the province checks it (a dry run that writes nothing), then imports it; a wrong
passphrase is said and nothing is written; the drive list shows the volumes Qt reports; the
administrator makes and trusts keys from the Keys tab."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QStorageInfo, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.i18n import t
from desktop.services.exchange import keys as xkeys
from desktop.services.listing import ListQuery, count
from desktop.services.permissions import Actor
from desktop.ui.context import AppContext
from desktop.ui.exchange_export import writable_volumes
from desktop.ui.pages.exchange import ExchangePage
from tests.conftest import HA_TU, QUANG_NINH
from tests.services.exchange_setup import PASSPHRASE, Site, add_session, fast_keys, link, make_site

DAY = dt.date(2025, 9, 12)
COMMANDER = Actor("chihuy", "commander")
ADMIN = Actor("quantri", "administrator")
LEFT = Qt.MouseButton.LeftButton


class FakeWindow:
    """The page's spreadsheet buttons call the window; not used here."""

    def import_table(self) -> None: ...

    def export_table(self) -> None: ...


@pytest.fixture
def sites(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Site, Site, Path]]:
    fast_keys(monkeypatch)
    province = make_site(template_db, tmp_path, "province", QUANG_NINH)
    commune = make_site(template_db, tmp_path, "commune", HA_TU)
    usb = tmp_path / "usb"
    usb.mkdir()
    yield province, commune, usb
    province.database.dispose()
    commune.database.dispose()


@pytest.fixture
def linked(sites: tuple[Site, Site, Path], tmp_path: Path) -> tuple[Site, Site, Path]:
    province, commune, _usb = sites
    link(province, commune, tmp_path / "keys")
    return sites


def open_page(qtbot: Any, site: Site, actor: Actor = COMMANDER) -> ExchangePage:
    context = AppContext(site.database, actor.username, actor=actor)
    page = ExchangePage(context, FakeWindow())
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def sessions_count(site: Site) -> int:
    with site.session() as session:
        return count(session, ListQuery("sessions"))


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Types as a keyboard with Vietnamese input does: one key event per character, carrying
    its text (QTest.keyClicks takes Latin-1 only and aborts on "ụ")."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_passphrase(qtbot: Any, dialog: Any, text: str, again: bool = False) -> None:
    qtbot.waitUntil(dialog.isVisible)
    type_text(qtbot, dialog.passphrase, text)
    assert dialog.passphrase.text() == text
    if again:
        type_text(qtbot, dialog.again, text)


def write_package(qtbot: Any, page: ExchangePage, usb: Path, monkeypatch: pytest.MonkeyPatch,
                  passphrase: str = PASSPHRASE) -> Any:
    box = page.export_box
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(usb))
    qtbot.mouseClick(box.folder_button, LEFT)
    assert box.folder() == str(usb) and box.write_button.isEnabled()
    qtbot.mouseClick(box.write_button, LEFT)
    type_passphrase(qtbot, box.passphrase_dialog, passphrase)
    signal = box.exported if passphrase == PASSPHRASE else box.failed
    with qtbot.waitSignal(signal, timeout=20_000) as outcome:
        qtbot.mouseClick(box.passphrase_dialog.ok_button, LEFT)
    return outcome.args[0]


def check_packages(qtbot: Any, page: ExchangePage, files: list[Path], monkeypatch: pytest.MonkeyPatch,
                   passphrase: str = PASSPHRASE) -> Any:
    box = page.import_box
    page.tabs.setCurrentWidget(box)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(f) for f in files], ""))
    qtbot.mouseClick(box.choose_button, LEFT)
    type_passphrase(qtbot, box.passphrase_dialog, passphrase)
    with qtbot.waitSignal(box.checked, timeout=20_000) as outcome:
        qtbot.mouseClick(box.passphrase_dialog.ok_button, LEFT)
    return outcome.args[0]


def table(box: Any) -> list[list[str]]:
    model = box.model
    return [[model.cell(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_commune_writes_a_package_then_the_province_checks_and_imports_it(
        qtbot: Any, linked: tuple[Site, Site, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    province, commune, usb = linked
    for n in range(3):
        add_session(commune, DAY - dt.timedelta(days=n), 40 + n, HA_TU)
    page = open_page(qtbot, commune)
    with commune.session() as session:
        own = xkeys.own_public(session)
    assert own is not None and xkeys.show_fingerprint(own.fingerprint) in page.export_box.key_state.text()
    assert "Tỉnh Quảng Ninh (22)" in page.export_box.key_state.text()
    assert "Gói gần nhất" not in page.export_box.key_state.text()

    result = write_package(qtbot, page, usb, monkeypatch)
    assert f"Gói gần nhất: số 1 ({result.path.name}), ngày " in page.export_box.key_state.text()
    assert result.path.exists() and result.path.parent == usb and result.path.suffix == ".antq"
    assert page.export_box.status.text() == f"Đã ghi gói {result.path.name} (3 bản ghi). Có thể rút USB."
    assert [p.name for p in usb.iterdir()] == [result.path.name]  # no temporary file left

    province_page = open_page(qtbot, province)
    changed: list[str] = []
    province_page.context.records_changed.connect(changed.append)
    report = check_packages(qtbot, province_page, [result.path], monkeypatch)
    box = province_page.import_box
    assert report.packages[0].status == "checked"
    headers = [box.model.headerData(c, Qt.Orientation.Horizontal) for c in range(box.model.columnCount())]
    assert headers == ["Tệp", "Đơn vị", "Số gói", "Trạng thái", "Tạo mới", "Cập nhật", "Không đổi", "Xóa",
                       "Bị loại", "Xung đột"]
    assert table(box) == [[result.path.name, HA_TU, "1", "đã kiểm tra (chưa ghi)", "3", "0", "0", "0", "0", "0"]]
    assert sessions_count(province) == 0 and changed == []  # a dry run writes nothing
    assert box.import_button.isEnabled()

    with qtbot.waitSignal(box.imported, timeout=20_000):
        qtbot.mouseClick(box.import_button, LEFT)
    assert table(box)[0][3:5] == ["đã nhập", "3"]
    assert box.status.text() == "Đã nhập 1 gói."
    assert sessions_count(province) == 3
    assert "sessions" in changed
    assert not box.import_button.isEnabled()  # applied: choose again to import more


def test_a_wrong_passphrase_is_said_and_nothing_is_written(
        qtbot: Any, linked: tuple[Site, Site, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    province, commune, usb = linked
    add_session(commune, DAY, 40, HA_TU)
    page = open_page(qtbot, commune)
    message = write_package(qtbot, page, usb, monkeypatch, passphrase="không phải cụm từ này")
    assert message == t("xkey_wrong_passphrase")
    assert page.export_box.status.text() == message
    assert list(usb.iterdir()) == []

    package = write_package(qtbot, page, usb, monkeypatch).path
    province_page = open_page(qtbot, province)
    report = check_packages(qtbot, province_page, [package], monkeypatch, passphrase="sai cụm từ mật khẩu")
    box = province_page.import_box
    assert report.packages[0].status == "refused"
    assert table(box)[0][3] == "bị từ chối"
    assert t("xkey_wrong_passphrase") in box.details.toPlainText()
    assert box.status.text() == report.packages[0].message and t("xkey_wrong_passphrase") in box.status.text()
    assert not box.import_button.isEnabled()
    assert sessions_count(province) == 0


class FakeVolume:
    """What the page reads of a QStorageInfo (Qt's method names)."""

    def __init__(self, root: Path | str, name: str, free: int = 0, read_only: bool = False) -> None:
        self.root, self.name, self.free, self.read_only = str(root), name, free, read_only

    def rootPath(self) -> str:
        return self.root

    def displayName(self) -> str:
        return self.name

    def isValid(self) -> bool:
        return True

    def isReady(self) -> bool:
        return True

    def isReadOnly(self) -> bool:
        return self.read_only

    def bytesAvailable(self) -> int:
        return self.free


def test_the_drive_list_shows_the_writable_volumes_qt_reports(
        qtbot: Any, sites: tuple[Site, Site, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _province, commune, usb = sites
    locked = tmp_path / "locked"
    locked.mkdir()
    volumes = [FakeVolume("/", "Hệ thống", 10 ** 12), FakeVolume(usb, "USB", int(3.2 * 1024 ** 3)),
               FakeVolume(locked, "Khóa ghi", 10 ** 9, read_only=True)]
    monkeypatch.setattr(QStorageInfo, "mountedVolumes", staticmethod(lambda: volumes))
    page = open_page(qtbot, commune)
    combo = page.export_box.drive
    assert [combo.itemText(i) for i in range(combo.count())] == [f"USB ({usb}) — còn 3,2 GB"]
    assert page.export_box.folder() == str(usb)
    assert not page.export_box.write_button.isEnabled()  # no keys yet: said, with what to do
    assert page.export_box.write_button.toolTip().startswith("Chưa có khóa trao đổi")

    monkeypatch.undo()  # the real volumes: every writable one Qt reports is offered
    qtbot.mouseClick(page.export_box.refresh_button, LEFT)
    expected = [v.root for v in writable_volumes(QStorageInfo.mountedVolumes(), commune.path)]
    assert [combo.itemData(i) for i in range(combo.count())] == expected


def test_buttons_follow_the_role(qtbot: Any, linked: tuple[Site, Site, Path]) -> None:
    _province, commune, _usb = linked
    clerk = open_page(qtbot, commune, Actor("hoi", "union_clerk"))
    assert not clerk.export_box.write_button.isEnabled()
    assert "không được ghi gói" in clerk.export_box.write_button.toolTip()
    assert not clerk.import_box.choose_button.isEnabled()
    assert "không được nhập gói" in clerk.import_box.choose_button.toolTip()
    assert not clerk.keys_box.province_button.isEnabled()
    officer = open_page(qtbot, commune, Actor("canbo", "officer"))
    assert officer.import_box.choose_button.isEnabled()
    assert officer.tabs.currentWidget() is officer.import_box  # an officer imports, never exports


def test_the_administrator_makes_takes_enrols_and_revokes_keys(
        qtbot: Any, sites: tuple[Site, Site, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    province, commune, usb = sites
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(usb))
    province_page = open_page(qtbot, province, ADMIN)
    at_province = province_page.keys_box
    qtbot.mouseClick(at_province.province_button, LEFT)
    type_passphrase(qtbot, at_province.passphrase_dialog, PASSPHRASE, again=True)
    with qtbot.waitSignal(at_province.keys_changed, timeout=20_000):
        qtbot.mouseClick(at_province.passphrase_dialog.ok_button, LEFT)
    receiver_file = usb / f"{QUANG_NINH}-receiver{xkeys.SUFFIX}"
    assert receiver_file.exists()
    assert [at_province.table.topLevelItem(0).text(c) for c in (0, 1)] == ["máy này", "Tỉnh Quảng Ninh (22)"]

    page = open_page(qtbot, commune, ADMIN)
    at_commune = page.keys_box
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(receiver_file), ""))
    qtbot.mouseClick(at_commune.unit_button, LEFT)
    type_passphrase(qtbot, at_commune.passphrase_dialog, PASSPHRASE, again=True)
    with qtbot.waitSignal(at_commune.keys_changed, timeout=20_000):
        qtbot.mouseClick(at_commune.passphrase_dialog.ok_button, LEFT)
    enrolment = usb / f"{HA_TU}-enrol{xkeys.SUFFIX}"
    assert enrolment.exists()
    with province.session() as session:
        province_fp = xkeys.show_fingerprint(xkeys.own_public(session).fingerprint)  # type: ignore[union-attr]
    said = at_commune.status.text()
    assert f"Dấu vân tay khóa của tỉnh: {province_fp}" in said and "đọc to hai dấu vân tay" in said
    assert page.export_box.keys_ready  # the export tab learnt of the new keys

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(enrolment), ""))
    qtbot.mouseClick(at_province.enrol_button, LEFT)
    qtbot.waitUntil(lambda: at_province.confirm_box is not None and at_province.confirm_box.isVisible())
    qtbot.mouseClick(at_province.confirm_box.yes_button, LEFT)
    roles = [at_province.table.topLevelItem(r).text(0) for r in range(at_province.table.topLevelItemCount())]
    assert roles == ["máy này", "đơn vị gửi"]
    assert at_province.status.text().startswith("Đã đăng ký khóa của đơn vị")

    at_province.table.setCurrentItem(at_province.table.topLevelItem(1))
    qtbot.mouseClick(at_province.revoke_button, LEFT)
    qtbot.waitUntil(lambda: at_province.confirm_box is not None and at_province.confirm_box.isVisible())
    qtbot.mouseClick(at_province.confirm_box.yes_button, LEFT)
    assert at_province.table.topLevelItem(1).text(4) == f"{dt.date.today():%d/%m/%Y}"
    with province.session() as session:
        assert [k.revoked_at is not None for k in xkeys.list_keys(session) if k.role == "sender"] == [True]
