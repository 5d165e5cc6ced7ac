"""Printing a decision's certificates (no Qt): the recipients in register order, a template
(the authority's own in the database, else the default of `resources/certificates`), a serial
number per certificate kept in the register with when and by whom it was printed (a reprint
keeps its serial and says so), and the PDF written atomically — one file for the decision, or
one per recipient with a safe name. Any problem is a `CertificateError` at the field it is about,
before any file is written."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import (
    AdminUnit,
    CertificatePrint,
    CertificateTemplate,
    CommendationDecision,
    CommendationRecipient,
    Organisation,
    utcnow,
)
from db.textfold import fold
from db.vocab import HONORIFICS
from desktop.i18n import t
from desktop.services.atomic import atomic_write
from desktop.services.audit import AuditWriter
from desktop.services.certificates.layout import Certificate, Template, TextDoesNotFit, check_fits, nfc, render_pdf
from desktop.services.certificates.templates import list_templates, load_template
from desktop.services.field_error import FieldError
from desktop.services.installation import Database
from desktop.services.permissions import (
    OWNER,
    Actor,
    Permission,
    PermissionDenied,
    check,
    check_record,
    requires,
)
from desktop.services.progress import Progress

DEFAULT_TEMPLATE = {"certificate_of_merit": "giay_khen", "merit_diploma": "bang_khen"}
SERIAL_PREFIX = {"giay_khen": "GK", "bang_khen": "BK", "chung_nhan": "CN"}
MAX_FILE_NAME = 64
_UNSAFE = re.compile(r"[^0-9a-z]+")


class CertificateError(FieldError):
    """Nothing can be printed: `field` names what is wrong, `message` says it plainly."""


@dataclass(frozen=True)
class Signer:
    """What the command line or the window may set over the template's own values."""

    title: str = ""
    name: str = ""
    authority_title: str = ""
    place: str = ""


@dataclass
class PrintResult:
    paths: list[Path]
    serials: list[str]
    reprints: list[str] = field(default_factory=list)  # serials printed before


@dataclass(frozen=True)
class TemplateValues:
    template: Template
    authority_title: str
    signer_title: str
    signer_name: str
    place: str
    achievement_prefix: str


@requires(None)
def template_names(session: Session) -> list[tuple[str, str]]:
    """(name, label) of every template: the database's, then the defaults not replaced."""
    return [(template.name, template.label) for template in list_templates(session)]


def _template(session: Session, name: str) -> TemplateValues:
    values = load_template(session, name)
    if values is None:
        raise CertificateError("template", t("cert_unknown_template", name=name))
    return TemplateValues(values.layout(), values.authority_title, values.signer_title, values.signer_name,
                          values.place, values.achievement_prefix)


def _template_for_decision(session: Session, decision: CommendationDecision) -> str | None:
    """The template a decision prints with when none is chosen: this installation's own template
    of the same award for the decision's issuing authority (the one changed last), else the
    default of its form (which prints the decision's authority)."""
    default = DEFAULT_TEMPLATE.get(decision.form)
    award = load_template(session, default) if default is not None else None
    if award is None:
        return None
    authority = fold(decision.authority or "")
    own = [row for row in session.scalars(select(CertificateTemplate).where(CertificateTemplate.title == award.title)
                                          .order_by(CertificateTemplate.updated_at.desc()))
           if authority and fold(row.authority_title) == authority]
    return own[0].name if own else default


def _province_name(session: Session, unit_id: int) -> str:
    """The short name of the province a unit lies in ("Quảng Ninh"), for the date line."""
    unit = session.get_one(AdminUnit, unit_id)
    while unit.parent_id is not None:
        unit = session.get_one(AdminUnit, unit.parent_id)
    return unit.short_name


@requires(None)
def date_line(place: str, day: dt.date) -> str:
    return f"{place}, ngày {day.day} tháng {day.month} năm {day.year}"


def _recipient_line(recipient: CommendationRecipient) -> str:
    if recipient.kind == "individual" and recipient.title:
        return f"{HONORIFICS.label(recipient.title, 'vi')} {nfc(recipient.name)}"
    return nfc(recipient.name)


def _next_serial(session: Session, prefix: str, year: int) -> int:
    stem = f"{prefix}-{year}-"
    serials = session.scalars(select(CertificatePrint.serial).where(CertificatePrint.serial.like(f"{stem}%")))
    numbers = [int(s[len(stem):]) for s in serials if s[len(stem):].isdigit()]
    return max(numbers, default=0) + 1


@requires(None)
def safe_file_name(serial: str, name: str) -> str:
    """`GK-2024-0001-nguyen-thi-huong.pdf`: ASCII letters, digits and dashes, accents folded, at
    most 64 characters: nothing Windows or FAT32 forbids, no device name, no trailing dot."""
    stem = f"{serial}-{_UNSAFE.sub('-', fold(name)).strip('-')}".strip("-")
    return stem[:MAX_FILE_NAME - 4].rstrip("-") + ".pdf"


def _write_atomically(path: Path, certificates: list[Certificate], template: Template, title: str,
                      on_page: Callable[[int], None] | None = None) -> None:
    """Temporary file beside the target, flushed to the device, then renamed: a stick pulled
    out half-way never leaves a half file under the real name."""
    with atomic_write(path) as handle:
        render_pdf(handle, certificates, template, title, on_page)


@dataclass
class Batch:
    """The certificates of one printing: the template, each recipient's page, the serials."""

    template: Template
    title: str
    pages: list[tuple[str, Certificate]]  # (recipient's name, page)
    serials: list[str] = field(default_factory=list)
    reprints: list[str] = field(default_factory=list)


def _decision(session: Session, number: str) -> CommendationDecision:
    decisions = list(session.scalars(select(CommendationDecision).where(
        CommendationDecision.number == number.strip(), CommendationDecision.deleted.is_(False))))
    if len(decisions) != 1:
        raise CertificateError("decision", t("cert_unknown_decision" if not decisions else "cert_ambiguous_decision",
                                             number=number))
    return decisions[0]


def _in_scope(session: Session, actor: Actor, decision: CommendationDecision,
              recipients: list[CommendationRecipient], *, named: bool) -> list[CommendationRecipient]:
    """The recipients the actor may print for: those they may enter (their unit's; for a union
    clerk, their organisation's). Named ones out of scope are refused; otherwise a union clerk
    printing a whole decision gets their own members' certificates."""
    if actor.role == OWNER.role:
        return recipients
    wanted = sorted({r.organisation_id for r in recipients if r.organisation_id is not None})
    kind_of = {row.id: row.kind for row in session.execute(
        select(Organisation.id, Organisation.kind).where(Organisation.id.in_(wanted)))}
    allowed, refused = [], []
    for recipient in recipients:
        kinds = {kind_of[recipient.organisation_id]} if recipient.organisation_id in kind_of else set()
        try:
            check_record(actor, "recipients", unit_id=decision.unit_id, organisation_kinds=kinds, session=session)
        except PermissionDenied:
            refused.append(recipient)
        else:
            allowed.append(recipient)
    if refused and (named or not allowed):
        if not allowed and not named and actor.may(Permission.ENTER_UNION_RECORDS):
            raise CertificateError("decision", t("cert_none_in_scope", number=decision.number))
        raise CertificateError("recipient", t("cert_out_of_scope", refs=", ".join(r.ref for r in refused)))
    return allowed


def _compose(session: Session, decision_number: str, recipient_refs: list[str] | None, template_name: str | None,
             signer: Signer, actor: Actor, *, record: bool) -> Batch:
    """Checks everything and builds the pages; with `record`, gives serial numbers and writes
    them to the register (the caller's transaction), else shows where the serial will go."""
    decision = _decision(session, decision_number)
    recipients = list(session.scalars(select(CommendationRecipient).where(
        CommendationRecipient.decision_id == decision.id, CommendationRecipient.deleted.is_(False))
        .order_by(CommendationRecipient.id)))
    if recipient_refs:
        by_ref = {r.ref: r for r in recipients}
        unknown = [ref for ref in recipient_refs if ref not in by_ref]
        if unknown:
            raise CertificateError("recipient", t("cert_unknown_recipient", refs=", ".join(unknown)))
        recipients = [by_ref[ref] for ref in dict.fromkeys(recipient_refs)]
    if not recipients:
        raise CertificateError("decision", t("cert_no_recipients", number=decision.number))
    recipients = _in_scope(session, actor, decision, recipients, named=bool(recipient_refs))
    blank = [r.ref for r in recipients if not nfc(r.name)]
    if blank:
        raise CertificateError("recipient", t("cert_blank_name", refs=", ".join(blank)))
    name = template_name or _template_for_decision(session, decision)
    if name is None:
        raise CertificateError("template", t("cert_no_template_for_form", form=decision.form))
    values = _template(session, name)
    authority = nfc(signer.authority_title or values.authority_title or decision.authority)
    signer_title = nfc(signer.title or values.signer_title)
    signer_name = nfc(signer.name or values.signer_name)
    place = nfc(signer.place or values.place or _province_name(session, decision.unit_id))
    for field_name, value in (("signer_title", signer_title), ("signer_name", signer_name),
                              ("authority_title", authority)):
        if not value:
            raise CertificateError(field_name, t(f"cert_missing_{field_name}", template=name))
    prefix = SERIAL_PREFIX.get(name, "CN" if not values.template.verb else "GK")
    number = _next_serial(session, prefix, decision.decided_on.year)
    batch = Batch(values.template, f"{values.template.title} — {decision.number}", [])
    # Every earlier printing of this decision's certificates with this template, in one query.
    earlier = {row.recipient_id: (row.serial, row.copies) for row in session.execute(
        select(CertificatePrint.recipient_id, CertificatePrint.serial, func.max(CertificatePrint.copy).label("copies"))
        .where(CertificatePrint.template_name == name, CertificatePrint.recipient_id.in_(
            select(CommendationRecipient.id).where(CommendationRecipient.decision_id == decision.id)))
        .group_by(CertificatePrint.recipient_id, CertificatePrint.serial))}
    printed_at, register = utcnow(), []
    for recipient in recipients:
        if recipient.id in earlier:
            serial, copies = earlier[recipient.id]
            copy = copies + 1
            batch.reprints.append(serial)
        else:
            serial, copy = f"{prefix}-{decision.decided_on.year}-{number:04d}", 1
            number += 1
        register.append({"serial": serial, "recipient_id": recipient.id, "template_name": name, "copy": copy,
                         "printed_at": printed_at, "printed_by": actor.username})
        batch.serials.append(serial)
        batch.pages.append((recipient.name, Certificate(
            authority_title=authority, recipient=_recipient_line(recipient), position=nfc(recipient.position or ""),
            achievement=nfc(values.achievement_prefix + decision.achievement),
            decision_line=f"Quyết định số {decision.number} ngày {decision.decided_on:%d/%m/%Y}",
            place_date=date_line(place, decision.decided_on), signer_title=signer_title, signer_name=signer_name,
            serial=f"Số vào sổ: {serial}")))
    try:
        check_fits([page for _, page in batch.pages], batch.template)
    except TextDoesNotFit as too_long:
        start = str(too_long)
        typed = {"signer_name": signer_name, "signer_title": signer_title.upper(), "authority_title": authority.upper(),
                 "place": batch.pages[0][1].place_date}
        field_name = next((name for name, value in typed.items() if value.startswith(start)), "recipient")
        raise CertificateError(field_name, t("cert_text_too_long", start=start)) from None
    if record:
        session.execute(insert(CertificatePrint), register)
        audit = AuditWriter(session, actor.username)
        audit.add("print", "certificate_print", decision.uid, new={
            "decision": decision.number, "template": name, "serials": batch.serials, "reprints": batch.reprints})
        audit.flush()
    return batch


@dataclass(frozen=True)
class RegisterEntry:
    """One line of the register: a certificate printed (copy 1) or printed again."""

    serial: str
    recipient_ref: str
    recipient: str
    template: str
    copy: int
    printed_at: dt.datetime
    printed_by: str


@requires(Permission.VIEW)
def register_entries(session: Session, decision_number: str) -> list[RegisterEntry]:
    """What was printed of a decision's certificates, when (local time) and by whom, oldest first."""
    decision = _decision(session, decision_number)
    rows = session.execute(
        select(CertificatePrint, CommendationRecipient.ref, CommendationRecipient.name)
        .join(CommendationRecipient, CommendationRecipient.id == CertificatePrint.recipient_id)
        .where(CommendationRecipient.decision_id == decision.id)
        .order_by(CertificatePrint.printed_at, CertificatePrint.id))
    return [RegisterEntry(row.serial, ref, name, row.template_name, row.copy, _local(row.printed_at), row.printed_by)
            for row, ref, name in rows]


def _local(moment: dt.datetime) -> dt.datetime:
    """A stored moment (UTC) in this computer's time, as people read it."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _check_may_print(actor: Actor) -> None:
    if not (actor.may(Permission.ENTER_RECORDS) or actor.may(Permission.ENTER_UNION_RECORDS)):
        check(actor, Permission.ENTER_RECORDS)


@requires(Permission.VIEW)
def preview(session: Session, decision_number: str, *, recipient_refs: list[str] | None = None,
            template_name: str | None = None, signer: Signer = Signer(), actor: Actor = OWNER) -> Batch:
    """The pages as they would print for `actor`, nothing recorded (the serials are the ones
    printing would give now). CertificateError as printing would raise it."""
    check(actor, Permission.VIEW)
    return _compose(session, decision_number, recipient_refs, template_name, signer, actor, record=False)


@requires(Permission.ENTER_RECORDS, Permission.ENTER_UNION_RECORDS)
def record_printing(database: Database, decision_number: str, *, recipient_refs: list[str] | None = None,
                    template_name: str | None = None, signer: Signer = Signer(), actor: Actor = OWNER) -> Batch:
    """For printing through the system's print dialog: the serials given and recorded (and the
    printing audited) in one transaction, then the pages to paint."""
    _check_may_print(actor)
    with transaction(database.sessions) as session:
        return _compose(session, decision_number, recipient_refs, template_name, signer, actor, record=True)


@requires(Permission.ENTER_RECORDS, Permission.ENTER_UNION_RECORDS)
def print_certificates(database: Database, decision_number: str, out: Path, *, recipient_refs: list[str] | None = None,
                       template_name: str | None = None, signer: Signer = Signer(), actor: Actor = OWNER,
                       progress: Progress | None = None) -> PrintResult:
    """Prints a decision's certificates to `out` (a .pdf file, or a folder for one file each)
    and records them in the register, in one transaction: if writing fails or `progress` is
    cancelled, nothing is recorded and no file is left."""
    _check_may_print(actor)
    out = Path(out)
    one_file = out.suffix.lower() == ".pdf"
    folder = out.parent if one_file else out
    if not folder.is_dir():
        raise CertificateError("out", t("cert_no_folder", path=str(folder)))
    with transaction(database.sessions) as session:
        batch = _compose(session, decision_number, recipient_refs, template_name, signer, actor, record=True)
        result = PrintResult([], batch.serials, batch.reprints)
        total = len(batch.pages)

        def page_done(done: int) -> None:
            if progress is not None:
                progress.report(done, total)
                progress.check()

        try:
            if one_file:
                _write_atomically(out, [page for _, page in batch.pages], batch.template, batch.title, page_done)
                result.paths.append(out)
            else:
                for done, ((name, page), serial) in enumerate(zip(batch.pages, batch.serials), start=1):
                    path = out / safe_file_name(serial, name)
                    _write_atomically(path, [page], batch.template, batch.title)
                    result.paths.append(path)
                    page_done(done)
        except BaseException:
            for path in result.paths:
                path.unlink(missing_ok=True)
            raise
    return result


__all__ = ["Batch", "CertificateError", "PrintResult", "RegisterEntry", "Signer", "date_line", "preview",
           "print_certificates", "record_printing", "register_entries", "safe_file_name", "template_names"]
