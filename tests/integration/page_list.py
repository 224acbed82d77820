#!/usr/bin/env python3
"""page_list.py BIN BOOK [build options] - checks the EPUB's page-list against
the PDF built in the same run: one entry per body page of the PDF, in order,
labelled as printed; each marker is a pagebreak span with its label; the
first words after each marker in the EPUB are the first words that pdftotext
finds on that page (inside the text block, so without running heads and
folios); a blank page's marker has no text after it before the next marker;
the package has dc:source (refined as the source of the pagination) and the
pageBreakMarkers and pageNavigation features.

Where the print edition shows words the EPUB's text cannot have at that
place, they may be skipped on the PDF's side, and only they: list numbers
(CSS makes them in the EPUB), and the words of figures (SVG text, captions)
and of table header rows that the page repeats or moves to its top. A part's
page is compared with the part's name; in a table only the first word is
compared (pdftotext reads a row's cells line by line across the columns)."""
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from common import build, fail, run

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB = "{http://www.idpf.org/2007/ops}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
SVG = "{http://www.w3.org/2000/svg}"
WORD = re.compile(r"\w+(?:[-\u2010]\w+)*")
COMPARED = 4  # words compared after each marker


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def is_break(el):
    return el.tag == XHTML + "span" and el.get(EPUB + "type") == "pagebreak"


def walk(el, out, in_table=False):
    """Document order as a list of (kind, value, element, in a table) events:
    text, pagebreak markers and images."""
    in_table = in_table or el.tag == XHTML + "table"
    if is_break(el):
        out.append(("break", el.get("aria-label"), el, in_table))
    elif el.tag == XHTML + "img":
        out.append(("img", el.get("src"), el, in_table))
    if el.text:
        out.append(("text", el.text, el, in_table))
    for c in el:
        walk(c, out, in_table)
        if c.tail:
            out.append(("text", c.tail, el, in_table))


def main():
    binary, book, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    made = build(binary, book, "epub,pdf,trace", *extra)
    pdf, trace, epub = made["pdf"], made["trace"], zipfile.ZipFile(made["epub"])

    # The body's pages from the trace: arabic labels before the tag index
    # (blank pages right before it belong to the index).
    pages, frames, has_text, index_page = [], {}, {}, None
    phys = 0
    for line in open(trace, encoding="utf-8"):
        if line.startswith("page "):
            f = line.split()
            phys = int(f[1])
            frames[phys] = [float(x) for x in f[5:9]]
            has_text[phys] = False
            if f[2].isdigit():
                pages.append((f[2], phys))
        elif line.startswith("box "):
            has_text[phys] = True
        elif line.startswith("dest ") and line.split()[3] == "tag-index":
            index_page = phys
    if index_page is None:
        fail("no tag index in the trace")
    body = [(lab, p) for lab, p in pages if p < index_page]
    while body and not has_text[body[-1][1]]:
        body.pop()

    # The package document.
    opf = ET.fromstring(epub.read("EPUB/package.opf"))
    meta = opf.find(OPF + "metadata")
    source = meta.find(DC + "source")
    if source is None or source.get("id") is None:
        fail("no dc:source with an id in the package document")
    if source.text != meta.find(DC + "identifier").text:
        fail("dc:source does not name the print edition's identifier")
    props = [(m.get("property"), m.get("refines"), m.text) for m in meta.findall(OPF + "meta")]
    if ("source-of", "#" + source.get("id"), "pagination") not in props:
        fail("dc:source is not refined as the source of the pagination")
    for feature in ("pageBreakMarkers", "pageNavigation"):
        if ("schema:accessibilityFeature", None, feature) not in props:
            fail("schema:accessibilityFeature %s missing" % feature)

    # The page-list.
    nav = ET.fromstring(epub.read("EPUB/nav.xhtml"))
    lists = [n for n in nav.iter(XHTML + "nav") if n.get(EPUB + "type") == "page-list"]
    if len(lists) != 1:
        fail("%d page-list navs" % len(lists))
    entries = [(a.text, a.get("href")) for a in lists[0].iter(XHTML + "a")]
    if [e[0] for e in entries] != [lab for lab, _ in body]:
        fail("page-list labels %s... differ from the PDF's body pages %s... (%d, %d)" % (
            [e[0] for e in entries][:8], [lab for lab, _ in body][:8], len(entries), len(body)))

    # Each document's events, once.
    docs = {}

    def events(name):
        if name not in docs:
            root = ET.fromstring(epub.read("EPUB/" + name))
            ev = []
            walk(root.find(XHTML + "body"), ev)
            docs[name] = (root, ev, {c: p for p in root.iter() for c in p})
        return docs[name][1]

    def svg_words(src, name):
        path = os.path.normpath(os.path.join(os.path.dirname("EPUB/" + name), src))
        if not path.endswith(".svg"):
            return set()
        root = ET.fromstring(epub.read(path))
        return set(words(" ".join(t for t in root.itertext())))

    phys_of = dict(body)
    checked = blank = 0
    for label, href in entries:
        name, frag = href.split("#")
        ev = events(name)
        at = [i for i, e in enumerate(ev) if e[0] == "break" and e[2].get("id") == frag]
        if len(at) != 1:
            fail("%s: %d markers with id %s" % (name, len(at), frag))
        mark = ev[at[0]][2]
        if mark.get("role") != "doc-pagebreak" or mark.get("aria-label") != label:
            fail("%s: marker %s lacks role or aria-label" % (name, frag))
        # Never inside a word: not between two letters of one text.
        parent = docs[name][2][mark]
        kids = list(parent)
        i = kids.index(mark)
        before = parent.text if i == 0 else kids[i - 1].tail
        if before and mark.tail and re.search(r"\w\Z", before) and re.match(r"\w", mark.tail):
            fail("%s: marker %s inside a word: ...%s|%s..." % (
                name, frag, before[-12:], mark.tail[:12]))
        # The EPUB's words after the marker, to the next marker.
        after = []
        for kind, value, _, _ in ev[at[0] + 1:]:
            if kind == "break":
                break
            if kind == "text":
                after += words(value)
        # Words the print edition may show first that the EPUB's text has
        # elsewhere: figures and table headers of the document.
        skippable = set()
        for kind, value, _, _ in ev:
            if kind == "img":
                skippable |= svg_words(value, name)
        root = docs[name][0]
        for el in root.iter():
            if el.tag in (XHTML + "figcaption", XHTML + "th", XHTML + "thead"):
                skippable |= set(words("".join(el.itertext())))
        p = phys_of[label]
        x0, y0, x1, y1 = frames[p]
        text = run("pdftotext", "-layout", "-f", str(p), "-l", str(p), "-x", "0", "-y", str(int(y0) - 1),
                   "-W", "10000", "-H", str(int(y1 - y0) + 3), pdf, "-")
        printed = words(text)
        if not printed:
            if after:
                fail("page %s is blank in the PDF but its marker is followed by %s" % (
                    label, after[:COMPARED]))
            blank += 1
            continue
        # In a table, pdftotext reads the lines of a row's cells across the
        # columns: only the first word is compared there.
        want = after[:1 if ev[at[0]][3] else COMPARED]
        part = docs[name][0].find(".//" + XHTML + "section[@role='doc-part']")
        if part is not None:
            # A part's page prints "Part N" and its name, not the list of
            # its articles that follows in the EPUB.
            want = words("".join(part.find(XHTML + "h1").itertext()))
        if not want:
            fail("page %s prints %s but its marker in %s has no text after it" % (
                label, printed[:COMPARED], name))
        # Skip what the EPUB's text cannot have here, and only that.
        def matches(got):
            # The page may open with the end of a word broken at a hyphen.
            if len(got) == len(want) and got[1:] == want[1:] and \
                    (got[0] == want[0] or want[0].endswith(got[0])):
                return True
            # Or inside a token broken after '/', ':', '.' ... (io::|ErrorKind):
            # the marker stands before the whole token, whose first one or two
            # words end the page before.
            return any(len(want) - d >= 2 and got[:len(want) - d] == want[d:]
                       for d in (1, 2))

        first = 2 if "/" not in name and printed[:1] == ["part"] else 0
        ok = False
        for k in range(first, len(printed)):
            if matches(printed[k:k + len(want)]):
                ok = True
                break
            w = printed[k]
            # A caption's word may be hyphenated across its lines.
            if not (w in skippable or (w.isdigit() and not want[0].isdigit()) or
                    any(s.startswith(w) or s.endswith(w) for s in skippable)):
                break
        if not ok:
            fail("page %s: the EPUB (%s) has %s after its marker, the PDF's page begins %s" % (
                label, name, want, printed[:COMPARED + 4]))
        checked += 1
    print("PASS: %d page-list entries, %d compared with pdftotext, %d blank pages" % (
        len(entries), checked, blank))


main()
