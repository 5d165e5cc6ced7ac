"""Builds the ANTQ Ledger installer for the platform this runs on.

    python build_installer.py [--dist DIR] [--work DIR] [--no-pack] [--skip-selftest]

1. compiles the interface translations (resources/translations/*.ts → .qm, with the lrelease
   shipped inside PySide6);
2. runs PyInstaller on packaging/antq.spec: a one-folder application `DIST/antq/` (the `antq`
   program, on Windows also `antqw` without a console, and `_internal/` with Python, Qt,
   resources, the unit list and the database migrations);
3. checks it: the bundled files are there, the folder stays under 300 MB, and the frozen
   `antq selftest` passes (headless, in a temporary folder);
4. packs it: on Linux (and macOS) a .tar.gz with install.sh, uninstall.sh, a .desktop file and
   the icon; on Windows an Inno Setup installer (packaging/antq.iss) when `iscc` is on PATH,
   else a .zip. Then prints what it made and the sizes.

Needs the project installed with the `build` extra (`pip install -e '.[build]'`). The user's
data is never inside the application folder (it lives in the user data folder, see db/paths.py),
so installing a newer build over an older one, or uninstalling, leaves it alone.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "antq.spec"
APP_NAME = "antq"  # the folder PyInstaller makes in --dist
LIMIT_MB = 300
WINDOWS = sys.platform == "win32"
# What the build must carry, relative to the application folder's `_internal/`.
REQUIRED = (
    "resources/fonts/DejaVuSans.ttf",
    "resources/fonts/DejaVuSerif.ttf",
    "resources/translations/antq_en.qm",
    "resources/translations/antq_vi.qm",
    "resources/certificates/templates.json",
    "resources/icons/antq.png",
    "vietnamadminunits/data/dataset.db",
    "vietnamadminunits/data/converter_2025.json",
    "db/migrations/env.py",
    "db/migrations/versions/0001_initial_schema.py",
    "docs/guide/huong-dan.md",
    "docs/guide/guide-en.md",
)


class BuildError(Exception):
    """The build cannot go on (the message says why and what to do)."""


def version() -> str:
    from desktop import __version__

    return __version__


def platform_tag() -> str:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    if WINDOWS:
        return "windows-x64" if machine == "x86_64" else f"windows-{machine}"
    return f"{'macos' if sys.platform == 'darwin' else 'linux'}-{machine}"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def check_environment() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError("PyInstaller is not installed: pip install -e '.[build]'")
    try:
        importlib.metadata.version("PySide6-Addons")
    except importlib.metadata.PackageNotFoundError:
        pass
    else:
        print("warning: PySide6-Addons is installed; the build uses only modules of PySide6-Essentials")


def compile_translations(target: Path) -> Path:
    """Every resources/translations/antq_<lang>.ts compiled into `target` (emptied first)."""
    from desktop.ui.translations import lrelease_path

    tool = lrelease_path()
    if tool is None:
        raise BuildError("lrelease not found (it ships inside the PySide6 package)")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for source in sorted((ROOT / "resources" / "translations").glob("antq_*.ts")):
        subprocess.run([str(tool), "-silent", str(source), "-qm", str(target / f"{source.stem}.qm")], check=True)
    return target


def run_pyinstaller(dist: Path, work: Path, translations: Path, verbose: bool) -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist),
               "--workpath", str(work / "pyinstaller"), "--log-level", "INFO" if verbose else "WARN",
               str(SPEC), "--", "--translations", str(translations)]
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / APP_NAME


def strip_python(app: Path) -> None:
    """Python built from source keeps its debug information (libpython alone grows from 5 to
    23 MB): strip it from Python's own libraries. The wheels' libraries are left as they come
    (stripping a library patched by auditwheel can break it)."""
    tool = shutil.which("strip")
    if WINDOWS or tool is None:
        return
    internal = app / "_internal"
    for path in [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so")]:
        if path.is_file() and not path.is_symlink():
            subprocess.run([tool, "--strip-debug", str(path)], check=True)


def program(app: Path, name: str = "antq") -> Path:
    return app / (f"{name}.exe" if WINDOWS else name)


def check_bundle(app: Path) -> int:
    """The required files are inside and the folder is under the limit; returns its size."""
    missing = [name for name in REQUIRED if not (app / "_internal" / name).is_file()]
    if missing or not program(app).is_file():
        raise BuildError(f"the build lacks: {', '.join(missing) or program(app).name}")
    size = folder_size(app)
    if size > LIMIT_MB * 1_000_000:
        raise BuildError(f"the application folder is {megabytes(size)}, over {LIMIT_MB} MB")
    return size


def frozen_environment() -> dict[str, str]:
    """How the tests run the frozen program: no display, no Python of ours on the path."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH", "PYTHONHOME")}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    return environment


def run_selftest(app: Path) -> None:
    completed = subprocess.run([str(program(app)), "selftest"], env=frozen_environment(), capture_output=True,
                               text=True, encoding="utf-8", errors="replace", check=False)
    print(completed.stdout, end="")
    if completed.returncode != 0:
        raise BuildError(f"the frozen `antq selftest` failed:\n{completed.stderr}")


# ---------------------------------------------------------------------------------------------
# Packing


def _tar_entry(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def pack_tar(app: Path, dist: Path) -> Path:
    """antq-ledger-<version>-<platform>.tar.gz: the program folder, install.sh, uninstall.sh,
    the .desktop file and the icon, in one top folder."""
    top = f"antq-ledger-{version()}-{platform_tag()}"
    out = dist / f"{top}.tar.gz"
    linux = PACKAGING / "linux"
    with tarfile.open(out, "w:gz", compresslevel=6) as archive:
        archive.add(app, arcname=f"{top}/antq", filter=_tar_entry)
        for name in ("install.sh", "uninstall.sh", "antq-ledger.desktop", "README.txt"):
            archive.add(linux / name, arcname=f"{top}/{name}", filter=_tar_entry)
        archive.add(ROOT / "resources" / "icons" / "antq.png", arcname=f"{top}/antq.png", filter=_tar_entry)
    return out


def pack_inno(app: Path, dist: Path, iscc: str) -> Path:
    name = f"antq-ledger-{version()}-{platform_tag()}-setup"
    subprocess.run([iscc, "/Q", f"/DAppVersion={version()}", f"/DSourceDir={app}", f"/DOutputDir={dist}",
                    f"/DOutputBaseFilename={name}", f"/DIconFile={ROOT / 'resources' / 'icons' / 'antq.ico'}",
                    str(PACKAGING / "antq.iss")], check=True)
    return dist / f"{name}.exe"


def pack_zip(app: Path, dist: Path) -> Path:
    top = f"antq-ledger-{version()}-{platform_tag()}"
    out = dist / f"{top}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(app.rglob("*")):
            archive.write(path, f"ANTQ Ledger/{path.relative_to(app).as_posix()}")
    return out


def pack(app: Path, dist: Path) -> Path:
    if WINDOWS:
        iscc = shutil.which("iscc") or shutil.which("ISCC")
        return pack_inno(app, dist, iscc) if iscc else pack_zip(app, dist)
    return pack_tar(app, dist)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the folder and the package go")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's working folder")
    parser.add_argument("--no-pack", action="store_true", help="build the folder only")
    parser.add_argument("--skip-selftest", action="store_true", help="do not run the frozen selftest")
    parser.add_argument("--verbose", action="store_true", help="PyInstaller's full log")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    started = time.monotonic()
    try:
        check_environment()
        translations = compile_translations(work / "translations")
        app = run_pyinstaller(dist, work, translations, args.verbose)
        strip_python(app)
        size = check_bundle(app)
        built = time.monotonic() - started
        print(f"built {app} ({megabytes(size)} unpacked) in {built:.0f} s")
        if not args.skip_selftest:
            run_selftest(app)
        if not args.no_pack:
            package = pack(app, dist)
            print(f"made {package} ({megabytes(package.stat().st_size)})")
    except BuildError as problem:
        print(f"build_installer: {problem}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as problem:
        print(f"build_installer: {' '.join(map(str, problem.cmd[:3]))}… failed (exit {problem.returncode})",
              file=sys.stderr)
        return 1
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # `desktop` from this source tree, also when not installed
    raise SystemExit(main())
