"""The command line's exchange keys: `antq keys init-province | init-unit | enrol | list | revoke`.

The command line acts as the owner of the file; the commands that make or open the own key ask
for the exchange passphrase (or read it from `--passphrase-file`). A refusal is one plain line
on stderr with exit status 1, and nothing is written (one transaction; a key file is written
last and removed again if the transaction does not commit)."""
from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.i18n import language, t

KeysHelp = Callable[[str, str], str]


def _h(vi: str, en: str) -> str:
    return en if language() == "en" else vi


def add_keys_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser | None = None,  # type: ignore[type-arg]
                      h: KeysHelp = _h) -> None:
    """`antq keys …`; `common` is the parent parser carrying `--db` and `--lang` (see desktop.cli)."""
    parents = [common] if common is not None else []
    keys = commands.add_parser("keys", parents=parents, help=h(
        "khóa trao đổi dữ liệu qua USB: tạo, đăng ký, liệt kê, thu hồi",
        "USB exchange keys: create, enrol, list, revoke"))
    actions = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)

    def passphrase_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--passphrase-file", type=Path, metavar="FILE", help=h(
            "đọc cụm từ mật khẩu từ dòng đầu của tệp (không thì hỏi)", "read the passphrase from the file's first line"))

    province = actions.add_parser("init-province", parents=parents, help=h(
        "tạo khóa của tỉnh (nơi nhận) và ghi tệp khóa công khai cho các đơn vị",
        "make the province's (receiver's) key and write its public key file for the units"))
    province.add_argument("--out", type=Path, required=True, metavar="DIR", help=h("thư mục ghi tệp", "folder"))
    passphrase_option(province)

    unit = actions.add_parser("init-unit", parents=parents, help=h(
        "tạo khóa của đơn vị, tin cậy khóa của tỉnh và ghi tệp đăng ký khóa",
        "make the unit's key, trust the province's key and write the enrolment file"))
    unit.add_argument("--province-key", type=Path, required=True, metavar="FILE", help=h(
        "tệp khóa công khai do tỉnh cấp (.antqkey)", "the public key file from the province (.antqkey)"))
    unit.add_argument("--out", type=Path, required=True, metavar="DIR", help=h("thư mục ghi tệp", "folder"))
    passphrase_option(unit)

    enrol = actions.add_parser("enrol", parents=parents, help=h(
        "(tại tỉnh) đăng ký khóa của một đơn vị từ tệp đăng ký", "(at the province) enrol a unit's key file"))
    enrol.add_argument("file", type=Path, metavar="FILE")

    actions.add_parser("list", parents=parents, help=h("liệt kê các khóa và dấu vân tay", "list keys and fingerprints"))

    revoke = actions.add_parser("revoke", parents=parents, help=h("thu hồi một khóa", "revoke a key"))
    revoke.add_argument("fingerprint", nargs="+", metavar="FINGERPRINT", help=h(
        "dấu vân tay khóa (30 chữ số, có thể có dấu cách)", "key fingerprint (30 digits, spaces allowed)"))


@contextmanager
def _session(args: argparse.Namespace) -> Iterator:  # type: ignore[type-arg]
    from db.engine import transaction
    from desktop.services.installation import open_database

    database = open_database(args.db)
    try:
        with transaction(database.sessions) as session:
            yield session
    finally:
        database.dispose()


def _passphrase(args: argparse.Namespace, session) -> str:  # type: ignore[no-untyped-def]
    """Asked twice when it makes a new key (a typo would lock the key away for good)."""
    from desktop.services.exchange.keys import ExchangeKeyError, own_public
    from desktop.services.keys import read_passphrase

    if args.passphrase_file is not None:
        return read_passphrase(args.passphrase_file)
    if own_public(session) is not None:
        return read_passphrase(None, t("xkey_passphrase_prompt"))
    first = read_passphrase(None, t("xkey_passphrase_new_prompt"))
    if read_passphrase(None, t("xkey_passphrase_again")) != first:
        raise ExchangeKeyError(t("xkey_passphrase_differ"))
    return first


@contextmanager
def _removed_unless_committed(paths: list[Path]) -> Iterator[None]:
    """A key file written inside the transaction goes again when the transaction fails."""
    try:
        yield
    except BaseException:
        for path in paths:
            path.unlink(missing_ok=True)
        raise


def cmd_init_province(args: argparse.Namespace) -> int:
    from desktop.services.exchange.keys import ensure_own_keys, show_fingerprint, write_receiver_key_file

    written: list[Path] = []
    with _removed_unless_committed(written), _session(args) as session:
        keys = ensure_own_keys(session, _passphrase(args, session))
        written.append(write_receiver_key_file(session, args.out))
    print(t("xkey_receiver_written", path=written[0]))
    print(t("xkey_own_fingerprint", fingerprint=show_fingerprint(keys.public.fingerprint)))
    return 0


def cmd_init_unit(args: argparse.Namespace) -> int:
    from desktop.services.exchange.keys import (
        RECEIVER_TYPE,
        ensure_own_keys,
        read_key_file,
        show_fingerprint,
        trust_receiver,
        write_enrolment_file,
    )

    read_key_file(args.province_key, RECEIVER_TYPE)  # a bad file is refused before the passphrase is asked
    written: list[Path] = []
    with _removed_unless_committed(written), _session(args) as session:
        keys = ensure_own_keys(session, _passphrase(args, session))
        receiver = trust_receiver(session, args.province_key)
        receiver_fingerprint = receiver.fingerprint
        written.append(write_enrolment_file(session, keys, args.out))
    print(t("xkey_enrolment_written", path=written[0]))
    print(t("xkey_own_fingerprint", fingerprint=show_fingerprint(keys.public.fingerprint)))
    print(t("xkey_receiver_fingerprint", fingerprint=show_fingerprint(receiver_fingerprint)))
    print(t("xkey_compare_aloud"))
    return 0


def cmd_enrol(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from db.models import AdminUnit, TrustedKey
    from desktop.services.exchange.keys import ENROLMENT_TYPE, enrol, read_key_file, show_fingerprint

    public, _ = read_key_file(args.file, ENROLMENT_TYPE)
    with _session(args) as session:
        known = session.scalar(select(TrustedKey.id).where(
            TrustedKey.role == "sender", TrustedKey.fingerprint == public.fingerprint))
        row = enrol(session, args.file)
        unit = session.get_one(AdminUnit, row.unit_id)
        unit_text, fingerprint = f"{unit.name} ({unit.code})", show_fingerprint(row.fingerprint)
    print(t("xkey_already_enrolled" if known is not None else "xkey_enrolled", unit=unit_text))
    print(t("xkey_fingerprint_line", fingerprint=fingerprint))
    return 0


def _day(value) -> str:  # type: ignore[no-untyped-def]
    return f"{value:%d/%m/%Y}" if value is not None else ""


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.services.exchange.keys import list_keys, show_fingerprint

    with _session(args) as session:
        found = list_keys(session)
    if not found:
        print(t("xkey_none"))
        return 0
    rows = [(t("xkey_heading_role"), t("xkey_heading_fingerprint"), t("xkey_heading_unit"),
             t("xkey_heading_added"), t("xkey_heading_revoked"))]
    for info in found:
        rows.append((t(f"xkey_role_{info.role}"), show_fingerprint(info.fingerprint),
                     f"{info.unit_code} {info.unit_name}", _day(info.added_at), _day(info.revoked_at)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from desktop.services.exchange.keys import revoke, show_fingerprint

    with _session(args) as session:
        info = revoke(session, " ".join(args.fingerprint))
    print(t("xkey_revoked_done", fingerprint=show_fingerprint(info.fingerprint),
            unit=f"{info.unit_name} ({info.unit_code})", date=_day(info.revoked_at)))
    return 0


KEY_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init-province": cmd_init_province,
    "init-unit": cmd_init_unit,
    "enrol": cmd_enrol,
    "list": cmd_list,
    "revoke": cmd_revoke,
}


def cmd_keys(args: argparse.Namespace) -> int:
    """Runs `antq keys ACTION`; an ExchangeKeyError (a KeyProblem) is reported by desktop.cli."""
    return KEY_COMMANDS[args.keys_command](args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"keys": cmd_keys}

