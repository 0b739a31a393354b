"""Minimal PNG writing and reading (8-bit RGBA) with zlib and struct only.

Why not Pillow: two small icons do not justify a dependency; reading back is for the tests and
for the builder's own size check.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

SIGNATURE = b"\x89PNG\r\n\x1a\n"
Pixel = tuple[int, int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def encode_rgba(rows: Sequence[Sequence[Pixel]]) -> bytes:
    """A PNG (colour type 6, 8 bits, no interlace) of the given rows of RGBA pixels."""
    height = len(rows)
    width = len(rows[0]) if height else 0
    if not height or not width or any(len(row) != width for row in rows):
        raise ValueError("rows must be a non-empty rectangle")
    raw = bytearray()
    for row in rows:
        raw.append(0)  # filter: none
        for pixel in row:
            raw.extend(pixel)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(bytes(raw), 9)) \
        + _chunk(b"IEND", b"")


def decode_rgba(data: bytes) -> list[list[Pixel]]:
    """Rows of RGBA pixels from a PNG written by `encode_rgba` (filter type 0 only)."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    pos, header, idat = len(SIGNATURE), b"", bytearray()
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if zlib.crc32(kind + body) & 0xFFFFFFFF != struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]:
            raise ValueError(f"bad CRC in {kind!r}")
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.extend(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if (depth, colour, interlace) != (8, 6, 0):
        raise ValueError("only 8-bit RGBA, not interlaced")
    raw, stride = zlib.decompress(bytes(idat)), width * 4 + 1
    rows: list[list[Pixel]] = []
    for y in range(height):
        line = raw[y * stride:(y + 1) * stride]
        if line[0] != 0:
            raise ValueError("only filter type 0")
        rows.append([(line[i], line[i + 1], line[i + 2], line[i + 3])
                     for i in range(1, 4 * width, 4)])
    return rows


def size_of(data: bytes) -> tuple[int, int]:
    """(width, height) from the IHDR chunk."""
    if not data.startswith(SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])
