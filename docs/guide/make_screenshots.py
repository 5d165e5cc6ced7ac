"""Makes the pictures of the user guide again (docs/guide/img/vi and img/en) after a change to the
window:

    .venv/bin/python docs/guide/make_screenshots.py

Everything happens in a temporary folder: the demo database of Help → Open demo data, a province
database whose exchange key the demo unit has taken (so the Exchange pages show keys and a
package), a week of daily backups; then `antq screenshot` draws each view in Vietnamese and in
English, offscreen, each brought down to 256 colours (Pillow). The user's own data and settings
are never touched."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PASSPHRASE = "cum tu mat khau cua guide"

# (view of `antq screenshot`, window size; None: a dialog, drawn at its own size)
VIEWS: tuple[tuple[str, str | None], ...] = (
    ("wizard-unit", None),
    ("wizard-account", None),
    ("overview", "1100x700"),
    ("overview-charts", "1100x700"),
    ("report", None),
    ("sessions-search", "1100x700"),
    ("session-form", None),
    ("import-preview", None),
    ("certificates", None),
    ("settings-templates", "1200x700"),
    ("exchange", "1100x700"),
    ("exchange-keys", "1100x700"),
    ("settings-backups", "1200x700"),
)


def antq(environment: dict[str, str], *args: str) -> None:
    command = [sys.executable, "-c", "import sys; from desktop.cli import main; sys.exit(main())", *args]
    subprocess.run(command, env=environment, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def prepare(work: Path, environment: dict[str, str]) -> Path:
    """The demo database with exchange keys, one package sent and a week of backups."""
    os.environ.update(environment)  # (the services below read ANTQ_DATA_DIR)
    from desktop.services.backups import backup_before
    from desktop.services.demo.database import open_demo_database
    from desktop.services.progress import Progress

    database_path = work / "data" / "antq.sqlite3"
    open_demo_database(Progress(), database_path).dispose()
    province, keys, stick = work / "province.sqlite3", work / "keys", work / "usb"
    keys.mkdir()
    stick.mkdir()
    passphrase = work / "passphrase.txt"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    antq(environment, "--db", str(province), "init", "--unit", "22")
    antq(environment, "--db", str(province), "keys", "init-province", "--out", str(keys),
         "--passphrase-file", str(passphrase))
    antq(environment, "--db", str(database_path), "keys", "init-unit", "--province-key",
         str(keys / "22-receiver.antqkey"), "--out", str(keys), "--passphrase-file", str(passphrase))
    antq(environment, "--db", str(database_path), "export", "--out", str(stick), "--passphrase-file", str(passphrase))
    morning = dt.datetime.now().replace(hour=7, minute=42, second=5, microsecond=0)
    for days in range(6, -1, -1):
        backup_before(database_path, "daily", when=morning - dt.timedelta(days=days, minutes=7 * days))
    backup_before(database_path, "import", when=morning - dt.timedelta(days=2, hours=-2))
    return database_path


def shrink(path: Path) -> None:
    """256 colours are plenty for a window: the file is a third of the size, the text as sharp."""
    from PIL import Image

    with Image.open(path) as image:
        fewer = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                              dither=Image.Dither.NONE)
    fewer.save(path, optimize=True)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="antq-guide-pictures-") as scratch:
        work = Path(scratch)
        environment = dict(os.environ)
        environment.update({
            "QT_QPA_PLATFORM": "offscreen",
            "ANTQ_DATA_DIR": str(work / "data"),
            "HOME": "/home/canbo",  # (not created: the report dialog then offers /home/canbo/bao-cao-….pdf)
            "XDG_CACHE_HOME": str(work / "cache"),
            "XDG_CONFIG_HOME": str(work / "config"),
            "MPLCONFIGDIR": str(work / "matplotlib"),
        })
        database_path = prepare(work, environment)
        for lang in ("vi", "en"):
            folder = HERE / "img" / lang
            folder.mkdir(parents=True, exist_ok=True)
            for view, size in VIEWS:
                out = folder / f"{view}.png"
                args = ["screenshot", view, "--lang", lang, "--out", str(out)]
                if not view.startswith("wizard"):
                    args += ["--db", str(database_path)]
                if size:
                    args += ["--size", size]
                antq(environment, *args)
                shrink(out)
                print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
