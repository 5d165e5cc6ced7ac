"""The informant identity on the information source form (`IdentityField`).

An officer types the identity of whoever gave the tip; the form seals it on save
(`seal_pending`, through `desktop.services.identities`) and the field empties. The field never
shows an identity already recorded — only "Đã lưu danh tính (đã mã hóa)". A commander gets
"Xem danh tính…": their password (asked in `ask_password`, which tests replace), then the text in
a small dialog that closes itself after a minute; every reveal is audited by the service.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.engine import transaction
from desktop.services import identities, keys
from desktop.services.identities import IdentityError
from desktop.services.installation import Database
from desktop.services.keys import KeyProblem
from desktop.services.permissions import Actor, Permission, PermissionDenied
from desktop.ui.forms.fields import ERROR_COLOUR
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import show_error

MAX_LENGTH = identities.MAX_LENGTH
SHOW_FOR_MS = 60_000  # a revealed identity stays on screen one minute at most
_PLAIN_ERRORS = (IdentityError, KeyProblem, PermissionDenied)


class IdentityField(Retranslating, QWidget):
    """`source_id` None for a new source (set it with `set_source` once saved); `user_id` is
    the signed-in account (a commander's password opens the key)."""

    changed = Signal()
    revealed = Signal()  # after a reveal was shown (and audited)

    def __init__(self, database: Database, actor: Actor, user_id: int | None, source_id: int | None = None,
                 source_ref: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.user_id = user_id
        self.source_id = source_id
        self.source_ref = source_ref
        self.stored = False  # an identity is recorded for the source
        self.key_ready = False  # the installation key exists, so one can be sealed
        self.dialog: RevealDialog | None = None
        self._problem: str | None = None

        self.editor = QLineEdit(self)
        self.editor.setMaxLength(MAX_LENGTH)
        self.editor.setClearButtonEnabled(True)
        self.editor.textChanged.connect(lambda _text: self.changed.emit())
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.reveal_button = QPushButton(self)
        self.reveal_button.setAutoDefault(False)
        self.reveal_button.clicked.connect(self.reveal)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        self.refresh()

    # -- texts ---------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.editor.setPlaceholderText(
            self.tr("Nhập để thay danh tính đã lưu") if self.stored
            else self.tr("Họ tên, địa chỉ, điện thoại của người cung cấp tin"))
        self.editor.setToolTip(self.tr("Danh tính được mã hóa khi lưu; sau đó chỉ chỉ huy xem lại được."))
        self.reveal_button.setText(self.tr("Xem danh tính…"))
        self.reveal_button.setToolTip(self.tr("Cần mật khẩu của bạn; lần xem được ghi vào nhật ký"))
        self._show_status()

    def _show_status(self) -> None:
        if self._problem is not None:
            self.status.setText(self._problem)
            self.status.setStyleSheet(f"color: {ERROR_COLOUR};")
            return
        self.status.setStyleSheet("")
        if self.stored:
            self.status.setText(self.tr("Đã lưu danh tính (đã mã hóa)"))
        elif not self.actor.may(Permission.SEAL_IDENTITIES):
            self.status.setText(self.tr("Chưa có danh tính"))
        elif not self.key_ready:
            self.status.setText(self.tr("Chưa ghi được danh tính: cần một chỉ huy tạo khóa danh tính trước."))
        else:
            self.status.setText(self.tr("Chưa có danh tính"))

    # -- state ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reads whether an identity is recorded and whether one can be sealed (one short session)."""
        with self.database.sessions() as session:
            self.key_ready = keys.has_installation_key(session)
            self.stored = self.source_id is not None and identities.has_identity(session, self.actor, self.source_id)
        may_seal = self.actor.may(Permission.SEAL_IDENTITIES)
        self.editor.setVisible(may_seal)
        self.editor.setEnabled(may_seal and self.key_ready)
        self.reveal_button.setVisible(self.stored and self.user_id is not None
                                      and self.actor.may(Permission.REVEAL_IDENTITIES))
        self.retranslate_ui()

    def set_source(self, source_id: int, source_ref: str | None = None) -> None:
        """The source the field belongs to, once the form has saved a new one."""
        self.source_id, self.source_ref = source_id, source_ref
        self.refresh()

    def pending_text(self) -> str | None:
        """What was typed, to seal on save; None when nothing was."""
        value = self.editor.text().strip()
        return value or None

    def clear(self) -> None:
        self.editor.clear()
        self._problem = None
        self._show_status()

    def is_dirty(self) -> bool:
        return self.pending_text() is not None

    def set_problem(self, message: str | None) -> None:
        """A plain message under the field in red (None: back to the status)."""
        self._problem = message
        self._show_status()

    # -- actions -------------------------------------------------------------------------------

    def seal_pending(self, source_id: int | None = None) -> bool:
        """Seals what was typed for the source (in its own transaction, after the record was
        saved), then empties the field. True when nothing was pending or it was sealed; False
        with the message shown under the field (the text stays for another try)."""
        if source_id is not None:
            self.source_id = source_id
        text = self.pending_text()
        if text is None:
            return True
        assert self.source_id is not None, "seal_pending before the source was saved"
        try:
            with transaction(self.database.sessions) as session:
                identities.seal_identity(session, self.actor, self.source_id, text)
        except _PLAIN_ERRORS as exc:
            self.set_problem(exc.message if hasattr(exc, "message") else str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - disk full, locked file, or a bug: said, not raised
            show_error(self, exc)
            return False
        self.clear()
        self.refresh()
        return True

    def ask_password(self) -> str | None:
        """The signed-in commander's password, or None when cancelled (tests replace this)."""
        password, ok = QInputDialog.getText(self, self.tr("Xem danh tính"), self.tr("Mật khẩu của bạn:"),
                                            QLineEdit.EchoMode.Password)
        return password if ok else None

    def reveal(self) -> None:
        if self.source_id is None or self.user_id is None:
            return
        password = self.ask_password()
        if password is None:
            return
        try:
            with transaction(self.database.sessions) as session:
                text = identities.reveal_with_password(session, self.actor, self.user_id, password, self.source_id)
        except _PLAIN_ERRORS as exc:
            self.set_problem(exc.message if hasattr(exc, "message") else str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - as in seal_pending; nothing is shown unaudited
            show_error(self, exc)
            return
        self.set_problem(None)
        self.dialog = RevealDialog(text, self.source_ref, self)
        self.dialog.open()
        self.revealed.emit()


class RevealDialog(Retranslating, QDialog):
    """Shows a revealed identity, not selectable (no clipboard), and closes itself after
    `SHOW_FOR_MS`; closing forgets the text."""

    def __init__(self, text: str, source_ref: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.source_ref = source_ref
        self.heading = QLabel(self)
        self.identity = QLabel(text, self)
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.identity.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.identity.setFont(font)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.identity)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.reject)
        self.timer.start(SHOW_FOR_MS)
        self.finished.connect(lambda _result: self.identity.clear())
        self.retranslate_ui()
        self.setMinimumWidth(360)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Danh tính người cung cấp tin"))
        self.heading.setText(self.tr("Nguồn tin %1").replace("%1", self.source_ref or ""))
        self.note.setText(self.tr("Lần xem này đã được ghi vào nhật ký. Cửa sổ tự đóng sau %1 giây.")
                          .replace("%1", str(SHOW_FOR_MS // 1000)))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))


__all__ = ["IdentityField", "RevealDialog"]
