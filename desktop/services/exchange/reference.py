"""Reference data sent down by a province (or district) to its units, imported the same way as
records: the topic catalogue, unit population and area figures, the certificate templates it
keeps, and the receiver's own keys (so a province can renew its key without visiting every
commune). Not secret, so not
encrypted; signed by the receiver the units already trust, so not forgeable."""
from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import AdminUnit, CertificateTemplate, Installation, PackageLog, Topic, TrustedKey, utcnow
from db.units import own_unit
from desktop.i18n import t
from desktop.services.audit import AuditWriter
from desktop.services.exchange import keys as exchange_keys
from desktop.services.exchange.merge import Counts
from desktop.services.exchange.package import PackageWriter
from desktop.services.exchange.serialise import iso
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, Permission, check, requires

_TOPIC_CODE = re.compile(r"[a-z0-9_]{1,32}")


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        return None
    return None if any(ord(ch) < 32 for ch in value) else value


@requires(Permission.IMPORT)
def apply_reference(session: Session, kind: str, items: list[dict[str, Any]], signer: TrustedKey,
                    counts: Counts) -> None:
    """Applies one reference part; items that do not fit are counted as rejected."""
    for item in items:
        if kind == "topics":
            code, vi, en = item.get("code"), _text(item.get("label_vi"), 300), _text(item.get("label_en"), 300)
            if not isinstance(code, str) or not _TOPIC_CODE.fullmatch(code) or vi is None or en is None:
                counts.rejected.append(_rejected(kind, item))
                continue
            topic = session.get(Topic, code)
            if topic is None:
                session.add(Topic(code=code, label_vi=vi, label_en=en, sort_order=int(item.get("sort_order") or 0)))
                counts.created += 1
            elif (topic.label_vi, topic.label_en) != (vi, en):
                topic.label_vi, topic.label_en = vi, en
                counts.updated += 1
            else:
                counts.unchanged += 1
        elif kind == "units":
            unit = session.scalar(select(AdminUnit).where(AdminUnit.scheme == str(item.get("scheme")),
                                                          AdminUnit.code == str(item.get("code"))))
            population, area = item.get("population"), item.get("area_km2")
            if (unit is None or (population is not None and (not isinstance(population, int) or population < 0))
                    or (area is not None and (not isinstance(area, int | float) or area < 0))):
                counts.rejected.append(_rejected(kind, item))
                continue
            if (unit.population, unit.area_km2) != (population, area):
                unit.population, unit.area_km2 = population, area
                counts.updated += 1
            else:
                counts.unchanged += 1
        elif kind == "keys":
            _renew_receiver(session, item, signer, counts)
        elif kind == "templates":
            _apply_template(session, item, counts)
    session.flush()


def _apply_template(session: Session, item: dict[str, Any], counts: Counts) -> None:
    """A certificate template of the sending authority, checked as the settings page checks one;
    it replaces the one of that name here (the sender's wording is the sender's)."""
    from dataclasses import asdict

    from db.models import CertificateTemplate
    from desktop.services.certificates.templates import EDITABLE, TemplateError, TemplateFields, clean_template

    try:
        values = {name: item[name] for name in ("name", *EDITABLE) if name != "emblem"}
        emblem = item.get("emblem")
        values["emblem"] = base64.b64decode(emblem, validate=True) if emblem else None
        template = clean_template(TemplateFields(**values))
    except (KeyError, TypeError, ValueError, TemplateError):
        counts.rejected.append(_rejected("templates", {"code": item.get("name")}))
        return
    row = session.scalar(select(CertificateTemplate).where(CertificateTemplate.name == template.name))
    if row is None:
        row = CertificateTemplate(name=template.name)
        session.add(row)
        counts.created += 1
    elif all(getattr(row, name) == getattr(template, name) for name in EDITABLE):
        counts.unchanged += 1
        return
    else:
        counts.updated += 1
    for name, value in asdict(template).items():
        if name in EDITABLE:
            setattr(row, name, value)
    row.updated_at = utcnow()


def _renew_receiver(session: Session, item: dict[str, Any], signer: TrustedKey, counts: Counts) -> None:
    """A new key of the receiver itself (same installation): trusted from now on, the old one revoked."""
    try:
        signing = base64.b64decode(str(item.get("signing_public")), validate=True)
        receiving = base64.b64decode(str(item.get("receiving_public")), validate=True)
    except ValueError:
        signing = receiving = b""
    if item.get("installation") != signer.installation_uid or len(signing) != 32 or len(receiving) != 32:
        counts.rejected.append(_rejected("keys", item))
        return
    fingerprint = exchange_keys.fingerprint(signing, receiving)
    if fingerprint == signer.fingerprint:
        counts.unchanged += 1
        return
    signer.revoked_at = utcnow()
    session.add(TrustedKey(role="receiver", fingerprint=fingerprint, unit_id=signer.unit_id,
                           installation_uid=signer.installation_uid, signing_public=signing,
                           receiving_public=receiving))
    counts.updated += 1


def _rejected(kind: str, item: Any) -> Any:
    from desktop.services.exchange.merge import Rejection

    code = str(item.get("code", "")) if isinstance(item, dict) else ""
    return Rejection(kind, code[:40], "", [t("pkg_record_malformed")])


def _template_item(row: Any) -> dict[str, Any]:
    from desktop.services.certificates.templates import EDITABLE

    item = {name: getattr(row, name) for name in ("name", *EDITABLE)}
    item["emblem"] = base64.b64encode(row.emblem).decode() if row.emblem else None
    return item


@requires(Permission.EXPORT)
def export_reference(database: Database, out_dir: Path, passphrase: str, *, actor: Actor = OWNER) -> Path:
    """Writes a reference package for the units under this installation: the topics, the
    population and area of the units under it, its certificate templates, and its own current
    public keys."""
    check(actor, Permission.EXPORT)
    from desktop.services.exchange.exporter import ExportError, package_name

    with transaction(database.sessions) as session:
        try:
            pair = exchange_keys.unlock(session, passphrase)
        except exchange_keys.ExchangeKeyError as problem:
            raise ExportError(problem.message) from None
        installation = session.get_one(Installation, 1)
        unit = own_unit(session)
        assert unit is not None
        last = session.scalar(select(PackageLog).where(PackageLog.direction == "sent", PackageLog.kind == "reference")
                              .order_by(PackageLog.sequence.desc()).limit(1))
        sequence = last.sequence + 1 if last else 1
        name = package_name(unit.code, dt.date.today(), sequence).replace(".antq", "-ref.antq")
        made_at = utcnow()
        header = {"kind": "reference", "installation": installation.uid, "sequence": sequence,
                  "signer": pair.public.fingerprint, "recipient": "", "unit": unit.code, "scheme": unit.scheme,
                  "made_at": iso(made_at)}
        final, temporary = out_dir / name, out_dir / f".{name}.part"
        try:
            with temporary.open("wb") as handle:
                writer = PackageWriter(handle, header, None)
                topics = session.scalars(select(Topic).order_by(Topic.sort_order, Topic.code))
                writer.add_part("topics", [{"code": x.code, "label_vi": x.label_vi, "label_en": x.label_en,
                                            "sort_order": x.sort_order} for x in topics], reference=True)
                units = session.scalars(select(AdminUnit).where(AdminUnit.population.is_not(None)))
                writer.add_part("units", [{"scheme": u.scheme, "code": u.code, "population": u.population,
                                           "area_km2": u.area_km2} for u in units], reference=True)
                writer.add_part("templates", [_template_item(row) for row in session.scalars(
                    select(CertificateTemplate).order_by(CertificateTemplate.name))], reference=True)
                writer.add_part("keys", [{"installation": installation.uid,
                                          "signing_public": base64.b64encode(pair.public.signing_public).decode(),
                                          "receiving_public": base64.b64encode(pair.public.receiving_public).decode()}],
                                reference=True)
                manifest, manifest_digest = writer.finish(
                    {"origin": {"scheme": unit.scheme, "code": unit.code, "name": unit.name}, "previous": "",
                     "made_at": iso(made_at), "format": 1}, pair.signing)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, final)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise ExportError(t("export_write_failed", path=str(out_dir), error=error.strerror or str(error))) from None
        session.add(PackageLog(direction="sent", kind="reference", installation_uid=installation.uid,
                               unit_id=unit.id, sequence=sequence, digest=manifest_digest, file_digest="",
                               file_name=name, made_at=made_at, counts=json.dumps(manifest["counts"])))
        audit = AuditWriter(session, actor.username)
        audit.add("export", "package_log", None, new={"file": name, "reference": True})
        audit.flush()
    return final
