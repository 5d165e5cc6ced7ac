"""What a part's records would write, worked out without the database: each record's uid and
version read, its values put through the one validation layer, and the row it would write (with
its search text and masks) made ready for the driver. Only the merge (`merge.Merger.apply`)
then asks the database which records exist and decides what is kept. Being free of the
database, this can run in a second process while the first one writes (`exchange/worker.py`).

A record that links to other records (a case to its sources, a recipient to its decision) is
validated as if each record it names by uid were there, and keeps those uids in place of their
ids: the merge reads the ids, and validates again with the database any record naming one that
is not there. A record naming an organisation the unit does not have yet is left for the merge
to validate: it is "deferred", never guessed.
"""
from __future__ import annotations

import datetime as dt
import functools
import operator
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, DateTime, Uuid
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from db.models import TypicalRecognition, case_source, session_organiser, session_topic
from db.models.activities import mask
from db.models.base import search_text_for
from desktop.i18n import t
from desktop.services.exchange.serialise import parse_datetime, parse_uid
from desktop.services.lookups import SessionLookups, organisation_kind
from desktop.services.records import RECORD_CLASSES, _column_fields
from desktop.services.validation import validate

MAX_REVISION = 2**31 - 1
# Kinds whose records link to other records by uid (a case to its sources, a recipient to its
# decision): their rows name those records by uid until the merge reads the ids.
LINKED_KINDS = frozenset({"cases", "recipients"})

Label = tuple[str, str]  # (ref, uid) as a rejection shows them
Version = tuple[int, str, str, bool]  # revision, updated_at as sent, updated_by, deleted
# One record of a prepared part: (uid hex, label, version, outcome), the outcome one of
# ("row", row, links), ("linked", row, links, the record's place in its part) where the row or
# its links name linked records by uid, ("rejected", reasons) or ("defer", item).
Entry = tuple[str, Label, Version, tuple[Any, ...]]
Prepared = tuple[list[tuple[Label, list[str]]], list[Entry]]  # (records refused as they came, entries)


class NeedsDatabase(Exception):
    """Raised by `SnapshotLookups` where only the database can answer: the record is deferred."""


@dataclass
class PrepareContext:
    """What validating a sender's records needs, copied from the database once per package. The
    merge shares its dicts with its own lookups, so organisations it creates are known here too."""

    units: dict[tuple[str, str], int]
    area: set[int]
    own_unit_id: int
    organisations: dict[tuple[int, str], int]  # (unit, folded name) → id
    by_kind: dict[tuple[int, str], int]  # (unit, kind) → first id
    organiser_bits: dict[int, int]  # organisation id → its kind's bit in `organiser_mask`
    topic_bits: dict[str, int]
    for_sqlite: bool
    language: str = "vi"
    # Organisations the merge created since a worker's copy was last told (`take_learned`).
    learned: list[tuple[int, str, str, int, int]] = field(default_factory=list)

    def learn(self, unit_id: int, folded: str, kind: str, org_id: int, bit: int) -> None:
        """An organisation the merge created (an entry of its `learned`), in a worker's copy."""
        self.organisations[(unit_id, folded)] = org_id
        self.by_kind.setdefault((unit_id, kind), org_id)
        self.organiser_bits[org_id] = bit

    def take_learned(self) -> list[tuple[int, str, str, int, int]]:
        taken, self.learned = self.learned, []
        return taken


class SenderUnits:
    """Units as a package names them: each record says which unit list its code is of, and a
    record without a unit code has no default (the receiver's own unit is not the sender's)."""

    unit_hint: tuple[str, str] | None = None  # (scheme, code) the record's item names
    _units: dict[tuple[str, str], int]

    def unit(self, code: str, scheme: str) -> int | None:
        if self.unit_hint is not None and self.unit_hint[1] == code:
            scheme = self.unit_hint[0]
        return self._units.get((scheme, code))

    def default_unit(self, scheme: str) -> int | None:
        return None

    def default_unit_choices(self, scheme: str) -> list[str]:
        return []


class SnapshotLookups(SenderUnits, SessionLookups):
    """Validation's lookups over a `PrepareContext`, without a session."""

    def __init__(self, context: PrepareContext) -> None:  # no session: nothing of SessionLookups' set-up
        self._own = context.own_unit_id
        self._units = context.units
        self._organisations = context.organisations
        self._by_kind = context.by_kind
        self._found: dict[tuple[str, int], int | None] = {}  # (value, unit) → id: folding a name costs

    def organisation(self, value: str, unit_id: int) -> int | None:
        key = (value, unit_id)
        if key in self._found:
            return self._found[key]
        found = self.known_organisation(value, unit_id)
        if found is None and organisation_kind(value) is not None:
            raise NeedsDatabase  # one the unit does not have yet: the merge creates it
        self._found[key] = found
        return found

    # A linked record stands for itself by its uid (as the merge's lookups read it: the exact text
    # of a uid); the merge puts its id in its place, or validates the record again if it is not there.
    def source(self, ref: str, unit_id: int) -> Any:
        return ref if _uid_text(ref) else None

    def decisions(self, number: str) -> list[Any]:
        return [number] if _uid_text(number) else []


# A uid as packages write it (`str(uuid)`): read without making a `uuid.UUID` (0.5 µs against 1.8).
_CANONICAL_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uid_text(text: str) -> bool:
    return isinstance(text, str) and _CANONICAL_UID.fullmatch(text) is not None  # as `str(uuid)` writes it


def uid_hex(value: Any) -> str | None:
    """A uid's 32 hex digits (as SQLite stores it), or None when `value` is not a uid."""
    if type(value) is str and _CANONICAL_UID.fullmatch(value):
        return value.replace("-", "")
    uid = parse_uid(value)  # any other spelling `uuid.UUID` reads
    return uid.hex if uid is not None else None


# -- rows ----------------------------------------------------------------------------------------

_TAIL = ("unit_id", "ref", "uid", "origin_unit_id", "revision", "deleted", "created_at", "created_by",
         "updated_at", "updated_by", "search_text")
# Each kind's link tables: (table, the column naming the record, the other columns in order).
LINK_TABLES: dict[str, tuple[tuple[Any, str, tuple[str, ...]], ...]] = {
    "sessions": ((session_organiser, "session_id", ("organisation_id",)),
                 (session_topic, "session_id", ("topic_code",))),
    "cases": ((case_source, "case_id", ("source_id",)),),
    "models": ((TypicalRecognition.__table__, "model_id", ("recognised_on", "authority", "decision_number")),),
}


@functools.cache
def layout(kind: str) -> tuple[str, ...]:
    """The columns of a prepared row, in order (`change_seq` and the id are the merge's)."""
    masks = ("topic_mask", "organiser_mask") if kind == "sessions" else ()
    return tuple(dict.fromkeys([column for _, column in _column_fields(kind)] + list(_TAIL) + list(masks)))


def _links_of(kind: str, clean: dict[str, Any]) -> tuple[list[tuple[Any, ...]], ...]:
    """The link rows of a record (without the record's id), one list per `LINK_TABLES` entry."""
    if kind == "sessions":
        return [(o,) for o in clean.get("organisers") or ()], [(c,) for c in clean.get("topics") or ()]
    if kind == "cases":
        return ([(s,) for s in clean.get("source_refs") or ()],)
    if kind == "models":
        on = clean.get("typical_on")
        return ([(on, clean.get("typical_authority"), clean.get("typical_decision"))] if on else [],)
    return ()


def label_of(item: Any) -> Label:
    values = item.get("values") if isinstance(item, dict) else None
    ref = str(values.get("ref", "")) if isinstance(values, dict) else ""
    uid = str(item.get("uid", ""))[:40] if isinstance(item, dict) else ""
    return ref[:40], uid


def head(item: Any) -> tuple[str, Version, tuple[dt.datetime, dt.datetime]] | None:
    """The record's uid (hex), version and (created, updated) times, or None when the item is malformed."""
    if not isinstance(item, dict):
        return None
    uid = uid_hex(item.get("uid"))
    revision = item.get("revision")
    updated_at = parse_datetime(item.get("updated_at"))
    created_at = parse_datetime(item.get("created_at"))
    ok = (uid is not None and isinstance(revision, int) and not isinstance(revision, bool)
          and 1 <= revision <= MAX_REVISION and updated_at is not None and created_at is not None
          and isinstance(item.get("deleted"), bool) and isinstance(item.get("values"), dict)
          and isinstance(item.get("updated_by"), str) and len(item["updated_by"]) <= 64
          and isinstance(item.get("created_by"), str) and len(item["created_by"]) <= 64
          and isinstance(item.get("origin"), dict))
    if not ok:
        return None
    assert uid is not None and created_at is not None and updated_at is not None
    return uid, (revision, item["updated_at"], item["updated_by"], item["deleted"]), (created_at, updated_at)


def check(kind: str, item: dict[str, Any], uid: str, times: tuple[dt.datetime, dt.datetime],
          lookups: Any, context: PrepareContext) -> tuple[dict[str, Any], tuple[Any, ...]] | list[str]:
    """The row a record would write and its link rows, or every reason it is rejected."""
    values = item["values"]
    unit = item.get("unit")
    lookups.unit_hint = (str(unit.get("scheme")), str(unit.get("code"))) if isinstance(unit, dict) else None
    clean, violations = validate(kind, values, lookups)
    reasons = [f"{v.field}: {v.message}" for v in violations]
    origin = item["origin"]
    origin_id = context.units.get((str(origin.get("scheme")), str(origin.get("code"))))
    if origin_id is None or origin_id not in context.area:
        reasons.append(t("pkg_origin_outside", code=str(origin.get("code"))[:20]))
    unit_id = clean.get("unit_id")
    if not violations and unit_id is not None and unit_id not in context.area:
        reasons.append(t("pkg_unit_outside", code=str(values.get("unit_code"))[:20]))
    ref = values.get("ref")
    if not isinstance(ref, str) or not ref.strip() or len(ref) > 40:
        reasons.append(t("pkg_record_no_ref"))
    if reasons:
        return reasons
    get = clean.get
    row = {column: get(name) for name, column in _column_fields(kind)}
    created_at, updated_at = times
    row.update(unit_id=unit_id, ref=ref.strip(), uid=uid if context.for_sqlite else uuid.UUID(hex=uid),
               origin_unit_id=origin_id,
               revision=item["revision"], deleted=item["deleted"], created_at=created_at,
               created_by=item["created_by"], updated_at=updated_at, updated_by=item["updated_by"])
    row["search_text"] = search_text_for(RECORD_CLASSES[kind], row)
    if kind == "sessions":
        row["topic_mask"] = mask(context.topic_bits[code] for code in get("topics") or ())
        row["organiser_mask"] = mask(context.organiser_bits[o] for o in get("organisers") or ())
    return row, _links_of(kind, clean)


def prepare_part(kind: str, items: Sequence[Any], context: PrepareContext) -> Prepared:
    """Every record of a part read and validated (`Entry` says with what outcome)."""
    lookups = SnapshotLookups(context)
    refused: list[tuple[Label, list[str]]] = []
    entries: list[Entry] = []
    rows: list[dict[str, Any]] = []
    links: list[tuple[Any, ...]] = []
    at: list[int] = []  # the entries that hold a row, in order
    seen: set[str] = set()
    linked_kind = kind in LINKED_KINDS
    for place, item in enumerate(items):
        read = head(item)
        if read is None:
            refused.append((label_of(item), [t("pkg_record_malformed")]))
            continue
        uid, version, times = read
        if uid in seen:
            refused.append((label_of(item), [t("pkg_record_twice")]))
            continue
        seen.add(uid)
        outcome: tuple[Any, ...] = ("defer", item)
        try:
            checked = check(kind, item, uid, times, lookups, context)
        except NeedsDatabase:
            pass  # the outcome stays "defer": the merge validates it with the database
        else:
            if isinstance(checked, list):
                # A linked record's reasons would also say which records it names are not there:
                # the merge finds them.
                outcome = ("defer", item) if linked_kind else ("rejected", checked)
            else:
                at.append(len(entries))
                rows.append(checked[0])
                links.append(checked[1])
                outcome = ("linked", place) if linked_kind else ("row",)
        entries.append((uid, label_of(item), version, outcome))
    for position, row, linked in zip(at, for_driver(kind, rows, context), for_driver_links(kind, links, context)):
        tag, *place = entries[position][3]
        entries[position] = (*entries[position][:3], (tag, row, linked, *place))
    return refused, entries


# -- values for the driver -----------------------------------------------------------------------

_PROBE_TIMES = (dt.datetime(2026, 11, 22, 16, 0, 33, 218839), dt.datetime(987, 1, 2), dt.datetime(2020, 12, 31, 23, 59, 59))
_PROBE_UID = uuid.UUID("01a203fc-ddc2-79f0-8000-107bbf905908")


@functools.cache
def _sqlite() -> SQLiteDialect_pysqlite:
    return SQLiteDialect_pysqlite()


def _column_converter(column_type: Any) -> Callable[[Sequence[Any]], Sequence[Any]] | None:
    """What converts a column of values for SQLite: the type's own bind conversion, mapped over
    the column; for dates, times and uuids a method of the value itself where it gives the very same
    text (checked here on probes): 0.2–0.3 µs a value instead of 0.4–2.1 (a record has five)."""
    convert = column_type._cached_bind_processor(_sqlite())
    if convert is None:
        return None
    if isinstance(column_type, DateTime) and all(
            convert(p) == p.isoformat(" ", "microseconds") for p in _PROBE_TIMES):
        return lambda values: [v.isoformat(" ", "microseconds") if type(v) is dt.datetime and v.tzinfo is None
                               else convert(v) for v in values]
    if isinstance(column_type, Date) and all(convert(p.date()) == p.date().isoformat() for p in _PROBE_TIMES):
        return lambda values: [v.isoformat() if type(v) is dt.date else convert(v) for v in values]
    if isinstance(column_type, Uuid) and convert(_PROBE_UID) == _PROBE_UID.hex:
        # `check` gives SQLite's rows their uid as hex already
        return lambda values: [v if type(v) is str else v.hex if type(v) is uuid.UUID else convert(v) for v in values]
    return lambda values: list(map(convert, values))


@functools.cache
def _converters(table: Any, columns: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(_column_converter(table.c[name].type) for name in columns)


def _tuples(table: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]], convert: bool) -> list[tuple[Any, ...]]:
    """Rows for the driver; for SQLite converted column by column (one pass over each column)."""
    converters = _converters(table, columns) if convert else ()
    if not rows or not any(converters):
        return rows
    values = list(zip(*rows))
    for position, converter in enumerate(converters):
        if converter is not None:
            values[position] = converter(values[position])
    return list(zip(*values))


def for_driver(kind: str, rows: list[dict[str, Any]], context: PrepareContext) -> list[tuple[Any, ...]]:
    """Rows (dicts) as tuples in `layout` order, converted for SQLite's driver."""
    columns = layout(kind)
    return _tuples(RECORD_CLASSES[kind].__table__, columns, list(map(operator.itemgetter(*columns), rows)),
                   context.for_sqlite)


def for_driver_links(kind: str, links: list[tuple[Any, ...]], context: PrepareContext) -> list[tuple[Any, ...]]:
    """Each record's link rows, converted the same way, table by table."""
    tables = LINK_TABLES.get(kind, ())
    converted = []
    for position, (table, _, columns) in enumerate(tables):
        if not context.for_sqlite or not any(_converters(table, columns)):
            converted.append([record[position] for record in links])
            continue
        done = iter(_tuples(table, columns, [row for record in links for row in record[position]], True))
        converted.append([[next(done) for _ in record[position]] for record in links])
    return list(zip(*converted)) if tables else [()] * len(links)
