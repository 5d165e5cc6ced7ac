"""Loads the official unit lists (63-province list before 1 July 2025, 34-province list from then)
and the old → new mapping from the `vietnamadminunits` package (MIT) into our own tables.

The package's data files are read directly; its Python modules (which pull in shapely and
geopy) are never imported. Units are keyed by (scheme, code): the reform reused most commune
codes for different communes.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from db.models import AdminUnit, UnitRollup, UnitSuccession
from db.textfold import fold

PACKAGE = "vietnamadminunits"


@dataclass
class UnitRow:
    id: int
    scheme: str
    code: str
    level: str
    name: str
    short_name: str
    parent_id: int | None
    search_text: str
    area_km2: float | None = None


@dataclass
class ReferenceData:
    units: list[UnitRow] = field(default_factory=list)
    successions: list[tuple[int, int, bool]] = field(default_factory=list)  # old, new, primary
    rollup: dict[tuple[int, int], int] = field(default_factory=dict)  # (ancestor, unit) → depth
    source: str = ""


def _data_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the reference package {PACKAGE!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def source_label() -> str:
    return f"{PACKAGE} {importlib.metadata.version(PACKAGE)}"


def read_reference() -> ReferenceData:
    """Builds every unit row, succession and roll-up pair in memory (about 13,400 units)."""
    folder = _data_dir()
    con = sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True)
    try:
        new_rows = con.execute(
            "SELECT provinceCode, province, provinceShort, provinceKey, wardCode, ward, wardShort,"
            " wardKey, wardAreaKm2 FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
        old_rows = con.execute(
            "SELECT provinceCode, province, provinceShort, provinceKey, districtCode, district,"
            " districtShort, districtKey, wardCode, ward, wardShort, wardKey FROM admin_units_legacy"
            " ORDER BY provinceCode, districtCode, wardCode"
        ).fetchall()
    finally:
        con.close()
    converter = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))

    data = ReferenceData(source=source_label())
    next_id = iter(range(1, 1_000_000))

    def add(scheme: str, code: str, level: str, name: str, short: str, parent: UnitRow | None,
            area: float | None = None) -> UnitRow:
        context = f"{name}, {parent.search_text}" if parent else name
        row = UnitRow(next(next_id), scheme, code, level, name, short,
                      parent.id if parent else None, fold(context), area)
        data.units.append(row)
        return row

    # The 2025 list: province → commune.
    new_province: dict[str, UnitRow] = {}  # provinceKey → row
    new_commune: dict[tuple[str, str], UnitRow] = {}  # (provinceKey, wardKey) → row
    for p_code, p_name, p_short, p_key, w_code, w_name, w_short, w_key, area in new_rows:
        if p_key not in new_province:
            new_province[p_key] = add("2025", p_code, "province", p_name, p_short, None)
        new_commune[(p_key, w_key)] = add("2025", w_code, "commune", w_name, w_short,
                                          new_province[p_key], area)

    # The list before 1 July 2025: province → district → commune. Five island districts have
    # no communes; they stand as leaves themselves (key "province_district_").
    old_province: dict[str, UnitRow] = {}
    old_district: dict[tuple[str, str], UnitRow] = {}
    old_leaf: dict[str, UnitRow] = {}  # "provinceKey_districtKey_wardKey" → row
    for (p_code, p_name, p_short, p_key, d_code, d_name, d_short, d_key,
         w_code, w_name, w_short, w_key) in old_rows:
        if p_key not in old_province:
            old_province[p_key] = add("pre2025", p_code, "province", p_name, p_short, None)
        if (p_key, d_key) not in old_district:
            old_district[(p_key, d_key)] = add("pre2025", d_code, "district", d_name, d_short,
                                               old_province[p_key])
        district = old_district[(p_key, d_key)]
        leaf_key = f"{p_key}_{d_key}_{w_key or ''}"
        if w_code:
            old_leaf[leaf_key] = add("pre2025", w_code, "commune", w_name, w_short, district)
        else:
            old_leaf[leaf_key] = district

    # Old provinces → new province (whole provinces merged).
    old_to_new_province: dict[int, UnitRow] = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            old_to_new_province[old_province[old_key].id] = new_province[new_key]

    successions: dict[tuple[int, int], bool] = {}
    for new_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in wards.items():
            target = new_commune[(new_key, new_ward_key)]
            for old_key in old_keys:
                successions[(old_leaf[old_key].id, target.id)] = True
    for new_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in olds.items():
            for part in parts:
                target = new_commune[(new_key, part["newWardKey"])]
                successions[(old_leaf[old_key].id, target.id)] = bool(part["isDefaultNewWard"])
    data.successions = [(old, new, primary) for (old, new), primary in successions.items()]
    _build_rollup(data, old_to_new_province)
    return data


def _build_rollup(data: ReferenceData, old_to_new_province: dict[int, UnitRow]) -> None:
    by_id = {u.id: u for u in data.units}
    primary = {old: new for old, new, is_primary in data.successions if is_primary}

    def chain(unit: UnitRow) -> Iterable[UnitRow]:
        current: UnitRow | None = unit
        while current is not None:
            yield current
            current = by_id[current.parent_id] if current.parent_id else None

    for unit in data.units:
        own = list(chain(unit))
        for depth, ancestor in enumerate(own):
            data.rollup[(ancestor.id, unit.id)] = depth
        if unit.scheme != "pre2025":
            continue
        # Old units also count in the current units they merged into.
        successor = by_id.get(primary.get(unit.id, 0))
        if successor is not None:
            current_chain = list(chain(successor))
        else:
            current_chain = [old_to_new_province[own[-1].id]]
        for depth, ancestor in enumerate(current_chain, start=1):
            data.rollup.setdefault((ancestor.id, unit.id), depth)


def load_reference(session: Session) -> ReferenceData:
    """Replaces the unit tables with the reference lists (records point at unit ids, which are
    assigned in the same deterministic order every time, so a reload keeps them valid)."""
    data = read_reference()
    session.execute(delete(UnitRollup))
    session.execute(delete(UnitSuccession))
    existing = session.query(AdminUnit.id).limit(1).first()
    if existing is None:
        session.execute(insert(AdminUnit), [u.__dict__ for u in data.units])
    session.execute(
        insert(UnitSuccession),
        [{"old_unit_id": o, "new_unit_id": n, "is_primary": p} for o, n, p in data.successions],
    )
    session.execute(
        insert(UnitRollup),
        [{"ancestor_id": a, "unit_id": u, "depth": d} for (a, u), d in data.rollup.items()],
    )
    return data
