"""A page's background job that only ever shows the answer to the newest request: the Overview
page reads figures again on every filter change, and a slow answer to filters no longer chosen
must never replace a newer one on screen."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop.services.progress import Progress
from desktop.ui.tasks import TaskHandle, run_in_background


class LatestOnly:
    """Runs a page's background job one at a time. A request made while a job runs waits for
    it and replaces any request already waiting; the running job's result is then dropped (it
    answers filters no longer chosen) and the waiting request starts."""

    def __init__(self, page: QWidget, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        self.page = page
        self.on_done = on_done
        self.on_error = on_error
        self.task: TaskHandle[Any] | None = None
        self.waiting: Callable[[Progress], Any] | None = None

    @property
    def busy(self) -> bool:
        return self.waiting is not None or (self.task is not None and not self.task.is_finished)

    def request(self, job: Callable[[Progress], Any]) -> None:
        if self.task is not None and not self.task.is_finished:
            self.waiting = job
        else:
            self._start(job)

    def _start(self, job: Callable[[Progress], Any]) -> None:
        self.waiting = None
        self.task = run_in_background(self.page, self.page.tr("Đang tính số liệu…"), job, self._done,
                                      on_error=self._failed, cancellable=False,
                                      show_after_ms=None)  # the page says "Đang tính…" itself

    def _done(self, result: Any) -> None:
        self._deliver(self.on_done, result)

    def _failed(self, exc: BaseException) -> None:
        self._deliver(self.on_error, exc)

    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        if not shiboken6.isValid(self.page):  # the page was closed meanwhile
            return
        if self.waiting is not None:
            self._start(self.waiting)
        else:
            callback(value)
