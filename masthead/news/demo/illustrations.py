"""Flat illustrations for the demo paper, drawn with Pillow: nothing is downloaded.

Each motif is a small scene (a harbour with cranes, a stadium, a stage …)
in one of a few palettes, drawn from a seed (the story's slug) so the same
story always gets the same picture. Two stories with the same motif and
palette still get different pictures: the seed shifts the colours, adds
weather and a sun or moon, and frames the scene (mirrored, closer, off
centre). Writers' portraits (``draw_portrait``) are drawn the same way.
"""

from __future__ import annotations

import colorsys
import io
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

SIZE = (1600, 900)

PALETTES: dict[str, dict[str, tuple[int, int, int]]] = {
    "dawn": {
        "sky": (250, 205, 160),
        "sky2": (240, 150, 130),
        "ground": (70, 60, 80),
        "a": (40, 35, 55),
        "b": (255, 235, 190),
    },
    "dusk": {
        "sky": (60, 50, 110),
        "sky2": (230, 120, 90),
        "ground": (30, 30, 45),
        "a": (15, 15, 25),
        "b": (255, 200, 120),
    },
    "grey": {
        "sky": (200, 205, 210),
        "sky2": (150, 155, 165),
        "ground": (90, 95, 100),
        "a": (45, 50, 55),
        "b": (235, 235, 230),
    },
    "green": {
        "sky": (200, 230, 240),
        "sky2": (160, 210, 230),
        "ground": (70, 130, 70),
        "a": (35, 75, 40),
        "b": (250, 245, 200),
    },
    "blue": {
        "sky": (120, 170, 220),
        "sky2": (60, 110, 180),
        "ground": (30, 60, 100),
        "a": (15, 35, 60),
        "b": (230, 240, 250),
    },
    "red": {
        "sky": (240, 190, 170),
        "sky2": (190, 60, 50),
        "ground": (90, 30, 30),
        "a": (50, 15, 15),
        "b": (255, 230, 200),
    },
    "gold": {
        "sky": (250, 230, 160),
        "sky2": (220, 170, 70),
        "ground": (120, 90, 40),
        "a": (70, 50, 20),
        "b": (255, 250, 230),
    },
    "night": {
        "sky": (20, 25, 50),
        "sky2": (45, 55, 100),
        "ground": (15, 15, 25),
        "a": (5, 5, 10),
        "b": (250, 230, 150),
    },
}

Painter = Callable[[ImageDraw.ImageDraw, dict, random.Random], None]
W, H = SIZE
HORIZON = int(H * 0.68)


def _sky(draw: ImageDraw.ImageDraw, colours: dict) -> None:
    top, bottom = colours["sky"], colours["sky2"]
    for y in range(HORIZON):
        t = y / HORIZON
        draw.line(
            [(0, y), (W, y)], fill=tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        )
    draw.rectangle([0, HORIZON, W, H], fill=colours["ground"])


def _harbour(d, c, r):
    d.rectangle([0, HORIZON, W, H], fill=_mix(c["ground"], c["sky2"], 0.3))
    for i in range(r.randint(3, 5)):
        x = 150 + i * 300 + r.randint(-40, 40)
        d.rectangle([x, 200, x + 24, HORIZON], fill=c["a"])
        d.polygon([(x - 160, 230), (x + 220, 230), (x + 220, 250), (x - 160, 250)], fill=c["a"])
        d.line([(x + 12, 200), (x - 140, 240)], fill=c["a"], width=6)
    for i in range(9):
        x = 80 + i * 170
        d.rectangle([x, HORIZON - 90, x + 150, HORIZON], fill=_mix(c["b"], c["sky2"], (i % 3) / 3))


def _city(d, c, r):
    x = 0
    while x < W:
        w, h = r.randint(90, 200), r.randint(150, 480)
        d.rectangle([x, HORIZON - h, x + w, HORIZON], fill=c["a"])
        for wy in range(HORIZON - h + 20, HORIZON - 20, 40):
            for wx in range(x + 15, x + w - 20, 35):
                if r.random() < 0.45:
                    d.rectangle([wx, wy, wx + 14, wy + 20], fill=c["b"])
        x += w + r.randint(5, 25)


def _parliament(d, c, r):
    d.rectangle([200, 380, 1400, HORIZON], fill=c["a"])
    d.rectangle([1150, 120, 1260, 380], fill=c["a"])
    d.polygon([(1140, 120), (1270, 120), (1205, 40)], fill=c["a"])
    d.ellipse([1170, 160, 1240, 230], fill=c["b"])
    for x in range(230, 1380, 60):
        d.rectangle([x, 420, x + 25, 520], fill=c["b"])


def _field(d, c, r):
    for i in range(14):
        y = HORIZON + i * 20
        d.line([(0, y), (W, y + r.randint(-10, 10))], fill=_mix(c["ground"], c["b"], 0.25), width=4)
    d.ellipse([1150, 100, 1330, 280], fill=c["b"])
    d.polygon([(250, HORIZON), (330, HORIZON - 110), (410, HORIZON)], fill=c["a"])
    d.rectangle([270, HORIZON - 60, 390, HORIZON], fill=c["a"])


def _stadium(d, c, r):
    d.rectangle([0, HORIZON - 40, W, H], fill=(60, 140, 70))
    d.polygon([(0, 120), (W, 120), (W, 380), (0, 380)], fill=c["a"])
    for y in range(150, 370, 30):
        for x in range(10, W, 22):
            if r.random() < 0.7:
                d.ellipse([x, y, x + 12, y + 12], fill=_mix(c["b"], c["sky2"], r.random()))
    d.line([(W // 2, HORIZON - 40), (W // 2, H)], fill=(240, 240, 240), width=6)
    d.ellipse([W // 2 - 120, 680, W // 2 + 120, 860], outline=(240, 240, 240), width=6)


def _stage(d, c, r):
    d.rectangle([0, 0, W, H], fill=c["a"])
    d.polygon(
        [(W // 2 - 80, 0), (W // 2 + 80, 0), (W // 2 + 420, 760), (W // 2 - 420, 760)],
        fill=_mix(c["b"], c["a"], 0.35),
    )
    d.rectangle([0, 760, W, H], fill=c["ground"])
    d.rectangle([0, 0, 220, H], fill=c["sky2"])
    d.rectangle([W - 220, 0, W, H], fill=c["sky2"])
    d.ellipse([W // 2 - 50, 470, W // 2 + 50, 570], fill=c["a"])
    d.rectangle([W // 2 - 60, 560, W // 2 + 60, 760], fill=c["a"])


def _books(d, c, r):
    d.rectangle([0, 0, W, H], fill=c["sky"])
    for shelf in (300, 600, 880):
        d.rectangle([100, shelf, W - 100, shelf + 20], fill=c["a"])
        x = 120
        while x < W - 160:
            w, h = r.randint(30, 70), r.randint(160, 250)
            d.rectangle([x, shelf - h, x + w, shelf], fill=_mix(c["sky2"], c["ground"], r.random()))
            x += w + 6


def _hospital(d, c, r):
    d.rectangle([300, 220, 1300, HORIZON], fill=c["b"])
    for y in range(260, HORIZON - 60, 80):
        for x in range(340, 1260, 90):
            d.rectangle([x, y, x + 50, y + 45], fill=c["sky2"])
    d.rectangle([740, 120, 860, 240], fill=c["a"])
    d.rectangle([785, 135, 815, 225], fill=c["b"])
    d.rectangle([755, 165, 845, 195], fill=c["b"])


def _rain(d, c, r):
    _city(d, c, r)
    for _ in range(500):
        x, y = r.randint(0, W), r.randint(0, H)
        d.line([(x, y), (x - 12, y + 40)], fill=_mix(c["b"], c["sky"], 0.5), width=2)


def _sun(d, c, r):
    d.ellipse([W // 2 - 180, 120, W // 2 + 180, 480], fill=c["b"])
    for i in range(6):
        y = HORIZON + 20 + i * 35
        d.line(
            [(100 + i * 60, y), (W - 100 - i * 60, y)],
            fill=_mix(c["ground"], c["b"], 0.35),
            width=5,
        )


def _mountains(d, c, r):
    for layer, shade in enumerate((0.6, 0.3, 0.0)):
        pts = [(0, HORIZON)]
        x = 0
        while x < W:
            x += r.randint(150, 300)
            pts.append((x, r.randint(180 + layer * 80, 450 + layer * 60)))
        pts += [(W, HORIZON), (0, HORIZON)]
        d.polygon(pts, fill=_mix(c["a"], c["sky2"], shade))


def _crowd(d, c, r):
    for row in range(4):
        y = 380 + row * 110
        for x in range(-40, W + 40, 70):
            x += r.randint(-15, 15)
            colour = _mix(c["a"], c["sky2"], r.random() * 0.5 + row * 0.05)
            d.ellipse([x, y, x + 60, y + 60], fill=colour)
            d.rectangle([x - 10, y + 55, x + 70, y + 200], fill=colour)
    for _ in range(4):
        x = r.randint(100, W - 300)
        d.rectangle([x, 200, x + 240, 320], fill=c["b"])
        d.line([(x + 120, 320), (x + 120, 420)], fill=c["a"], width=8)


def _train(d, c, r):
    d.line([(0, HORIZON + 40), (W, HORIZON + 40)], fill=c["a"], width=10)
    d.rounded_rectangle([150, HORIZON - 200, 1450, HORIZON + 20], radius=40, fill=c["sky2"])
    for x in range(220, 1400, 150):
        d.rectangle([x, HORIZON - 160, x + 100, HORIZON - 90], fill=c["b"])
    for x in range(250, 1400, 300):
        d.ellipse([x, HORIZON, x + 60, HORIZON + 60], fill=c["a"])


def _factory(d, c, r):
    d.rectangle([200, 380, 1400, HORIZON], fill=c["a"])
    for x in range(200, 1400, 200):
        d.polygon([(x, 380), (x + 200, 380), (x + 200, 300)], fill=c["a"])
    for x in (1000, 1150):
        d.rectangle([x, 120, x + 60, 380], fill=c["a"])
        for i in range(4):
            d.ellipse(
                [x - 30 + i * 40, 40 - i * 25, x + 90 + i * 40, 120 - i * 25],
                fill=_mix(c["sky"], c["b"], 0.5),
            )


def _classroom(d, c, r):
    d.rectangle([0, 0, W, H], fill=c["sky"])
    d.rectangle([300, 120, 1300, 480], fill=(40, 70, 55))
    for i in range(5):
        d.line(
            [(360, 180 + i * 55), (360 + r.randint(300, 800), 180 + i * 55)],
            fill=(230, 230, 220),
            width=5,
        )
    for x in range(150, 1450, 260):
        d.rectangle([x, 640, x + 200, 680], fill=c["a"])
        d.rectangle([x + 20, 680, x + 40, 820], fill=c["a"])
        d.rectangle([x + 160, 680, x + 180, 820], fill=c["a"])


def _ballot(d, c, r):
    d.rectangle([0, 0, W, H], fill=c["sky"])
    d.rectangle([550, 380, 1050, 800], fill=c["a"])
    d.rectangle([690, 360, 910, 390], fill=c["ground"])
    d.polygon([(700, 120), (900, 100), (920, 370), (720, 390)], fill=c["b"])
    d.line([(760, 220), (800, 270), (870, 170)], fill=c["sky2"], width=14)


def _river(d, c, r):
    d.polygon(
        [(500, HORIZON), (1100, HORIZON), (1500, H), (100, H)], fill=_mix(c["sky2"], c["b"], 0.3)
    )
    for i in range(10):
        y = HORIZON + 20 + i * 25
        d.line([(550 - i * 40, y), (1050 + i * 40, y)], fill=_mix(c["sky"], c["b"], 0.5), width=2)
    for x in range(0, 480, 90):
        d.rectangle([x, HORIZON - r.randint(60, 180), x + 70, HORIZON], fill=c["a"])


def _street(d, c, r):
    _city(d, c, r)
    d.polygon(
        [(700, HORIZON), (900, HORIZON), (1400, H), (200, H)], fill=_mix(c["ground"], c["b"], 0.15)
    )
    for y in range(HORIZON + 20, H, 60):
        d.rectangle([795, y, 805, y + 30], fill=c["b"])


def _gallery(d, c, r):
    d.rectangle([0, 0, W, H], fill=c["b"])
    d.rectangle([0, 760, W, H], fill=c["ground"])
    for x in range(150, 1450, 450):
        d.rectangle([x, 200, x + 320, 560], fill=c["a"])
        d.rectangle([x + 20, 220, x + 300, 540], fill=_mix(c["sky"], c["sky2"], r.random()))
        d.ellipse([x + 90, 300, x + 230, 440], fill=_mix(c["sky2"], c["ground"], r.random()))


def _court(d, c, r):
    d.rectangle([300, 300, 1300, HORIZON], fill=c["b"])
    d.polygon([(260, 300), (1340, 300), (800, 130)], fill=c["b"])
    for x in range(350, 1300, 120):
        d.rectangle([x, 330, x + 40, HORIZON], fill=_mix(c["b"], c["a"], 0.3))
    d.rectangle([260, HORIZON - 30, 1340, HORIZON], fill=c["a"])


PAINTERS: dict[str, Painter] = {
    "harbour": _harbour,
    "city": _city,
    "parliament": _parliament,
    "field": _field,
    "stadium": _stadium,
    "stage": _stage,
    "books": _books,
    "hospital": _hospital,
    "rain": _rain,
    "sun": _sun,
    "mountains": _mountains,
    "crowd": _crowd,
    "train": _train,
    "factory": _factory,
    "classroom": _classroom,
    "ballot": _ballot,
    "river": _river,
    "street": _street,
    "gallery": _gallery,
    "court": _court,
}


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _shifted(colours: dict, r: random.Random) -> dict:
    """The palette turned a little round the colour wheel, lighter or darker: one per story."""
    turn, light, saturation = r.uniform(-0.07, 0.07), r.uniform(-0.08, 0.08), r.uniform(0.8, 1.2)
    shifted = {}
    for name, (red, green, blue) in colours.items():
        h, lightness, s = colorsys.rgb_to_hls(red / 255, green / 255, blue / 255)
        rgb = colorsys.hls_to_rgb(
            (h + turn) % 1.0, min(1.0, max(0.0, lightness + light)), min(1.0, s * saturation)
        )
        shifted[name] = tuple(int(channel * 255) for channel in rgb)
    return shifted


def _weather(d: ImageDraw.ImageDraw, c: dict, r: random.Random) -> None:
    """A sun or moon, clouds and birds, placed by the seed, behind the scene."""
    x, y, radius = r.randint(100, W - 100), r.randint(60, HORIZON - 260), r.randint(40, 110)
    d.ellipse([x - radius, y - radius, x + radius, y + radius], fill=_mix(c["b"], c["sky"], 0.2))
    for _ in range(r.randint(0, 5)):
        cx, cy, w = r.randint(-100, W), r.randint(30, HORIZON - 200), r.randint(160, 420)
        shade = _mix(c["sky"], c["b"], r.uniform(0.3, 0.7))
        for k in range(3):
            d.ellipse(
                [cx + k * w // 4, cy - k % 2 * 30, cx + k * w // 4 + w // 2, cy + 60], fill=shade
            )
    for _ in range(r.randint(0, 9)):
        bx, by, span = r.randint(0, W), r.randint(40, HORIZON - 200), r.randint(12, 30)
        d.line(
            [(bx - span, by - span // 2), (bx, by), (bx + span, by - span // 2)],
            fill=c["a"],
            width=4,
        )


def _framed(image: Image.Image, r: random.Random) -> Image.Image:
    """Mirrored or not, and a closer look at part of the scene."""
    if r.random() < 0.5:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    zoom = r.uniform(0.72, 1.0)
    w, h = int(W * zoom), int(H * zoom)
    left, top = r.randint(0, W - w), r.randint(0, H - h)
    return image.crop((left, top, left + w, top + h)).resize(SIZE)


def draw_illustration(motif: str, palette: str, seed: str, size: tuple[int, int] = SIZE) -> bytes:
    """A JPEG of the motif in the palette, made distinct by the seed; unknown names are an error."""
    if motif not in PAINTERS:
        raise ValueError(f"Unknown motif {motif!r}; choose one of {', '.join(sorted(PAINTERS))}.")
    if palette not in PALETTES:
        raise ValueError(
            f"Unknown palette {palette!r}; choose one of {', '.join(sorted(PALETTES))}."
        )
    r = random.Random(seed)
    colours = _shifted(PALETTES[palette], r)
    image = Image.new("RGB", SIZE, colours["sky"])
    draw = ImageDraw.Draw(image)
    _sky(draw, colours)
    _weather(draw, colours, r)
    PAINTERS[motif](draw, colours, r)
    return _jpeg(_framed(image, r), size)


def draw_portrait(seed: str, size: tuple[int, int] = (800, 800)) -> bytes:
    """A writer's picture: head and shoulders on a plain ground, different for every seed."""
    r = random.Random(seed)
    canvas = 800
    ground = _shifted(PALETTES[r.choice(sorted(PALETTES))], r)
    skin = r.choice([(241, 204, 170), (224, 172, 132), (198, 134, 96), (141, 85, 54), (96, 60, 40)])
    hair = r.choice([(30, 24, 20), (92, 60, 30), (180, 140, 80), (140, 140, 140), (120, 40, 20)])
    cloth = _mix(ground["a"], ground["sky2"], r.uniform(0.2, 0.8))
    image = Image.new("RGB", (canvas, canvas), _mix(ground["sky"], ground["b"], 0.3))
    d = ImageDraw.Draw(image)
    cx = 400 + r.randint(-30, 30)
    d.ellipse([cx - 300, 560, cx + 300, 1100], fill=cloth)  # shoulders
    d.rectangle([cx - 55, 470, cx + 55, 600], fill=skin)  # neck
    head_w, head_h = r.randint(130, 160), r.randint(165, 195)
    top = 390 - head_h
    if r.random() < 0.6:  # long hair behind the head
        d.rounded_rectangle([cx - head_w - 25, top - 10, cx + head_w + 25, 560], 90, fill=hair)
    d.ellipse([cx - head_w, top, cx + head_w, 390 + head_h // 2], fill=skin)
    d.chord([cx - head_w - 8, top - 25, cx + head_w + 8, top + head_h], 180, 360, fill=hair)
    eye_y = 350 + r.randint(-10, 10)
    for side in (-1, 1):
        ex = cx + side * head_w // 2.6
        d.ellipse([ex - 12, eye_y - 12, ex + 12, eye_y + 12], fill=(40, 30, 30))
    d.arc([cx - 50, eye_y + 50, cx + 50, eye_y + 110], 20, 160, fill=(120, 50, 50), width=8)
    if r.random() < 0.35:  # glasses
        for side in (-1, 1):
            ex = cx + side * head_w // 2.6
            d.ellipse([ex - 38, eye_y - 32, ex + 38, eye_y + 32], outline=(30, 30, 30), width=7)
    return _jpeg(image, size)


def _jpeg(image: Image.Image, size: tuple[int, int]) -> bytes:
    if image.size != size:
        image = image.resize(size)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
