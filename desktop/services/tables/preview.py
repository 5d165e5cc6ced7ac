"""What a spreadsheet would do to the database, before anything is written: its first rows as
display strings under the field labels, and the report of `import_table(..., dry_run=True)` (every
error at its line, and how many records would be created or updated).

The checks are those of `antq import-table` itself (a dry run validates every row and writes them
all in a transaction that is then rolled back), so the preview can never disagree with the import.
No Qt here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from desktop.i18n import language
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, Permission, requires
from desktop.services.progress import Progress
from desktop.services.record_specs import SPECS
from desktop.services.stats import format_date, format_number
from desktop.services.tables.columns import ColumnError, column_map
from desktop.services.tables.importer import ImportReport, import_table
from desktop.services.tables.sheets import SheetError, read_sheet
from desktop.services.validation import field_label

PREVIEW_ROWS = 200

@dataclass
class TablePreview:
    kind: str
    path: Path
    report: ImportReport
    columns: list[str] = field(default_factory=list)  # what each column is called on screen
    fields: list[str | None] = field(default_factory=list)  # its field name (None: not recognised)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line in the file, cells)

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def total_rows(self) -> int:
        return self.report.rows

    @property
    def error_lines(self) -> set[int]:
        return {error.line for error in self.report.errors}

    def column_labels(self, lang: str | None = None) -> list[str]:
        """The column titles in `lang` (the field's label, else the file's own title)."""
        return [field_label(SPECS[self.kind].field(name), lang) if name else title
                for name, title in zip(self.fields, self.columns, strict=True)]


@requires(None)  # formats a cell: reads nothing
def display(value: object, lang: str | None = None) -> str:
    """A cell as the tables of the application write it (1.234 and 18/07/2024 in Vietnamese)."""
    lang = lang or language()
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date(), lang)} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    return str(value)


@requires(Permission.IMPORT, Permission.ENTER_UNION_RECORDS)
def preview_table(database: Database, kind: str, path: Path, limit: int = PREVIEW_ROWS,
                  progress: Progress | None = None, *, actor: Actor = OWNER) -> TablePreview:
    """The first `limit` rows of `path` and the dry-run report of importing it as `kind`.
    Writes nothing. `progress` is passed to `import_table`, which reports every 500 rows and
    raises `Cancelled` when asked to stop."""
    path = Path(path)
    lang = language()
    columns: list[str] = []
    fields: list[str | None] = []
    rows: list[tuple[int, list[str]]] = []
    try:
        sheet = read_sheet(path)
    except SheetError:
        sheet = None  # import_table says why, in the report's file_error
    if sheet is not None:
        try:
            mapping = column_map(kind, sheet.header)
        except ColumnError:
            mapping = {}  # shown under the file's own titles; the report says what is wrong
        width = max([len(sheet.header), *(len(cells) for _line, cells in sheet.rows[:limit])])
        columns = [sheet.header[i] if i < len(sheet.header) else "" for i in range(width)]
        fields = [mapping.get(i) for i in range(width)]
        rows = [(line, [display(cells[i] if i < len(cells) else None, lang) for i in range(width)])
                for line, cells in sheet.rows[:limit]]
        del sheet  # a big file need not be held twice while import_table reads it again
    report = import_table(database, kind, path, dry_run=True, progress=progress, actor=actor)
    return TablePreview(kind, path, report, columns, fields, rows)
