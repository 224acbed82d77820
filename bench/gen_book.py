#!/usr/bin/env python3
"""gen_book.py N DIR [--plain DIR2] - writes a deterministic synthetic
collection of N articles (about 1,400 words each, with headings, lists, code,
tables, quotes, footnotes and cross links) as an autochitect book folder.

With --plain DIR2 it also writes DIR2/book.md: the same articles as one plain
Markdown document for other tools (pandoc and the tools it feeds). It opens
with a YAML title block (title, author, lang); each article becomes a `#`
heading (its title) followed by a line with its date and tags, its summary in
italics and its body; footnote labels are made unique per article and links
to other articles (`a0002.md`) become links to their headings (`#a0002`).

With --images the articles also show pictures, as a picture-heavy blog
does: about five for every four articles, in turn a PNG screenshot (some
with transparency), a JPEG photograph (made with `cjpeg` from
libjpeg-turbo-progs) and an SVG diagram or chart, of the sizes such files
have (PNG 800-1,600 pixels wide, JPEG about 1,200 x 800 at quality 85, SVG of
50-600 elements), written to DIR/images/; every tenth article also shows the
book's logo, one file used many times.

The output depends only on N and --images: the same arguments always give
the same bytes."""
import argparse
import math
import os
import random
import re
import struct
import subprocess
import zlib

WORDS = ("replica leader follower quorum commit log entry term vote lease fence "
         "token shard partition queue buffer socket stream frame packet window "
         "latency throughput durable journal segment index cache page heap arena "
         "slab collector barrier pointer thread scheduler kernel driver protocol "
         "handshake congestion backoff retry timeout deadline budget capacity "
         "consensus gossip membership snapshot compaction checkpoint recovery").split()
TOPICS = ["Storage", "Networking", "Distributed Systems", "Runtime", "Compilers"]
TITLE = "Synthetic Collection"
AUTHOR = "Generator"


def sentence(rng, n=None):
    n = n or rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def styled_paragraph(rng):
    """A paragraph with some inline markup: emphasis, strong, code."""
    p = paragraph(rng).split(" ")
    for mark in ("*", "**", "`"):
        k = rng.randrange(1, len(p) - 1)
        p[k] = mark + p[k].rstrip(".") + mark + ("." if p[k].endswith(".") else "")
    return " ".join(p)


def article(rng, i, n):
    """Returns (front matter dict, body Markdown) of article i of n."""
    topic = TOPICS[i % len(TOPICS)]
    tags = [topic, TOPICS[(i * 7 + 3) % len(TOPICS)], f"Series {i % 11}"]
    tags = list(dict.fromkeys(tags))
    day = 1 + (i * 13) % 28
    month = 1 + (i * 5) % 12
    meta = {"title": f"Synthetic Article {i:04d}",
            "date": f"2025-{month:02d}-{day:02d}",
            "tags": tags,
            "summary": f"A generated article about {rng.choice(WORDS)} and {rng.choice(WORDS)}."}
    out = [paragraph(rng) + "[^1]", "", styled_paragraph(rng)]
    for s in range(1, 6):
        out += ["", f"## Section {s}: {rng.choice(WORDS)} {rng.choice(WORDS)}", "",
                paragraph(rng), "", styled_paragraph(rng)]
        if s == 1:
            out += [""] + [f"- {sentence(rng, 6)}" for _ in range(4)]
            out += ["", paragraph(rng)]
        if s == 2:
            out += ["", "```c", "static int step(struct node *n, int term)", "{",
                    "\tif (n->term < term)", "\t\tn->term = term;",
                    "\treturn n->commit;", "}", "```", "", paragraph(rng)]
        if s == 3:
            out += ["", "| Setting | Value | Effect |", "|:--|--:|:--|"]
            out += [f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {sentence(rng, 5)} |"
                    for _ in range(4)]
            out += ["", f"### Subsection {s}.1: {rng.choice(WORDS)}", "", paragraph(rng),
                    "", paragraph(rng)]
        if s == 4:
            out += ["", "> " + sentence(rng, 15), ">", "> " + sentence(rng, 12)]
            out += [""] + [f"{k}. {sentence(rng, 7)}" for k in range(1, 4)]
            out += ["", paragraph(rng) + "[^2]"]
        if s == 5:
            other = (i + 1) % n + 1
            out += ["", f"### Subsection {s}.1: {rng.choice(WORDS)}", "", paragraph(rng),
                    "", f"See also [article {other}](a{other:04d}.md)."]
    out += ["", "[^1]: " + sentence(rng, 10), "", "[^2]: " + sentence(rng, 12), ""]
    return meta, "\n".join(out)


def png_chunk(kind, data):
    c = kind + data
    return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xffffffff)


def png_bytes(w, h, channels, rows):
    """A PNG of 8-bit RGB (3) or RGBA (4) rows, filter 0, zlib level 6."""
    raw = b"".join(b"\0" + r for r in rows)
    color = 2 if channels == 3 else 6
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0))
            + png_chunk(b"IDAT", zlib.compress(raw, 6)) + png_chunk(b"IEND", b""))


def screenshot(rng, w, h, alpha):
    """Rows of a screenshot: a title bar, lines of text-like runs on a light
    background, a tinted sidebar; transparent margins when alpha."""
    ch = 4 if alpha else 3
    px = lambda c: bytes(c) + (b"\xff" if alpha else b"")
    clear = bytes(ch)
    bg, bar, side = px((250, 250, 248)), px((60, 64, 72)), px((232, 236, 242))
    ink = [px((30, 30, 30)), px((40, 90, 160)), px((150, 40, 40)), px((120, 120, 120)),
           px((190, 190, 190)), px((90, 90, 96))]
    margin = w // 20 if alpha else 0
    sidebar = w // 5
    body = w - 2 * margin - sidebar

    def line_row(seed_rng):
        out, x = [], 0
        while x < body - 40:
            # A word: glyph-like runs of ink and grey anti-aliasing, then a gap.
            for _ in range(seed_rng.randint(3, 9)):
                run = seed_rng.randint(1, 3)
                out.append(seed_rng.choice(ink) * run)
                x += run
            gap = seed_rng.randint(1, 8)
            out.append(bg * gap)
            x += gap
        row = b"".join(out)[:body * ch]
        return row + bg * (body - len(row) // ch)

    # A few dozen distinct rows of text, reused down the page as glyph rows are.
    text_rows = [line_row(rng) for _ in range(96)]
    edge = clear * margin
    rows = []
    for y in range(h):
        if y < h // 14:
            rows.append(edge + bar * (w - 2 * margin) + edge)
            continue
        band = (y // 18) % 3
        if y % 18 < 11 and band != 2:
            mid = text_rows[(y * 7 + y // 18) % len(text_rows)]
        else:
            mid = bg * body
        rows.append(edge + side * sidebar + mid + edge)
    return png_bytes(w, h, ch, rows)


def photo_ppm(rng, w, h):
    """A binary PPM of smooth colour waves with grain, photograph-like."""
    base = []
    for k in range(6):
        fx, ph = rng.uniform(2, 9), rng.uniform(0, 6.3)
        row = bytearray()
        for x in range(w):
            t = x / w
            for c in range(3):
                v = 128 + 90 * math.sin(fx * t * (c + 1) + ph + c) + rng.randint(-12, 12)
                row.append(max(0, min(255, int(v))))
        base.append(bytes(row))
    rows = []
    for y in range(h):
        shift = int(40 * math.sin(y / 37.0)) * 3 % (w * 3)
        r = base[(y // 60) % len(base)]
        gain = 0.6 + 0.4 * math.sin(y / 90.0) ** 2
        table = bytes(min(255, int(v * gain + 30)) for v in range(256))
        rows.append((r[shift:] + r[:shift]).translate(table))
    return b"P6\n%d %d\n255\n" % (w, h) + b"".join(rows)


def jpeg_bytes(rng, w, h):
    return subprocess.run(["cjpeg", "-quality", "85", "-optimize"], input=photo_ppm(rng, w, h),
                          stdout=subprocess.PIPE, check=True).stdout


def svg_text(rng, k):
    """A diagram of labelled boxes and arrows, or a line chart of many points."""
    w, h = 700, rng.choice([300, 350, 420, 500])
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}">',
           f"  <title>Generated figure {k}</title>",
           '  <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
           'markerHeight="8" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333333"/></marker></defs>',
           f'  <rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>',
           '  <g font-family="DejaVu Sans, sans-serif" fill="#222222">']
    if k % 3 == 2:
        pts = " ".join(f"{40 + i * 620 / 499:.1f},{h / 2 + (h / 3) * math.sin(i / 23.0) * rng.uniform(0.8, 1):.1f}"
                       for i in range(500))
        out.append(f'    <polyline points="{pts}" fill="none" stroke="#4a6fa5" stroke-width="1.5"/>')
        for i in range(11):
            x = 40 + i * 62
            out.append(f'    <line x1="{x}" y1="{h - 30}" x2="{x}" y2="{h - 24}" stroke="#333333"/>')
            out.append(f'    <text x="{x}" y="{h - 10}" font-size="11" text-anchor="middle">{i * 10}</text>')
    else:
        n = rng.randint(4, 14)
        boxes = []
        for i in range(n):
            x, y = 20 + (i % 5) * 135, 30 + (i // 5) * 110
            boxes.append((x, y))
            fill = rng.choice(["#f2f2f2", "#dfe7f2", "#f7e8d8"])
            out.append(f'    <rect x="{x}" y="{y}" width="115" height="60" rx="8" fill="{fill}" '
                       'stroke="#333333" stroke-width="1.6"/>')
            out.append(f'    <text x="{x + 57}" y="{y + 26}" font-size="14" font-weight="bold" '
                       f'text-anchor="middle">{rng.choice(WORDS)}</text>')
            out.append(f'    <text x="{x + 57}" y="{y + 46}" font-size="11" '
                       f'text-anchor="middle">{rng.choice(WORDS)} {rng.choice(WORDS)}</text>')
        for i in range(1, n):
            (x0, y0), (x1, y1) = boxes[rng.randrange(i)], boxes[i]
            out.append(f'    <line x1="{x0 + 57}" y1="{y0 + 60}" x2="{x1 + 57}" y2="{y1}" '
                       'stroke="#333333" stroke-width="1.4" marker-end="url(#arrow)"/>')
    out += ["  </g>", "</svg>", ""]
    return "\n".join(out)


def write_pictures(rng, d, i, first, count):
    """Writes article i's pictures, numbered from first, into d/images;
    returns their Markdown."""
    md = []
    for j in range(count):
        k = first + j
        kind = k % 10
        if kind < 4:
            name = f"shot-{i:04d}-{j}.png"
            w = rng.choice([800, 1024, 1280, 1440, 1600])
            data = screenshot(rng, w, w * rng.choice([5, 6, 9]) // 10, kind == 3)
        elif kind < 7:
            name = f"photo-{i:04d}-{j}.jpg"
            data = jpeg_bytes(rng, rng.choice([1024, 1200, 1280]), rng.choice([683, 800, 853]))
        else:
            name = f"figure-{i:04d}-{j}.svg"
            data = svg_text(rng, k).encode()
        with open(os.path.join(d, "images", name), "wb") as f:
            f.write(data)
        md += ["", f'![Generated picture {k} of article {i}](../images/{name} "Figure {k}: '
               f'{sentence(rng, 6)[:-1]}")']
    if i % 10 == 0:
        md += ["", '![The logo of the collection](../images/logo.png "The collection\'s logo")']
    return md


def add_pictures(rng, d, i, body):
    """Puts article i's pictures after its second and fourth sections."""
    count = 2 if i % 4 == 0 else 1
    first = (i - 1) * 5 // 4
    pics = write_pictures(rng, d, i, first, count)
    parts = body.split("\n## Section 3", 1)
    return parts[0] + "\n".join(pics) + "\n\n## Section 3" + parts[1]


def front_matter(meta):
    return "\n".join(["---", f'title: "{meta["title"]}"', f"date: {meta['date']}",
                      "tags: [" + ", ".join(meta["tags"]) + "]",
                      f'summary: "{meta["summary"]}"', "---", ""])


def plain_body(i, meta, body):
    """The article as part of one plain Markdown document."""
    body = re.sub(r"\[\^(\d+)\]", lambda m: f"[^a{i:04d}n{m.group(1)}]", body)
    body = re.sub(r"\]\(a(\d{4})\.md\)", r"](#a\1)", body)
    head = [f"# {meta['title']} {{#a{i:04d}}}", "",
            f"{meta['date']} · " + ", ".join(meta["tags"]), "",
            f"*{meta['summary']}*", ""]
    return "\n".join(head) + "\n" + body + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("dir", help="book folder to write")
    ap.add_argument("--plain", metavar="DIR2",
                    help="also write DIR2/book.md, the same content as plain Markdown")
    ap.add_argument("--images", action="store_true",
                    help="articles also show PNG, JPEG and SVG pictures (in DIR/images)")
    a = ap.parse_args()
    n, d = a.n, a.dir
    rng = random.Random(20261124)
    os.makedirs(os.path.join(d, "articles"), exist_ok=True)
    with open(os.path.join(d, "book.yml"), "w") as f:
        f.write(f"title: {TITLE}\nauthor: {AUTHOR}\nlanguage: en\n")
    plain = [f"---\ntitle: {TITLE}\nauthor: {AUTHOR}\nlang: en\n---\n"]
    pic_rng = random.Random(20261206)
    if a.images:
        os.makedirs(os.path.join(d, "images"), exist_ok=True)
        with open(os.path.join(d, "images", "logo.png"), "wb") as f:
            f.write(screenshot(pic_rng, 600, 200, True))
    for i in range(1, n + 1):
        meta, body = article(rng, i, n)
        if a.images:
            body = add_pictures(pic_rng, d, i, body)
        with open(os.path.join(d, "articles", f"a{i:04d}.md"), "w") as f:
            f.write(front_matter(meta) + "\n" + body)
        if a.plain:
            plain.append(plain_body(i, meta, body))
    if a.plain:
        os.makedirs(a.plain, exist_ok=True)
        with open(os.path.join(a.plain, "book.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(plain))


if __name__ == "__main__":
    main()
