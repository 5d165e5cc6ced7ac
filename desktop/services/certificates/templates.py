"""Certificate templates (no Qt): the defaults of `resources/certificates/templates.json` and the
ones an issuing authority keeps in the database — its title, signer, place name, wording,
colours and emblem. A template saved under a default's name replaces that default here;
deleting it brings the default back. Every value is checked at its field before anything is
written, and a template is saved only if a certificate drawn with it fits its page."""
from __future__ import annotations

import io
import json
import re
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import CertificateTemplate, utcnow
from desktop.i18n import t
from desktop.resources import resource
from desktop.services.audit import AuditWriter
from desktop.services.certificates.layout import Certificate, Template, TextDoesNotFit, check_fits, nfc
from desktop.services.field_error import FieldError
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, Permission, PermissionDenied, requires

NAME = re.compile(r"[a-z0-9_]{1,64}")
COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
EMBLEM_LIMIT = 512 * 1024
EMBLEM_PIXELS = 4000
# The longest each text may be (the database's column sizes).
LIMITS = {"label": 200, "title": 100, "verb": 40, "authority_title": 300, "signer_title": 200, "signer_name": 200,
          "place": 100, "achievement_prefix": 500}
REQUIRED = ("label", "title")
EDITORS = (Permission.MANAGE_SETTINGS, Permission.ENTER_RECORDS, Permission.ENTER_UNION_RECORDS)


class TemplateError(FieldError):
    """A value that cannot be saved: `field` names it, `message` says why in the user's language."""


@dataclass(frozen=True)
class TemplateFields:
    """Everything a template sets, as the settings page and `antq templates` edit it."""

    name: str
    label: str
    title: str
    verb: str = "TẶNG"
    authority_title: str = ""
    signer_title: str = ""
    signer_name: str = ""
    place: str = ""
    achievement_prefix: str = ""
    border_color: str = "#8B6B14"
    title_color: str = "#C00000"
    text_color: str = "#000000"
    emblem: bytes | None = None
    custom: bool = False  # kept in the database (else one of the defaults in resources)

    def layout(self) -> Template:
        return Template(self.name, self.title, self.verb, self.border_color, self.title_color, self.text_color,
                        self.emblem)


EDITABLE = tuple(f.name for f in fields(TemplateFields) if f.name not in ("name", "custom"))


def _defaults() -> dict[str, dict[str, str]]:
    return json.loads(resource("certificates", "templates.json").read_text(encoding="utf-8"))


def _from_row(row: CertificateTemplate) -> TemplateFields:
    return TemplateFields(**{name: getattr(row, name) for name in ("name", *EDITABLE)}, custom=True)


@requires(None)
def default_names() -> list[str]:
    return list(_defaults())


@requires(None)
def list_templates(session: Session) -> list[TemplateFields]:
    """Every template this installation prints with: its own, then the defaults it has not replaced."""
    own = [_from_row(row) for row in session.scalars(select(CertificateTemplate).order_by(CertificateTemplate.label))]
    taken = {template.name for template in own}
    defaults = [TemplateFields(name=name, **values) for name, values in _defaults().items() if name not in taken]
    return own + defaults


@requires(None)
def load_template(session: Session, name: str) -> TemplateFields | None:
    row = session.scalar(select(CertificateTemplate).where(CertificateTemplate.name == name))
    if row is not None:
        return _from_row(row)
    values = _defaults().get(name)
    return TemplateFields(name=name, **values) if values is not None else None


def _check_emblem(data: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    if len(data) > EMBLEM_LIMIT:
        raise TemplateError("emblem", t("tpl_emblem_too_big", limit=EMBLEM_LIMIT // 1024))
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format
            width, height = picture.size
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise TemplateError("emblem", t("tpl_emblem_unreadable")) from None
    if kind not in ("PNG", "JPEG"):
        raise TemplateError("emblem", t("tpl_emblem_unreadable"))
    if max(width, height) > EMBLEM_PIXELS:
        raise TemplateError("emblem", t("tpl_emblem_too_large", limit=EMBLEM_PIXELS))


@requires(None)
def sample_certificate(template: TemplateFields) -> Certificate:
    """The page the settings page previews a template with."""
    return Certificate(
        authority_title=template.authority_title or "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HÀ TU",
        recipient="Bà Nguyễn Thị Hường", position="Chi hội trưởng Chi hội Phụ nữ khu 5",
        achievement=template.achievement_prefix + "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh "
        "Tổ quốc năm 2024",
        decision_line="Quyết định số 123/QĐ-UBND ngày 18/7/2024",
        place_date=f"{template.place or 'Quảng Ninh'}, ngày 18 tháng 7 năm 2024",
        signer_title=template.signer_title or "CHỦ TỊCH", signer_name=template.signer_name or "Trần Văn Bình",
        serial="Số vào sổ: GK-2024-0001")


@requires(None)
def clean_template(template: TemplateFields) -> TemplateFields:
    """The template with every text NFC and trimmed, or TemplateError at the first bad field."""
    if not NAME.fullmatch(template.name or ""):
        raise TemplateError("name", t("tpl_bad_name"))
    texts = {name: nfc(getattr(template, name)) for name in LIMITS}
    texts["achievement_prefix"] = nfc(template.achievement_prefix).lstrip()
    if texts["achievement_prefix"] and not texts["achievement_prefix"].endswith(" "):
        texts["achievement_prefix"] += " "  # the prefix runs into the decision's achievement
    for name, value in texts.items():
        if name in REQUIRED and not value:
            raise TemplateError(name, t("tpl_required"))
        if len(value) > LIMITS[name]:
            raise TemplateError(name, t("tpl_too_long", limit=LIMITS[name]))
        if any(ord(ch) < 32 for ch in value):
            raise TemplateError(name, t("tpl_control_character"))
    for name in ("border_color", "title_color", "text_color"):
        if not COLOR.fullmatch(getattr(template, name) or ""):
            raise TemplateError(name, t("tpl_bad_color"))
    if template.emblem is not None:
        _check_emblem(template.emblem)
    cleaned = replace(template, **texts, border_color=template.border_color.upper(),
                      title_color=template.title_color.upper(), text_color=template.text_color.upper())
    try:
        check_fits([sample_certificate(cleaned)], cleaned.layout())
    except TextDoesNotFit as too_long:
        field = next((name for name, value in texts.items() if value and value.startswith(str(too_long))), "title")
        raise TemplateError(field, t("tpl_does_not_fit")) from None
    return cleaned


def _check_editor(actor: Actor) -> None:
    if not any(actor.may(permission) for permission in EDITORS):
        raise PermissionDenied(actor, Permission.MANAGE_SETTINGS)


def _audit_values(template: TemplateFields) -> dict[str, Any]:
    values = asdict(template)
    values.pop("custom")
    values["emblem"] = len(template.emblem) if template.emblem else None  # its size, not the image
    return values


@requires(*EDITORS)
def save_template(database: Database, template: TemplateFields, *, actor: Actor = OWNER) -> TemplateFields:
    """Creates or replaces the database's template of that name (audited); returns it as saved."""
    _check_editor(actor)
    cleaned = clean_template(template)
    with transaction(database.sessions) as session:
        row = session.scalar(select(CertificateTemplate).where(CertificateTemplate.name == cleaned.name))
        old = _audit_values(_from_row(row)) if row is not None else None
        if row is None:
            row = CertificateTemplate(name=cleaned.name)
            session.add(row)
        for name in EDITABLE:
            setattr(row, name, getattr(cleaned, name))
        row.updated_at = utcnow()
        audit = AuditWriter(session, actor.username)
        audit.add("update" if old else "create", "certificate_template", cleaned.name, old=old,
                  new=_audit_values(cleaned))
        audit.flush()
    return replace(cleaned, custom=True)


@requires(*EDITORS)
def delete_template(database: Database, name: str, *, actor: Actor = OWNER) -> bool:
    """Removes the database's template of that name (a default of that name shows again).
    False when there was none."""
    _check_editor(actor)
    with transaction(database.sessions) as session:
        row = session.scalar(select(CertificateTemplate).where(CertificateTemplate.name == name))
        if row is None:
            return False
        audit = AuditWriter(session, actor.username)
        audit.add("delete", "certificate_template", name, old=_audit_values(_from_row(row)))
        audit.flush()
        session.delete(row)
    return True


__all__ = ["TemplateError", "TemplateFields", "clean_template", "default_names", "delete_template", "list_templates",
           "load_template", "sample_certificate", "save_template"]
