"""Reference codes (`TT-2024-0001`) and decision numbers (`1234/QĐ-UBND`) handed out after
those the units already have in the database, so that a second run never reuses one."""
from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from sqlalchemy import Connection, select

from db.models import CommendationDecision
from desktop.services.demo.kinds import CLASS_OF, PREFIX
from desktop.services.demo.units import Unit


def refs(conn: Connection, kind: str, units: Sequence[Unit], year: Sequence[int]) -> Callable[[Unit, int], str]:
    """Hands out `TT-2024-0001` references per unit and year (of day `day`: `year[day]`), after
    those already there."""
    prefix = PREFIX[kind]
    pattern = re.compile(rf"^{prefix}-(\d{{4}})-(\d+)$")
    cls = CLASS_OF[kind]
    taken: dict[tuple[int, int], int] = {}
    for unit_id, ref in conn.execute(
        select(cls.unit_id, cls.ref).where(cls.unit_id.in_([u.id for u in units]),
                                           cls.ref.like(f"{prefix}-%"))
    ):
        m = pattern.match(ref)
        if m:
            key = (unit_id, int(m.group(1)))
            taken[key] = max(taken.get(key, 0), int(m.group(2)))

    def allocate(unit: Unit, day: int) -> str:
        key = (unit.id, year[day])
        n = taken[key] = taken.get(key, 0) + 1
        return f"{prefix}-{key[1]}-{n:04d}"

    return allocate


def numbers(conn: Connection, units: Sequence[Unit], rng: random.Random) -> Callable[[Unit, str], str]:
    """Decision numbers ("1234/QĐ-UBND"), increasing per unit and suffix, never reused."""
    last: dict[tuple[int, str], int] = {}
    pattern = re.compile(r"^(\d+)/(.+)$")
    for unit_id, number in conn.execute(
        select(CommendationDecision.unit_id, CommendationDecision.number).where(
            CommendationDecision.unit_id.in_([u.id for u in units]))
    ):
        m = pattern.match(number)
        if m:
            key = (unit_id, m.group(2))
            last[key] = max(last.get(key, 0), int(m.group(1)))
    r = rng.random

    def allocate(unit: Unit, suffix: str) -> str:
        key = (unit.id, suffix)
        n = last[key] = last.get(key, int(r() * 300)) + 1 + int(r() * 40)
        return f"{n}/{suffix}"

    return allocate
