"""Information sources (tips from the public and the organisations) and the cases some of them
led to, linked source by source; cases are shared among units as their sources are."""
from __future__ import annotations

import itertools
from bisect import bisect
from typing import TYPE_CHECKING

from desktop.services.demo.content import CASE_TEXT, CATEGORY_WEIGHTS, CHANNEL_WEIGHTS, TIPS, cumulative
from desktop.services.demo.kinds import CHUNK

if TYPE_CHECKING:
    from desktop.services.demo.generator import Demo


def _apportion(total: int, sizes: list[int]) -> list[int]:
    """`total` shared in proportion to `sizes` (largest remainders), never more than a size."""
    whole = sum(sizes)
    if not whole:
        return [0] * len(sizes)
    exact = [total * s / whole for s in sizes]
    shares = [int(e) for e in exact]
    order = sorted(range(len(sizes)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return [min(s, size) for s, size in zip(shares, sizes)]


def sources_and_cases(demo: Demo, n_sources: int, n_cases: int) -> None:
    """`n_sources` sources and up to `n_cases` cases (no more than there are sources)."""
    r = demo.rng.random
    units = demo.units
    keys = demo.keys(n_sources)
    cats, cum = cumulative(CATEGORY_WEIGHTS)
    categories = demo.rng.choices(cats, cum_weights=cum, k=n_sources)

    # Which sources led to which cases: cases shared among units as their sources are.
    by_unit: dict[int, list[int]] = {}
    for i, (_day, u) in enumerate(keys):
        by_unit.setdefault(u, []).append(i)
    n_cases = min(n_cases, n_sources)
    quotas = _apportion(n_cases, [len(v) for v in by_unit.values()])
    cases: list[tuple[int, int, list[int]]] = []  # (day, unit index, source positions)
    led = bytearray(n_sources)
    for (u, positions), quota in zip(by_unit.items(), quotas):
        chosen = sorted(demo.rng.sample(range(len(positions)), quota))
        for p in chosen:
            led[positions[p]] = 1
        for p in chosen:
            linked = [positions[p]]
            if p > 0 and not led[positions[p - 1]] and r() < 0.3:
                led[positions[p - 1]] = 1
                linked.insert(0, positions[p - 1])
            day = keys[positions[p]][0]
            limit = demo.reform - 1 if demo.units[u].old else demo.last
            cases.append((min(day + int(r() * 30), limit), u, linked))
    cases.sort(key=lambda c: (c[0], c[1]))

    # The sources.
    first_source = demo.first["sources"]
    ref = demo.ref["sources"]
    chans, ccum = cumulative(CHANNEL_WEIGHTS)
    channels = demo.rng.choices(chans, cum_weights=ccum, k=n_sources)
    giver = ("womens_union", "farmers_union", "veterans", "youth_union", "fatherland_front", "police")
    rows = []
    for i, (day, u) in enumerate(keys):
        unit = units[u]
        category = categories[i]
        tips = TIPS[category]
        content = f"{tips[int(r() * len(tips))]} tại {unit.areas[int(r() * len(unit.areas))]}"
        x = r()
        org = None if x < 0.12 else unit.orgs[giver[int(r() * len(giver))]]
        if led[i]:
            status = "led_to_case"
        elif demo.last - day < 30 and x < 0.7:
            status = "received"
        else:
            y = r()
            status = "verified" if y < 0.55 else "unfounded" if y < 0.9 else "received"
        code = ref(unit, day)
        rows.append(demo.record(first_source + i, code, f"{code.lower()} {demo.fold[content]}")
                    + (unit.id, demo.iso[day], org, category, channels[i], content, status))
        if len(rows) >= CHUNK:
            demo.write_records("sources", rows)
            rows = []
    demo.write_records("sources", rows)
    demo.result.sources = n_sources

    # The cases.
    first_case = demo.first["cases"]
    ref = demo.ref["cases"]
    rows, links = [], []
    individuals_cum = list(itertools.accumulate((35, 45, 13, 4, 2, 1)))
    for i, (day, u, linked) in enumerate(cases):
        unit = demo.units[u]
        category = categories[linked[-1]]
        individuals = bisect(individuals_cum, r() * individuals_cum[-1])
        pieces = [f"{CASE_TEXT[category]} tại {unit.areas[int(r() * len(unit.areas))]}."]
        if individuals:
            pieces += ["Đối tượng:", demo.people.person()[0], f"(sinh năm {1960 + int(r() * 47)})"
                       + ("." if individuals == 1 else f" và {individuals - 1} đối tượng khác.")]
        summary, folded = demo.fold.join(pieces)
        code = ref(unit, day)
        case_id = first_case + i
        rows.append(demo.record(case_id, code, f"{code.lower()} {folded}")
                    + (unit.id, demo.iso[day], category, individuals, summary))
        links.extend((case_id, first_source + s) for s in linked)
        if len(rows) >= CHUNK:
            demo.write_records("cases", rows)
            rows = []
    demo.write_records("cases", rows)
    for start in range(0, len(links), CHUNK):
        demo.write("case_source", ("case_id", "source_id"), links[start:start + CHUNK], links=True)
    demo.result.cases = len(cases)
