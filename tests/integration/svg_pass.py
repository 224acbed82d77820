#!/usr/bin/env python3
"""svg_pass.py BIN - SVG figures drawn beside the pages (src/render/svgpass.c).

A book shows SVG figures with text (two faces), strokes, a gradient and a
half-transparent group, one of them twice at two sizes, one with only a
viewBox, one in a list, beside a PNG. Each figure drawn must be a form
XObject of the PDF (no stand-in left behind: no CCITT image), its text set
as text in embedded fonts (pdftotext finds every word of it). A figure with
a hyperlink is drawn in place and its link is a link of the page. The pages
must look as they do when the figures are drawn in place
(AUTOCHITECT_SVG_IN_PLACE=1): rendered at 100 dpi, no pixel may differ by
more than a few levels of grey (rounding in the sixth decimal), and only a
few may differ at all. The same words, sorted, come out of both PDFs.
"""
import os
import re
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PdfObjects, fail, new_book, png_chunk, run  # noqa: E402

BIN = sys.argv[1]

FIGURE = """<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#3366aa"/>
  <stop offset="1" stop-color="#eeeeff"/></linearGradient></defs>
  <rect x="4" y="4" width="{rw}" height="40" fill="url(#g)" stroke="#223344"/>
  <g opacity="0.5"><circle cx="60" cy="70" r="20" fill="#aa3300"/></g>
  <path d="M10 100 C 60 60, 120 140, 200 90" stroke="#000" fill="none" stroke-width="1.5"/>
  <text x="12" y="30" font-family="DejaVu Sans" font-size="13">{word} leader term</text>
  <text x="100" y="75" font-family="DejaVu Sans Mono" font-size="11">{mono}(x)</text>
</svg>
"""


book = new_book("SVG figures")
work = os.path.dirname(book)
figures = {"alpha": (220, 130, "Quorum", "commit_index"),
           "beta": (300, 160, "Gossip", "fanout_round"),
           "gamma": (180, 120, "Fencing", "epoch_token")}
for name, (w, h, word, mono) in figures.items():
    with open(f"{book}/images/{name}.svg", "w") as f:
        f.write(FIGURE.format(w=w, h=h, rw=w - 20, word=word, mono=mono))
with open(f"{book}/images/delta.svg", "w") as f:  # a viewBox, no size
    f.write(FIGURE.format(w=200, h=120, rw=180, word="Viewbox", mono="only_box")
            .replace('width="200" height="120"', 'viewBox="0 0 200 120"'))
with open(f"{book}/images/linked.svg", "w") as f:  # a link: drawn in place
    f.write(FIGURE.format(w=200, h=120, rw=180, word="Linked", mono="go_there")
            .replace("<text x=\"12\"", "<a href=\"https://example.org/linked\"><text x=\"12\"")
            .replace("term</text>", "term</text></a>"))
rows = b"".join(b"\0" + bytes([(x * 8) & 255, 90, 200] * 1) for x in range(32))
png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 32, 8, 2, 0, 0, 0))
png += png_chunk(b"IDAT", zlib.compress(rows)) + png_chunk(b"IEND", b"")
with open(f"{book}/images/strip.png", "wb") as f:
    f.write(png)
with open(book + "/articles/figures.md", "w") as f:
    f.write("---\ntitle: Figures\ndate: 2026-01-02\n---\n\n"
            "A first figure, with its text.\n\n![Alpha figure](../images/alpha.svg)\n\n"
            "The same figure smaller, in a list:\n\n"
            "- <img src=\"../images/alpha.svg\" alt=\"Alpha again\" width=\"120\">\n\n"
            "![Beta figure](../images/beta.svg)\n\n![A strip](../images/strip.png)\n\n"
            "![Gamma figure](../images/gamma.svg)\n\n![Delta figure](../images/delta.svg)\n\n"
            "![Linked figure](../images/linked.svg)\n")


def build(env_extra, out):
    env = dict(os.environ, **env_extra)
    r = subprocess.run([BIN, "build", book, "-f", "pdf", "-o", out, "-q"], env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"build failed: {r.stderr}")
    pdfs = [p for p in os.listdir(out) if p.endswith(".pdf")]
    return os.path.join(out, pdfs[0])


beside = build({}, os.path.join(work, "beside"))
in_place = build({"AUTOCHITECT_SVG_IN_PLACE": "1"}, os.path.join(work, "in_place"))

# Forms, no stand-ins left.
objs = PdfObjects(beside)
forms = images = 0
for key, o in objs.objs.items():
    d = o.get("stream", {}).get("dict") if isinstance(o, dict) else None
    if not d or d.get("/Type") != "/XObject":
        continue
    if d.get("/Subtype") == "/Form" and "/Matrix" in d and "/BBox" in d:
        forms += 1
    if d.get("/Subtype") == "/Image":
        images += 1
        if "CCITT" in str(d.get("/Filter")):
            fail(f"{key}: a stand-in left in the PDF: {d}")
# alpha twice (two sizes), beta, gamma, delta: five figures drawn beside.
if forms != 5:
    fail(f"{forms} form XObjects for the 5 SVG figures drawn beside")
uris = [objs.get(objs.get(a).get("/A", {})).get("/URI") for p in objs.pages
        for a in objs.get(objs.get(p["object"]).get("/Annots", []))]
if "u:https://example.org/linked" not in uris:
    fail(f"the SVG figure's link is not a link of its page: {uris}")
if images != 1:
    fail(f"{images} images, not the 1 PNG")

# The figures' text is text.
text = run("pdftotext", beside, "-")
for word in ("Quorum", "Gossip", "Fencing", "Viewbox", "commit_index(x)", "fanout_round(x)",
             "epoch_token(x)", "only_box(x)", "leader", "Linked", "go_there(x)"):
    if word not in text:
        fail(f"'{word}' of an SVG figure is not in the PDF's text")
if text.count("Quorum") != 2:
    fail(f"the figure drawn twice has its text {text.count('Quorum')} times")
fonts = run("pdffonts", beside)
for face in ("DejaVuSans", "DejaVuSansMono"):
    if not re.search(r"\+" + face + r"\s", fonts):
        fail(f"no embedded {face} for the figures' text:\n{fonts}")
words_in_place = sorted(run("pdftotext", in_place, "-").split())
if sorted(text.split()) != words_in_place:
    fail("the words differ from the PDF with the figures drawn in place")

# The pages look the same as with the figures drawn in place.
pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", beside)).group(1))
for p in range(1, pages + 1):
    grey = []
    for pdf in (beside, in_place):
        prefix = os.path.join(work, f"p{len(grey)}")
        subprocess.run(["pdftoppm", "-r", "100", "-gray", "-f", str(p), "-l", str(p),
                        "-singlefile", pdf, prefix], check=True)
        data = open(prefix + ".pgm", "rb").read()
        grey.append(data.split(b"\n", 3)[3])
    if len(grey[0]) != len(grey[1]):
        fail(f"page {p}: sizes differ")
    differ = [abs(a - b) for a, b in zip(grey[0], grey[1]) if a != b]
    if differ and (max(differ) > 8 or len(differ) > 400):
        fail(f"page {p}: {len(differ)} pixels differ from the figures drawn in place, "
             f"by up to {max(differ)} levels")
    ink = sum(1 for v in grey[0] if v < 128)
    if p == 1 and ink < 1000:
        fail(f"page {p}: {ink} dark pixels: nothing drawn?")
print(f"ok: {forms} forms, {pages} pages like the figures drawn in place")
