"""The progress/cancel object a long job receives (STYLE point 5), and the test that tells an
environment trouble from a bug (STYLE point 7). No Qt here: the same job runs from the command
line, from a test, or on a worker thread under `desktop.ui.tasks`."""
from __future__ import annotations

import errno
import sqlite3
import threading
from collections.abc import Callable

ProgressListener = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised by `Progress.check()` inside a job when the user asked to stop."""


class Progress:
    """Thread-safe: the job calls `report()` and reads `cancelled`; another thread may `cancel()`."""

    def __init__(self, listener: ProgressListener | None = None) -> None:
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self._done = 0
        self._total = 0
        self._listener = listener

    def report(self, done: int, total: int) -> None:
        with self._lock:
            self._done, self._total = done, total
            listener = self._listener
        if listener is not None:
            listener(done, total)

    @property
    def done(self) -> int:
        with self._lock:
            return self._done

    @property
    def total(self) -> int:
        with self._lock:
            return self._total

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def check(self) -> None:
        """Raise `Cancelled` if the user asked to stop (a convenience for loops)."""
        if self._cancelled.is_set():
            raise Cancelled()


# OSError numbers that mean the machine, not the program, is at fault.
_ENVIRONMENT_ERRNOS = {
    errno.ENOSPC,  # disk full
    errno.EROFS,  # read-only file system (a locked USB stick)
    errno.EACCES,  # permission denied
    errno.EPERM,
    errno.EBUSY,  # file in use
    errno.EAGAIN,
    errno.ENOENT,  # the USB stick was removed
    errno.EIO,
    errno.EDQUOT,
    errno.ETXTBSY,
    errno.ENODEV,
    errno.ENXIO,
}
_SQLITE_ENVIRONMENT_WORDS = (
    "database is locked",
    "disk i/o error",
    "unable to open database",
    "attempt to write a readonly database",
    "database or disk is full",
    "database table is locked",
)


def is_environment_error(exc: BaseException) -> bool:
    """True for troubles of the machine (disk full, read-only or locked file, database locked):
    they get a plain message; anything else is a bug and gets a report with the traceback.
    Follows `__cause__` and SQLAlchemy's `.orig`, so a wrapped sqlite3 error counts too (but
    not `__context__`: a bug raised while handling a locked file is still a bug)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (PermissionError, FileExistsError, TimeoutError)):
            return True
        if isinstance(current, OSError):
            if current.errno in _ENVIRONMENT_ERRNOS:
                return True
            winerror = getattr(current, "winerror", None)
            if winerror in (32, 33, 112):  # sharing violation, lock violation, disk full
                return True
        if isinstance(current, sqlite3.OperationalError):
            message = str(current).lower()
            if any(word in message for word in _SQLITE_ENVIRONMENT_WORDS):
                return True
        orig = getattr(current, "orig", None)  # sqlalchemy.exc.DBAPIError
        if isinstance(orig, BaseException) and orig is not current and is_environment_error(orig):
            return True
        current = current.__cause__
    return False
