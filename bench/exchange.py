"""Times the USB exchange against the targets of issue 5 (speed): import at the province, the
floor beside it, and a commune's export.

    python -m bench.exchange [--records N] [--packages P] [--cache-dir DIR] [--fast-kdf] [--rebuild] [--profile]

The inputs are built once (not timed) into the cache folder, keyed by the parameters, the
schema and the exchange's writing code, and reused on later runs:

- a province installation (Quảng Ninh, "22") with its exchange keys, empty of records, where
  one commune installation (Phường Hà Tu, "06652") is enrolled as a sender, as `antq keys`
  does it (the commune's packages pass the area check: its records lie in its own rollup);
- that commune's P packages holding N records in all, made as a commune makes them month
  after month: `make_demo` of N/P records (seed = slice), the slice's records given the next
  change number (as the record writer does), then `export_package` (incremental, by
  change_seq), P times; and, after them, one `--full` package holding all N records;
- a second commune installation with 10 years of records (10,000), whose receiver is the
  province, for the export.

Then it prints one table:

1. `import_packages` of the P packages into a copy of the empty province database, in a child
   process: wall time, records/s, peak memory (the child's VmHWM; its high-water mark before the
   import, Python and the application's modules loaded, is shown beside; and the VmHWM of the
   worker process that prepares the parts, added to it); then the same for
   the one package holding all N records;
2. the floor: the very rows the import wrote (the six record tables and their link tables:
   organisers, topics, case sources, recognitions; and the organisations it made), written again
   by plain `sqlite3.executemany` with their ids into a copy of the empty province database (the
   same indexes, full-text triggers and foreign keys, the application's PRAGMAs), one
   transaction; the same with the full-text index filled once at the end instead of by the
   insert trigger on each row (as `make_demo` does); and into bare tables (no index, trigger or
   constraint), as `bench.run` does;
3. `export_package(full=True)` of the commune's 10 years (first run, then the median of three),
   the passphrase's key derivation included (shown apart).

Keys use the real key derivation (argon2id, 64 MiB, 3 passes) unless `--fast-kdf` (for the
smoke test). `--profile` adds a cProfile of importing the first packages adding up to 50,000
records (in this process), top functions by own time.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import pstats
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.run import floor as bare_floor
from bench.ui import cache_folder

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "cụm từ mật khẩu của bench"
PROVINCE = "22"  # Quảng Ninh
COMMUNE = "06652"  # Phường Hà Tu (with the old communes Hà Tu and Hà Phong)
EXPORT_RECORDS, EXPORT_YEARS = 10_000, 10
PROFILE_RECORDS = 50_000
TARGET_RECORDS, IMPORT_SECONDS = 1_000_000, 60
# What an import writes: the records, their link rows, and the organisations named in them.
WRITTEN_TABLES = ("organisation", "dissemination_session", "session_organiser", "session_topic", "security_model",
                  "typical_recognition", "information_source", "uncovered_case", "case_source",
                  "commendation_decision", "commendation_recipient")
# The exchange's writing side: a change there makes the cached packages stale.
WRITING_CODE = ("exporter.py", "package.py", "container.py", "archive.py", "serialise.py", "keys.py")


@dataclass
class Inputs:
    folder: Path
    province: Path  # empty of records, keys made, the commune enrolled
    packages: list[Path]
    whole: Path  # one package holding every record
    commune: Path  # 10 years of records, sends to the province
    records: int


def cache_key(records: int, packages: int, fast_kdf: bool) -> str:
    from db.migrate import SCHEMA_HEAD

    code = hashlib.sha256()
    for name in WRITING_CODE:
        code.update((ROOT / "desktop/services/exchange" / name).read_bytes())
    kdf = "fastkdf" if fast_kdf else "argon2id"
    return f"exchange-{records}-{packages}-{kdf}-{SCHEMA_HEAD}-{code.hexdigest()[:10]}"


def use_fast_kdf() -> None:
    """Cheap argon2id parameters for new keys (the smoke test); unlocking reads them from the key row."""
    from desktop.services import keys as identity_keys
    from desktop.services.exchange import keys as exchange_keys
    from desktop.services.keys import KdfParams

    fast = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
    identity_keys.KDF = fast
    exchange_keys.KDF = fast  # type: ignore[attr-defined]


def slices(records: int, packages: int) -> list[int]:
    return [records // packages + (1 if i < records % packages else 0) for i in range(packages)]


def _installation(path: Path, unit: str) -> Any:
    from desktop.services.installation import initialise

    return initialise(path, unit).database


def _link(province: Any, sender: Any, keys_dir: Path, *, enrol: bool = True) -> None:
    """`antq keys init-province`, `init-unit`, `enrol`: the sender sends to the province."""
    from db.engine import transaction
    from desktop.services.exchange import keys as xkeys

    keys_dir.mkdir(exist_ok=True)
    with transaction(province.sessions) as session:
        xkeys.ensure_own_keys(session, PASSPHRASE)
        receiver_file = xkeys.write_receiver_key_file(session, keys_dir)
    with transaction(sender.sessions) as session:
        pair = xkeys.ensure_own_keys(session, PASSPHRASE)
        xkeys.trust_receiver(session, receiver_file)
        enrolment = xkeys.write_enrolment_file(session, pair, keys_dir)
    if enrol:
        with transaction(province.sessions) as session:
            xkeys.enrol(session, enrolment)


def _mark_changed(database: Any, change: int) -> None:
    """The demo writes change_seq 0; the record writer would give each new record the next one."""
    from desktop.services.records import RECORD_CLASSES

    with database.engine.begin() as connection:
        for cls in RECORD_CLASSES.values():
            connection.exec_driver_sql(f"UPDATE {cls.__tablename__} SET change_seq = ? WHERE change_seq = 0",
                                       (change,))


def build_inputs(records: int, packages: int, fast_kdf: bool, cache_dir: Path, rebuild: bool) -> Inputs:
    folder = cache_dir / cache_key(records, packages, fast_kdf)
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    if not (folder / "inputs.json").exists():
        _build(folder, records, packages, fast_kdf)
    meta = json.loads((folder / "inputs.json").read_text(encoding="utf-8"))
    return Inputs(folder, folder / "province.sqlite3", [folder / "packages" / name for name in meta["packages"]],
                  folder / "whole" / meta["whole"], folder / "commune.sqlite3", meta["records"])


def _build(folder: Path, records: int, packages: int, fast_kdf: bool) -> None:
    from desktop.services.demo import make_demo
    from desktop.services.exchange.exporter import export_package

    if fast_kdf:
        use_fast_kdf()
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "packages").mkdir(parents=True)
    (partial / "whole").mkdir()
    started = time.perf_counter()
    province = _installation(partial / "province.sqlite3", PROVINCE)
    source = _installation(partial / "source.sqlite3", COMMUNE)
    commune = _installation(partial / "commune.sqlite3", COMMUNE)
    _link(province, source, partial / "keys")
    _link(province, commune, partial / "keys-commune", enrol=False)
    province.dispose()

    names, made, exports = [], 0, []
    for number, size in enumerate(slices(records, packages), start=1):
        demo = make_demo(source, records=size, seed=number)
        made += demo.total
        _mark_changed(source, number)
        seconds = time.perf_counter()
        result = export_package(source, partial / "packages", PASSPHRASE)
        exports.append(time.perf_counter() - seconds)
        assert sum(result.counts.values()) >= demo.total, (result.counts, demo.total)
        names.append(result.path.name)
        print(f"  package {number}/{packages}: {demo.total:,} records, {result.size / 1e6:.1f} MB "
              f"({made:,} in all, {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    whole = export_package(source, partial / "whole", PASSPHRASE, full=True)
    source.dispose()
    for leftover in partial.glob("source.sqlite3*"):
        leftover.unlink()  # the packages are what the bench needs
    make_demo(commune, records=EXPORT_RECORDS, years=EXPORT_YEARS, seed=7)
    commune.dispose()
    meta = {"records": made, "packages": names, "whole": whole.path.name, "whole_size": whole.size,
            "export_seconds_median": statistics.median(exports), "built_seconds": time.perf_counter() - started}
    (partial / "inputs.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    partial.rename(folder)
    print(f"built {folder} in {meta['built_seconds']:.0f} s", file=sys.stderr)


def copy_database(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


IMPORT_CHILD = """
import json, sys, time
from collections import Counter
from pathlib import Path
from desktop.services.exchange.importer import import_packages
from desktop.services.installation import connect

def peak_kb(pid="self"):
    # VmHWM: a process's own high-water mark (ru_maxrss keeps the parent's across fork and exec)
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

# The worker process that prepares the parts: its high-water mark read just before it is ended.
from desktop.services.exchange import worker
workers_kb = []
close = worker.PrepareWorker.close
def measured_close(self):
    workers_kb.append(peak_kb(self._process.pid))
    close(self)
worker.PrepareWorker.close = measured_close

database = connect(sys.argv[1])
paths = [Path(p) for p in sys.argv[3:]]
before = peak_kb()
started = time.perf_counter()
report = import_packages(database, paths, sys.argv[2])
seconds = time.perf_counter() - started
database.dispose()
statuses = Counter(p.status for p in report.packages)
total = {k: sum(p.as_json()[k] for p in report.packages) for k in ("created", "updated", "rejected", "conflicts")}
reasons = Counter(f"{r.kind}: {r.reasons[0]}" for p in report.packages for r in p.counts.rejected)
print("RESULT " + json.dumps({"seconds": seconds, "before_kb": before, "peak_kb": peak_kb(),
                              "worker_kb": max(workers_kb, default=0),
                              "statuses": statuses, "missing": len(report.missing),
                              "reasons": reasons.most_common(3), **total}))
"""


def import_in_child(empty: Path, target: Path, paths: list[Path]) -> dict[str, Any]:
    """`import_packages` of `paths` into a copy of `empty`, in a fresh process (its own peak memory)."""
    copy_database(empty, target)
    done = subprocess.run([sys.executable, "-c", IMPORT_CHILD, str(target), PASSPHRASE, *map(str, paths)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def schema_floor(empty: Path, target: Path, imported: Path, *, defer_fts: bool = False) -> tuple[float, int]:
    """Seconds for plain `executemany` of the rows the import wrote (read back from `imported`,
    ids included) into a copy of the empty province database: its indexes, full-text triggers and
    foreign keys, the application's PRAGMAs, one transaction; and how many rows that was. With
    `defer_fts`, the full-text insert triggers are dropped inside the transaction and each index
    filled by one `INSERT … SELECT` at the end, as `make_demo` does."""
    from db.search import fts_table

    copy_database(empty, target)
    src = sqlite3.connect(imported)
    con = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "secure_delete = ON",
                   "cache_size = -65536"):
        con.execute(f"PRAGMA {pragma}")
    seconds, count = 0.0, 0
    con.execute("BEGIN")
    started = time.perf_counter()
    deferred = [(table, sql) for table, sql in con.execute(
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || '_ai'")] if defer_fts else []
    for table, _sql in deferred:
        con.execute(f"DROP TRIGGER {table}_ai")
    seconds += time.perf_counter() - started
    for table in WRITTEN_TABLES:
        columns = [c[1] for c in src.execute(f"PRAGMA table_info({table})")]
        if table == "organisation":  # only those the import made
            last = con.execute("SELECT coalesce(max(id), 0) FROM organisation").fetchone()[0]
            rows = src.execute("SELECT * FROM organisation WHERE id > ?", (last,)).fetchall()
        else:
            rows = src.execute(f"SELECT * FROM {table}").fetchall()
        marks = ", ".join("?" * len(columns))
        started = time.perf_counter()
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        seconds += time.perf_counter() - started
        count += len(rows)
        del rows
    started = time.perf_counter()
    for table, sql in deferred:  # the tables were empty of records: every row is new
        con.execute(f"INSERT INTO {fts_table(table)}(rowid, search_text) SELECT id, search_text FROM {table}")
        con.execute(sql)
    con.execute("COMMIT")
    seconds += time.perf_counter() - started
    src.close()
    con.close()
    return seconds, count


def export_seconds(commune: Path, scratch: Path, runs: int = 3) -> tuple[list[float], int, int, float]:
    """`export_package(full=True)` of the commune's records, `runs` times on a copy (each run
    its own package): the seconds of each, the records and bytes of the last, and the seconds of
    the key derivation alone (part of each run)."""
    from sqlalchemy import select

    from db.models import ExchangeKey
    from desktop.services.exchange.exporter import export_package
    from desktop.services.installation import connect
    from desktop.services.keys import derive_kek

    path = scratch / "commune.sqlite3"
    copy_database(commune, path)
    out = scratch / "usb"
    out.mkdir()
    database = connect(path)
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = export_package(database, out, PASSPHRASE, full=True)
        seconds.append(time.perf_counter() - started)
    with database.sessions() as session:
        row = session.scalars(select(ExchangeKey)).one()
        started = time.perf_counter()
        derive_kek(PASSPHRASE, row.salt, row.kdf)
        kdf_s = time.perf_counter() - started
    database.dispose()
    assert result is not None
    return seconds, sum(result.counts.values()), result.size, kdf_s


def profile_import(inputs: Inputs, scratch: Path, records: int = PROFILE_RECORDS, top: int = 25) -> str:
    """cProfile of importing the first packages adding up to `records` records, in this process."""
    from desktop.services.exchange.importer import import_packages
    from desktop.services.installation import connect

    per_package = max(1, inputs.records // max(1, len(inputs.packages)))
    chosen = inputs.packages[:max(1, -(-records // per_package))]
    path = scratch / "profile.sqlite3"
    copy_database(inputs.province, path)
    database = connect(path)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    report = import_packages(database, chosen, PASSPHRASE)
    profiler.disable()
    seconds = time.perf_counter() - started
    database.dispose()
    created = sum(p.counts.created for p in report.packages)
    out = io.StringIO()
    out.write(f"profile: {len(chosen)} packages, {created:,} records, {seconds:.1f} s under cProfile\n")
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def mb(kb: int) -> str:
    return f"{kb / 1024:,.0f} MB"


def measure(inputs: Inputs, scratch: Path) -> list[tuple[str, str, str, str]]:
    n, p = inputs.records, len(inputs.packages)
    rows: list[tuple[str, str, str, str]] = []
    # 60 s for a million records; a smaller run is held to the same rate.
    budget = IMPORT_SECONDS * n / TARGET_RECORDS
    budget_text = f"< {IMPORT_SECONDS} s" if n == TARGET_RECORDS else f"< {budget:.1f} s (60 s per million)"
    many = import_in_child(inputs.province, scratch / "province-many.sqlite3", inputs.packages)
    one = import_in_child(inputs.province, scratch / "province-one.sqlite3", [inputs.whole])
    for label, result, count in ((f"import {p} packages, {n:,} records", many, p),
                                 (f"import 1 package, {n:,} records", one, 1)):
        imported = result["statuses"].get("imported", 0)
        rows.append((label, f"{result['seconds']:.1f} s ({n / result['seconds']:,.0f} records/s)", budget_text,
                     verdict(result["seconds"] < budget)))
        both = result["peak_kb"] + result["worker_kb"]
        rows.append(("  peak memory (before the import)", f"{mb(result['peak_kb'])} ({mb(result['before_kb'])})",
                     "", ""))
        rows.append(("  + the preparing worker's peak", f"{mb(result['worker_kb'])}; in all {mb(both)}",
                     "< 400 MB", verdict(both < 400 * 1024)))
        rows.append(("  created / rejected / packages imported",
                     f"{result['created']:,} / {result['rejected']:,} / {imported}", f"{n:,} / 0 / {count}",
                     verdict(result["created"] == n and result["rejected"] == 0 and imported == count)))
        for reason, times in result["reasons"][:1]:
            rows.append((f"  rejected {times:,}×", reason[:90], "", ""))
    floor_s, floor_rows = schema_floor(inputs.province, scratch / "floor.sqlite3", scratch / "province-many.sqlite3")
    rows.append((f"floor: executemany of the same {floor_rows:,} rows", f"{floor_s:.1f} s",
                 f"{floor_rows / floor_s:,.0f} rows/s", ""))
    rows.append(("  into the province schema (indexes, FTS)", f"import / floor = {many['seconds'] / floor_s:.1f}×",
                 "", ""))
    deferred_s, _ = schema_floor(inputs.province, scratch / "floor-fts.sqlite3", scratch / "province-many.sqlite3",
                                 defer_fts=True)
    rows.append(("  same, full-text index filled once at the end", f"{deferred_s:.1f} s",
                 f"import / this = {many['seconds'] / deferred_s:.1f}×", ""))
    bare_s, bare_rows = bare_floor(scratch / "bare.sqlite3", scratch / "province-many.sqlite3")
    rows.append((f"  into bare tables ({bare_rows:,} rows)", f"{bare_s:.1f} s",
                 f"import / bare = {many['seconds'] / bare_s:.1f}×", ""))
    export, count, size, kdf_s = export_seconds(inputs.commune, scratch)
    rows.append((f"export --full, commune {EXPORT_YEARS} years ({count:,} records)",
                 f"{export[0]:.2f} s first, {statistics.median(export):.2f} s median", "< 1 s",
                 verdict(statistics.median(export) < 1)))
    rows.append(("  of which key derivation (argon2id)", f"{kdf_s:.2f} s; package {size / 1e6:.1f} MB", "", ""))
    return rows


def table(rows: list[tuple[str, str, str, str]]) -> str:
    rows = [("measure", "result", "target / baseline", "pass?"), *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.exchange", description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--packages", type=int, default=100)
    parser.add_argument("--cache-dir", type=Path, default=cache_folder())
    parser.add_argument("--fast-kdf", action="store_true", help="cheap argon2id parameters (smoke test)")
    parser.add_argument("--rebuild", action="store_true", help="build the cached inputs again")
    parser.add_argument("--profile", action="store_true",
                        help=f"also profile the import of the first {PROFILE_RECORDS:,} records")
    args = parser.parse_args(argv)
    if args.packages < 1 or args.records < args.packages:
        parser.error("need at least one package and one record per package")
    inputs = build_inputs(args.records, args.packages, args.fast_kdf, args.cache_dir, args.rebuild)
    with tempfile.TemporaryDirectory(prefix="antq-bench-exchange-") as scratch:
        rows = measure(inputs, Path(scratch))
        size = sum(path.stat().st_size for path in inputs.packages) / 1e6
        print(f"{inputs.folder.name}: {len(inputs.packages)} packages ({size:,.0f} MB), {os.cpu_count()} CPUs, "
              f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {dt.date.today():%Y-%m-%d}")
        print(table(rows))
        if args.profile:
            print()
            print(profile_import(inputs, Path(scratch)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
