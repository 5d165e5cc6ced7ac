"""The audit trail: who changed what and when, each entry chained to the one before by a hash
so that an edited, removed or reordered entry shows (checked by `antq check`, a later issue)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import AuditEntry, utcnow

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value) if not isinstance(value, int | float | str | bool | type(None) | list | dict) else value


def to_json(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=_canonical)


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    fields = [prev_hash, entry["at"].isoformat(), entry["username"], entry["action"], entry["table_name"],
              entry["record_uid"] or "", entry["old_values"] or "", entry["new_values"] or "", entry["reason"] or ""]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


class AuditWriter:
    """Collects the entries of one transaction and writes them in one statement."""

    def __init__(self, session: Session, username: str) -> None:
        self.session = session
        self.username = username
        last = session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1))
        self.head = last or GENESIS
        self.pending: list[dict[str, Any]] = []

    def add(self, action: str, table: str, record_uid: object, old: dict[str, Any] | None = None,
            new: dict[str, Any] | None = None, reason: str | None = None) -> None:
        entry = {
            "at": utcnow(), "username": self.username, "action": action, "table_name": table,
            "record_uid": str(record_uid) if record_uid is not None else None,
            "old_values": to_json(old), "new_values": to_json(new), "reason": reason,
            "prev_hash": self.head,
        }
        entry["entry_hash"] = self.head = entry_hash(self.head, entry)
        self.pending.append(entry)

    def flush(self) -> None:
        if self.pending:
            self.session.execute(insert(AuditEntry), self.pending)
            self.pending = []
