#!/usr/bin/env python3
"""png_pass.py BIN - PNG pictures in the PDF (src/render/pngpass.c).

A book shows PNGs of every kind the PDF can take as they are (grey of 1, 2,
4 and 8 bits, RGB, palettes of 1 to 8 bits; rows with each of the five PNG
filters; the data split over several IDAT chunks), with an alpha channel
(grey or RGB, some transparent or all opaque) and of the kinds left to
cairo (interlaced, 16 bits, a transparent colour). Each PDF image, decoded
by qpdf and turned into RGB from its colour space, must show the file's
pixels, as decoded here from the PNG: the first kinds as the file's own
compressed rows (/Predictor 15), those with alpha with a soft mask holding
the file's alpha (none when all is opaque). A PNG whose data fails its
checksum, or holds its checksums but does not inflate, is an error at its
line.
"""
import os
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PdfObjects, build, fail, new_book  # noqa: E402
from common import png_chunk as chunk  # noqa: E402

BIN = sys.argv[1]


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filtered(rows, bpp):
    """The rows with filters 0-4 in turn (the PNG's encoder side)."""
    out, prev = b"", bytes(len(rows[0]))
    for y, row in enumerate(rows):
        f = y % 5
        line = bytearray()
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][f]
            line.append((x - pred) & 255)
        out += bytes([f]) + bytes(line)
        prev = row
    return out


def unfiltered(raw, h, stride, bpp):
    """The rows of a non-interlaced PNG's inflated data (the decoder side)."""
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + [0, a, b, (a + b) // 2, paeth(a, b, c)][f]) & 255
        rows.append(bytes(line))
        prev = line
    return rows


def samples(row, w, depth, n):
    """Unpacked samples of one row of w pixels with n samples each."""
    if depth == 8:
        return list(row[:w * n])
    per = 8 // depth
    return [(row[i // per] >> (8 - depth * (i % per + 1))) & ((1 << depth) - 1)
            for i in range(w * n)]


def to_rgb(rows, w, depth, n, palette=None):
    """RGB triples of rows of samples: grey scaled to 8 bits, or a palette."""
    out = []
    top = (1 << depth) - 1
    for row in rows:
        s = samples(row, w, depth, n)
        if palette is not None:
            for i in s:
                out.append(tuple(palette[3 * i:3 * i + 3]))
        elif n == 1:
            out.extend((v * 255 // top,) * 3 for v in s)
        else:
            out.extend(tuple(s[i:i + 3]) for i in range(0, len(s), 3))
    return out


def make_png(path, w, h, depth, ctype, palette=None, interlace=0, extra=b"", split=1,
             opaque=False):
    n = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    bits = depth * n
    stride = (w * bits + 7) // 8
    rows = [bytes((x * 37 + y * 11 + (x * y) % 7) & 255 for x in range(stride)) for y in range(h)]
    if opaque:  # every alpha sample 255
        rows = [bytes(255 if i % n == n - 1 else v for i, v in enumerate(r)) for r in rows]
    if ctype == 3 and depth == 8:  # indices within the palette
        rows = [bytes(v % (len(palette) // 3) for v in r) for r in rows]
    if interlace:  # Adam7, for 8-bit samples: seven smaller images in turn
        bpp, raw = bits // 8, b""
        for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
                               (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)):
            sub = [b"".join(r[x * bpp:(x + 1) * bpp] for x in range(x0, w, dx))
                   for r in rows[y0::dy]]
            if sub and sub[0]:
                raw += filtered(sub, bpp)
        data = zlib.compress(raw)
    else:
        data = zlib.compress(filtered(rows, max(1, bits // 8)))
    parts = [data[i * len(data) // split:(i + 1) * len(data) // split] for i in range(split)]
    head = struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace)
    body = chunk(b"IHDR", head) + (chunk(b"PLTE", bytes(palette)) if palette else b"") + extra
    body += b"".join(chunk(b"IDAT", p) for p in parts) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + body)
    return rows


def png_rgb(path, alpha=False):
    """The PNG's pixels as RGB triples, decoded here (non-interlaced); with
    alpha, (RGB triples, alpha values) of a PNG with an alpha channel."""
    d = open(path, "rb").read()
    w, h, depth, ctype = struct.unpack(">IIBB", d[16:26])
    at, idat, palette = 8, b"", None
    while at < len(d):
        (n,) = struct.unpack(">I", d[at:at + 4])
        kind, body = d[at + 4:at + 8], d[at + 8:at + 8 + n]
        if kind == b"IDAT":
            idat += body
        elif kind == b"PLTE":
            palette = body
        at += 12 + n
    k = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    stride = (w * depth * k + 7) // 8
    rows = unfiltered(zlib.decompress(idat), h, stride, max(1, depth * k // 8))
    if alpha:  # 8-bit grey or RGB with alpha
        c = k - 1
        # The colour as cairo writes it: premultiplied (as an image surface
        # holds it) and divided again; black where transparent.
        color = [bytes(v if r[i - i % k + c] == 255 else 0 if r[i - i % k + c] == 0 else
                       (v * r[i - i % k + c] // 255 * 255 + r[i - i % k + c] // 2) // r[i - i % k + c]
                       for i, v in enumerate(r) if i % k < c) for r in rows]
        return to_rgb(color, w, 8, c), [v for r in rows for i, v in enumerate(r) if i % k == c]
    return to_rgb(rows, w, depth, k, palette if ctype == 3 else None)


def pdf_rgb(objs, ref, d):
    """The PDF image's pixels as RGB triples (qpdf decodes the data)."""
    w, h, depth = d["/Width"], d["/Height"], d["/BitsPerComponent"]
    cs = objs.get(d["/ColorSpace"])
    data = objs.stream_data(ref)
    palette = None
    if isinstance(cs, list):  # [/Indexed /DeviceRGB hival <palette>]
        if cs[0] != "/Indexed" or cs[1] != "/DeviceRGB":
            fail(f"image {ref}: colour space {cs}")
        p = objs.get(cs[3])
        palette = bytes.fromhex(p[2:]) if p.startswith("b:") else p[2:].encode("ascii")
        n = 1
    else:
        n = {"/DeviceGray": 1, "/DeviceRGB": 3}[cs]
    stride = (w * depth * n + 7) // 8
    rows = [data[y * stride:(y + 1) * stride] for y in range(h)]
    return to_rgb(rows, w, depth, n, palette)


book = new_book("PNG kinds")
work = os.path.dirname(book)
# Palettes of k entries (2 ** depth below 8 bits), of printable bytes: qpdf's
# JSON gives a string of those as text.
pal = lambda k: [0x30 + (i * 53 + 17) % 75 for i in range(3 * k)]  # noqa: E731
kinds = {  # name: (width, make_png arguments, how it passes: rows, alpha or None)
    "grey1": (41, dict(depth=1, ctype=0), "rows"),
    "grey2": (42, dict(depth=2, ctype=0), "rows"),
    "grey4": (43, dict(depth=4, ctype=0), "rows"),
    "grey8": (44, dict(depth=8, ctype=0), "rows"),
    "rgb8": (45, dict(depth=8, ctype=2, split=3), "rows"),
    "pal1": (46, dict(depth=1, ctype=3, palette=pal(2)), "rows"),
    "pal2": (47, dict(depth=2, ctype=3, palette=pal(4)), "rows"),
    "pal4": (48, dict(depth=4, ctype=3, palette=pal(16)), "rows"),
    "pal8": (49, dict(depth=8, ctype=3, palette=pal(200)), "rows"),
    "rgba8": (51, dict(depth=8, ctype=6), "alpha"),
    "greya8": (54, dict(depth=8, ctype=4), "alpha"),
    "rgba8-opaque": (55, dict(depth=8, ctype=6, opaque=True), "opaque"),
    "rgb16": (50, dict(depth=16, ctype=2), None),
    "trns": (52, dict(depth=8, ctype=2, extra=chunk(b"tRNS", b"\0\1\0\2\0\3")), None),
    "interlaced": (53, dict(depth=8, ctype=2, interlace=1), None),
}
for i, (name, (w, args, _)) in enumerate(sorted(kinds.items())):
    make_png(f"{book}/images/{name}.png", w, 30, **args)
    with open(f"{book}/articles/a{i:02d}.md", "w") as f:
        f.write(f"---\ntitle: {name}\ndate: 2020-01-{i + 1:02d}\n---\n\n"
                f"![{name}](../images/{name}.png \"{name}\")\n")

pdf = build(BIN, book, "pdf")["pdf"]
objs = PdfObjects(pdf, streams=True)  # the data decoded, the filters gone
raw = PdfObjects(pdf)
images = {k[4:]: o["stream"]["dict"] for k, o in raw.objs.items()
          if isinstance(o, dict) and "stream" in o and o["stream"]["dict"].get("/Subtype") == "/Image"}
masks = {d["/SMask"] for d in images.values() if "/SMask" in d}
found = {}
for ref, d in images.items():
    if ref not in masks:
        found.setdefault(d["/Width"], []).append((ref, d))
checked = 0
for name, (w, args, passes) in sorted(kinds.items()):
    imgs = [(r, d) for r, d in found.get(w, []) if d.get("/Height") == 30]
    if len(imgs) != 1:
        fail(f"{name}: {len(imgs)} images of {w} x 30 in the PDF, not 1")
    ref, d = imgs[0]
    rows = (d.get("/DecodeParms") or {}).get("/Predictor") == 15
    if (passes == "rows") != rows:
        fail(f"{name}: {'not ' if passes == 'rows' else ''}passed as the file's rows: {d}")
    if (passes == "alpha") != ("/SMask" in d) and passes is not None:
        fail(f"{name}: soft mask {'missing' if passes == 'alpha' else 'made'}: {d}")
    if passes is None and d.get("/Filter") != "/FlateDecode":
        fail(f"{name}: not an image of pixels: {d}")
    if passes is None:
        continue
    path = f"{book}/images/{name}.png"
    want, want_alpha = png_rgb(path, True) if passes != "rows" else (png_rgb(path), None)
    got = pdf_rgb(objs, ref, d)
    if got != want:
        bad = next(i for i in range(len(want)) if i >= len(got) or got[i] != want[i])
        fail(f"{name}: pixel {bad} is {got[bad] if bad < len(got) else None}, "
             f"the file has {want[bad]}")
    if passes == "alpha" and list(objs.stream_data(d["/SMask"])) != want_alpha:
        fail(f"{name}: the soft mask is not the file's alpha")
    checked += 1

# Checksums that hold over data that does not inflate: decoded, so refused.
broken = os.path.join(work, "broken")
os.makedirs(broken + "/articles")
os.makedirs(broken + "/images")
with open(broken + "/book.yml", "w") as f:
    f.write("title: Broken PNG\n")
for name, ctype, n in (("b", 2, 3), ("c", 6, 4)):  # RGB, and RGB with alpha
    rows = [bytes((x * 7) & 255 for x in range(40 * n)) for _ in range(30)]
    data = bytearray(zlib.compress(filtered(rows, n)))
    data[4] ^= 0xff  # damaged at the start of the deflate stream
    with open(f"{broken}/images/{name}.png", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 30, 8, ctype, 0, 0, 0))
                + chunk(b"IDAT", bytes(data)) + chunk(b"IEND", b""))
with open(broken + "/articles/a.md", "w") as f:
    f.write("---\ntitle: Broken\ndate: 2020-01-01\n---\n\nText.\n\n![b](../images/b.png)\n\n"
            "![c](../images/c.png)\n")
out = os.path.join(work, "broken-out")
r = subprocess.run([BIN, "build", broken, "-f", "pdf", "-o", out, "-q"], capture_output=True, text=True)
if (r.returncode != 1 or "a.md:8: error:" not in r.stderr or "a.md:10: error:" not in r.stderr
        or "libpng" in r.stderr or os.path.exists(out + "/broken-png.pdf")):
    fail(f"PNGs whose data does not inflate: exit {r.returncode}, {r.stderr.strip()!r}")

# A checksum that fails: the picture is refused at its line, no PDF.
bad = os.path.join(work, "bad")
os.makedirs(bad + "/articles")
os.makedirs(bad + "/images")
with open(bad + "/book.yml", "w") as f:
    f.write("title: Bad PNG\n")
make_png(bad + "/images/b.png", 40, 30, 8, 2)
data = bytearray(open(bad + "/images/b.png", "rb").read())
at = data.index(b"IDAT") + 10
data[at] ^= 0x40  # in the compressed data: the chunk's checksum no longer holds
open(bad + "/images/b.png", "wb").write(bytes(data))
with open(bad + "/articles/a.md", "w") as f:
    f.write("---\ntitle: Bad\ndate: 2020-01-01\n---\n\nText.\n\n![b](../images/b.png)\n")
out = os.path.join(work, "bad-out")
r = subprocess.run([BIN, "build", bad, "-f", "pdf", "-o", out, "-q"], capture_output=True, text=True)
if r.returncode != 1 or "a.md:8: error:" not in r.stderr or os.path.exists(out + "/bad-png.pdf"):
    fail(f"a PNG failing its checksum: exit {r.returncode}, {r.stderr.strip()!r}")
print(f"png_pass: {checked} PNG kinds carried with the file's pixels (and alpha), "
      f"{len(kinds) - checked} decoded by cairo's way; damaged data is an error at its line")
