#!/usr/bin/env python3
"""pdf_apparatus.py BIN BOOK - checks the handbook's apparatus in the real PDF:
every contents and tag-index entry names the page on which pdftotext finds the
article's title heading; chapters open on odd pages; the outline has one entry
per article (or part) plus contents and index; entries carry link annotations;
metadata and page labels are present."""
import json
import os
import re
import sys
from collections import Counter
from common import PdfObjects, build, fail, run


def flat(s):
    return re.sub(r"[\s\-\u00ad]+", "", s)


def main():
    binary, book, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    made = build(binary, book, "pdf,trace", *extra)
    pdf, trace = made["pdf"], made["trace"]
    articles = [line.split("\t") for line in run(binary, "list", book).splitlines()]
    titles = [a[4] for a in articles]

    # Physical page of each printed label, from the trace.
    phys_of, label_of, dests = {}, {}, {}
    page = 0
    for line in open(trace, encoding="utf-8"):
        if line.startswith("page "):
            parts = line.split()
            page = int(parts[1])
            phys_of[parts[2]] = page
            label_of[page] = parts[2]
        elif line.startswith("dest "):
            dests[line.split()[3]] = page
    body_start = phys_of.get("1")
    if not body_start or body_start % 2 == 0:
        fail("the body does not start on a right-hand page")

    def page_text(p):
        return run("pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-")

    def entries(first, last):
        """(title, number) pairs from dot-leader lines on pages first..last."""
        found = []
        for p in range(first, last + 1):
            for line in page_text(p).splitlines():
                m = re.match(r"^\s*(.+?)\s*(?:\.\s*){3,}\s*([0-9]+|[ivxlc]+)\s*$", line)
                if m:
                    found.append((m.group(1).strip(), m.group(2)))
        return found

    def check_entries(kind, first, last, expect_all):
        got = entries(first, last)
        seen = set()
        for title in titles:
            hits = [n for (t, n) in got if flat(t).startswith(flat(title)) or flat(title).startswith(flat(t)) and len(flat(t)) > 8]
            if not hits:
                if expect_all:
                    fail(f"{kind}: no entry for {title!r}")
                continue
            seen.add(title)
            for n in hits:
                if n not in phys_of:
                    fail(f"{kind}: {title!r} names page {n}, which does not exist")
                p = phys_of[n]
                head = "\n".join(l for l in page_text(p).splitlines() if l.strip())[:300]
                if flat(title) not in flat(head):
                    fail(f"{kind}: {title!r} names page {n}, but its heading is not there")
                if p % 2 == 0:
                    fail(f"{kind}: {title!r} opens on an even page ({p})")
        return seen

    contents = dests.get("contents")
    if not contents:
        fail("no contents page")
    check_entries("contents", contents, body_start - 1, True)
    index = dests.get("tag-index")
    if not index:
        fail("no tag index")
    last = max(label_of)
    seen = check_entries("tag index", index, last, False)
    tagged = {a[4] for a in articles}
    if "Index of tags" not in flat(page_text(index)) and "Indexoftags" not in flat(page_text(index)):
        fail("the index page has no heading")
    if not seen and tagged:
        fail("the tag index lists no article")

    info = json.loads(run("qpdf", "--json", "--json-key=outlines", "--json-key=pagelabels", pdf))
    top = [o["title"] for o in info["outlines"]]
    nparts = len({a[2] for a in articles}) if "Part1" in flat(run("pdftotext", pdf, "-")) else 0
    # The index of terms, when the articles name terms, follows the tags'.
    terms = dests.get("term-index")
    tail = ["Index of tags", "Index"] if terms else ["Index of tags"]
    want = 1 + len(tail) + (nparts if nparts else len(articles))
    if len(top) != want:
        fail(f"outline has {len(top)} top entries, expected {want}: {top}")
    if top[0] != "Contents" or top[-len(tail):] != tail:
        fail(f"outline order: {top}")
    if terms and (terms <= index or not flat(page_text(terms)).startswith("Index")):
        fail(f"the index of terms (page {terms}) does not open with its title after the tags' ({index})")
    # Front matter labelled i, ii, …; the body as decimal numbers from 1.
    labels = [l["label"] for l in info["pagelabels"]]
    if labels[0].get("/P") != "u:i":
        fail(f"the first page is not labelled i: {labels[:3]}")
    body = [l for l in info["pagelabels"] if l["label"].get("/S") == "/D"]
    if not body or body[0]["index"] + 1 != body_start or body[0]["label"].get("/St", 1) != 1:
        fail(f"the body is not labelled 1, 2, … from page {body_start}: {body[:1]}")

    objs = PdfObjects(pdf)
    dicts = list(objs.dicts())
    links = Counter(d.get("/Dest") for d in dicts if d.get("/Subtype") == "/Link")
    for a in articles:
        slug, ntags = a[3], None
        n = links["u:ch-" + slug]
        if n < 2:
            fail(f"{slug}: {n} link annotations to its chapter, expected contents and index entries")
    # Tagged PDF: one H1 structure element per chapter, paragraphs as P.
    elems = Counter(d.get("/S") for d in dicts if d.get("/Type") == "/StructElem")
    if elems["/H1"] != len(articles):
        fail(f"{elems['/H1']} H1 structure elements for {len(articles)} chapters")
    root = objs.get(objs.trailer["/Root"])
    if not elems["/P"] or "/StructTreeRoot" not in root:
        fail("no structure tree with paragraphs")
    meta = run("pdfinfo", pdf)
    if "Tagged:          yes" not in meta:
        fail("the PDF is not tagged")
    for key in ("Title:", "Creator:", "CreationDate:"):
        if key not in meta:
            fail(f"metadata lacks {key}")
    if "autochitect" not in meta:
        fail("creator is not autochitect")
    print(f"ok: apparatus of {os.path.basename(book)} {' '.join(extra)}: {len(articles)} articles, "
          f"contents p.{contents}, index p.{index}, {len(top)} outline entries")


if __name__ == "__main__":
    main()
