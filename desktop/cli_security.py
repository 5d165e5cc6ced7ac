"""The command line's security commands: `antq reveal` (an informant's identity, with a
commander's passphrase; audited) and `antq exposure` (what a lost laptop or package exposes,
for a breach notice). The command line acts as the owner of the file: these need no sign-in,
but nothing sealed opens without the passphrase."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.i18n import t


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,  # type: ignore[type-arg]
                h: Callable[[str, str], str]) -> None:
    reveal = commands.add_parser("reveal", parents=[common], help=h(
        "xem danh tính người cung cấp một nguồn tin (cần mật khẩu của chỉ huy; được ghi nhật ký)",
        "show the informant of a source (needs a commander's passphrase; logged)"))
    reveal.add_argument("source", metavar="REF", help=h("số hiệu nguồn tin, vd. NT-2025-0001", "source reference"))
    reveal.add_argument("--user", required=True, metavar="NAME", help=h("tài khoản chỉ huy", "commander's account"))
    reveal.add_argument("--passphrase-file", type=Path, metavar="FILE", help=h(
        "đọc mật khẩu từ dòng đầu của tệp (không thì hỏi)", "read the passphrase from the file's first line"))
    commands.add_parser("exposure", parents=[common], help=h(
        "liệt kê những gì một tệp dữ liệu bị mất để lộ (để báo cáo sự cố trong 72 giờ)",
        "list what a lost database file exposes (for a breach notice within 72 hours)"))


def cmd_reveal(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from db.engine import transaction
    from db.models import InformationSource
    from desktop.services.accounts import account_info
    from desktop.services.identities import reveal_with_password
    from desktop.services.installation import open_database
    from desktop.services.keys import read_passphrase
    from desktop.services.permissions import OWNER

    database = open_database(args.db)
    try:
        with transaction(database.sessions) as session:
            source_id = session.scalar(select(InformationSource.id).where(InformationSource.ref == args.source))
            user = account_info(session, args.user)
            if source_id is None or user is None:
                print(t("reveal_not_found", source=args.source, user=args.user), file=sys.stderr)
                return 1
            passphrase = read_passphrase(args.passphrase_file)
            print(reveal_with_password(session, OWNER, user.id, passphrase, source_id))
    finally:
        database.dispose()
    return 0


def cmd_exposure(args: argparse.Namespace) -> int:
    from desktop.services.exposure import exposure_report, format_exposure
    from desktop.services.installation import connect

    # `connect`, not `open_database`: the copy of a lost file is read as it is, never upgraded.
    database = connect(args.db)
    try:
        with database.sessions() as session:
            for line in format_exposure(exposure_report(session), database.describe()):
                print(line)
    finally:
        database.dispose()
    return 0


COMMANDS = {"reveal": cmd_reveal, "exposure": cmd_exposure}
