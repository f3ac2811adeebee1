"""Draw the app icons (someluotsi/static/icons/*.png) for the web app manifest.

A white ship's wheel around an "S" (a pilot, "luotsi") on the brand blue (#00325f). Run
once after changing the design; the PNGs are committed:

    uv run python tools/make_icons.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "someluotsi" / "static" / "icons"
BRAND = (0, 50, 95, 255)
WHITE = (255, 255, 255, 255)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def icon(size: int, *, maskable: bool) -> Image.Image:
    """A square icon; a maskable one keeps the mark inside the central 80 % safe zone."""
    image = Image.new("RGBA", (size, size), BRAND if maskable else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if not maskable:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=BRAND)
    scale = 0.62 if maskable else 0.78
    radius = size * scale / 2
    centre = size / 2
    # The wheel: a ring with eight spokes ending in handles.
    ring = max(2, round(size * 0.035))
    inner = radius * 0.78
    draw.ellipse(
        (centre - inner, centre - inner, centre + inner, centre + inner), outline=WHITE, width=ring
    )
    for step in range(8):
        angle = math.pi / 4 * step
        x1, y1 = centre + math.cos(angle) * inner, centre + math.sin(angle) * inner
        x2, y2 = centre + math.cos(angle) * radius, centre + math.sin(angle) * radius
        draw.line((x1, y1, x2, y2), fill=WHITE, width=ring)
        knob = ring * 1.1
        draw.ellipse((x2 - knob, y2 - knob, x2 + knob, y2 + knob), fill=WHITE)
    font = ImageFont.truetype(str(FONT), round(inner * 1.3))
    draw.text((centre, centre), "S", font=font, fill=WHITE, anchor="mm")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
        icon(size, maskable=True).save(OUT / f"icon-maskable-{size}.png", optimize=True)
    icon(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
    icon(32, maskable=False).save(OUT / "favicon-32.png", optimize=True)


if __name__ == "__main__":
    main()
