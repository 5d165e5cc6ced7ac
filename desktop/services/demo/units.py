"""Which units the demo writes for: the installation's own commune, or some communes of its
province, each with the pre-2025 communes that merged into it, described for the text
(areas, places, the district and province they belong to)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from db.models import AdminUnit, Installation, UnitRollup
from desktop.i18n import t
from desktop.services.demo.content import lower_first, places
from desktop.services.installation import SetupError


@dataclass
class Unit:
    id: int
    code: str
    name: str  # "Phường Hà Tu"
    short: str
    old: bool
    areas: list[str]  # "khu 3", "thôn 5"
    places: list[str]
    commune: str  # "phường Hà Tu"
    district: str | None  # "thành phố Hạ Long" (pre-2025 units)
    province: str  # "tỉnh Quảng Ninh"
    orgs: dict[str, int] = field(default_factory=dict)  # kind → organisation id


@dataclass
class Units:
    own_id: int  # the installation's unit
    current: list[Unit]  # the current communes the records go to
    old: list[list[Unit]]  # for each current commune, the old ones that merged into it
    all: list[Unit]  # `current`, then the old ones in order


def load_units(conn: Connection, rng: random.Random, wanted: int) -> Units:
    """The own commune, or up to `wanted` communes of the own province (those with predecessors
    first), with their predecessors."""
    own_id = conn.scalar(select(Installation.unit_id).where(Installation.id == 1))
    if own_id is None:
        raise SetupError(t("no_installation"))
    units = {u.id: u for u in conn.execute(select(AdminUnit))}
    own = units[own_id]
    children = sorted((u for u in units.values() if u.parent_id == own_id and u.level == "commune"),
                      key=lambda u: u.code)
    rolled_up: dict[int, list[int]] = {}
    for ancestor, unit in conn.execute(
        select(UnitRollup.ancestor_id, UnitRollup.unit_id).where(UnitRollup.depth > 0)
    ):
        if units[unit].scheme == "pre2025" and units[ancestor].level == "commune":
            rolled_up.setdefault(ancestor, []).append(unit)
    current = []
    if children:  # a province: some of its communes, those with predecessors first
        with_old = [u for u in children if u.id in rolled_up]
        pool = with_old if len(with_old) >= min(wanted, len(children)) else children
        current = sorted(rng.sample(pool, min(wanted, len(pool))), key=lambda u: u.code)
    if not current:
        current = [own]

    def chain(unit: Any) -> list[Any]:
        found = [unit]
        while found[-1].parent_id is not None:
            found.append(units[found[-1].parent_id])
        return found

    def describe(unit: Any) -> Unit:
        ancestors = chain(unit)
        district = next((u for u in ancestors if u.level == "district"), None)
        province = ancestors[-1]
        area_word = "thôn" if unit.name.startswith(("Xã", "Đặc khu")) else "khu"
        areas = [f"{area_word} {n}" for n in range(1, 6 + int(rng.random() * 10))]
        lower = lower_first(unit.name)
        return Unit(unit.id, unit.code, unit.name, unit.short_name, unit.scheme == "pre2025",
                    areas, places(areas, lower, unit.short_name), lower,
                    lower_first(district.name) if district else None, lower_first(province.name))

    described = [describe(u) for u in current]
    old = [[describe(units[o]) for o in sorted(rolled_up.get(u.id, []))] for u in current]
    return Units(own_id, described, old, described + [u for olds in old for u in olds])
