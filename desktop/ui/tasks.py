"""Run a long job off the main thread (STYLE point 5).

A job is a plain function `job(progress) -> result` (see `desktop.services.progress`).
`run_in_background()` runs it on a worker of a `QThreadPool`, shows a `QProgressDialog` only if
the job lasts longer than `show_after_ms`, moves the progress reports to the dialog through queued
signals, turns Cancel into `progress.cancel()`, and delivers the result or the exception on the
main thread. Nothing here calls `processEvents()`: the dialog's own bar is updated directly, so
not even `QProgressDialog.setValue()` (which pumps events when modal) is used.
"""
from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from desktop.services.progress import Cancelled, Progress, is_environment_error

__all__ = ["Cancelled", "Progress", "TaskHandle", "is_environment_error", "run_in_background", "show_error"]

T = TypeVar("T")

# Reports closer together than this are merged (the last one always gets through).
_REPORT_INTERVAL_S = 0.03

# Handles of running jobs: the Python objects must live until the job has finished.
_running: set[TaskHandle[Any]] = set()


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskRunner", text)


class _Bridge(QObject):
    """Created on the main thread; the worker emits, the handle receives (queued)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: Callable[[Progress], Any], progress: Progress, bridge: _Bridge) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._job = job
        self._progress = progress
        self._bridge = bridge

    def run(self) -> None:  # on the worker thread
        try:
            result = self._job(self._progress)
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the main thread
            _emit(self._bridge.failed, exc)
        else:
            _emit(self._bridge.succeeded, result)


def _emit(signal: Any, *values: Any) -> None:
    """Emits from the worker thread; when the application is quitting and the bridge is
    already gone, nobody is listening any more and there is nothing to deliver."""
    try:
        signal.emit(*values)
    except RuntimeError:
        pass


class TaskHandle(QObject, Generic[T]):
    """One running job. `finished` is emitted on the main thread once the result or the error
    has been delivered; `wait()` blocks (in a local event loop) until then."""

    progressed = Signal(int, int)
    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
        cancellable: bool,
    ) -> None:
        super().__init__()
        self.parent_widget = parent
        self.title = title
        self.cancellable = cancellable
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancelled = on_cancelled
        self._last_emit = 0.0
        self.progress = Progress(self._report)
        self.dialog: QProgressDialog | None = None
        self.cancel_button: QPushButton | None = None
        self._bar: QProgressBar | None = None
        self.is_finished = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self.bridge = _Bridge()
        self.bridge.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.bridge.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.bridge.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)

    # -- worker side -------------------------------------------------------------------------

    def _report(self, done: int, total: int) -> None:
        """Called by `Progress.report()` on the worker thread: throttled, then queued."""
        now = time.monotonic()
        if done >= total or now - self._last_emit >= _REPORT_INTERVAL_S:
            self._last_emit = now
            _emit(self.bridge.progressed, done, total)

    # -- main thread -------------------------------------------------------------------------

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled

    def cancel(self) -> None:
        """Ask the job to stop; it notices at its next look at `progress.cancelled`."""
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(_tr("Đang dừng…"))
            if self.cancel_button is not None:
                self.cancel_button.setEnabled(False)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Until the result or error has been delivered; False on timeout. For tests and for
        closing the application cleanly."""
        if self.is_finished:
            return True
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        self.finished.disconnect(loop.quit)
        return self.is_finished

    def _start_timer(self, show_after_ms: int | None) -> None:
        if show_after_ms is not None:  # None: the caller shows its own "working" state
            self._show_timer.start(max(0, show_after_ms))

    @Slot()
    def _show_dialog(self) -> None:
        if self.is_finished or self.dialog is not None:
            return
        dialog = QProgressDialog(self.parent_widget)
        dialog.setWindowTitle(self.title)
        dialog.setLabelText(self.title)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        self._bar = QProgressBar(dialog)
        self._bar.setRange(0, 0)  # busy until the first report
        dialog.setBar(self._bar)
        if self.cancellable:
            self.cancel_button = QPushButton(_tr("Hủy"), dialog)
            dialog.setCancelButton(self.cancel_button)
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowModality(
            Qt.WindowModality.WindowModal if self.parent_widget is not None else Qt.WindowModality.ApplicationModal
        )
        self.dialog = dialog
        self._apply_progress(self.progress.done, self.progress.total)
        dialog.show()

    def _apply_progress(self, done: int, total: int) -> None:
        if self._bar is None or total <= 0:
            return
        self._bar.setRange(0, total)
        self._bar.setValue(max(0, min(done, total)))

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.is_finished:
            return
        self._apply_progress(done, total)
        self.progressed.emit(done, total)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self.result = result
        self._finish()
        try:
            self._on_done(result)
        finally:
            self._announce_finished()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.error = exc
        self._finish()
        try:
            if isinstance(exc, Cancelled):
                if self._on_cancelled is not None:
                    self._on_cancelled()
            elif self._on_error is not None:
                self._on_error(exc)
            else:
                show_error(self.parent_widget, exc)
        finally:
            self._announce_finished()

    def _finish(self) -> None:
        self.is_finished = True
        self._show_timer.stop()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
            self.cancel_button = None
            self._bar = None

    def _announce_finished(self) -> None:
        _running.discard(self)
        self.finished.emit()


def run_in_background(
    parent: QWidget | None,
    title: str,
    job: Callable[[Progress], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    show_after_ms: int | None = 600,
    on_cancelled: Callable[[], None] | None = None,
) -> TaskHandle[T]:
    """Run `job(progress)` on a worker thread; call `on_done(result)` on the main thread, or
    `on_error(exc)` (default: `show_error`), or `on_cancelled()` when the job raised
    `Cancelled` (a job that returns normally after a cancel delivers its partial result to
    `on_done`). `show_after_ms=None` never shows the progress dialog."""
    handle: TaskHandle[T] = TaskHandle(parent, title, on_done, on_error, on_cancelled, cancellable)
    _running.add(handle)
    runnable = _Runnable(job, handle.progress, handle.bridge)
    handle._runnable = runnable  # type: ignore[attr-defined]  # keep alive with the handle
    handle._start_timer(show_after_ms)
    QThreadPool.globalInstance().start(runnable)
    return handle


def error_text(exc: BaseException) -> str:
    """The plain one-line description of an environment error."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc) or type(exc).__name__


def is_refusal(exc: BaseException) -> bool:
    """A refusal the user can act on, not a bug: no permission, a locked period, a wrong
    passphrase, a bad account value, a backup that cannot be made or used."""
    from desktop.services.accounts import AccountError
    from desktop.services.approvals import ApprovalError, RecordLocked
    from desktop.services.backups import BackupError
    from desktop.services.exchange.exporter import ExportError
    from desktop.services.identities import IdentityError
    from desktop.services.installation import SetupError
    from desktop.services.keys import KeyProblem
    from desktop.services.permissions import PermissionDenied

    return isinstance(exc, (AccountError, ApprovalError, RecordLocked, BackupError, IdentityError, SetupError,
                            KeyProblem, PermissionDenied, ExportError))


def refusal_text(exc: BaseException) -> str | None:
    """The words to show beside the button for a refusal or an environment trouble; None for a
    bug (which `show_error` reports with its traceback)."""
    if is_refusal(exc):
        return str(getattr(exc, "message", "") or exc)
    if is_environment_error(exc):
        return error_text(exc)
    return None


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """The default `on_error`: a plain message for environment troubles (STYLE point 7), a bug
    report with the traceback for anything else. Opened without blocking."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if is_environment_error(exc) or is_refusal(exc):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_tr("Không thực hiện được"))
        box.setText(_tr("Không thực hiện được: %1").replace("%1", error_text(exc)))
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_tr("Lỗi chương trình"))
        box.setText(_tr("Chương trình gặp lỗi. Xin gửi nội dung chi tiết dưới đây cho người hỗ trợ."))
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box
