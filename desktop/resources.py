"""The one way to reach files in `resources/` (fonts, translations, icons, templates) and the user
guide in `docs/guide/`, the same from the source tree and from the frozen installer build
(PyInstaller unpacks beside `sys._MEIPASS`)."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def font_files() -> list[Path]:
    return sorted(resource("fonts").glob("*.ttf"))


# The user guide of each interface language (docs/guide; the frozen build carries the folder,
# see packaging/antq.spec).
GUIDE_FILES = {"vi": "huong-dan.md", "en": "guide-en.md"}


def guide_folder() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "docs" / "guide"
    return Path(__file__).resolve().parent.parent / "docs" / "guide"


def guide_path(lang: str) -> Path:
    """The guide in `lang` ("vi" or "en"; any other language gets the Vietnamese one)."""
    return guide_folder() / GUIDE_FILES.get(lang, GUIDE_FILES["vi"])
