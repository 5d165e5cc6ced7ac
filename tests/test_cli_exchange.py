"""`antq export` and `antq import` as a script uses them: the path printed, the summary (and its
JSON), exit status 0 for a copy already imported, 1 for a refused package."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import HA_TU, QUANG_NINH
from tests.services.exchange_setup import PASSPHRASE, add_session, fast_keys, link, make_site


def test_export_then_import_from_the_command_line(template_db: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fast_keys(monkeypatch)
    province = make_site(template_db, tmp_path, "province", QUANG_NINH)
    commune = make_site(template_db, tmp_path, "commune", HA_TU)
    link(province, commune, tmp_path / "keys")
    add_session(commune, dt.date(2025, 9, 1), 40, HA_TU)
    province.database.dispose()
    commune.database.dispose()
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    usb = tmp_path / "usb"
    usb.mkdir()

    assert main(["--db", str(commune.path), "export", "--out", str(usb), "--passphrase-file", str(secret)]) == 0
    printed = capsys.readouterr()
    package = Path(printed.out.strip())
    assert package.parent == usb and package.is_file() and "1 bản ghi" in printed.err

    assert main(["--db", str(province.path), "import", str(package), "--dry-run", "--json",
                 "--passphrase-file", str(secret)]) == 0
    dry = json.loads(capsys.readouterr().out)["packages"][0]
    assert (dry["status"], dry["created"], dry["rejected"]) == ("checked", 1, 0)
    assert set(dry) >= {"created", "updated", "unchanged", "deleted", "rejected", "conflicts"}

    assert main(["--db", str(province.path), "import", str(package), "--passphrase-file", str(secret)]) == 0
    assert "tạo mới 1" in capsys.readouterr().out
    assert main(["--db", str(province.path), "import", str(package), "--passphrase-file", str(secret)]) == 0
    assert "đã nhập trước đây" in capsys.readouterr().out

    broken = tmp_path / "broken.antq"
    broken.write_bytes(package.read_bytes()[:-5])
    assert main(["--lang", "en", "--db", str(province.path), "import", str(broken), "--json",
                 "--passphrase-file", str(secret)]) == 1
    refused = json.loads(capsys.readouterr().out)["packages"][0]
    assert refused["status"] == "refused" and refused["message"].startswith("The package is")

    assert main(["--db", str(commune.path), "export", "--out", str(tmp_path / "absent"),
                 "--passphrase-file", str(secret)]) == 1
    assert "Không có thư mục" in capsys.readouterr().err
