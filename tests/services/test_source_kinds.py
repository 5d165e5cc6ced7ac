"""`UncoveredCase.source_kinds` is kept by database triggers (migration 0009). Every way the
application writes a case, a link, a source or an organisation must leave it equal to the value
recomputed here from the links, in Python, on SQLite and on PostgreSQL."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from db.engine import transaction
from db.models import InformationSource, Organisation, UncoveredCase, case_source
from db.models.activities import organiser_bit
from db.models.sources import LINKED_BIT
from desktop.services.editing import delete_record, restore_record, save_record
from desktop.services.exchange import importer
from desktop.services.installation import Database
from tests.services.exchange_setup import linked_pair

LINKED = 1 << LINKED_BIT


def bits(*kinds: str) -> int:
    """The mask of a case linked to live sources from these kinds of organisation."""
    value = LINKED
    for kind in kinds:
        value |= 1 << organiser_bit(kind)
    return value


def expected_source_kinds(database: Database) -> dict[str, int]:
    """Each case's mask by uid, from its links, sources and organisations (not from SQL)."""
    with database.sessions() as session:
        organisations = {i: (kind, deleted) for i, kind, deleted in session.execute(
            select(Organisation.id, Organisation.kind, Organisation.deleted))}
        sources = {i: (deleted, organisation_id) for i, deleted, organisation_id in session.execute(
            select(InformationSource.id, InformationSource.deleted, InformationSource.organisation_id))}
        uids = {i: uid for i, uid in session.execute(select(UncoveredCase.id, UncoveredCase.uid))}
        links = session.execute(select(case_source.c.case_id, case_source.c.source_id)).all()
    expected = {str(uid): 0 for uid in uids.values()}
    for case_id, source_id in links:
        deleted, organisation_id = sources[source_id]
        if deleted:
            continue
        expected[str(uids[case_id])] |= LINKED
        if organisation_id is not None and not organisations[organisation_id][1]:
            expected[str(uids[case_id])] |= 1 << organiser_bit(organisations[organisation_id][0])
    return expected


def stored_source_kinds(database: Database) -> dict[str, int]:
    with database.sessions() as session:
        return {str(uid): kinds for uid, kinds in session.execute(
            select(UncoveredCase.uid, UncoveredCase.source_kinds))}


def stale_source_kinds(database: Database) -> dict[str, tuple[int, int]]:
    """Cases whose stored mask differs from the recomputed one: uid -> (stored, expected)."""
    stored = stored_source_kinds(database)
    return {uid: (stored[uid], want) for uid, want in expected_source_kinds(database).items() if stored[uid] != want}


DAY = dt.date(2025, 9, 12)


def save_form(database: Database, kind: str, values: dict[str, Any], record_id: int | None = None) -> tuple[int, str]:
    """Saves a record as its form does; its id and ref."""
    result = save_record(database, kind, values, "officer", record_id)
    assert result.saved, result.violations
    assert result.record_id is not None and result.ref is not None
    return result.record_id, result.ref


def add_source(database: Database, organisation: str, record_id: int | None = None) -> tuple[int, str]:
    return save_form(database, "sources", {"date": DAY, "unit_code": "", "organisation": organisation,
                                       "category": "drugs", "channel": "hotline", "content": "Tin báo"}, record_id)


def add_case(database: Database, source_refs: list[str], record_id: int | None = None) -> tuple[int, str]:
    return save_form(database, "cases", {"date": DAY, "unit_code": "", "category": "drugs", "individuals": 2,
                                     "source_refs": ";".join(source_refs), "summary": "Bắt quả tang"}, record_id)


def case_kinds(database: Database, case_id: int) -> int:
    with database.sessions() as session:
        return session.get_one(UncoveredCase, case_id).source_kinds


def test_forms_keep_the_mask(any_database: Database) -> None:
    db = any_database
    police_id, police = add_source(db, "police")
    women_id, women = add_source(db, "womens_union")
    _, anonymous = add_source(db, "")  # a source with no organisation still links its case
    both, _ = add_case(db, [police, women])
    plain, _ = add_case(db, [anonymous])
    alone, _ = add_case(db, [])
    assert (case_kinds(db, both), case_kinds(db, plain), case_kinds(db, alone)) == (
        bits("police", "womens_union"), bits(), 0)

    add_case(db, [women], record_id=both)  # the form replaces the links
    assert case_kinds(db, both) == bits("womens_union")
    delete_record(db, "sources", women_id, "officer", reason="nhập nhầm")
    assert case_kinds(db, both) == 0
    restore_record(db, "sources", women_id, "officer")
    assert case_kinds(db, both) == bits("womens_union")
    add_source(db, "veterans", record_id=women_id)  # the source is given another organisation
    assert case_kinds(db, both) == bits("veterans")
    add_case(db, [women, police], record_id=both)
    assert case_kinds(db, both) == bits("veterans", "police")
    assert stale_source_kinds(db) == {}

    # An organisation deleted (entered by mistake) or given another kind: the reference data the
    # province sends down, or an administrator's correction.
    with transaction(db.sessions) as session:
        police_org = session.get_one(InformationSource, police_id).organisation_id
        session.execute(update(Organisation).where(Organisation.id == police_org).values(deleted=True))
    assert case_kinds(db, both) == bits("veterans")
    with transaction(db.sessions) as session:
        session.execute(update(Organisation).where(Organisation.id == police_org).values(deleted=False,
                                                                                          kind="farmers_union"))
    assert case_kinds(db, both) == bits("veterans", "farmers_union")
    with transaction(db.sessions) as session:  # links removed and added by hand
        session.execute(case_source.delete().where(case_source.c.case_id == both))
        session.execute(case_source.insert().values(case_id=plain, source_id=police_id))
    assert (case_kinds(db, both), case_kinds(db, plain)) == (0, bits("farmers_union"))
    assert stale_source_kinds(db) == {}


def test_a_rolled_back_edit_leaves_the_mask(any_database: Database) -> None:
    db = any_database
    _, police = add_source(db, "police")
    case_id, _ = add_case(db, [police])
    with pytest.raises(RuntimeError), transaction(db.sessions) as session:
        session.execute(case_source.delete().where(case_source.c.case_id == case_id))
        raise RuntimeError("power cut")
    assert case_kinds(db, case_id) == bits("police")


@pytest.mark.parametrize("province_on", ["sqlite", "postgresql"])
def test_packages_keep_the_mask(province_on: str, template_db: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """The package merger writes links and sources in bulk: created, relinked, deleted and
    restored sources give the province the masks the commune has."""
    url = request.getfixturevalue("pg_url") if province_on == "postgresql" else None
    with linked_pair(template_db, tmp_path, monkeypatch, url) as (province, commune, usb):
        db = commune.database
        police_id, police = add_source(db, "police")
        women_id, women = add_source(db, "womens_union")
        both, _ = add_case(db, [police, women])
        add_case(db, [women])
        first = commune.export(usb).path
        add_case(db, [police], record_id=both)
        delete_record(db, "sources", women_id, "officer", reason="nhập nhầm")
        add_source(db, "veterans", record_id=police_id)
        second = commune.export(usb).path
        restore_record(db, "sources", women_id, "officer")
        third = commune.export(usb).path

        assert province.import_(first).packages[0].status == "imported"
        assert stale_source_kinds(province.database) == {}
        assert sorted(stored_source_kinds(province.database).values()) == sorted(
            [bits("police", "womens_union"), bits("womens_union")])
        assert [p.status for p in province.import_(second, third).packages] == ["imported", "imported"]
        assert stale_source_kinds(province.database) == {}
        assert stored_source_kinds(province.database) == stored_source_kinds(db)
        assert sorted(stored_source_kinds(db).values()) == [bits("womens_union"), bits("veterans")]


def link_trigger_sql(database: Database) -> str:
    with database.sessions() as session:
        return session.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'case_source_kinds_ai'")) or ""


@pytest.mark.parametrize("batch", [100_000, 1], ids=["batch", "each-part"])
@pytest.mark.parametrize("worker_bytes", [10**12, 0], ids=["alone", "with-worker"])
def test_an_import_batch_writes_the_mask_of_the_cases_it_makes(template_db: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, worker_bytes: int,
                                                               batch: int) -> None:
    """An import batch keeps the link trigger off the cases it makes, whose mask the merge writes
    with the row: a case made by one package and relinked by the next in the same batch, a case
    made before the batch and relinked in it, and a source deleted in it all leave the masks the
    commune has; the trigger is back as it was after the batch, and after a dry run. With a batch
    of one record, the triggers are put back and deferred again after every part (`refill`)."""
    monkeypatch.setattr(importer, "WORKER_BYTES", worker_bytes)
    monkeypatch.setattr(importer, "BATCH_RECORDS", batch)
    with linked_pair(template_db, tmp_path, monkeypatch) as (province, commune, usb):
        db = commune.database
        _, police = add_source(db, "police")
        women_id, women = add_source(db, "womens_union")
        before, _ = add_case(db, [police])
        assert province.import_(commune.export(usb).path).packages[0].status == "imported"
        trigger = link_trigger_sql(province.database)
        assert "AFTER INSERT ON case_source BEGIN" in trigger
        _, veterans = add_source(db, "veterans")
        made, _ = add_case(db, [women])
        add_case(db, [police, women, veterans])
        first = commune.export(usb).path
        add_case(db, [veterans, police], record_id=made)
        add_case(db, [women, veterans], record_id=before)
        delete_record(db, "sources", women_id, "officer", reason="nhập nhầm")
        second = commune.export(usb).path

        assert [p.status for p in province.import_(first, second, dry_run=True).packages] == ["checked"] * 2
        assert link_trigger_sql(province.database) == trigger
        assert [p.status for p in province.import_(first, second).packages] == ["imported"] * 2

        assert stale_source_kinds(province.database) == {}
        assert stored_source_kinds(province.database) == stored_source_kinds(db)
        assert sorted(stored_source_kinds(db).values()) == [bits("veterans"), bits("police", "veterans"),
                                                            bits("police", "veterans")]
        assert link_trigger_sql(province.database) == trigger
