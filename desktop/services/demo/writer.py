"""Writing the demo rows in bulk: one executemany per batch with ids given here (after the
current maximum, so link rows need no round trip), progress and cancellation between batches,
the full-text index filled once at the end on SQLite, the serial sequences moved past the new
ids on PostgreSQL, and the rows' uids."""
from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self

from sqlalchemy import Connection, text

from db.models import Organisation, TypicalRecognition, utcnow
from db.search import fts_table
from desktop.services.demo.kinds import COLUMNS, DEMO_USER, TABLE_OF, DemoResult


class Cancelled(Exception):
    """`cancelled()` said stop: raised between batches to roll the transaction back."""


class Uids:
    """Version 7 layout uids as the 32 hex digits SQLAlchemy's Uuid stores on SQLite: the time of
    the run, 12 random bits, then a counter (so that keys go in at the end of the index) and 32
    random bits. The counter keeps the uids of a run apart, the time and random bits those of
    other runs and installations."""

    def __init__(self) -> None:
        bits = random.Random(os.urandom(16)).getrandbits
        millis = time.time_ns() // 1_000_000 & 0xFFFFFFFFFFFF
        self._head = f"{millis:012x}7{bits(12):03x}8"
        self._tail = f"{bits(32):08x}"
        self._next = 0

    def __call__(self) -> str:
        self._next += 1
        return f"{self._head}{self._next & 0xFFFFFFF:07x}{self._tail}"


class Writer:
    """Inserts rows into one connection (inside the caller's transaction) and keeps count:
    `done` records of `total` for `progress`, link rows in `result.links`."""

    def __init__(self, connection: Connection, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.conn = connection
        self.progress = progress
        self.cancelled = cancelled
        self.uid = Uids()
        self.now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
        self.placeholder = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self.result = DemoResult()
        self.own_id = 0  # origin unit of the records, set once the units are known
        self.done = 0
        self.total = 0

    def next_id(self, table: str) -> int:
        return (self.conn.execute(text(f"SELECT max(id) FROM {table}")).scalar() or 0) + 1

    def record(self, row_id: int, ref: str, search: str) -> tuple[Any, ...]:
        """The columns every record has (`RECORD_COLUMNS`), to be followed by its own."""
        return (row_id, self.uid(), ref, self.own_id, self.now, DEMO_USER, self.now, DEMO_USER, 1, False,
                search)

    def write(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]],
              records: bool = False, links: bool = False) -> None:
        """One executemany; `records` rows count towards progress, `links` rows in `links`."""
        if not rows:
            return
        marks = ", ".join([self.placeholder] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        self.conn.exec_driver_sql(sql, rows)
        if records:
            self.done += len(rows)
        if links:
            self.result.links += len(rows)
        self.tick()

    def write_records(self, kind: str, rows: list[tuple[Any, ...]]) -> None:
        """`write` for rows of one of the six kinds."""
        self.write(TABLE_OF[kind], COLUMNS[kind], rows, records=True)

    def tick(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


class FullTextDeferred:
    """On SQLite, fills the FTS5 indexes once for the new rows (`INSERT INTO …_fts SELECT`)
    instead of by the insert trigger on every row, which doubles the time of a million records.
    The insert triggers are dropped and recreated from their own stored SQL inside the caller's
    transaction: nothing else sees them missing, a rollback brings them back, and the index ends
    exactly as the triggers would have left it. Meanwhile the update triggers leave the new rows
    alone: they are not in the index yet, and enter it with their last search text."""

    def __init__(self, connection: Connection) -> None:
        self.conn = connection
        self.active = connection.dialect.name == "sqlite"
        self.saved: list[tuple[str, str, str, int]] = []  # table, insert and update triggers' SQL, first new id

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, kind: object, *_exc: object) -> None:
        if kind is None:
            self.finish()
        # else the transaction is rolled back, triggers included

    def start(self) -> None:
        """Drops the insert triggers, and makes the update triggers leave the rows to come alone."""
        if not self.active:
            return
        for table in TABLE_OF.values():
            found = dict(self.conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
                (f"{table}_ai", f"{table}_au")).all())
            if len(found) < 2:
                continue
            first = (self.conn.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0) + 1
            self.saved.append((table, found[f"{table}_ai"], found[f"{table}_au"], first))
            fts = fts_table(table)
            self.conn.exec_driver_sql(f"DROP TRIGGER {table}_ai")
            self.conn.exec_driver_sql(f"DROP TRIGGER {table}_au")
            self.conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_au AFTER UPDATE OF search_text ON {table} WHEN old.id < {int(first)} BEGIN "
                f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
                f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END")

    def finish(self) -> None:
        """Puts the new rows in the index and the triggers back: before the transaction commits."""
        for table, insert_sql, update_sql, first in self.saved:
            fts = fts_table(table)
            with _merging_less(self.conn, fts):
                self.conn.exec_driver_sql(
                    f"INSERT INTO {fts}(rowid, search_text) SELECT id, search_text FROM {table} WHERE id >= ?", (first,)
                )
            self.conn.exec_driver_sql(f"DROP TRIGGER {table}_au")
            self.conn.exec_driver_sql(insert_sql)
            self.conn.exec_driver_sql(update_sql)
        self.saved.clear()


# FTS5 writes an index as segments and merges them as it goes: by default a level's segments once
# there are 4 of them, and all at once at 16. Filled with 100,000 rows at a time (a million-record
# import), an index spent half its time merging; at 16 and 64 the fills of that import took 5.3–6.4 s
# instead of 11.8, and searches afterwards were as quick (bench/README.md, eighth round).
# Each fill is merged less only while it runs: the settings then go back to FTS5's defaults.
BULK_MERGE = {"automerge": 16, "crisismerge": 64}
USUAL_MERGE = {"automerge": 4, "crisismerge": 16}


@contextmanager
def _merging_less(connection: Connection, fts: str) -> Iterator[None]:
    """`fts` merges its segments less often (`BULK_MERGE`) while the block runs."""
    _set_merging(connection, fts, BULK_MERGE)
    yield
    _set_merging(connection, fts, USUAL_MERGE)


def _set_merging(connection: Connection, fts: str, settings: dict[str, int]) -> None:
    for setting, value in settings.items():
        connection.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('{setting}', {int(value)})")


def advance_sequences(connection: Connection) -> None:
    """PostgreSQL: ids were given here, so move each serial sequence past them."""
    if connection.dialect.name != "postgresql":
        return
    for table in (*TABLE_OF.values(), Organisation.__tablename__, TypicalRecognition.__tablename__):
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )
