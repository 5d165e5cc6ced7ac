"""Merging the records of a package into the database, part by part, inside the import's one
transaction. Each record is decided by its uid and revision: new → created; a higher revision →
updated (or deleted); a lower one → left alone (an older package never overwrites newer data);
the same revision from a different edit → a conflict, settled the same way whatever the order
(the later edit wins, then the larger of who and what), so any order of the same packages gives
the same records. What would be written goes through the one validation layer first; a record
that fails it, lies outside the sender's area, or takes a reference another record holds is
rejected with its reasons and the rest goes on. Rows are written in bulk (Core), not one by one.

A part comes here prepared (`prepare.py`: each record read, validated and its row made, without
the database), by this process or by a worker process (`worker.py`) while this one writes the
parts before it; the merge asks the database only what it alone knows.
"""
from __future__ import annotations

import datetime as dt
import functools
import operator
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from db.models import Approval, InformationSource, Organisation, Topic, UnitRollup
from db.models.activities import organiser_bit
from db.models.base import next_change_seq
from db.textfold import fold
from db.units import own_unit, unit_ids_by_code
from desktop.i18n import language, t
from desktop.services.exchange.prepare import (
    LINK_TABLES,
    LINKED_KINDS,
    Entry,
    Label,
    PrepareContext,
    Prepared,
    SenderUnits,
    _uid_text,
    check,
    for_driver,
    for_driver_links,
    head,
    label_of,
    layout,
    prepare_part,
)
from desktop.services.exchange.queries import hex_ids, holders_of, source_bits
from desktop.services.exchange.serialise import parse_datetime, parse_uid
from desktop.services.lookups import SessionLookups
from desktop.services.records import RECORD_CLASSES


@dataclass
class Rejection:
    kind: str
    ref: str
    uid: str
    reasons: list[str]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0
    approvals: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    conflicted: list[tuple[str, str, str]] = field(default_factory=list)  # kind, ref, uid


class PackageLookups(SenderUnits, SessionLookups):
    """Validation's lookups for package records over the session: links to other records name
    them by uid, and organisations the unit does not have yet are created (and made known to
    `context`, so a worker's copy learns them too)."""

    def __init__(self, session: Session, units: dict[tuple[str, str], int]) -> None:
        # SessionLookups' state, read with plain rows and the import's one unit table (a province
        # imports a hundred packages: each reading 14,000 units and every organisation adds up).
        self.session = session
        unit = own_unit(session)
        assert unit is not None, "installation without a unit"
        self._own = unit.id
        self._units = units
        self._organisations = {}
        self._by_kind = {}
        self.organiser_bits: dict[int, int] = {}
        self.context: PrepareContext | None = None
        for org in session.execute(select(Organisation.id, Organisation.unit_id, Organisation.kind,
                                          Organisation.name).where(Organisation.deleted.is_(False))):
            self._remember(org)  # type: ignore[arg-type]
        self._unit_names = {}
        self._defaults = {}
        self.ids: dict[str, int | None] = {}  # linked records' uids → ids, read per part (`prefetch`)

    def _remember(self, org: Organisation) -> None:
        super()._remember(org)
        bit = self.organiser_bits[org.id] = organiser_bit(org.kind)
        if self.context is not None:
            self.context.learned.append((org.unit_id, fold(org.name), org.kind, org.id, bit))

    def prefetch(self, cls: Any, uids: set[str]) -> None:
        """Reads the ids of the records a part links to in one query, not one per link. A record
        names another by the very text `str(uuid)` writes (`prepare._uid_text`)."""
        wanted = {text: text.replace("-", "") for text in uids - self.ids.keys() if _uid_text(text)}
        found = hex_ids(self.session, cls, list(wanted.values()))
        for text in uids:
            self.ids.setdefault(text, found.get(wanted[text]) if text in wanted else None)

    def _linked(self, cls: Any, text: str) -> int | None:
        if text not in self.ids:
            self.prefetch(cls, {text})
        return self.ids[text]

    def source(self, ref: str, unit_id: int) -> int | None:
        return self._linked(InformationSource, ref)

    def decisions(self, number: str) -> list[int]:
        found = self._linked(RECORD_CLASSES["commendations"], number)
        return [] if found is None else [found]


def _version(revision: int, updated_at: dt.datetime, updated_by: str, deleted: bool) -> tuple[Any, ...]:
    return (revision, updated_at, updated_by, deleted)


# A record the merge writes: (label, uid hex, row in `layout` order, link rows, local id, outcome).
Write = tuple[Label, str, tuple[Any, ...], tuple[Any, ...], "int | None", str]


class Merger:
    """Applies the parts of one package sent by a unit whose area is `area_unit_id`."""

    def __init__(self, session: Session, area_unit_id: int, units: dict[tuple[str, str], int] | None = None) -> None:
        self.session = session
        self.counts = Counts()
        self.units = units if units is not None else unit_ids_by_code(session)
        self.lookups = PackageLookups(session, self.units)
        self.sqlite = session.connection().dialect.name == "sqlite"
        self.context = PrepareContext(
            units=self.units, own_unit_id=self.lookups._own,
            area=set(session.scalars(select(UnitRollup.unit_id).where(UnitRollup.ancestor_id == area_unit_id))),
            organisations=self.lookups._organisations, by_kind=self.lookups._by_kind,
            organiser_bits=self.lookups.organiser_bits,
            topic_bits=dict(session.execute(select(Topic.code, Topic.bit)).all()),
            for_sqlite=self.sqlite, language=language())
        self.lookups.context = self.context
        # Rows above these ids were created by this package: one met again is a uid twice in the
        # package (refused: it must not be written twice). Read from the table, not remembered,
        # so memory does not grow with the package.
        self._fresh_after = {kind: session.scalar(select(func.coalesce(func.max(cls.id), 0)))
                             for kind, cls in RECORD_CLASSES.items()}
        self._next_id = {kind: last + 1 for kind, last in self._fresh_after.items()}
        # The change number of each kind's last write: only this package writes those tables in its
        # transaction, so the next is one more, not a query per part.
        self._last_change: dict[str, int] = {}

    # -- records -------------------------------------------------------------------------------

    def merge(self, kind: str, items: list[dict[str, Any]]) -> None:
        """Prepares a part here and applies it (a worker process may prepare it instead)."""
        self.apply(kind, prepare_part(kind, items, self.context), lambda: items)

    def apply(self, kind: str, prepared: Prepared, items: Callable[[], Sequence[Any]]) -> None:
        """Decides each prepared record against the database by uid and revision, validates the
        deferred ones, and writes the part. `items`: the part's records, read again only for a
        record naming a linked record that is not there."""
        items = functools.cache(items)
        cls = RECORD_CLASSES[kind]
        refused, entries = prepared
        for label, reasons in refused:
            self._reject(kind, label, reasons)
        # Most records of a package are new: which uids the table holds is asked cheaply first.
        present = hex_ids(self.session, cls, [entry[0] for entry in entries])
        existing = {row.uid.hex: row for row in self.session.execute(
            select(cls.id, cls.uid, cls.revision, cls.updated_at, cls.updated_by, cls.deleted)
            .where(cls.uid.in_([uuid.UUID(hex=h) for h in present])))} if present else {}
        for uid, row in list(existing.items()):
            if row.id > self._fresh_after[kind]:
                twice = next(entry for entry in entries if entry[0] == uid)
                self._reject(kind, twice[1], [t("pkg_record_twice")])
                entries = [entry for entry in entries if entry[0] != uid]
                del existing[uid]
        decided: list[tuple[Entry, int | None, str]] = []
        for entry in entries:
            uid, label, sent, _ = entry
            local = existing.get(uid)
            outcome = "created"
            if local is not None:
                version = _version(sent[0], parse_datetime(sent[1]), sent[2], sent[3])  # type: ignore[arg-type]
                mine = _version(local.revision, local.updated_at, local.updated_by, local.deleted)
                if version == mine or version < mine:
                    self.counts.unchanged += 1
                    if version[0] == mine[0] and version != mine:
                        self._conflict(kind, label, uid)
                    continue
                if version[0] == mine[0]:
                    self._conflict(kind, label, uid)
                outcome = "deleted" if sent[3] and not local.deleted else "updated"
            elif sent[3]:
                outcome = "deleted"
            decided.append((entry, local.id if local is not None else None, outcome))
        self._prefetch_links(kind, [entry[3] for entry, _, _ in decided])
        writes: list[Write] = []
        for (uid, label, _, result), local_id, outcome in decided:
            if result[0] == "linked":
                result = self._with_link_ids(kind, result, items)
            if result[0] == "defer":
                result = self._validated(kind, result[1])
            if result[0] == "rejected":
                self._reject(kind, label, result[1])
                continue
            writes.append((label, uid, result[1], result[2], local_id, outcome))
        self._write(kind, self._without_taken_refs(kind, writes))

    def _validated(self, kind: str, item: dict[str, Any]) -> tuple[Any, ...]:
        """A deferred record validated here, with the database's lookups."""
        read = head(item)
        assert read is not None  # it was read once already
        checked = check(kind, item, read[0], read[2], self.lookups, self.context)
        if isinstance(checked, list):
            return ("rejected", checked)
        row, links = checked
        return ("row", for_driver(kind, [row], self.context)[0], for_driver_links(kind, [links], self.context)[0])

    def _prefetch_links(self, kind: str, outcomes: list[tuple[Any, ...]]) -> None:
        """Reads the ids of every record the part's records link to, in one query."""
        self.lookups.ids.clear()  # one part's links at a time: memory stays flat
        if kind not in LINKED_KINDS:
            return
        named: set[str] = set()
        decision = layout(kind).index("decision_id") if kind == "recipients" else -1
        for outcome in outcomes:
            if outcome[0] == "linked" and kind == "cases":
                named.update(link[0] for link in outcome[2][0])
            elif outcome[0] == "linked":
                named.add(outcome[1][decision])
            elif outcome[0] == "defer":
                values = outcome[1]["values"]
                if kind == "cases" and isinstance(refs := values.get("source_refs"), list):
                    named.update(map(str, refs))
                elif kind == "recipients":
                    named.add(str(values.get("decision_number")))
        self.lookups.prefetch(InformationSource if kind == "cases" else RECORD_CLASSES["commendations"], named)

    def _with_link_ids(self, kind: str, outcome: tuple[Any, ...], items: Callable[[], Sequence[Any]]) -> tuple[Any, ...]:
        """A linked record's row with the ids of the records it names, or, if one is not there,
        the record deferred: validated again here, its reasons then say which."""
        _, row, links, place = outcome
        ids = self.lookups.ids
        if kind == "cases":
            sources = [(ids.get(link[0]),) for link in links[0]]
            if all(source[0] is not None for source in sources):
                return ("row", row, (sources,))
        else:
            at = layout(kind).index("decision_id")
            if (decision := ids.get(row[at])) is not None:
                return ("row", (*row[:at], decision, *row[at + 1:]), links)
        return ("defer", items()[place])

    def _conflict(self, kind: str, label: Label, uid: str) -> None:
        self.counts.conflicts += 1
        self.counts.conflicted.append((kind, label[0], str(uuid.UUID(hex=uid))))

    def _reject(self, kind: str, label: Label, reasons: list[str]) -> None:
        self.counts.rejected.append(Rejection(kind, label[0], label[1], reasons))

    def _without_taken_refs(self, kind: str, writes: list[Write]) -> list[Write]:
        """Drops (rejects) the writes whose reference (or decision number) another record holds."""
        cls = RECORD_CLASSES[kind]
        columns = layout(kind)
        scope = "decision_id" if kind == "recipients" else "unit_id"
        at_scope = columns.index(scope)
        kept = writes
        for name in ("ref", "number") if kind == "commendations" else ("ref",):
            at = columns.index(name)
            pairs = {(row[at_scope], row[at]) for _, _, row, _, _, _ in kept}
            if not pairs:
                return kept
            holders = holders_of(self.session, cls, scope, name, pairs)
            seen: dict[tuple[Any, Any], str] = {}
            still = []
            for write in kept:
                label, uid, row, _, _, _ = write
                key = (row[at_scope], row[at])
                holder = holders.get(key)
                holder_uid = holder.hex if holder is not None else seen.get(key)
                if holder_uid is not None and holder_uid != uid:
                    self._reject(kind, label, [t("pkg_ref_taken", ref=str(row[at]))])
                    continue
                seen[key] = uid
                still.append(write)
            kept = still
        return kept

    def _write(self, kind: str, writes: list[Write]) -> None:
        if not writes:
            return
        cls = RECORD_CLASSES[kind]
        table = cls.__table__
        columns = layout(kind)
        last = self._last_change.get(kind)
        change = self._last_change[kind] = last + 1 if last is not None else next_change_seq(self.session.connection(), cls)
        creates, updates = [], []
        for _, uid, row, links, local_id, outcome in writes:
            (creates if local_id is None else updates).append((uid, row, links, local_id))
            setattr(self.counts, outcome, getattr(self.counts, outcome) + 1)
        # A case's mask of its sources' kinds is written with its row, not left to the link
        # trigger, which an import batch keeps off its new cases (`deferred.CaseKindsDeferred`).
        kinds = self._source_kinds([links for _, _, links, _ in creates + updates]) if kind == "cases" else []
        created_ids: list[int] = []
        if creates:
            connection = self.session.connection()
            extra = ("source_kinds",) if kinds else ()
            rows = [row for _, row, _, _ in creates]
            if kinds:
                rows = [(*row, mask) for row, mask in zip(rows, kinds)]
            if self.sqlite:  # the ids given here: the link rows need them, and no query asks for them
                first = self._next_id[kind]
                self._next_id[kind] = first + len(creates)
                created_ids = list(range(first, first + len(creates)))
                sql = (f"INSERT INTO {table.name} (id, {', '.join(columns + extra)}, change_seq) "
                       f"VALUES (?, {', '.join('?' * len(columns + extra))}, {int(change)})")
                connection.exec_driver_sql(sql, [(i, *row) for i, row in zip(created_ids, rows)])
            else:
                connection.execute(insert(table), [dict(zip(columns + extra, row), change_seq=change) for row in rows])
                if kind in LINK_TABLES:
                    ids = hex_ids(self.session, cls, [uid for uid, _, _, _ in creates])
                    created_ids = [ids[uid] for uid, _, _, _ in creates]
        if updates:  # one statement run for every row (the rows of a kind have the same columns)
            names = [name for name in columns if name not in ("uid", "created_at", "created_by")]
            at = [columns.index(name) for name in names]
            if self.sqlite:
                self.session.connection().exec_driver_sql(
                    f"UPDATE {table.name} SET {', '.join(f'{name} = ?' for name in names)}, "
                    f"change_seq = {int(change)} WHERE id = ?",
                    [(*(row[i] for i in at), local_id) for _, row, _, local_id in updates])
            else:
                statement = (update(table).where(table.c.id == bindparam("record_id_"))
                             .values({name: bindparam(f"{name}_") for name in [*names, "change_seq"]}))
                self.session.connection().execute(statement, [
                    {"record_id_": local_id, "change_seq_": change, **{f"{name}_": row[i] for name, i in zip(names, at)}}
                    for _, row, _, local_id in updates])
        owners = created_ids + [local_id for _, _, _, local_id in updates]
        self._write_links(kind, owners, [links for _, _, links, _ in creates + updates],
                          [local_id for _, _, _, local_id in updates])
        if kinds and updates:  # after their links were replaced (the link triggers rewrite it)
            self.session.connection().execute(
                update(table).where(table.c.id == bindparam("case_id_")),
                [{"case_id_": case_id, "source_kinds": mask}
                 for case_id, mask in zip(owners[len(creates):], kinds[len(creates):])])

    def _source_kinds(self, links: list[tuple[Any, ...]]) -> list[int]:
        """Each case's `source_kinds` from its links to sources (`links[n][0]`: (source id,) rows),
        as the triggers of migration 0009 reckon it."""
        bits = source_bits(self.session, {link[0] for record in links for link in record[0]})
        return [functools.reduce(operator.or_, (bits.get(link[0], 0) for link in record[0]), 0) for record in links]

    def _write_links(self, kind: str, owners: list[int], links: list[tuple[Any, ...]], updated: list[int]) -> None:
        """Each record's link rows, those of the records updated replaced."""
        connection = self.session.connection()
        for position, (table, owner, columns) in enumerate(LINK_TABLES.get(kind, ())):
            if updated:
                self.session.execute(delete(table).where(table.c[owner].in_(updated)))
            rows = [(record_id, *row) for record_id, record in zip(owners, links) for row in record[position]]
            if not rows:
                continue
            if self.sqlite:
                connection.exec_driver_sql(f"INSERT INTO {table.name} ({owner}, {', '.join(columns)}) "
                                           f"VALUES ({', '.join('?' * (len(columns) + 1))})", rows)
            else:
                connection.execute(insert(table), [dict(zip((owner, *columns), row)) for row in rows])

    # -- approvals -----------------------------------------------------------------------------

    def merge_approvals(self, items: list[dict[str, Any]]) -> None:
        """Approvals travel with the records so the receiver's "approved only" figures agree;
        merged by uid, and a revocation is final (a new approval is a new uid)."""
        for item in items:
            fields = _approval_fields(item, self.units)
            if fields is None or fields["unit_id"] not in self.context.area:
                self._reject("approvals", label_of(item), [t("pkg_record_malformed")])
                continue
            local = self.session.scalar(select(Approval).where(Approval.uid == fields["uid"]))
            if local is None:
                self.session.add(Approval(**fields))
                self.counts.approvals += 1
            elif local.revoked_at is None and fields["revoked_at"] is not None:
                local.revoked_at, local.revoked_by = fields["revoked_at"], fields["revoked_by"]
                local.revoke_reason = fields["revoke_reason"]
                self.counts.approvals += 1
        self.session.flush()


def _approval_fields(item: Any, units: dict[tuple[str, str], int]) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not isinstance(item.get("unit"), dict):
        return None
    uid = parse_uid(item.get("uid"))
    unit_id = units.get((str(item["unit"].get("scheme")), str(item["unit"].get("code"))))
    try:
        starts = dt.date.fromisoformat(str(item.get("starts_on")))
        ends = dt.date.fromisoformat(str(item.get("ends_on")))
    except ValueError:
        return None
    approved_at = parse_datetime(item.get("approved_at"))
    revoked_at = parse_datetime(item.get("revoked_at")) if item.get("revoked_at") is not None else None
    texts = [item.get("approved_by"), item.get("revoked_by"), item.get("revoke_reason")]
    if (uid is None or unit_id is None or approved_at is None or not starts <= ends
            or not isinstance(texts[0], str)
            or any(v is not None and (not isinstance(v, str) or len(v) > 1000) for v in texts)
            or (item.get("revoked_at") is not None and revoked_at is None)):
        return None
    return {"uid": str(uid), "unit_id": unit_id, "starts_on": starts, "ends_on": ends,
            "approved_by": texts[0][:64], "approved_at": approved_at, "revoked_by": (texts[1] or None),
            "revoked_at": revoked_at, "revoke_reason": texts[2]}
