"""The USB exchange end to end on real SQLite files: a commune exports, the province imports;
re-import is a no-op; edits and deletions travel; an older package never overwrites newer data;
a reused sequence number is refused; a dry run writes nothing."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import DisseminationSession, PackageLog
from desktop.services.exchange.exporter import ExportError
from tests.conftest import HA_TU
from tests.services.exchange_setup import Site, add_session, delete_session, edit_session, linked_pair

DAY = dt.date(2025, 9, 12)


@pytest.fixture
def sites(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Site, Site, Path]]:
    with linked_pair(template_db, tmp_path, monkeypatch) as pair:
        yield pair


def sessions_at(site: Site) -> dict[str, tuple[int, int, bool]]:
    with site.session() as session:
        return {str(uid): (attendees, revision, deleted) for uid, attendees, revision, deleted in session.execute(
            select(DisseminationSession.uid, DisseminationSession.attendees, DisseminationSession.revision,
                   DisseminationSession.deleted))}


def test_round_trip_then_reimport_changes_nothing(sites: tuple[Site, Site, Path]) -> None:
    province, commune, usb = sites
    for n in range(5):
        add_session(commune, DAY - dt.timedelta(days=n), 40 + n, HA_TU)
    result = commune.export(usb)
    assert result.path.name == f"{HA_TU}-{dt.date.today():%Y%m%d}-0001.antq"
    assert result.counts == {"sessions": 5}
    assert [p.name for p in usb.iterdir()] == [result.path.name]  # no temporary file left

    report = province.import_(result.path)
    summary = report.packages[0]
    assert (summary.status, summary.counts.created, summary.counts.rejected) == ("imported", 5, [])
    assert sessions_at(province) == sessions_at(commune)

    from db.search import matches

    with province.session() as session:  # the quick search finds what came in
        found = session.scalars(select(DisseminationSession.uid).where(
            matches(DisseminationSession, "nha van hoa", "sqlite"))).all()
        assert len(found) == 5

    again = province.import_(result.path)
    assert again.packages[0].status == "already"
    assert sessions_at(province) == sessions_at(commune)
    with province.session() as session:
        assert session.scalar(select(func.count()).select_from(PackageLog)) == 1


def test_edits_and_deletions_travel_and_older_packages_do_not_overwrite(sites: tuple[Site, Site, Path]) -> None:
    province, commune, usb = sites
    first_id = add_session(commune, DAY, 40, HA_TU)
    second_id = add_session(commune, DAY, 55, HA_TU, place="Trường tiểu học")
    first = commune.export(usb)
    edit_session(commune, first_id, DAY, 41, HA_TU)
    delete_session(commune, second_id)
    second = commune.export(usb)
    assert second.counts == {"sessions": 2}  # only what changed

    report = province.import_(second.path, first.path)  # the newer one first
    # A record first seen already deleted is written (marked deleted) and counted as deleted.
    assert report.packages[0].counts.created == 1 and report.packages[0].counts.deleted == 1
    assert report.packages[1].counts.unchanged == 2 and report.packages[1].counts.updated == 0
    assert sessions_at(province) == sessions_at(commune)
    assert report.missing == {}


def test_a_gap_in_the_sequence_is_reported(sites: tuple[Site, Site, Path]) -> None:
    province, commune, usb = sites
    add_session(commune, DAY, 40, HA_TU)
    commune.export(usb)
    add_session(commune, DAY, 41, HA_TU, place="Khu 5")
    commune.export(usb)
    add_session(commune, DAY, 42, HA_TU, place="Khu 6")
    third = commune.export(usb)
    report = province.import_(third.path)
    assert list(report.missing.values()) == [[1, 2]]


def test_dry_run_reports_and_writes_nothing(sites: tuple[Site, Site, Path]) -> None:
    province, commune, usb = sites
    add_session(commune, DAY, 40, HA_TU)
    package = commune.export(usb).path
    report = province.import_(package, dry_run=True)
    assert report.packages[0].status == "checked" and report.packages[0].counts.created == 1
    assert sessions_at(province) == {}
    assert province.import_(package).packages[0].status == "imported"


def test_reused_sequence_number_with_other_content_is_refused(sites: tuple[Site, Site, Path], tmp_path: Path) -> None:
    province, commune, usb = sites
    add_session(commune, DAY, 40, HA_TU)
    honest = commune.export(usb).path
    assert province.import_(honest).packages[0].status == "imported"
    # The same installation forgets its log (a restored backup) and numbers a package 1 again.
    with commune.session() as session, session.begin():
        session.execute(PackageLog.__table__.delete())
    add_session(commune, DAY, 77, HA_TU, place="Khu 9")
    other = tmp_path / "other"
    other.mkdir()
    replay = commune.export(other).path
    assert replay.name == honest.name
    before = sessions_at(province)
    report = province.import_(replay)
    assert report.packages[0].status == "refused" and report.packages[0].code == "sequence_reused"
    assert sessions_at(province) == before


def test_export_without_a_receiver_or_with_a_wrong_passphrase_writes_nothing(
        sites: tuple[Site, Site, Path]) -> None:
    province, commune, usb = sites
    from desktop.services.exchange.exporter import export_package

    with pytest.raises(ExportError):
        export_package(commune.database, usb, "sai cụm từ mật khẩu")
    with pytest.raises(ExportError):
        province.export(usb)  # the province has no receiver above it
    assert list(usb.iterdir()) == []
    with commune.session() as session:
        assert session.scalar(select(func.count()).select_from(PackageLog)) == 0


def test_the_manifest_carries_the_chain_head_and_approval_state(sites: tuple[Site, Site, Path]) -> None:
    province, commune, usb = sites
    add_session(commune, DAY, 40, HA_TU)
    from db.engine import transaction
    from db.units import own_unit
    from desktop.services.approvals import Period, approve
    from desktop.services.permissions import OWNER

    with transaction(commune.database.sessions) as session:
        period = Period.month(DAY.year, DAY.month)
        approve(session, OWNER, own_unit(session).id, period.starts_on, period.ends_on)
    package = commune.export(usb)
    report = province.import_(package.path)
    assert report.packages[0].counts.approvals == 1
    with province.session() as session:
        log = session.scalar(select(PackageLog))
        assert json.loads(log.counts)["created"] == 1
    from desktop.services.stats import compute_stats

    approved = compute_stats(province.database, unit_code=HA_TU, approved_only=True)
    assert approved["sessions"]["count"] == 1


def test_every_kind_of_demo_record_travels_and_the_figures_agree(sites: tuple[Site, Site, Path]) -> None:
    """Demo data of all six kinds (old communes merged into Hà Tu, models recognised as typical,
    cases linked to sources, recipients with old units) through one package."""
    from desktop.services.demo import make_demo
    from desktop.services.stats import compute_stats

    province, commune, usb = sites
    made = make_demo(commune.database, years=3, records=900, seed=4)
    package = commune.export(usb)
    assert sum(package.counts.get(k, 0) for k in ("sessions", "models", "sources", "cases", "commendations",
                                                   "recipients")) == made.total
    summary = province.import_(package.path).packages[0]
    assert summary.counts.rejected == [], summary.counts.rejected[:3]
    assert summary.counts.created == made.total
    for approved_only in (False, True):
        at_province = compute_stats(province.database, unit_code=HA_TU, approved_only=approved_only)
        at_commune = compute_stats(commune.database, unit_code=HA_TU, approved_only=approved_only)
        for part in ("sessions", "models", "sources", "commendations"):
            assert at_province[part] == at_commune[part], part


def test_informant_identities_are_never_in_a_package(sites: tuple[Site, Site, Path]) -> None:
    """Sources with sealed identities travel; the names are in no part of the decrypted package."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from db.engine import transaction
    from db.models import InformationSource, User
    from db.units import own_unit
    from desktop.services import identities, keys
    from desktop.services.editing import save_record
    from desktop.services.exchange import keys as xkeys
    from desktop.services.exchange.package import PackageReader
    from desktop.services.permissions import Actor
    from tests.services.exchange_setup import PASSPHRASE

    province, commune, usb = sites
    names = [f"Nguyễn Thị Mật Danh {n:03d}" for n in range(20)]
    with transaction(commune.database.sessions) as session:
        chief = User(username="chief", full_name="Trưởng Công an", password_hash="x", role="commander",
                     unit_id=own_unit(session).id)
        session.add(chief)
        session.flush()
        keys.ensure_installation_key(session, chief.id, "mật khẩu chỉ huy")
        unit_id = own_unit(session).id
    for n, name in enumerate(names):
        saved = save_record(commune.database, "sources", {
            "date": DAY, "unit_code": HA_TU, "category": "drugs", "channel": "in_person",
            "content": f"Tin số {n} về điểm nghi vấn"}, "officer")
        assert saved.saved, saved.violations
        with transaction(commune.database.sessions) as session:
            identities.seal_identity(session, Actor("officer", "officer", unit_id), saved.record_id, name)
    package = commune.export(usb)
    assert package.counts["sources"] == len(names)

    with province.session() as session:
        pair = xkeys.unlock(session, PASSPHRASE)
        with commune.session() as local:
            signer = Ed25519PublicKey.from_public_bytes(xkeys.own_public(local).signing_public)
            assert local.scalar(select(func.count()).select_from(InformationSource)) == len(names)
    with package.path.open("rb") as handle:
        plain = b"".join(json.dumps(part.items, ensure_ascii=False).encode()
                         for part in PackageReader(handle).parts(pair.receiving, signer))
    assert b"Tin s\xe1\xbb\x91 0" in plain  # the sources are there, readable once decrypted
    assert [name for name in names if name.encode() in plain or name.encode() in package.path.read_bytes()] == []
