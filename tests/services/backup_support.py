"""Helpers of the backup, check and crash tests: a marker row to tell copies apart, reading a
file back without the application, damaging a file on purpose, and audit entries."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from db.engine import transaction
from db.models import Installation, Organisation
from desktop.services.audit import AuditWriter
from desktop.services.installation import Database


def add_marker(database: Database, name: str) -> None:
    """One committed row (an organisation of the own unit) that a copy has or has not."""
    with transaction(database.sessions) as session:
        unit_id = session.get_one(Installation, 1).unit_id
        session.add(Organisation(unit_id=unit_id, kind="police", name=name))


def markers(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM organisation")}
    finally:
        connection.close()


def add_audit_entries(database: Database, count: int, username: str = "tester") -> None:
    """`count` audit entries, one transaction each (as the application writes them)."""
    for n in range(count):
        with transaction(database.sessions) as session:
            writer = AuditWriter(session, username)
            writer.add("update", "organisation", f"uid-{n}", old={"name": f"old {n}"}, new={"name": f"new {n}"})
            writer.flush()


def damage(path: Path, *, first_page: int = 600, pages: int = 40, seed: int = 7) -> None:
    """Overwrites pages in the middle of a database file with noise (as a failing disk would):
    the header stays, so the file still opens, but its checks fail. `first_page` and `pages`
    count 4 KiB pages; a file with larger pages (`NEW_PAGE_SIZE`) gets as much noise over leaf
    pages of its unit list."""
    connection = sqlite3.connect(path)
    try:
        page = connection.execute("PRAGMA page_size").fetchone()[0]
        leaves = [n for (n,) in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'admin_unit' AND pagetype = 'leaf' ORDER BY pageno")]
    finally:
        connection.close()
    if page == 4096:
        targets = list(range(first_page, first_page + pages))  # 0-based, as file offsets count
    else:  # as many bytes, in whole pages, over leaf pages of the unit list (the schema's stay)
        count = max(1, pages * 4096 // page)
        start = first_page * len(leaves) // 1000
        targets = [n - 1 for n in leaves[start:start + count]]
    assert targets and path.stat().st_size > (max(targets) + 1) * page, "file too small to damage there"
    noise = random.Random(seed)
    with path.open("r+b") as file:
        for target in targets:
            file.seek(target * page)
            file.write(noise.randbytes(page))


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()
