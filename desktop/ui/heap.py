"""Keeping the garbage collector out of the Overview page's refresh.

A full collection walks every object the process holds. Once the Overview page is built that is
some 165,000 of them, nearly all the modules, classes and functions of Qt, SQLAlchemy, numpy and
matplotlib, and a full pass that happened to fall while the page redrew its charts took 100–250
ms of the page's one second (probe `gcpage.py`: one refresh in three). Those objects live as long
as the process, so they are moved out of the collector's reach once (`freeze_long_lived`).

The young generations are still collected forty-odd times during a refresh (20–60 ms in all), and
a full pass over what is left still comes now and then (50–90 ms). The page therefore pauses
automatic collections while it reads and draws, and resumes them when its answer is in: the
collections that were due then run while the user looks at the page (probe `gcpage2.py`, the
same refresh alternately: median 1,073 ms with collections, 997 ms paused).
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QTimer

GUARD_MS = 15_000  # collections resume by then even if the answer never comes (the page closed)

_frozen = False


def freeze_long_lived() -> None:
    """Leaves every object alive now out of later collections, once per process. They are still
    freed by their reference counts; only a reference cycle among them would now stay (there is
    no collection first: it would cost the start-up 100 ms)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def pause_collections() -> None:
    """No automatic collection until `resume_collections()`, or GUARD_MS from now at the latest.
    Pausing twice is the same as once; allocation goes on as before, only the search for
    reference cycles waits."""
    gc.disable()
    QTimer.singleShot(GUARD_MS, resume_collections)


def resume_collections() -> None:
    gc.enable()
