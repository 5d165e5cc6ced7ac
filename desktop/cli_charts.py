"""`antq chart NAME [--unit CODE] [--from DATE] [--to DATE] [--approved-only] --out FILE.png|svg|pdf`:
one chart of the Overview page written to a file; `antq chart --list` names the charts.

Bad input (an unknown chart, a file type other than PNG/SVG/PDF, a date that is not one, an
unknown unit) is one plain line in the user's language and exit status 1, and no file is
written; a missing chart name or --out is a usage error (exit 2)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.i18n import language, t

EXIT_REFUSED = 1
EXIT_USAGE = 2


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,  # type: ignore[type-arg]
                h: Callable[[str, str], str]) -> None:
    chart = commands.add_parser("chart", parents=[common], help=h(
        "vẽ một biểu đồ số liệu ra tệp PNG, SVG hoặc PDF", "draw one chart of the figures to a PNG, SVG or PDF file"))
    chart.add_argument("name", nargs="?", metavar="NAME", help=h("tên biểu đồ (xem --list)", "chart name (see --list)"))
    chart.add_argument("--list", action="store_true", help=h("liệt kê các biểu đồ", "list the charts"))
    chart.add_argument("--unit", metavar="CODE", help=h(
        "mã đơn vị (đọc theo danh mục có hiệu lực vào ngày --to; mặc định: toàn bộ cơ sở dữ liệu)",
        "unit code (read in the list in force on --to; default: the whole database)"))
    # Dates are read by the command, not by argparse, so that a bad one is one plain line.
    chart.add_argument("--from", dest="date_from", metavar="DATE", help=h("từ ngày (dd/mm/yyyy)", "from (dd/mm/yyyy)"))
    chart.add_argument("--to", dest="date_to", metavar="DATE", help=h("đến ngày (dd/mm/yyyy)", "to (dd/mm/yyyy)"))
    chart.add_argument("--units", choices=("then", "now"), default="then", help=h(
        "kỳ trước ngày 01/07/2025: then = theo đơn vị hành chính thời điểm đó (mặc định), "
        "now = quy về đơn vị hành chính hiện nay",
        "a period before 1 July 2025: then = by the units of the time (default), now = rolled up into today's units"))
    chart.add_argument("--approved-only", action="store_true", help=h(
        "chỉ tính số liệu đã được chỉ huy duyệt", "count approved records only"))
    chart.add_argument("--out", type=Path, metavar="FILE", help=h(
        "tệp cần ghi: .png, .svg hoặc .pdf", "file to write: .png, .svg or .pdf"))


def _day(text: str | None) -> dt.date | None:
    from desktop.services.validation import parse_date

    return None if text is None else parse_date(text)


def cmd_chart(args: argparse.Namespace) -> int:
    from desktop.services.charts import CHARTS, ChartError, build_chart, chart_spec, check_suffix, save_chart
    from desktop.services.figures import Filters
    from desktop.services.installation import open_database
    from desktop.services.stats import StatsError
    from desktop.services.validation import Invalid

    lang = language()
    if args.list:
        width = max(len(name) for name in CHARTS)
        for name, spec in CHARTS.items():
            print(f"{name:<{width}}  {spec.title(lang)}")
        return 0
    if args.name is None or args.out is None:
        print(t("chart_usage"), file=sys.stderr)
        return EXIT_USAGE
    try:
        chart_spec(args.name)
        check_suffix(args.out)
        filters = Filters(args.unit, _day(args.date_from), _day(args.date_to), args.approved_only, args.units)
    except ChartError as problem:
        print(problem.message(), file=sys.stderr)
        return EXIT_REFUSED
    except Invalid as problem:
        print(t(problem.key, **problem.values), file=sys.stderr)
        return EXIT_REFUSED
    folder = args.out.expanduser().absolute().parent
    if not folder.is_dir():
        print(t("chart_no_folder", path=folder), file=sys.stderr)
        return EXIT_REFUSED

    database = open_database(args.db)
    try:
        with database.sessions() as session:
            figure = build_chart(session, args.name, filters, lang)
    except StatsError as problem:  # unknown unit, reversed period
        print(problem, file=sys.stderr)
        return EXIT_REFUSED
    finally:
        database.dispose()
    try:
        path = save_chart(figure, args.out.expanduser())
    except OSError as problem:
        print(t("chart_cannot_write", path=args.out, error=problem.strerror or problem), file=sys.stderr)
        return EXIT_REFUSED
    print(t("chart_written", path=path))
    return 0


COMMANDS = {"chart": cmd_chart}
