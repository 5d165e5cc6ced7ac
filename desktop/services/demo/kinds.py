"""The six kinds of demo record: their classes, tables, columns and reference prefixes, how a
run's volume is shared among them (`plan_counts`), and what a run reports (`DemoResult`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from db.models import (
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    SecurityModel,
    UncoveredCase,
)

DEMO_USER = "demo"
RECORDS_PER_UNIT_YEAR = 100  # the default volume: what a busy commune logs in a year
CHUNK = 10_000  # rows per executemany (and between progress reports / cancellation checks)

# Share of each kind of record (sessions ≫ sources > cases > models; commendations few).
SHARES = {
    "sources": 0.22,
    "cases": 0.10,
    "models": 0.05,
    "decisions": 0.006,
    "recipients": 0.044,
}
KINDS = ("sessions", "models", "sources", "cases", "decisions", "recipients")
CLASS_OF: dict[str, Any] = {
    "sessions": DisseminationSession,
    "models": SecurityModel,
    "sources": InformationSource,
    "cases": UncoveredCase,
    "decisions": CommendationDecision,
    "recipients": CommendationRecipient,
}
TABLE_OF = {kind: cls.__tablename__ for kind, cls in CLASS_OF.items()}
PREFIX = {"sessions": "TT", "models": "MH", "sources": "NT", "cases": "VV", "decisions": "KT",
          "recipients": "NK"}

RECORD_COLUMNS = ("id", "uid", "ref", "origin_unit_id", "created_at", "created_by", "updated_at",
                  "updated_by", "revision", "deleted", "search_text")
COLUMNS = {
    "sessions": RECORD_COLUMNS + ("unit_id", "held_on", "kind", "attendees", "member_attendees",
                                  "place", "notes", "topic_mask", "organiser_mask"),
    "models": RECORD_COLUMNS + ("unit_id", "type", "name", "lead_organisation_id", "launched_on",
                                "status", "members", "cameras"),
    "sources": RECORD_COLUMNS + ("unit_id", "received_on", "organisation_id", "category", "channel",
                                 "content", "status"),
    "cases": RECORD_COLUMNS + ("unit_id", "opened_on", "category", "individuals", "summary"),
    "decisions": RECORD_COLUMNS + ("unit_id", "number", "decided_on", "authority", "form",
                                   "period_from", "period_to", "achievement"),
    "recipients": RECORD_COLUMNS + ("decision_id", "kind", "name", "title", "position", "unit_id",
                                    "organisation_id"),
}


@dataclass
class DemoResult:
    """What `make_demo` made. `total` is the records (the six kinds); organisations, recognitions
    and link rows are counted apart. With `cancelled` nothing was written."""

    sessions: int = 0
    models: int = 0
    sources: int = 0
    cases: int = 0
    decisions: int = 0
    recipients: int = 0
    organisations: int = 0
    recognitions: int = 0
    links: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    units: list[str] = field(default_factory=list)  # codes of the units the records went to

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def counts(self) -> dict[str, int]:
        return {kind: getattr(self, kind) for kind in KINDS}


def plan_counts(records: int) -> dict[str, int]:
    """How many records of each kind make `records` in all (sessions take the remainder)."""
    if records < 0:
        raise ValueError("records must be >= 0")
    counts = {kind: int(records * share) for kind, share in SHARES.items()}
    if counts["recipients"] and not counts["decisions"]:
        counts["decisions"] = 1
    counts["recipients"] = max(counts["recipients"], counts["decisions"])
    counts["sessions"] = records - sum(counts.values())
    return counts
