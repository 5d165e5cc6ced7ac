"""The form of one record of any kind: its fields in the order of the paper form
(`record_specs.SPECS`), "save" (Ctrl+S), "save and new" (Ctrl+Enter), "copy the previous
record", a question before saving a likely duplicate, validation messages at the fields (from
`desktop.services.validation`, through `desktop.services.editing`), and a question before closing
with unsaved changes. Non-blocking: callers `show()` it (see `open_record_form`).
"""
from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.units import scheme_on
from desktop.i18n import language
from desktop.services import editing
from desktop.services.record_specs import SPECS
from desktop.services.validation import Violation, field_label
from desktop.ui.context import AppContext
from desktop.ui.forms.fields import ERROR_COLOUR, DateField, Field, MultiField, PickField, make_field
from desktop.ui.forms.identity import IdentityField
from desktop.ui.forms.questions import ask_duplicate, ask_unsaved
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import show_error

OK_COLOUR = "#2e7d32"
_ORGANISATION_FIELDS = ("organisers", "lead_organisation", "organisation")


class RecordForm(Retranslating, QDialog):
    """A new record (record_id None) or an existing one of `kind`."""

    def __init__(self, context: AppContext, kind: str, record_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.spec = SPECS[kind]
        self.record_id = record_id
        self.ref: str | None = None
        self._filling = False
        self._units_scheme: str | None = None  # the unit list the unit field offers
        self._unit_by_scheme: dict[str, str | None] = {}  # the unit last chosen in each list
        self._dependents_key: tuple[object, ...] | None = None  # what the organisation lists were made for
        self._baseline: dict[str, Any] = {}

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        body = QWidget(self)
        self.layout_form = QFormLayout(body)
        self.layout_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.layout_form.setVerticalSpacing(4)
        self.layout_form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.fields: dict[str, Field] = {}
        self.labels: dict[str, QLabel] = {}
        for spec in self.spec.fields:
            field = make_field(spec, body)
            label = QLabel(body)
            label.setBuddy(field.editor())
            label.setContentsMargins(0, 2, 0, 0)  # level with the first line of the editor
            self.fields[spec.name] = field
            self.labels[spec.name] = label
            self.layout_form.addRow(label, field)
            field.changed.connect(lambda name=spec.name: self._field_changed(name))
        self.identity: IdentityField | None = None
        self.identity_label: QLabel | None = None
        if kind == "sources":  # who gave the information: sealed on saving, never shown back
            self.identity = IdentityField(context.database, context.actor, _user_id(context), record_id, None, body)
            self.identity_label = QLabel(body)
            self.identity_label.setBuddy(self.identity.editor)
            self.layout_form.addRow(self.identity_label, self.identity)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)

        self.copy_button = QPushButton(self)
        self.save_new_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.close_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        for button in (self.save_new_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        for button in (self.copy_button, self.save_new_button, self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter in a field must not save or close
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)

        self.copy_button.clicked.connect(self.copy_previous)
        self.save_new_button.clicked.connect(self.save_and_new)
        self.save_button.clicked.connect(self.save_and_close)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_and_close)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save_and_new)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.save_and_new)

        self.retranslate_ui()
        if record_id is not None:
            with context.database.sessions() as session:
                self._fill(editing.form_values(session, kind, record_id))
            self.ref = self.fields["ref"].value() or None
        else:
            self._fill({})
        self._set_tab_order()
        self._mark_clean()
        self._update_title()
        self.resize(720, 640)
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    # -- texts ---------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        lang = language()
        for name, label in self.labels.items():
            spec = self.spec.field(name)
            text = field_label(spec, lang)
            label.setText(text[:1].upper() + text[1:] + (" *" if spec.required else ""))
        if self.identity_label is not None:
            self.identity_label.setText(self.tr("Người cung cấp tin"))
        for field in self.fields.values():
            field.retranslate_ui()
        self.copy_button.setText(self.tr("Chép bản ghi trước"))
        self.copy_button.setToolTip(self.tr("Điền các ô từ bản ghi vừa nhập gần nhất"))
        self.save_new_button.setText(self.tr("Lưu và nhập tiếp"))
        self.save_new_button.setToolTip(self.tr("Lưu rồi để trống các ô cho bản ghi sau (Ctrl+Enter)"))
        self.save_button.setText(self.tr("Lưu"))
        self.save_button.setToolTip(self.tr("Lưu và đóng (Ctrl+S)"))
        self.close_button.setText(self.tr("Đóng"))
        self.close_button.setToolTip(self.tr("Đóng (Esc)"))
        self._load_choices()
        self._update_title()

    def _noun(self) -> str:
        return {
            "sessions": self.tr("buổi tuyên truyền"),
            "models": self.tr("mô hình"),
            "sources": self.tr("nguồn tin"),
            "cases": self.tr("vụ việc"),
            "commendations": self.tr("quyết định khen thưởng"),
            "recipients": self.tr("người, tập thể được khen"),
        }[self.kind]

    def _update_title(self) -> None:
        if self.record_id is not None:
            self.setWindowTitle(self.tr("Sửa %1 %2").replace("%1", self._noun()).replace("%2", self.ref or ""))
        else:
            self.setWindowTitle(self.tr("Thêm %1").replace("%1", self._noun()))


    # -- values --------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the fields hold, as `validate` takes it."""
        return {name: field.value() for name, field in self.fields.items()}

    def is_dirty(self) -> bool:
        return self.values() != self._baseline or (self.identity is not None and self.identity.is_dirty())

    def _mark_clean(self) -> None:
        self._baseline = self.values()

    def first_field(self) -> QWidget:
        """The first field to fill: the ref is assigned when saving, so it is skipped."""
        name = next(f.name for f in self.spec.fields if f.name != "ref")
        return self.fields[name].editor()

    def _date(self) -> Any:
        field = self.fields.get(self.spec.date_field or "")
        return field.date() if isinstance(field, DateField) else None

    def _fill(self, values: dict[str, Any]) -> None:
        """Puts values in the fields (missing ones get their defaults): the date first, which
        decides the units offered, then the unit, which decides the organisations offered."""
        self._filling = True
        try:
            order = [self.spec.date_field, "unit_code"]
            names = [n for n in order if n in self.fields] + [n for n in self.fields if n not in order]
            for name in names:
                spec = self.spec.field(name)
                value = values.get(name, spec.default)
                if name == "unit_code":
                    self._refresh_units()
                    if value is None and "unit_code" not in values:
                        value = self._only_unit()
                self.fields[name].set_value(value)
                if name == "unit_code":
                    self._refresh_dependents()
            self._refresh_dependents()
        finally:
            self._filling = False
        for field in self.fields.values():
            field.set_error(None)

    def _only_unit(self) -> str | None:
        field = self.fields["unit_code"]
        assert isinstance(field, PickField)
        choices = field.pick.choices()
        return choices[0][0] if len(choices) == 1 and self.kind != "recipients" else None

    # -- choices -------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        """The lists that do not depend on the record's unit (in the current language)."""
        with self.context.database.sessions() as session:
            if isinstance(field := self.fields.get("topics"), MultiField):
                field.set_choices(editing.topic_choices(session))
            if isinstance(field := self.fields.get("decision_number"), PickField):
                field.set_choices(editing.decision_choices(session))
        self._dependents_key = None
        self._refresh_dependents()

    def _refresh_units(self) -> None:
        field = self.fields.get("unit_code")
        if not isinstance(field, PickField):
            return
        day = self._date()
        scheme = scheme_on(day)
        if scheme == self._units_scheme:
            return
        if self._units_scheme is not None:
            self._unit_by_scheme[self._units_scheme] = field.value()
        self._units_scheme = scheme
        with self.context.database.sessions() as session:
            choices = editing.unit_choices(session, day)
        field.set_choices(choices)
        if not self._filling:
            # The 2025 reform reused codes: the same code is another unit in the other list, so
            # the unit is chosen again (the one last chosen in this list, or the only one).
            field.set_value(self._unit_by_scheme.get(scheme) or self._only_unit())

    def _refresh_dependents(self) -> None:
        """The organisations (and sources) of the record's unit, kept checked where they can be."""
        unit_field = self.fields.get("unit_code")
        unit = unit_field.value() if unit_field is not None else None
        day = self._date()
        key = (unit, scheme_on(day), language())
        if key == self._dependents_key:
            return
        self._dependents_key = key
        wanted = [n for n in (*_ORGANISATION_FIELDS, "source_refs") if n in self.fields]
        if not wanted:
            return
        with self.context.database.sessions() as session:
            organisations = editing.organisation_choices(session, unit, day)
            sources = editing.source_choices(session, unit, day) if "source_refs" in wanted else []
        for name in wanted:
            field = self.fields[name]
            assert isinstance(field, PickField | MultiField)
            if name == "source_refs":
                field.set_choices(sources)
                continue
            before = field.value()
            field.set_choices(organisations)
            if not self._filling:
                field.set_value(editing.same_organisations(before, organisations))

    def _field_changed(self, name: str) -> None:
        field = self.fields[name]
        if field.has_error():
            field.set_error(None)
        if self._filling:
            return
        if name == self.spec.date_field:
            self._refresh_units()
            self._refresh_dependents()
        elif name == "unit_code" and isinstance(field, PickField):
            unit = field.value()
            if unit is None or unit in dict(field.choices()):  # a unit chosen, not every letter typed
                self._refresh_dependents()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [w for f in self.fields.values() for w in f.focus_chain()]
        chain += [self.save_new_button, self.save_button, self.close_button, self.copy_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- messages ------------------------------------------------------------------------------

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOUR if error else OK_COLOUR}; font-weight: bold;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_violations(self, violations: list[Violation]) -> None:
        """Each message under its field (a red frame around it), focus on the first bad field;
        messages about fields the form does not show go to the top."""
        elsewhere = []
        for violation in violations:
            field = self.fields.get(violation.field)
            if field is None:
                elsewhere.append(violation.message)
                continue
            before = field.error.text()
            field.set_error(f"{before}\n{violation.message}" if before else violation.message)
        summary = self.tr("Chưa lưu: hãy sửa các ô đánh dấu đỏ.")
        self.show_message("\n".join([summary, *elsewhere]), error=True)
        for field in self.fields.values():
            if field.has_error():
                self.scroll.ensureWidgetVisible(field)
                field.editor().setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.set_error(None)
        self.show_message("")

    # -- questions (methods, so tests can answer them) -----------------------------------------

    def confirm_duplicate(self, refs: list[str]) -> bool:
        """Asks whether to save a record that looks like `refs`; True to save anyway."""
        return ask_duplicate(self, refs, self._duplicate_rule())

    def _duplicate_rule(self) -> str:
        return {
            "sessions": self.tr("Cùng đơn vị, ngày, hình thức và đơn vị tổ chức."),
            "models": self.tr("Cùng đơn vị và tên mô hình."),
            "sources": self.tr("Cùng đơn vị, ngày, lĩnh vực, hình thức cung cấp và nội dung."),
            "cases": self.tr("Cùng đơn vị, ngày, lĩnh vực và số đối tượng."),
            "recipients": self.tr("Cùng quyết định và tên."),
        }.get(self.kind, "")

    def ask_unsaved(self) -> str:
        """Asks what to do with unsaved changes: "save", "discard" or "cancel"."""
        return ask_unsaved(self)

    # -- actions -------------------------------------------------------------------------------

    def save(self) -> bool:
        """Saves what the form holds; True when saved (then the form holds the saved record)."""
        self.clear_errors()
        for field in self.fields.values():
            if isinstance(field, PickField):
                field.pick.settle()  # words typed that fit one entry mean that entry
        raw = self.values()
        database, user = self.context.database, self.context.username
        try:
            result = editing.save_record(database, self.kind, raw, user, self.record_id, allow_duplicates=False,
                                         actor=self.context.actor)
            if result.action == "duplicate":
                if not self.confirm_duplicate(result.duplicates):
                    self.show_message(self.tr("Chưa lưu."), error=True)
                    return False
                result = editing.save_record(database, self.kind, raw, user, self.record_id, actor=self.context.actor)
        except Exception as error:  # noqa: BLE001 - shown to the user (plain or as a bug report)
            show_error(self, error)
            return False
        if result.violations:
            self.show_violations(result.violations)
            return False
        self.record_id, self.ref = result.record_id, result.ref
        self.fields["ref"].set_value(result.ref)
        if self.identity is not None:
            self.identity.set_source(result.record_id, result.ref)
            if not self.identity.seal_pending(result.record_id):
                self._mark_clean()  # the record is saved; the identity waits, its problem shown
                return False
        self._mark_clean()
        self._update_title()
        self.context.records_changed.emit(self.kind)
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def save_and_new(self) -> None:
        if not self.save():
            return
        saved = self.ref
        self.clear_for_next()
        self.show_message(self.tr("Đã lưu %1. Nhập bản ghi tiếp theo.").replace("%1", saved or ""))

    def clear_for_next(self) -> None:
        """An empty form for the next record, keeping the date and the unit."""
        keep = {name: self.fields[name].value() for name in (self.spec.date_field, "unit_code")
                if name in self.fields}
        self.record_id, self.ref = None, None
        if self.identity is not None:
            self.identity.clear()
            self.identity.source_id, self.identity.source_ref = None, None
        self._fill(keep)
        self._mark_clean()
        self._update_title()
        editor = self.first_field()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if hasattr(editor, "selectAll"):
            editor.selectAll()

    def copy_previous(self) -> None:
        with self.context.database.sessions() as session:
            values = editing.previous_values(session, self.kind)
        if values is None:
            self.show_message(self.tr("Chưa có bản ghi nào để chép."), error=True)
            return
        self._fill(values)
        self.show_message(self.tr("Đã chép bản ghi trước: hãy sửa những gì khác."))
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
            return  # Enter in a field neither saves nor closes
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Esc, "Đóng" and the window's close button (QDialog's closeEvent calls this): ask first
        when something is unsaved; the form stays open unless the answer lets it close."""
        if self.is_dirty():
            answer = self.ask_unsaved()
            if answer == "cancel" or (answer == "save" and not self.save()):
                return
        super().reject()


def open_record_form(parent: QWidget | None, context: AppContext, kind: str,
                     record_id: int | None = None) -> RecordForm:
    """Opens the form without blocking; it deletes itself when closed."""
    form = RecordForm(context, kind, record_id, parent)
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    form.show()
    return form


def _user_id(context: AppContext) -> int | None:
    """The signed-in account's id (a commander's password opens the identity key)."""
    from desktop.services.accounts import account_info

    with context.database.sessions() as session:
        info = account_info(session, context.actor.username)
    return info.id if info is not None else None
