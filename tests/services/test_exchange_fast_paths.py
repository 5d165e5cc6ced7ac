"""The exchange's fast paths (third round of bench.exchange) give what the general paths give, on
good input and bad: package lines written and read by orjson, the validation layer's shortcuts for plain
values, the columns converted for the driver, and the garbage collector paused only while a
package is imported (the search text folded word by word: tests/db/test_search.py)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from desktop.services import validation
from desktop.services.exchange import importer
from desktop.services.exchange.errors import PackageRefused
from desktop.services.exchange.package import _parse_lines, _parse_object, encode_part
from desktop.services.exchange.prepare import _column_converter, _uid_text, uid_hex
from desktop.services.installation import Database
from desktop.services.record_specs import SPECS
from desktop.services.records import RECORD_CLASSES

# -- package lines: orjson where it gives what json gives ---------------------------------------


def _general_lines(data: bytes) -> Any:
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    try:
        return [_parse_object(line) for line in lines]
    except PackageRefused as refusal:
        return ("refused", refusal.code)


def _fast_lines(data: bytes) -> Any:
    try:
        return _parse_lines(data)
    except PackageRefused as refusal:
        return ("refused", refusal.code)


TRICKY_LINES = [
    b'{"a":1}', b'{"a":1,"a":2}', b'{"a":99999999999999999999999}', b'{"a":-9223372036854775809}',
    b'{"a":18446744073709551615}', b'{"a":1234567890123456789}', b'{"n":NaN}', b'{"n":Infinity}', b'{"n":1e400}',
    b'{"s":"\\ud800"}', b'{"s":"\\ud83d\\ude00"}', b'{"s":"\xff"}', b'\xef\xbb\xbf{}', b'[1,2]', b'"x"', b'',
    b' {"a" : [1, 2.5, -0, -0.0, true, null]}\r', b'{"a":1,}', b'{"a":01}', b'{"v":"Ph\xc6\xb0\xe1\xbb\x9dng"}',
    b'{"a":{"b":{"c":[{}]}}}', b'{"a":1} x', b'{"a":"\t"}', b'{"a":"\\u0000"}',
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TRICKY_LINES), st.builds(
    lambda value: json.dumps({"v": value}, ensure_ascii=False).encode(), st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=8))), max_size=6), st.booleans())
def test_package_lines_read_as_json_reads_them(lines: list[bytes], trailing_newline: bool) -> None:
    data = b"\n".join(lines) + (b"\n" if trailing_newline else b"")
    assert repr(_fast_lines(data)) == repr(_general_lines(data))


# What a package item holds: texts (any but lone surrogates, which no database text holds),
# integers of 64 bits, booleans, nothing, lists and objects of them.
ITEM_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.text(st.characters(exclude_categories=["Cs"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=5), inner, max_size=3),
    max_leaves=10)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.dictionaries(st.text(st.characters(exclude_categories=["Cs"]), max_size=8), ITEM_VALUES,
                                max_size=4), max_size=5))
def test_package_lines_are_written_as_json_writes_them(items: list[dict[str, Any]]) -> None:
    written = encode_part(items)
    assert written == "".join(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n"
                              for item in items).encode()
    assert _parse_lines(written) == items


def test_a_long_integer_is_read_whole() -> None:
    assert _parse_lines(b'{"attendees":99999999999999999999999}\n') == [{"attendees": 99999999999999999999999}]


# -- validation: the plain values' shortcuts ------------------------------------------------------


def _general_only(kind: str, raw: dict[str, Any], today: dt.date) -> Any:
    """`validate` through the general path alone: a plan whose fields name no fast path."""
    plans = validation._PLANS
    spec = SPECS[kind]
    plan = validation._plan(spec)
    validation._PLANS = {id(spec): (spec, dataclasses.replace(
        plan, plain=tuple((*entry[:5], "", None) for entry in plan.plain)))}
    try:
        return validation.validate(kind, raw, today=today)
    finally:
        validation._PLANS = plans


def _values(kind: str) -> st.SearchStrategy[Any]:
    codes = [term.code for field in SPECS[kind].fields if field.vocabulary for term in field.vocabulary.terms]
    plain = st.one_of(
        st.none(), st.sampled_from(["", " ", "'=1+2", "'abc", "a\x00b", "a\nb", "Nhà văn hóa", "  x  ", "x" * 2001,
                                    "2020-02-30", "2020-13-01", "0000-01-01", "1899-12-31", "2999-01-01", "2024-05-03",
                                    " 2024-05-03", "2024-5-03", "٢٠٢٤-05-03", "18/07/2024", "1.234", "12", "-3"]),
        st.sampled_from(codes or ["x"]), st.sampled_from([c.upper() for c in codes] or ["X"]),
        st.integers(-5, validation.MAX_COUNT + 5), st.sampled_from([True, False, 2.0, 2.5, dt.date(2024, 5, 3)]),
        st.dates(dt.date(1890, 1, 1), dt.date(2030, 1, 1)).map(dt.date.isoformat), st.text(max_size=30))
    return st.one_of(plain, st.lists(st.one_of(st.sampled_from(codes or ["x"]), plain), max_size=3))


@settings(max_examples=150, deadline=None)
@given(st.data())
@pytest.mark.parametrize("kind", list(SPECS))
def test_validation_shortcuts_give_what_the_general_path_gives(kind: str, data: Any) -> None:
    names = [field.name for field in SPECS[kind].fields]
    raw = data.draw(st.dictionaries(st.sampled_from(names), _values(kind)))
    today = dt.date(2026, 11, 22)
    assert repr(validation.validate(kind, raw, today=today)) == repr(_general_only(kind, raw, today))


# -- uids: the text packages write read without `uuid.UUID` ---------------------------------------


def _uid_spellings(uid: uuid.UUID) -> st.SearchStrategy[Any]:
    text = str(uid)
    return st.sampled_from([text, text.upper(), uid.hex, f"{{{text}}}", f"urn:uuid:{text}", f" {text}",
                            text + "\n", text[:-1], text[:-1] + "g", text.replace("-", "_"), text[:8] + "-" + text[9:],
                            "٠" * 32, uid.int, None, [text], {"uid": text}])


@settings(max_examples=300, deadline=None)
@given(st.uuids().flatmap(_uid_spellings))
def test_a_uid_is_read_as_uuid_reads_it(value: Any) -> None:
    try:
        parsed: uuid.UUID | None = uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        parsed = None
    assert uid_hex(value) == (parsed.hex if parsed is not None else None)
    if isinstance(value, str):  # a linked record names another by the very text `str(uuid)` writes
        assert _uid_text(value) == (parsed is not None and str(parsed) == value)


# -- columns for the driver -----------------------------------------------------------------------


@pytest.mark.parametrize(("column", "values"), [
    ("held_on", [dt.date(2024, 5, 3), dt.date(5, 1, 1), None, dt.datetime(2024, 5, 3, 10, 30)]),
    ("created_at", [dt.datetime(2026, 11, 22, 16, 0, 33, 218839), dt.datetime(987, 1, 2), None, dt.date(2024, 5, 3),
                    dt.datetime(2024, 5, 3, 1, 2, 3, tzinfo=dt.timezone(dt.timedelta(hours=7)))]),
    ("uid", [uuid.uuid4(), uuid.UUID(int=0), None]),
    ("deleted", [True, False, None]),
])
def test_column_converters_give_the_types_own_conversion(column: str, values: list[Any]) -> None:
    dialect = sqlite.dialect()
    column_type = RECORD_CLASSES["sessions"].__table__.c[column].type
    convert = column_type._cached_bind_processor(dialect)
    assert list(_column_converter(column_type)(values)) == [convert(v) for v in values]


# -- the collector --------------------------------------------------------------------------------


def test_the_collector_is_paused_for_each_package_only(monkeypatch: pytest.MonkeyPatch, database: Database,
                                                       tmp_path: Path) -> None:
    seen = []
    monkeypatch.setattr(importer, "_import_one", lambda *args, **kwargs: seen.append(gc.isenabled()))
    report = importer.import_packages(database, [tmp_path / "a.antq", tmp_path / "b.antq"], None)
    assert (seen, gc.isenabled(), len(report.packages)) == ([False, False], True, 2)
