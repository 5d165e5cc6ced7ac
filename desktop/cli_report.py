"""`antq report [--unit CODE] --from DATE --to DATE [--lang vi|en] [--approved-only] --out FILE.pdf|xlsx`:
the review report of a unit (and everything under it) over a period, as a PDF (title page,
headline sentences, tables, vector charts, commendations) or the same tables as a workbook.
Bad input is one plain line in the user's language, exit status 1, and no file."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.i18n import language, t

EXIT_REFUSED = 1


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,  # type: ignore[type-arg]
                h: Callable[[str, str], str]) -> None:
    report = commands.add_parser("report", parents=[common], help=h(
        "báo cáo sơ kết (PDF có biểu đồ, hoặc bảng tính .xlsx) của một đơn vị trong một khoảng thời gian",
        "the review report (PDF with charts, or an .xlsx workbook) of a unit over a period"))
    report.add_argument("--unit", metavar="CODE", help=h(
        "mã đơn vị (mặc định: toàn bộ cơ sở dữ liệu)", "unit code (default: the whole database)"))
    report.add_argument("--from", dest="date_from", required=True, metavar="DATE", help=h(
        "từ ngày (dd/mm/yyyy)", "from (dd/mm/yyyy)"))
    report.add_argument("--to", dest="date_to", required=True, metavar="DATE", help=h(
        "đến ngày (dd/mm/yyyy)", "to (dd/mm/yyyy)"))
    report.add_argument("--units", choices=("then", "now"), default="then", help=h(
        "kỳ trước ngày 01/07/2025: then = theo đơn vị hành chính thời điểm đó (mặc định), "
        "now = quy về đơn vị hành chính hiện nay",
        "a period before 1 July 2025: then = by the units of the time (default), now = rolled up into today's units"))
    report.add_argument("--approved-only", action="store_true", help=h(
        "chỉ tính số liệu đã được chỉ huy duyệt", "count approved records only"))
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|xlsx", help=h(
        "tệp cần ghi: .pdf hoặc .xlsx", "file to write: .pdf or .xlsx"))


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.services.figures import Filters
    from desktop.services.installation import open_database
    from desktop.services.report import ReportError, make_report
    from desktop.services.stats import StatsError
    from desktop.services.validation import Invalid, parse_date

    lang = language()
    try:
        filters = Filters(args.unit, parse_date(args.date_from), parse_date(args.date_to), args.approved_only, args.units)
    except Invalid as problem:
        print(t(problem.key, **problem.values), file=sys.stderr)
        return EXIT_REFUSED
    database = open_database(args.db)
    try:
        make_report(database, filters, args.out, lang)
    except ReportError as problem:
        print(problem.message, file=sys.stderr)
        return EXIT_REFUSED
    except StatsError as problem:
        print(problem.message(lang), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        database.dispose()
    print(args.out)
    print(t("report_written", path=args.out), file=sys.stderr)
    return 0


COMMANDS = {"report": cmd_report}
