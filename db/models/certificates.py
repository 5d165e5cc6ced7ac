"""Certificates of merit: the templates an issuing authority prints with (wording, colours,
signer), and the register of every certificate printed — its serial number, when and by whom,
and whether it was a reprint."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, IntPK, utcnow


class CertificateTemplate(Base):
    """A template kept in the database: the defaults of `resources/certificates` copied and set
    for one issuing authority (its title, its signer, its place name, its colours)."""

    __tablename__ = "certificate_template"

    id: Mapped[IntPK]
    name: Mapped[str] = mapped_column(String(64), unique=True)  # "giay_khen_ubnd_quang_ninh"
    label: Mapped[str] = mapped_column(String(200))  # shown in pick lists
    title: Mapped[str] = mapped_column(String(100))  # "GIẤY KHEN"
    verb: Mapped[str] = mapped_column(String(40), default="TẶNG")
    authority_title: Mapped[str] = mapped_column(String(300), default="")  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …"
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(100), default="")  # "Quảng Ninh", for the date line
    achievement_prefix: Mapped[str] = mapped_column(Text, default="")
    border_color: Mapped[str] = mapped_column(String(9), default="#8B6B14")
    title_color: Mapped[str] = mapped_column(String(9), default="#C00000")
    text_color: Mapped[str] = mapped_column(String(9), default="#000000")
    emblem: Mapped[bytes | None] = mapped_column(LargeBinary)  # an optional PNG or JPEG
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CertificatePrint(Base):
    """One certificate printed: `serial` is its number in the register ("GK-2024-0001"); a
    reprint gets a row of its own with `copy` above 1 and the same serial."""

    __tablename__ = "certificate_print"

    id: Mapped[IntPK]
    serial: Mapped[str] = mapped_column(String(40), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("commendation_recipient.id"), index=True)
    template_name: Mapped[str] = mapped_column(String(64))
    copy: Mapped[int] = mapped_column(default=1)
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    printed_by: Mapped[str] = mapped_column(String(64))
