#!/usr/bin/env python3
"""The app's icon, drawn from its own artwork: the compare view's radar of the
eight needs with the CIO's emphasis (blue) and the CTO's (green) overlaid, in
the app's dark theme. Written as PNG with the standard library only.
  make_icon.py SIZE OUT.png"""
import math
import struct
import sys
import zlib

# Colours of the app (app/ui/widgets.cpp, style.cpp): background, CIO, CTO, grid.
BACKGROUND = (28, 30, 35)
CIO = (46, 112, 222)
CTO = (26, 153, 115)
GRID = (90, 96, 110)
# The role models' weights per need, in the radar's order (assets/rolemodels.json).
CIO_WEIGHTS = [1.0, 1.0, 0.9, 0.85, 0.35, 0.15, 0.2, 0.3]
CTO_WEIGHTS = [0.35, 0.45, 0.4, 0.35, 0.95, 1.0, 0.95, 0.9]
SAMPLES = 3  # per pixel and axis: anti-aliasing by supersampling


def polygon(weights, radius, cx, cy):
    n = len(weights)
    return [(cx + radius * w * math.sin(2 * math.pi * i / n), cy - radius * w * math.cos(2 * math.pi * i / n))
            for i, w in enumerate(weights)]


def inside(point, poly):
    x, y = point
    hit = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def near_outline(point, poly, width):
    x, y = point
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % len(poly)]
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        if math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= width:
            return True
    return False


def blend(under, over, alpha):
    return tuple(u + (o - u) * alpha for u, o in zip(under, over))


def colour_at(x, y, size, grid, cio, cto):
    colour = BACKGROUND
    if near_outline((x, y), grid, size * 0.008):
        colour = GRID
    for poly, tint in ((cio, CIO), (cto, CTO)):
        if inside((x, y), poly):
            colour = blend(colour, tint, 0.45)
        if near_outline((x, y), poly, size * 0.012):
            colour = tint
    return colour


def main():
    size, out = int(sys.argv[1]), sys.argv[2]
    # Everything within the middle 80%: the safe zone of a maskable icon.
    radius, c = size * 0.36, size / 2
    shapes = (polygon([1.0] * 8, radius, c, c), polygon(CIO_WEIGHTS, radius, c, c), polygon(CTO_WEIGHTS, radius, c, c))
    # The colour at every pixel corner, each computed once (four pixels share
    # a corner): away from every edge a pixel's corners agree and it takes
    # that colour without sampling.
    lattice = [[colour_at(x, y, size, *shapes) for x in range(size + 1)] for y in range(size + 1)]
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            corners = {lattice[py + dy][px + dx] for dx in (0, 1) for dy in (0, 1)}
            if len(corners) == 1:
                row += bytes(round(v) for v in corners.pop())
                continue
            total = [0.0, 0.0, 0.0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    r, g, b = colour_at(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES, size, *shapes)
                    total[0] += r
                    total[1] += g
                    total[2] += b
            row += bytes(round(t / SAMPLES / SAMPLES) for t in total)
        rows.append(bytes(row))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(out, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main()
