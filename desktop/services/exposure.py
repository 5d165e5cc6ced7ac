"""What a lost laptop, stick or database file exposes (`antq exposure`), for the breach notice
the Law on Personal Data Protection asks for within 72 hours (no Qt).

Run on the lost file's last backup (or the file itself, if it is at hand): per record kind the
number of records and the range of their dates (deleted records included: they are still in the
file), the number of sealed informant identities (not readable without a commander's
password), the accounts and their roles, and the span of the audit trail. Nothing here reads a
record's content or opens an identity.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AuditEntry, InformantIdentity, User, UserKey
from db.vocab import ROLES
from desktop.i18n import language, t
from desktop.services.keys import has_installation_key
from desktop.services.listing import DATE_OF, KINDS
from desktop.services.record_specs import SPECS
from desktop.services.records import RECORD_CLASSES
from desktop.services.stats import format_date, format_number


@dataclass(frozen=True)
class KindExposure:
    kind: str
    records: int  # deleted ones included
    deleted: int
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True)
class UserExposure:
    username: str
    full_name: str
    role: str
    active: bool


@dataclass
class Exposure:
    kinds: list[KindExposure] = field(default_factory=list)
    identities: int = 0
    identity_key: bool = False
    key_holders: int = 0
    users: list[UserExposure] = field(default_factory=list)
    audit_entries: int = 0
    audit_first: dt.datetime | None = None
    audit_last: dt.datetime | None = None

    @property
    def roles(self) -> dict[str, int]:
        return dict(Counter(user.role for user in self.users))


def _kind(session: Session, kind: str) -> KindExposure:
    cls: Any = RECORD_CLASSES[kind]
    date = DATE_OF[kind]
    query = select(func.count(cls.id), func.count(cls.id).filter(cls.deleted.is_(True)), func.min(date),
                   func.max(date)).select_from(cls)
    if date.class_ is not cls:  # recipients: the date of their decision
        query = query.join(date.class_, cls.decision_id == date.class_.id)
    records, deleted, first, last = session.execute(query).one()
    return KindExposure(kind, records, deleted, first, last)


def exposure_report(session: Session) -> Exposure:
    """Counts and ranges of everything personal the file holds."""
    report = Exposure()
    report.kinds = [_kind(session, kind) for kind in KINDS]
    report.identities = session.scalar(select(func.count()).select_from(InformantIdentity)) or 0
    report.identity_key = has_installation_key(session)
    report.key_holders = session.scalar(select(func.count()).select_from(UserKey)) or 0
    report.users = [UserExposure(u.username, u.full_name, u.role, u.active)
                    for u in session.scalars(select(User).order_by(User.username))]
    count, first, last = session.execute(
        select(func.count(AuditEntry.id), func.min(AuditEntry.at), func.max(AuditEntry.at))).one()
    report.audit_entries, report.audit_first, report.audit_last = count, first, last
    return report


def format_exposure(report: Exposure, target: str, lang: str | None = None) -> list[str]:
    """The report as lines for the command line, in the user's language."""
    lang = lang or language()
    lines = [t("exposure_title", lang, target=target)]
    for item in report.kinds:
        spec = SPECS[item.kind]
        name = spec.en if lang == "en" else spec.vi
        name = name[:1].upper() + name[1:]
        if item.records == 0:
            lines.append(t("exposure_kind_empty", lang, kind=name))
        else:
            lines.append(t("exposure_kind", lang, kind=name, count=format_number(item.records, lang),
                           deleted=format_number(item.deleted, lang), first=format_date(item.first, lang),
                           last=format_date(item.last, lang)))
    lines.append(t("exposure_identities", lang, count=format_number(report.identities, lang)))
    lines.append(t("exposure_key_holders", lang, count=report.key_holders))
    roles = ", ".join(f"{ROLES.label(role, lang)}: {count}" for role, count in sorted(report.roles.items()))
    lines.append(t("exposure_users", lang, count=len(report.users), roles=roles or "—"))
    for user in report.users:
        lines.append(t("exposure_user", lang, username=user.username, full_name=user.full_name,
                       role=ROLES.label(user.role, lang), inactive="" if user.active else t("exposure_inactive", lang)))
    first = format_date(report.audit_first.date(), lang) if report.audit_first else "—"
    last = format_date(report.audit_last.date(), lang) if report.audit_last else "—"
    lines.append(t("exposure_audit", lang, count=format_number(report.audit_entries, lang), first=first, last=last))
    lines.append(t("exposure_advice", lang))
    return lines


__all__ = ["Exposure", "KindExposure", "UserExposure", "exposure_report", "format_exposure"]
