"""Reading and writing rows of a .csv (UTF-8, with or without BOM) or .xlsx file.

Cells that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) are
written with a leading apostrophe; `validation.clean_text` removes it again on import, so the
round trip is lossless and opening an export in Excel runs nothing.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import t

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 1_000_000


class SheetError(Exception):
    """The file as a whole cannot be read (not found, wrong format, not UTF-8, no header)."""


@dataclass
class Sheet:
    header: list[str]
    rows: list[tuple[int, list[object]]]  # (line number in the file, cells)


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, str):
        return value
    return value


def read_sheet(path: Path) -> Sheet:
    if not path.is_file():
        raise SheetError(t("file_not_found", path=path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise SheetError(t("file_format", path=path.name))


def _read_csv(path: Path) -> Sheet:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError(t("file_encoding")) from error
    except OSError as error:
        raise SheetError(t("file_unreadable", path=path.name, reason=error.strerror)) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise SheetError(t("empty_file"))
        rows: list[tuple[int, list[object]]] = []
        line = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((line, list(cells)))
            line = reader.line_num + 1
            if len(rows) > MAX_ROWS:
                raise SheetError(t("too_many_rows", limit=MAX_ROWS))
    except csv.Error as error:
        raise SheetError(t("file_unreadable", path=path.name, reason=str(error))) from error
    return Sheet([h.strip() for h in header], rows)


def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook  # only when a workbook is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise SheetError(t("file_unreadable", path=path.name, reason=type(error).__name__)) from error
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header_row = next(values, None)
        if header_row is None:
            raise SheetError(t("empty_file"))
        header = ["" if h is None else str(h).strip() for h in header_row]
        rows: list[tuple[int, list[object]]] = []
        for number, cells in enumerate(values, start=2):
            if any(c is not None and str(c).strip() for c in cells):
                rows.append((number, ["" if c is None else _cell(c) for c in cells]))
            if len(rows) > MAX_ROWS:
                raise SheetError(t("too_many_rows", limit=MAX_ROWS))
    finally:
        workbook.close()
    while header and not header[-1]:
        header.pop()
    return Sheet(header, rows)


def write_sheet(path: Path, header: Sequence[str], rows: Iterator[Sequence[object]]) -> int:
    """Writes atomically: to a temporary file beside the target, fsync, then rename."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise SheetError(t("file_format", path=path.name))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".antq-", suffix=suffix, dir=path.parent)
    os.close(handle)
    try:
        count = _write_csv(Path(temporary), header, rows) if suffix == ".csv" else _write_xlsx(
            Path(temporary), header, rows)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def _write_csv(path: Path, header: Sequence[str], rows: Iterator[Sequence[object]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        for row in rows:
            writer.writerow([neutralise(v) for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, header: Sequence[str], rows: Iterator[Sequence[object]]) -> int:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(header))
    count = 0
    for row in rows:
        sheet.append([neutralise(v) for v in row])
        count += 1
    workbook.save(path)
    return count
