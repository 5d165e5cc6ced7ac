"""The import's questions about many records at once (which uids a table holds, which records
hold a reference, what sources add to a case's mask), asked on SQLite as plain statements:
SQLAlchemy's IN of a part's 2,000 bound parameters cost more to build than to run, and a
row-value IN made SQLite scan the whole table for every part (a million-record import slowed
down as the tables grew). Other databases get the same questions through SQLAlchemy."""
from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import and_, select, tuple_
from sqlalchemy.orm import Session

from db.models import InformationSource, Organisation
from db.models.activities import organiser_bit
from db.models.sources import LINKED_BIT

SQLITE_PARAMETERS = 30_000  # bound parameters per statement: under SQLite's limit (32,766)


def uid_ids(session: Session, cls: Any, uids: Collection[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The id of each of `uids` that `cls`'s table holds."""
    by_hex = {uid.hex: uid for uid in uids}
    return {by_hex[key]: record_id for key, record_id in hex_ids(session, cls, list(by_hex)).items()}


def hex_ids(session: Session, cls: Any, keys: Sequence[str]) -> dict[str, int]:
    """The id of each uid (as 32 hex digits) that `cls`'s table holds. On SQLite, where uids are
    stored as hex, a plain statement: an IN of 2,000 parameters built by SQLAlchemy cost more than
    running it."""
    if not keys:
        return {}
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return {uid.hex: record_id for uid, record_id in session.execute(
            select(cls.uid, cls.id).where(cls.uid.in_([uuid.UUID(hex=key) for key in keys])))}
    found = {}
    for start in range(0, len(keys), SQLITE_PARAMETERS):
        chunk = keys[start:start + SQLITE_PARAMETERS]
        for key, record_id in connection.exec_driver_sql(
                f"SELECT uid, id FROM {cls.__tablename__} WHERE uid IN ({', '.join('?' * len(chunk))})", tuple(chunk)):
            found[key] = record_id
    return found


def holders_of(session: Session, cls: Any, scope: str, name: str,
               pairs: set[tuple[Any, Any]]) -> dict[tuple[Any, Any], uuid.UUID]:
    """(scope, value) → uid of the records holding those pairs. On SQLite joined to the pairs as
    VALUES, one index probe each: a row-value IN made SQLite scan the whole table every part."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return {(s, v): u for s, v, u in session.execute(
            select(getattr(cls, scope), getattr(cls, name), cls.uid)
            .where(tuple_(getattr(cls, scope), getattr(cls, name)).in_(pairs)))}
    found = {}
    listed = list(pairs)
    for start in range(0, len(listed), SQLITE_PARAMETERS // 2):
        chunk = listed[start:start + SQLITE_PARAMETERS // 2]
        sql = (f"SELECT t.{scope}, t.{name}, t.uid FROM (VALUES {', '.join(['(?, ?)'] * len(chunk))}) AS v "
               f"JOIN {cls.__tablename__} AS t ON t.{scope} = v.column1 AND t.{name} = v.column2")
        for s, v, u in connection.exec_driver_sql(sql, tuple(x for pair in chunk for x in pair)):
            found[(s, v)] = uuid.UUID(hex=u)
    return found


def source_bits(session: Session, source_ids: Collection[int]) -> dict[int, int]:
    """What a link to each of `source_ids` adds to its case's `source_kinds` mask, as the link
    trigger of migration 0009 reckons it: the linked bit and the bit of its organisation's kind
    (none if the organisation is deleted); a deleted or missing source adds nothing (absent)."""
    if not source_ids:
        return {}
    connection = session.connection()
    ids = list(source_ids)
    if connection.dialect.name == "sqlite":
        rows = []
        for start in range(0, len(ids), SQLITE_PARAMETERS):
            chunk = ids[start:start + SQLITE_PARAMETERS]
            rows += connection.exec_driver_sql(
                "SELECT s.id, o.kind FROM information_source s LEFT JOIN organisation o"
                " ON o.id = s.organisation_id AND NOT o.deleted"
                f" WHERE NOT s.deleted AND s.id IN ({', '.join('?' * len(chunk))})", tuple(chunk)).all()
    else:
        rows = session.execute(
            select(InformationSource.id, Organisation.kind)
            .outerjoin(Organisation, and_(Organisation.id == InformationSource.organisation_id,
                                          Organisation.deleted.is_(False)))
            .where(InformationSource.deleted.is_(False), InformationSource.id.in_(ids))).all()
    linked = 1 << LINKED_BIT
    return {source_id: linked | (1 << organiser_bit(kind) if kind is not None else 0) for source_id, kind in rows}
