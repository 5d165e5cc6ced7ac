"""The `antq` command: no arguments opens the window; each subcommand does headless what a
button does. Messages and help are in Vietnamese, or English with `--lang en`."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop import cli_certificates, cli_charts, cli_exchange, cli_keys, cli_report, cli_security, cli_selftest
from desktop.i18n import language, set_language, t

# Exit statuses: 0 done, 1 refused (bad input, nothing changed), 2 bad command line.
EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


def h(vi: str, en: str) -> str:
    """A help text in the chosen language."""
    return en if language() == "en" else vi


_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "positional arguments": "tham số vị trí",
    "options": "tùy chọn",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
}


def _translate_argparse() -> None:
    """argparse looks its own words up through gettext at use time; give it Vietnamese ones."""
    argparse._ = lambda text: _ARGPARSE_VI.get(text, text) if language() == "vi" else text  # type: ignore[attr-defined]


def parse_day(text: str) -> dt.date:
    from desktop.services.validation import Invalid, parse_date

    try:
        return parse_date(text)
    except Invalid as problem:
        raise argparse.ArgumentTypeError(t(problem.key, **problem.values)) from None


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("bad_integer", value=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(t("negative", value=value))
    return value


def count_between(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (a demo of 0 units or 100,000
    years is a typo, not a request)."""

    def parse(text: str) -> int:
        value = positive(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(t("count_range", low=low, high=format(high, ",").replace(",", "."),
                                               value=value))
        return value

    return parse


def path_problem(text: object) -> str | None:
    """Why a file path given on the command line cannot be used (a NUL, a name longer than file
    systems allow), before any file is touched; None when it can."""
    value = str(text)
    if "://" in value and not value.startswith("sqlite"):
        return None  # a server URL
    if "\x00" in value or len(value.encode()) > 4096 or any(len(part.encode()) > 255 for part in Path(value).parts):
        return t("bad_path", path=value)
    return None


def build_parser() -> argparse.ArgumentParser:
    from desktop.services.record_specs import SPECS

    def global_options(default: object) -> argparse.ArgumentParser:
        options = argparse.ArgumentParser(add_help=False)
        options.add_argument("--db", metavar="URL_OR_PATH", default=default, help=h(
            "tệp SQLite hoặc URL cơ sở dữ liệu (mặc định: tệp trong thư mục dữ liệu người dùng)",
            "SQLite file or database URL (default: the file in the user's data folder)"))
        options.add_argument("--lang", choices=("vi", "en"), default=default, help=h("ngôn ngữ", "language"))
        return options

    # Accepted before and after the command; SUPPRESS keeps a command from resetting them.
    common = global_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="antq", parents=[global_options(None)], description=h(
        "ANTQ Ledger — sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc. "
        "Không có lệnh: mở cửa sổ ứng dụng.",
        "ANTQ Ledger — records of the movement \"All people protect national security\". "
        "No command: opens the window."))
    parser.add_argument("--version", action="store_true", help=h(
        "hiện phiên bản và lược đồ cơ sở dữ liệu (của bản này và của tệp dữ liệu) rồi thoát",
        "show the version and the database schema (this build's and the database file's), then exit"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", parents=[common], help=h(
        "tạo hoặc nâng cấp cơ sở dữ liệu, đặt đơn vị của bản cài đặt",
        "create or upgrade the database and set this installation's unit"))
    init.add_argument("--unit", required=True, metavar="CODE", help=h(
        "mã đơn vị theo danh mục hiện hành (vd. 06652)", "unit code in the current list (e.g. 06652)"))

    demo = commands.add_parser("demo", parents=[common], help=h(
        "tạo dữ liệu mẫu", "fill the database with demo data"))
    demo.add_argument("--units", type=count_between(1, 1000), default=5, metavar="N",
                      help=h("số đơn vị trực thuộc tối đa", "at most N units under this one"))
    demo.add_argument("--years", type=count_between(1, 30), default=6, metavar="Y", help=h("số năm", "years"))
    demo.add_argument("--seed", type=positive, default=1, metavar="S", help=h("hạt ngẫu nhiên", "random seed"))
    demo.add_argument("--records", type=count_between(1, 50_000_000), metavar="N", help=h(
        "tổng số bản ghi cần tạo (mặc định theo tỉ lệ thực tế)", "total records to make (default: realistic)"))

    kinds = list(SPECS)
    for name, vi, en in (
        ("import-table", "nhập bảng tính (.csv, .xlsx): tất cả các dòng hoặc không dòng nào",
         "import a spreadsheet (.csv, .xlsx): all rows or none"),
        ("export-table", "xuất bảng tính cùng định dạng", "export a spreadsheet in the same format"),
    ):
        sub = commands.add_parser(name, parents=[common], help=h(vi, en))
        sub.add_argument("kind", choices=kinds, metavar="KIND", help=" | ".join(kinds))
        sub.add_argument("file", type=Path, metavar="FILE")
        if name == "import-table":
            sub.add_argument("--dry-run", action="store_true", help=h(
                "chỉ kiểm tra, không ghi", "check only, write nothing"))

    stats = commands.add_parser("stats", parents=[common], help=h(
        "các số liệu của hội nghị sơ kết, tổng kết", "the figures a review conference quotes"))
    stats.add_argument("--unit", metavar="CODE", help=h(
        "mã đơn vị (đọc theo danh mục có hiệu lực vào ngày --to)", "unit code (read in the list in force on --to)"))
    stats.add_argument("--from", dest="date_from", type=parse_day, metavar="DATE")
    stats.add_argument("--to", dest="date_to", type=parse_day, metavar="DATE")
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--approved-only", action="store_true", help=h(
        "chỉ tính số liệu đã được chỉ huy duyệt", "count approved records only"))

    commands.add_parser("check", parents=[common], help=h(
        "kiểm tra tệp dữ liệu: toàn vẹn, khóa ngoại, chuỗi nhật ký (thoát 0 chỉ khi tất cả đều đạt)",
        "check the database: integrity, foreign keys, audit chain (exit 0 only when all hold)"))
    backup = commands.add_parser("backup", parents=[common], help=h(
        "sao lưu ngay vào thư mục backups cạnh tệp dữ liệu", "back up now into the backups folder beside the file"))
    backup.add_argument("--list", action="store_true", help=h("liệt kê các bản sao lưu", "list the backups"))
    restore = commands.add_parser("restore", parents=[common], help=h(
        "khôi phục tệp dữ liệu từ một bản sao lưu (giữ lại một bản sao của tệp hiện tại)",
        "restore the database from a backup (keeping a copy of the current file)"))
    restore.add_argument("file", type=Path, metavar="FILE", help=h("tệp sao lưu", "backup file"))
    restore.add_argument("--yes", action="store_true", help=h("không hỏi xác nhận", "do not ask for confirmation"))

    cli_security.add_parsers(commands, common, h)
    cli_keys.add_keys_commands(commands, common, h)
    cli_exchange.add_parsers(commands, common, h)
    cli_certificates.add_parsers(commands, common, h)
    cli_charts.add_parsers(commands, common, h)
    cli_report.add_parsers(commands, common, h)
    cli_selftest.add_parsers(commands, common, h)

    shot = commands.add_parser("screenshot", parents=[common], help=h(
        "vẽ một màn hình của cửa sổ ra tệp PNG (không cần màn hình)",
        "render a view of the window to a PNG (no screen needed)"))
    shot.add_argument("view", nargs="?", metavar="VIEW", help=h("tên màn hình (xem --list)", "view name (see --list)"))
    shot.add_argument("--out", type=Path, metavar="FILE.png", help=h("tệp PNG cần ghi", "PNG file to write"))
    shot.add_argument("--list", action="store_true", help=h("liệt kê các màn hình", "list the views"))
    shot.add_argument("--size", default="1280x800", metavar="WxH", help=h(
        "kích thước cửa sổ (mặc định 1280x800)", "window size (default 1280x800)"))
    return parser


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from desktop.services.installation import open_database

    return open_database(args.db)


def cmd_init(args: argparse.Namespace) -> int:
    from desktop.services.installation import initialise

    result = initialise(args.db, args.unit)
    if result.backup:
        print(t("backup_made", path=result.backup))
    print(t("init_done", db=result.database.describe(), revision=result.revision,
            unit=f"{result.unit.name} ({result.unit.code})"))
    result.database.dispose()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import make_demo

    database = _open(args)
    result = make_demo(database, units=args.units, years=args.years, seed=args.seed, records=args.records)
    print(t("demo_done", count=result.total, seconds=f"{result.seconds:.1f}"))
    database.dispose()
    return 0


def cmd_import_table(args: argparse.Namespace) -> int:
    from desktop.services.tables.importer import import_table

    database = _open(args)
    report = import_table(database, args.kind, args.file, dry_run=args.dry_run)
    database.dispose()
    if report.file_error:
        print(report.file_error, file=sys.stderr)
        return EXIT_REFUSED
    if report.errors:
        for error in report.errors:
            print(error.describe(), file=sys.stderr)
        print(t("import_refused", count=len(report.errors), path=args.file), file=sys.stderr)
        return EXIT_REFUSED
    print(t("imported", created=report.counts["created"], updated=report.counts["updated"], kind=args.kind))
    return 0


def cmd_export_table(args: argparse.Namespace) -> int:
    from desktop.services.tables.exporter import export_table
    from desktop.services.tables.sheets import SheetError

    database = _open(args)
    try:
        count = export_table(database, args.kind, args.file)
    except SheetError as problem:
        print(problem, file=sys.stderr)
        return EXIT_REFUSED
    finally:
        database.dispose()
    print(t("exported", count=count, path=args.file))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from desktop.services.stats import compute_stats, format_stats

    database = _open(args)
    try:
        figures = compute_stats(database, args.unit, args.date_from, args.date_to, approved_only=args.approved_only)
    finally:
        database.dispose()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(format_stats(figures, language()))
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    from desktop.ui.screenshot import VIEW_NAMES, VIEWS, ScreenshotError, parse_size, render

    if args.list:
        for name, vi, en in VIEWS:
            print(f"{name:<20} {h(vi, en)}")
        return EXIT_OK
    if args.view is None or args.out is None:
        print(t("screenshot_usage"), file=sys.stderr)
        return EXIT_USAGE
    if args.view not in VIEW_NAMES:
        print(t("screenshot_unknown_view", view=args.view, views=", ".join(VIEW_NAMES)), file=sys.stderr)
        return EXIT_USAGE
    try:
        size = parse_size(args.size)
    except ScreenshotError:
        print(t("screenshot_bad_size", value=args.size), file=sys.stderr)
        return EXIT_USAGE
    path = render(args.view, args.out, args.db, args.lang, size)
    print(t("screenshot_written", path=path))
    return EXIT_OK


def _local_file(args: argparse.Namespace, *, must_exist: bool = True) -> Path:
    """The SQLite file of --db (backups are of SQLite files only), which must exist unless a
    restore is to make it again."""
    from db.paths import local_file_of
    from desktop.services.installation import SetupError

    path = local_file_of(args.db)
    if path is None:
        raise SetupError(t("backup_sqlite_only"))
    if must_exist and not path.exists():
        raise SetupError(t("no_installation"))
    return path.expanduser().resolve()


def cmd_check(args: argparse.Namespace) -> int:
    from db.paths import local_file_of
    from desktop.services.checks import check_database
    from desktop.services.installation import SetupError

    local = local_file_of(args.db)
    if local is not None and not local.exists():
        raise SetupError(t("no_installation"))  # and make no empty file on the way
    report = check_database(args.db)
    for line in report.lines():
        print(line)
    return EXIT_OK if report.ok else EXIT_REFUSED


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.services.backups import backup_now, backups_folder, list_backups
    from desktop.services.permissions import OWNER
    from desktop.services.stats import format_number

    path = _local_file(args)
    if args.list:
        backups = list_backups(path)
        if not backups:
            print(t("backup_none", folder=backups_folder(path)))
        for info in backups:
            size = format_number(round(info.size / 1024), language())
            print(f"{info.when:%d/%m/%Y %H:%M:%S}  {info.reason:<14}  {size:>10} KB  {info.path.name}")
        return EXIT_OK
    print(t("backup_written", path=backup_now(path, actor=OWNER)))
    return EXIT_OK


def _confirmed(prompt: str) -> bool:
    """Asks on stdin; only "c"/"có" (or "y"/"yes") goes ahead, end of input does not."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    answer = sys.stdin.readline()
    if not sys.stdin.isatty():
        sys.stdout.write("\n")  # the answer was not echoed: end the prompt's line
    answer = answer.strip().lower()
    return answer in ("c", "có", "co", "y", "yes")


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.services.backups import BackupError, check_backup, restore
    from desktop.services.permissions import OWNER

    path = _local_file(args, must_exist=False)
    backup = args.file.expanduser().resolve()
    if not backup.is_file():
        raise BackupError(t("restore_no_backup", path=backup))
    problems = check_backup(backup)
    if problems:
        raise BackupError(t("restore_bad_backup", path=backup.name, problem=problems[0]))
    if not args.yes and not _confirmed(t("restore_confirm", backup=backup, database=path)):
        print(t("restore_cancelled"), file=sys.stderr)
        return EXIT_REFUSED
    result = restore(path, backup, actor=OWNER)
    print(t("restored", database=path, backup=backup))
    if result.previous is not None:
        print(t("restore_kept_damaged" if result.previous_damaged else "restore_kept_previous", path=result.previous))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "demo": cmd_demo,
    "import-table": cmd_import_table,
    "export-table": cmd_export_table,
    "stats": cmd_stats,
    "screenshot": cmd_screenshot,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    **cli_security.COMMANDS,
    **cli_keys.COMMANDS,
    **cli_exchange.COMMANDS,
    **cli_certificates.COMMANDS,
    **cli_charts.COMMANDS,
    **cli_report.COMMANDS,
    **cli_selftest.COMMANDS,
}


def _language_from(argv: Sequence[str]) -> str:
    for position, word in enumerate(argv):
        if word == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return "vi"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from(argv)
    set_language(lang if lang in ("vi", "en") else "vi")
    _translate_argparse()
    args = build_parser().parse_args(argv)
    if args.version:
        problem = path_problem(args.db) if args.db is not None else None
        if problem is not None:
            print(problem, file=sys.stderr)
            return EXIT_REFUSED
        print("\n".join(cli_selftest.version_lines(args.db)))
        return EXIT_OK
    if args.command is None:
        from desktop.ui.app import run_app

        return run_app(args.db, lang=args.lang)
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """Runs a subcommand; a problem the user can fix is one plain line on stderr, not a traceback."""
    from sqlalchemy.exc import OperationalError

    from desktop.services.backups import BackupError
    from desktop.services.checks import environment_message
    from desktop.services.identities import IdentityError
    from desktop.services.installation import SetupError
    from desktop.services.keys import KeyProblem
    from desktop.services.progress import is_environment_error
    from desktop.services.stats import StatsError

    for name in ("db", "file", "out"):
        if getattr(args, name, None) is not None and (problem := path_problem(getattr(args, name))) is not None:
            print(problem, file=sys.stderr)
            return EXIT_REFUSED
    try:
        return COMMANDS[args.command](args)
    except (SetupError, StatsError, BackupError, KeyProblem, IdentityError, OSError) as problem:
        print(problem, file=sys.stderr)
        return EXIT_REFUSED
    except OperationalError as problem:
        # disk full, read-only folder, locked file: plain words; anything else as SQLite says it
        message = environment_message(problem) if is_environment_error(problem) else t(
            "database_error", message=problem.orig)
        print(message, file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    raise SystemExit(main())
