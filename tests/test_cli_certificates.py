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


def test_templates_from_the_command_line(db_path: Path, database: Database, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from tests.services.test_certificate_templates import emblem_png

    database.dispose()
    emblem = tmp_path / "logo.png"
    emblem.write_bytes(emblem_png())
    db = ["--db", str(db_path)]
    assert main([*db, "templates", "set", "gk_ha_tu", "--label", "Giấy khen phường Hà Tu", "--authority-title",
                 "Chủ tịch UBND phường Hà Tu", "--signer-title", "Chủ tịch", "--signer-name", "Cao Tường Huy",
                 "--title-color", "#1f4e79", "--emblem", str(emblem)]) == 0
    assert capsys.readouterr().err.strip() == "Đã lưu mẫu «gk_ha_tu»."
    assert main([*db, "templates", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].split()[:2] == ["gk_ha_tu", "riêng"] and len(listed) == 4
    assert main([*db, "templates", "show", "gk_ha_tu"]) == 0
    shown = capsys.readouterr().out
    assert "title_color         #1F4E79" in shown and "signer_name         Cao Tường Huy" in shown
    assert "emblem              PNG/JPEG" in shown and "title               GIẤY KHEN" in shown  # from giay_khen
    # A bad value: its option named, nothing changed.
    assert main([*db, "templates", "set", "gk_ha_tu", "--border-color", "vàng"]) == 1
    assert capsys.readouterr().err.strip() == "--border-color: Màu viết dạng #RRGGBB, vd. #C00000."
    assert main([*db, "templates", "set", "gk_ha_tu", "--no-emblem", "--place", "Hạ Long"]) == 0
    capsys.readouterr()
    assert main([*db, "templates", "show", "gk_ha_tu"]) == 0
    shown = capsys.readouterr().out
    assert "emblem              —" in shown and "place               Hạ Long" in shown
    assert "border_color        #8B6B14" in shown
    assert main([*db, "templates", "set", "khac", "--from", "khong_co"]) == 1
    assert capsys.readouterr().err.strip() == "Không có mẫu «khong_co»."
    assert main([*db, "templates", "delete", "giay_khen"]) == 1
    assert "mẫu mặc định không xóa được" in capsys.readouterr().err
    assert main([*db, "templates", "delete", "gk_ha_tu"]) == 0
    assert main([*db, "templates", "show", "gk_ha_tu"]) == 1


def test_the_register_of_a_decision(database: Database, db_path: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    decision(database)
    database.dispose()
    db = ["--db", str(db_path)]
    signer = ["--signer-title", "Chủ tịch", "--signer-name", "Cao Tường Huy"]
    assert main([*db, "certificates", "--decision", "1234/QĐ-UBND", "--register"]) == 0
    assert capsys.readouterr().out == ""
    assert main([*db, "certificates", "--decision", "1234/QĐ-UBND", *signer, "--out", str(tmp_path / "a.pdf")]) == 0
    assert main([*db, "certificates", "--decision", "1234/QĐ-UBND", *signer, "--out", str(tmp_path / "b.pdf")]) == 0
    capsys.readouterr()
    assert main([*db, "certificates", "--decision", "1234/QĐ-UBND", "--register"]) == 0
    shown = capsys.readouterr()
    lines = [line.split("\t") for line in shown.out.splitlines()]
    assert [(line[0], line[2], line[4]) for line in lines] == [
        ("GK-2025-0001", "Nguyễn Thị Hường", "1"), ("GK-2025-0002", "Trần Văn Nam", "1"),
        ("GK-2025-0003", "Tổ tự quản an ninh trật tự khu 5", "1"), ("GK-2025-0001", "Nguyễn Thị Hường", "2"),
        ("GK-2025-0002", "Trần Văn Nam", "2"), ("GK-2025-0003", "Tổ tự quản an ninh trật tự khu 5", "2")]
    assert all(line[6] == "owner" for line in lines)
    assert shown.err.strip() == "6 lần in trong sổ của quyết định số 1234/QĐ-UBND."
    assert main([*db, "certificates", "--decision", "không có", "--register"]) == 1
