"""Levels: an installation that imports its units' packages exports everything it holds upward,
each record keeping its origin and revision; and the level above sends reference data down
(topics, population figures, its own key), imported the same way."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import transaction
from db.models import AdminUnit, DisseminationSession, Topic
from desktop.services.exchange.reference import export_reference
from desktop.services.permissions import OWNER
from tests.conftest import HA_TU, QUANG_NINH
from tests.services.exchange_setup import PASSPHRASE, Site, add_session, edit_session, fast_keys, link, make_site

DAY = dt.date(2025, 9, 12)


@pytest.fixture
def chain(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Site, Site, Site, Path]:
    """commune → relay (an office of the province) → top (the province's centre)."""
    fast_keys(monkeypatch)
    top = make_site(template_db, tmp_path, "top", QUANG_NINH)
    relay = make_site(template_db, tmp_path, "relay", QUANG_NINH)
    commune = make_site(template_db, tmp_path, "commune", HA_TU)
    link(relay, commune, tmp_path / "keys1")
    link(top, relay, tmp_path / "keys2")
    usb = tmp_path / "usb"
    usb.mkdir()
    yield commune, relay, top, usb
    for site in (commune, relay, top):
        site.database.dispose()


def origins(site: Site) -> list[tuple[str, int, str, int]]:
    with site.session() as session:
        return sorted((str(uid), revision, code, attendees) for uid, revision, code, attendees in session.execute(
            select(DisseminationSession.uid, DisseminationSession.revision, AdminUnit.code,
                   DisseminationSession.attendees)
            .join(AdminUnit, AdminUnit.id == DisseminationSession.origin_unit_id)))


def test_records_travel_up_two_levels_keeping_origin_and_revision(chain: tuple[Site, Site, Site, Path]) -> None:
    commune, relay, top, usb = chain
    first = add_session(commune, DAY, 40, HA_TU)
    add_session(commune, DAY, 50, HA_TU, place="Khu 2")
    edit_session(commune, first, DAY, 44, HA_TU)
    assert relay.import_(commune.export(usb).path).packages[0].status == "imported"
    upward = relay.export(usb)
    assert upward.counts == {"sessions": 2}
    assert top.import_(upward.path).packages[0].counts.created == 2
    assert origins(top) == origins(commune)
    assert {code for _, _, code, _ in origins(top)} == {HA_TU}
    assert {revision for _, revision, _, _ in origins(top)} == {1, 2}

    # Nothing new at the relay: its next package upward is empty, and changes travel on.
    assert relay.export(usb).counts == {}
    edit_session(commune, first, DAY, 45, HA_TU)
    relay.import_(commune.export(usb).path)
    again = relay.export(usb)
    assert again.counts == {"sessions": 1}
    assert top.import_(again.path).packages[0].counts.updated == 1
    assert origins(top) == origins(commune)


def test_reference_data_goes_down_and_is_imported_the_same_way(chain: tuple[Site, Site, Site, Path]) -> None:
    commune, relay, top, usb = chain
    with transaction(top.database.sessions) as session:
        session.add(Topic(code="cyber_fraud", label_vi="lừa đảo qua mạng", label_en="online fraud", sort_order=99))
        session.scalar(select(AdminUnit).where(AdminUnit.code == HA_TU, AdminUnit.scheme == "2025")).population = 38123
    from desktop.services.certificates.templates import TemplateFields, load_template, save_template
    from tests.services.test_certificate_templates import emblem_png

    province_template = save_template(top.database, TemplateFields(
        name="bang_khen_ubnd_tinh", label="Bằng khen UBND tỉnh", title="BẰNG KHEN",
        authority_title="Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh", signer_title="Chủ tịch", signer_name="Cao Tường Huy",
        emblem=emblem_png()))
    package = export_reference(top.database, usb, PASSPHRASE, actor=OWNER)
    summary = relay.import_(package).packages[0]
    assert summary.status == "imported" and summary.counts.created >= 1, summary.message
    with relay.session() as session:
        assert session.get_one(Topic, "cyber_fraud").label_vi == "lừa đảo qua mạng"
        assert session.scalar(select(AdminUnit.population).where(AdminUnit.code == HA_TU,
                                                                 AdminUnit.scheme == "2025")) == 38123
        assert load_template(session, "bang_khen_ubnd_tinh") == province_template  # emblem and all
    assert relay.import_(package).packages[0].status == "already"
    # A reference package signed by anyone but the receiver above is refused.
    commune_view = commune.import_(package).packages[0]
    assert commune_view.code == "unknown_signer"
