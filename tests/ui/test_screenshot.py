"""`antq screenshot`: every view named by --list renders offscreen to a real picture."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop.cli import main
from desktop.ui.screenshot import VIEW_NAMES


def distinct_colours(image: QImage) -> int:
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    return len({image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)})


def test_list_names_every_view(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screenshot", "--list"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == list(VIEW_NAMES)
    assert {"overview", "sessions", "session-form", "wizard"} <= set(listed)


@pytest.mark.parametrize("view", ["sessions", "session-form", "overview"])
def test_view_renders_to_a_png_of_the_window(view: str, demo_path: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{view}.png"
    assert main(["screenshot", view, "--out", str(out), "--db", str(demo_path), "--size", "1100x700"]) == 0
    assert str(out) in capsys.readouterr().out
    image = QImage(str(out))
    assert not image.isNull()
    if view != "session-form":  # a form is a dialog of its own size
        assert (image.width(), image.height()) == (1100, 700)
    assert distinct_colours(image) > 10  # text and frames, not a blank surface


def test_unknown_view_and_bad_size_are_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screenshot", "nowhere", "--out", str(tmp_path / "x.png")]) == 2
    assert "Không có màn hình “nowhere”" in capsys.readouterr().err
    assert main(["screenshot", "sessions", "--out", str(tmp_path / "x.png"), "--size", "big"]) == 2
    assert "Kích thước “big” không hợp lệ" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_missing_database_is_a_plain_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screenshot", "sessions", "--out", str(tmp_path / "x.png"), "--db", str(tmp_path / "none.sqlite3")]) == 1
    assert "antq init --unit" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite3").exists()
