"""Alembic environment: runs on the engine handed over by `db.migrate` (batch mode on SQLite)."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from db.migrate import include_name
from db.models import Base

config = context.config
engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
