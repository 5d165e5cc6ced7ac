"""The one validation layer: turns what was typed or read (text, numbers, dates in dd/mm/yyyy or
ISO, codes or labels) into clean values, or into violations that name the field and the rule in
the user's language. Forms, spreadsheet import, package import and the command line all call
`validate`; nothing is written unless it returns no violation.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from db.models.base import EARLIEST_DATE
from db.textfold import fold, nfc
from db.units import scheme_on
from db.vocab import UNIT_SCHEMES, Vocabulary
from desktop.i18n import language, t
from desktop.services.record_specs import MAX_COUNT, SPECS, FieldSpec, RecordSpec, Rule

LIST_SEPARATOR = ";"
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_FORMULA_ESCAPE = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass(frozen=True)
class Violation:
    field: str
    message: str
    value: object = None


class Invalid(Exception):
    """Raised by a coercer; carries the message key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class Lookups(Protocol):
    """What validation needs to know of the database (implemented over a session)."""

    def unit(self, code: str, scheme: str) -> int | None: ...

    def organisation(self, value: str, unit_id: int) -> int | None: ...

    def source(self, ref: str, unit_id: int) -> int | None: ...

    def decisions(self, number: str) -> list[int]: ...

    def default_unit(self, scheme: str) -> int | None:
        """The unit a record with no unit code belongs to, in the list of its date: the own unit,
        or before the reform the one old unit it succeeds; None when that is ambiguous."""
        ...

    def default_unit_choices(self, scheme: str) -> list[str]: ...

    def own_unit_id(self) -> int: ...


def parse_date(value: object) -> dt.date:
    if type(value) is str and len(text := value.strip()) == 10 and text.isascii() and text[4] == text[7] == "-" \
            and text[:4].isdigit() and text[5:7].isdigit() and text[8:].isdigit():
        # ISO as packages and forms send it: what _ISO would match, without the regular expressions
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            raise Invalid("bad_date", value=text) from None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if match := _DMY.match(text):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _ISO.match(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise Invalid("bad_date", value=text)


def parse_int(value: object) -> int:
    if type(value) is int and 0 <= value <= MAX_COUNT:  # the common case, decided at once
        return value
    if isinstance(value, bool):
        raise Invalid("bad_integer", value=value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise Invalid("bad_integer", value=value)
        number = int(value)
    else:
        text = str(value).strip().replace(" ", "")
        # 1.234 is Vietnamese grouping: dots only between groups of three digits.
        if not re.fullmatch(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)", text):
            raise Invalid("bad_integer", value=str(value).strip())
        number = int(text.replace(".", ""))
    if number < 0:
        raise Invalid("negative", value=number)
    if number > MAX_COUNT:
        raise Invalid("too_large", value=number, limit=MAX_COUNT)
    return number


def clean_text(value: object, max_length: int) -> str:
    text = str(value)
    if text[:1] == "'":  # the escape a spreadsheet cell may carry before a formula character
        text = _FORMULA_ESCAPE.sub("", text)
    text = nfc(text)
    # isprintable() is False for every control and format character: the slow scan only then.
    if not text.isprintable() and any(
            unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t" for ch in text):
        raise Invalid("control_chars")
    if len(text) > max_length:
        raise Invalid("too_long", limit=max_length, length=len(text))
    return text


_FOLDED_LABELS: dict[int, tuple[Vocabulary, dict[str, str]]] = {}


def _folded_labels(vocabulary: Vocabulary) -> dict[str, str]:
    """Folded label → code, made once per vocabulary (folding every label for every value
    was most of the cost of validating a package)."""
    entry = _FOLDED_LABELS.get(id(vocabulary))
    if entry is None or entry[0] is not vocabulary:
        labels: dict[str, str] = {}
        for term in reversed(vocabulary.terms):  # the first term wins, as in a scan in order
            labels[fold(term.en)] = labels[fold(term.vi)] = term.code
        entry = _FOLDED_LABELS[id(vocabulary)] = (vocabulary, labels)
    return entry[1]


def match_code(value: object, vocabulary: Vocabulary) -> str:
    """A code given as the code itself or as its Vietnamese or English label, without regard to
    case or diacritics."""
    if isinstance(value, str) and value in vocabulary:  # the code itself, as packages send it
        return value
    key = fold(str(value)).replace(" ", "_")
    loose = fold(str(value))
    if key in vocabulary:
        return key
    if loose in (labels := _folded_labels(vocabulary)):
        return labels[loose]
    # "tập huấn" for "lớp tập huấn": a part of exactly one label is enough.
    partial = [t.code for t in vocabulary.terms if loose and (loose in fold(t.vi) or loose in fold(t.en))]
    if len(partial) == 1:
        return partial[0]
    raise Invalid("unknown_code", vocabulary=vocabulary.name, value=str(value).strip())


def split_list(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):  # a tuple of types: a faster check than a union
        return [text for v in value if (text := str(v).strip())]
    return [text for part in str(value).split(LIST_SEPARATOR) if (text := part.strip())]


def field_label(spec: FieldSpec, lang: str | None = None) -> str:
    return spec.name.replace("_", " ") if (lang or language()) == "en" else spec.vi


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


_REFERENCE_TYPES = ("organisation", "organisations", "refs", "decision")


_NEW_LIST = object()  # the empty value of a list field: a new list each time


def _convert_text(spec: FieldSpec, value: object, today: dt.date) -> object:
    text = clean_text(value, spec.max_length)
    if spec.required and not text:
        raise Invalid("required")
    return text


def _convert_int(spec: FieldSpec, value: object, today: dt.date) -> object:
    return parse_int(value)


def _convert_date(spec: FieldSpec, value: object, today: dt.date) -> object:
    day = parse_date(value)
    if day < EARLIEST_DATE:
        raise Invalid("date_too_early", value=day.strftime("%d/%m/%Y"), year=EARLIEST_DATE.year)
    if day > today:
        raise Invalid("date_in_future", value=day.strftime("%d/%m/%Y"))
    return day


def _convert_code(spec: FieldSpec, value: object, today: dt.date) -> object:
    assert spec.vocabulary is not None
    return match_code(value, spec.vocabulary)


def _convert_codes(spec: FieldSpec, value: object, today: dt.date) -> object:
    assert spec.vocabulary is not None
    codes = [match_code(v, spec.vocabulary) for v in split_list(value)]
    return list(dict.fromkeys(codes))


_CONVERTERS = {"text": _convert_text, "int": _convert_int, "date": _convert_date, "code": _convert_code,
               "codes": _convert_codes}


@dataclass(frozen=True)
class _Plan:
    """A kind's fields sorted once by what validation does with them (a package holds a
    million records of six kinds: deciding each field's type per record added up)."""

    # spec, name, required, empty value, convert, field type, its fast path's data (see `run`)
    plain: tuple[tuple[FieldSpec, str, bool, object, Any, str, Any], ...]
    units: tuple[FieldSpec, ...]
    references: tuple[FieldSpec, ...]


_PLANS: dict[int, tuple[RecordSpec, _Plan]] = {}


def _fast_data(field: FieldSpec) -> Any:
    """What a field's fast path in `_Checker.run` needs: the length limit of a text, the codes of a
    vocabulary (None, no fast path, if a code were empty or padded: `_is_empty` would see it)."""
    if field.type == "text":
        return field.max_length
    if field.type in ("code", "codes"):
        assert field.vocabulary is not None
        codes = frozenset(field.vocabulary.codes)
        return codes if all(type(code) is str and code and code == code.strip() for code in codes) else None
    return None


def _plan(spec: RecordSpec) -> _Plan:
    entry = _PLANS.get(id(spec))
    if entry is None or entry[0] is not spec:
        plain = tuple((field, field.name, field.required, _NEW_LIST if field.type == "codes" else field.default,
                       _CONVERTERS[field.type], field.type, _fast_data(field))
                      for field in spec.fields if field.type in _CONVERTERS)
        entry = _PLANS[id(spec)] = (spec, _Plan(
            plain, tuple(f for f in spec.fields if f.type == "unit"),
            tuple(f for f in spec.fields if f.type in _REFERENCE_TYPES)))
    return entry[1]


class _Checker:
    def __init__(self, spec: RecordSpec, lookups: Lookups | None, today: dt.date) -> None:
        self.spec = spec
        self.lookups = lookups
        self.today = today
        self.clean: dict[str, Any] = {}
        self.violations: list[Violation] = []

    def fail(self, field: str, key: str, given: object = None, **values: object) -> None:
        self.violations.append(Violation(field, t(key, **values), given))

    def run(self, raw: Mapping[str, Any]) -> None:
        # The plain fields first (they decide the unit list), in the order of the spec, through
        # the kind's plan: each field's converter chosen once per kind, not once per record.
        plan = _plan(self.spec)
        clean, today = self.clean, self.today
        for spec, name, required, empty, convert, kind, fast in plan.plain:
            value = raw.get(name)
            # Fast paths for values as packages and forms send them, each taken only where the
            # general path below gives the same value without a violation.
            if type(value) is str:
                if kind == "text":
                    # An NFC text, not empty (so `value` was not), printable, short, no escape.
                    if (text := nfc(value)) and len(text) <= fast and value[:1] != "'" \
                            and text.isprintable():
                        clean[name] = text
                        continue
                elif kind == "code":
                    if fast is not None and value in fast:
                        clean[name] = value
                        continue
                elif kind == "date" and len(value) == 10 and value.isascii() and value[4] == value[7] == "-" \
                        and value[:4].isdigit() and value[5:7].isdigit() and value[8:].isdigit():
                    # What `parse_date` reads as ISO; an impossible day goes the general way.
                    try:
                        day = dt.date.fromisoformat(value)
                    except ValueError:
                        pass
                    else:
                        if EARLIEST_DATE <= day <= today:
                            clean[name] = day
                            continue
            elif type(value) is int:
                if kind == "int" and 0 <= value <= MAX_COUNT:
                    clean[name] = value
                    continue
            elif type(value) is list and kind == "codes" and value and fast is not None \
                    and all(type(code) is str and code in fast for code in value):
                clean[name] = list(dict.fromkeys(value))
                continue
            if _is_empty(value):
                if required:
                    self.fail(name, "required")
                clean[name] = [] if empty is _NEW_LIST else empty
                continue
            try:
                clean[name] = convert(spec, value, today)
            except Invalid as problem:
                if problem.key == "unknown_code":  # name the list as the user knows it
                    problem.values["vocabulary"] = field_label(spec)
                self.fail(name, problem.key, value, **problem.values)
        self.resolve_references(raw)
        if not self.violations:
            for rule in self.spec.rules:
                self.apply(rule)

    def resolve_references(self, raw: Mapping[str, Any]) -> None:
        lookups = self.lookups
        if lookups is None:
            for spec in self.spec.fields:
                if spec.type in _REFERENCE_TYPES and spec.required and _is_empty(raw.get(spec.name)):
                    self.fail(spec.name, "required")
            return
        date_field = self.spec.date_field
        # Which unit list a code is read in depends on the date: with a bad date, say only that.
        date_failed = bool(date_field) and any(v.field == date_field for v in self.violations)
        day = self.clean.get(date_field) if date_field else None
        scheme = scheme_on(day)
        unit_id = lookups.own_unit_id()
        plan = _plan(self.spec)
        for spec in plan.units:
            value = raw.get(spec.name)
            if not date_failed:
                if _is_empty(value):
                    if self.spec.kind == "recipients":  # a recipient's unit is optional
                        self.clean["unit_id"] = None
                        continue
                    # A record belongs to a unit of the list in force on its date, so that its
                    # code reads back the same: a 2024 record goes to the old commune.
                    default = lookups.default_unit(scheme)
                    if default is None:
                        choices = ", ".join(lookups.default_unit_choices(scheme))
                        self.fail(spec.name, "unit_required_for_date", value, choices=choices)
                    else:
                        self.clean["unit_id"] = unit_id = default
                    continue
                code = str(value).strip()
                found = lookups.unit(code, scheme)
                if found is None:
                    self.fail(spec.name, "unknown_unit", value, value=code, scheme=UNIT_SCHEMES.label(scheme, language()))
                    continue
                self.clean["unit_id"] = found
                unit_id = found
        for spec in plan.references:
            value = raw.get(spec.name)
            if _is_empty(value):
                if spec.required:
                    self.fail(spec.name, "required")
                self.clean[spec.name] = [] if spec.type in ("organisations", "refs") else None
                continue
            self.clean[spec.name] = self.resolve(spec, value, unit_id)

    def _text(self, spec: FieldSpec, value: object, given: object, max_length: int) -> str | None:
        try:
            return clean_text(value, max_length)
        except Invalid as problem:
            self.fail(spec.name, problem.key, given, **problem.values)
            return None

    def resolve(self, spec: FieldSpec, value: object, unit_id: int) -> object:
        lookups = self.lookups
        assert lookups is not None
        if spec.type in ("organisation", "organisations"):
            found: list[int] = []
            for item in split_list(value):
                if (item := self._text(spec, item, value, 300)) is None:
                    continue
                org = lookups.organisation(item, unit_id)
                if org is None:
                    self.fail(spec.name, "unknown_organisation", value, value=item)
                else:
                    found.append(org)
            return list(dict.fromkeys(found)) if spec.type == "organisations" else (found[0] if found else None)
        if spec.type == "refs":
            sources: list[int] = []
            for ref in split_list(value):
                if (ref := self._text(spec, ref, value, 40)) is None:
                    continue
                source = lookups.source(ref, unit_id)
                if source is None:
                    self.fail(spec.name, "unknown_source", value, value=ref)
                else:
                    sources.append(source)
            return list(dict.fromkeys(sources))
        number = self._text(spec, value, value, spec.max_length)
        if number is None:
            return None
        matches = lookups.decisions(number)
        if not matches:
            self.fail(spec.name, "unknown_decision", value, value=number)
        elif len(matches) > 1:
            self.fail(spec.name, "ambiguous_decision", value, value=number)
        return matches[0] if len(matches) == 1 else None

    def apply(self, rule: Rule) -> None:
        left = self.clean.get(rule.left)
        right = self.clean.get(rule.right)
        if left is None:
            return
        if rule.op == "requires":
            if right is None:
                self.fail(rule.left, rule.message, left)
            return
        if rule.op == "only_if":
            if left and right != rule.value:
                self.fail(rule.left, rule.message, left)
            return
        if right is None:
            return
        holds = left <= right if rule.op == "<=" else left >= right
        if not holds:
            self.fail(rule.left, rule.message, left, **_rule_values(rule, left, right))


def _rule_values(rule: Rule, left: object, right: object) -> dict[str, object]:
    def show(value: object) -> object:
        return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value

    names = {
        "members_over_attendees": ("members", "attendees"),
        "period_order": ("start", "end"),
        "typical_before_launch": ("typical", "launched"),
    }[rule.message]
    return {names[0]: show(left), names[1]: show(right)}


def validate(
    kind: str,
    raw: Mapping[str, Any],
    lookups: Lookups | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[dict[str, Any], list[Violation]]:
    """Cleans one record of `kind` (sessions, models, sources, cases, commendations, recipients).
    Returns its clean values (with unit_id, organisation ids, source ids, decision id resolved when
    `lookups` is given) and every violation found; the values are usable only with none."""
    checker = _Checker(SPECS[kind], lookups, today or dt.date.today())
    checker.run(raw)
    return checker.clean, checker.violations
