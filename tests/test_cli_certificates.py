"""`antq certificates` as an office script uses it: the paths printed, exit 1 with one plain line
and no file when the template names no signer."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.installation import Database
from tests.services.test_certificates import decision


def test_print_a_decision_from_the_command_line(database: Database, db_path: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    decision(database)
    database.dispose()
    out = tmp_path / "usb"
    out.mkdir()
    assert main(["--db", str(db_path), "certificates", "--decision", "1234/QĐ-UBND", "--out", str(out / "gk.pdf")]) == 1
    assert capsys.readouterr().err.strip() == "Mẫu «giay_khen» chưa có chức vụ người ký (vd. CHỦ TỊCH)."
    assert list(out.iterdir()) == []
    assert main(["--db", str(db_path), "certificates", "--decision", "1234/QĐ-UBND", "--out", str(out),
                 "--signer-title", "Chủ tịch", "--signer-name", "Cao Tường Huy"]) == 0
    printed = capsys.readouterr()
    assert len(printed.out.split()) == 3 and all(Path(p).is_file() for p in printed.out.split())
    assert "Đã in 3 giấy khen" in printed.err
