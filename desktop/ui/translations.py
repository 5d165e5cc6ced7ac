"""The interface translations (STYLE point 9).

The sources are `resources/translations/antq_<lang>.ts` (the strings in the code are Vietnamese,
so `antq_en.ts` holds English and `antq_vi.ts` holds Vietnamese for Qt's own dialog buttons, for
which Qt ships no `qtbase_vi.qm`). They are compiled at run time with the `lrelease` shipped
inside PySide6 into a cache folder, and compiled again whenever the `.ts` is newer; the `.qm`
files are never committed. `install_translators()` loads ours and Qt's `qtbase_<lang>.qm`;
`switch_language()` swaps them, and Qt then sends every widget a LanguageChange event.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from desktop.i18n import LANGUAGES, set_language
from desktop.resources import resource

APP_NAME = "ANTQLedger"

# The translators installed per application object, kept referenced so Python does not
# collect them while Qt still uses them.
_installed: dict[int, list[QTranslator]] = {}


class TranslationError(RuntimeError):
    """The .ts could not be compiled (no lrelease, or lrelease failed)."""


def translations_folder() -> Path:
    return resource("translations")


def cache_folder() -> Path:
    """ANTQ_DATA_DIR/cache when ANTQ_DATA_DIR is set (tests, portable installs), otherwise the
    user's cache folder."""
    data_dir = os.environ.get("ANTQ_DATA_DIR")
    if data_dir:
        return Path(data_dir) / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME)


def lrelease_path() -> Path | None:
    """The lrelease inside the PySide6 package (beside its __init__), else one on PATH."""
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return Path(found) if found else None


def ts_path(lang: str) -> Path:
    return translations_folder() / f"antq_{lang}.ts"


def compiled_path(lang: str) -> Path:
    return cache_folder() / "translations" / f"antq_{lang}.qm"


def compile_translation(lang: str, force: bool = False) -> Path:
    """The .qm for `lang` in the cache, compiled from its .ts when missing or older."""
    source = ts_path(lang)
    target = compiled_path(lang)
    if not source.is_file():
        # An installer build may ship the compiled file instead of the source.
        shipped = translations_folder() / f"antq_{lang}.qm"
        if shipped.is_file():
            return shipped
        raise TranslationError(f"no translation source {source}")
    if not force and target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = lrelease_path()
    if tool is None:
        raise TranslationError("lrelease not found next to the PySide6 package")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.stem}.{os.getpid()}.tmp.qm")
    completed = subprocess.run(
        [str(tool), "-silent", str(source), "-qm", str(partial)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        raise TranslationError(f"lrelease failed on {source}: {completed.stderr.strip() or completed.stdout.strip()}")
    os.replace(partial, target)
    return target


def _qt_translation(lang: str) -> QTranslator | None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if Path(folder, f"qtbase_{lang}.qm").is_file() and translator.load(f"qtbase_{lang}", folder):
        return translator
    return None


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load Qt's qtbase_<lang>.qm when Qt has one, then ours (installed last, so searched
    first). Returns the translators installed."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    translators: list[QTranslator] = []
    qt = _qt_translation(lang)
    if qt is not None:
        translators.append(qt)
    ours = QTranslator()
    if not ours.load(str(compile_translation(lang))):
        raise TranslationError(f"cannot load the compiled translation for {lang!r}")
    translators.append(ours)
    for translator in translators:
        app.installTranslator(translator)
    _installed.setdefault(id(app), []).extend(translators)
    return translators


def remove_translators(app: QCoreApplication) -> None:
    for translator in _installed.pop(id(app), []):
        app.removeTranslator(translator)


def switch_language(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Replace the installed translators with those of `lang`; the services' messages
    (`desktop.i18n`) follow. Widgets receive a LanguageChange event and retranslate."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    remove_translators(app)
    translators = install_translators(app, lang)
    set_language(lang)
    return translators
