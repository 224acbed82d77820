#!/usr/bin/env python3
"""highlight.py BIN BOOK - syntax highlighting, checked on a whole book:
- the text of every code block in the EPUB is identical with highlighting and
  with `code-highlight: false` in book.yml (nothing lost or reordered), and the
  latter has no token span at all;
- every block fenced as a language with a grammar has token spans;
- in the PDF (mutool's structured text, each glyph with its colour), the
  pages of every C, C++, Go, Rust or Python block show at least four colours
  among their monospace glyphs, or as many as the block's token classes if
  fewer."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from common import fail

XHTML = "{http://www.w3.org/1999/xhtml}"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


SESSIONS = {"console", "shell-session", "shellsession", "sh-session", "terminal"}


def fence_names():
    """The fence names with a grammar: each language of grammars/grammars.lock
    and its aliases, and the shell sessions' names (src/highlight/)."""
    names = set(SESSIONS)
    with open(os.path.join(ROOT, "grammars", "grammars.lock"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 6 and parts[0] == "language":
                names.add(parts[1])
                names.update(a for a in parts[5].split(",") if a != "-")
    return names


HIGHLIGHTED = fence_names()
COLOURFUL = {"c", "cpp", "c++", "go", "golang", "rust", "rs", "python", "py"}


def build(bin_, book, out, formats):
    r = subprocess.run([bin_, "build", book, "-o", out, "-f", formats, "-q"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"build {book} exited {r.returncode}: {r.stderr}")
    for name in os.listdir(out):
        if name.endswith(".epub"):
            return os.path.join(out, name)
    fail("no EPUB written")


def code_blocks(epub):
    """[(chapter, language, text, token spans)] in book order."""
    blocks = []
    with zipfile.ZipFile(epub) as z:
        for name in sorted(n for n in z.namelist() if n.endswith(".xhtml")):
            root = ET.fromstring(z.read(name))
            for pre in root.iter(XHTML + "pre"):
                code = pre.find(XHTML + "code")
                cls = (code.get("class") or "") if code is not None else ""
                m = re.search(r"(?:^| )language-([^ ,{]+)", cls)
                lang = m.group(1).lower() if m else ""
                spans = sum(1 for e in pre.iter(XHTML + "span")
                            if (e.get("class") or "").startswith("tok-"))
                blocks.append((name, lang, "".join(pre.itertext()), spans, inks(pre)))
    return blocks


# Classes the default theme draws in one colour.
SAME_INK = {"tok-constant": "tok-number", "tok-prompt": "tok-comment"}


def inks(pre):
    """The colours a block's visible characters should be drawn in (its token
    classes, plain text being one)."""
    found = set()

    def walk(e, cls):
        if (e.get("class") or "").startswith("tok-"):
            cls = SAME_INK.get(e.get("class"), e.get("class"))
        if e.text and e.text.strip():
            found.add(cls)
        for child in e:
            walk(child, cls)
            if child.tail and child.tail.strip():
                found.add(cls)
    walk(pre, "plain")
    return len(found)


def pdf_pages(pdf, tmp):
    """Per page: (monospace text lines, set of monospace glyph colours)."""
    xml = os.path.join(tmp, "stext.xml")
    subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", xml, pdf], check=True,
                   capture_output=True)
    pages = []
    for page in ET.parse(xml).getroot().iter("page"):
        lines, colours = [], set()
        for line in page.iter("line"):
            text = []
            for font in line.iter("font"):
                if "Mono" not in font.get("name", ""):
                    continue
                for ch in font.iter("char"):
                    text.append(ch.get("c", ""))
                    if ch.get("c", "").strip():
                        colours.add(ch.get("color"))
            if text:
                lines.append("".join(text))
        pages.append(("\n".join(lines), colours))
    return pages


def main():
    if len(sys.argv) != 3:
        fail("usage: highlight.py BIN BOOK")
    bin_, book = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        on = build(bin_, book, os.path.join(tmp, "on"), "epub,pdf")
        plain_book = os.path.join(tmp, "plain")
        shutil.copytree(book, plain_book, symlinks=True)
        with open(os.path.join(plain_book, "book.yml"), "a", encoding="utf-8") as f:
            f.write("\ncode-highlight: false\n")
        off = build(bin_, plain_book, os.path.join(tmp, "off"), "epub")
        a, b = code_blocks(on), code_blocks(off)
        if len(a) != len(b):
            fail(f"{len(a)} code blocks with highlighting, {len(b)} without")
        if not a:
            fail("the book has no code block")
        highlighted = 0
        for (chap, lang, text, spans, _), (_, _, plain, plain_spans, _) in zip(a, b):
            if text != plain:
                fail(f"{chap}: a {lang or 'plain'} block's text changed:\n{text!r}\n{plain!r}")
            if plain_spans:
                fail(f"{chap}: token spans with code-highlight: false")
            if lang in HIGHLIGHTED:
                if lang in SESSIONS and not re.search(r"(?m)^[$#%>]( |$)", text):
                    continue  # output only: nothing to highlight
                if not spans:
                    fail(f"{chap}: a {lang} block has no token span")
                highlighted += 1
        pdf = on[:-len(".epub")] + ".pdf"
        pages = pdf_pages(pdf, tmp)
        checked = four = 0
        for chap, lang, text, _, want in a:
            if lang not in COLOURFUL:
                continue
            probes = [l.strip()[:40] for l in text.splitlines() if len(l.strip()) >= 12]
            if not probes:
                continue
            # The pages the block is set on (it may start at a page's foot).
            hits = [p for p in pages if any(q in p[0] for q in probes)]
            if not hits:
                fail(f"{chap}: the {lang} line {probes[0]!r} is on no PDF page")
            colours = len(set().union(*(p[1] for p in hits)))
            if colours < min(4, want):
                fail(f"{chap}: the pages of the {lang} block at {probes[0]!r} have {colours} code "
                     f"colours, the block {want}")
            checked += 1
            four += colours >= 4
        if checked and not four:
            fail("no page of C/C++/Go/Rust/Python code shows four colours")
        print(f"{len(a)} code blocks identical with and without highlighting, "
              f"{highlighted} highlighted; {checked} C/C++/Go/Rust/Python blocks found in the PDF "
              f"in their colours, {four} of them on pages with 4 or more")


if __name__ == "__main__":
    main()
