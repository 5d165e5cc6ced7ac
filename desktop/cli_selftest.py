"""`antq selftest` (a headless smoke test of the build: one line per step, exit status 0 only when
all pass) and the words of `antq --version` (the version, the schema revision this build
carries, and the revision of the user's database when there is one, read without changing it)."""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from desktop import __version__
from desktop.i18n import language, t

EXIT_FAILED = 1


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,  # type: ignore[type-arg]
                h: Callable[[str, str], str]) -> None:
    commands.add_parser("selftest", parents=[common], help=h(
        "tự kiểm tra bản cài đặt trong một thư mục tạm (không đụng đến dữ liệu của người dùng)",
        "check this installation in a temporary folder (the user's data is not touched)"))


def cmd_selftest(args: argparse.Namespace) -> int:
    from desktop.services.selftest import StepResult, run_selftest

    print(t("selftest_title", version=__version__), flush=True)

    def show(result: StepResult) -> None:
        mark = "✓" if result.ok else "✗"
        line = f"{mark} {result.name}"
        if not result.ok:
            line += f": {result.detail}"
        print(line, flush=True)

    results = run_selftest(show)
    failed = sum(not result.ok for result in results)
    if failed:
        print(t("selftest_failed", failed=failed, count=len(results)), file=sys.stderr)
        return EXIT_FAILED
    seconds = f"{sum(result.seconds for result in results):.1f}"
    print(t("selftest_passed", count=len(results), seconds=seconds.replace(".", ",") if language() == "vi" else seconds))
    return 0


COMMANDS = {"selftest": cmd_selftest}


# ---------------------------------------------------------------------------------------------
# antq --version


def _known_revisions() -> tuple[str, set[str]]:
    from alembic.script import ScriptDirectory

    from db.migrate import alembic_config, head_revision

    return head_revision(), {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _local_revision(path: Path) -> str | None:
    """The revision stamped in an SQLite file, opened read-only (None: not initialised)."""
    from db.migrate import sqlite_uri

    connection = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=2.0)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.OperationalError as problem:
        if "no such table" in str(problem):
            return None
        raise
    finally:
        connection.close()


def _server_revision(target: str) -> str | None:
    from db.engine import make_engine
    from db.migrate import current_revision

    engine = make_engine(target)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def version_lines(target: str | os.PathLike[str] | None) -> list[str]:
    """What `antq --version` prints for the database at `target` (None: the default file)."""
    from db.paths import local_file_of

    head, known = _known_revisions()
    lines = [f"antq {__version__}", t("version_schema", revision=head)]
    local = local_file_of(target)
    if local is not None:
        shown = str(local.expanduser().absolute())
        if not local.expanduser().is_file():
            lines.append(t("version_no_database", path=shown))
            return lines
    else:
        from sqlalchemy.engine import make_url

        shown = make_url(os.fspath(target)).render_as_string(hide_password=True)  # type: ignore[arg-type]
    try:
        revision = _local_revision(local.expanduser()) if local is not None else _server_revision(os.fspath(target))  # type: ignore[arg-type]
    except Exception as problem:  # noqa: BLE001 - a version line must not end in a traceback
        lines.append(t("version_unreadable", path=shown, error=str(problem)))
        return lines
    if revision is None:
        lines.append(t("version_database_empty", path=shown))
    elif revision == head:
        lines.append(t("version_database", path=shown, revision=revision))
    elif revision in known:
        lines.append(t("version_database_older", path=shown, revision=revision, head=head))
    else:
        lines.append(t("version_database_unknown", path=shown, revision=revision))
    return lines
