"""`antq certificates --decision NUMBER [--recipient REF …] [--template NAME] --out FILE.pdf|DIR`:
a decision's certificates of merit as one PDF, or one file per recipient; each is recorded in
the register with its serial number."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

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
    command.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|DIR", help=h(
        "một tệp PDF, hoặc một thư mục (mỗi người một tệp)", "one PDF file, or a folder (one file each)"))


def cmd_certificates(args: argparse.Namespace) -> int:
    from desktop.services.certificates.register import CertificateError, Signer, print_certificates
    from desktop.services.installation import open_database

    database = open_database(args.db)
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


COMMANDS = {"certificates": cmd_certificates}
