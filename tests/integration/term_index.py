#!/usr/bin/env python3
"""term_index.py BIN BOOK [build options] - checks the index of terms of both
editions against the articles' `index:` front matter and against each other.

EPUB (index.xhtml): entries sorted A-Z under letter headings that match
them, sub-entries inside their main entry; every locator leads to an anchor
in a chapter, and the words right after that anchor, inside its paragraph
(or list item, cell, caption, quote), are the term's matched text; within an
entry the locators ascend, consecutive pages are collapsed into ranges, no
page has two. A locator without an anchor (the chapter's start, for a term
that does not occur) is allowed only with --allow-bare.
PDF: every page a locator or range names has the matched text on it
(pdftotext, words broken at line ends joined again); the term index pages
of the trace show the same entries with the same numbers, each number a
link to a destination set on the page that number is; the contents,
outline and landmarks list the index."""
import json
import os
import re
import sys
import unicodedata
import zipfile
import xml.etree.ElementTree as ET

import yaml

from common import PdfObjects, build, fail, run

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB = "{http://www.idpf.org/2007/ops}"
BLOCKS = {"p", "li", "td", "th", "figcaption", "blockquote", "dd", "dt", "caption",
          "summary", "aside"}


def norm(s):
    s = s.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def front_matter(book):
    """(primary, secondary or '') folded -> set of matched texts."""
    terms = {}
    adir = os.path.join(book, "articles")
    for name in sorted(os.listdir(adir)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(adir, name), encoding="utf-8").read()
        if not text.startswith("---\n"):
            continue
        fm = yaml.safe_load(text[4:text.index("\n---", 4)]) or {}
        for spec in fm.get("index") or []:
            entry, _, match = spec.partition("|")
            primary, _, secondary = entry.partition("!")
            primary, secondary = primary.strip(), secondary.strip()
            match = match.strip() or secondary or primary
            terms.setdefault((fold(primary), fold(secondary)), set()).add(match)
    return terms


def text_after(el, parents, target):
    """The text of el's nearest block ancestor from target on."""
    block = el
    while block in parents and block.tag[len(XHTML):] not in BLOCKS:
        block = parents[block]
    out, seen = [], [False]

    def walk(n):
        if n is target:
            seen[0] = True
        elif seen[0] and n.text:
            out.append(n.text)
        for c in n:
            walk(c)
            if seen[0] and c.tail:
                out.append(c.tail)
    walk(block)
    return norm("".join(out))


def main():
    binary, book, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    allow_bare = "--allow-bare" in extra
    extra = [a for a in extra if a != "--allow-bare"]
    terms = front_matter(book)
    if not terms:
        fail("the book has no index terms")
    made = build(binary, book, "epub,pdf,trace", *extra)
    pdf, trace, epub = made["pdf"], made["trace"], zipfile.ZipFile(made["epub"])

    # ---- EPUB: the index page.
    root = ET.fromstring(epub.read("EPUB/index.xhtml"))
    sec = next(s for s in root.iter(XHTML + "section") if s.get(EPUB + "type") == "index")
    entries = []  # (primary, secondary, [(label, href)], [ranges as (first, last)])
    keys = []
    for group in sec.findall(XHTML + "section"):
        if group.get(EPUB + "type") != "index-group":
            fail("a child section of the index is not an index-group")
        letter = group.find(XHTML + "h2").text
        lst = group.find(XHTML + "ul")

        def entry(li, primary):
            if li.get(EPUB + "type") != "index-entry":
                fail("an index list item is not an index-entry")
            term = next(s for s in li if s.get(EPUB + "type") == "index-term").text
            locs, ranges = [], []
            for c in li:
                if c.get(EPUB + "type") == "index-locator":
                    locs.append((c.text, c.get("href")))
                    ranges.append((int(c.text), int(c.text)))
                elif c.get(EPUB + "type") == "index-locator-range":
                    a, b = [x for x in c if x.get(EPUB + "type") == "index-locator"]
                    locs += [(a.text, a.get("href")), (b.text, b.get("href"))]
                    ranges.append((int(a.text), int(b.text)))
            p, s = (primary, term) if primary else (term, "")
            entries.append((p, s, locs, ranges))
            keys.append((fold(p), fold(s)))
            first = fold(p)[0]
            want = first.upper() if first.isalpha() else "Symbols and numbers"
            if want != letter:
                fail("'%s' is under the heading %s" % (p, letter))
            sub = li.find(XHTML + "ul")
            if sub is not None:
                if primary:
                    fail("sub-entries under a sub-entry")
                for c in sub:
                    entry(c, term)
        for li in lst:
            entry(li, None)
    if keys != sorted(keys):
        fail("entries not in A-Z order: %s" % keys)
    for key in terms:
        if key not in keys:
            fail("the term %s of the front matter is not in the index" % (key,))

    # Locators: ascending, collapsed, and leading to the words.
    docs = {}
    bare = checked = 0
    for p, s, locs, ranges in entries:
        key = (fold(p), fold(s))
        if not locs:
            if key in terms:
                fail("'%s' has no locator" % p)
            continue  # a heading for sub-entries only
        for (a1, b1), (a2, b2) in zip(ranges, ranges[1:]):
            if a2 <= b1 + 1:
                fail("'%s %s': pages %d-%d and %d-%d are not collapsed or not ascending"
                     % (p, s, a1, b1, a2, b2))
        for a, b in ranges:
            if b < a:
                fail("'%s': range %d-%d" % (p, a, b))
        matches = [norm(m) for m in terms[key]]
        for label, href in locs:
            name, _, frag = href.partition("#")
            if not frag:
                bare += 1
                if not allow_bare:
                    fail("'%s %s' page %s points at a chapter, not at the words" % (p, s, label))
                continue
            if name not in docs:
                r = ET.fromstring(epub.read("EPUB/" + name))
                docs[name] = (r, {c: q for q in r.iter() for c in q})
            r, parents = docs[name]
            anchor = next((e for e in r.iter() if e.get("id") == frag), None)
            if anchor is None:
                fail("%s: no element with the id of the locator" % href)
            after = text_after(parents[anchor], parents, anchor)
            if not any(after.startswith(m) for m in matches):
                fail("%s ('%s %s'): the words after the anchor are '%s'" % (href, p, s, after[:40]))
            checked += 1

    # ---- PDF: pages from the trace, their words from pdftotext.
    phys_of, index_pages, page = {}, [], None
    items = []  # per trace page: its lines
    dest_page, frames = {}, {}
    for line in open(trace, encoding="utf-8"):
        if line.startswith("page "):
            f = line.split()
            page = (int(f[1]), f[2])
            phys_of[f[2]] = int(f[1])
            frames[f[2]] = (float(f[6]), float(f[8]))
            items.append((page, []))
        elif page:
            items[-1][1].append(line.rstrip("\n"))
            if line.startswith("dest "):
                dest_page.setdefault(line.split()[3], page[1])
    start = next(i for i, (_, lines) in enumerate(items) if "dest" in " ".join(lines)
                 and any(l.endswith(" term-index") and l.startswith("dest ") for l in lines))
    page_lines = {pg[1]: lines for pg, lines in items}
    text_cache = {}

    def page_text(label):
        if label not in text_cache:
            n = str(phys_of[label])
            t = run("pdftotext", "-f", n, "-l", n, pdf, "-")

            def runs(lab):
                """The words set inside the text block (not heads, folios)."""
                y0, y1 = frames.get(lab, (0, 0))
                return [re.search(r'"(.*)"$', l).group(1) for l in page_lines.get(lab, [])
                        if l.startswith("text ") and y0 <= float(l.split()[2]) <= y1]
            # The next page's first words too (the trace draws a page's text
            # before its running head): a term may begin at the foot of the
            # page and end on the next one ("collec-" / "tor").
            after = "\n" + "\n".join(runs(str(int(label) + 1))[:3])
            # pdftotext reads a table row across its cells: a word broken
            # inside a cell is whole in the trace's order of the runs.
            t = re.sub(r"\n\s*%s\s*$" % re.escape(label), "", t.rstrip())  # the folio
            text_cache[label] = tuple(norm(v) for x in (t + after,
                                                        "\n".join(runs(label)) + after)
                                      for v in (re.sub(r"(\w)[-\u2010]\n(\w)", r"\1\2", x),
                                                re.sub(r"[-\u2010]\n", "-", x)))
        return text_cache[label]

    pdf_checked = 0
    for p, s, locs, ranges in entries:
        key = (fold(p), fold(s))
        if key not in terms:
            continue
        pats = [re.compile(r"(?<![\w])" + r"\s+".join(map(re.escape, m.split())) + r"(?![\w])")
                for m in (norm(m) for m in terms[key])]
        bare_pages = {int(l) for l, h in locs if "#" not in h}
        for a, b in ranges:
            for n in range(a, b + 1):
                if n in bare_pages:
                    continue
                texts = page_text(str(n))
                if not any(pt.search(t) for pt in pats for t in texts):
                    fail("'%s %s': page %d has none of %s" % (p, s, n, sorted(terms[key])))
                pdf_checked += 1

    # The index pages of the PDF: the same numbers, each a link to its page.
    links = []
    for pg, lines in items[start:]:
        last_text = None
        for l in lines:
            if l.startswith("text "):
                last_text = re.search(r'"(.*)"$', l).group(1)
            elif l.startswith("link "):
                links.append((last_text, l.split()[5]))
    want = [(label, "#" + (h.partition("#")[2] or "ch-" + h.split("/")[-1][:-6]))
            for _, _, locs, _ in entries for label, h in locs]
    if links != want:
        diff = next(i for i, (x, y) in enumerate(zip(links + [None] * len(want), want)) if x != y)
        fail("PDF index links differ from the EPUB's at %d: %s vs %s"
             % (diff, links[diff:diff + 3], want[diff:diff + 3]))
    for label, target in links:
        if dest_page.get(target[1:]) != label and not target.startswith("#ch-"):
            fail("the link of page number %s goes to %s on page %s"
                 % (label, target, dest_page.get(target[1:])))

    # The same in the PDF itself: every link of the index leads, through the
    # document's named destinations, to the page its number names.
    pages = json.loads(run("qpdf", "--json", "--json-key=pages", pdf))["pages"]
    page_of_obj = {pg["object"]: i + 1 for i, pg in enumerate(pages)}
    label_of_phys = {v: k for k, v in phys_of.items()}
    named = {k: d[0] for k, d in PdfObjects(pdf).named_dests().items()
             if isinstance(d, list) and d}
    for label, target in links:
        obj = named.get(target[1:])
        if obj is None:
            fail("the PDF has no destination %s (the link of page number %s)" % (target, label))
        if target.startswith("#ix-") and label_of_phys.get(page_of_obj.get(obj)) != label:
            fail("destination %s is on page %s, its link says %s"
                 % (target, label_of_phys.get(page_of_obj.get(obj)), label))

    # Contents, outline, landmarks.
    nav = ET.fromstring(epub.read("EPUB/nav.xhtml"))
    toc = next(n for n in nav.iter(XHTML + "nav") if n.get(EPUB + "type") == "toc")
    if not any(a.get("href") == "index.xhtml" for a in toc.iter(XHTML + "a")):
        fail("the EPUB's contents do not list the index")
    lm = next(n for n in nav.iter(XHTML + "nav") if n.get(EPUB + "type") == "landmarks")
    if not any(a.get("href") == "index.xhtml" and a.get(EPUB + "type") == "index"
               for a in lm.iter(XHTML + "a")):
        fail("the landmarks do not list the index")
    tr = open(trace, encoding="utf-8").read()
    if 'outline 0 "Index" term-index' not in tr:
        fail("the PDF outline does not list the index")
    if not any(l.startswith("link ") and l.endswith(" #term-index")
               for pg, lines in items if not pg[1].isdigit() for l in lines):
        fail("the PDF contents (front matter) do not link the index")
    run("qpdf", "--check", pdf)
    print("%d entries, %d EPUB locators checked (%d bare), %d PDF pages checked, %d links"
          % (len(entries), checked, bare, pdf_checked, len(links)))


if __name__ == "__main__":
    main()
