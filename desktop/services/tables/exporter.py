"""`antq export-table KIND FILE`: the import format back (English headers, codes, dd/mm/yyyy),
so that exporting and importing again changes nothing."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.models import AdminUnit, CommendationDecision, Organisation
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, Permission, check, requires
from desktop.services.record_specs import SPECS
from desktop.services.records import RECORD_CLASSES, snapshot
from desktop.services.tables.sheets import write_sheet
from desktop.services.validation import LIST_SEPARATOR

BATCH = 2000


def _format(value: object, xlsx: bool) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value if xlsx else value.strftime("%d/%m/%Y")
    return value


class _Names:
    """Unit codes, organisation names, source refs and decision numbers for ids, cached."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.units = dict(session.execute(select(AdminUnit.id, AdminUnit.code)).all())
        self.organisations = dict(session.execute(select(Organisation.id, Organisation.name)).all())
        self.decisions = dict(session.execute(
            select(CommendationDecision.id, CommendationDecision.number)).all())

    def row(self, kind: str, record: Any) -> dict[str, object]:
        values = snapshot(kind, record)
        values["unit_code"] = self.units.get(values.pop("unit_id")) if values.get("unit_id") else None
        if kind == "sessions":
            values["organisers"] = LIST_SEPARATOR.join(self.organisations[i] for i in values["organisers"])
            values["topics"] = LIST_SEPARATOR.join(values["topics"])
        elif kind == "cases":
            values["source_refs"] = LIST_SEPARATOR.join(s.ref for s in record.sources)
        elif kind == "recipients":
            values["decision_number"] = self.decisions[values["decision_number"]]
        for name in ("organisation", "lead_organisation"):
            if values.get(name):
                values[name] = self.organisations[values[name]]
        return values


@requires(Permission.EXPORT)
def export_table(database: Database, kind: str, path: Path, *, actor: Actor = OWNER) -> int:
    """Writes every live record of `kind` (atomically). Returns the number of rows. An `actor`
    without the EXPORT permission gets PermissionDenied and no file is written."""
    check(actor, Permission.EXPORT)
    columns = [spec.name for spec in SPECS[kind].fields]
    xlsx = path.suffix.lower() == ".xlsx"
    cls = RECORD_CLASSES[kind]
    related = {"sessions": ("organisers", "topics"), "cases": ("sources",), "models": ("recognitions",)}
    loaders = [selectinload(getattr(cls, name)) for name in related.get(kind, ())]

    def rows() -> Iterator[list[object]]:
        with database.sessions() as session:
            names = _Names(session)
            query = select(cls).where(cls.deleted.is_(False)).order_by(cls.id).options(*loaders)
            last_id = 0
            while True:
                batch = list(session.scalars(query.where(cls.id > last_id).limit(BATCH)))
                if not batch:
                    return
                for record in batch:
                    values = names.row(kind, record)
                    yield [_format(values.get(c), xlsx) for c in columns]
                last_id = batch[-1].id
                session.expunge_all()

    return write_sheet(path, columns, rows())
