"""The crash test: a child process writes random transactions (the application's own
`save_record`) into one database and is killed with SIGKILL after a random 20–200 ms, 200 times
by default (`ANTQ_CRASH_RUNS=N` for more; `ANTQ_CRASH_SEED` to replay). After every kill:
`integrity_check` ok, `foreign_key_check` empty, the audit chain whole, every acknowledged commit
present, and no half-visible transaction (each session has both its links and exactly the audit
entries its revision says, and no audit entry names a session that is not there).

The parent keeps a connection open all along, so the WAL is not checkpointed away between runs
and kills also land inside SQLite's automatic checkpoints. The database is the test's usual one
with the list of units cut down to the own unit and the units above it: checking 14,000 units
200 times would take most of the run, and they play no part in what is tested here."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.services.checks import foreign_key_check, integrity_check, verify_audit_chain
from desktop.services.installation import Database, connect

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("ANTQ_CRASH_RUNS", "200"))
SEED = int(os.environ.get("ANTQ_CRASH_SEED", "2026"))
WRITER = "tests.services.crash_writer"

Run = Callable[[int, float], list[str]]  # (seed, seconds before the kill) -> the child's lines


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


@contextmanager
def children(db_path: Path) -> Iterator[Run]:
    """Starts writers and kills them: forked from one zygote on POSIX (a child's start costs
    nothing), else one process per run."""
    if hasattr(os, "fork"):
        zygote = subprocess.Popen([sys.executable, "-m", WRITER, "--zygote", str(db_path)], cwd=ROOT,
                                  env=_environment(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  bufsize=1)
        assert zygote.stdin is not None and zygote.stdout is not None
        stdin, stdout = zygote.stdin, zygote.stdout

        def run(seed: int, delay: float) -> list[str]:
            stdin.write(f"run {seed}\n")
            stdin.flush()
            ready = stdout.readline().split()
            assert ready[:1] == ["ready"], f"the writer did not start: {ready}"
            time.sleep(delay)
            os.kill(int(ready[1]), signal.SIGKILL)
            stdin.write(f"reap {ready[1]}\n")
            stdin.flush()
            lines = []
            while (line := stdout.readline().strip()) != f"reaped {ready[1]}":
                assert line, "the zygote died"
                lines.append(line)
            return lines

        try:
            yield run
        finally:
            stdin.close()
            zygote.wait(timeout=30)
        return

    def spawn(seed: int, delay: float) -> list[str]:
        child = subprocess.Popen([sys.executable, "-m", WRITER, str(db_path), str(seed)], cwd=ROOT,
                                 env=_environment(), stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline().startswith("ready"), "the writer did not start"
        time.sleep(delay)
        child.kill()  # TerminateProcess on Windows: as sudden as SIGKILL
        lines = child.stdout.read().splitlines()
        child.wait()
        return lines

    yield spawn


def problems_after_kill(reader: sqlite3.Connection, database: Database, made: dict[int, str],
                        updates: Counter[int]) -> list[str]:
    found = [f"integrity: {p}" for p in integrity_check(reader).problems]
    found += [f"foreign keys: {p}" for p in foreign_key_check(reader).problems]
    with database.sessions() as session:
        found += [f"audit chain: {p}" for p in verify_audit_chain(session).problems]
    sessions = {row[0]: row[1:] for row in reader.execute(
        "SELECT s.id, replace(s.uid, '-', ''), s.ref, s.revision,"
        " (SELECT count(*) FROM session_organiser o WHERE o.session_id = s.id),"
        " (SELECT count(*) FROM session_topic t WHERE t.session_id = s.id) FROM dissemination_session s")}
    audit = Counter((uid, action) for uid, action in reader.execute(
        "SELECT replace(record_uid, '-', ''), action FROM audit_entry WHERE table_name = 'dissemination_session'"))
    for record_id, ref in made.items():
        if record_id not in sessions or sessions[record_id][1] != ref:
            found.append(f"acknowledged session {record_id} ({ref}) lost")
    for record_id, count in updates.items():
        if record_id in sessions and sessions[record_id][2] < 1 + count:
            found.append(f"session {record_id}: {count} acknowledged updates, revision {sessions[record_id][2]}")
    uids = set()
    for record_id, (uid, _ref, revision, organisers, topics) in sessions.items():
        uids.add(uid)
        if (organisers, topics) != (2, 2):
            found.append(f"session {record_id} half written: {organisers} organisers, {topics} topics")
        if (audit[(uid, "create")], audit[(uid, "update")]) != (1, revision - 1):
            found.append(f"session {record_id} (revision {revision}): audit {audit[(uid, 'create')]} create, "
                         f"{audit[(uid, 'update')]} update")
    found += [f"audit entry for a session that is not there: {uid}" for uid, _action in audit if uid not in uids]
    return found


def lean(db_path: Path) -> Path:
    """The database with only the own unit and its ancestors left of the unit lists."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute(
        "CREATE TEMP TABLE keep AS WITH RECURSIVE up(id) AS (SELECT unit_id FROM installation UNION "
        "SELECT a.parent_id FROM admin_unit a JOIN up ON a.id = up.id WHERE a.parent_id IS NOT NULL) SELECT id FROM up")
    connection.execute("BEGIN")
    connection.execute("DELETE FROM unit_rollup WHERE unit_id NOT IN keep OR ancestor_id NOT IN keep")
    connection.execute("DELETE FROM unit_succession WHERE old_unit_id NOT IN keep OR new_unit_id NOT IN keep")
    connection.execute("DELETE FROM admin_unit WHERE id NOT IN keep")
    connection.execute("COMMIT")
    connection.execute("VACUUM")
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()
    return db_path


def test_sigkill_at_random_moments_loses_nothing(db_path: Path) -> None:
    lean(db_path)
    rng = random.Random(SEED)
    made: dict[int, str] = {}
    updates: Counter[int] = Counter()
    reader = sqlite3.connect(db_path)
    database = connect(db_path)
    started = time.monotonic()
    try:
        with children(db_path) as run:
            for kill in range(1, RUNS + 1):
                for line in run(rng.randrange(1 << 30), rng.uniform(0.02, 0.2)):
                    word, record_id, *rest = line.split()
                    if word == "C":
                        made[int(record_id)] = rest[0]
                    elif word == "U":
                        updates[int(record_id)] += 1
                problems = problems_after_kill(reader, database, made, updates)
                assert not problems, f"after kill {kill} of {RUNS} (seed {SEED}): {problems[:5]}"
    finally:
        reader.close()
        database.dispose()
    assert len(made) >= RUNS // 2 and sum(updates.values()) >= RUNS // 10, (len(made), sum(updates.values()))
    print(f"{RUNS} kills, {len(made)} sessions made and {sum(updates.values())} updates acknowledged, "
          f"{time.monotonic() - started:.1f} s")


def test_the_checks_after_a_kill_would_see_a_lost_commit_or_a_half_transaction(db_path: Path) -> None:
    """The verifier itself: silent on a sound file, loud on each kind of damage it looks for."""
    from desktop.services.editing import save_record
    from tests.services.crash_writer import raw_session

    lean(db_path)
    database = connect(db_path)
    rng = random.Random(1)
    made = {}
    for _ in range(3):
        result = save_record(database, "sessions", raw_session(rng), "crash")
        assert result.record_id is not None and result.ref is not None
        made[result.record_id] = result.ref
    first, second, third = made
    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert problems_after_kill(reader, database, made, Counter()) == []
        reader.execute("DELETE FROM session_topic WHERE session_id = ?", (second,))
        reader.execute("UPDATE dissemination_session SET revision = 2 WHERE id = ?", (third,))
        problems = problems_after_kill(reader, database, {**made, 999: "TT-2025-9999"}, Counter({first: 1}))
    finally:
        reader.close()
        database.dispose()
    assert problems == [
        "acknowledged session 999 (TT-2025-9999) lost",
        f"session {first}: 1 acknowledged updates, revision 1",
        f"session {second} half written: 2 organisers, 0 topics",
        f"session {third} (revision 2): audit 1 create, 0 update",
    ]
