"""`antq certificates --decision NUMBER [--recipient REF …] [--template NAME] --out FILE.pdf|DIR`:
a decision's certificates of merit as one PDF, or one file per recipient; each is recorded in
the register with its serial number. `antq templates list | show | set | delete`: the templates
an issuing authority prints with, as the settings page edits them."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.i18n import t

EXIT_REFUSED = 1


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,  # type: ignore[type-arg]
                h: Callable[[str, str], str]) -> None:
    command = commands.add_parser("certificates", parents=[common], help=h(
        "in giấy khen, bằng khen của một quyết định ra PDF", "print a decision's certificates of merit to PDF"))
    command.add_argument("--decision", required=True, metavar="NUMBER", help=h("số quyết định", "decision number"))
    command.add_argument("--recipient", action="append", metavar="REF", help=h(
        "chỉ in cho người, tập thể này (số hiệu; lặp lại được)", "only this recipient (reference; repeatable)"))
    command.add_argument("--template", metavar="NAME", help=h("mẫu (giay_khen, bang_khen, chung_nhan …)",
                                                              "template (giay_khen, bang_khen, chung_nhan …)"))
    command.add_argument("--signer-title", default="", metavar="TEXT", help=h("chức vụ người ký", "signer's title"))
    command.add_argument("--signer-name", default="", metavar="TEXT", help=h("họ tên người ký", "signer's name"))
    command.add_argument("--authority-title", default="", metavar="TEXT", help=h(
        "cấp khen thưởng in ở đầu giấy", "issuing authority printed at the top"))
    command.add_argument("--place", default="", metavar="TEXT", help=h("địa danh ở dòng ngày tháng", "place name"))
    target = command.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, metavar="FILE.pdf|DIR", help=h(
        "một tệp PDF, hoặc một thư mục (mỗi người một tệp)", "one PDF file, or a folder (one file each)"))
    target.add_argument("--register", action="store_true", help=h(
        "không in: liệt kê sổ đã in của quyết định (số vào sổ, người nhận, lần in, lúc nào, ai in)",
        "print nothing: list the decision's register (serial, recipient, copy, when, by whom)"))
    _add_template_parsers(commands, common, h)


# What `antq templates set` may change: option → TemplateFields field.
TEMPLATE_OPTIONS = {
    "--label": ("label", "tên hiển thị của mẫu", "the template's display name"),
    "--title": ("title", "tên giấy (GIẤY KHEN, BẰNG KHEN …)", "the award's title (GIẤY KHEN, BẰNG KHEN …)"),
    "--verb": ("verb", "dòng trên tên giấy (TẶNG; để trống cho giấy chứng nhận)", "the line above the title"),
    "--authority-title": ("authority_title", "cấp khen thưởng in ở đầu giấy", "issuing authority printed at the top"),
    "--signer-title": ("signer_title", "chức vụ người ký", "signer's title"),
    "--signer-name": ("signer_name", "họ tên người ký", "signer's name"),
    "--place": ("place", "địa danh ở dòng ngày tháng", "place name of the date line"),
    "--achievement-prefix": ("achievement_prefix", "lời dẫn trước thành tích (vd. «Đã có thành tích »)",
                             "words before the achievement"),
    "--border-color": ("border_color", "màu viền (#RRGGBB)", "border colour (#RRGGBB)"),
    "--title-color": ("title_color", "màu tên giấy và tên người (#RRGGBB)", "title and name colour (#RRGGBB)"),
    "--text-color": ("text_color", "màu chữ (#RRGGBB)", "text colour (#RRGGBB)"),
}


def _add_template_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,  # type: ignore[type-arg]
                          h: Callable[[str, str], str]) -> None:
    templates = commands.add_parser("templates", parents=[common], help=h(
        "mẫu giấy khen theo cấp khen thưởng: xem, sửa, xóa", "certificate templates per authority: list, edit, delete"))
    actions = templates.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help=h("liệt kê các mẫu", "list the templates"))
    show = actions.add_parser("show", parents=[common], help=h("xem một mẫu", "show one template"))
    show.add_argument("name", metavar="NAME")
    change = actions.add_parser("set", parents=[common], help=h(
        "tạo hoặc sửa mẫu riêng (các giá trị chưa nêu giữ nguyên)", "create or change a template (others unchanged)"))
    change.add_argument("name", metavar="NAME", help=h("tên mẫu (chữ thường không dấu, số, _)",
                                                       "template name (a-z, 0-9, _)"))
    change.add_argument("--from", dest="base", metavar="NAME", help=h(
        "mẫu mới bắt đầu từ mẫu này (mặc định giay_khen)", "a new template starts from this one (giay_khen)"))
    for option, (_field, vi, en) in TEMPLATE_OPTIONS.items():
        change.add_argument(option, metavar="TEXT", help=h(vi, en))
    emblem = change.add_mutually_exclusive_group()
    emblem.add_argument("--emblem", type=Path, metavar="FILE", help=h("ảnh biểu trưng PNG/JPEG", "emblem PNG/JPEG"))
    emblem.add_argument("--no-emblem", action="store_true", help=h("bỏ ảnh biểu trưng", "remove the emblem"))
    delete = actions.add_parser("delete", parents=[common], help=h(
        "xóa mẫu riêng (mẫu mặc định cùng tên dùng lại)", "delete a custom template (a default of that name returns)"))
    delete.add_argument("name", metavar="NAME")


def cmd_certificates(args: argparse.Namespace) -> int:
    from desktop.services.certificates.register import CertificateError, Signer, print_certificates
    from desktop.services.installation import open_database

    database = open_database(args.db)
    if args.register:
        return _show_register(database, args.decision)
    try:
        result = print_certificates(database, args.decision, args.out, recipient_refs=args.recipient,
                                    template_name=args.template,
                                    signer=Signer(args.signer_title, args.signer_name, args.authority_title, args.place))
    except CertificateError as problem:
        print(problem.message, file=sys.stderr)
        return EXIT_REFUSED
    finally:
        database.dispose()
    for path in result.paths:
        print(path)
    print(t("cert_printed", count=len(result.serials), path=args.out), file=sys.stderr)
    if result.reprints:
        print(t("cert_reprinted", serials=", ".join(result.reprints)), file=sys.stderr)
    return 0


def _show_register(database: Any, decision: str) -> int:
    from desktop.services.certificates.register import CertificateError, register_entries
    from desktop.services.stats import format_date

    try:
        with database.sessions() as session:
            entries = register_entries(session, decision)
    except CertificateError as problem:
        print(problem.message, file=sys.stderr)
        return EXIT_REFUSED
    finally:
        database.dispose()
    for entry in entries:
        when = f"{format_date(entry.printed_at.date(), 'vi')} {entry.printed_at:%H:%M}"
        print(f"{entry.serial}\t{entry.recipient_ref}\t{entry.recipient}\t{entry.template}\t{entry.copy}\t{when}"
              f"\t{entry.printed_by}")
    print(t("cert_register_count", count=len(entries), number=decision), file=sys.stderr)
    return 0


def _show(template: Any) -> None:
    from desktop.services.certificates.templates import EDITABLE

    print(f"{'name':<19} {template.name}" + ("" if template.custom else f"  ({t('tpl_default_mark')})"))
    for name in EDITABLE:
        value = getattr(template, name)
        if name == "emblem":
            value = f"PNG/JPEG, {len(value):,} B" if value else "—"
        print(f"{name:<19} {value}")


def cmd_templates(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from desktop.services.certificates.templates import (
        TemplateError,
        delete_template,
        list_templates,
        load_template,
        save_template,
    )
    from desktop.services.installation import open_database

    database = open_database(args.db)
    try:
        if args.templates_command == "list":
            with database.sessions() as session:
                for template in list_templates(session):
                    mark = t("tpl_custom_mark") if template.custom else t("tpl_default_mark")
                    print(f"{template.name:<24} {mark:<10} {template.label}")
            return 0
        if args.templates_command == "delete":
            if not delete_template(database, args.name):
                print(t("tpl_no_custom", name=args.name), file=sys.stderr)
                return EXIT_REFUSED
            print(t("tpl_deleted", name=args.name), file=sys.stderr)
            return 0
        with database.sessions() as session:
            current = load_template(session, args.name)
            if args.templates_command == "show":
                if current is None:
                    print(t("tpl_unknown", name=args.name), file=sys.stderr)
                    return EXIT_REFUSED
                _show(current)
                return 0
            start = current if current is not None and not args.base else load_template(
                session, args.base or "giay_khen")
        if start is None:
            print(t("tpl_unknown", name=args.base), file=sys.stderr)
            return EXIT_REFUSED
        changes: dict[str, Any] = {field: getattr(args, field) for field, _vi, _en in TEMPLATE_OPTIONS.values()
                                   if getattr(args, field) is not None}
        if args.emblem is not None:
            try:
                changes["emblem"] = args.emblem.read_bytes()
            except OSError:
                print(t("tpl_no_file", path=args.emblem), file=sys.stderr)
                return EXIT_REFUSED
        elif args.no_emblem:
            changes["emblem"] = None
        try:
            saved = save_template(database, replace(start, name=args.name, **changes))
        except TemplateError as problem:
            option = next((o for o, (f, _vi, _en) in TEMPLATE_OPTIONS.items() if f == problem.field),
                          "--emblem" if problem.field == "emblem" else problem.field)
            print(f"{option}: {problem.message}", file=sys.stderr)
            return EXIT_REFUSED
        print(t("tpl_saved", name=saved.name), file=sys.stderr)
        return 0
    finally:
        database.dispose()


COMMANDS = {"certificates": cmd_certificates, "templates": cmd_templates}
