"""Draws the application icon (a red shield with a gold border and a gold five-pointed star) as
resources/icons/antq.svg, antq.png (256 px), antq-48.png and antq.ico (16–256 px), from one
geometry. The files are committed; run this again only to change the icon:

    python packaging/make_icons.py
"""
from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZE = 256
GOLD, RED, STAR = "#E0A526", "#C8102E", "#FFD43B"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def shield(inset: float) -> tuple[list[tuple[float, float]], str]:
    """The shield `inset` units inside the outer one: corner points and quadratic curves, as a
    polygon (for Pillow) and an SVG path."""
    left, right, top, shoulder = 36 + inset, 220 - inset, 28 + inset, 132
    tip = (128.0, 238 - inset * 1.4)
    c_right, c_left = (right - 4, 200 - inset * 0.6), (left + 4, 200 - inset * 0.6)

    def curve(p0: tuple[float, float], c: tuple[float, float], p1: tuple[float, float]) -> list[tuple[float, float]]:
        return [((1 - s) ** 2 * p0[0] + 2 * (1 - s) * s * c[0] + s * s * p1[0],
                 (1 - s) ** 2 * p0[1] + 2 * (1 - s) * s * c[1] + s * s * p1[1]) for s in (i / 32 for i in range(33))]

    points = [(left, top), (right, top), *curve((right, shoulder), c_right, tip), *curve(tip, c_left, (left, shoulder))]
    path = (f"M{left:g},{top:g} H{right:g} V{shoulder:g} Q{c_right[0]:g},{c_right[1]:g} {tip[0]:g},{tip[1]:g} "
            f"Q{c_left[0]:g},{c_left[1]:g} {left:g},{shoulder:g} Z")
    return points, path


def star(cx: float = 128, cy: float = 118, outer: float = 64) -> list[tuple[float, float]]:
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    return [(cx + radius * math.sin(math.radians(36 * i)), cy - radius * math.cos(math.radians(36 * i)))
            for i, radius in enumerate([outer, inner] * 5)]


def svg() -> str:
    _, outer = shield(0)
    _, inner = shield(14)
    points = " ".join(f"{x:.2f},{y:.2f}" for x, y in star())
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">\n'
            f'  <title>ANTQ Ledger</title>\n'
            f'  <path d="{outer}" fill="{GOLD}"/>\n'
            f'  <path d="{inner}" fill="{RED}"/>\n'
            f'  <polygon points="{points}" fill="{STAR}"/>\n'
            f'</svg>\n')


def bitmap(size: int) -> Image.Image:
    scale = 4 * size / SIZE  # drawn four times larger, then reduced: smooth edges
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    for points, colour in ((shield(0)[0], GOLD), (shield(14)[0], RED), (star(), STAR)):
        draw.polygon([(x * scale, y * scale) for x, y in points], fill=colour)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "antq.svg").write_text(svg(), encoding="utf-8")
    bitmap(256).save(ICONS / "antq.png", optimize=True)
    bitmap(48).save(ICONS / "antq-48.png", optimize=True)
    bitmap(256).save(ICONS / "antq.ico", sizes=[(n, n) for n in ICO_SIZES])
    for path in sorted(ICONS.iterdir()):
        print(f"{path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
