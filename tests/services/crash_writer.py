"""The child of the crash test (tests/services/test_crash.py): writes random transactions into a
database until it is killed with SIGKILL, and acknowledges each one on stdout only after its
commit has returned ("C id ref" for a record made, "U id" for one changed).

Each transaction is the application's own: `editing.save_record` writes a session, its two
organiser and two topic links, its search-index row and its audit entry, all or nothing.

Importing the application takes most of a second, far longer than the 20–200 ms a child lives,
so on POSIX one "zygote" process imports everything once and forks a writer per run:

    python -m tests.services.crash_writer --zygote DB     # stdin: "run SEED" / "reap PID"

Elsewhere (Windows) each run is a process of its own: `python -m tests.services.crash_writer DB SEED`.
Every line goes out with one `os.write` (atomic on a pipe), never through Python's buffers.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
import traceback
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import configure_mappers

from db.models import DisseminationSession
from desktop.services.editing import save_record
from desktop.services.installation import connect

ORGANISERS = ["police", "womens_union", "youth_union", "farmers_union", "veterans"]
TOPICS = ["drugs", "online_fraud", "human_trafficking", "prostitution", "other"]
LIFETIME_S = 30  # a child nobody kills stops by itself


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def raw_session(rng: random.Random) -> dict[str, Any]:
    # dates in the 2025 list of units (from 1 July 2025), where the own unit is the default
    return {"date": dt.date(2025, 7, 1) + dt.timedelta(days=rng.randrange(180)), "kind": "training",
            "organisers": rng.sample(ORGANISERS, 2), "topics": rng.sample(TOPICS, 2),
            "attendees": rng.randrange(50, 100_000), "member_attendees": rng.randrange(0, 50),
            "place": f"Nhà văn hóa khu {rng.randrange(1, 30)}", "notes": "x" * rng.randrange(0, 1500)}


def write_until_killed(db_path: str, seed: int) -> None:
    rng = random.Random(seed)
    database = connect(db_path)
    say(f"ready {os.getpid()}")
    with database.sessions() as session:
        ids = list(session.scalars(select(DisseminationSession.id)))
    stop = time.monotonic() + LIFETIME_S
    while time.monotonic() < stop:
        if ids and rng.random() < 0.4:
            record_id = rng.choice(ids)
            result = save_record(database, "sessions", raw_session(rng), "crash", record_id)
            if result.action == "updated":
                say(f"U {record_id}")
        else:
            result = save_record(database, "sessions", raw_session(rng), "crash")
            assert result.saved and result.record_id is not None, result.violations
            ids.append(result.record_id)
            say(f"C {result.record_id} {result.ref}")


def zygote(db_path: str) -> None:
    configure_mappers()  # done once here rather than in every child
    for line in sys.stdin:
        word, _, value = line.strip().partition(" ")
        if word == "run":
            pid = os.fork()
            if pid == 0:
                try:
                    write_until_killed(db_path, int(value))
                except BaseException:  # noqa: BLE001 - a bug in the test: say it, leave without clean-up
                    traceback.print_exc()
                    os._exit(1)
                os._exit(0)
        elif word == "reap":
            os.waitpid(int(value), 0)  # dead: all its lines are in the pipe before this one
            say(f"reaped {value}")


if __name__ == "__main__":
    if sys.argv[1] == "--zygote":
        zygote(sys.argv[2])
    else:
        write_until_killed(sys.argv[1], int(sys.argv[2]))
