"""`antq keys …` end to end: a province and a commune database exchanging key files through a
folder, fingerprints printed to read aloud, `list` and `revoke`, and every refusal one plain
line on stderr with exit status 1 and nothing written."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.engine import transaction
from db.models import Installation, new_uid
from desktop import cli, cli_keys
from desktop.cli import main
from desktop.services import keys as identity_keys
from desktop.services.exchange import keys as xkeys
from desktop.services.installation import Database, connect, initialise
from desktop.services.keys import KdfParams
from tests.conftest import HA_TU, QUANG_NINH, _copy_sqlite

PASSPHRASE = "cụm từ mật khẩu tỉnh"


@pytest.fixture(autouse=True)
def keys_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """`antq keys` as desktop.cli will have it once wired (and left alone once it is)."""
    monkeypatch.setattr(identity_keys, "KDF", KdfParams(memory_kib=8192, time_cost=1, parallelism=1))
    if "keys" in cli.COMMANDS:
        return
    original = cli.cli_security.add_parsers

    def add_parsers(commands, common, h):  # type: ignore[no-untyped-def]
        original(commands, common, h)
        cli_keys.add_keys_commands(commands, common, h)

    monkeypatch.setattr(cli.cli_security, "add_parsers", add_parsers)
    monkeypatch.setitem(cli.COMMANDS, "keys", cli_keys.cmd_keys)


@pytest.fixture
def province_path(template_db: Path, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "province.sqlite3"
    _copy_sqlite(template_db, path)
    database = initialise(path, QUANG_NINH).database
    with transaction(database.sessions) as session:
        session.get_one(Installation, 1).uid = str(new_uid())
    database.dispose()
    yield path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def own_fingerprint(path: Path) -> str | None:
    database = connect(path)
    try:
        with database.sessions() as session:
            own = xkeys.own_public(session)
            return own.fingerprint if own else None
    finally:
        database.dispose()


def test_round_trip_through_a_folder(province_path: Path, db_path: Path, secret: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["keys", "init-province", "--out", str(usb), "--passphrase-file", str(secret),
                 "--db", str(province_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    receiver_file = usb / f"{QUANG_NINH}-receiver.antqkey"
    province_fp = xkeys.show_fingerprint(own_fingerprint(province_path) or "")
    assert out == [f"Đã ghi tệp khóa của tỉnh cho các đơn vị: {receiver_file}",
                   f"Dấu vân tay khóa của máy này: {province_fp}"]

    assert main(["--db", str(db_path), "keys", "init-unit", "--province-key", str(receiver_file), "--out", str(usb),
                 "--passphrase-file", str(secret)]) == 0
    out = capsys.readouterr().out
    enrolment_file = usb / f"{HA_TU}-enrol.antqkey"
    commune_fp = xkeys.show_fingerprint(own_fingerprint(db_path) or "")
    assert str(enrolment_file) in out and commune_fp in out and province_fp in out and "đọc to" in out

    assert main(["keys", "enrol", str(enrolment_file), "--db", str(province_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Đã đăng ký khóa của đơn vị Phường Hà Tu (06652).", f"Dấu vân tay khóa: {commune_fp}"]
    assert main(["keys", "enrol", str(enrolment_file), "--db", str(province_path)]) == 0
    assert "đã được đăng ký từ trước" in capsys.readouterr().out

    assert main(["keys", "list", "--db", str(province_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Vai", "trò", "Dấu", "vân", "tay", "khóa", "Đơn", "vị", "Ngày", "thêm", "Thu", "hồi"]
    assert lines[1].startswith("máy này") and province_fp in lines[1]
    assert lines[2].startswith("đơn vị gửi") and commune_fp in lines[2] and "06652 Phường Hà Tu" in lines[2]

    assert main(["keys", "revoke", *commune_fp.split(), "--db", str(province_path)]) == 0
    assert capsys.readouterr().out.startswith(f"Đã thu hồi khóa {commune_fp} của Phường Hà Tu (06652)")
    assert main(["--lang", "en", "keys", "list", "--db", str(province_path)]) == 0
    sender = capsys.readouterr().out.splitlines()[2]
    assert sender.startswith("sender") and sender.rstrip()[-10:].count("/") == 2  # the revocation date


def test_wrong_passphrase_writes_nothing(province_path: Path, secret: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["keys", "init-province", "--out", str(usb), "--passphrase-file", str(secret),
                 "--db", str(province_path)]) == 0
    (usb / f"{QUANG_NINH}-receiver.antqkey").unlink()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("không phải nó", encoding="utf-8")
    capsys.readouterr()
    assert main(["keys", "init-province", "--out", str(usb), "--passphrase-file", str(wrong),
                 "--db", str(province_path)]) == 1
    assert capsys.readouterr().err == "Sai cụm từ mật khẩu: không mở được khóa trao đổi.\n"
    assert list(usb.iterdir()) == []


def test_a_bad_province_key_is_refused_before_any_key_is_made(db_path: Path, secret: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "22-receiver.antqkey"
    bad.write_text(json.dumps({"format": 9, "type": xkeys.RECEIVER_TYPE}), encoding="utf-8")
    assert main(["--lang", "en", "keys", "init-unit", "--province-key", str(bad), "--out", str(tmp_path),
                 "--passphrase-file", str(secret), "--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    assert captured.err == ("The key file 22-receiver.antqkey was made by a newer version (format 9): "
                            "update the software.\n")
    assert captured.out == "" and own_fingerprint(db_path) is None
    assert not list(tmp_path.glob("*-enrol.antqkey"))


def test_passphrase_asked_twice_for_a_new_key(province_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["một cụm từ dài", "một cụm từ khác"])
    prompts: list[str] = []

    def ask(prompt: str, stream: object = None) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", ask)
    assert main(["keys", "init-province", "--out", str(tmp_path), "--db", str(province_path)]) == 1
    assert "không giống nhau" in capsys.readouterr().err
    assert len(prompts) == 2 and "ít nhất 8 ký tự" in prompts[0]
    assert own_fingerprint(province_path) is None and not list(tmp_path.glob("*.antqkey"))


def test_refusals_and_bad_arguments(province_path: Path, database: Database, db_path: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "revoke", "123", "--db", str(province_path)]) == 1
    assert capsys.readouterr().err == "«123» không phải dấu vân tay khóa (cần 30 chữ số).\n"
    assert main(["keys", "enrol", str(tmp_path / "none.antqkey"), "--db", str(province_path)]) == 1
    assert "Không có tệp khóa" in capsys.readouterr().err
    assert main(["keys", "list", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == "Chưa có khóa trao đổi nào.\n"
    with pytest.raises(SystemExit) as exit_status:
        main(["keys", "--db", str(db_path)])
    assert exit_status.value.code == 2
    with pytest.raises(SystemExit) as exit_status:
        main(["keys", "init-unit", "--out", str(tmp_path), "--db", str(db_path)])
    assert exit_status.value.code == 2 and "--province-key" in capsys.readouterr().err
