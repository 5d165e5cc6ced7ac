"""The installer build (slow, about two minutes): `build_installer.py` makes the one-folder
application and its package in a temporary folder, then the frozen program is run the way an
officer's machine would run it: no display, no Python of ours, no system fonts, a fresh home."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from db.migrate import head_revision
from desktop import __version__

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
LIMIT = 300 * 1_000_000
WINDOWS = sys.platform == "win32"


@dataclass
class Build:
    app: Path  # the application folder
    package: Path | None  # the .tar.gz / .zip / setup.exe
    home: Path  # the fresh home the frozen program runs in

    @property
    def program(self) -> Path:
        return self.app / ("antq.exe" if WINDOWS else "antq")

    def environment(self, **extra: str) -> dict[str, str]:
        """No display and no system fonts (fontconfig reads an empty configuration), a home of
        its own, nothing of the test run's Python or data folder."""
        environment = {key: value for key, value in os.environ.items() if key not in (
            "DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH", "PYTHONHOME", "ANTQ_DATA_DIR", "VIRTUAL_ENV")
            and not key.startswith("XDG_")}
        fonts_conf = self.home / "fonts.conf"
        fonts_conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                              f"<fontconfig><cachedir>{self.home / 'fc-cache'}</cachedir></fontconfig>\n")
        environment.update(QT_QPA_PLATFORM="offscreen", HOME=str(self.home), FONTCONFIG_FILE=str(fonts_conf),
                           XDG_DATA_HOME=str(self.home / "data"), XDG_CONFIG_HOME=str(self.home / "config"),
                           XDG_CACHE_HOME=str(self.home / "cache"), PYTHONIOENCODING="utf-8", **extra)
        return environment

    def run(self, *argv: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.program), *argv], env=self.environment(**extra), cwd=self.home,
                              capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but PyInstaller is not installed: pip install -e '.[test]'")
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    folder = tmp_path_factory.mktemp("installer")
    completed = subprocess.run(
        [sys.executable, str(ROOT / "build_installer.py"), "--dist", str(folder / "dist"),
         "--work", str(folder / "work"), "--skip-selftest"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=1800, check=False)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    made = [line.split(" ", 2)[1] for line in completed.stdout.splitlines() if line.startswith("made ")]
    home = folder / "home"
    home.mkdir()
    yield Build(folder / "dist" / "antq", Path(made[0]) if made else None, home)


def test_frozen_selftest_passes_without_a_display(build: Build) -> None:
    completed = build.run("selftest")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert len([line for line in lines if line.startswith("✓ ")]) == 6, lines
    assert not any(line.startswith("✗") for line in lines)


def test_frozen_version_names_both_schemas(build: Build) -> None:
    database = build.home / "version.sqlite3"
    completed = build.run("--lang", "en", "--version", "--db", str(database))
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [f"antq {__version__}", f"Database schema of this build: {head_revision()}",
                                             f"No database at {database} yet"]
    assert build.run("init", "--unit", "06652", "--db", str(database)).returncode == 0
    completed = build.run("--lang", "en", "--version", "--db", str(database))
    assert completed.stdout.splitlines()[2] == f"Database {database}: schema {head_revision()}"


def test_unpacked_size_is_under_300_mb(build: Build) -> None:
    size = sum(path.lstat().st_size for path in build.app.rglob("*") if path.is_file() and not path.is_symlink())
    assert size < LIMIT, f"{size / 1e6:.1f} MB"


def test_frozen_window_renders_with_only_the_bundled_fonts(build: Build) -> None:
    database, picture = build.home / "window.sqlite3", build.home / "overview.png"
    assert build.run("init", "--unit", "06652", "--db", str(database)).returncode == 0
    completed = build.run("screenshot", "overview", "--db", str(database), "--out", str(picture), "--size", "1024x700")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1024, 700)
    colours = {image.pixel(x, y) for x in range(0, 1024, 7) for y in range(0, 700, 7)}
    assert len(colours) > 20  # text and charts were drawn, not an empty window


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG data folder is Linux's")
def test_frozen_program_keeps_data_in_the_user_data_folder(build: Build) -> None:
    completed = build.run("init", "--unit", "06652")
    assert completed.returncode == 0, completed.stderr
    assert (build.home / "data" / "ANTQLedger" / "antq.sqlite3").is_file()
    assert not [path for path in build.app.rglob("*.sqlite3*")]


@pytest.mark.skipif(WINDOWS, reason="the Linux package")
def test_package_holds_the_program_and_its_desktop_entry(build: Build) -> None:
    assert build.package is not None and build.package.name.endswith(".tar.gz")
    with tarfile.open(build.package) as archive:
        names = archive.getnames()
        top = names[0].split("/")[0]
        assert top == build.package.name.removesuffix(".tar.gz")
        for name in ("antq/antq", "antq/_internal/resources/fonts/DejaVuSans.ttf", "install.sh", "uninstall.sh",
                     "antq-ledger.desktop", "antq.png"):
            assert f"{top}/{name}" in names
        assert archive.getmember(f"{top}/antq/antq").mode & 0o111
        assert archive.getmember(f"{top}/install.sh").mode & 0o111
        desktop = archive.extractfile(f"{top}/antq-ledger.desktop").read().decode()  # type: ignore[union-attr]
    assert "Name=ANTQ Ledger" in desktop and "Exec=@EXEC@" in desktop


@pytest.mark.skipif(sys.platform != "linux", reason="install.sh is for Linux")
def test_install_upgrade_and_uninstall_keep_the_data(build: Build) -> None:
    assert build.package is not None
    unpacked = build.home / "unpacked"
    with tarfile.open(build.package) as archive:
        # (extraction filters came with Python 3.11.4; the archive is our own)
        archive.extractall(unpacked, **({"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}))
    install = next(unpacked.iterdir()) / "install.sh"
    environment = build.environment()
    share = build.home / "data"

    def sh(script: Path) -> None:
        completed = subprocess.run(["sh", str(script)], env=environment, capture_output=True, text=True, check=False)
        assert completed.returncode == 0, completed.stderr

    sh(install)
    command = build.home / ".local" / "bin" / "antq"
    assert subprocess.run([str(command), "init", "--unit", "06652"], env=environment, capture_output=True,
                          check=False).returncode == 0
    data = share / "ANTQLedger" / "antq.sqlite3"
    assert data.is_file()
    entry = (share / "applications" / "antq-ledger.desktop").read_text(encoding="utf-8")
    assert f'Exec="{share / "antq-ledger" / "antq"}"' in entry
    sh(install)  # an upgrade replaces the program and leaves the data alone
    assert data.is_file() and (share / "antq-ledger" / "antq").is_file()
    sh(share / "antq-ledger" / "uninstall.sh")
    assert not (share / "antq-ledger").exists() and not command.exists()
    assert not (share / "applications" / "antq-ledger.desktop").exists()
    assert data.is_file()
