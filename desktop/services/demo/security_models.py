"""Security models (self-managed groups, security cameras, the organisations' own models) and
the typical recognitions the older ones received."""
from __future__ import annotations

from typing import TYPE_CHECKING

from db.models import TypicalRecognition
from desktop.services.demo.content import MODEL_NAMES, MODEL_TYPE_WEIGHTS, cumulative
from desktop.services.demo.kinds import CHUNK

if TYPE_CHECKING:
    from desktop.services.demo.generator import Demo


def models(demo: Demo, n: int) -> None:
    """`n` models, a third of those old enough recognised as typical."""
    r = demo.rng.random
    units = demo.units
    keys = demo.keys(n)
    types, cum = cumulative(MODEL_TYPE_WEIGHTS)
    kinds = demo.rng.choices(types, cum_weights=cum, k=n)
    first = demo.first["models"]
    ref = demo.ref["models"]
    rows, recognitions = [], []
    for i, (day, u) in enumerate(keys):
        unit = units[u]
        kind = kinds[i]
        templates = MODEL_NAMES[kind]
        template, leads = templates[int(r() * len(templates))]
        name = f"{template} {unit.areas[int(r() * len(unit.areas))]}"
        lead = unit.orgs[leads[int(r() * len(leads))]]
        x = r()
        status = "active" if x < 0.8 else "suspended" if x < 0.88 else "ended"
        members = cameras = None
        if kind == "security_camera":
            cameras = 4 + int(r() * 57)
        else:
            members = 7 + int(r() * 40)
        code = ref(unit, day)
        model_id = first + i
        rows.append(demo.record(model_id, code, f"{code.lower()} {demo.fold[name]}")
                    + (unit.id, kind, name, lead, demo.iso[day], status, members, cameras))
        age = demo.last - day
        if age >= 120 and r() < 0.32:
            on = day + 90 + int(r() * min(1000, age - 90))
            if r() < 0.6:
                authority, suffix = f"Chủ tịch Ủy ban nhân dân {unit.province}", "QĐ-UBND"
            else:
                authority, suffix = f"Giám đốc Công an {unit.province}", "QĐ-CAT"
            recognitions.append((model_id, demo.iso[on], authority, f"{100 + int(r() * 3900)}/{suffix}"))
        if len(rows) >= CHUNK:
            demo.write_records("models", rows)
            rows = []
    demo.write_records("models", rows)
    demo.write(TypicalRecognition.__tablename__,
               ("model_id", "recognised_on", "authority", "decision_number"), recognitions)
    demo.result.recognitions = len(recognitions)
    demo.result.models = n
