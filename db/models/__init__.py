"""All mapped classes, importable from one place (and so all registered on `Base.metadata`)."""
from db.models.activities import DisseminationSession, Organisation, Topic, session_organiser, session_topic
from db.models.admin import AuditEntry, ReviewPeriod, User
from db.models.base import Base, RecordMixin, new_uid, utcnow
from db.models.certificates import CertificatePrint, CertificateTemplate
from db.models.commendations import CommendationDecision, CommendationRecipient
from db.models.exchange import ExchangeKey, PackageLog, TrustedKey
from db.models.security import Approval, InstallationKey, UserKey
from db.models.security_models import SecurityModel, TypicalRecognition
from db.models.sources import InformantIdentity, InformationSource, UncoveredCase, case_source
from db.models.units import REFORM_DATE, AdminUnit, Installation, UnitRollup, UnitSuccession

__all__ = [
    "REFORM_DATE",
    "AdminUnit",
    "Approval",
    "AuditEntry",
    "Base",
    "CertificatePrint",
    "CertificateTemplate",
    "CommendationDecision",
    "CommendationRecipient",
    "DisseminationSession",
    "ExchangeKey",
    "InformantIdentity",
    "InformationSource",
    "Installation",
    "InstallationKey",
    "Organisation",
    "PackageLog",
    "RecordMixin",
    "ReviewPeriod",
    "SecurityModel",
    "Topic",
    "TrustedKey",
    "TypicalRecognition",
    "UncoveredCase",
    "UnitRollup",
    "UnitSuccession",
    "User",
    "UserKey",
    "case_source",
    "new_uid",
    "session_organiser",
    "session_topic",
    "utcnow",
]
