#!/usr/bin/env python3
"""pdf_text.py BIN BOOK [BUILD OPTIONS…] - the PDF read back with poppler:
pdffonts shows every font embedded, subset and with a ToUnicode map;
pdftotext returns every word of every article, in order (compared with the
text of the article's XHTML in the EPUB; the words of each note in order
too, wherever the note is); pdftotext -bbox-layout shows no word
outside the text block of any page (the cover excepted)."""
import os
import re
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from common import fail, run

XHTML = "{http://www.w3.org/1999/xhtml}"


def words(text):
    """Lower-case runs of letters or of digits: the same cut on both sides,
    so that a footnote number glued to its word still matches."""
    return re.findall(r"[a-z]+|[0-9]+", text.lower())


def match(art, pdf_words, pos, slug, quiet=False):
    """Finds the words of art in order in pdf_words from pos; returns where
    the search ends. A word the PDF hyphenated across lines is matched by
    joining its pieces."""
    for idx, w in enumerate(art):
        while pos < len(pdf_words):
            cand = pdf_words[pos]
            if cand == w:
                pos += 1
                break
            # hyphenated over a line or page break: join with what follows
            joined, k = cand, pos
            while len(joined) < len(w) and k + 1 < len(pdf_words) and w.startswith(joined):
                k += 1
                joined += pdf_words[k]
            if joined == w:
                pos = k + 1
                break
            pos += 1
        else:
            if quiet:
                raise LookupError(w)
            fail(f"{slug}: word {w!r} not found in order in the PDF text (article: {' '.join(art[max(0,idx-8):idx+3])})")
    return pos


def main():
    binary, book, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = tempfile.mkdtemp()
    run(binary, "build", book, "-f", "epub,pdf,trace", "-o", out, "-q", *extra)
    name = [f for f in os.listdir(out) if f.endswith(".pdf")][0][:-4]
    pdf, epub, trace = (os.path.join(out, name + e) for e in (".pdf", ".epub", ".trace"))

    for line in run("pdffonts", pdf).splitlines()[2:]:
        cols = line.split()
        emb, sub, uni = cols[-5], cols[-4], cols[-3]
        if (emb, sub, uni) != ("yes", "yes", "yes"):
            fail("font not embedded as a subset with ToUnicode: " + line)

    # Every word of every article, in order: a subsequence of the PDF's words
    # (running heads, folios and figure labels come in between). A word the
    # PDF hyphenated across lines is matched by joining its pieces.
    # The text block of each page only: running heads and folios lie outside.
    frames, bands = {}, {}
    for line in open(trace, encoding="utf-8"):
        if line.startswith("page "):
            p = line.split()
            page = int(p[1])
            frames[page] = tuple(float(x) for x in p[5:9])
            bands[page] = []
        elif line.startswith("box ") and line.split()[3] in ("note", "figure"):
            f = line.split()
            y, h = float(f[1]), float(f[2])
            if f[3] == "note" and bands[page] and bands[page][-1][2] == "note":
                bands[page][-1][1] = y + h
            else:
                bands[page].append([y, y + h, f[3]])
    # The notes at a page's foot and the figures are read on their own, apart
    # from the text around them (a word hyphenated over a page break has its
    # pieces on either side of them).
    text, note_text, figure_text = [], [], []
    for page, (left, top, right, bottom) in sorted(frames.items()):
        if page == 1:
            continue
        cuts, y = [], top - 10
        for y0, y1, role in bands[page]:
            if role == "note":  # the rule above the notes is no text
                y0, y1 = y0 - 3, bottom + 10
            cuts.append((y, y0, text))
            cuts.append((y0, y1, note_text if role == "note" else figure_text))
            y = y1
        cuts.append((y, bottom + 10, text))
        for (y0, y1, into) in cuts:
            if y1 <= y0:
                continue
            into.append(run("pdftotext", "-raw", "-f", str(page), "-l", str(page),
                            "-x", str(int(left - 4)), "-y", str(int(y0)),
                            "-W", str(int(right - left + 8)), "-H", str(int(y1 - y0)),
                            pdf, "-"))
    pdf_words = words("\n".join(text).replace("\u00ad", ""))
    # A note going on from the page before is headed "N. (continued)".
    note_words = words(re.sub(r"(?m)^[0-9]+\. \(continued\)$", "",
                              "\n".join(note_text).replace("\u00ad", "")))
    figure_words = words("\n".join(figure_text).replace("\u00ad", ""))
    note_pos = 0
    z = zipfile.ZipFile(epub)
    order = [l.split("\t")[3] for l in run(binary, "list", book, *[a for a in extra if a.startswith("--order")]).splitlines()]
    pos = 0
    total = 0
    for slug in order:
        root = ET.fromstring(z.read(f"EPUB/text/{slug}.xhtml"))
        body = root.find(f"{XHTML}body")
        section = body.find(f"{XHTML}section")
        header = section.find(f"{XHTML}header")
        if header is not None:
            section.remove(header)  # the opener is laid out differently
        # Figures may float to the next page: their captions are checked on
        # their own, not in the running order.
        captions = []
        for parent in section.iter():
            for fig in list(parent.findall(f"{XHTML}figure")):
                captions.append(words(" ".join(fig.itertext())))
                parent.remove(fig)
        # Letters and digits only: a caption hyphenated over lines still matches.
        flat_pdf = "".join(pdf_words + figure_words)
        for cap in captions:
            if cap and "".join(cap) not in flat_pdf:
                fail(f"{slug}: caption {' '.join(cap)!r} not in the PDF text")
        # Notes are set at the foot of the pages of their references: each
        # note's words in order, on their own.
        notes = []
        for parent in section.iter():
            for el in list(parent):
                if el.tag in (f"{XHTML}section", f"{XHTML}aside") and (
                        "footnote" in (el.get("class") or "")):
                    if el.tag == f"{XHTML}section":
                        notes += [words(" ".join(li.itertext()))
                                  for ol in el.findall(f"{XHTML}ol") for li in ol.findall(f"{XHTML}li")]
                    parent.remove(el)
        # Notes set at the foot come in the order of their notes sections;
        # notes nothing referred to are endnotes, in the text.
        for note in notes:
            try:
                note_pos = match(note, note_words, note_pos, slug, quiet=True)
            except LookupError:
                match(note, pdf_words, pos, slug)
        art = words("".join(section.itertext()))
        total += len(art) + sum(len(n) for n in notes)
        pos = match(art, pdf_words, pos, slug)

    # No word outside the text block (from the trace's frames).
    bbox = run("pdftotext", "-bbox-layout", pdf, "-")
    page = 0
    outside = 0
    for m in re.finditer(r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)', bbox):
        if m.group(0).startswith("<page"):
            page += 1
            continue
        if page == 1:
            continue  # the cover bleeds to the edges
        x0, x1 = float(m.group(1)), float(m.group(3))
        left, top, right, bottom = frames[page]
        if x0 < left - 1 or x1 > right + 1:
            outside += 1
            if outside <= 5:
                print(f"page {page}: word {m.group(5)!r} at {x0:.1f}-{x1:.1f} outside {left:.1f}-{right:.1f}")
    if outside:
        fail(f"{outside} words outside the text block")
    print(f"ok: {os.path.basename(book)} {' '.join(extra)}: {total} words in order, fonts with ToUnicode, no word outside the block")


if __name__ == "__main__":
    main()
