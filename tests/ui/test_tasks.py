"""desktop.ui.tasks: jobs off the main thread, the delayed progress dialog, Cancel, errors."""
from __future__ import annotations

import errno
import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.progress import Cancelled, Progress, is_environment_error
from desktop.ui.tasks import run_in_background, show_error


def slow_job(progress: Progress, steps: int = 50, step_s: float = 0.02, raise_on_cancel: bool = False) -> int:
    """About a second of work in small steps that look at `cancelled`."""
    for step in range(steps):
        if progress.cancelled:
            if raise_on_cancel:
                raise Cancelled()
            return step
        time.sleep(step_s)  # the worker thread, not the test's
        progress.report(step + 1, steps)
    return steps


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_quick_job_delivers_on_main_thread_without_dialog(qtbot, parent: QWidget) -> None:
    main = QThread.currentThread()
    seen: dict[str, object] = {}

    def job(progress: Progress) -> int:
        seen["job_thread"] = QThread.currentThread()
        progress.report(1, 1)
        return 42

    def on_done(result: int) -> None:
        seen["result"] = result
        seen["done_thread"] = QThread.currentThread()

    handle = run_in_background(parent, "Nhanh", job, on_done, on_error=lambda exc: pytest.fail(repr(exc)))
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["done_thread"] is main
    assert seen["job_thread"] is not main
    assert handle.dialog is None
    assert handle.result == 42 and handle.error is None


def test_wait_returns_when_delivered(qtbot, parent: QWidget) -> None:
    results: list[str] = []
    handle = run_in_background(parent, "Chờ", lambda progress: "xong", results.append)
    assert handle.wait(5000)
    assert results == ["xong"]


def test_slow_job_shows_dialog_reports_progress_and_cancels(qtbot, parent: QWidget) -> None:
    done: list[int] = []
    errors: list[BaseException] = []
    reports: list[tuple[int, int]] = []
    handle = run_in_background(parent, "Đang tính", slow_job, done.append, errors.append, show_after_ms=50)
    handle.progressed.connect(lambda d, t: reports.append((d, t)))
    qtbot.waitUntil(lambda: handle.dialog is not None and handle.dialog.isVisible(), timeout=3000)
    dialog = handle.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Đang tính"
    qtbot.waitUntil(lambda: len(reports) >= 3, timeout=3000)
    assert reports[-1][1] == 50 and 0 < reports[-1][0] < 50
    assert handle._bar is not None and handle._bar.maximum() == 50 and handle._bar.value() > 0
    assert handle.cancel_button is not None and handle.cancel_button.text() == "Hủy"
    with qtbot.waitSignal(handle.finished, timeout=3000):
        qtbot.mouseClick(handle.cancel_button, Qt.MouseButton.LeftButton)
    assert handle.cancelled
    assert errors == []
    assert len(done) == 1 and done[0] < 50  # the partial result of a job that returns on cancel
    assert handle.dialog is None


def test_cancelled_raised_goes_to_on_cancelled(qtbot, parent: QWidget) -> None:
    calls: list[str] = []
    handle = run_in_background(
        parent, "Đang tính", lambda p: slow_job(p, raise_on_cancel=True),
        on_done=lambda r: calls.append("done"), on_error=lambda e: calls.append("error"),
        on_cancelled=lambda: calls.append("cancelled"), show_after_ms=50,
    )
    qtbot.waitUntil(lambda: handle.cancel_button is not None, timeout=3000)
    with qtbot.waitSignal(handle.finished, timeout=3000):
        qtbot.mouseClick(handle.cancel_button, Qt.MouseButton.LeftButton)
    assert calls == ["cancelled"]


def test_exception_arrives_in_on_error_on_main_thread(qtbot, parent: QWidget) -> None:
    main = QThread.currentThread()
    got: list[tuple[BaseException, object]] = []

    def job(progress: Progress) -> None:
        raise ValueError("hỏng")

    handle = run_in_background(parent, "Lỗi", job, lambda r: pytest.fail("no result expected"),
                               lambda exc: got.append((exc, QThread.currentThread())))
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert len(got) == 1
    exc, thread = got[0]
    assert isinstance(exc, ValueError) and str(exc) == "hỏng"
    assert exc.__traceback__ is not None
    assert thread is main
    assert not is_environment_error(exc)


def test_not_cancellable_dialog_has_no_cancel_button(qtbot, parent: QWidget) -> None:
    release = threading.Event()

    def job(progress: Progress) -> str:
        release.wait(5)
        return "ok"

    results: list[str] = []
    handle = run_in_background(parent, "Không hủy", job, results.append, cancellable=False, show_after_ms=10)
    qtbot.waitUntil(lambda: handle.dialog is not None and handle.dialog.isVisible(), timeout=3000)
    assert handle.cancel_button is None
    release.set()
    assert handle.wait(5000)
    assert results == ["ok"]


def test_default_error_handler_shows_plain_message_or_bug_report(qtbot, parent: QWidget) -> None:
    plain = show_error(parent, OSError(errno.ENOSPC, "No space left on device", "/media/usb/x.zip"))
    qtbot.addWidget(plain)
    assert plain.icon() == QMessageBox.Icon.Warning
    assert "No space left on device" in plain.text()
    assert plain.detailedText() == ""
    try:
        raise KeyError("bug")
    except KeyError as exc:
        bug = show_error(parent, exc)
    qtbot.addWidget(bug)
    assert bug.icon() == QMessageBox.Icon.Critical
    assert "Traceback" in bug.detailedText() and "KeyError" in bug.detailedText()
    plain.close()
    bug.close()


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EROFS, "Read-only file system"), True),
        (PermissionError(errno.EACCES, "Permission denied"), True),
        (sqlite3.OperationalError("database is locked"), True),
        (sqlite3.OperationalError("no such table: units"), False),
        (ValueError("x"), False),
        (KeyError("x"), False),
        (FileNotFoundError(errno.ENOENT, "No such file"), True),
    ],
)
def test_is_environment_error(exc: BaseException, expected: bool) -> None:
    assert is_environment_error(exc) is expected


def test_is_environment_error_follows_cause_not_context() -> None:
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert is_environment_error(outer)
    try:
        try:
            raise OSError(errno.ENOSPC, "full")
        except OSError:
            raise TypeError("a bug while handling it")
    except TypeError as bug:
        assert not is_environment_error(bug)


def test_progress_is_headless_and_thread_safe() -> None:
    import inspect

    import desktop.services.progress as module

    assert "PySide6" not in inspect.getsource(module)
    calls: list[tuple[int, int]] = []
    progress = Progress(lambda d, t: calls.append((d, t)))
    threads = [threading.Thread(target=progress.report, args=(i, 10)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 10 and progress.total == 10
    assert not progress.cancelled
    progress.cancel()
    assert progress.cancelled
    with pytest.raises(Cancelled):
        progress.check()


def test_a_refused_action_gets_a_plain_message_not_a_bug_report(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.permissions import Actor, Permission, PermissionDenied

    box = show_error(None, PermissionDenied(Actor("lan", "union_clerk"), Permission.EXPORT))
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Warning
    assert "lan" in box.text() and not box.detailedText()
