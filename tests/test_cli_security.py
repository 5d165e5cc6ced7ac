"""`antq reveal` (with a commander's passphrase, audited) and `antq exposure` on a real file;
`antq stats --approved-only`."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import transaction
from db.models import AuditEntry
from desktop.cli import main
from desktop.services import identities
from desktop.services.installation import Database
from tests.services.test_identities import NAME, Setup, setup  # noqa: F401 - the fixture
from tests.services.test_keys import PASSWORD


def test_reveal_with_the_passphrase_file_prints_the_identity_and_audits_it(
        database: Database, db_path: Path, setup: Setup, tmp_path: Path,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSWORD + "\n", encoding="utf-8")
    assert main(["reveal", "NT-2026-0001", "--user", "chief", "--passphrase-file", str(passphrase),
                 "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == NAME
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "reveal")) == 1


def test_reveal_with_a_wrong_passphrase_is_refused_in_one_line(
        database: Database, db_path: Path, setup: Setup, tmp_path: Path,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not-the-password", encoding="utf-8")
    assert main(["reveal", "NT-2026-0001", "--user", "chief", "--passphrase-file", str(wrong),
                 "--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    assert NAME not in captured.out + captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_exposure_counts_what_the_file_holds_without_opening_identities(
        database: Database, db_path: Path, setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    with transaction(database.sessions) as session:
        identities.seal_identity(session, setup.officer, setup.sources[0], NAME)
    assert main(["exposure", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Nguồn tin: 3" in out and "Danh tính người cung cấp tin: 1" in out
    assert NAME not in out


def test_stats_approved_only_counts_nothing_before_an_approval(db_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--approved-only", "--json", "--db", str(db_path)]) == 0
    assert '"approved_only": true' in capsys.readouterr().out
