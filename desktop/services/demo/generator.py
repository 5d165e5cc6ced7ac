"""One demo run: the days and units the records spread over, what is read from the database
first (organisations, free ids, references taken), then each kind of record in turn, all drawn
from one generator seeded once, so that a seed always gives the same records."""
from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable

from sqlalchemy import Connection, select

from db.models import REFORM_DATE, Organisation
from db.models.base import EARLIEST_DATE
from db.vocab import ORGANISATIONS
from desktop.services.demo import commendations, security_models, sessions, sources
from desktop.services.demo.content import ORG_KINDS, Folded, People
from desktop.services.demo.kinds import KINDS, RECORDS_PER_UNIT_YEAR, TABLE_OF, DemoResult, plan_counts
from desktop.services.demo.references import numbers, refs
from desktop.services.demo.units import load_units
from desktop.services.demo.writer import FullTextDeferred, Writer, advance_sequences


class Demo(Writer):
    def __init__(self, connection: Connection, *, units: int, years: int, seed: int,
                 records: int | None, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        super().__init__(connection, progress, cancelled)
        self.rng = random.Random(seed)
        self.years = years
        self.records = records
        self.fold = Folded()
        self._prepare_dates()
        self.people = People(self.rng)
        self.wanted_units = units

    def _prepare_dates(self) -> None:
        today = dt.date.today()
        try:
            start = today.replace(year=today.year - self.years)
        except ValueError:  # 29 February
            start = today.replace(year=today.year - self.years, day=28)
        # No earlier than the dates the database accepts, with room for five-year periods.
        start = max(start + dt.timedelta(days=1), dt.date(EARLIEST_DATE.year + 5, 1, 1))
        self.days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
        self.iso = [d.isoformat() for d in self.days]
        self.year = [d.year for d in self.days]
        self.last = len(self.days) - 1  # today
        self.reform = max(0, min(len(self.days), (REFORM_DATE - start).days))  # first day of 2025 list

    def load_units(self) -> None:
        found = load_units(self.conn, self.rng, self.wanted_units)
        self.own_id = found.own_id
        self.current, self.old, self.units = found.current, found.old, found.all
        self.result.units = [u.code for u in self.current]

    def keys(self, n: int) -> list[tuple[int, int]]:
        """`n` (day, index in `units`) pairs in date order: a current commune, and for a day
        before the reform one of the old communes that merged into it."""
        r = self.rng.random
        span = self.last + 1
        after = span - self.reform  # days of the 2025 list
        width = len(self.units)
        current = list(range(len(self.current)))  # `units` begins with the current communes
        olds, start = [], len(self.current)
        for group in self.old:
            olds.append(list(range(start, start + len(group))))
            start += len(group)
        drawn: list[int] = []
        for _ in range(n):
            c = int(r() * len(current))
            day = int(r() * span)
            if day < self.reform:
                if olds[c]:
                    c = olds[c][int(r() * len(olds[c]))]
                elif after > 0:
                    day = self.reform + int(r() * after)
            drawn.append(day * width + c)
        drawn.sort()
        return list(map(divmod, drawn, itertools.repeat(width, n)))

    def prepare(self) -> None:
        """What is read from the database first: the organisations (made if missing), the
        first free ids, the references and decision numbers already taken."""
        self.organisations()
        self.first = {kind: self.next_id(table) for kind, table in TABLE_OF.items()}
        self.ref = {kind: refs(self.conn, kind, self.units, self.year) for kind in KINDS if kind != "recipients"}
        self.number = numbers(self.conn, self.units, self.rng)

    def organisations(self) -> None:
        """Each unit's police and mass organisations, those missing made."""
        by_unit = {u.id: u for u in self.units}
        taken: set[tuple[int, str, str]] = set()
        for org_id, unit_id, kind, name, deleted in self.conn.execute(
            select(Organisation.id, Organisation.unit_id, Organisation.kind, Organisation.name,
                   Organisation.deleted).where(Organisation.unit_id.in_(list(by_unit))).order_by(Organisation.id)
        ):
            taken.add((unit_id, kind, name))
            if not deleted:
                by_unit[unit_id].orgs.setdefault(kind, org_id)
        next_id = self.next_id(Organisation.__tablename__)
        rows = []
        for unit in self.units:
            for kind in ORG_KINDS:
                if kind in unit.orgs:
                    continue
                name = f"{ORGANISATIONS[kind].vi} {unit.name}"
                if (unit.id, kind, name) in taken:  # a deleted one has the name
                    name += " (dữ liệu mẫu)"
                unit.orgs[kind] = next_id
                rows.append((next_id, self.uid(), unit.id, kind, name, False))
                next_id += 1
        self.write(Organisation.__tablename__, ("id", "uid", "unit_id", "kind", "name", "deleted"), rows)
        self.result.organisations = len(rows)

    def run(self) -> DemoResult:
        self.load_units()
        records = self.records
        if records is None:
            records = RECORDS_PER_UNIT_YEAR * len(self.current) * self.years
        counts = plan_counts(records)
        self.total = records
        self.tick()
        self.prepare()
        with FullTextDeferred(self.conn):
            sources.sources_and_cases(self, counts["sources"], counts["cases"])
            counts["sessions"] += counts["cases"] - self.result.cases  # too few sources (tiny runs)
            security_models.models(self, counts["models"])
            commendations.commendations(self, counts["decisions"], counts["recipients"])
            sessions.sessions(self, counts["sessions"])
        advance_sequences(self.conn)
        return self.result
