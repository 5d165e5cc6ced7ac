"""The figures behind the charts: every series adds up to `compute_stats` for the same filters,
on the hand-made records of test_stats (totals counted by hand there) and on demo data; the
breakdowns, buckets and roll-ups checked by hand; the same figures on PostgreSQL."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import AdminUnit, Approval, Installation
from desktop.services.figures import (
    HEADLINE,
    PARTS,
    Filters,
    choose_granularity,
    commendation_figures,
    headline,
    model_figures,
    overview,
    period_series,
    session_breakdown,
    source_figures,
    units_compared,
    year_on_year,
)
from desktop.services.installation import Database, initialise
from desktop.services.stats import InvalidPeriod, UnknownUnit, compute_stats
from tests.services.test_stats import QUERIES, build, find_units

D = dt.date
ALL_QUERIES = [Filters(*q) for q in QUERIES] + [
    Filters("22", D(2024, 1, 1), D(2025, 12, 31)),
    Filters("06652", D(2024, 1, 1), D(2025, 12, 31), approved_only=True),
    Filters(None, None, None, approved_only=True),
    Filters("00004", D(2030, 1, 1), D(2030, 12, 31)),  # nothing then
]


@pytest.fixture
def figures_db(database: Database) -> Iterator[Database]:
    """test_stats' records, and an approval of the own commune's records up to 31/07/2025."""
    with database.sessions() as session, session.begin():
        build(session)
        units = find_units(session)
        session.add(Approval(unit_id=units.new.id, starts_on=D(2024, 1, 1), ends_on=D(2025, 7, 31),
                             approved_by="chi_huy"))
    yield database


def stats_of(session: Session, f: Filters) -> dict[str, Any]:
    return compute_stats(session, f.unit_code, f.date_from, f.date_to, approved_only=f.approved_only)


def assert_same_as_stats(session: Session, f: Filters) -> None:
    """Every figure that `compute_stats` also gives is the same number."""
    stats = stats_of(session, f)
    sessions = stats["sessions"]
    for granularity in (None, "month", "quarter", "year"):
        series = period_series(session, f, granularity)
        assert (series.sessions, series.attendees) == (sessions["count"], sessions["attendees"]), (f, granularity)

    breakdown = session_breakdown(session, f)
    assert (breakdown.sessions, breakdown.attendees, breakdown.member_attendees) == (
        sessions["count"], sessions["attendees"], sessions["member_attendees"])
    for field, key in (("by_kind", "by_kind"), ("by_topic", "by_topic"), ("by_organisation", "by_organisation")):
        got = {c.code: {"count": c.sessions, "attendees": c.attendees} for c in getattr(breakdown, field)}
        assert got == sessions[key], (f, field)
        assert list(got) == list(sessions[key])  # vocabulary order
        alone = session_breakdown(session, f, dimensions=(field[3:],))
        assert getattr(alone, field) == getattr(breakdown, field)

    models = model_figures(session, f)
    assert (models.models, models.typical) == (stats["models"]["count"], stats["models"]["typical"])
    for code, figures in stats["models"]["by_type"].items():
        assert models.of_type(code) == (figures["count"], figures["typical"]), (f, code)

    sources = source_figures(session, f)
    assert (sources.sources, sources.cases, sources.individuals) == (
        stats["sources"]["count"], stats["sources"]["cases"], stats["sources"]["individuals"])
    assert {r.code: {"count": r.sources} for r in sources.by_organisation} == stats["sources"]["by_organisation"]

    if f.date_from and f.date_to:
        current = year_on_year(session, f).current
        assert (current.sessions, current.attendees, current.sources, current.cases, current.individuals,
                current.models, current.typical) == (
            sessions["count"], sessions["attendees"], stats["sources"]["count"], stats["sources"]["cases"],
            stats["sources"]["individuals"], stats["models"]["count"], stats["models"]["typical"])

    commendations = commendation_figures(session, f)
    assert (commendations.decisions, commendations.collectives, commendations.individuals) == (
        stats["commendations"]["decisions"], stats["commendations"]["collectives"],
        stats["commendations"]["individuals"])


@pytest.mark.parametrize("f", ALL_QUERIES, ids=str)
def test_overview_parts_give_the_headline_of_the_stats(figures_db: Database, f: Filters) -> None:
    """The Overview page's cards come from the parts of an Overview: each is the stats' figure,
    and the year-on-year part, made from the period's own parts when both dates are given, is
    the one `year_on_year` counts."""
    with figures_db.sessions() as session:
        everything = overview(session, f)
        stats = stats_of(session, f)
        for field in HEADLINE:
            assert headline(field, getattr(everything, field)) == {
                key: stats[field][key] for key in headline(field, getattr(everything, field))}, (f, field)
        assert everything.year_on_year == year_on_year(session, f)


@pytest.mark.parametrize("f", ALL_QUERIES, ids=str)
def test_every_series_adds_up_to_the_stats(figures_db: Database, f: Filters) -> None:
    with figures_db.sessions() as session:
        assert_same_as_stats(session, f)


def test_approved_only_counts_less(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        everything = period_series(session, Filters("06652"))
        approved = period_series(session, Filters("06652", approved_only=True))
    # s1 (15/07/2025), s2, s3 are covered by the approval; s8 (10/10/2025) is not.
    assert (everything.sessions, approved.sessions) == (4, 3)


# ---------------------------------------------------------------------------------------------
# The time axis


def test_months_of_a_period_with_zeros_between(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        series = period_series(session, Filters("06652", D(2024, 1, 1), D(2025, 12, 31)))
    assert series.granularity == "month" and len(series.buckets) == 24
    assert series.buckets[0].key == "2024-01" and series.buckets[-1].key == "2025-12"
    found = {b.key: (b.sessions, b.attendees) for b in series.buckets if b.sessions}
    # s2 (Hà Phong, 01/03/2024), s3 (old Hà Tu, 31/12/2024), s1 (15/07/2025), s8 (10/10/2025).
    assert found == {"2024-03": (1, 50), "2024-12": (1, 30), "2025-07": (1, 100), "2025-10": (1, 20)}
    assert series.buckets[2].label("vi") == "03/2024" and series.buckets[2].label("en") == "Mar 2024"


def test_quarters_and_years_when_forced(figures_db: Database) -> None:
    f = Filters("06652", D(2024, 1, 1), D(2025, 12, 31))
    with figures_db.sessions() as session:
        quarters = period_series(session, f, "quarter")
        years = period_series(session, f, "year")
    assert [b.key for b in quarters.buckets] == [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]
    assert [b.sessions for b in quarters.buckets] == [1, 0, 0, 1, 0, 0, 1, 1]
    assert quarters.buckets[3].label("vi") == "IV/2024" and quarters.buckets[3].label("en") == "Q4 2024"
    assert [(b.key, b.sessions, b.attendees) for b in years.buckets] == [("2024", 2, 80), ("2025", 2, 120)]
    assert (years.buckets[0].start, years.buckets[0].end) == (D(2024, 1, 1), D(2024, 12, 31))


def test_buckets_cut_to_the_period(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        series = period_series(session, Filters("06652", D(2024, 3, 15), D(2024, 5, 10)))
    assert [b.key for b in series.buckets] == ["2024-03", "2024-04", "2024-05"]
    assert (series.buckets[0].start, series.buckets[-1].end) == (D(2024, 3, 15), D(2024, 5, 10))
    assert series.sessions == 0  # s2 was on 01/03/2024
    assert series.is_empty


def test_open_period_runs_from_the_first_to_the_last_month_with_data(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        series = period_series(session, Filters("06652"))
        since = period_series(session, Filters("06652", D(2025, 1, 1), None))
    assert series.granularity == "month"
    assert (series.buckets[0].key, series.buckets[-1].key, len(series.buckets)) == ("2024-03", "2025-10", 20)
    assert (since.buckets[0].start, since.buckets[-1].key) == (D(2025, 1, 1), "2025-10")


def test_the_granularity_follows_the_length_of_the_period() -> None:
    assert choose_granularity(D(2024, 1, 1), D(2025, 12, 31)) == "month"  # 24 months
    assert choose_granularity(D(2024, 1, 1), D(2026, 1, 1)) == "quarter"  # 25
    assert choose_granularity(D(2019, 1, 1), D(2026, 12, 31)) == "quarter"  # 8 years
    assert choose_granularity(D(2019, 1, 1), D(2027, 1, 1)) == "year"


def test_no_data_is_zero_never_an_error(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        empty_year = period_series(session, Filters("06706", D(2030, 1, 1), D(2030, 12, 31)))
        nothing_ever = period_series(session, Filters("06706"))  # Tuần Châu: no record at all
        breakdown = session_breakdown(session, Filters("06706"))
        sources = source_figures(session, Filters("06706"))
        models = model_figures(session, Filters("06706"))
        units = units_compared(session, Filters("06706"))
        compared = year_on_year(session, Filters("06706", D(2030, 1, 1), D(2030, 12, 31)))
    assert len(empty_year.buckets) == 12 and empty_year.is_empty and empty_year.sessions == 0
    assert nothing_ever.buckets == ()
    assert breakdown.sessions == 0 and all(c.sessions == 0 for c in breakdown.by_topic)
    assert (sources.sources, sources.cases) == (0, 0) and len(sources.by_organisation) == 7
    assert models.models == 0 and len(models.cells) == 9
    assert units.units == () and units.is_empty
    assert not compared.current.has_data and not compared.previous.has_data


def test_bad_filters_raise_the_stats_errors(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        with pytest.raises(UnknownUnit):
            period_series(session, Filters("99999"))
        with pytest.raises(InvalidPeriod):
            source_figures(session, Filters(None, D(2025, 2, 1), D(2025, 1, 1)))


# ---------------------------------------------------------------------------------------------
# Breakdowns by hand


def test_models_by_type_and_status(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        models = model_figures(session, Filters("06652"))
    cells = {(c.type, c.status): (c.models, c.typical) for c in models.cells if c.models}
    # m1 (typical), m5 (ended), m2 (old Hà Tu, typical), m3 (Hà Phong); m4 is deleted.
    assert cells == {("self_management", "active"): (1, 1), ("self_management", "ended"): (1, 0),
                     ("security_camera", "active"): (1, 1), ("other", "active"): (1, 0)}
    assert [c.type for c in models.cells[:3]] == ["self_management"] * 3


def test_sources_cases_and_individuals_by_organisation(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        sources = source_figures(session, Filters("06652"))
    by = {r.code: (r.sources, r.cases, r.individuals) for r in sources.by_organisation if r.sources or r.cases}
    # c1 ← src1 (Women's Union); c2 ← src2 (farmers) and src1: under both; c5 ← src5 (Ba Đình police);
    # c4's only source is deleted: not a case from sources.
    assert by == {"womens_union": (1, 2, 5), "farmers_union": (1, 1, 2), "police": (0, 1, 4)}
    assert (sources.sources, sources.cases, sources.individuals) == (4, 3, 9)
    assert sources.by_organisation[2].label("vi") == "Hội Liên hiệp Phụ nữ"


# ---------------------------------------------------------------------------------------------
# Units compared


def test_old_communes_count_in_the_new_commune_they_merged_into(figures_db: Database) -> None:
    with figures_db.sessions() as session, session.begin():
        session.execute(update(AdminUnit).where(AdminUnit.scheme == "2025", AdminUnit.code == "06652")
                        .values(population=20_000))
    with figures_db.sessions() as session:
        compared = units_compared(session, Filters("22"))
        stats = compute_stats(session, "22")
    assert compared.parent is not None and compared.parent.name == "Tỉnh Quảng Ninh"
    assert len(compared.units) == 54 and compared.has_population
    rows = {r.code: r for r in compared.units}
    ha_tu = rows["06652"]
    # s1 and s8 entered at the new commune, s2 at old Hà Phong, s3 at old Hà Tu.
    assert (ha_tu.name, ha_tu.sessions, ha_tu.attendees) == ("Phường Hà Tu", 4, 200)
    assert (ha_tu.sources, ha_tu.cases, ha_tu.individuals) == (4, 3, 9)
    assert ha_tu.per_1000("attendees") == 10.0
    assert (rows["06661"].sessions, rows["06661"].attendees) == (1, 70)  # old Hà Khẩu's primary successor
    assert rows["06706"].sessions == 0 and rows["06706"].per_1000("sessions") is None
    for measure, expected in (("sessions", stats["sessions"]["count"]), ("attendees", stats["sessions"]["attendees"]),
                              ("sources", stats["sources"]["count"]), ("cases", stats["sources"]["cases"])):
        assert sum(getattr(r, measure) for r in compared.units) == expected, measure


def test_units_of_the_time_before_the_reform(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        compared = units_compared(session, Filters("22", None, D(2025, 6, 30)))
        stats = compute_stats(session, "22", None, D(2025, 6, 30))
    assert compared.parent is not None and compared.parent.scheme == "pre2025"
    assert all(r.code.isdigit() for r in compared.units) and len(compared.units) == 13  # the old districts
    assert sum(r.sessions for r in compared.units) == stats["sessions"]["count"] == 3


def test_a_period_before_the_reform_by_the_units_of_the_time_or_rolled_up_into_today(figures_db: Database) -> None:
    before = D(2025, 6, 30)
    with figures_db.sessions() as session:
        then = units_compared(session, Filters(None, None, before))  # the own unit: today's Phường Hà Tu
        now = units_compared(session, Filters("22", None, before, units="now"))
        by_old_districts = units_compared(session, Filters("22", None, before))
        stats = compute_stats(session, None, None, before)
        ha_phong = session_breakdown(session, Filters("06652", None, before))
        ha_tu_now = session_breakdown(session, Filters("06652", None, before, units="now"))
    # By the units of the time, the new commune's figures are told by the old communes it took over.
    assert then.parent is not None and then.parent.scheme == "2025"
    old = {r.name: r for r in then.units}
    assert set(old) == {"Phường Hà Phong", "Phường Hà Tu"}
    assert (old["Phường Hà Phong"].sessions, old["Phường Hà Tu"].sessions) == (1, 1)  # s2 and s3
    # Rolled up into today's units, the same records count once in the new commune.
    assert now.parent is not None and now.parent.scheme == "2025" and len(now.units) == 54
    new_ha_tu = next(r for r in now.units if r.code == "06652")
    for measure in ("sessions", "attendees", "sources", "cases", "individuals"):
        assert getattr(new_ha_tu, measure) == sum(getattr(r, measure) for r in then.units), measure
    assert sum(r.sessions for r in now.units) == sum(r.sessions for r in by_old_districts.units) == \
        stats["sessions"]["count"]
    # The code itself: Hà Phong in the list of the time, today's Hà Tu rolled up.
    assert (ha_phong.sessions, ha_tu_now.sessions) == (1, new_ha_tu.sessions)
    with pytest.raises(ValueError):
        units_compared(session, Filters("22", units="later"))


def test_a_period_after_the_reform_is_the_same_either_way(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        for f in (Filters("22", D(2024, 1, 1), D(2025, 12, 31)), Filters(None, D(2025, 7, 1), None)):
            assert units_compared(session, f) == units_compared(session, replace(f, units="now"))


def test_without_a_unit_the_own_unit_is_compared(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        commune = units_compared(session, Filters())
    assert commune.parent is not None and commune.parent.code == "06652" and commune.units == ()


# ---------------------------------------------------------------------------------------------
# The same period a year earlier


def test_year_on_year_for_the_same_unit(figures_db: Database) -> None:
    with figures_db.sessions() as session:
        compared = year_on_year(session, Filters("06652", D(2025, 1, 1), D(2025, 12, 31)))
        whole = year_on_year(session, Filters(None, D(2025, 1, 1), D(2025, 12, 31)))
        stats_2024 = compute_stats(session, None, D(2024, 1, 1), D(2024, 12, 31))
        open_ended = year_on_year(session, Filters("06652"), today=D(2025, 12, 31))
    assert (compared.previous.date_from, compared.previous.date_to) == (D(2024, 1, 1), D(2024, 12, 31))
    # The new Phường Hà Tu a year earlier: its old communes' s2 and s3 (the code 06652 read on
    # 31/12/2024 would be Hà Phong alone).
    assert (compared.previous.sessions, compared.previous.attendees) == (2, 80)
    assert (compared.current.sessions, compared.current.attendees) == (2, 120)
    previous = whole.previous
    assert (previous.sessions, previous.attendees, previous.sources, previous.cases, previous.individuals,
            previous.models, previous.typical) == (
        stats_2024["sessions"]["count"], stats_2024["sessions"]["attendees"], stats_2024["sources"]["count"],
        stats_2024["sources"]["cases"], stats_2024["sources"]["individuals"], stats_2024["models"]["count"],
        stats_2024["models"]["typical"])
    assert (open_ended.current.date_from, open_ended.current.date_to) == (D(2025, 1, 1), D(2025, 12, 31))


def test_overview_holds_every_figure(figures_db: Database) -> None:
    f = Filters("22", D(2024, 1, 1), D(2025, 12, 31))
    with figures_db.sessions() as session:
        everything = overview(session, f)
        assert everything.series == period_series(session, f)
        assert everything.sources == source_figures(session, f)
        assert everything.units == units_compared(session, f)
    assert everything.unit is not None and everything.unit.code == "22" and everything.filters == f


def test_overview_on_two_connections_gives_the_same_figures_part_by_part(figures_db: Database) -> None:
    f = Filters("22", D(2024, 1, 1), D(2025, 12, 31))
    parts: list[tuple[str, str]] = []
    with figures_db.sessions() as session:
        one_by_one = overview(session, f)
    both = overview(figures_db.sessions, f,
                    on_part=lambda field, figures: parts.append((field, threading.current_thread().name)))
    assert both == one_by_one
    assert sorted(field for field, _ in parts) == sorted([*PARTS, "unit"])
    assert parts[0][0] == "unit"  # first, so that a chart's header can be written
    assert {thread for _, thread in parts} == {threading.current_thread().name}  # handed over in the caller
    with pytest.raises(UnknownUnit):
        overview(figures_db.sessions, Filters("99999"))


@pytest.mark.parametrize("f", [*ALL_QUERIES, Filters("22", D(2024, 1, 1), D(2025, 6, 30))],  # the old units
                         ids=str)
def test_a_long_period_counts_its_sessions_in_two_halves_that_add_up(figures_db: Database, f: Filters,
                                                                      monkeypatch) -> None:
    from desktop.services import figures

    halves: list[tuple[dt.date | None, dt.date | None]] = []
    count = figures.session_breakdown_of

    def counted(session: Session, scope: Any, *args: Any) -> Any:
        halves.append((scope.date_from, scope.date_to))
        return count(session, scope, *args)

    monkeypatch.setattr(figures, "session_breakdown_of", counted)
    with figures_db.sessions() as session:
        one_by_one = overview(session, f)
        assert one_by_one.sessions == session_breakdown(session, f)
    assert overview(figures_db.sessions, f) == one_by_one
    long = f.date_from is not None and f.date_to is not None and (f.date_to - f.date_from).days > 366
    if long:
        (first_from, first_to), (second_from, second_to) = sorted(halves)
        assert (first_from, second_to) == (f.date_from, f.date_to)
        assert second_from == first_to + dt.timedelta(days=1)
    else:
        assert halves == []


# ---------------------------------------------------------------------------------------------
# Demo data of a province


@pytest.fixture
def province_demo(database: Database) -> Database:
    from desktop.services.demo import make_demo

    with database.sessions() as session, session.begin():
        province = session.scalar(select(AdminUnit.id).where(AdminUnit.scheme == "2025", AdminUnit.code == "22"))
        session.execute(update(Installation).values(unit_id=province))
    make_demo(database, units=4, records=3000)
    return database


def test_demo_province_figures_add_up(province_demo: Database) -> None:
    today = dt.date.today()
    queries = [Filters("22"), Filters("22", D(today.year - 2, 1, 1), D(today.year - 1, 6, 30)),
               Filters(None, D(today.year - 1, 1, 1), D(today.year - 1, 12, 31))]
    with province_demo.sessions() as session:
        for f in queries:
            assert_same_as_stats(session, f)
            compared = units_compared(session, f)
            stats = stats_of(session, f)
            assert sum(r.sessions for r in compared.units) == stats["sessions"]["count"] > 0
            assert sum(r.attendees for r in compared.units) == stats["sessions"]["attendees"]
            assert sum(r.sources for r in compared.units) == stats["sources"]["count"]
            assert sum(r.cases for r in compared.units) == stats["sources"]["cases"]
            assert sum(1 for r in compared.units if r.sessions) == 4


# ---------------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgresql_gives_the_same_figures(figures_db: Database, pg_url: str) -> None:
    functions = (period_series, partial(period_series, granularity="quarter"), partial(period_series, granularity="year"),
                 session_breakdown, model_figures, source_figures, units_compared, year_on_year)
    with figures_db.sessions() as session:
        expected = [[fn(session, f) for fn in functions] for f in ALL_QUERIES]
    pg = initialise(pg_url, "06652").database
    try:
        assert pg.dialect == "postgresql"
        with pg.sessions() as session, session.begin():
            build(session)
            units = find_units(session)
            session.add(Approval(unit_id=units.new.id, starts_on=D(2024, 1, 1), ends_on=D(2025, 7, 31),
                                 approved_by="chi_huy"))
        with pg.sessions() as session:
            for f, want in zip(ALL_QUERIES, expected, strict=True):
                assert [fn(session, f) for fn in functions] == want, f
                assert_same_as_stats(session, f)
    finally:
        pg.dispose()
