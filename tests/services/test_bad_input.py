"""Bad input everywhere (issue 4, "tests that try to break it"): empty, blank, 10,000 characters,
wrong type, negative, future, control characters, right-to-left override, SQL and formula
injection, fed to every field of every kind (form save), every spreadsheet column (import, then
export and import again), command-line arguments, account fields and informant identities.

What "accepted harmlessly" means here, from the validation code: free text (not longer than its
field) is stored exactly as typed, formulas and SQL included, and is exported with a leading
apostrophe where a spreadsheet would run it; a blank optional field takes its default; anything
else — a control or format character (Cc, Cf) anywhere in text, a value too long, a number,
date, code, unit or reference that does not parse — is refused at that field with nothing
written. The unit lookup table is read once per module (`desktop.services.lookups` reads all
14,000 units on every save otherwise); it does not change while these tests run."""
from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import AuditEntry, InformantIdentity, User
from db.units import own_unit, unit_ids_by_code
from desktop.cli import main
from desktop.services import accounts, editing, identities, keys, lookups
from desktop.services.accounts import AccountError
from desktop.services.identities import IdentityError
from desktop.services.installation import Database, connect
from desktop.services.permissions import Actor
from desktop.services.record_specs import SPECS, FieldSpec
from desktop.services.records import RECORD_CLASSES, snapshot
from desktop.services.tables.exporter import export_table
from desktop.services.tables.importer import import_table
from desktop.services.tables.sheets import FORMULA_STARTS
from desktop.services.validation import field_label, validate
from tests.conftest import _copy_sqlite
from tests.services.tables_support import table_counts, write_table
from tests.services.test_identities import add_sources
from tests.services.test_keys import PASSWORD, add_user

LONG = "x" * 10_000
CONTROLS = {"nul": "a\x00b", "ansi": "\x1b[31mđỏ", "rlo": "\u202eabc", "zwsp": "a\u200bb"}
HOSTILE = {"empty": "", "blank": "   ", "long": LONG, "abc": "abc", "bad_date": "32/13/2025", "negative": "-5",
           "y2099": "01/01/2099", "y2100": "31/12/2100", **CONTROLS,
           "sql": "'); DROP TABLE dissemination_session;--", "hyperlink": '=HYPERLINK("http://x")',
           "plus": "+1+1", "at": "@SUM(A1)", "minus": "-2+3"}
DECISION = "1/QĐ-GỐC"
_numbers = itertools.count(1)


def base(kind: str) -> dict[str, str]:
    """A valid record of `kind` as typed (2025 list, own unit); a decision takes a new number."""
    return {
        "sessions": {"ref": "", "date": "15/09/2025", "unit_code": "", "kind": "training", "organisers": "police",
                     "topics": "drugs", "attendees": "40", "member_attendees": "12", "place": "Nhà văn hóa khu 3",
                     "notes": "Có phát tờ rơi"},
        "models": {"ref": "", "unit_code": "", "type": "security_camera", "name": "Camera an ninh khu 5",
                   "lead_organisation": "police", "launched_on": "01/08/2025", "status": "active", "members": "10",
                   "cameras": "12", "typical_on": "01/10/2025", "typical_authority": "UBND phường",
                   "typical_decision": "12/QĐ-UBND"},
        "sources": {"ref": "", "date": "15/09/2025", "unit_code": "", "organisation": "womens_union",
                    "category": "drugs", "channel": "phone", "content": "Nghi vấn tụ tập", "status": "received"},
        "cases": {"ref": "", "date": "15/09/2025", "unit_code": "", "category": "drugs", "individuals": "2",
                  "source_refs": "", "summary": "Bắt quả tang"},
        "commendations": {"number": f"{next(_numbers)}/QĐ-THU", "date": "15/09/2025", "authority": "UBND phường",
                          "form": "certificate_of_merit", "period_from": "01/01/2024", "period_to": "31/12/2024",
                          "achievement": "Thành tích", "unit_code": "", "ref": ""},
        "recipients": {"decision_number": DECISION, "kind": "individual", "name": "Nguyễn Văn An", "title": "mr",
                       "position": "Tổ trưởng", "unit_code": "", "organisation": "police", "ref": ""},
    }[kind]


def has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t" for ch in text)


def refusal(kind: str, spec: FieldSpec, value: str) -> set[str] | None:
    """The fields a refusal must name, or None when the value is accepted harmlessly."""
    if not value.strip():
        if spec.required:
            return {spec.name}
        if (kind, spec.name) == ("models", "typical_on"):  # a recognition needs its date
            return {"typical_authority", "typical_decision"}
        return None
    if spec.type == "text" and len(value) <= spec.max_length and not has_control(value):
        return None
    return {spec.name}


def stored_as(kind: str, spec: FieldSpec, value: str, own_id: int) -> object:
    """What an accepted value must be stored as (in `records.snapshot` terms)."""
    if value.strip():
        return value  # text, exactly as typed
    if spec.type == "unit":
        return None if kind == "recipients" else own_id
    return [] if spec.type in ("codes", "organisations", "refs") else spec.default


def cases() -> Iterator[Any]:
    for kind, spec in ((k, s) for k in SPECS for s in SPECS[k].fields):
        for name, value in HOSTILE.items():
            yield pytest.param(kind, spec.name, value, id=f"{kind}-{spec.name}-{name}")


@pytest.fixture(scope="module", autouse=True)
def _units_read_once() -> Iterator[None]:
    table: dict[tuple[str, str], int] = {}

    def by_code(session: Session) -> dict[tuple[str, str], int]:
        if not table:  # the same in every copy of the template
            table.update(unit_ids_by_code(session))
        return table

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lookups, "unit_ids_by_code", by_code)
        yield


def _database(template_db: Path, folder: Path) -> tuple[Database, Path, int]:
    path = folder / "antq.sqlite3"
    _copy_sqlite(template_db, path)
    database = connect(path)
    decision = {**base("commendations"), "number": DECISION}
    assert editing.save_record(database, "commendations", decision, "setup").action == "created"
    with database.sessions() as session:
        own = own_unit(session)
        assert own is not None
        return database, path, own.id


class Databases:
    """A database per kind, made on first use: a source or a decision accepted under a hostile
    ref or number must not turn the same text into a valid reference of another kind's test."""

    def __init__(self, template_db: Path, factory: pytest.TempPathFactory, name: str) -> None:
        self.template_db, self.factory, self.name = template_db, factory, name
        self.made: dict[str, tuple[Database, Path, int]] = {}

    def __call__(self, kind: str) -> tuple[Database, Path, int]:
        if kind not in self.made:
            self.made[kind] = _database(self.template_db, self.factory.mktemp(f"{self.name}-{kind}"))
        return self.made[kind]

    def dispose(self) -> None:
        for database, _path, _own in self.made.values():
            database.dispose()


@pytest.fixture(scope="module")
def form_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    databases = Databases(template_db, tmp_path_factory, "form")
    yield databases
    databases.dispose()


@pytest.fixture(scope="module")
def sheet_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    databases = Databases(template_db, tmp_path_factory, "sheet")
    yield databases
    databases.dispose()


def stored(database: Database, kind: str, record_id: int) -> dict[str, Any]:
    with database.sessions() as session:
        return snapshot(kind, session.get_one(RECORD_CLASSES[kind], record_id))


def value_of(kind: str, spec: FieldSpec, values: dict[str, Any]) -> object:
    return values["unit_id"] if spec.type == "unit" else values[spec.name]


# --- every field of every kind, through validate and save_record --------------------------------


@pytest.mark.parametrize(("kind", "name", "value"), list(cases()))
def test_form_field(form_db: Databases, kind: str, name: str, value: str) -> None:
    database, path, own_id = form_db(kind)
    spec = SPECS[kind].field(name)
    raw = {**base(kind), name: value}
    before = table_counts(path)
    result = editing.save_record(database, kind, raw, "tester")
    expected = refusal(kind, spec, value)
    if expected is not None:
        assert result.action == "invalid" and {v.field for v in result.violations} == expected
        assert all(v.message.strip() and "{" not in v.message for v in result.violations)
        assert table_counts(path) == before, "a refused value wrote something"
        return
    assert result.action == "created", result.violations
    values = stored(database, kind, result.record_id)  # type: ignore[arg-type]
    if name == "ref" and not value.strip():
        assert values["ref"].startswith(SPECS[kind].ref_prefix)
    else:
        assert value_of(kind, spec, values) == stored_as(kind, spec, value, own_id)


@pytest.mark.parametrize("value", [LONG, *CONTROLS.values()], ids=["long", *CONTROLS])
def test_messages_are_short_and_plain(value: str, form_db: Databases) -> None:
    """A refusal names the field in plain words: it does not echo 10,000 characters, nor an
    escape sequence or a right-to-left override that garbles the message (or the terminal)."""
    database, _path, _own = form_db("recipients")
    offenders = []
    with database.sessions() as session:
        found = lookups.SessionLookups(session)
        for kind, spec in ((k, s) for k in SPECS for s in SPECS[k].fields):
            _clean, violations = validate(kind, {**base(kind), spec.name: value}, found)
            offenders += [f"{kind}.{spec.name}: {v.message[:60]!r}… ({len(v.message)} characters)"
                          for v in violations if len(v.message) > 300 or has_control(v.message)]
        session.rollback()
    assert not offenders, f"{len(offenders)} messages echo the value: " + "; ".join(offenders[:5])


# --- every column of a spreadsheet ----------------------------------------------------------------


def _write(path: Path, kind: str, rows: list[dict[str, str]]) -> Path:
    names = [spec.name for spec in SPECS[kind].fields]
    return write_table(path, names, [[row[n] for n in names] for row in rows])


def _max_id(database: Database, kind: str) -> int:
    cls: Any = RECORD_CLASSES[kind]
    with database.sessions() as session:
        return session.scalar(select(func.max(cls.id))) or 0


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE)
@pytest.mark.parametrize("kind", SPECS)
def test_spreadsheet_columns(sheet_db: Databases, tmp_path: Path, kind: str, value: str) -> None:
    """One file of the rows to refuse (each with the value in another column), one of the rows
    to accept; then the accepted ones exported, neutralised, and imported again unchanged."""
    database, path, own_id = sheet_db(kind)
    refused, accepted = [], []
    for spec in SPECS[kind].fields:
        row = {**base(kind), spec.name: value}
        (accepted if refusal(kind, spec, value) is None else refused).append((spec, row))
    if refused:
        before = table_counts(path)
        report = import_table(database, kind, _write(tmp_path / "refused.csv", kind, [r for _s, r in refused]))
        assert report.file_error is None and not report.ok and report.counts.total() == 0
        by_line: dict[int, set[str]] = defaultdict(set)
        for error in report.errors:
            assert error.message.strip() and "{" not in error.message
            by_line[error.line].add(error.field)
        expected = {line: {field_label(SPECS[kind].field(f)) for f in refusal(kind, spec, value) or ()}
                    for line, (spec, _row) in enumerate(refused, start=2)}
        assert dict(by_line) == expected
        assert table_counts(path) == before, "a refused file wrote something"
    if not accepted:
        return
    first_new = _max_id(database, kind) + 1
    report = import_table(database, kind, _write(tmp_path / "accepted.csv", kind, [r for _s, r in accepted]),
                          username="tester")
    assert report.ok, [e.describe() for e in report.errors] or report.file_error
    assert report.counts == {"created": len(accepted)}
    refs = {}
    for record_id, (spec, _row) in enumerate(accepted, start=first_new):
        values = stored(database, kind, record_id)
        refs[values["ref"]] = spec
        if spec.name != "ref" or value.strip():
            assert value_of(kind, spec, values) == stored_as(kind, spec, value, own_id), spec.name
    exported = tmp_path / "export.csv"
    export_table(database, kind, exported)
    with exported.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)], "a formula runs"
    for row in rows:
        if (spec := refs.get(row[header.index("ref")].removeprefix("'"))) is not None and value.strip():
            cell = row[header.index(spec.name)]
            assert cell == ("'" + value if value.startswith(FORMULA_STARTS) else value)
    counts = table_counts(path)
    again = import_table(database, kind, exported)
    assert again.ok and set(again.counts) == {"unchanged"}, [e.describe() for e in again.errors]
    assert table_counts(path) == counts


def test_xlsx_export_holds_formulas_as_text(database: Database, tmp_path: Path) -> None:
    raw = {**base("sessions"), "place": HOSTILE["hyperlink"], "notes": HOSTILE["at"], "ref": HOSTILE["plus"]}
    assert editing.save_record(database, "sessions", raw, "tester").action == "created"
    path = tmp_path / "export.xlsx"
    assert export_table(database, "sessions", path) == 1
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    cells = {name: sheet.cell(2, header.index(name) + 1) for name in ("ref", "place", "notes")}
    assert {n: (c.data_type, c.value) for n, c in cells.items()} == {
        "ref": ("s", "'+1+1"), "place": ("s", "'" + HOSTILE["hyperlink"]), "notes": ("s", "'@SUM(A1)")}
    assert dict(import_table(database, "sessions", path).counts) == {"unchanged": 1}


# --- command-line arguments -----------------------------------------------------------------------

VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)


@pytest.fixture(scope="module")
def cli_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "antq.sqlite3"
    _copy_sqlite(template_db, path)
    database = connect(path)
    assert editing.save_record(database, "sessions", base("sessions"), "setup").action == "created"
    database.dispose()
    return path


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative file arguments land in a temporary folder, never in the working tree."""
    monkeypatch.chdir(tmp_path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    except Exception as problem:  # noqa: BLE001 - what the user would see as a traceback
        pytest.fail(f"traceback for {[a[:40] for a in argv]}: {problem!r}")
    out, err = capsys.readouterr()
    return code, out, err


USAGE_ERRORS = [
    *(["stats", option, v] for option in ("--from", "--to")
      for v in ("", "   ", LONG, "abc", "32/13/2025", "-5", *CONTROLS.values(), HOSTILE["sql"],
                HOSTILE["hyperlink"], "+1+1", "@SUM(A1)", "-2+3")),
    *(["import-table", v, "x.csv"] for v in ("", "   ", LONG, "abc", "-5", CONTROLS["nul"], HOSTILE["sql"])),
    ["demo", "--records", "-5"], ["demo", "--units", "-3"], ["demo", "--years", "abc"],
    ["demo", "--seed", LONG], ["demo", "--records", "1e3"], ["--lang", "xx", "stats"],
    # out of range: refused by the argument parser, like any other bad argument
    ["demo", "--units", "0"], ["demo", "--years", "0"], ["demo", "--years", "100000"],
    ["demo", "--records", "99999999999"],
]


@pytest.mark.parametrize("argv", USAGE_ERRORS, ids=lambda a: repr(a)[:60])
def test_bad_arguments_exit_2(cli_db: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    before = table_counts(cli_db)
    code, out, err = run([*argv, "--db", str(cli_db)], capsys)
    assert code == 2 and not out
    assert "Traceback" not in err and ": lỗi: " in err.strip().splitlines()[-1]
    assert table_counts(cli_db) == before


REFUSALS = [
    *(["stats", "--unit", v] for v in ("", "   ", "abc", "-5", HOSTILE["sql"], HOSTILE["hyperlink"], "\u202e06652")),
    ["stats", "--from", "01/01/2099", "--to", "01/01/2024"],
    ["import-table", "sessions", ""], ["import-table", "sessions", "nofile.csv"],
    ["import-table", "sessions", "a\x00b.csv"], ["import-table", "sessions", LONG + ".csv"],
    ["export-table", "sessions", "out.txt"], ["export-table", "sessions", "a\x00b.csv"],
    ["export-table", "sessions", LONG + ".csv"],
    ["restore", "a\x00b.sqlite3", "--yes"],
]


@pytest.mark.parametrize("argv", REFUSALS, ids=lambda a: repr(a)[:60])
def test_refused_arguments_exit_1_with_one_vietnamese_line(cli_db: Path, argv: list[str],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = table_counts(cli_db)
    code, _out, err = run([*argv, "--db", str(cli_db)], capsys)
    lines = err.strip().splitlines()
    assert code in (1, 2) and len(lines) == 1, err[-500:]
    assert VIETNAMESE.search(lines[0]) and len(lines[0]) < 500, lines[0][:200]
    assert table_counts(cli_db) == before


@pytest.mark.parametrize("db", ["a\x00b.sqlite3", LONG + ".sqlite3"], ids=["nul", "long"])
def test_bad_database_argument(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["stats", "--db", db], capsys)
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and VIETNAMESE.search(lines[0]) and len(lines[0]) < 500, err[:200]


def test_refused_init_leaves_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "new.sqlite3"
    code, _out, err = run(["init", "--unit", HOSTILE["sql"], "--db", str(target)], capsys)
    assert code == 1 and "không có trong danh mục" in err
    assert not target.exists(), "a refused init left a database file behind"


@pytest.mark.parametrize(("argv", "sessions"), [
    (["stats", "--json", "--from", "01/01/2099"], 0), (["stats", "--json", "--to", "31/12/2100"], 1)])
def test_future_period_is_harmless(cli_db: Path, argv: list[str], sessions: int,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _err = run([*argv, "--db", str(cli_db)], capsys)
    assert code == 0 and json.loads(out)["sessions"]["count"] == sessions


# --- account fields -------------------------------------------------------------------------------


def account_refusal(field: str, value: str) -> bool:
    if field == "username":
        name = value.strip().casefold()
        return not (3 <= len(name) <= 64 and re.fullmatch(r"[a-z0-9._-]+", name))
    return not value.strip() or len(value.strip()) > 300 or has_control(value)


@pytest.mark.parametrize("how", ["create_admin", "create_user"])
@pytest.mark.parametrize("field", ["username", "full_name"])
@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE)
def test_account_fields(database: Database, how: str, field: str, value: str) -> None:
    values = {"username": "nguoidung", "full_name": "Nguyễn Văn Dùng", field: value}
    password = "mật khẩu đủ dài 123"

    def users() -> tuple[int, int]:
        with database.sessions() as session:
            return (session.scalar(select(func.count()).select_from(User)) or 0,
                    session.scalar(select(func.count()).select_from(AuditEntry)) or 0)

    before = users()
    try:
        with transaction(database.sessions) as session:
            if how == "create_admin":
                user = accounts.create_admin(session, values["username"], values["full_name"], password, password)
            else:
                admin = Actor("quantri", "administrator", own_unit(session).id)  # type: ignore[union-attr]
                user = accounts.create_user(session, admin, values["username"], values["full_name"], password,
                                            password, "officer")
            kept = (user.username, user.full_name)
    except AccountError as problem:
        assert account_refusal(field, value), f"{value[:30]!r} refused: {problem.message}"
        assert problem.field == field and problem.message.strip()
        assert users() == before
        return
    assert not account_refusal(field, value), f"{field} {value[:30]!r} accepted"
    assert kept[0 if field == "username" else 1] == value.strip()


# --- informant identities -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sealing(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, int, int]]:
    path = tmp_path_factory.mktemp("identities") / "antq.sqlite3"
    _copy_sqlite(template_db, path)
    database = connect(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "KDF", keys.KdfParams(memory_kib=8192, time_cost=1, parallelism=1))
        with transaction(database.sessions) as session:
            chief = add_user(session, "chief")
            keys.ensure_installation_key(session, chief, PASSWORD)
            (source,) = add_sources(session, 1)
        yield database, chief, source
    database.dispose()


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE)
def test_identity_text(sealing: tuple[Database, int, int], value: str) -> None:
    database, chief, source = sealing
    with database.sessions() as session:
        unit_id = own_unit(session).id  # type: ignore[union-attr]
        before = (session.scalar(select(InformantIdentity.sealed).where(InformantIdentity.source_id == source)),
                  session.scalar(select(func.count()).select_from(AuditEntry)))
    officer = Actor("officer1", "officer", unit_id)
    try:
        with transaction(database.sessions) as session:
            identities.seal_identity(session, officer, source, value)
    except IdentityError as problem:
        assert not value.strip() or len(value) > identities.MAX_LENGTH or has_control(value), str(problem)
        assert str(problem).strip()
        with database.sessions() as session:
            assert (session.scalar(select(InformantIdentity.sealed).where(InformantIdentity.source_id == source)),
                    session.scalar(select(func.count()).select_from(AuditEntry))) == before
        return
    assert value.strip() and len(value) <= identities.MAX_LENGTH and not has_control(value), "accepted"
    with transaction(database.sessions) as session:
        commander = Actor("chief", "commander", unit_id)
        assert identities.reveal_with_password(session, commander, chief, PASSWORD, source) == value
