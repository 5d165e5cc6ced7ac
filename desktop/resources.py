"""The one way to reach files in `resources/` (fonts, translations, icons, templates), the same
from the source tree and from the frozen installer build (PyInstaller unpacks beside
`sys._MEIPASS`)."""
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
