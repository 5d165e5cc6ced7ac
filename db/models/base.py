"""The declarative base, shared column types and the columns every exchangeable record carries."""
from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from collections.abc import Mapping
from typing import Annotated, Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    MetaData,
    String,
    Text,
    Uuid,
    event,
    func,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.textfold import search_text
from db.vocab import Vocabulary

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Dates a record may carry; the validation layer also refuses dates in the future.
EARLIEST_DATE = dt.date(1990, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)


def utcnow() -> dt.datetime:
    """Naive UTC, the same on SQLite and PostgreSQL."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def new_uid() -> uuid.UUID:
    """A time-ordered UUID (version 7 layout) so that new keys land at the end of the index."""
    millis = time.time_ns() // 1_000_000
    raw = bytearray(millis.to_bytes(6, "big") + os.urandom(10))
    raw[6] = (raw[6] & 0x0F) | 0x70
    raw[8] = (raw[8] & 0x3F) | 0x80
    return uuid.UUID(bytes=bytes(raw))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


IntPK = Annotated[int, mapped_column(primary_key=True)]
Code = Annotated[str, mapped_column(String(32))]
Name = Annotated[str, mapped_column(String(300))]
UnitFK = Annotated[int, mapped_column(ForeignKey("admin_unit.id"), index=True)]
# A record's unit is the first column of its (unit, reference) unique constraint, whose index serves
# every search by unit: an index of the unit alone only cost each write (migration 0011).
RecordUnitFK = Annotated[int, mapped_column(ForeignKey("admin_unit.id"))]
LongText = Annotated[str | None, mapped_column(Text)]


def code_check(column: str, vocabulary: Vocabulary) -> CheckConstraint:
    """A CHECK that keeps a code column inside its vocabulary."""
    allowed = ", ".join(f"'{c}'" for c in vocabulary.codes)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_code")


def date_check(column: str, *, nullable: bool = False) -> CheckConstraint:
    """A CHECK that keeps a date inside sane bounds (ISO strings compare as dates on SQLite)."""
    bounds = f"{column} BETWEEN '{EARLIEST_DATE.isoformat()}' AND '{LATEST_DATE.isoformat()}'"
    if nullable:
        bounds = f"{column} IS NULL OR ({bounds})"
    return CheckConstraint(bounds, name=f"{column}_range")


def record_checks() -> tuple[CheckConstraint, ...]:
    """The constraints every record table adds to its own."""
    return (CheckConstraint("revision >= 1", name="revision_positive"),)


class RecordMixin:
    """What the USB exchange needs of every record: a global key, a people's reference, where and
    by whom it was made, a revision that orders edits, and a deletion mark instead of a delete."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-3)
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=new_uid, sort_order=-2)
    ref: Mapped[str] = mapped_column(String(40), sort_order=-1)
    origin_unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    revision: Mapped[int] = mapped_column(default=1)
    deleted: Mapped[bool] = mapped_column(default=False)
    # This installation's order of writes (never sent): a package holds the records whose number
    # is above the last package's, so an export misses nothing even when the clock is wrong.
    # Set on every ORM write by `_next_change`; bulk writers set it themselves.
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0", index=True)
    # Folded (tone-free) text the quick search reads, made from `__search_fields__` on every
    # write (see `_fill_search_text`); never holds protected fields.
    search_text: Mapped[str] = mapped_column(Text, default="")
    __search_fields__: tuple[str, ...] = ("ref",)


def search_text_for(cls: type[RecordMixin], values: Mapping[str, Any]) -> str:
    """The folded search text of a record of `cls` with these values (bulk writers use it too)."""
    return search_text(*(str(values[f]) for f in cls.__search_fields__ if values.get(f) is not None))


@event.listens_for(RecordMixin, "before_insert", propagate=True)
@event.listens_for(RecordMixin, "before_update", propagate=True)
def _fill_search_text(_mapper: Any, _connection: Any, target: RecordMixin) -> None:
    cls = type(target)
    target.search_text = search_text_for(cls, {f: getattr(target, f) for f in cls.__search_fields__})


@event.listens_for(RecordMixin, "before_insert", propagate=True)
@event.listens_for(RecordMixin, "before_update", propagate=True)
def _next_change(_mapper: Any, connection: Any, target: RecordMixin) -> None:
    # Above every number in the table: a later write always sorts after an earlier export.
    table = type(target).__table__  # type: ignore[attr-defined]
    target.change_seq = connection.scalar(select(func.coalesce(func.max(table.c.change_seq), 0) + 1))


def next_change_seq(connection: Any, cls: type[RecordMixin]) -> int:
    """The change number a bulk writer gives the rows it writes now."""
    table = cls.__table__  # type: ignore[attr-defined]
    return int(connection.scalar(select(func.coalesce(func.max(table.c.change_seq), 0) + 1)))
