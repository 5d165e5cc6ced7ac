"""Dissemination sessions: who organised them, for whom, on which topics, where, and who spoke,
with their organiser and topic links."""
from __future__ import annotations

import itertools
from bisect import bisect
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from db.models import Topic
from db.models.activities import mask, organiser_bit
from db.vocab import ORGANISATIONS, SESSION_KINDS, TOPICS
from desktop.services.demo.content import (
    ATTENDEES,
    KIND_LEAD,
    KIND_WEIGHTS,
    LEADER_OF,
    MEMBERS_OF,
    UNIONS,
    cumulative,
)
from desktop.services.demo.kinds import CHUNK

if TYPE_CHECKING:
    from desktop.services.demo.generator import Demo


def sessions(demo: Demo, n: int) -> None:
    """`n` sessions in date order, written with their organisers and topics."""
    r = demo.rng.random
    units = demo.units
    keys = demo.keys(n)
    first = demo.first["sessions"]
    ref = demo.ref["sessions"]
    kinds_, cum = cumulative(KIND_WEIGHTS)
    unions, ucum = cumulative(dict(zip(UNIONS, (30, 30, 15, 15, 10))))
    codes = [c for c in TOPICS.codes if c != "other"]
    combos = [[(c,) for c in TOPICS.codes],
              list(itertools.combinations(codes, 2)),
              list(itertools.combinations(codes, 3))]
    leads = {}
    for kind in SESSION_KINDS.codes:
        for size in combos:
            for combo in size:
                leads[kind, combo] = (f"{KIND_LEAD[kind]} "
                                      + "; ".join(TOPICS[c].vi for c in combo))
    topic_bit = dict(demo.conn.execute(select(Topic.code, Topic.bit)).all())
    rows, organisers, topics = [], [], []
    for i, (day, u) in enumerate(keys):
        unit = units[u]
        sid = first + i
        kind = kinds_[bisect(cum, r() * cum[-1])]
        x = r()
        union = unions[bisect(ucum, r() * ucum[-1])]
        if x < 0.6:
            orgs, audience_of = ("police", union), union
        elif x < 0.85:
            orgs, audience_of = (union,), union
        else:
            orgs, audience_of = ("police",), None
        y = r()
        size = combos[0 if y < 0.45 else 1 if y < 0.85 else 2]
        combo = size[int(r() * len(size))]
        low, high = ATTENDEES[kind]
        attendees = low + int(r() * (high - low + 1))
        if audience_of is None:
            members = int(attendees * 0.2 * r())
            audience = f"cho nhân dân {unit.areas[int(r() * len(unit.areas))]}."
        else:
            members = int(attendees * (0.4 + 0.6 * r()))
            audience = f"cho {MEMBERS_OF[audience_of]}."
        pieces = [leads[kind, combo], audience]
        if r() < 0.7:
            name, woman = demo.people.person()
            if "police" in orgs:
                pieces += ["Báo cáo viên: đồng chí", f"{name},",
                           f"{'Phó Trưởng' if r() < 0.5 else 'Trưởng'} Công an {unit.commune}."]
            else:
                pieces += ["Báo cáo viên:", "bà" if woman else "ông", f"{name},",
                           f"{LEADER_OF[audience_of]} {ORGANISATIONS[audience_of].vi} {unit.commune}."]
        notes, folded = demo.fold.join(pieces)
        place = unit.places[int(r() * len(unit.places))]
        code = ref(unit, day)
        rows.append(demo.record(sid, code, f"{code.lower()} {demo.fold[place]} {folded}")
                    + (unit.id, demo.iso[day], kind, attendees, members, place, notes,
                       mask(topic_bit[c] for c in combo), mask(organiser_bit(o) for o in orgs)))
        organisers.extend((sid, unit.orgs[o]) for o in orgs)
        topics.extend((sid, c) for c in combo)
        if len(rows) >= CHUNK:
            _flush_sessions(demo, rows, organisers, topics)
            rows, organisers, topics = [], [], []
    _flush_sessions(demo, rows, organisers, topics)
    demo.result.sessions = n


def _flush_sessions(demo: Demo, rows: list[tuple[Any, ...]], organisers: list[tuple[int, int]],
                    topics: list[tuple[int, str]]) -> None:
    demo.write_records("sessions", rows)
    demo.write("session_organiser", ("session_id", "organisation_id"), organisers, links=True)
    demo.write("session_topic", ("session_id", "topic_code"), topics, links=True)
