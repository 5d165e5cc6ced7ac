"""The organisation kinds of each case's live sources, as a bit mask on the case kept by triggers.

The review figures count the cases uncovered from sources by the kind of organisation that
provided them. Read through the links, that is a join of every case to its links, sources and
organisations: 320 ms for 100,000 cases on SQLite, most of the `sources-cases` chart. With the
mask on the case and in its figures index, the same counts are one pass over that index (76 ms).

The mask changes when a link is added or removed, when a source is deleted, restored or given
another organisation, and when an organisation changes kind or is deleted. Those writes come from
the forms, the package merger, the demo generator and the province's reference data; triggers
keep the mask right whichever of them writes, where an ORM hook would miss the bulk writers.
An added link only adds bits (an OR with its source's bits); anything else recomputes the mask
of the cases it touches from their links.

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Frozen here: the organisation vocabulary's order (as in migration 0003) and the "linked to a
# live source" bit, `db.models.sources.LINKED_BIT`.
ORGANISATION_BITS = ["police", "fatherland_front", "womens_union", "farmers_union", "veterans",
                     "youth_union", "other"]
LINKED = 1 << 30

_KIND_BIT = ("CASE o.kind " + " ".join(f"WHEN '{code}' THEN {1 << bit}" for bit, code in enumerate(ORGANISATION_BITS))
             + " ELSE 0 END")
_LIVE_SOURCES = ("FROM information_source s LEFT JOIN organisation o ON o.id = s.organisation_id AND NOT o.deleted"
                 " WHERE NOT s.deleted")


def _mask_of_case(case_id: str) -> str:
    """The mask of one case, from its links (`sum(DISTINCT)` of powers of two is their OR)."""
    return (f"(SELECT CASE WHEN count(*) = 0 THEN 0 ELSE {LINKED} | coalesce(sum(DISTINCT {_KIND_BIT}), 0) END"
            f" {_LIVE_SOURCES} AND s.id IN (SELECT source_id FROM case_source WHERE case_id = {case_id}))")


def _bits_of_source(source_id: str) -> str:
    """What one link to a source adds to its case's mask: nothing if the source is deleted."""
    return f"coalesce((SELECT {LINKED} | {_KIND_BIT} {_LIVE_SOURCES} AND s.id = {source_id}), 0)"


def _recompute_where(condition: str) -> str:
    return f"UPDATE uncovered_case SET source_kinds = {_mask_of_case('uncovered_case.id')} WHERE {condition}"


_CASES_OF_SOURCE = "id IN (SELECT case_id FROM case_source WHERE source_id = NEW.id)"
_CASES_OF_ORGANISATION = ("id IN (SELECT cs.case_id FROM case_source cs JOIN information_source s"
                          " ON s.id = cs.source_id WHERE s.organisation_id = NEW.id)")
_ADD_LINK = f"UPDATE uncovered_case SET source_kinds = source_kinds | {_bits_of_source('NEW.source_id')}" \
            " WHERE id = NEW.case_id"
# "{differs}" is IS NOT on SQLite (older than 3.39 has no IS DISTINCT FROM), IS DISTINCT FROM on PostgreSQL.
_SOURCE_CHANGED = "OLD.deleted {differs} NEW.deleted OR OLD.organisation_id {differs} NEW.organisation_id"
_ORGANISATION_CHANGED = "OLD.deleted {differs} NEW.deleted OR OLD.kind {differs} NEW.kind"

SQLITE_TRIGGERS = {
    "case_source_kinds_ai": f"AFTER INSERT ON case_source BEGIN {_ADD_LINK}; END",
    "case_source_kinds_ad": f"AFTER DELETE ON case_source BEGIN {_recompute_where('id = OLD.case_id')}; END",
    "case_source_kinds_au": (f"AFTER UPDATE ON case_source BEGIN {_recompute_where('id = OLD.case_id')};"
                             f" {_recompute_where('id = NEW.case_id')}; END"),
    "information_source_kinds_au": (f"AFTER UPDATE OF deleted, organisation_id ON information_source"
                                    f" WHEN {_SOURCE_CHANGED.format(differs='IS NOT')} BEGIN {_recompute_where(_CASES_OF_SOURCE)}; END"),
    "organisation_kinds_au": (f"AFTER UPDATE OF kind, deleted ON organisation WHEN {_ORGANISATION_CHANGED.format(differs='IS NOT')}"
                              f" BEGIN {_recompute_where(_CASES_OF_ORGANISATION)}; END"),
}

# PostgreSQL: one plpgsql function per table; the statements are the same SQL.
POSTGRESQL_FUNCTIONS = {
    "case_source": ("AFTER INSERT OR UPDATE OR DELETE", None, f"""
        IF TG_OP = 'INSERT' THEN {_ADD_LINK};
        ELSE
            {_recompute_where('id = OLD.case_id')};
            IF TG_OP = 'UPDATE' THEN {_recompute_where('id = NEW.case_id')}; END IF;
        END IF;"""),
    "information_source": ("AFTER UPDATE OF deleted, organisation_id", _SOURCE_CHANGED,
                           f"{_recompute_where(_CASES_OF_SOURCE)};"),
    "organisation": ("AFTER UPDATE OF kind, deleted", _ORGANISATION_CHANGED,
                     f"{_recompute_where(_CASES_OF_ORGANISATION)};"),
}


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX: a batch rebuild of the table on SQLite would drop its
    # full-text triggers (migration 0002).
    op.add_column("uncovered_case", sa.Column("source_kinds", sa.Integer(), nullable=False, server_default="0"))
    op.execute(_recompute_where("id IN (SELECT case_id FROM case_source)"))
    op.drop_index("ix_uncovered_case_figures", table_name="uncovered_case")
    op.create_index("ix_uncovered_case_figures", "uncovered_case",
                    ["unit_id", "opened_on", "deleted", "individuals", "source_kinds"])
    if op.get_bind().dialect.name == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        return
    for table, (events, when, body) in POSTGRESQL_FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {table}_kinds() RETURNS trigger LANGUAGE plpgsql AS $$"
                   f" BEGIN {body} RETURN NULL; END $$")
        condition = f" WHEN ({when.format(differs='IS DISTINCT FROM')})" if when else ""
        op.execute(f"CREATE TRIGGER {table}_kinds {events} ON {table} FOR EACH ROW{condition}"
                   f" EXECUTE FUNCTION {table}_kinds()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table in POSTGRESQL_FUNCTIONS:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_kinds ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_kinds()")
    op.drop_index("ix_uncovered_case_figures", table_name="uncovered_case")
    op.create_index("ix_uncovered_case_figures", "uncovered_case", ["unit_id", "opened_on", "deleted", "individuals"])
    op.drop_column("uncovered_case", "source_kinds")
