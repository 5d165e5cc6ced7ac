"""Column headers: English names or their Vietnamese equivalents, matched without regard to case
or diacritics."""
from __future__ import annotations

from db.textfold import fold
from desktop.i18n import t
from desktop.services.record_specs import SPECS


class ColumnError(Exception):
    """The header row does not fit the kind: unknown, repeated or missing columns."""


def header_key(text: str) -> str:
    return fold(text).replace(" ", "_").replace("-", "_")


def column_map(kind: str, header: list[str]) -> dict[int, str]:
    """Position → field name. Unknown or missing required columns stop the import: a column
    silently ignored would be data lost."""
    names: dict[str, str] = {}
    for spec in SPECS[kind].fields:
        names[header_key(spec.name)] = spec.name
        names[header_key(spec.vi)] = spec.name
    mapping: dict[int, str] = {}
    unknown = []
    twice = []
    for position, title in enumerate(header):
        if not title.strip():
            continue
        field = names.get(header_key(title))
        if field is None:
            unknown.append(title)
        elif field in mapping.values():
            twice.append(title)
        else:
            mapping[position] = field
    problems = []
    if unknown:
        problems.append(t("unknown_columns", columns=", ".join(unknown)))
    if twice:
        problems.append(t("duplicate_columns", columns=", ".join(twice)))
    required = [s.name for s in SPECS[kind].fields if s.required and s.name not in mapping.values()]
    if required:
        problems.append(t("missing_columns", columns=", ".join(required)))
    if problems:
        raise ColumnError(" ".join(problems))
    return mapping
