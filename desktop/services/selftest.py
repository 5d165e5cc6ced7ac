"""`antq selftest`: a headless smoke test of this build, installed or from source (no Qt).

In a temporary folder it checks the bundled files, creates a database (migrations and the unit
list), writes and reads a record, renders a certificate and a chart, and passes an exchange
package from a commune to its province. Nothing touches the user's data folder
(`ANTQ_DATA_DIR` points into the temporary folder while it runs) and the folder is removed at
the end. Each step reports a `StepResult`; a step that raises fails with the error's words,
and the steps after a failed database step are not run.
"""
from __future__ import annotations

import datetime as dt
import os
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.i18n import t

if TYPE_CHECKING:
    from desktop.services.installation import Database

OWN_UNIT = "06652"  # Phường Hà Tu, Quảng Ninh (2025 list)
PROVINCE = "22"  # Quảng Ninh
USERNAME = "selftest"


@dataclass
class StepResult:
    key: str  # the step's name is t(f"selftest_step_{key}")
    ok: bool
    detail: str = ""  # why it failed (or was not run)
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return t(f"selftest_step_{self.key}")


class SelfTestFailure(Exception):
    """A check of a step did not hold (the message says which)."""


@dataclass
class _Run:
    """What the steps share: the temporary folder and the two installations made in it."""

    folder: Path
    commune: Database | None = None
    province: Database | None = None
    record_uid: str | None = None
    opened: list[Database] = field(default_factory=list)

    def close(self) -> None:
        for database in self.opened:
            database.dispose()

    def both(self) -> tuple[Database, Database]:
        _check(self.commune is not None and self.province is not None, "no database")
        return self.commune, self.province  # type: ignore[return-value]


def _check(condition: object, what: str) -> None:
    if not condition:
        raise SelfTestFailure(what)


# ---------------------------------------------------------------------------------------------
# The steps


def step_resources(run: _Run) -> None:
    """Every file the build must carry is there and readable."""
    from db.migrate import MIGRATIONS_DIR, head_revision
    from db.reference_units import _data_dir
    from desktop.resources import font_files, resource

    fonts = {path.name for path in font_files()}
    _check({"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf"} <= fonts, f"fonts: {sorted(fonts)}")
    folder = resource("translations")
    for lang in ("vi", "en"):
        _check((folder / f"antq_{lang}.qm").is_file() or (folder / f"antq_{lang}.ts").is_file(),
               f"translation antq_{lang} missing in {folder}")
    _check(resource("certificates", "templates.json").is_file(), "certificates/templates.json missing")
    data = _data_dir()
    _check((data / "dataset.db").is_file() and (data / "converter_2025.json").is_file(), f"unit list missing in {data}")
    _check((MIGRATIONS_DIR / "env.py").is_file(), f"migrations missing in {MIGRATIONS_DIR}")
    head_revision()  # Alembic reads every migration file


def step_database(run: _Run) -> None:
    """A new database at the newest schema with its own unit; a copy of it becomes the province."""
    from db.engine import transaction
    from db.migrate import copy_database, head_revision
    from db.models import Installation, new_uid
    from desktop.services.installation import initialise, open_database

    path = run.folder / "commune.sqlite3"
    result = initialise(path, OWN_UNIT)
    result.database.dispose()
    _check(result.revision == head_revision(), f"schema {result.revision} != {head_revision()}")
    run.commune = open_database(path)
    run.opened.append(run.commune)
    # The province: a copy (the unit list is loaded once), then its own unit and identity.
    province = run.folder / "province.sqlite3"
    copy_database(path, province)
    initialised = initialise(province, PROVINCE)
    run.province = initialised.database
    run.opened.append(run.province)
    with transaction(initialised.database.sessions) as session:
        session.get_one(Installation, 1).uid = str(new_uid())
    _check(initialised.unit.code == PROVINCE, f"province unit {initialised.unit.code}")


def step_record(run: _Run) -> None:
    """A dissemination session written through RecordWriter, then read back in a new session."""
    from db.engine import transaction
    from desktop.services.lookups import SessionLookups
    from desktop.services.records import RECORD_CLASSES, RecordWriter, snapshot
    from desktop.services.validation import validate

    database, _province = run.both()
    raw = {"date": dt.date.today().strftime("%d/%m/%Y"), "kind": "training", "organisers": "police",
           "topics": "drugs", "attendees": "42", "member_attendees": "7", "place": "Nhà văn hóa khu 3"}
    with transaction(database.sessions) as session:
        lookups = SessionLookups(session)
        clean, violations = validate("sessions", raw, lookups)
        _check(not violations, "; ".join(f"{v.field}: {v.message}" for v in violations))
        writer = RecordWriter(session, USERNAME, lookups.own_unit_id())
        outcome = writer.save("sessions", clean)
        writer.finish()
        _check(outcome.action == "created", f"action {outcome.action}")
        record_id, written = outcome.record.id, snapshot("sessions", outcome.record)
    with database.sessions() as session:
        record = session.get(RECORD_CLASSES["sessions"], record_id)
        _check(record is not None, "record not found")
        _check(snapshot("sessions", record) == written, "record read back differs")
        _check(record.attendees == 42 and record.place == "Nhà văn hóa khu 3", "values read back differ")
        run.record_uid = str(record.uid)


def _is_file_of(path: Path, magic: bytes, smallest: int) -> bool:
    return path.is_file() and path.stat().st_size >= smallest and path.read_bytes()[:len(magic)] == magic


def step_certificate(run: _Run) -> None:
    """A certificate of merit drawn with the bundled fonts into a PDF."""
    from desktop.services.certificates.layout import render_pdf
    from desktop.services.certificates.templates import list_templates, sample_certificate

    with run.both()[0].sessions() as session:
        templates = list_templates(session)
    _check(templates, "no certificate template")
    out = run.folder / "certificate.pdf"
    pages = render_pdf(out, [sample_certificate(templates[0])], templates[0].layout(), "Giấy khen")
    _check(pages == 1, f"{pages} pages")
    _check(_is_file_of(out, b"%PDF-", 5000), "not a PDF")
    _check(b"DejaVu" in out.read_bytes(), "bundled font not embedded")


def step_chart(run: _Run) -> None:
    """A chart of the figures drawn and saved as PNG and SVG (matplotlib's Agg and SVG backends)."""
    from desktop.i18n import language
    from desktop.services.charts import build_chart, save_chart
    from desktop.services.figures import Filters

    with run.both()[0].sessions() as session:
        figure = build_chart(session, "sessions-by-month", Filters(), language())
    png = save_chart(figure, run.folder / "chart.png", dpi=72)
    svg = save_chart(figure, run.folder / "chart.svg")
    _check(_is_file_of(png, b"\x89PNG\r\n\x1a\n", 2000), "not a PNG")
    _check(_is_file_of(svg, b"<?xml", 2000) and b"<svg" in svg.read_bytes(), "not an SVG")


def step_exchange(run: _Run) -> None:
    """Exchange keys as `antq keys` sets them up, a package exported by the commune and imported
    by the province (the record arrives), and a second import that changes nothing."""
    from sqlalchemy import select

    from db.engine import transaction
    from db.models import DisseminationSession
    from desktop.services.exchange import keys as xkeys
    from desktop.services.exchange.exporter import export_package
    from desktop.services.exchange.importer import import_packages

    commune, province = run.both()
    passphrase = secrets.token_urlsafe(12)
    keys_dir, usb = run.folder / "keys", run.folder / "usb"
    keys_dir.mkdir()
    usb.mkdir()
    with transaction(province.sessions) as session:
        xkeys.ensure_own_keys(session, passphrase)
        receiver_file = xkeys.write_receiver_key_file(session, keys_dir)
    with transaction(commune.sessions) as session:
        pair = xkeys.ensure_own_keys(session, passphrase)
        xkeys.trust_receiver(session, receiver_file)
        enrolment = xkeys.write_enrolment_file(session, pair, keys_dir)
    with transaction(province.sessions) as session:
        xkeys.enrol(session, enrolment)
    exported = export_package(commune, usb, passphrase)
    _check(exported.path.is_file() and exported.counts.get("sessions") == 1, f"exported {exported.counts}")
    # With the worker process a large import uses: a frozen program must be able to start it.
    report = import_packages(province, [exported.path], passphrase, worker=True)
    summary = report.packages[0]
    _check(summary.status == "imported" and summary.counts.created == 1, f"{summary.status} {summary.message}")
    with province.sessions() as session:
        uids = {str(uid) for uid in session.scalars(select(DisseminationSession.uid))}
    _check(run.record_uid in uids, "the record did not arrive")
    again = import_packages(province, [exported.path], passphrase)
    _check(again.packages[0].status == "already", f"second import: {again.packages[0].status}")


Step = tuple[str, Callable[[_Run], None]]
STEPS: tuple[Step, ...] = (
    ("resources", step_resources),
    ("database", step_database),
    ("record", step_record),
    ("certificate", step_certificate),
    ("chart", step_chart),
    ("exchange", step_exchange),
)
_NEED_DATABASE = ("record", "certificate", "chart", "exchange")


@contextmanager
def _data_folder(folder: Path) -> Iterator[None]:
    """Points the user's data folder (and so every cache and default file) into `folder`."""
    before = os.environ.get("ANTQ_DATA_DIR")
    os.environ["ANTQ_DATA_DIR"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("ANTQ_DATA_DIR", None)
        else:
            os.environ["ANTQ_DATA_DIR"] = before


def _problem(error: BaseException) -> str:
    words = getattr(error, "message", None)
    text = words() if callable(words) else words if isinstance(words, str) else str(error)
    return f"{type(error).__name__}: {text}" if not isinstance(error, SelfTestFailure) else str(text)


def run_selftest(on_step: Callable[[StepResult], None] | None = None,
                 steps: tuple[Step, ...] | None = None) -> list[StepResult]:
    """Runs the steps (all of `STEPS` by default) in a temporary folder, removed at the end, and
    returns their results; `on_step` hears each as soon as it is done."""
    steps = STEPS if steps is None else steps
    results: list[StepResult] = []
    with tempfile.TemporaryDirectory(prefix="antq-selftest-") as scratch, _data_folder(Path(scratch) / "data"):
        run = _Run(Path(scratch))
        try:
            for key, step in steps:
                started = time.perf_counter()
                if key in _NEED_DATABASE and run.commune is None:
                    result = StepResult(key, False, t("selftest_not_run"))
                else:
                    try:
                        step(run)
                        result = StepResult(key, True)
                    except Exception as error:  # noqa: BLE001 - a smoke test reports every failure
                        result = StepResult(key, False, _problem(error))
                result.seconds = time.perf_counter() - started
                results.append(result)
                if on_step is not None:
                    on_step(result)
        finally:
            run.close()
    return results
