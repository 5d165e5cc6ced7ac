"""The per-row triggers an import does without on SQLite, put back as each package ends and
every 100,000 records of a large one (the importer then defers them again: `restart`), and before
every commit.

- The full-text index: filled once per table with the package's new rows (`FullTextDeferred`).
- The case-link trigger of migration 0009, which rewrites a case's row (and its figures index
  entry) for every link to a source: about 20 µs a link. The merge writes each case's
  `source_kinds` itself, with the row (`Merger._write`), so the trigger is made to leave the
  new cases alone; older cases a package relinks still get it.

Both are dropped and recreated from their own stored SQL inside the caller's transaction: nothing
else sees them changed, and a rollback brings them back.
"""
from __future__ import annotations

from typing import Self

from sqlalchemy import Connection

from desktop.services.demo.writer import FullTextDeferred

CASE_LINK_TRIGGER = "case_source_kinds_ai"
_HEAD = "AFTER INSERT ON case_source BEGIN"


class CaseKindsDeferred:
    """The case-link trigger, for the batch, given `WHEN NEW.case_id < first`: the first id a
    case made in the batch gets (the merge gives ids after the largest, as this reads it)."""

    def __init__(self, connection: Connection) -> None:
        self.conn = connection
        self.saved: str | None = None

    def start(self) -> None:
        if self.conn.dialect.name != "sqlite":
            return
        sql = self.conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                        (CASE_LINK_TRIGGER,)).scalar()
        if sql is None or _HEAD not in sql:
            return  # not the trigger this knows: left as it is
        first = (self.conn.exec_driver_sql("SELECT max(id) FROM uncovered_case").scalar() or 0) + 1
        self.conn.exec_driver_sql(f"DROP TRIGGER {CASE_LINK_TRIGGER}")
        self.conn.exec_driver_sql(sql.replace(_HEAD, f"AFTER INSERT ON case_source WHEN NEW.case_id < {int(first)} BEGIN"))
        self.saved = sql

    def finish(self) -> None:
        if self.saved is None:
            return
        self.conn.exec_driver_sql(f"DROP TRIGGER {CASE_LINK_TRIGGER}")
        self.conn.exec_driver_sql(self.saved)
        self.saved = None


class BatchTriggers:
    """Both deferrals, from `started` until `finish` (a package's end, or just before a commit)."""

    def __init__(self, connection: Connection) -> None:
        self.parts = (FullTextDeferred(connection), CaseKindsDeferred(connection))

    @classmethod
    def started(cls, connection: Connection) -> Self:
        deferred = cls(connection)
        for part in deferred.parts:
            part.start()
        return deferred

    def finish(self) -> None:
        for part in self.parts:
            part.finish()

    def restart(self) -> None:
        """The rows written so far put in the index, the triggers deferred again for those to come
        (inside the same transaction)."""
        self.finish()
        for part in self.parts:
            part.start()
