"""The command line's USB exchange: `antq export --out DIR [--full] [--reference]` writes the next
package and prints its path; `antq import FILE… [--dry-run] [--json]` prints each package's
summary and exits 1 when one was refused (a copy already imported is not a refusal)."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.i18n import t

EXIT_REFUSED = 1


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,  # type: ignore[type-arg]
                h: Callable[[str, str], str]) -> None:
    def passphrase_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--passphrase-file", type=Path, metavar="FILE", help=h(
            "đọc cụm từ mật khẩu của khóa trao đổi từ dòng đầu của tệp (không thì hỏi)",
            "read the exchange key's passphrase from the file's first line (else asked)"))

    export = commands.add_parser("export", parents=[common], help=h(
        "ghi gói dữ liệu (đã ký, mã hóa cho tỉnh) vào thư mục, vd. USB",
        "write a data package (signed, encrypted to the province) into a folder, e.g. a USB stick"))
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help=h("thư mục ghi gói", "folder"))
    export.add_argument("--full", action="store_true", help=h(
        "mọi bản ghi, không chỉ những bản ghi thay đổi từ gói trước", "every record, not only those changed since the last package"))
    export.add_argument("--reference", action="store_true", help=h(
        "(tại tỉnh) gói dữ liệu dùng chung gửi xuống các đơn vị", "(at the province) a reference data package for the units"))
    passphrase_option(export)
    imported = commands.add_parser("import", parents=[common], help=h(
        "nhập các gói dữ liệu (kiểm tra chữ ký, giải mã, kiểm tra từng bản ghi)",
        "import data packages (signature checked, decrypted, every record validated)"))
    imported.add_argument("files", type=Path, nargs="+", metavar="FILE")
    imported.add_argument("--dry-run", action="store_true", help=h(
        "chỉ kiểm tra và báo kết quả, không ghi gì", "check and report only; write nothing"))
    imported.add_argument("--json", action="store_true", help=h("kết quả dạng JSON", "summary as JSON"))
    passphrase_option(imported)


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.services.exchange.exporter import ExportError, export_package
    from desktop.services.exchange.reference import export_reference
    from desktop.services.installation import open_database
    from desktop.services.keys import read_passphrase
    from desktop.services.permissions import OWNER

    database = open_database(args.db)
    try:
        passphrase = read_passphrase(args.passphrase_file)
        if args.reference:
            print(export_reference(database, args.out, passphrase, actor=OWNER))
            return 0
        result = export_package(database, args.out, passphrase, full=args.full)
    except ExportError as problem:
        print(problem.message, file=sys.stderr)
        return EXIT_REFUSED
    finally:
        database.dispose()
    print(result.path)
    print(t("export_done", path=result.path.name, records=sum(result.counts.get(k, 0) for k in result.counts
                                                               if k != "approvals")), file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.services.exchange.importer import import_packages
    from desktop.services.installation import open_database
    from desktop.services.keys import read_passphrase

    database = open_database(args.db)
    try:
        passphrase = read_passphrase(args.passphrase_file)
        report = import_packages(database, args.files, passphrase, dry_run=args.dry_run)
    finally:
        database.dispose()
    if args.json:
        print(json.dumps({"packages": [p.as_json() for p in report.packages], "missing": report.missing},
                         ensure_ascii=False, indent=2))
    else:
        for package in report.packages:
            values = package.as_json()
            print(t("import_summary", file=package.file, status=t(f"import_status_{package.status}"),
                    **{k: values[k] for k in ("created", "updated", "unchanged", "deleted", "rejected", "conflicts")}))
            if package.message:
                print("  " + package.message)
            for rejection in package.counts.rejected[:50]:
                print(f"  - {rejection.kind} {rejection.ref or rejection.uid}: {'; '.join(rejection.reasons)}")
        for unit, numbers in report.missing.items():
            print(t("import_missing", unit=unit, numbers=", ".join(map(str, numbers))))
    return EXIT_REFUSED if report.refused else 0


COMMANDS = {"export": cmd_export, "import": cmd_import}
