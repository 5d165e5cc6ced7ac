"""The Exchange page's "exchange keys" tab (USB exchange), for the administrator: make the
province's key and write its key file for the units ("Tạo khóa tỉnh…", as `antq keys
init-province`), take the province's key file and write this unit's enrolment file ("Nhận khóa
tỉnh…", as `antq keys init-unit`, then both fingerprints to read aloud), trust a unit's enrolment
file ("Đăng ký khóa đơn vị…", after its fingerprint was compared), and the list of keys with
"Thu hồi". The work is `desktop.services.exchange.keys`; deriving the passphrase's key (argon2id)
takes about a second, so making or opening the own key runs in the background."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.engine import transaction
from db.models import AdminUnit
from desktop.i18n import t
from desktop.services.exchange import keys as xkeys
from desktop.services.keys import KeyProblem
from desktop.services.permissions import Permission, PermissionDenied
from desktop.ui.context import AppContext
from desktop.ui.exchange_export import ERROR_STYLE, OK_STYLE
from desktop.ui.passphrase_dialog import PassphraseDialog, ask_passphrase
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, refusal_text, run_in_background, show_error

KEY_FILTER_SUFFIX = f"*{xkeys.SUFFIX}"


@dataclass(frozen=True)
class KeysDone:
    """What a key action wrote, for the message under the buttons."""

    path: Path
    own: str  # this installation's fingerprint (30 digits)
    receiver: str = ""  # the province's, after "Nhận khóa tỉnh…"


def _made_province_key(database: Any, folder: Path, passphrase: str, actor: Any) -> KeysDone:
    written: list[Path] = []
    try:
        with transaction(database.sessions) as session:
            pair = xkeys.ensure_own_keys(session, passphrase, actor=actor)
            written.append(xkeys.write_receiver_key_file(session, folder, actor=actor))
    except BaseException:  # the file goes again when the keys were not stored
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return KeysDone(written[0], pair.public.fingerprint)


def _took_province_key(database: Any, key_file: Path, folder: Path, passphrase: str, actor: Any) -> KeysDone:
    written: list[Path] = []
    try:
        with transaction(database.sessions) as session:
            pair = xkeys.ensure_own_keys(session, passphrase, actor=actor)
            receiver = xkeys.trust_receiver(session, key_file, actor=actor).fingerprint
            written.append(xkeys.write_enrolment_file(session, pair, folder, actor=actor))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return KeysDone(written[0], pair.public.fingerprint, receiver)


class KeysBox(Retranslating, QWidget):
    """Buttons for the administrator, the list of keys for everyone who may view."""

    keys_changed = Signal()
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.keys: list[xkeys.KeyInfo] = []
        self.has_own_key = False
        self.task: TaskHandle[Any] | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.last_done: KeysDone | None = None
        self.province_button, self.unit_button = QPushButton(), QPushButton()
        self.enrol_button, self.revoke_button = QPushButton(), QPushButton()
        self.province_button.clicked.connect(self.make_province_key)
        self.unit_button.clicked.connect(self.take_province_key)
        self.enrol_button.clicked.connect(self.choose_enrolment)
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.table = QTreeWidget()
        self.table.setColumnCount(5)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.header()
        header.setStretchLastSection(False)
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.province_button, self.unit_button, self.enrol_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.province_button.setText(self.tr("Tạo &khóa tỉnh…"))
        self.unit_button.setText(self.tr("&Nhận khóa tỉnh…"))
        self.enrol_button.setText(self.tr("Đăng ký khóa đơn &vị…"))
        self.revoke_button.setText(self.tr("Thu &hồi"))
        self.table.setHeaderLabels([self.tr("Vai trò"), self.tr("Đơn vị"), self.tr("Dấu vân tay khóa"),
                                    self.tr("Ngày thêm"), self.tr("Thu hồi")])
        self._fill()
        if self.last_done is not None:
            self._show_done(self.last_done)
        self._update_buttons()

    # -- the list -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        with self.context.database.sessions() as session:
            try:
                self.keys = xkeys.list_keys(session, actor=self.context.actor)
            except PermissionDenied:
                self.keys = []
        self.has_own_key = any(info.role == "own" for info in self.keys)
        self._fill()
        self._update_buttons()

    def _fill(self) -> None:
        self.table.clear()
        for info in self.keys:
            item = QTreeWidgetItem([
                t(f"xkey_role_{info.role}"), f"{info.unit_name} ({info.unit_code})",
                xkeys.show_fingerprint(info.fingerprint), f"{info.added_at:%d/%m/%Y}",
                f"{info.revoked_at:%d/%m/%Y}" if info.revoked_at is not None else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, info.fingerprint)
            self.table.addTopLevelItem(item)

    def selected(self) -> xkeys.KeyInfo | None:
        items = self.table.selectedItems()
        return self.keys[self.table.indexOfTopLevelItem(items[0])] if items else None

    def _busy(self) -> bool:
        return self.task is not None and not self.task.is_finished

    def _update_buttons(self) -> None:
        allowed = self.context.may(Permission.MANAGE_KEYS)
        why = "" if allowed else self.tr("Chỉ người quản trị được quản lý khóa trao đổi.")
        for button in (self.province_button, self.unit_button, self.enrol_button):
            button.setEnabled(allowed and not self._busy())
            button.setToolTip(why)
        chosen = self.selected()
        revocable = chosen is not None and chosen.role != "own" and chosen.revoked_at is None
        self.revoke_button.setEnabled(allowed and revocable and not self._busy())
        self.revoke_button.setToolTip(why or ("" if revocable else self.tr("Chọn một khóa còn hiệu lực trong danh sách.")))

    def _say(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        message = refusal_text(exc)
        if message is None:
            self._say("")
            show_error(self, exc)
            return
        self.last_done = None
        self._say(message, ERROR_STYLE)
        self.failed.emit(message)

    def _changed(self) -> None:
        self.refresh()
        self.keys_changed.emit()

    # -- making and taking keys -----------------------------------------------------------------------

    def _ask(self, title: str, on_chosen: Any) -> None:
        if self.has_own_key:
            prompt = self.tr("Cụm từ mật khẩu của khóa trao đổi của máy này:")
        else:
            prompt = self.tr("Đặt cụm từ mật khẩu cho khóa trao đổi (ít nhất %1 ký tự). Hãy ghi nhớ: mất cụm từ "
                             "này thì phải tạo khóa mới và đăng ký lại.").replace("%1", str(xkeys.MIN_PASSPHRASE))
        self.passphrase_dialog = ask_passphrase(self, title, prompt, on_chosen, confirm=not self.has_own_key,
                                                min_length=0 if self.has_own_key else xkeys.MIN_PASSPHRASE)

    def _folder(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, title)
        return Path(name) if name else None

    def make_province_key(self) -> None:
        folder = self._folder(self.tr("Chọn thư mục (USB) ghi tệp khóa của tỉnh cho các đơn vị"))
        if folder is None:
            return
        database, actor = self.context.database, self.context.actor

        def start(passphrase: str) -> None:
            self._start(self.tr("Tạo khóa tỉnh"),
                        lambda _progress: _made_province_key(database, folder, passphrase, actor))

        self._ask(self.tr("Tạo khóa tỉnh"), start)

    def take_province_key(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp khóa do tỉnh cấp"), "",
            self.tr("Tệp khóa ANTQ (%1);;Tất cả các tệp (*)").replace("%1", KEY_FILTER_SUFFIX))
        if not name:
            return
        key_file = Path(name)
        try:
            xkeys.read_key_file(key_file, xkeys.RECEIVER_TYPE)  # a wrong file is said before the passphrase
        except KeyProblem as problem:
            self._failed(problem)
            return
        folder = self._folder(self.tr("Chọn thư mục (USB) ghi tệp đăng ký khóa để mang lên tỉnh"))
        if folder is None:
            return
        database, actor = self.context.database, self.context.actor

        def start(passphrase: str) -> None:
            self._start(self.tr("Nhận khóa tỉnh"),
                        lambda _progress: _took_province_key(database, key_file, folder, passphrase, actor))

        self._ask(self.tr("Nhận khóa tỉnh"), start)

    def _start(self, title: str, job: Any) -> None:
        if self._busy():
            return
        self._say(self.tr("Đang mở khóa…"))
        self.task = run_in_background(self, title, job, self._done, self._failed, cancellable=False)
        self._update_buttons()

    def _done(self, done: KeysDone) -> None:
        self.last_done = done
        self._show_done(done)
        self._changed()

    def _show_done(self, done: KeysDone) -> None:
        own = xkeys.show_fingerprint(done.own)
        if done.receiver:
            lines = [self.tr("Đã ghi tệp đăng ký khóa (mang lên tỉnh): %1").replace("%1", str(done.path)),
                     self.tr("Dấu vân tay khóa của máy này: %1").replace("%1", own),
                     self.tr("Dấu vân tay khóa của tỉnh: %1").replace("%1", xkeys.show_fingerprint(done.receiver)),
                     self.tr("Hãy đọc to hai dấu vân tay này để đối chiếu với cán bộ ở tỉnh.")]
        else:
            lines = [self.tr("Đã ghi tệp khóa của tỉnh cho các đơn vị: %1").replace("%1", str(done.path)),
                     self.tr("Dấu vân tay khóa của máy này: %1").replace("%1", own),
                     self.tr("Khi đơn vị nhận tệp, hãy đọc to dấu vân tay này để đơn vị đối chiếu.")]
        self._say("\n".join(lines), OK_STYLE)

    # -- enrolling and revoking -------------------------------------------------------------------------

    def choose_enrolment(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp đăng ký khóa của đơn vị"), "",
            self.tr("Tệp khóa ANTQ (%1);;Tất cả các tệp (*)").replace("%1", KEY_FILTER_SUFFIX))
        if not name:
            return
        path = Path(name)
        try:
            public, _document = xkeys.read_key_file(path, xkeys.ENROLMENT_TYPE)
        except KeyProblem as problem:
            self._failed(problem)
            return
        text = self.tr("Đăng ký khóa của %1 (mã %2)?").replace("%1", public.unit_name).replace("%2", public.unit_code)
        details = self.tr("Dấu vân tay khóa: %1\n\nChỉ đăng ký khi dấu vân tay này giống hệt dấu vân tay cán bộ "
                          "đơn vị đọc cho bạn.").replace("%1", xkeys.show_fingerprint(public.fingerprint))
        self._confirm(self.tr("Đăng ký khóa đơn vị"), text, details, self.tr("Đăng ký"), lambda: self.enrol(path))

    def enrol(self, path: Path) -> None:
        try:
            with transaction(self.context.database.sessions) as session:
                row = xkeys.enrol(session, path, actor=self.context.actor)
                unit = session.get_one(AdminUnit, row.unit_id)
                unit_text, fingerprint = f"{unit.name} ({unit.code})", xkeys.show_fingerprint(row.fingerprint)
        except Exception as exc:  # noqa: BLE001 - a refusal in words, anything else reported
            self._failed(exc)
            return
        self.last_done = None
        self._say(t("xkey_enrolled", unit=unit_text) + "\n" + t("xkey_fingerprint_line", fingerprint=fingerprint),
                  OK_STYLE)
        self._changed()

    def ask_revoke(self) -> None:
        info = self.selected()
        if info is None or not self.revoke_button.isEnabled():
            return
        text = self.tr("Thu hồi khóa của %1 (mã %2)?").replace("%1", info.unit_name).replace("%2", info.unit_code)
        details = self.tr("Dấu vân tay khóa: %1\n\nSau khi thu hồi, không nhận gói nào ký bằng khóa này nữa; "
                          "không hoàn tác được.").replace("%1", xkeys.show_fingerprint(info.fingerprint))
        self._confirm(self.tr("Thu hồi khóa"), text, details, self.tr("Thu hồi"),
                      lambda: self.revoke(info.fingerprint))

    def revoke(self, fingerprint: str) -> None:
        try:
            with transaction(self.context.database.sessions) as session:
                info = xkeys.revoke(session, fingerprint, actor=self.context.actor)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            return
        self.last_done = None
        self._say(t("xkey_revoked_done", fingerprint=xkeys.show_fingerprint(info.fingerprint),
                    unit=f"{info.unit_name} ({info.unit_code})",
                    date=f"{info.revoked_at:%d/%m/%Y}" if info.revoked_at else ""), OK_STYLE)
        self._changed()

    def _confirm(self, title: str, text: str, details: str, action: str, on_yes: Any) -> None:
        """A question opened without blocking; `confirm_box.yes_button` is the action's button."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(details)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes.clicked.connect(on_yes)
        box.yes_button = yes  # type: ignore[attr-defined]
        self.confirm_box = box
        box.open()
